/**
 * Pacing of a run's requests under Keepnet's rate limit, without the user tuning it. The run's KeepnetSession
 * (session.ts) holds one RequestPacer from its first request on: the bulk reads before the items, batch operations,
 * the fan-out's company list and every item's requests share one start rate and one count of answers that got
 * through. The runner (actions/runner.ts) adds item slots (actions/pacing.ts) while it sends items.
 *
 * Two limits apply to items at once. The user's Concurrency caps how many items are sending at once (slots). A start rate
 * caps how fast requests go out; it is unlimited until Keepnet answers 429, then follows what Keepnet admits.
 *
 * Why a rate and not only a count: a gateway's limit is a rate (a token bucket), and it admits exactly its rate as
 * long as the client offers at least that much; throughput is lost only while the client offers less. Halving the
 * number in flight per 429 offers far less than the limit for long stretches, and a whole number in flight cannot
 * sit at the 5.5 that, say, 110 requests/s at 50 ms needs. So a 429 sets the rate a little below what Keepnet
 * actually admitted (answers other than 429 per second): the offer stays at the limit, with few 429s. When nothing
 * was admitted the rate is halved instead.
 *
 * Why a decrease needs a share of 429s, and comes at most once per window: 429s that come whatever the rate (a
 * proxy, a neighbour's burst; the soak tests inject 1%) must not slow a run that is not at a limit, while a limit
 * that binds refuses a growing share as the rate grows; and the 429s of requests sent before a decrease say
 * nothing about the new rate. Between decreases the rate grows, by RATE_GROWTH_PER_SECOND in the first second
 * (more than a decrease's RATE_MARGIN takes away) and faster the longer no 429 comes, so a rate set too low, or a
 * limit that was raised, is found again within seconds rather than minutes.
 *
 * Why follow-ups: the first 429 comes when the gateway's bucket has just run dry, so the window before it counts the
 * bucket's burst as well as its rate, and the run's very first 429s come before there is a window to measure at
 * all (there the requests not refused so far, in flight included, stand in for what was admitted). If a quarter or
 * more of the requests sent after a decrease are refused too, the rate is set again soon, from what was admitted
 * since that decrease, which is the bare rate.
 *
 * Why a coin flip is told apart: a broken gateway or proxy may refuse a share of requests whatever the rate (every
 * second one, say, without Retry-After). Lowering the rate then only slows the run while the share of 429s stays
 * where it was, and decreases chase it down to the minimum. So each series of decreases remembers the rate offered
 * and the share refused when it began; once COIN_FLIP_MIN_DECREASES decreases have cut the rate to
 * COIN_FLIP_RATE_CUT of that offer or less and the share refused since the last one is still COIN_FLIP_SHARE_KEPT of
 * the first or more, the 429s are not a rate: the rate goes back to what it was before the series, and that share
 * becomes a baseline that later decreases must exceed. The run then settles at the rate that gets through, its 429s
 * retried as they come.
 *
 * Why a 429'd item gives its slot away while it waits out Retry-After (waitOutRateLimit): otherwise the items
 * waiting hold the slots, and fewer are sent than the rate allows. It takes a slot back before the items that have
 * not started yet, so no item is starved.
 */

import { sleep } from 'n8n-workflow';

/** Length of the window what Keepnet admitted is measured over, and the least time between two window decreases. */
export const RATE_WINDOW_MS = 1000;
/** A decrease sets the rate this far below what Keepnet admitted, so its bucket refills a little. */
export const RATE_MARGIN = 0.95;
/** A window decrease needs at least this share of the window's answers to be 429s. */
export const RATE_MIN_REFUSED_SHARE = 0.03;
/** Decrease when nothing was admitted in the window: the rate is multiplied by this. */
export const RATE_FALLBACK_FACTOR = 0.5;
/** Growth of the rate in the first second after a decrease (compounded); faster after that, see StartRate.current. */
export const RATE_GROWTH_PER_SECOND = 0.1;
/** The rate never goes below this many requests per second. */
export const RATE_MINIMUM = 1;
/**
 * A follow-up decrease needs this long since the last decrease, this many answers to requests sent since, and this
 * share of them refused. The run's first decrease, within its first window, needs as many answers and that share.
 */
