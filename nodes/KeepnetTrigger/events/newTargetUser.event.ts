import { liveTargetUsersSearch } from '../../Keepnet/actions/targetUser/api';
import { eventAt } from '../sources';
import type { TimedEvent } from './types';

/** New target user: the company's users that are not deleted, newest first by creation time (docs/keepnet-api.md#trigger-events). */
export const newTargetUser: TimedEvent = {
	kind: 'timed',
	label: 'New Target User',
	description: 'A target user is added to a company',
	scope: 'company',
	async sources({ env, event, company }) {
		return [
			{
				ordered: true,
				readPage: env.session.pageReader(liveTargetUsersSearch(company.resourceId, 'newestFirst')),
				toEvent: (row) =>
					typeof row.resourceId === 'string'
						? eventAt(row.resourceId, row.createTime, { event, eventTime: row.createTime ?? null, company: { ...company }, record: row })
						: undefined,
			},
		];
	},
};
