import { buildFilter } from '../../Keepnet/transport/search';
import { eventAt } from '../sources';
import type { TimedEvent } from './types';

/** Target user updated: target-users/search by UpdateTime, newest first; each (user, updateTime) is one event (docs/keepnet-api.md#trigger-events). */
export const targetUserUpdated: TimedEvent = {
	kind: 'timed',
	label: 'Target User Updated',
	description: 'A target user record changes',
	scope: 'company',
	async sources({ env, event, company }) {
		return [
			{
				ordered: true,
				readPage: env.session.pageReader({
					path: '/api/target-users/search',
					body: { filter: buildFilter(), orderBy: 'UpdateTime', ascending: false },
					companyId: company.resourceId,
				}),
				toEvent: (row) =>
					typeof row.resourceId === 'string' && typeof row.updateTime === 'string'
						? eventAt(`${row.resourceId}@${row.updateTime}`, row.updateTime, { event, eventTime: row.updateTime, company: { ...company }, record: row })
						: undefined,
			},
		];
	},
};
