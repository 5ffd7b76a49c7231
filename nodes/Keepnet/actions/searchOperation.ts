import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, simplifyToggle, sortOption, withOptionInPlace } from '../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../helpers/limits';
import { pick } from '../helpers/output';
import { readCompanyId, readPaging, sortFrom } from '../helpers/parameters';
import { optionalString } from '../helpers/validation';
import { collectRows, type FetchedPage, type PageRequest } from '../transport/paging';
import { buildFilter, type FilterItem, type SearchSpec } from '../transport/search';
import type { ItemOperation, OperationModule } from './types';
import type { KeepnetSession } from '../transport/session';

/**
 * A Get Many (or Get Members, Get Report) over one of Keepnet's paged POST searches, from a short declaration. The
 * factory writes what every such operation repeats: the Company picker, Return All + Limit, Simplify, Filters with
 * Search Text, Options → Sort, reading and checking them before any request, paging through transport/paging.ts
 * (session.search), one output item per row. The registry (registry.ts) then places the fields and adds Companies
 * for `acrossCompanies`. Error outputs (Continue On Fail) and pairedItem come from the router as for every operation.
 */
export interface SearchOperationSpec {
	/** The search endpoint; a function of the record's ID for a search under one record (`record`). */
	path: string | ((recordId: string) => string);
	/**
	 * The Company picker before every other field, whose company the search is sent in (the default; a string is its
	 * tooltip), or false for a search at the Reseller's own level.
	 */
	company?: boolean | string;
	/** Offers "All Companies I Manage" (docs/all-companies.md); default: with a Company picker and no `record`. */
	acrossCompanies?: boolean;
	/** The record the search lists under (e.g. the group of Get Members): its picker and how its ID is read. */
	record?: {
		field: INodeProperties;
		/** The parameter copied into error outputs, so a report says which record failed. */
		name: string;
		read: (ctx: IExecuteFunctions, itemIndex: number) => string;
		/** What a 404 names, e.g. 'target group X in company Y'. */
		notFound?: (companyId: string | undefined, recordId: string) => string;
	};
	/** Filters → Search Text: the record fields Keepnet matches it in, its placeholder, tooltip and longest accepted text. */
	searchText?: { fields: string[]; placeholder: string; description: string; max: number };
	/** More Filters beside Search Text (which takes its place by name among them), with the column filters and body they give. */
	filters?: {
		options: INodeProperties[];
		/** Checked before any request, like every parameter: throw inputError for a bad value. */
		columns?: (filters: IDataObject, ctx: IExecuteFunctions, itemIndex: number) => FilterItem[];
		/** Checked before any request, like every parameter: throw inputError for a bad value. */
		body?: (filters: IDataObject, ctx: IExecuteFunctions, itemIndex: number) => IDataObject;
	};
	/** Options → Sort with these fields, or a fixed order when the list has no Sort (default: newest first). */
	sort?: { fields: Array<{ name: string; value: string }>; default: string } | { orderBy: string; ascending: boolean };
	/** The Simplify toggle and the fields (or function) it keeps; without, rows are returned as Keepnet sends them. */
	simplify?: readonly string[] | ((row: IDataObject) => IDataObject);
	/** The request body from the Search Text, when the endpoint wants its own shape (e.g. the catalogue searches). */
	body?: (searchText: string) => IDataObject;
	/** The page reader, when the search needs more than transport/search's (e.g. a second company header). */
	pages?: (
		session: KeepnetSession,
		search: SearchSpec,
		context: { ctx: IExecuteFunctions; recordId?: string; itemIndex: number },
	) => (request: PageRequest) => Promise<FetchedPage<IDataObject>>;
	/** Each row before Simplify (e.g. a secret redacted, the group ID added). */
	row?: (row: IDataObject, context: { session: KeepnetSession; recordId?: string }) => IDataObject;
}

interface Prepared {
	companyId?: string;
	recordId?: string;
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

/** The operation module (fields and handler) a search spec describes. */
export function searchOperation(spec: SearchOperationSpec): OperationModule {
	const company = spec.company ?? true;
	const sort = spec.sort ?? { orderBy: 'CreateTime', ascending: false };
	const sortable = 'fields' in sort ? sort : undefined;
	const search = spec.searchText;
	const filterOptions = spec.filters?.options ?? [];
	const filterFields = search === undefined ? filterOptions : withOptionInPlace(filterOptions, searchTextFilter(search.placeholder, search.description));
	const description: INodeProperties[] = [
		...(company === false ? [] : [typeof company === 'string' ? companyLocator(company) : companyLocator()]),
		...(spec.record === undefined ? [] : [spec.record.field]),
		...returnAllAndLimit(),
		...(spec.simplify === undefined ? [] : [simplifyToggle()]),
		...(filterFields.length === 0 ? [] : [filtersCollection(filterFields)]),
		...(sortable === undefined ? [] : [optionsCollection([sortOption(sortable.fields, sortable.default)])]),
	];
	const simplified = spec.simplify === undefined ? undefined : typeof spec.simplify === 'function' ? spec.simplify : (row: IDataObject) => pick(row, spec.simplify as readonly string[]);

	const handler: ItemOperation<Prepared> = {
		kind: 'item',
		concurrent: false,
		acrossCompanies: spec.acrossCompanies ?? (company !== false && spec.record === undefined),
		identifyBy: spec.record === undefined ? undefined : [spec.record.name],
		prepare(itemIndex, session) {
			const companyId = company === false ? undefined : readCompanyId(session, itemIndex);
			const recordId = spec.record?.read(this, itemIndex);
			const { limit } = readPaging(this, itemIndex);
			const filters = spec.filters === undefined && search === undefined ? {} : (this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
			const searchText = search === undefined ? '' : (optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: search.max }) ?? '');
			const order = sortable === undefined ? (sort as { orderBy: string; ascending: boolean }) : sortFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject, sortable.default);
			const body =
				spec.body?.(searchText) ?? {
					filter: buildFilter(spec.filters?.columns?.(filters, this, itemIndex) ?? [], searchText, search?.fields ?? []),
					orderBy: order.orderBy,
					ascending: order.ascending,
					...spec.filters?.body?.(filters, this, itemIndex),
				};
			return { companyId, recordId, limit, body, simplify: simplified !== undefined && (this.getNodeParameter('simplify', itemIndex, true) as boolean) };
		},
		async run(prepared, itemIndex, session) {
			const { companyId, recordId } = prepared;
			const path = typeof spec.path === 'string' ? spec.path : spec.path(recordId ?? '');
			const notFoundSubject = recordId === undefined ? undefined : spec.record?.notFound?.(companyId, recordId);
			const search: SearchSpec = { path, body: prepared.body, companyId, itemIndex, notFoundSubject };
			const rows = await collectRows(spec.pages ? spec.pages(session, search, { ctx: this, recordId, itemIndex }) : session.pageReader(search), prepared.limit, MAX_PAGE_SIZE);
			return rows.map((found) => {
				const row = spec.row?.(found, { session, recordId }) ?? found;
				return { json: prepared.simplify && simplified !== undefined ? simplified(row) : row };
			});
		},
	};
	return { description, handler };
}
