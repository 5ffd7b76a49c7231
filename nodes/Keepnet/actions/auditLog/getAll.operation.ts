import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseKeepnetDate } from '../../helpers/dates';
import { companyLocator, filtersCollection, returnAllAndLimit, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readCompanyId, readPaging } from '../../helpers/parameters';
import { pages } from '../../transport/paging';
import type { ItemOperation } from '../types';
import { auditLogDateOptions, auditLogFilterOptions, auditLogQuery } from './filters';

const SIMPLIFIED_AUDIT_LOG_FIELDS = ['resourceId', 'logDate', 'userName', 'entityName', 'entityResourceId', 'operation', 'ip', 'auditDescription'] as const;

interface Prepared {
	companyId: string;
	filter: IDataObject;
	fromMs: number;
	toMs: number;
	limit: number;
	simplify: boolean;
}

export const description: INodeProperties[] = [
	companyLocator('The customer company whose audit log to read (sent as the scope header)'),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([...auditLogDateOptions, ...auditLogFilterOptions].sort((a, b) => a.displayName.localeCompare(b.displayName))),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const { limit } = readPaging(this, itemIndex);
		const query = auditLogQuery(this, this.getNodeParameter('filters', itemIndex, {}) as IDataObject, itemIndex);
		return { companyId, limit, simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean, ...query };
	},
	async run(prepared, itemIndex, session) {
		// Newest first; the date range is kept by the node on the dates returned (the format Keepnet expects for a
		// date inside a filter value is unverified, docs/billing-and-reports.md), so paging stops at the first entry
		// older than Logged After.
		const spec = { path: '/api/audit-logs/search', body: { filter: prepared.filter, orderBy: 'LogDate', ascending: false }, companyId: prepared.companyId, itemIndex };
		const pageSize = Number.isFinite(prepared.fromMs) || Number.isFinite(prepared.toMs) ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, prepared.limit));
		const entries: IDataObject[] = [];
		for await (const page of pages(session.pageReader<IDataObject>(spec), { pageSize })) {
			let older = false;
			for (const row of page.rows) {
				const ms = parseKeepnetDate(row.logDate);
				if (ms !== undefined && ms < prepared.fromMs) {
					older = true;
					break;
				}
				if (ms !== undefined && ms > prepared.toMs) continue;
				if (ms === undefined && (Number.isFinite(prepared.fromMs) || Number.isFinite(prepared.toMs))) continue;
				if (entries.length < prepared.limit) entries.push(row);
			}
			if (older || entries.length >= prepared.limit) break;
		}
		return entries.map((entry) => ({ json: prepared.simplify ? pick(entry, SIMPLIFIED_AUDIT_LOG_FIELDS) : entry }));
	},
};
