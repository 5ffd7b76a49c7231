/** Fault injection: one-shot failNext answers, every-Nth 429/5xx, and seeded random error rates. */
import { JSON_CONTENT_TYPE } from './http';
import { Prng } from './prng';
import type { ErrorRateKnobs, FailNextEntry, FaultKnobs } from './types';

export interface FaultDecision {
	status: number;
	body: string;
	headers: Record<string, string>;
	dropConnection: boolean;
	applyAfterWrite: boolean;
	/** Never answer (see FailNextEntry.hang). */
	hang?: boolean;
}

/**
 * Placeholders a failNext body may contain, replaced with what the request carried: a server that echoes
 * the caller's Authorization header or client secret back in its error text.
 */
export const ECHO_AUTHORIZATION = '%AUTHORIZATION%';
export const ECHO_CLIENT_SECRET = '%CLIENT_SECRET%';

export function substituteEchoes(body: string, authorization: string | undefined, clientSecret: string | undefined): string {
	return body.split(ECHO_AUTHORIZATION).join(authorization ?? '').split(ECHO_CLIENT_SECRET).join(clientSecret ?? '');
}

const STATUS_TEXT: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

export function createFaultKnobs(latencyMs: number): FaultKnobs {
	return {
		latencyMs,
		rateLimitEvery: 0,
		retryAfterSeconds: null,
		serverErrorEvery: 0,
		serverErrorStatus: 500,
		failNext: [],
		errorRate: { serverError: 0, rateLimit: 0, randomSeed: 1 },
		rateLimit: null,
		beforeHandling: null,
	};
}

export class FaultInjector {
	private rateLimitCount = 0;
	private rateLimitEverySeen = 0;
	private serverErrorCount = 0;
	private serverErrorEverySeen = 0;
	private errorRatePrng = new Prng(1);
	private errorRateSeedSeen: number | undefined = 1;
	private errorRateObjectSeen: ErrorRateKnobs | null = null;

	constructor(private readonly knobs: FaultKnobs) {}

	/** What to do instead of (or after) the real handling of this request; null = answer normally. */
	decide(method: string, path: string, bodyText = '', companyHeader?: string): FaultDecision | null {
		const entry = this.takeFailNext(method, path, bodyText, companyHeader);
		if (entry) return this.fromEntry(entry);
		if (!path.toLowerCase().startsWith('/api/')) return null;

		// Counters restart whenever a knob is changed, so "every 3rd" means the 3rd request after setting it.
		if (this.knobs.rateLimitEvery !== this.rateLimitEverySeen) {
			this.rateLimitEverySeen = this.knobs.rateLimitEvery;
			this.rateLimitCount = 0;
		}
		if (this.knobs.serverErrorEvery !== this.serverErrorEverySeen) {
			this.serverErrorEverySeen = this.knobs.serverErrorEvery;
			this.serverErrorCount = 0;
		}
		let decision: FaultDecision | null = null;
		if (this.knobs.rateLimitEvery > 0) {
			this.rateLimitCount++;
			if (this.rateLimitCount % this.knobs.rateLimitEvery === 0) decision = this.rateLimited();
		}
		if (this.knobs.serverErrorEvery > 0) {
			this.serverErrorCount++;
			if (!decision && this.serverErrorCount % this.knobs.serverErrorEvery === 0) decision = this.serverError(this.knobs.serverErrorStatus);
		}
		if (decision) return decision;

		const rates = this.knobs.errorRate;
		if (rates.serverError > 0 || rates.rateLimit > 0) {
			// Assigning a new errorRate object, or changing its seed, restarts the sequence.
			if (rates !== this.errorRateObjectSeen || rates.randomSeed !== this.errorRateSeedSeen) {
				this.errorRateObjectSeen = rates;
				this.errorRateSeedSeen = rates.randomSeed;
				this.errorRatePrng = new Prng(rates.randomSeed ?? 1);
			}
			const draw = this.errorRatePrng.next();
			if (draw < rates.serverError) return this.serverError(this.knobs.serverErrorStatus);
			if (draw < rates.serverError + rates.rateLimit) return this.rateLimited();
		}
		return null;
	}

	private takeFailNext(method: string, path: string, bodyText: string, companyHeader: string | undefined): FailNextEntry | undefined {
		const index = this.knobs.failNext.findIndex((entry) => {
			const match = entry.match;
			if (!match) return true;
			if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
			if (match.pathPrefix && !path.toLowerCase().startsWith(match.pathPrefix.toLowerCase())) return false;
			if (match.path && path.toLowerCase() !== match.path.toLowerCase()) return false;
			if (match.pathSuffix && !path.toLowerCase().endsWith(match.pathSuffix.toLowerCase())) return false;
			if (match.bodyIncludes && !bodyText.includes(match.bodyIncludes)) return false;
			if (match.companyId !== undefined && companyHeader !== match.companyId) return false;
			return true;
		});
		if (index < 0) return undefined;
		return this.knobs.failNext.splice(index, 1)[0];
	}

	private fromEntry(entry: FailNextEntry): FaultDecision {
		const base = entry.status === 429 ? this.rateLimited() : this.serverError(entry.status);
		const headers = { ...base.headers, ...(entry.headers ?? {}) };
		let body = base.body;
		if (entry.body !== undefined) {
			body = entry.body;
			headers['content-type'] = entry.contentType ?? (/^\s*[[{]/.test(entry.body) ? JSON_CONTENT_TYPE : 'text/plain; charset=utf-8');
		} else if (entry.contentType) {
			headers['content-type'] = entry.contentType;
		}
		return {
			status: entry.status,
			body,
			headers,
			dropConnection: entry.dropConnection === true,
			applyAfterWrite: entry.applyAfterWrite === true,
			hang: entry.hang === true,
		};
	}

	rateLimited(retryAfterSeconds: number | null = this.knobs.retryAfterSeconds): FaultDecision {
		const headers: Record<string, string> = { 'content-type': JSON_CONTENT_TYPE };
		if (retryAfterSeconds !== null) headers['retry-after'] = String(retryAfterSeconds);
		return {
			status: 429,
			body: JSON.stringify({ status: 'FAILED', message: 'Rate limit exceeded', validationMessages: null, data: null }),
			headers,
			dropConnection: false,
			applyAfterWrite: false,
		};
	}

	/** A realistic body for an injected status: gateway HTML for 502/503/504, empty for 401, else a ServiceResult. */
	private serverError(status: number): FaultDecision {
		if (STATUS_TEXT[status]) {
			const title = `${status} ${STATUS_TEXT[status]}`;
			return {
				status,
				body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
				headers: { 'content-type': 'text/html' },
				dropConnection: false,
				applyAfterWrite: false,
			};
		}
		if (status === 401) return { status, body: '', headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, dropConnection: false, applyAfterWrite: false };
		const isServer = status >= 500;
		return {
			status,
			body: JSON.stringify({
				status: isServer ? 'INTERNAL_SERVER_ERROR' : 'FAILED',
				message: isServer ? 'An unexpected error occurred. Please try again later.' : `Injected failure (HTTP ${status}).`,
				validationMessages: null,
				data: null,
			}),
			headers: { 'content-type': JSON_CONTENT_TYPE },
			dropConnection: false,
			applyAfterWrite: false,
		};
	}
}
