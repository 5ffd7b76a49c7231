/**
 * Running one piece of work for many customers at once, under the run's pacing: what the node's "All Companies I
 * Manage" (acrossCompanies.ts) and the trigger's All Companies polling share (docs/all-companies.md).
 */
import { ItemSlots } from './pacing';
import type { KeepnetSession } from '../transport/session';

/**
 * Customers read at the same time. Reads are cheap for Keepnet and the run's pacing (transport/pacing.ts) follows its rate
 * limit once it answers 429, so this only bounds what is in flight; bench/ measures it against the rate limit.
 */
export const ACROSS_COMPANIES_CONCURRENCY = 10;
/** Companies per page when listing the customers (the largest page Keepnet's own clients ask for). */
export const COMPANY_LIST_PAGE_SIZE = 1000;

/** Whether a failure is Keepnet refusing access to this customer (403): reported, never a failed run. */
export function isForbidden(error: unknown): boolean {
	return (error as { context?: { keepnetFailure?: { status: number | null } } } | undefined)?.context?.keepnetFailure?.status === 403;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown } | undefined;

/**
 * Runs `count` tasks, at most `concurrency` at once (item slots: a task waiting out a Retry-After lends its slot),
 * their requests paced by the run's session like every other request of the run. `stopOn` decides, per failure,
 * whether to start no further task (those in flight finish); tasks never started stay undefined.
 */
export async function runPaced<T>(
	session: KeepnetSession,
	concurrency: number,
	count: number,
	task: (index: number) => Promise<T>,
	stopOn: (error: unknown) => boolean,
): Promise<Array<Settled<T>>> {
	const settled: Array<Settled<T>> = new Array(count);
	const pacer = new ItemSlots(concurrency);
	const running = new Set<Promise<void>>();
	let stopped = false;
	await session.withItemSlots(pacer, async () => {
		for (let index = 0; index < count && !stopped; index++) {
			await pacer.acquireSlot();
			if (stopped) {
				pacer.releaseSlot();
				break;
			}
			const run: Promise<void> = task(index)
				.then(
					(value) => {
						settled[index] = { ok: true, value };
					},
					(error: unknown) => {
						settled[index] = { ok: false, error };
						if (stopOn(error)) stopped = true;
					},
				)
				.finally(() => {
					pacer.releaseSlot();
					running.delete(run);
				});
			running.add(run);
		}
		await Promise.all(running);
	});
	return settled;
}

