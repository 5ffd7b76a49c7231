import type { IDataObject } from 'n8n-workflow';

import { fetchedPage, resultsOf, type FetchedPage, type PageRequest } from './paging';
import type { KeepnetFunctions, KeepnetRunState } from './request';
import type { PagedResults, SearchSpec } from './types';

// The paged read's shapes and adapters, for the call sites that import them from here.
export { fetchedPage, resultsOf };
export type { PagedResults, SearchSpec };

/** One column filter (Keepnet FilterItem). Values are always strings on the wire. */
export interface FilterItem {
	FieldName: string;
	Operator: string;
	Value: string;
}

/**
 * Keepnet's search filter in the shape its own web client sends: group 0 holds column filters joined
 * with AND, group 1 free-text terms joined with OR. `filter: null` is refused by Keepnet (500), so a
 * search always carries this object, even when empty.
 */
export function buildFilter(columnFilters: FilterItem[] = [], searchText = '', textFields: string[] = []): IDataObject {
	const text = searchText.trim();
	const textItems: FilterItem[] = text === '' ? [] : textFields.map((field) => ({ FieldName: field, Operator: 'Contains', Value: text }));
	return {
		Condition: 'AND',
		SearchInputTextValue: text,
		FilterGroups: [
			{ Condition: 'AND', FilterItems: columnFilters as unknown as IDataObject[], FilterGroups: [] },
			{ Condition: 'OR', FilterItems: textItems as unknown as IDataObject[], FilterGroups: [] },
		],
	};
}

/** One page of a search (KeepnetSession.searchPage). */
export async function searchPage<T = IDataObject>(
	_ctx: KeepnetFunctions,
	state: KeepnetRunState,
	spec: SearchSpec,
	pageNumber: number,
	pageSize: number,
): Promise<PagedResults<T>> {
	return await state.searchPage<T>(spec, pageNumber, pageSize);
}

/** A search as the page iterator reads it (KeepnetSession.pageReader). */
export function searchPages<T = IDataObject>(_ctx: KeepnetFunctions, state: KeepnetRunState, spec: SearchSpec): (request: PageRequest) => Promise<FetchedPage<T>> {
	return state.pageReader<T>(spec);
}

/**
 * Up to `limit` records (Infinity for Return All), KeepnetSession.search. The page size is the largest Keepnet
 * serves well, or the limit when smaller, so Limit never fetches a page it does not need; paging stops at the last
 * page Keepnet reports, or at a short page.
 */
export async function searchRecords<T = IDataObject>(
	_ctx: KeepnetFunctions,
	state: KeepnetRunState,
	spec: SearchSpec,
	limit: number,
	maxPageSize: number,
): Promise<T[]> {
	return await state.search<T>(spec, limit, maxPageSize);
}
