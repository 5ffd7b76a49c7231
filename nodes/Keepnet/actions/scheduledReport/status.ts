import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { notFoundSchedule, readScheduleTarget, scheduleFields, type ScheduleTarget } from './api';

/** Activate and Deactivate: the same call with the status Keepnet should keep (1 sending, 0 stopped). */
export function statusOperation(operation: 'activate' | 'deactivate'): { description: INodeProperties[]; handler: ItemOperation<ScheduleTarget> } {
	const active = operation === 'activate';
	return {
		description: [...scheduleFields()],
		handler: {
			kind: 'item',
			concurrent: true,
			prepare(itemIndex, session) {
				return readScheduleTarget(this, session, itemIndex);
			},
			identifyBy: ['scheduledReportId'],
			async run(target, itemIndex, session) {
				// Sets the status to a fixed value, so repeating it is harmless.
				await session.request({
					method: 'PUT',
					path: `/api/report-scheduling/${target.scheduleId}/status/${active ? 1 : 0}`,
					companyId: target.companyId,
					retry: 'safe',
					itemIndex,
					notFoundSubject: notFoundSchedule(target),
				});
				return [{ json: { id: target.scheduleId, companyId: target.companyId, active } }];
			},
		},
	};
}
