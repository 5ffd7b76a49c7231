import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../../helpers/descriptions';
import { pick } from '../../helpers/output';
import { readCompanyId, readPaging } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { searchExecutiveReports } from './api';

const SIMPLIFIED_FIELDS = ['resourceId', 'name', 'description', 'isSupportManager'] as const;

interface Prepared {
	companyId: string;
	name: string;
	limit: number;
	simplify: boolean;
}

export const description: INodeProperties[] = [
	companyLocator("The customer company whose executive reports to list (sent as the scope header)"),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([searchTextFilter('e.g. monthly', 'Only reports whose name contains this text')]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex, session) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return {
			companyId: readCompanyId(session, itemIndex),
			name: optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 100 }) ?? '',
			limit: readPaging(this, itemIndex).limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async run(prepared, itemIndex, session) {
		// Keepnet answers the whole list at once (no paging); Limit is applied here.
		const reports = (await searchExecutiveReports(session, prepared.companyId, prepared.name, itemIndex)).slice(0, prepared.limit);
		return reports.map((report) => ({ json: prepared.simplify ? pick(report, SIMPLIFIED_FIELDS) : report }));
	},
};
