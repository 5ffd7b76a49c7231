/**
 * How many items may be in flight at once, adapted to Keepnet's rate limit without the user tuning it (AIMD, as
 * TCP does): every 429 halves the limit (at most once per window, since the 429s of requests already sent at the
 * old limit say nothing new), every item that completes adds 1/limit, so the limit grows back by about one per
 * round of items. It never exceeds the Concurrency the user set and never falls below 1.
 */
export const RATE_LIMIT_DECREASE_WINDOW_MS = 1000;

export class AdaptiveConcurrency {
	private limit: number;
	private active = 0;
	private readonly waiting: Array<() => void> = [];
	private lastDecreaseMs = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly maximum: number,
		private readonly now: () => number = Date.now,
	) {
		this.limit = maximum;
	}

	/** The current whole-number limit. */
	get current(): number {
		return Math.max(1, Math.floor(this.limit));
	}

	/** Waits until fewer than the current limit are in flight, then takes a slot. */
	async acquire(): Promise<void> {
		while (this.active >= this.current) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		this.active++;
	}

	/** Gives the slot back; `completed` (the item got an answer it could use) lets the limit grow. */
	release(completed: boolean): void {
		this.active--;
		if (completed && this.limit < this.maximum) this.limit = Math.min(this.maximum, this.limit + 1 / this.limit);
		this.wake();
	}

	/** Keepnet answered 429 to one of the requests. */
	rateLimited(): void {
		const now = this.now();
		if (now - this.lastDecreaseMs < RATE_LIMIT_DECREASE_WINDOW_MS) return;
		this.lastDecreaseMs = now;
		this.limit = Math.max(1, Math.floor(this.limit / 2));
	}

	private wake(): void {
		// Wake as many waiters as there are free slots; each re-checks the limit itself.
		let free = this.current - this.active;
		while (free > 0 && this.waiting.length > 0) {
			this.waiting.shift()?.();
			free--;
		}
	}
}
