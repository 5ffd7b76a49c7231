import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, sortOption } from '../../helpers/descriptions';
import { readCompanyId, readPaging, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { withoutCustomerSecrets } from '../../transport/request';
import type { ItemOperation } from '../types';
import { SCIM_NAME_MAX, searchScimIntegrations } from './api';


const sortFields = [
	{ name: 'Create Time', value: 'CreateTime' },
	{ name: 'Name', value: 'Name' },
];

export const description: INodeProperties[] = [
	companyLocator(),
	...returnAllAndLimit(),
	filtersCollection([searchTextFilter('e.g. entra', 'Only integrations whose name contains this text')]),
	optionsCollection([sortOption(sortFields, 'CreateTime')]),
];

export const handler: ItemOperation<{ companyId: string; search: { text: string; orderBy: string; ascending: boolean }; limit: number }> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const sort = sortFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject, 'CreateTime');
		return {
			companyId: readCompanyId(this, itemIndex),
			limit: readPaging(this, itemIndex).limit,
			search: { text: optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: SCIM_NAME_MAX }) ?? '', orderBy: sort.orderBy, ascending: sort.ascending },
		};
	},
	async run(prepared, itemIndex, state) {
		const rows = await searchScimIntegrations(this, state, prepared.companyId, prepared.search, prepared.limit, itemIndex);
		return rows.map((row) => ({ json: withoutCustomerSecrets(state, row) }));
	},
};
