import type { IDataObject } from 'n8n-workflow';

import { fetchedPage, resultsOf } from './paging';
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
