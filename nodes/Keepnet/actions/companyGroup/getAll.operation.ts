import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, sortOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readPaging, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter, searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';
import { COMPANY_GROUP_NAME_MAX } from './body';


const sortFields = [
	{ name: 'Company Count', value: 'CompanyCount' },
	{ name: 'Create Time', value: 'CreateTime' },
	{ name: 'Name', value: 'Name' },
];

export const description: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([searchTextFilter('e.g. emea', 'Only groups whose name contains this text')]),
	optionsCollection([sortOption(sortFields, 'CreateTime')]),
];

export const handler: ItemOperation<{ body: IDataObject; limit: number }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: COMPANY_GROUP_NAME_MAX }) ?? '';
		const sort = sortFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject, 'CreateTime');
		return { limit, body: { filter: buildFilter([], searchText, ['Name']), orderBy: sort.orderBy, ascending: sort.ascending } };
	},
	async run(prepared, itemIndex, state) {
		const groups = await searchRecords<IDataObject>(this, state, { path: '/api/company-groups/search', body: prepared.body, itemIndex }, prepared.limit, MAX_PAGE_SIZE);
		return groups.map((group) => ({ json: group }));
	},
};
