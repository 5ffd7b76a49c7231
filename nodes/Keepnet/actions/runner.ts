import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../helpers/limits';
import { ItemSlots } from './pacing';
import type { ItemOperation, OperationOutput } from './types';
import type { KeepnetSession } from '../transport/session';

type Outcome = { ok: true; outputs: OperationOutput[] } | { ok: false; error: unknown };

/** The error item Continue On Fail puts where the item's result would have been. */
export function errorJson(error: unknown, identity: IDataObject): IDataObject {
	const details = error as { message?: unknown; description?: unknown; httpCode?: unknown };
	const json: IDataObject = {
		error: typeof details.message === 'string' ? details.message : String(error),
	};
	if (typeof details.description === 'string' && details.description !== '') json.description = details.description;
	if (details.httpCode !== undefined && details.httpCode !== null) json.httpCode = String(details.httpCode);
	return { ...json, ...identity };
}

/**
 * The identifying values of an item (e.g. its email), for its error output: the parameter as entered,
 * or, when the parameter is not used (Map Automatically), the input field of that name.
 */
export function identityOf(ctx: IExecuteFunctions, operation: ItemOperation<unknown>, itemIndex: number): IDataObject {
	const identity: IDataObject = {};
	for (const name of operation.identifyBy ?? []) {
		let value: unknown;
		try {
			value = ctx.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
		} catch {
			// An expression that cannot even be evaluated identifies nothing; the error item says why it failed.
		}
		if (value === undefined || value === '') value = ctx.getInputData()[itemIndex]?.json[name];
		if (value !== undefined && value !== null && value !== '') identity[name] = value as IDataObject[string];
	}
	return identity;
}

export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof Error && 'node' in error) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error.message : String(error), { itemIndex });
}

/** Options → Concurrency, checked (1 for an operation that is not concurrent); before anything is sent. */
export function readConcurrency(ctx: IExecuteFunctions, operation: Pick<ItemOperation<unknown>, 'concurrent'>): number {
	if (!operation.concurrent) return 1;
	const raw = Number(ctx.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY));
	if (!Number.isInteger(raw) || raw < 1 || raw > MAX_CONCURRENCY) {
		throw new NodeOperationError(ctx.getNode(), `Concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, not ${String(raw)}`, {
			description: 'Set Options → Concurrency to a number such as 10, or 1 to send items one after another.',
		});
	}
	return raw;
}

/**
 * Runs an item operation over all input items: every item is prepared (parameters read and checked)
 * before the first request, then items are sent with bounded concurrency (item slots); their requests, like every
 * request of the run, follow the session's pacing (transport/pacing.ts). Results keep input order and
 * each is paired to its item. Without Continue On Fail the first failing item stops the run: no new
 * item starts, the ones already in flight finish, and the error names that item.
 */
export async function runItemOperation(
	this: IExecuteFunctions,
	operation: ItemOperation<unknown>,
	items: INodeExecutionData[],
	session: KeepnetSession,
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const concurrency = readConcurrency(this, operation);

	const prepared: unknown[] = new Array(items.length);
	const outcomes: Outcome[] = new Array(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = await operation.prepare.call(this, itemIndex, session);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, itemIndex);
			outcomes[itemIndex] = { ok: false, error };
		}
	}

	let nextIndex = 0;
	let stopped = false;
	let firstFailure: { itemIndex: number; error: unknown } | undefined;

	// Concurrency is the most items sending at once; request starts follow the rate Keepnet admits, which the run's
	// session has paced since its first request (transport/pacing.ts). An item waiting (out a 429's Retry-After, or for
	// an earlier item with its serial key: sendPhases.ts) lends its slot to the next item, so items are started by
	// acquiring a slot rather than by a fixed set of workers.
	const pacer = new ItemSlots(concurrency);

	const runOne = async (itemIndex: number): Promise<Outcome> => {
		let outcome: Outcome;
		try {
			outcome = { ok: true, outputs: await operation.run.call(this, prepared[itemIndex], itemIndex, session) };
		} catch (error) {
			outcome = { ok: false, error };
		}
		outcomes[itemIndex] = outcome;
		if (!outcome.ok && outcome.error !== undefined && !continueOnFail && !stopped) {
			stopped = true;
			firstFailure = { itemIndex, error: outcome.error };
		}
		return outcome;
	};

	const running = new Set<Promise<void>>();
	await session.withItemSlots(pacer, async () => {
		while (!stopped && nextIndex < items.length) {
			// Refused while preparing (Continue On Fail): nothing to send, no slot needed.
			if (outcomes[nextIndex] !== undefined) {
				nextIndex++;
				continue;
			}
			await pacer.acquireSlot();
			if (stopped || nextIndex >= items.length || outcomes[nextIndex] !== undefined) {
				pacer.releaseSlot();
				continue;
			}
			const itemIndex = nextIndex++;
			// runOne settles every outcome itself; the catch only keeps an unexpected rejection from going unhandled.
			const task: Promise<void> = runOne(itemIndex)
				.catch(() => undefined)
				.then(() => {
					pacer.releaseSlot();
					running.delete(task);
				});
			running.add(task);
		}
		await Promise.all(running);
	});

	if (firstFailure) throw asNodeError(this, firstFailure.error, firstFailure.itemIndex);

	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (outcome === undefined) continue;
		if (outcome.ok) {
			for (const output of outcome.outputs) {
				results.push({ ...output, pairedItem: { item: itemIndex } });
			}
		} else {
			results.push({ json: errorJson(outcome.error, identityOf(this, operation, itemIndex)), pairedItem: { item: itemIndex } });
		}
	}
	return results;
}