export const FOLLOW_UP_AFTER_MS = 200;
export const FOLLOW_UP_MIN_ANSWERS = 10;
export const FOLLOW_UP_REFUSED_SHARE = 0.25;
/** Starts a late timer (a busy event loop) may catch up on at once, in milliseconds of the rate. */
export const START_CATCH_UP_MS = 50;
/** A coin flip (see above): this many decreases, the rate cut to this share of the offer, the refused share kept to this part. */
export const COIN_FLIP_MIN_DECREASES = 3;
export const COIN_FLIP_RATE_CUT = 0.25;
export const COIN_FLIP_SHARE_KEPT = 0.8;

/** A series of decreases: what was offered and refused when it began. */
interface DecreaseSeries {
	rateBefore: number;
	offeredPerSecond: number;
	refusedShare: number;
	decreases: number;
}

interface AnswerEvent {
	atMs: number;
	sentAtMs: number;
	refused: boolean;
}

/**
 * The start rate: how many requests per second may start, adjusted from the answers. Pure bookkeeping with an
 * injected clock (no timers), so it can be tested step by step.
 */
export class StartRate {
	private rate = Number.POSITIVE_INFINITY;
	private rateSetAtMs = 0;
	/** When the rate was last lowered. */
	private lastDecreaseMs = Number.NEGATIVE_INFINITY;
	private firstStartMs: number | undefined;
	/** Start times and answers of about the last window (oldest first), see prune. */
	private starts: number[] = [];
	private answers: AnswerEvent[] = [];
	/** Decreases made so far (for tests and measurements). */
	decreases = 0;
	/** Share of answers that are 429s whatever the rate (a coin-flip gateway): decreases need more than this. */
	baselineRefusedShare = 0;
	private series: DecreaseSeries | undefined;

	constructor(private readonly now: () => number = Date.now) {}

	/** Requests per second allowed to start now (Infinity until the first 429). */
	current(now: number = this.now()): number {
		if (!Number.isFinite(this.rate)) return this.rate;
		const seconds = Math.max(0, now - this.rateSetAtMs) / 1000;
		// RATE_GROWTH_PER_SECOND in the first second after a decrease; after that the growth per second rises with
		// the time since (10% in the first second, about 20% in the second, 30% in the third, ...).
		return this.rate * (1 + RATE_GROWTH_PER_SECOND) ** (seconds + Math.max(0, seconds - 1) ** 2 / 2);
	}

	/** A request starts now. */
	started(now: number = this.now()): void {
		this.firstStartMs ??= now;
		this.starts.push(now);
		this.prune(now);
	}

