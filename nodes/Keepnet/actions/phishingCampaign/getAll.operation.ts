import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, simplifyToggle, sortOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readCompanyId, readPaging, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter, searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';
import { campaignSortFields, SIMPLIFIED_CAMPAIGN_FIELDS } from './fields';


export const description: INodeProperties[] = [
	companyLocator(),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([
		searchTextFilter('e.g. onboarding', 'Only campaigns whose name contains this text'),
	]),
	optionsCollection([sortOption(campaignSortFields, 'CreateTime')]),
];

interface Prepared {
	companyId: string;
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		const companyId = readCompanyId(this, itemIndex);
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 200 }) ?? '';
		const sort = sortFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject, 'CreateTime');
		return {
			companyId,
			limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			body: { filter: buildFilter([], searchText, ['Name']), orderBy: sort.orderBy, ascending: sort.ascending },
		};
	},
	async run(prepared, itemIndex, state) {
		const campaigns = await searchRecords<IDataObject>(
			this,
			state,
			{ path: '/api/phishing-simulator/phishing-campaign/search', body: prepared.body, companyId: prepared.companyId, itemIndex },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return campaigns.map((campaign) => ({ json: prepared.simplify ? pick(campaign, SIMPLIFIED_CAMPAIGN_FIELDS) : campaign }));
	},
};
