/**
 * The transport's public names in one place: the retry policy's numbers, the company header and the request and
 * answer types. Requests themselves are sent by the run's KeepnetSession (session.ts: `session.request`,
 * `session.binary`, `session.pages`, …), which owns the token lifecycle, the target, pacing, caches and redaction.
 */
import type { Target } from './session';
import type { KeepnetBinaryResponse, KeepnetFunctions, KeepnetRequest } from './types';

// Callers that decide on a failed write (Create or Update) import these from here, with the retry numbers.
export { failedAfterRateLimit, writeOutcomeInDoubt } from './errorMessages';
export {
	MAX_REDIRECTS,
	RATE_LIMIT_BACKOFF_BASE_MS,
	RATE_LIMIT_MAX_RETRIES,
	RATE_LIMIT_MAX_TOTAL_WAIT_MS,
	RATE_LIMIT_MAX_WAIT_PER_RETRY_MS,
	RATE_LIMIT_RUN_MAX_RETRIES,
	RATE_LIMIT_RUN_MAX_TOTAL_WAIT_MS,
	SERVER_ERROR_BACKOFF_BASE_MS,
	SERVER_ERROR_MAX_RETRIES,
	baseContentType,
} from './session';
export { COMPANY_HEADER } from './types';
export type { KeepnetBinaryResponse, KeepnetFunctions, KeepnetRequest, Target };
