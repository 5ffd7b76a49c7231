import type { IExecuteFunctions } from 'n8n-workflow';

import { asNodeError, readConcurrency, runItemOperation } from './runner';
import type { BatchOperation, ItemOperation, OperationOutput } from './types';
import type { KeepnetSession } from '../transport/session';

/**
 * What a few item operations need beyond prepare and run, composed around the runner instead of widening the
 * contract every operation implements (types.ts ItemOperation):
 * - `beforeSending`: one step with every prepared item, after all were prepared and checked and before the first is
 *   sent: Company Create and Update read the lookups their items name once; Target User Create and Create or Update
 *   read which users a company has and create new users through one bulk import (targetUser/bulkImport). It returns
 *   the outputs of the items it settled, by item index; the other items then run one by one as usual. It may also
 *   return a hint per item it left (`BeforeSendingOutcome`), which that item's `run` receives as its last argument:
 *   the one hand-off from this phase to the per-item run, so prepared values stay as `prepare` returned them.
 * - `serialKey`: items with the same key run one after the other, in input order (a Company Group's members are
 *   read, written and read back; Create or Update must never create the same email twice).
 */
export interface SendPhases<Prepared, Hint = never> {
	beforeSending?(
		this: IExecuteFunctions,
		prepared: ReadonlyArray<Prepared | undefined>,
		session: KeepnetSession,
	): Promise<ReadonlyMap<number, OperationOutput[]> | BeforeSendingOutcome<Hint> | void>;
	serialKey?(prepared: Prepared): string | undefined;
}

/** What `beforeSending` hands on: the outputs of the items it settled, and a hint for some of the items it left. */
export interface BeforeSendingOutcome<Hint> {
	/** itemIndex → outputs of an item settled in bulk (it is not run). */
	readonly settled: ReadonlyMap<number, OperationOutput[]>;
	/** itemIndex → what the bulk step learnt about an item it left, passed to that item's `run`. */
	readonly hints: ReadonlyMap<number, Hint>;
}

/** An item operation whose `run` also receives its item's hint from `beforeSending` (undefined: none). Any ItemOperation is one. */
export interface PhasedItemOperation<Prepared, Hint = never> extends Omit<ItemOperation<Prepared>, 'run'> {
	run(this: IExecuteFunctions, prepared: Prepared, itemIndex: number, session: KeepnetSession, hint: Hint | undefined): Promise<OperationOutput[]>;
}

function outcomeOf<Hint>(returned: ReadonlyMap<number, OperationOutput[]> | BeforeSendingOutcome<Hint> | void): BeforeSendingOutcome<Hint> {
	if (returned === undefined) return { settled: new Map(), hints: new Map() };
	if (returned instanceof Map) return { settled: returned as ReadonlyMap<number, OperationOutput[]>, hints: new Map() };
	return returned as BeforeSendingOutcome<Hint>;
}

/**
 * The operation as the router runs it: every item prepared (a bad one stops the run before anything is sent, or
 * becomes its error item with Continue On Fail), then `beforeSending`, then the runner sends the items it did not
 * settle with the Concurrency option and its pacing, items sharing a serial key one after the other. Outputs, error
 * items and pairing are the runner's, as for any item operation.
 */
export function withSendPhases<Prepared, Hint = never>(operation: PhasedItemOperation<Prepared, Hint>, phases: SendPhases<Prepared, Hint>): BatchOperation {
	return {
		kind: 'batch',
		concurrent: operation.concurrent,
		async execute(items, session) {
			const continueOnFail = this.continueOnFail();
			// A wrong Concurrency is refused before anything is sent, as the runner alone would.
			readConcurrency(this, operation);
			const prepared: Array<Prepared | undefined> = new Array(items.length);
			const refused = new Map<number, unknown>();
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				try {
					prepared[itemIndex] = await operation.prepare.call(this, itemIndex, session);
				} catch (error) {
					if (!continueOnFail) throw asNodeError(this, error, itemIndex);
					refused.set(itemIndex, error);
				}
			}
			const { settled, hints } = outcomeOf(await phases.beforeSending?.call(this, prepared, session));

			const tailByKey = new Map<string, Promise<unknown>>();
			// Set by the first failure without Continue On Fail: an item still waiting for its key then sends nothing
			// (the runner stops the run with that failure, as it starts no new item).
			let stopped = false;
			const perItem: ItemOperation<Prepared> = {
				kind: 'item',
				concurrent: operation.concurrent,
				identifyBy: operation.identifyBy,
				prepare(itemIndex) {
					// Prepared above already: the runner only hands back each value (or its refusal, Continue On Fail).
					if (refused.has(itemIndex)) throw refused.get(itemIndex);
					return prepared[itemIndex] as Prepared;
				},
				async run(input, itemIndex, runState) {
					const done = settled.get(itemIndex);
					if (done) return done;
					const key = phases.serialKey?.(input);
					const previous = key === undefined ? undefined : tailByKey.get(key);
					const attempt = (async (): Promise<OperationOutput[]> => {
						if (previous) await waitWithoutSlot(runState, previous.catch(() => undefined));
						if (stopped) return [];
						return await operation.run.call(this, input, itemIndex, runState, hints.get(itemIndex));
					})();
					if (key !== undefined) tailByKey.set(key, attempt);
					// Marked before the runner or a waiting item hears of the failure (this handler is registered first).
					if (!continueOnFail) attempt.catch(() => (stopped = true));
					return await attempt;
				},
			};
			return await runItemOperation.call(this, perItem as ItemOperation<unknown>, items, session);
		},
	};
}

/** Waits for an earlier item with the same key, lending this item's slot to the next one meanwhile (the runner's item slots, actions/pacing.ts). */
async function waitWithoutSlot(session: KeepnetSession, done: Promise<unknown>): Promise<void> {
	const slots = session.pacer.slots;
	if (slots) await slots.withoutSlot(done);
	else await done;
}
