/**
 * What went wrong on the wire, dug out of whatever n8n threw. n8n wraps HTTP failures of
 * `httpRequestWithAuthentication` in a NodeApiError whose `cause` is the axios error; older n8n
 * versions throw the axios error itself. Only status, headers, body and an error code are kept: the
 * request (with its Authorization header) is never carried further, so no token can leak from here.
 */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	/** Socket-level code such as ECONNRESET, ECONNREFUSED, ETIMEDOUT, when no answer arrived. */
	networkCode?: string;
	/** The message of the thrown error, for failures that are neither HTTP nor network (e.g. token acquisition). */
	message: string;
	/** No answer arrived within the credential's timeout. */
	timedOut?: boolean;
}

/**
 * Whether a failure is of the kind a replay may cure: a 5xx answer, or a connection that failed or timed
 * out before any answer. The same test decides whether a failed write may nevertheless have happened.
 */
export function isRetriableFailure(failure: { status?: number | null; networkCode?: string | null }): boolean {
	if (failure.status === undefined || failure.status === null) return failure.networkCode !== undefined && failure.networkCode !== null;
	return failure.status >= 500;
}

/** Axios reports its own timeout as ECONNABORTED (or ETIMEDOUT) with this message. */
const TIMEOUT_MESSAGE = /^timeout of \d+ms exceeded$|^timeout exceeded$/;

interface ErrorLike {
	message?: unknown;
	code?: unknown;
	httpCode?: unknown;
	cause?: unknown;
	response?: { status?: unknown; statusCode?: unknown; headers?: unknown; data?: unknown; body?: unknown };
}

function asErrorLike(value: unknown): ErrorLike | undefined {
	return value !== null && typeof value === 'object' ? (value as ErrorLike) : undefined;
}

/** Header names lower-cased, values as strings; works for plain objects and axios' AxiosHeaders. */
export function normaliseHeaders(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (raw === null || typeof raw !== 'object') return headers;
	// axios' AxiosHeaders keeps each header as an own property, so a plain object walk covers both shapes.
	for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
		if (typeof value === 'function') continue;
		if (value === undefined || value === null) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return headers;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

export function describeHttpFailure(thrown: unknown): HttpFailure {
	const chain: ErrorLike[] = [];
	let current = asErrorLike(thrown);
	while (current !== undefined && chain.length < 5 && !chain.includes(current)) {
		chain.push(current);
		current = asErrorLike(current.cause);
	}
	const failure: HttpFailure = { headers: {}, message: '' };
	for (const link of chain) {
		if (failure.message === '' && typeof link.message === 'string') failure.message = link.message;
		const response = link.response;
		if (failure.status === undefined && response) {
			const status = Number(response.status ?? response.statusCode);
			if (Number.isInteger(status) && status > 0) {
				failure.status = status;
				failure.headers = normaliseHeaders(response.headers);
				failure.body = response.data ?? response.body;
			}
		}
		if (failure.networkCode === undefined && typeof link.code === 'string' && NETWORK_CODES.has(link.code)) {
			failure.networkCode = link.code;
		}
		if (typeof link.message === 'string' && TIMEOUT_MESSAGE.test(link.message)) failure.timedOut = true;
	}
	if (failure.status === undefined) {
		for (const link of chain) {
			const status = Number(link.httpCode);
			if (Number.isInteger(status) && status >= 100) {
				failure.status = status;
				break;
			}
		}
	}
	return failure;
}

/** Keepnet answers JSON ServiceResults, but binary requests get them back as bytes. */
export function bodyAsObject(body: unknown): Record<string, unknown> | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'object' && !Buffer.isBuffer(body) && !(body instanceof ArrayBuffer)) {
		return body as Record<string, unknown>;
	}
	let text: string;
	if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else if (body instanceof ArrayBuffer) text = Buffer.from(body).toString('utf8');
	else if (typeof body === 'string') text = body;
	else return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}
