/**
 * A rate limit like a real API gateway's, per client: at most `requestsPerSecond` requests per second (a token
 * bucket holding `burst` requests, refilled continuously) and at most `maxInFlight` requests of that client being
 * answered at once. A request beyond either gets 429 with a Retry-After in whole seconds (as HTTP allows), the time
 * until the bucket has a request to spare again, at least 1.
 *
 * The client is the one the bearer token was issued to (so every token of one client shares one budget, as keys
 * do at real gateways); a request without a known token is counted under its raw Authorization header. Only /api
 * requests are limited (the token endpoint is not).
 */
import type { RateLimitKnobs } from './types';

export interface RateLimitVerdict {
	/** Undefined when the request may proceed; otherwise the Retry-After seconds to answer with. */
	retryAfterSeconds?: number;
	/** Why it was refused (for the request log and tests). */
	reason?: 'rate' | 'in-flight';
	/** Call once the admitted request has been answered (frees its in-flight slot). No-op when refused. */
	release(): void;
}

interface ClientBudget {
	tokens: number;
	refilledAtMs: number;
	inFlight: number;
}

const NOTHING = (): void => undefined;

export class RateLimiter {
	private readonly budgets = new Map<string, ClientBudget>();
	private knobsSeen: RateLimitKnobs | null = null;
	/** 429s this limiter has answered since it was (re)configured. */
	refused = 0;

	constructor(private readonly now: () => number = Date.now) {}

	/** Decides for one request of `clientKey` under `knobs` (null = no limit). */
	admit(knobs: RateLimitKnobs | null, clientKey: string): RateLimitVerdict {
		if (knobs !== this.knobsSeen) {
			// A new limit (a new object) starts every client with a full bucket.
			this.knobsSeen = knobs;
			this.budgets.clear();
			this.refused = 0;
		}
		if (!knobs) return { release: NOTHING };
		const rate = knobs.requestsPerSecond;
		const burst = Math.max(1, knobs.burst ?? rate);
		const now = this.now();
		let budget = this.budgets.get(clientKey);
		if (!budget) {
			budget = { tokens: burst, refilledAtMs: now, inFlight: 0 };
			this.budgets.set(clientKey, budget);
		}
		budget.tokens = Math.min(burst, budget.tokens + ((now - budget.refilledAtMs) / 1000) * rate);
		budget.refilledAtMs = now;

		if (knobs.maxInFlight > 0 && budget.inFlight >= knobs.maxInFlight) {
			this.refused++;
			return { retryAfterSeconds: 1, reason: 'in-flight', release: NOTHING };
		}
		if (rate > 0 && budget.tokens < 1) {
			this.refused++;
			return { retryAfterSeconds: Math.max(1, Math.ceil((1 - budget.tokens) / rate)), reason: 'rate', release: NOTHING };
		}
		if (rate > 0) budget.tokens -= 1;
		budget.inFlight++;
		const counted = budget;
		let released = false;
		return {
			release: () => {
				if (released) return;
				released = true;
				counted.inFlight--;
			},
		};
	}
}
