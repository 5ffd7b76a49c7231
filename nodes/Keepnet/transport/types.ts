import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

/** What a request to Keepnet is, as every layer names it (kept apart so errorMessages.ts and session.ts share it without a cycle). */

export const COMPANY_HEADER = 'X-KEEPNET-Company-Id';

/** Every n8n context that talks to Keepnet: the node's execute, the editor's pickers, the trigger's poll. */
export type KeepnetFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface KeepnetRequest {
	method: IHttpRequestMethods;
	/** Path below the Base URL, starting with /api/. Any IDs in it must already be validated. */
	path: string;
	body?: IDataObject | IDataObject[] | Buffer;
	/** Sent as X-KEEPNET-Company-Id: the customer the request acts in. */
	companyId?: string;
	headers?: Record<string, string>;
	/**
	 * Whether the request may be replayed after a 5xx, a dropped connection or a timeout. 'never' also
	 * marks a write whose outcome is unknown when no clear answer arrived.
	 */
	retry: 'safe' | 'never';
	/** Answer expected as a file (export) rather than a JSON ServiceResult. */
	binary?: boolean;
	/**
	 * With `binary`: the content types (without parameters) Keepnet serves the file as. Any other 2xx answer is an
	 * error, not a file. Whatever the list, an HTML page (a proxy's or the web console's) is never taken as a file.
	 */
	fileTypes?: readonly string[];
	itemIndex?: number;
	/** How to name the thing a 404 refers to, e.g. `target user "Ab12Cd34Ef56"`. */
	notFoundSubject?: string;
}

export interface KeepnetBinaryResponse {
	body: Buffer;
	headers: Record<string, string>;
}


/** Keepnet's paged object inside a search's ServiceResult. */
export interface PagedResults<T> {
	pageNumber?: number;
	pageSize?: number;
	totalNumberOfPages?: number;
	totalNumberOfRecords?: number;
	results?: T[];
}

/** A paged search: where, with which body (filter, order), in which company. */
export interface SearchSpec {
	path: string;
	body: IDataObject;
	companyId?: string;
	itemIndex?: number;
	notFoundSubject?: string;
	/** Where the paged results sit in `data`, when not at its root (the import preview nests them under `items`). */
	pageIn?: 'items';
}
