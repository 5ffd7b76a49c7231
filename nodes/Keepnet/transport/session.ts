/**
 * One run's state, owned by one object: a KeepnetSession is created once per execution (the router, the trigger's
 * poll, each picker) and lives as long as it. It holds
 * - the token lifecycle of the run (TokenGate, token.ts: renewal once per expiry; n8n keeps the token itself),
 * - the Base URL, timeout and credential as first read in this run (`target`),
 * - the pacing every request of the run follows from its first one (RequestPacer, pacing.ts),
 * - per-run caches (`cache(key, create)`: lookup lists, the existing-users index, roles, …),
 * - the customers' secrets the run has seen, for redaction,
 * - the one parameter reader (`parameter`, `collection`: parameterReader.ts; helpers/parameters.ts's readCompanyId,
 *   getItemParameter and getItemCollection take the session),
 * - whether the operation is being prepared for "All Companies I Manage" (`preparingForAllCompanies`).
 * Operations receive it from the runner (prepare/run) and call its methods; the trigger's poll and each picker make
 * their own.
 * Every request goes through `request` (JSON ServiceResult) or `binary` (files): token, company header, pacing
 * under 429, redaction, redirects, timeout and safe retries. Nothing else in the package keeps mutable state at
 * module level, except the credential's renewal map (token.ts, renewOnce), which must outlive any one run
 * (test/conventions/layout.test.ts checks this).
 */
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions, NodeParameterValueType } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { checkKeepnetBaseUrl } from './baseUrl';
import { KEEPNET_CREDENTIAL_TYPE, requestTimeoutMs } from './credentialType';
import { baseUrlError, credentialError, keepnetApiError, notAFileError, notJsonError, notSentError } from './errorMessages';
import { bodyAsObject, describeHttpFailure, isRetriableFailure, normaliseHeaders, type HttpFailure } from './httpFailure';
import { collectRows, fetchedPage, pages, type FetchedPage, type PageRequest, type PagesOptions, type WalkedPage } from './paging';
import { RequestPacer, type SlotLender } from './pacing';
import { readItemCollection, readItemParameter } from './parameterReader';
import { customerSecretsIn, redactInPlace, redactText } from './redaction';
import { TokenGate } from './token';
import { COMPANY_HEADER, type KeepnetBinaryResponse, type KeepnetFunctions, type KeepnetRequest, type PagedResults, type SearchSpec } from './types';

