/**
 * The request functions as operations call them today: thin wrappers over the run's KeepnetSession (session.ts),
 * which owns the token lifecycle, the target, pacing, per-run caches and redaction. New code calls the session's
 * methods (`session.request`, `session.binary`, …); these stay until every call site is renamed.
 */
import { KeepnetSession, type Target } from './session';
import type { KeepnetBinaryResponse, KeepnetFunctions, KeepnetRequest } from './types';

// Callers that decide on a failed write (Create or Update) import it from here, with the request functions.
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

/** The state one node run shares between its requests: its session (the name call sites still use). */
export type KeepnetRunState = KeepnetSession;

/** A new session for one run of `ctx` (an execution, a poll, a picker call). */
export function newRunState(ctx: KeepnetFunctions): KeepnetRunState {
	return new KeepnetSession(ctx);
}

/** A copy of `value` without any customer credential the run has seen (KeepnetSession.withoutCustomerSecrets). */
export function withoutCustomerSecrets<T>(state: KeepnetRunState, value: T): T {
	return state.withoutCustomerSecrets(value);
}

/** Adds customer credentials to the run's redaction list (KeepnetSession.rememberCustomerSecrets). */
export function rememberCustomerSecrets(state: KeepnetRunState, secrets: string[]): void {
	state.rememberCustomerSecrets(secrets);
}

/**
 * Sends one JSON request and returns the ServiceResult's `data` (KeepnetSession.request). `ctx` is the context the
 * session was made for; it is taken for the call sites' sake.
 */
export async function keepnetApiRequest<T = unknown>(_ctx: KeepnetFunctions, state: KeepnetRunState, request: KeepnetRequest): Promise<T> {
	return await state.request<T>(request);
}

/** Sends a request whose successful answer is a file (KeepnetSession.binary). */
export async function keepnetBinaryRequest(_ctx: KeepnetFunctions, state: KeepnetRunState, request: KeepnetRequest): Promise<KeepnetBinaryResponse> {
	return await state.binary(request);
}

/** The redaction step for texts built from a successful answer (KeepnetSession.answerTextRedactor). */
export async function answerTextRedactor(_ctx: KeepnetFunctions, state: KeepnetRunState): Promise<(text: string) => string> {
	return await state.answerTextRedactor();
}
