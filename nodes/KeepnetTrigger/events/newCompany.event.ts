import { companySearchPages } from '../../Keepnet/actions/company/api';
import { companyOfRow, eventAt } from '../sources';
import type { TimedEvent } from './types';

/** New company: the company search by CreateTime, newest first (docs/keepnet-api.md#trigger-events). */
export const newCompany: TimedEvent = {
	kind: 'timed',
	label: 'New Company',
	description: 'A customer company is created under your Reseller account',
	scope: 'reseller',
	async sources({ env, event }) {
		return [
			{
				ordered: true,
				readPage: companySearchPages(env.session, { orderBy: 'CreateTime', ascending: false }),
				toEvent: (row) =>
					typeof row.companyResourceId === 'string'
						? eventAt(row.companyResourceId, row.createTime, { event, eventTime: row.createTime ?? null, company: { ...companyOfRow(row) }, record: row })
						: undefined,
			},
		];
	},
};