	/**
	 * The request that started at `sentAtMs` was answered; `refused` when with 429. Returns whether the rate was
	 * lowered.
	 */
	answered(sentAtMs: number, refused: boolean, now: number = this.now()): boolean {
		this.answers.push({ atMs: now, sentAtMs, refused });
		this.prune(now);
		if (!refused || sentAtMs < this.lastDecreaseMs) return false;

		const sinceDecrease = now - this.lastDecreaseMs;
		if (sinceDecrease >= RATE_WINDOW_MS) {
			const span = Math.max(1, Math.min(RATE_WINDOW_MS, now - (this.firstStartMs ?? now)));
			const answered = this.countAnswers(now - span, () => true);
			const refusedInSpan = this.countAnswers(now - span, (event) => event.refused);
			if (span < RATE_WINDOW_MS) {
				// The run's first 429s, within its first window: act only once enough answers are back and many of them
				// are 429s. Few answers are back, so count every request not refused so far (those in flight too): that
				// overestimates what is admitted, and the follow-up corrects it.
				if (answered < FOLLOW_UP_MIN_ANSWERS || refusedInSpan < (FOLLOW_UP_REFUSED_SHARE + this.baselineRefusedShare) * answered) return false;
				this.beginSeries(now, span, refusedInSpan / answered);
				this.lastDecreaseMs = now;
				const notRefused = this.countStarts(now - span) - refusedInSpan;
				return this.decrease((RATE_MARGIN * Math.max(1, notRefused) * 1000) / span, now);
			}
			if (this.isCoinFlip(now)) return false;
			if (refusedInSpan < (RATE_MIN_REFUSED_SHARE + this.baselineRefusedShare) * answered) {
				this.series = undefined; // the last decreases worked: the next 429s start a new series
				return false;
			}
			this.beginSeries(now, span, refusedInSpan / answered);
			this.lastDecreaseMs = now;
			const admitted = answered - refusedInSpan;
			return this.decrease(admitted > 0 ? (RATE_MARGIN * admitted * 1000) / span : RATE_FALLBACK_FACTOR * this.current(now), now);
		}
		if (sinceDecrease >= FOLLOW_UP_AFTER_MS) {
			const { sent, refused: refusedSince } = this.answersSinceDecrease();
			if (this.isCoinFlip(now)) return false;
			if (sent < FOLLOW_UP_MIN_ANSWERS || refusedSince < (FOLLOW_UP_REFUSED_SHARE + this.baselineRefusedShare) * sent) return false;
			// With nothing admitted there is nothing to measure; halving is left to the window, once a second.
			const admitted = this.countAnswers(this.lastDecreaseMs, (event) => !event.refused);
			if (admitted === 0) return false;
			this.lastDecreaseMs = now;
			return this.decrease((RATE_MARGIN * admitted * 1000) / sinceDecrease, now);
		}
		return false;
	}

	private decrease(target: number, now: number): boolean {
		// A 429 never raises the rate (answers of requests sent at a higher rate may still be arriving).
		this.rate = Math.max(RATE_MINIMUM, Math.min(this.current(now), target));
		this.rateSetAtMs = now;
		this.decreases++;
		if (this.series) this.series.decreases++;
		return true;
	}

	/** Remembers what was offered and refused before the first decrease of a series. */
	private beginSeries(now: number, span: number, refusedShare: number): void {
		if (this.series) return;
		this.series = { rateBefore: this.current(now), offeredPerSecond: (this.countStarts(now - span) * 1000) / span, refusedShare, decreases: 0 };
	}

	/**
	 * Whether the series of decreases has cut the rate without cutting the share of 429s (see "coin flip" above);
	 * if so the rate goes back to what it was before the series and that share becomes the baseline.
	 */
	private isCoinFlip(now: number): boolean {
		const series = this.series;
		if (!series || series.decreases < COIN_FLIP_MIN_DECREASES || this.current(now) > COIN_FLIP_RATE_CUT * series.offeredPerSecond) return false;
		const { sent, refused } = this.answersSinceDecrease();
		if (sent < FOLLOW_UP_MIN_ANSWERS || refused < COIN_FLIP_SHARE_KEPT * series.refusedShare * sent) return false;
		this.baselineRefusedShare = Math.max(this.baselineRefusedShare, Math.min(series.refusedShare, refused / sent));
		this.rate = series.rateBefore;
		this.rateSetAtMs = now;
		this.lastDecreaseMs = now;
		this.series = undefined;
		return true;
	}

	/** Answers to the requests sent since the last decrease, and how many of them were 429s. */
	private answersSinceDecrease(): { sent: number; refused: number } {
		let sent = 0;
		let refused = 0;
		for (const event of this.answers) {
			if (event.sentAtMs < this.lastDecreaseMs) continue;
			sent++;
			if (event.refused) refused++;
		}
		return { sent, refused };
	}

	private countAnswers(fromMs: number, match: (event: AnswerEvent) => boolean): number {
		let count = 0;
		for (const event of this.answers) if (event.atMs > fromMs && match(event)) count++;
		return count;
	}

