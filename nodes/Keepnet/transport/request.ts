import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { checkKeepnetBaseUrl } from './baseUrl';
import { bodyAsObject, describeHttpFailure, normaliseHeaders, type HttpFailure } from './httpFailure';
import { TokenGate } from './tokenGate';

export const CREDENTIAL_TYPE = 'keepnetApi';
export const COMPANY_HEADER = 'X-KEEPNET-Company-Id';

export type KeepnetFunctions = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * Retry policy. Documented in the README ("Reliability"); tests rely on these numbers.
 * - 429: honour Retry-After (seconds or HTTP date, each wait capped), else exponential backoff;
 *   at most RATE_LIMIT_MAX_RETRIES retries and RATE_LIMIT_MAX_TOTAL_WAIT_MS of waiting per request.
 * - 5xx and dropped connections: only requests marked `retry: 'safe'` (reads, searches, full-body PUTs)
 *   are retried; a create is never replayed blindly, since its first attempt may have succeeded.
 */
export const RATE_LIMIT_MAX_RETRIES = 5;
export const RATE_LIMIT_MAX_WAIT_PER_RETRY_MS = 30_000;
export const RATE_LIMIT_MAX_TOTAL_WAIT_MS = 60_000;
export const RATE_LIMIT_BACKOFF_BASE_MS = 500;
export const SERVER_ERROR_MAX_RETRIES = 3;
export const SERVER_ERROR_BACKOFF_BASE_MS = 300;

export interface KeepnetRequest {
	method: IHttpRequestMethods;
	/** Path below the Base URL, starting with /api/. Any IDs in it must already be validated. */
	path: string;
	body?: IDataObject | IDataObject[] | Buffer;
	/** Sent as X-KEEPNET-Company-Id: the customer the request acts in. */
	companyId?: string;
	headers?: Record<string, string>;
	/** Whether the request may be replayed after a 5xx or a dropped connection. */
	retry: 'safe' | 'never';
	/** Answer expected as a file (export) rather than a JSON ServiceResult. */
	binary?: boolean;
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
	/** Told of every 429 Keepnet answers (before the wait and retry), so the caller can slow down. */
	onRateLimited?: () => void;
}

export function newRunState(): KeepnetRunState {
	return { tokenGate: new TokenGate() };
}

async function resolveBaseUrl(ctx: KeepnetFunctions, itemIndex: number | undefined): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const check = checkKeepnetBaseUrl(credentials.baseUrl);
	if (!check.valid) {
		throw new NodeOperationError(ctx.getNode(), check.problem, {
			itemIndex,
			description: 'Fix the Base URL field of the Keepnet API credential.',
		});
	}
	return check.baseUrl;
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

function serviceMessages(body: Record<string, unknown> | undefined): { message?: string; details: string[] } {
	if (!body) return { details: [] };
	const message = [body.message, body.Message].find((m): m is string => typeof m === 'string' && m.trim() !== '');
	const rawList = body.validationMessages ?? body.ValidationMessages ?? body.messages;
	const details = Array.isArray(rawList)
		? rawList.filter((m): m is string => typeof m === 'string' && m.trim() !== '')
		: [];
	return { message, details };
}

function contentTypeOf(headers: Record<string, string>): string {
	return headers['content-type'] ?? 'no content type';
}

