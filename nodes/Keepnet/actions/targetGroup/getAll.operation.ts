import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, sortOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readCompanyId, readPaging, sortFrom } from '../../helpers/parameters';
import { buildFilter, searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';
import { readSearchText, TARGET_GROUP_NAME_MAX } from './body';
import { groupSortFields } from './fields';


export const description: INodeProperties[] = [
	companyLocator(),
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Include System-Generated Groups',
			name: 'includeSystemGenerated',
			type: 'boolean',
			default: false,
			description: 'Whether to include the groups Keepnet keeps itself, such as Repeat Offenders and New Hires',
		},
		searchTextFilter('e.g. finance', 'Only groups whose name contains this text'),
	]),
	optionsCollection([sortOption(groupSortFields, 'CreateTime')]),
];

interface Prepared {
	companyId: string;
	body: IDataObject;
	limit: number;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		const companyId = readCompanyId(this, itemIndex);
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = readSearchText(this, filters, itemIndex, TARGET_GROUP_NAME_MAX);
		const sort = sortFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject, 'CreateTime');
		return {
			companyId,
			limit,
			body: {
				filter: buildFilter([], searchText, ['Name']),
				orderBy: sort.orderBy,
				ascending: sort.ascending,
				systemGeneratedGroups: filters.includeSystemGenerated === true,
			},
		};
	},
	async run(prepared, itemIndex, state) {
		const groups = await searchRecords<IDataObject>(
			this,
			state,
			{ path: '/api/target-groups/search', body: prepared.body, companyId: prepared.companyId, itemIndex },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return groups.map((group) => ({ json: group }));
	},
};
