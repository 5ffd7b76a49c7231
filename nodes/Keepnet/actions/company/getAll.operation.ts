import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllAndLimit, simplifyToggle, sortOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readPaging, sortFrom } from '../../helpers/parameters';
import { pages } from '../../transport/paging';
import type { ItemOperation } from '../types';
import { SIMPLIFIED_COMPANY_FIELDS } from './body';
import { companySortFields } from './fields';
import { BILLING_COLUMNS, companyDateRangeOptions, companyListFilterOptions, companyListQuery, inRanges, type DateRange } from './filters';

export const description: INodeProperties[] = [
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([...companyListFilterOptions, ...companyDateRangeOptions].sort((a, b) => a.displayName.localeCompare(b.displayName))),
	optionsCollection([sortOption(companySortFields, 'createTime')]),
];

interface Prepared {
	body: IDataObject;
	limit: number;
	simplify: boolean;
	month?: string;
	ranges: DateRange[];
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const query = companyListQuery(this, filters, itemIndex, sortFrom(options, 'createTime'));
		return { limit, simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean, body: query.body, month: query.month, ranges: query.ranges };
	},
	async run(prepared, itemIndex, session) {
		const spec = { path: '/api/companies/search', body: prepared.body, itemIndex };
		let companies: IDataObject[];
		if (prepared.ranges.length === 0) {
			companies = await session.search<IDataObject>(spec, prepared.limit, MAX_PAGE_SIZE);
		} else {
			// Date ranges are kept by the node (docs/billing-and-reports.md): pages of the largest size until Limit is met.
			companies = [];
			for await (const page of pages(session.pageReader<IDataObject>(spec), { pageSize: MAX_PAGE_SIZE })) {
				for (const row of page.rows) if (companies.length < prepared.limit && inRanges(row, prepared.ranges)) companies.push(row);
				if (companies.length >= prepared.limit) break;
			}
		}
		const fields = prepared.month === undefined ? SIMPLIFIED_COMPANY_FIELDS : [...SIMPLIFIED_COMPANY_FIELDS, ...BILLING_COLUMNS];
		return companies.map((company) => ({ json: prepared.simplify ? pick(company, fields) : company }));
	},
};
