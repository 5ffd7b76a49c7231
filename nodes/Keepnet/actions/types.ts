import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { KeepnetRunState } from '../transport/request';

/** One output record of an item; the router adds `pairedItem`. */
export interface OperationOutput {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * An operation that handles each input item on its own. `prepare` reads the parameters and checks them
 * without sending anything, for every item, before the first request goes out; `run` then talks to
 * Keepnet. Splitting the two is what lets a bad row stop the run before anything was written.
 */
export interface ItemOperation<Prepared = unknown> {
	kind: 'item';
	description: INodeProperties[];
	/** Whether the operation offers the Concurrency option (writes); the others run items one by one. */
	concurrent: boolean;
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	run(this: IExecuteFunctions, prepared: Prepared, itemIndex: number, state: KeepnetRunState): Promise<OperationOutput[]>;
	/** Called once after every item was prepared and before the first is sent (e.g. to read shared state in bulk). */
	beforeSending?(this: IExecuteFunctions, prepared: Array<Prepared | undefined>, state: KeepnetRunState): Promise<void>;
	/** Items with the same key run in input order, one after the other (e.g. the same email in Create or Update). */
	serialKey?(prepared: Prepared): string | undefined;
	/** Parameters copied (as entered) into this item's error output, so a report can say which row failed. */
	identifyBy?: string[];
}

/** An operation that handles all input items together (bulk import). */
export interface BatchOperation {
	kind: 'batch';
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[], state: KeepnetRunState): Promise<INodeExecutionData[]>;
}

// Method shorthand keeps the parameter bivariant, so any ItemOperation<P> fits ItemOperation<unknown>.
export type KeepnetOperation = ItemOperation<unknown> | BatchOperation;
