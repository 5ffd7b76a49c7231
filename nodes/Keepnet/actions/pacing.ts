/**
 * Item slots for the runner (runner.ts), the fan-out (acrossCompanies.ts) and Sync: at most Concurrency items
 * sending at once. The start rate every request of the run follows lives in the run's session
 * (transport/pacing.ts, RequestPacer); why both limits exist, and why a waiting item lends its slot, is told there.
 */
import type { SlotLender } from '../transport/pacing';

/** Slots for items: at most `maximum` in flight. */
export class ItemSlots implements SlotLender {
	private active = 0;
	private readonly waitingNew: Array<() => void> = [];
	private readonly waitingReturning: Array<() => void> = [];

	constructor(private readonly maximum: number) {}

	/** Items holding a slot. */
	get inFlight(): number {
		return this.active;
	}

	/** Waits for a free slot (after every item that gave its slot away during a 429 and wants it back). */
	async acquireSlot(): Promise<void> {
		if (this.active < this.maximum) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve) => this.waitingNew.push(resolve));
	}

	/** Gives a slot back: it passes straight to the next waiter, if any. */
	releaseSlot(): void {
		const next = this.waitingReturning.shift() ?? this.waitingNew.shift();
		if (next) next();
		else this.active--;
	}

	/**
	 * Waits for `done` without holding a slot (an item waiting out a Retry-After, or for an earlier item with the same
	 * serial key), then takes a slot back before items that have not started. Holding the slot instead could leave
	 * every slot to items waiting for one that waits for a slot.
	 */
	async withoutSlot(done: Promise<unknown>): Promise<void> {
		this.releaseSlot();
		try {
			await done;
		} finally {
			if (this.active < this.maximum) this.active++;
			else await new Promise<void>((resolve) => this.waitingReturning.push(resolve));
		}
	}
}
