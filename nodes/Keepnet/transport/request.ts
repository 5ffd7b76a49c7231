import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { checkKeepnetBaseUrl } from './baseUrl';
import { KEEPNET_CREDENTIAL_TYPE, requestTimeoutMs } from './credentialType';
import { baseUrlError, credentialError, keepnetApiError, notAFileError, notJsonError, notSentError } from './errorMessages';
import { bodyAsObject, describeHttpFailure, isRetriableFailure, normaliseHeaders, type HttpFailure } from './httpFailure';
import { customerSecretsIn, redactInPlace, redactText } from './redaction';
import { TokenGate } from './tokenGate';

// Callers that decide on a failed write (Create or Update) import it from here, with the request functions.
export { failedAfterRateLimit, writeOutcomeInDoubt } from './errorMessages';

export const COMPANY_HEADER = 'X-KEEPNET-Company-Id';

/** Every n8n context that talks to Keepnet: the node's execute, the editor's pickers, the trigger's poll. */
export type KeepnetFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * Retry policy. Documented in docs/reliability.md; tests rely on these numbers.
 * - 429: honour Retry-After (seconds or HTTP date, each wait capped), else exponential backoff. A request gives up
 *   after RATE_LIMIT_MAX_RETRIES retries or RATE_LIMIT_MAX_TOTAL_WAIT_MS of waiting during which nothing got
 *   through. Outside a runner (pickers, the trigger's poll, batch operations) a request cannot see anything else get
 *   through, so that is its whole budget. Inside a runner (state.pacing) the count starts again whenever some request
 *   of the run got an answer other than 429 since this request's previous 429: a long run under a rate limit
 *   refuses some request now and then for as long as it runs, and giving up on it would leave the rest of the input
 *   unwritten while Keepnet is plainly still serving the run; a run that no longer gets anything through still
 *   ends, with a clear error. RATE_LIMIT_RUN_MAX_RETRIES and RATE_LIMIT_RUN_MAX_TOTAL_WAIT_MS bound one request
 *   even then, should Keepnet keep refusing it alone.
 * - 5xx, dropped connections and timeouts: only requests marked `retry: 'safe'` (reads, searches,
 *   full-body PUTs) are retried; a create is never replayed blindly, since its first attempt may have succeeded.
 * - Redirects: followed only within the Base URL's origin (scheme, host and port), at most MAX_REDIRECTS.
 */
export const RATE_LIMIT_MAX_RETRIES = 5;
export const RATE_LIMIT_MAX_WAIT_PER_RETRY_MS = 30_000;
export const RATE_LIMIT_MAX_TOTAL_WAIT_MS = 60_000;
export const RATE_LIMIT_BACKOFF_BASE_MS = 500;
export const RATE_LIMIT_RUN_MAX_RETRIES = 100;
export const RATE_LIMIT_RUN_MAX_TOTAL_WAIT_MS = 15 * 60_000;
export const SERVER_ERROR_MAX_RETRIES = 3;
export const SERVER_ERROR_BACKOFF_BASE_MS = 300;
export const MAX_REDIRECTS = 3;

export interface KeepnetRequest {
	method: IHttpRequestMethods;
	/** Path below the Base URL, starting with /api/. Any IDs in it must already be validated. */
	path: string;
	body?: IDataObject | IDataObject[] | Buffer;
	/** Sent as X-KEEPNET-Company-Id: the customer the request acts in. */
	companyId?: string;
	headers?: Record<string, string>;
	/**
	 * Whether the request may be replayed after a 5xx, a dropped connection or a timeout. 'never' also
	 * marks a write whose outcome is unknown when no clear answer arrived.
	 */
	retry: 'safe' | 'never';
	/** Answer expected as a file (export) rather than a JSON ServiceResult. */
	binary?: boolean;
	/**
	 * With `binary`: the content types (without parameters) Keepnet serves the file as. Any other 2xx answer is an
	 * error, not a file. Whatever the list, an HTML page (a proxy's or the web console's) is never taken as a file.
	 */
	fileTypes?: readonly string[];
	itemIndex?: number;
	/** How to name the thing a 404 refers to, e.g. `target user "Ab12Cd34Ef56"`. */
	notFoundSubject?: string;
}

export interface KeepnetBinaryResponse {
	body: Buffer;
	headers: Record<string, string>;
}

/**
 * State one node run shares between its requests. It lives for a single `execute` or load-options call
 * and holds no token, only the coordination that makes token renewal happen once.
 */
export interface KeepnetRunState {
	tokenGate: TokenGate;
	/**
	 * The Base URL, timeout and credential as first read in this run. n8n reads a credential from its database and
	 * decrypts it on every getCredentials (about 0.4 ms of CPU each in n8n 2.40, measured with `npm run bench --
	 * --profile`), and httpRequestWithAuthentication already does that once per request.
	 */
	target?: Target;
	/**
	 * Set by the runner (actions/runner.ts, actions/pacing.ts) while it sends items; absent for pickers, the
	 * trigger's poll and batch operations. With it, request starts are paced to what Keepnet admits, a 429's
	 * Retry-After is waited out without holding the item's slot, and a 429 is retried as long as the run gets through.
	 */
	pacing?: RequestPacing;
	/**
	 * Customers' credentials (client secrets, SCIM tokens) this run sent or received, kept for this run only: the
	 * redaction step hides them, like the node's own secret, from every error and log line of the run.
	 */
	customerSecrets?: Set<string>;
}

/**
 * A copy of `value` with every customer credential the run has seen replaced by the redaction mark: for the output
 * of operations that must not carry one (Get, Get Many, Update; every operation but the one that creates it).
 */
export function withoutCustomerSecrets<T>(state: KeepnetRunState, value: T): T {
	return redactInPlace(structuredClone(value), [...(state.customerSecrets ?? [])]);
}

/** Adds customer credentials to the run's redaction list (see KeepnetRunState.customerSecrets). */
export function rememberCustomerSecrets(state: KeepnetRunState, secrets: string[]): void {
	if (secrets.length === 0) return;
	state.customerSecrets ??= new Set();
	for (const secret of secrets) state.customerSecrets.add(secret);
}

/** A runner's pacing, as the transport uses it. */
export interface RequestPacing {
	/** Resolves when the next attempt may be sent; the number it gives is passed back with the attempt's answer. */
	beforeAttempt(): Promise<number>;
	/** The attempt was answered, `rateLimited` when with 429. Not called when no answer arrived. */
	answered(attempt: number, rateLimited: boolean): void;
	/** Answers other than 429 the run has had so far: a 429 retry policy's sign that the run still gets through. */
	readonly progress: number;
	/** Waits out a 429's Retry-After without holding the item's slot; takes a slot back before new items do. */
	waitOutRateLimit(ms: number): Promise<void>;
}

export function newRunState(): KeepnetRunState {
	return { tokenGate: new TokenGate() };
}

export interface Target {
	baseUrl: string;
	timeoutMs: number;
	credentials: ICredentialDataDecryptedObject;
}

async function resolveTarget(ctx: KeepnetFunctions, state: KeepnetRunState, itemIndex: number | undefined): Promise<Target> {
	if (state.target) return state.target;
	const credentials = await ctx.getCredentials(KEEPNET_CREDENTIAL_TYPE);
	const check = checkKeepnetBaseUrl(credentials.baseUrl);
	// A refusal is not kept: each item that tries is told, with its own index.
	if (!check.valid) throw baseUrlError(ctx, check.problem, itemIndex);
	state.target = { baseUrl: check.baseUrl, timeoutMs: requestTimeoutMs(credentials), credentials };
	return state.target;
}

/**
 * What an answer could echo back: the client secret and the tokens in use before and after the request, and the
 * customers' credentials the run has seen (`state`).
 */
async function secretsOf(ctx: KeepnetFunctions, before: ICredentialDataDecryptedObject, state: KeepnetRunState): Promise<unknown[]> {
	const secrets: unknown[] = [before.clientSecret, before.accessToken, ...(state.customerSecrets ?? [])];
	try {
		const after = await ctx.getCredentials(KEEPNET_CREDENTIAL_TYPE);
		secrets.push(after.clientSecret, after.accessToken);
	} catch {
		// The credential could be read a moment ago; what was read then is enough to redact with.
	}
	return secrets;
}

function retryAfterMs(headers: Record<string, string>): number | undefined {
	const value = headers['retry-after'];
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(value);
	if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
	return undefined;
}

function isServiceResultFailure(body: Record<string, unknown> | undefined): boolean {
	if (!body) return false;
	const status = typeof body.status === 'string' ? body.status.toUpperCase() : undefined;
	if (status !== undefined && status !== 'SUCCESS') return true;
	return body.isSuccess === false;
}

function isJsonContentType(headers: Record<string, string>): boolean {
	return /json/i.test(headers['content-type'] ?? '');
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** The URL a redirect points at, when it stays on the Base URL's origin (scheme, host and port); else undefined. */
function sameOriginRedirect(failure: HttpFailure, fromUrl: string, baseUrl: string): string | undefined {
	const location = failure.headers.location;
	if (failure.status === undefined || failure.status < 300 || failure.status >= 400 || !location) return undefined;
	let target: URL;
	try {
		target = new URL(location, fromUrl);
	} catch {
		return undefined;
	}
	return target.origin === new URL(baseUrl).origin ? target.toString() : undefined;
}

/**
 * One attempt. Redirects are never followed by the HTTP client (`disableFollowRedirect`): a 3xx comes back
 * here as a failure, and sendWithRetries follows it only within the Base URL's origin, so neither the
 * token nor a request body ever reaches another host, or the same host over plain http.
 */
async function sendOnce(ctx: KeepnetFunctions, state: KeepnetRunState, url: string, target: Target, request: KeepnetRequest): Promise<FullResponse> {
	const headers: Record<string, string> = { Accept: request.binary ? '*/*' : 'application/json', ...request.headers };
	if (request.companyId !== undefined) headers[COMPANY_HEADER] = request.companyId;
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers,
		returnFullResponse: true,
		json: !request.binary && !Buffer.isBuffer(request.body),
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: target.timeoutMs,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.binary) options.encoding = 'arraybuffer';
	return await state.tokenGate.run(ctx, async () =>
		(await ctx.helpers.httpRequestWithAuthentication.call(ctx, KEEPNET_CREDENTIAL_TYPE, options)) as FullResponse,
	);
}

async function sendWithRetries(
	ctx: KeepnetFunctions,
	state: KeepnetRunState,
	request: KeepnetRequest,
): Promise<{ body: unknown; headers: Record<string, string>; target: Target; rateLimitRetries: number }> {
	const target = await resolveTarget(ctx, state, request.itemIndex);
	// A customer's secret sent in this request (a client's secret on create or update) is redacted from its answer.
	if (request.body !== undefined && !Buffer.isBuffer(request.body)) rememberCustomerSecrets(state, customerSecretsIn(request.body));
	let url = `${target.baseUrl}${request.path}`;
	let rateLimitRetries = 0;
	let serverErrorRetries = 0;
	let redirects = 0;
	let waitedMs = 0;
	// Retries and waiting since the run last got something through (see the retry policy above).
	let stalledRetries = 0;
	let stalledWaitMs = 0;
	let progressAtLastRateLimit: number | undefined;
	const pacing = state.pacing;
	for (;;) {
		let failure: HttpFailure;
		const attempt = pacing ? await pacing.beforeAttempt() : 0;
		try {
			const response = await sendOnce(ctx, state, url, target, request);
			pacing?.answered(attempt, false);
			return { body: response.body, headers: normaliseHeaders(response.headers), target, rateLimitRetries };
		} catch (error) {
			failure = describeHttpFailure(error);
		}
		if (failure.status !== undefined) pacing?.answered(attempt, failure.status === 429);
		const secrets = await secretsOf(ctx, target.credentials, state);
		const fromCredential = credentialError(ctx, failure, request.itemIndex, secrets);
		if (fromCredential) throw fromCredential;

		const redirectTo = sameOriginRedirect(failure, url, target.baseUrl);
		if (redirectTo !== undefined && redirects < MAX_REDIRECTS) {
			redirects++;
			url = redirectTo;
			continue;
		}

		if (failure.status === 429) {
			if (pacing && progressAtLastRateLimit !== undefined && pacing.progress !== progressAtLastRateLimit) {
				stalledRetries = 0;
				stalledWaitMs = 0;
			}
			progressAtLastRateLimit = pacing?.progress;
			const asked = retryAfterMs(failure.headers);
			const wait = Math.min(asked ?? RATE_LIMIT_BACKOFF_BASE_MS * 2 ** stalledRetries, RATE_LIMIT_MAX_WAIT_PER_RETRY_MS);
			const withinRunBounds = rateLimitRetries < RATE_LIMIT_RUN_MAX_RETRIES && waitedMs + wait <= RATE_LIMIT_RUN_MAX_TOTAL_WAIT_MS;
			if (stalledRetries < RATE_LIMIT_MAX_RETRIES && stalledWaitMs + wait <= RATE_LIMIT_MAX_TOTAL_WAIT_MS && withinRunBounds) {
				rateLimitRetries++;
				stalledRetries++;
				waitedMs += wait;
				stalledWaitMs += wait;
				await (pacing ? pacing.waitOutRateLimit(wait) : sleep(wait));
				continue;
			}
		}
		if (isRetriableFailure(failure) && request.retry === 'safe' && serverErrorRetries < SERVER_ERROR_MAX_RETRIES) {
			await sleep(SERVER_ERROR_BACKOFF_BASE_MS * 2 ** serverErrorRetries);
			serverErrorRetries++;
			continue;
		}
		if (failure.status === undefined && failure.networkCode === undefined && !failure.timedOut) {
			throw notSentError(ctx, failure, request.itemIndex, secrets);
		}
		throw keepnetApiError(ctx, failure, request, {
			rateLimitRetries,
			waitedMs,
			stalledRateLimitRetries: stalledRetries,
			secrets,
			timeoutMs: target.timeoutMs,
			requestUrl: url,
			baseUrl: target.baseUrl,
			maxRedirects: MAX_REDIRECTS,
		});
	}
}

/**
 * Sends one JSON request and returns the ServiceResult's `data`. A 2xx answer that is not a JSON
 * ServiceResult (an HTML page from a proxy, an empty body) is an error, never an `undefined` field.
 */
export async function keepnetApiRequest<T = unknown>(
	ctx: KeepnetFunctions,
	state: KeepnetRunState,
	request: KeepnetRequest,
): Promise<T> {
	const response = await sendWithRetries(ctx, state, request);
	const body = bodyAsObject(response.body);
	if (body === undefined) throw notJsonError(ctx, request, response.body, response.headers, await secretsOf(ctx, response.target.credentials, state));
	if (isServiceResultFailure(body)) {
		const secrets = await secretsOf(ctx, response.target.credentials, state);
		throw keepnetApiError(ctx, { status: 200, headers: response.headers, body, message: '' }, request, { secrets, rateLimitRetries: response.rateLimitRetries });
	}
	const data = body.data ?? body.Data;
	rememberCustomerSecrets(state, customerSecretsIn(data));
	return data as T;
}

/** Sends a request whose successful answer is a file; JSON answers are Keepnet's error envelope. */
export async function keepnetBinaryRequest(
	ctx: KeepnetFunctions,
	state: KeepnetRunState,
	request: KeepnetRequest,
): Promise<KeepnetBinaryResponse> {
	const response = await sendWithRetries(ctx, state, { ...request, binary: true });
	const buffer = Buffer.isBuffer(response.body)
		? response.body
		: response.body instanceof ArrayBuffer
			? Buffer.from(response.body)
			: Buffer.from(typeof response.body === 'string' ? response.body : '');
	if (isJsonContentType(response.headers)) {
		const body = bodyAsObject(buffer);
		if (isServiceResultFailure(body) || body === undefined) {
			const secrets = await secretsOf(ctx, response.target.credentials, state);
			throw redactInPlace(keepnetApiError(ctx, { status: 200, headers: response.headers, body, message: '' }, request, { secrets }), secrets);
		}
	}
	const contentType = baseContentType(response.headers);
	if (contentType === 'text/html' || (request.fileTypes !== undefined && !request.fileTypes.includes(contentType))) {
		throw notAFileError(ctx, request, response.headers, await secretsOf(ctx, response.target.credentials, state));
	}
	return { body: buffer, headers: response.headers };
}

/** The answer's content type without its parameters, lower-cased ('' when there is none). */
export function baseContentType(headers: Record<string, string>): string {
	return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The redaction step for texts a node builds from a successful answer (a file name from Content-Disposition, a
 * row's reason in an import report): the same `redactText` with the same secrets as every error message, so a
 * server or proxy that echoes the token or client secret in a 2xx answer cannot put it into workflow data either.
 */
export async function answerTextRedactor(ctx: KeepnetFunctions, state: KeepnetRunState): Promise<(text: string) => string> {
	const secrets = await secretsOf(ctx, (await resolveTarget(ctx, state, undefined)).credentials, state);
	return (text) => redactText(text, secrets);
}
