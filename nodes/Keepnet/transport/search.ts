import type { IDataObject } from 'n8n-workflow';

import { collectRows, type FetchedPage, type PageRequest } from './paging';
import { keepnetApiRequest, type KeepnetFunctions, type KeepnetRunState } from './request';

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

export interface PagedResults<T> {
	pageNumber?: number;
	pageSize?: number;
	totalNumberOfPages?: number;
	totalNumberOfRecords?: number;
	results?: T[];
}

export interface SearchSpec {
	path: string;
	body: IDataObject;
	companyId?: string;
	itemIndex?: number;
	notFoundSubject?: string;
	/** Where the paged results sit in `data`, when not at its root (the import preview nests them under `items`). */
	pageIn?: 'items';
}

export function resultsOf<T>(page: PagedResults<T> | undefined): T[] {
	return Array.isArray(page?.results) ? page.results : [];
}

/** One page of a search. */
export async function searchPage<T = IDataObject>(
	ctx: KeepnetFunctions,
	state: KeepnetRunState,
	spec: SearchSpec,
	pageNumber: number,
	pageSize: number,
): Promise<PagedResults<T>> {
	const data = await keepnetApiRequest<(PagedResults<T> & { items?: PagedResults<T> }) | undefined>(ctx, state, {
		method: 'POST',
		path: spec.path,
		body: { ...spec.body, pageNumber, pageSize },
		companyId: spec.companyId,
		retry: 'safe',
		itemIndex: spec.itemIndex,
		notFoundSubject: spec.notFoundSubject,
	});
	const page = spec.pageIn === undefined ? data : data?.[spec.pageIn];
	return page ?? {};
}

/** A search as the page iterator reads it (transport/paging.ts). */
export function searchPages<T = IDataObject>(ctx: KeepnetFunctions, state: KeepnetRunState, spec: SearchSpec): (request: PageRequest) => Promise<FetchedPage<T>> {
	return async ({ pageNumber, pageSize }) => fetchedPage(await searchPage<T>(ctx, state, spec, pageNumber, pageSize));
}

/** A ServiceResult's paged object as the page iterator takes it. */
export function fetchedPage<T>(page: PagedResults<T> | undefined): FetchedPage<T> {
	return { rows: resultsOf(page), totalPages: typeof page?.totalNumberOfPages === 'number' ? page.totalNumberOfPages : undefined };
}

/**
 * Up to `limit` records (Infinity for Return All). The page size is the largest Keepnet serves well, or
 * the limit when smaller, so Limit never fetches a page it does not need; paging stops at the last page
 * Keepnet reports, or at a short page.
 */
export async function searchRecords<T = IDataObject>(
	ctx: KeepnetFunctions,
	state: KeepnetRunState,
	spec: SearchSpec,
	limit: number,
	maxPageSize: number,
): Promise<T[]> {
	return await collectRows(searchPages<T>(ctx, state, spec), limit, maxPageSize);
}