	private countStarts(fromMs: number): number {
		return this.starts.filter((at) => at >= fromMs).length;
	}

	private prune(now: number): void {
		const oldest = now - RATE_WINDOW_MS;
		// Dropped in batches: a few hundred stale entries cost less than shifting the array on every answer.
		if (this.answers.length > 256 && this.answers[128].atMs < oldest) this.answers = this.answers.filter((event) => event.atMs >= oldest);
		if (this.starts.length > 256 && this.starts[128] < oldest) this.starts = this.starts.filter((at) => at >= oldest);
	}
}

/** Item slots as the pacer uses them: a request of an item waiting out a 429 lends its item's slot meanwhile. */
export interface SlotLender {
	withoutSlot(done: Promise<unknown>): Promise<void>;
}

/**
 * The start rate and the run's progress, as the transport uses them (session.ts): one per run, from its first
 * request. `slots` is set while a runner sends items (KeepnetSession.withItemSlots); a request outside any item (a
 * bulk read, a batch operation, a picker) holds no slot and simply sleeps through a Retry-After.
 */
export class RequestPacer {
	readonly rate: StartRate;
	/** Answers other than 429 the run has had so far: a 429 retry policy's sign that the run still gets through. */
	progress = 0;
	slots: SlotLender | undefined;
	private readonly gate: Array<(startedAtMs: number) => void> = [];
	/** Whether pumpGate is running (it runs while requests wait at the gate). */
	private pumping = false;
	private nextStartMs = Number.NEGATIVE_INFINITY;
	private lastStartMs = Number.NEGATIVE_INFINITY;

	constructor(private readonly now: () => number = Date.now) {
		this.rate = new StartRate(now);
	}

	/** Resolves when the next attempt may be sent; the number it gives is passed back with the attempt's answer. */
	async beforeAttempt(): Promise<number> {
		if (this.gate.length === 0 && this.now() >= this.nextStartMs) return this.start(false);
		return await new Promise<number>((resolve) => {
			this.gate.push(resolve);
			void this.pumpGate();
		});
	}

	/** The attempt was answered, `rateLimited` when with 429. Not called when no answer arrived. */
	answered(attempt: number, rateLimited: boolean): void {
		if (!rateLimited) this.progress++;
		if (!this.rate.answered(attempt, rateLimited, this.now())) return;
		// Space the next start by the new, lower rate (a sleeping pumpGate sees the later time when it wakes).
		this.nextStartMs = Math.max(this.nextStartMs, this.lastStartMs + 1000 / this.rate.current(this.now()));
	}

	/** Waits out a 429's Retry-After; an item lends its slot meanwhile and takes one back before new items do. */
	async waitOutRateLimit(ms: number): Promise<void> {
		if (ms <= 0) return;
		if (this.slots) await this.slots.withoutSlot(sleep(ms));
		else await sleep(ms);
	}

	private start(queued: boolean): number {
		const now = this.now();
		const interval = 1000 / this.rate.current(now);
		// Requests that queued start one interval after the previous one's due time. When the event loop is busy and
		// the timer fires late, the starts missed in the last START_CATCH_UP_MS go out at once, so a busy n8n still
		// offers the full rate. A request that did not queue (nothing was waiting) starts a new spacing from now, so
		// a pause never turns into a burst.
		this.nextStartMs = (queued ? Math.max(this.nextStartMs, now - START_CATCH_UP_MS) : now) + interval;
		this.lastStartMs = now;
		this.rate.started(now);
		return now;
	}

	/** Lets the requests waiting at the gate start, each when its turn is due. */
	private async pumpGate(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.gate.length > 0) {
				const wait = this.nextStartMs - this.now();
				if (wait > 0) {
					await sleep(Math.max(1, Math.ceil(wait)));
					continue;
				}
				while (this.gate.length > 0 && this.now() >= this.nextStartMs) this.gate.shift()?.(this.start(true));
			}
		} finally {
			this.pumping = false;
		}
	}
}
