import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../helpers/limits';
import { pick } from '../helpers/output';
import { readCompanyId, readPaging } from '../helpers/parameters';
import { optionalString } from '../helpers/validation';
import { searchRecords } from '../transport/search';
import type { ItemOperation, OperationModule } from './types';

/** A catalogue Keepnet offers a company (trainings, phishing scenarios): the search its picker runs, as a Get Many. */
export interface CatalogueSearch {
	resource: string;
	path: string;
	/** The picker's own request body for a search text (helpers/catalogue.ts), so list and picker ask alike. */
	body: (searchText: string) => IDataObject;
	simplifiedFields: readonly string[];
	searchPlaceholder: string;
	searchDescription: string;
}

interface Prepared {
	companyId: string;
	searchText: string;
	limit: number;
	simplify: boolean;
}

export function catalogueSearchOperation(catalogue: CatalogueSearch): OperationModule {
	const description: INodeProperties[] = [
		companyLocator(),
		...returnAllAndLimit(),
		simplifyToggle(),
		filtersCollection([searchTextFilter(catalogue.searchPlaceholder, catalogue.searchDescription)]),
	];
	const handler: ItemOperation<Prepared> = {
		kind: 'item',
		acrossCompanies: true,
		concurrent: false,
		prepare(itemIndex) {
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			return {
				companyId: readCompanyId(this, itemIndex),
				searchText: optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 200 }) ?? '',
				limit: readPaging(this, itemIndex).limit,
				simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			};
		},
		async run(prepared, itemIndex, state) {
			const rows = await searchRecords<IDataObject>(
				this,
				state,
				{ path: catalogue.path, body: catalogue.body(prepared.searchText), companyId: prepared.companyId, itemIndex },
				prepared.limit,
				MAX_PAGE_SIZE,
			);
			return rows.map((row) => ({ json: prepared.simplify ? pick(row, catalogue.simplifiedFields) : row }));
		},
	};
	return { description, handler };
}
