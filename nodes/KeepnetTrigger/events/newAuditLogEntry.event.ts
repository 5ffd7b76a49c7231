import { buildFilter } from '../../Keepnet/transport/search';
import { eventAt } from '../sources';
import type { TimedEvent } from './types';

/** New audit-log entry: audit-logs/search by LogDate, newest first; the log is append-only (docs/keepnet-api.md#audit-logs). */
export const newAuditLogEntry: TimedEvent = {
	kind: 'timed',
	label: 'New Audit Log Entry',
	description: 'Someone changes something in a company (audit log)',
	scope: 'company',
	async sources({ env, event, company }) {
		return [
			{
				ordered: true,
				readPage: env.session.pageReader({
					path: '/api/audit-logs/search',
					body: { filter: buildFilter(), orderBy: 'LogDate', ascending: false },
					companyId: company.resourceId,
				}),
				toEvent: (row) =>
					typeof row.resourceId === 'string'
						? eventAt(row.resourceId, row.logDate, { event, eventTime: row.logDate ?? null, company: { ...company }, record: row })
						: undefined,
			},
		];
	},
};