/** Turns a failed answer into the error the user sees: what happened, and what to do about it. */
export function keepnetApiError(
	ctx: KeepnetFunctions,
	failure: HttpFailure,
	request: Pick<KeepnetRequest, 'companyId' | 'itemIndex' | 'notFoundSubject' | 'method' | 'path'>,
	extra: { rateLimitRetries?: number; waitedMs?: number } = {},
): NodeApiError {
	const body = bodyAsObject(failure.body);
	const { message: apiMessage, details } = serviceMessages(body);
	const status = failure.status;
	let message: string;
	let description: string;

	if (status === undefined) {
		message = `Could not reach Keepnet${failure.networkCode ? ` (${failure.networkCode})` : ''}: the connection failed before an answer arrived`;
		description =
			request.method === 'POST' && !request.path.includes('search')
				? 'The request may or may not have been carried out. Check in Keepnet before running this item again, or use Create or Update, which checks first.'
				: 'Check the Base URL of the Keepnet API credential and that this n8n instance can reach it, then run again.';
	} else if (status === 400) {
		message = details.length > 0 ? `Keepnet rejected the input: ${details.join(' ')}` : `Keepnet rejected the input${apiMessage ? `: ${apiMessage}` : ''}`;
		description = 'Correct the field named in the message and run again.';
	} else if (status === 401) {
		message = 'Keepnet did not accept the access token (HTTP 401)';
		description =
			'n8n fetched a new token and Keepnet refused it too. Check the Client ID and Client Secret of the Keepnet API credential, and that the REST API client is Active in Keepnet.';
	} else if (status === 403) {
		if (body?.status === 'PRIVACY_ERROR') {
			message = `The privacy settings of company "${request.companyId ?? ''}" block this access (HTTP 403)`;
			description = 'The customer has restricted Reseller access in its privacy settings; ask the customer to allow it.';
		} else if (request.companyId) {
			message = `Keepnet refused access to company "${request.companyId}" (HTTP 403)`;
			description =
				'Either that company is not one you manage, or the credential is not a Reseller credential. Pick the company from the Company list, and use a REST API client whose Client Role is "Reseller".';
		} else {
			message = `The credential is not allowed to do this (HTTP 403)${apiMessage ? `: ${apiMessage}` : ''}`;
			description = 'Use a Keepnet REST API client whose Client Role is "Reseller" (Company → Company Settings → REST API).';
		}
	} else if (status === 404) {
		message = request.notFoundSubject
			? `Keepnet has no ${request.notFoundSubject} (HTTP 404)`
			: request.companyId
				? `Keepnet does not know company "${request.companyId}" or the requested record (HTTP 404)`
				: 'Keepnet did not find the requested record (HTTP 404)';
		description = 'Check the ID. Pick the company and records from the lists, or use a Get Many operation to find the right ID.';
	} else if (status === 429) {
		const waited = Math.round((extra.waitedMs ?? 0) / 1000);
		message = 'Keepnet is rate-limiting requests (HTTP 429)';
		description = `Gave up after ${extra.rateLimitRetries ?? 0} retries and ${waited} s of waiting. Lower the Concurrency option, or run the workflow again later.`;
	} else if (status >= 500) {
		message = `Keepnet answered with a server error (HTTP ${status})${apiMessage ? `: ${apiMessage}` : ''}`;
		description =
			request.method === 'POST' && !request.path.includes('search')
				? 'The request may or may not have been carried out. Check in Keepnet before running this item again, or use Create or Update, which checks first.'
				: 'This is a problem on the Keepnet side. Run again later; if it persists, contact Keepnet support.';
	} else {
		message = `Keepnet answered HTTP ${status}${apiMessage ? `: ${apiMessage}` : ''}`;
		description = details.join(' ') || `Unexpected answer (${contentTypeOf(failure.headers)}).`;
	}

	const cleanResponse: JsonObject = {
		message,
		description,
		httpCode: status === undefined ? null : String(status),
		...(body?.status !== undefined ? { keepnetStatus: String(body.status) } : {}),
		...(details.length > 0 ? { validationMessages: details } : {}),
	};
	const error = new NodeApiError(ctx.getNode(), cleanResponse, {
		message,
		description,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: request.itemIndex,
	});
	error.context.keepnetFailure = { status: status ?? null, networkCode: failure.networkCode ?? null };
	return error;
}

/** Whether a failed write may nevertheless have been carried out (5xx, or no answer at all). */
export function writeOutcomeInDoubt(error: unknown): boolean {
	const context = (error as { context?: { keepnetFailure?: { status: number | null; networkCode: string | null } } }).context;
	const failure = context?.keepnetFailure;
	if (!failure) return false;
	return failure.status === null ? failure.networkCode !== null : failure.status >= 500;
}

function credentialError(ctx: KeepnetFunctions, failure: HttpFailure, itemIndex: number | undefined) {
	const marker = 'Keepnet credential:';
	const start = failure.message.indexOf(marker);
	if (start === -1) return undefined;
	const text = failure.message.slice(start + marker.length).trim();
	return new NodeOperationError(ctx.getNode(), `The Keepnet API credential could not get an access token: ${text}`, {
		itemIndex,
		description: 'Open the Keepnet API credential and use its Test button to check the Base URL, Client ID and Client Secret.',
	});
}

