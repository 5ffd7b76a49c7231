import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readCompanyId, readPaging } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter, searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';

const SIMPLIFIED_FIELDS = ['resourceId', 'name', 'reportName', 'reportResourceId', 'frequency', 'status', 'nextSendDate', 'lastSendDate'] as const;

interface Prepared {
	companyId: string;
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

export const description: INodeProperties[] = [
	companyLocator("The customer company whose scheduled reports to list (sent as the scope header)"),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([searchTextFilter('e.g. monthly', 'Only schedules whose name or report name contains this text')]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 100 }) ?? '';
		return {
			companyId: readCompanyId(this, itemIndex),
			limit: readPaging(this, itemIndex).limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			body: { filter: buildFilter([], searchText, []), orderBy: 'CreateTime', ascending: false },
		};
	},
	async run(prepared, itemIndex, state) {
		const rows = await searchRecords<IDataObject>(
			this,
			state,
			{ path: '/api/report-scheduling/search', body: prepared.body, companyId: prepared.companyId, itemIndex },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		// The list has no recipients (docs/billing-and-reports.md#endpoints-per-operation): Get reads them.
		return rows.map((row) => ({ json: prepared.simplify ? pick(row, SIMPLIFIED_FIELDS) : row }));
	},
};
