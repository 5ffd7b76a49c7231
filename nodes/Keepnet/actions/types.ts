import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { KeepnetSession } from '../transport/session';


/** One output record of an item; the router adds `pairedItem`. */
export interface OperationOutput {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * An operation that handles each input item on its own. `prepare` reads the parameters and checks them
 * without sending anything, for every item, before the first request goes out; `run` then talks to
 * Keepnet. Splitting the two is what lets a bad row stop the run before anything was written.
 *
 * This is all the runner (runner.ts) knows. An operation that needs a step between preparing and sending (read
 * shared state once, settle items in bulk) or items that must not overlap composes it with sendPhases.ts; Target
 * User Create and Create or Update do so through the bulk-import library (targetUser/bulkImport).
 */
export interface ItemOperation<Prepared = unknown> {
	kind: 'item';
	/** Whether the operation offers the Concurrency option (writes); the others run items one by one. */
	concurrent: boolean;
	/** `session` is for the reads a check needs (e.g. Keepnet's language list); nothing is written while preparing. */
	prepare(this: IExecuteFunctions, itemIndex: number, session: KeepnetSession): Prepared | Promise<Prepared>;
	run(this: IExecuteFunctions, prepared: Prepared, itemIndex: number, session: KeepnetSession): Promise<OperationOutput[]>;
	/** Parameters copied (as entered) into this item's error output, so a report can say which row failed. */
	identifyBy?: string[];
	/**
	 * Opts a read-only operation that takes a Company in to "All Companies I Manage" (docs/all-companies.md): the
	 * editor then offers Companies → All Companies I Manage, and the router runs the operation once per customer,
	 * tagging each output item with `company`. The prepared value must carry the customer in `companyId`.
	 */
	acrossCompanies?: boolean;
	/** With acrossCompanies: the prepared value for one customer (default: `companyId` replaced). */
	forCompany?(prepared: Prepared, company: CompanyRef): Prepared;
}

/** A customer company as the fan-out and the trigger name it in output items. */
export interface CompanyRef {
	resourceId: string;
	name: string | null;
}

/** An operation that handles all input items together (bulk import, Sync, an item operation with send phases). */
export interface BatchOperation {
	kind: 'batch';
	/** Whether the operation offers the Concurrency option (one that sends its items through the runner). */
	concurrent?: boolean;
	execute(this: IExecuteFunctions, items: INodeExecutionData[], session: KeepnetSession): Promise<INodeExecutionData[]>;
}

// Method shorthand keeps the parameter bivariant, so any ItemOperation<P> fits ItemOperation<unknown>.
export type KeepnetOperation = ItemOperation<unknown> | BatchOperation;

/** What every `<operation>.operation.ts` exports: its editor fields and the code that runs it. */
export interface OperationModule {
	description: INodeProperties[];
	handler: KeepnetOperation;
}

/** One entry of a resource's Operation menu: what the editor shows, and the module that carries it out. */
export interface OperationEntry {
	/** Shown in the Operation menu (the menu is sorted by it, as n8n's lint rules ask). */
	name: string;
	/** Shown in the nodes panel and to AI agents, e.g. "Create a company". */
	action: string;
	description: string;
	module: OperationModule;
}

/** A resource's operations, keyed by the operation value saved in workflows. */
export type OperationMenu = Record<string, OperationEntry>;

/** A resource as the node's resource map holds it: its entry in the Resource menu and its operations. */
export interface ResourceDefinition {
	/** Shown in the Resource menu. */
	name: string;
	description: string;
	/** The operation a new node starts with. */
	defaultOperation: string;
	operations: OperationMenu;
}

/** A resource as declared: the default operation must be one of its own operations. */
export interface TypedResource<Menu extends OperationMenu> extends ResourceDefinition {
	defaultOperation: keyof Menu & string;
	operations: Menu;
}

/**
 * Declares a resource: one typed source for its Operation menu and the code behind each entry. A menu entry
 * without a module (description and handler), or a default operation that is not in the menu, is a compile
 * error; the runtime check below says the same to JavaScript callers and tests.
 */
export function defineResource<Menu extends OperationMenu>(definition: TypedResource<Menu>): TypedResource<Menu> {
	for (const [value, entry] of Object.entries(definition.operations)) {
		const module = (entry as Partial<OperationEntry>).module;
		if (!module || !Array.isArray(module.description) || (module.handler?.kind !== 'item' && module.handler?.kind !== 'batch')) {
			throw new Error(`Operation "${value}" of resource "${definition.name}" has no description and handler`);
		}
	}
	if (!Object.prototype.hasOwnProperty.call(definition.operations, definition.defaultOperation)) {
		throw new Error(`The default operation "${definition.defaultOperation}" of resource "${definition.name}" is not in its menu`);
	}
	return definition;
}