/**
 * Retry policy. Documented in docs/reliability.md; tests rely on these numbers.
 * - 429: honour Retry-After (seconds or HTTP date, each wait capped), else exponential backoff. A request gives up
 *   after RATE_LIMIT_MAX_RETRIES retries or RATE_LIMIT_MAX_TOTAL_WAIT_MS of waiting during which nothing got
 *   through. Every request of a run follows the session's pacer from the run's first request, so the count starts
 *   again whenever some request of the run got an answer other than 429 since this request's previous 429: a long
 *   run under a rate limit refuses some request now and then for as long as it runs, and giving up on it would
 *   leave the rest of the input unwritten while Keepnet is plainly still serving the run. A request that runs alone
 *   (a picker, a read before the items) sees nothing else get through, so the plain count is its budget; a run that
 *   no longer gets anything through still ends, with a clear error. RATE_LIMIT_RUN_MAX_RETRIES and
 *   RATE_LIMIT_RUN_MAX_TOTAL_WAIT_MS bound one request even then, should Keepnet keep refusing it alone.
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

export interface Target {
	baseUrl: string;
	timeoutMs: number;
	credentials: ICredentialDataDecryptedObject;
}

export class KeepnetSession {
	readonly tokenGate = new TokenGate();
	/** The run's pacing, from its first request: one start rate and one count of answers that got through. */
	readonly pacer: RequestPacer;
	private resolvedTarget: Target | undefined;
	private readonly customerSecrets = new Set<string>();
	private readonly caches = new Map<string, unknown>();
	private preparingAllCompanies = false;

	constructor(
		readonly ctx: KeepnetFunctions,
		now: () => number = Date.now,
	) {
		this.pacer = new RequestPacer(now);
	}

	/**
	 * The Base URL, timeout and credential as first read in this run, once a request has read them. n8n reads a
	 * credential from its database and decrypts it on every getCredentials (about 0.4 ms of CPU each in n8n 2.40,
	 * measured with `npm run bench -- --profile`), and httpRequestWithAuthentication already does that once per request.
	 */
	get target(): Target | undefined {
		return this.resolvedTarget;
	}

	/** The target, read from the credential on first use. A refusal is not kept: each item that tries is told, with its own index. */
	async resolveTarget(itemIndex: number | undefined): Promise<Target> {
		if (this.resolvedTarget) return this.resolvedTarget;
		const credentials = await this.ctx.getCredentials(KEEPNET_CREDENTIAL_TYPE);
		const check = checkKeepnetBaseUrl(credentials.baseUrl);
		if (!check.valid) throw baseUrlError(this.ctx, check.problem, itemIndex);
		this.resolvedTarget = { baseUrl: check.baseUrl, timeoutMs: requestTimeoutMs(credentials), credentials };
		return this.resolvedTarget;
	}

	/**
	 * Sends one JSON request and returns the ServiceResult's `data`. A 2xx answer that is not a JSON
	 * ServiceResult (an HTML page from a proxy, an empty body) is an error, never an `undefined` field.
	 */
	async request<T = unknown>(request: KeepnetRequest): Promise<T> {
		const ctx = this.ctx;
		const response = await sendWithRetries(this, request);
		const body = bodyAsObject(response.body);
		if (body === undefined) throw notJsonError(ctx, request, response.body, response.headers, await this.secretsSince(response.target.credentials));
		if (isServiceResultFailure(body)) {
			const secrets = await this.secretsSince(response.target.credentials);
			throw keepnetApiError(ctx, { status: 200, headers: response.headers, body, message: '' }, request, { secrets, rateLimitRetries: response.rateLimitRetries });
		}
		const data = body.data ?? body.Data;
		this.rememberCustomerSecrets(customerSecretsIn(data));
		return data as T;
	}

	/** Sends a request whose successful answer is a file; JSON answers are Keepnet's error envelope. */
	async binary(request: KeepnetRequest): Promise<KeepnetBinaryResponse> {
		const ctx = this.ctx;
		const response = await sendWithRetries(this, { ...request, binary: true });
		const buffer = Buffer.isBuffer(response.body)
			? response.body
			: response.body instanceof ArrayBuffer
				? Buffer.from(response.body)
				: Buffer.from(typeof response.body === 'string' ? response.body : '');
		if (isJsonContentType(response.headers)) {
			const body = bodyAsObject(buffer);
			if (isServiceResultFailure(body) || body === undefined) {
				const secrets = await this.secretsSince(response.target.credentials);
				throw redactInPlace(keepnetApiError(ctx, { status: 200, headers: response.headers, body, message: '' }, request, { secrets }), secrets);
			}
		}
		const contentType = baseContentType(response.headers);
		if (contentType === 'text/html' || (request.fileTypes !== undefined && !request.fileTypes.includes(contentType))) {
			throw notAFileError(ctx, request, response.headers, await this.secretsSince(response.target.credentials));
		}
		return { body: buffer, headers: response.headers };
	}

	/** One page of a search (POST `spec.path` with the page in the body). */
	async searchPage<T = IDataObject>(spec: SearchSpec, pageNumber: number, pageSize: number): Promise<PagedResults<T>> {
		const data = await this.request<(PagedResults<T> & { items?: PagedResults<T> }) | undefined>({
			method: 'POST',
			path: spec.path,
			body: { ...spec.body, pageNumber, pageSize },
			companyId: spec.companyId,
			retry: 'safe',
			itemIndex: spec.itemIndex,
			notFoundSubject: spec.notFoundSubject,
		});
		const page = spec.pageIn === undefined ? data : data?.[spec.pageIn];
		return page ?? {};
	}

	/** A search as the page iterator (paging.ts) reads it. */
	pageReader<T = IDataObject>(spec: SearchSpec): (request: PageRequest) => Promise<FetchedPage<T>> {
		return async ({ pageNumber, pageSize }) => fetchedPage(await this.searchPage<T>(spec, pageNumber, pageSize));
	}

	/** The pages of a search from page 1, through the one page iterator; stop iterating once you have enough. */
	pages<T = IDataObject>(spec: SearchSpec, options: PagesOptions): AsyncGenerator<WalkedPage<T>> {
		return pages(this.pageReader<T>(spec), options);
	}

	/** Up to `limit` records of a search (Infinity for Return All), in pages of at most `maxPageSize`. */
	async search<T = IDataObject>(spec: SearchSpec, limit: number, maxPageSize: number): Promise<T[]> {
		return await collectRows(this.pageReader<T>(spec), limit, maxPageSize);
	}

	/**
	 * The run's value for `key`, made by `create` the first time it is asked for (a lookup list, the existing-users
	 * index, a language list). Keys are namespaced by their owner, e.g. `targetUser.existingUsers`.
	 */
	cache<T>(key: string, create: () => T): T {
		if (this.caches.has(key)) return this.caches.get(key) as T;
		const value = create();
		this.caches.set(key, value);
		return value;
	}

	/** Drops a cached value (e.g. a read that failed, so the next item asks again). */
	forget(key: string): void {
		this.caches.delete(key);
	}

	/** Sets the item slots requests lend while waiting out a 429, for the duration of `send` (the runner's item phase). */
	async withItemSlots<T>(slots: SlotLender, send: () => Promise<T>): Promise<T> {
		const outer = this.pacer.slots;
		this.pacer.slots = slots;
		try {
			return await send();
		} finally {
			this.pacer.slots = outer;
		}
	}

	/** Adds customer credentials to the run's redaction list: hidden, like the node's own secret, from every error and log line of the run. */
	rememberCustomerSecrets(secrets: string[]): void {
		for (const secret of secrets) this.customerSecrets.add(secret);
	}

	/**
	 * A copy of `value` with every customer credential the run has seen replaced by the redaction mark: for the output
	 * of operations that must not carry one (Get, Get Many, Update; every operation but the one that creates it).
	 */
	withoutCustomerSecrets<T>(value: T): T {
		return redactInPlace(structuredClone(value), [...this.customerSecrets]);
	}

	/**
	 * The redaction step for texts a node builds from a successful answer (a file name from Content-Disposition, a
	 * row's reason in an import report): the same `redactText` with the same secrets as every error message, so a
	 * server or proxy that echoes the token or client secret in a 2xx answer cannot put it into workflow data either.
	 */
	async answerTextRedactor(): Promise<(text: string) => string> {
		const secrets = await this.secretsSince((await this.resolveTarget(undefined)).credentials);
		return (text) => redactText(text, secrets);
	}

	/**
	 * What an answer could echo back: the client secret and the tokens in use before and after the request, and the
	 * customers' credentials the run has seen.
	 */
	async secretsSince(before: ICredentialDataDecryptedObject): Promise<unknown[]> {
		const secrets: unknown[] = [before.clientSecret, before.accessToken, ...this.customerSecrets];
		try {
			const after = await this.ctx.getCredentials(KEEPNET_CREDENTIAL_TYPE);
			secrets.push(after.clientSecret, after.accessToken);
		} catch {
			// The credential could be read a moment ago; what was read then is enough to redact with.
		}
		return secrets;
	}

	/** One item's parameter, as `getNodeParameter` gives it, without evaluating where the answer is known (parameterReader.ts). */
	parameter(name: string, itemIndex: number, fallback: unknown, options?: { extractValue?: boolean }): NodeParameterValueType | object {
		return readItemParameter(this.executeContext(), this.cache('parameters.fixed', () => new Map<string, unknown>()), name, itemIndex, fallback, options);
	}

	/** A collection parameter (e.g. Additional Fields) for one item, each field read as `parameter` does. */
	collection(name: string, itemIndex: number): IDataObject {
		return readItemCollection(this.executeContext(), name, itemIndex);
	}

	/** Whether the operation is being prepared for "All Companies I Manage" (helpers/companyScope.ts). */
	get preparingForAllCompanies(): boolean {
		return this.preparingAllCompanies;
	}

	async whilePreparingForAllCompanies<T>(prepare: () => T | Promise<T>): Promise<T> {
		this.preparingAllCompanies = true;
		try {
			return await prepare();
		} finally {
			this.preparingAllCompanies = false;
		}
	}

	private executeContext(): IExecuteFunctions {
		return this.ctx as IExecuteFunctions;
	}
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
async function sendOnce(session: KeepnetSession, url: string, target: Target, request: KeepnetRequest): Promise<FullResponse> {
	const ctx = session.ctx;
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
	return await session.tokenGate.run(ctx, async () =>
		(await ctx.helpers.httpRequestWithAuthentication.call(ctx, KEEPNET_CREDENTIAL_TYPE, options)) as FullResponse,
	);
}

