import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readCompanyId, readPaging } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter, searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';


export const description: INodeProperties[] = [
	companyLocator(),
	...returnAllAndLimit(),
	filtersCollection([searchTextFilter('e.g. microsoft', 'Only settings whose name or tenant contains this text')]),
];

export const handler: ItemOperation<{ companyId: string; body: IDataObject; limit: number }> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 200 }) ?? '';
		return {
			companyId: readCompanyId(this, itemIndex),
			limit: readPaging(this, itemIndex).limit,
			body: { filter: buildFilter([], searchText, ['Name']), orderBy: 'CreateTime', ascending: false },
		};
	},
	async run(prepared, itemIndex, state) {
		// Keepnet's spec types this answer as a bare ID; its web console reads rows, which is what arrives.
		const settings = await searchRecords<IDataObject>(
			this,
			state,
			{ path: '/api/companies/direct-email-settings/search', body: prepared.body, companyId: prepared.companyId, itemIndex },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return settings.map((setting) => ({ json: setting }));
	},
};
