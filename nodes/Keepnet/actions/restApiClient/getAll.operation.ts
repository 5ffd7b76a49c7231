import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, sortOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readCompanyId, readPaging, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter, searchRecords } from '../../transport/search';
import { withoutCustomerSecrets } from '../../transport/request';
import type { ItemOperation } from '../types';
import { CLIENT_LIMITS } from './body';


const sortFields = [
	{ name: 'Client ID', value: 'clientId' },
	{ name: 'Create Time', value: 'createTime' },
	{ name: 'Name', value: 'clientName' },
	{ name: 'Status', value: 'StatusId' },
];

export const description: INodeProperties[] = [
	companyLocator(),
	...returnAllAndLimit(),
	filtersCollection([searchTextFilter('e.g. automation', 'Only clients whose name or client ID contains this text')]),
	optionsCollection([sortOption(sortFields, 'createTime')]),
];

export const handler: ItemOperation<{ companyId: string; body: IDataObject; limit: number }> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: CLIENT_LIMITS.name }) ?? '';
		const sort = sortFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject, 'createTime');
		return {
			companyId: readCompanyId(this, itemIndex),
			limit: readPaging(this, itemIndex).limit,
			body: { filter: buildFilter([], searchText, ['ClientName', 'ClientId']), orderBy: sort.orderBy, ascending: sort.ascending },
		};
	},
	async run(prepared, itemIndex, state) {
		const clients = await searchRecords<IDataObject>(
			this,
			state,
			{ path: '/api/companies/clients/search', body: prepared.body, companyId: prepared.companyId, itemIndex },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		// The rows carry no secret today; should Keepnet add one, it is redacted like everywhere else.
		return clients.map((client) => ({ json: withoutCustomerSecrets(state, client) }));
	},
};