async function sendWithRetries(
	session: KeepnetSession,
	request: KeepnetRequest,
): Promise<{ body: unknown; headers: Record<string, string>; target: Target; rateLimitRetries: number }> {
	const ctx = session.ctx;
	const target = await session.resolveTarget(request.itemIndex);
	// A customer's secret sent in this request (a client's secret on create or update) is redacted from its answer.
	if (request.body !== undefined && !Buffer.isBuffer(request.body)) session.rememberCustomerSecrets(customerSecretsIn(request.body));
	let url = `${target.baseUrl}${request.path}`;
	let rateLimitRetries = 0;
	let serverErrorRetries = 0;
	let redirects = 0;
	let waitedMs = 0;
	// Retries and waiting since the run last got something through (see the retry policy above).
	let stalledRetries = 0;
	let stalledWaitMs = 0;
	let progressAtLastRateLimit: number | undefined;
	const pacing = session.pacer;
	for (;;) {
		let failure: HttpFailure;
		const attempt = await pacing.beforeAttempt();
		try {
			const response = await sendOnce(session, url, target, request);
			pacing.answered(attempt, false);
			return { body: response.body, headers: normaliseHeaders(response.headers), target, rateLimitRetries };
		} catch (error) {
			failure = describeHttpFailure(error);
		}
		if (failure.status !== undefined) pacing.answered(attempt, failure.status === 429);
		const secrets = await session.secretsSince(target.credentials);
		const fromCredential = credentialError(ctx, failure, request.itemIndex, secrets);
		if (fromCredential) throw fromCredential;

		const redirectTo = sameOriginRedirect(failure, url, target.baseUrl);
		if (redirectTo !== undefined && redirects < MAX_REDIRECTS) {
			redirects++;
			url = redirectTo;
			continue;
		}

		if (failure.status === 429) {
			if (progressAtLastRateLimit !== undefined && pacing.progress !== progressAtLastRateLimit) {
				stalledRetries = 0;
				stalledWaitMs = 0;
			}
			progressAtLastRateLimit = pacing.progress;
			const asked = retryAfterMs(failure.headers);
			const wait = Math.min(asked ?? RATE_LIMIT_BACKOFF_BASE_MS * 2 ** stalledRetries, RATE_LIMIT_MAX_WAIT_PER_RETRY_MS);
			const withinRunBounds = rateLimitRetries < RATE_LIMIT_RUN_MAX_RETRIES && waitedMs + wait <= RATE_LIMIT_RUN_MAX_TOTAL_WAIT_MS;
			if (stalledRetries < RATE_LIMIT_MAX_RETRIES && stalledWaitMs + wait <= RATE_LIMIT_MAX_TOTAL_WAIT_MS && withinRunBounds) {
				rateLimitRetries++;
				stalledRetries++;
				waitedMs += wait;
				stalledWaitMs += wait;
				await pacing.waitOutRateLimit(wait);
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

/** The answer's content type without its parameters, lower-cased ('' when there is none). */
export function baseContentType(headers: Record<string, string>): string {
	return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

