import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, simplifyToggle, sortOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readPaging, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter, searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';
import { SIMPLIFIED_COMPANY_FIELDS } from './body';
import { companySortFields, show } from './fields';

export const description: INodeProperties[] = [
	...returnAllAndLimit(show('getAll')),
	simplifyToggle(show('getAll')),
	filtersCollection(show('getAll'), [
		{
			displayName: 'Only Over License Limit',
			name: 'overLicenseLimit',
			type: 'boolean',
			default: true,
			description: 'Whether to return only companies with more target users than their license allows',
		},
		searchTextFilter('e.g. globex', 'Only companies whose name contains this text'),
	]),
	optionsCollection(show('getAll'), [sortOption(companySortFields, 'createTime')]),
];

export const handler: ItemOperation<{ body: IDataObject; limit: number; simplify: boolean }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 64 }) ?? '';
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const sort = sortFrom(options, 'createTime');
		return {
			limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			body: {
				filter: buildFilter([], searchText, ['Name']),
				orderBy: sort.orderBy,
				ascending: sort.ascending,
				isClustered: false,
				isTargetUserCountExceededLimit: filters.overLicenseLimit === true,
			},
		};
	},
	async run(prepared, itemIndex, state) {
		const companies = await searchRecords<IDataObject>(this, state, { path: '/api/companies/search', body: prepared.body, itemIndex }, prepared.limit, MAX_PAGE_SIZE);
		return companies.map((company) => ({ json: prepared.simplify ? pick(company, SIMPLIFIED_COMPANY_FIELDS) : company }));
	},
};