function isJsonContentType(headers: Record<string, string>): boolean {
	return /json/i.test(headers['content-type'] ?? '');
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

async function sendOnce(
	ctx: KeepnetFunctions,
	state: KeepnetRunState,
	baseUrl: string,
	request: KeepnetRequest,
): Promise<FullResponse> {
	const headers: Record<string, string> = { Accept: request.binary ? '*/*' : 'application/json', ...request.headers };
	if (request.companyId !== undefined) headers[COMPANY_HEADER] = request.companyId;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		headers,
		returnFullResponse: true,
		json: !request.binary && !Buffer.isBuffer(request.body),
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.binary) options.encoding = 'arraybuffer';
	return await state.tokenGate.run(ctx, async () =>
		(await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options)) as FullResponse,
	);
}

async function sendWithRetries(ctx: KeepnetFunctions, state: KeepnetRunState, request: KeepnetRequest): Promise<{ body: unknown; headers: Record<string, string> }> {
	const baseUrl = await resolveBaseUrl(ctx, request.itemIndex);
	let rateLimitRetries = 0;
	let serverErrorRetries = 0;
	let waitedMs = 0;
	for (;;) {
		let failure: HttpFailure;
		try {
			const response = await sendOnce(ctx, state, baseUrl, request);
			return { body: response.body, headers: normaliseHeaders(response.headers) };
		} catch (error) {
			failure = describeHttpFailure(error);
		}
		const fromCredential = credentialError(ctx, failure, request.itemIndex);
		if (fromCredential) throw fromCredential;

		if (failure.status === 429) state.onRateLimited?.();
		if (failure.status === 429 && rateLimitRetries < RATE_LIMIT_MAX_RETRIES) {
			const asked = retryAfterMs(failure.headers);
			const wait = Math.min(
				asked ?? RATE_LIMIT_BACKOFF_BASE_MS * 2 ** rateLimitRetries,
				RATE_LIMIT_MAX_WAIT_PER_RETRY_MS,
			);
			if (waitedMs + wait <= RATE_LIMIT_MAX_TOTAL_WAIT_MS) {
				rateLimitRetries++;
				waitedMs += wait;
				await sleep(wait);
				continue;
			}
		}
		const retriable = failure.status === undefined ? failure.networkCode !== undefined : failure.status >= 500;
		if (retriable && request.retry === 'safe' && serverErrorRetries < SERVER_ERROR_MAX_RETRIES) {
			await sleep(SERVER_ERROR_BACKOFF_BASE_MS * 2 ** serverErrorRetries);
			serverErrorRetries++;
			continue;
		}
		if (failure.status === undefined && failure.networkCode === undefined) {
			// Neither an HTTP answer nor a socket failure: an error raised inside n8n before sending.
			throw new NodeOperationError(ctx.getNode(), failure.message || 'The request to Keepnet could not be sent', {
				itemIndex: request.itemIndex,
			});
		}
		throw keepnetApiError(ctx, failure, request, { rateLimitRetries, waitedMs });
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
	if (body === undefined) {
		const size = typeof response.body === 'string' ? response.body.length : 0;
		throw new NodeApiError(
			ctx.getNode(),
			{ message: 'Unexpected answer from Keepnet' },
			{
				message: `Keepnet answered ${request.method} ${request.path} with ${size === 0 ? 'an empty body' : `a body that is not JSON (${contentTypeOf(response.headers)})`}`,
				description:
					'Check that the Base URL points at the Keepnet API host (api.…), not the web console or a proxy page. If it does, Keepnet may be under maintenance: try again later.',
				itemIndex: request.itemIndex,
			},
		);
	}
	if (isServiceResultFailure(body)) {
		throw keepnetApiError(ctx, { status: 200, headers: response.headers, body, message: '' }, request);
	}
	return (body.data ?? body.Data) as T;
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
			throw keepnetApiError(ctx, { status: 200, headers: response.headers, body, message: '' }, request);
		}
	}
	return { body: buffer, headers: response.headers };
}
