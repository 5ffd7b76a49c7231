import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, sortOption, statusFilterOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readCompanyId, readPaging, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter, type FilterItem, searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';


const sortFields = [
	{ name: 'Create Time', value: 'CreateTime' },
	{ name: 'Email', value: 'Email' },
	{ name: 'First Name', value: 'FirstName' },
	{ name: 'Last Name', value: 'LastName' },
	{ name: 'Status', value: 'StatusId' },
];

interface Prepared {
	companyId: string;
	body: IDataObject;
	limit: number;
}

export const description: INodeProperties[] = [
	companyLocator(),
	...returnAllAndLimit(),
	filtersCollection([
		searchTextFilter('e.g. jane', 'Free text matched against first name, last name and email'),
		statusFilterOption('Only active or only inactive system users'),
	]),
	optionsCollection([sortOption(sortFields, 'CreateTime')]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		const companyId = readCompanyId(this, itemIndex);
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const items: FilterItem[] = [];
		if (filters.status === 'active' || filters.status === 'inactive') {
			items.push({ FieldName: 'StatusId', Operator: 'Include', Value: filters.status === 'active' ? '1' : '0' });
		}
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 256 }) ?? '';
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const sort = sortFrom(options, 'CreateTime');
		return {
			companyId,
			limit,
			body: { filter: buildFilter(items, searchText, ['FirstName', 'LastName', 'Email']), orderBy: sort.orderBy, ascending: sort.ascending },
		};
	},
	async run(prepared, itemIndex, state) {
		const users = await searchRecords<IDataObject>(
			this,
			state,
			{ path: '/api/system-users/search', body: prepared.body, companyId: prepared.companyId, itemIndex },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return users.map((user) => ({ json: user }));
	},
};
