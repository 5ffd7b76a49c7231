/**
 * All the text the user reads when a request to Keepnet fails: what happened, and what to do about it.
 * Sending and retrying live in request.ts; what went wrong on the wire is dug out in httpFailure.ts.
 * Every text taken from a server answer passes through `redactText` with the request's secrets.
 */
import type { IHttpRequestMethods, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { KEEPNET_TOKEN_ERROR_PREFIX } from './credentialType';
import { bodyAsObject, isRetriableFailure, type HttpFailure } from './httpFailure';
import { redactInPlace, redactText } from './redaction';

/**
 * What the messages use of a request and of the context it runs in. Declared here rather than imported from
 * request.ts, so that the dependency runs one way (request.ts builds its errors from this file); request.ts's
 * KeepnetRequest and KeepnetFunctions fit these shapes.
 */
interface RequestForMessages {
	method: IHttpRequestMethods;
	path: string;
	companyId?: string;
	itemIndex?: number;
	notFoundSubject?: string;
	retry: 'safe' | 'never';
}
interface KeepnetFunctions {
	getNode(): INode;
}

const OUTCOME_UNKNOWN =
	'The request may or may not have been carried out. Check in Keepnet before running this item again, or use Create or Update, which checks first.';

function serviceMessages(body: Record<string, unknown> | undefined, secrets: unknown[]): { message?: string; details: string[] } {
	if (!body) return { details: [] };
	const message = [body.message, body.Message].find((m): m is string => typeof m === 'string' && m.trim() !== '');
	const rawList = body.validationMessages ?? body.ValidationMessages ?? body.messages;
	const details = Array.isArray(rawList)
		? rawList.filter((m): m is string => typeof m === 'string' && m.trim() !== '').map((m) => redactText(m, secrets))
		: [];
	return { message: message === undefined ? undefined : redactText(message, secrets), details };
}

export function contentTypeOf(headers: Record<string, string>): string {
	return headers['content-type'] ?? 'no content type';
}

/** `scheme://host:port` of a Location header (resolved against the URL it answered), or the raw text when unparsable. */
export function originOf(location: string, base: string): string {
	try {
		return new URL(location, base).origin;
	} catch {
		return 'an unreadable address';
	}
}

/** Turns a failed answer into the error the user sees: what happened, and what to do about it. */
export function keepnetApiError(
	ctx: KeepnetFunctions,
	failure: HttpFailure,
	request: RequestForMessages,
	extra: {
		rateLimitRetries?: number;
		waitedMs?: number;
		/** The last retries of rateLimitRetries, made while no other request of the run got through. */
		stalledRateLimitRetries?: number;
		secrets?: unknown[];
		timeoutMs?: number;
		requestUrl?: string;
		baseUrl?: string;
		maxRedirects?: number;
	} = {},
): NodeApiError {
	const secrets = extra.secrets ?? [];
	const body = bodyAsObject(failure.body);
	const { message: apiMessage, details } = serviceMessages(body, secrets);
	const status = failure.status;
	const isWrite = request.retry === 'never';
	let message: string;
	let description: string;

	if (status === undefined && failure.timedOut) {
		const seconds = Math.round((extra.timeoutMs ?? 0) / 1000);
		message = `Keepnet did not answer ${request.method} ${request.path} within ${seconds} s (timeout)`;
		description = isWrite
			? `${OUTCOME_UNKNOWN} If Keepnet is just slow, raise the Timeout of the Keepnet API credential.`
			: 'Keepnet (or a proxy in front of it) accepted the connection but sent no answer. Run again later, or raise the Timeout of the Keepnet API credential.';
	} else if (status === undefined) {
		message = `Could not reach Keepnet${failure.networkCode ? ` (${failure.networkCode})` : ''}: the connection failed before an answer arrived`;
		description = isWrite ? OUTCOME_UNKNOWN : 'Check the Base URL of the Keepnet API credential and that this n8n instance can reach it, then run again.';
	} else if (status >= 300 && status < 400) {
		const location = failure.headers.location;
		const origin = location ? originOf(location, extra.requestUrl ?? 'http://invalid.invalid') : undefined;
		const baseOrigin = extra.baseUrl ? originOf(extra.baseUrl, extra.baseUrl) : undefined;
		message =
			origin === undefined
				? `Keepnet answered ${request.method} ${request.path} with a redirect (HTTP ${status}) without a location`
				: origin === baseOrigin
					? `Keepnet answered ${request.method} ${request.path} with more than ${extra.maxRedirects ?? 0} redirects (last HTTP ${status})`
					: `Keepnet answered ${request.method} ${request.path} with a redirect (HTTP ${status}) to ${origin}, which is not the Base URL; the request was not sent there`;
		description =
			'The access token is only ever sent to the Base URL. Check the Base URL of the Keepnet API credential: it must be the Keepnet API host itself, not an address that forwards to it.';
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
		const retries = extra.rateLimitRetries ?? 0;
		const stalled = extra.stalledRateLimitRetries ?? retries;
		const whileStalled = stalled < retries ? `, the last ${stalled} while no other request of the run got through` : '';
		description = `Gave up after ${retries} retries and ${waited} s of waiting${whileStalled}. Lower the Concurrency option, or run the workflow again later.`;
	} else if (status >= 500) {
		message = `Keepnet answered with a server error (HTTP ${status})${apiMessage ? `: ${apiMessage}` : ''}`;
		description = isWrite ? OUTCOME_UNKNOWN : 'This is a problem on the Keepnet side. Run again later; if it persists, contact Keepnet support.';
	} else {
		message = `Keepnet answered HTTP ${status}${apiMessage ? `: ${apiMessage}` : ''}`;
		description = details.join(' ') || `Unexpected answer (${redactText(contentTypeOf(failure.headers), secrets)}).`;
	}

	const keepnetStatus = body?.status !== undefined ? redactText(String(body.status), secrets) : undefined;
	const cleanResponse: JsonObject = {
		message,
		description,
		httpCode: status === undefined ? null : String(status),
		...(keepnetStatus !== undefined ? { keepnetStatus } : {}),
		...(details.length > 0 ? { validationMessages: details } : {}),
	};
	const error = new NodeApiError(ctx.getNode(), cleanResponse, {
		message,
		description,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: request.itemIndex,
	});
	error.context.keepnetFailure = { status: status ?? null, networkCode: failure.networkCode ?? null, rateLimitRetries: extra.rateLimitRetries ?? 0 };
	return redactInPlace(error, secrets);
}

/** Whether a failed write may nevertheless have been carried out (5xx, or no answer at all). */
export function writeOutcomeInDoubt(error: unknown): boolean {
	const context = (error as { context?: { keepnetFailure?: { status: number | null; networkCode: string | null } } }).context;
	const failure = context?.keepnetFailure;
	if (!failure) return false;
	return isRetriableFailure(failure);
}

/**
 * Whether Keepnet refused a request (an answer other than 429, below 500) that had been answered 429 before and
 * retried. A gateway may limit the answer rather than the request: the write behind an earlier 429 may then have
 * been carried out, and the retry refused because of it (e.g. "already exists").
 */
export function failedAfterRateLimit(error: unknown): boolean {
	const context = (error as { context?: { keepnetFailure?: { status: number | null; rateLimitRetries?: number } } }).context;
	const failure = context?.keepnetFailure;
	if (!failure || failure.status === null || failure.status === 429 || failure.status >= 500) return false;
	return (failure.rateLimitRetries ?? 0) > 0;
}

/** The error of a failed token request (raised by the credential), as the node reports it; undefined for other failures. */
export function credentialError(ctx: KeepnetFunctions, failure: HttpFailure, itemIndex: number | undefined, secrets: unknown[]) {
	const start = failure.message.indexOf(KEEPNET_TOKEN_ERROR_PREFIX);
	if (start === -1) return undefined;
	const text = redactText(failure.message.slice(start + KEEPNET_TOKEN_ERROR_PREFIX.length).trim(), secrets);
	const error = new NodeOperationError(ctx.getNode(), `The Keepnet API credential could not get an access token: ${text}`, {
		itemIndex,
		description: 'Open the Keepnet API credential and use its Test button to check the Base URL, Client ID and Client Secret.',
	});
	return redactInPlace(error, secrets);
}

/** An error raised inside n8n before anything was sent (neither an HTTP answer nor a socket failure). */
export function notSentError(ctx: KeepnetFunctions, failure: HttpFailure, itemIndex: number | undefined, secrets: unknown[]) {
	const error = new NodeOperationError(ctx.getNode(), redactText(failure.message, secrets) || 'The request to Keepnet could not be sent', { itemIndex });
	return redactInPlace(error, secrets);
}

/** A 2xx answer that is not a JSON ServiceResult: an HTML page from a proxy, an empty body. */
export function notJsonError(
	ctx: KeepnetFunctions,
	request: RequestForMessages,
	responseBody: unknown,
	headers: Record<string, string>,
	secrets: unknown[],
): NodeApiError {
	const size = typeof responseBody === 'string' ? responseBody.length : 0;
	return unexpectedAnswerError(ctx, request, size === 0 ? 'an empty body' : `a body that is not JSON (${redactText(contentTypeOf(headers), secrets)})`);
}

/** A 2xx answer to a file request that is not a file Keepnet serves there: a proxy's HTML page, say. */
export function notAFileError(ctx: KeepnetFunctions, request: RequestForMessages, headers: Record<string, string>, secrets: unknown[]): NodeApiError {
	return unexpectedAnswerError(ctx, request, `${redactText(contentTypeOf(headers), secrets)} instead of a file`);
}

function unexpectedAnswerError(ctx: KeepnetFunctions, request: RequestForMessages, what: string): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ message: 'Unexpected answer from Keepnet' },
		{
			message: `Keepnet answered ${request.method} ${request.path} with ${what}`,
			description:
				'Check that the Base URL points at the Keepnet API host (api.…), not the web console or a proxy page. If it does, Keepnet may be under maintenance: try again later.',
			itemIndex: request.itemIndex,
		},
	);
}

/** The credential's Base URL fails the https rule (the same check the credential makes). */
export function baseUrlError(ctx: KeepnetFunctions, problem: string, itemIndex: number | undefined) {
	return new NodeOperationError(ctx.getNode(), problem, {
		itemIndex,
		description: 'Fix the Base URL field of the Keepnet API credential.',
	});
}
