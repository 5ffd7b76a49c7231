import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { EXECUTIVE_REPORT_TYPE, notFoundSchedule, readScheduleTarget, scheduleFields, type ScheduleTarget } from './api';

/** 400 from the transport (a NodeApiError carrying Keepnet's failure). */
function isBadRequest(error: unknown): boolean {
	return (error as { context?: { keepnetFailure?: { status: number | null } } } | undefined)?.context?.keepnetFailure?.status === 400;
}

export const description: INodeProperties[] = [
	...scheduleFields(),
	{
		displayName: 'Deleting a scheduled report cannot be undone: its recipients get no further report. The executive report itself stays.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
];

export const handler: ItemOperation<ScheduleTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return readScheduleTarget(this, session, itemIndex);
	},
	identifyBy: ['scheduledReportId'],
	async run(target, itemIndex, session) {
		const send = async (reportType: string) =>
			await session.request({
				method: 'DELETE',
				path: `/api/report-scheduling/${target.scheduleId}/${reportType}`,
				companyId: target.companyId,
				retry: 'never',
				itemIndex,
				notFoundSubject: notFoundSchedule(target),
			});
		// Whether the path takes the report type's number (as Keepnet's console sends) or its name is unverified
		// (docs/billing-and-reports.md). A 400 deleted nothing, so the name is tried then; any other answer stands.
		const byNumber = await send(String(EXECUTIVE_REPORT_TYPE)).then(
			() => undefined,
			(error: unknown) => error,
		);
		if (byNumber !== undefined) {
			if (!isBadRequest(byNumber)) return Promise.reject(byNumber);
			await send('ExecutiveReport');
		}
		return [{ json: { deleted: true, id: target.scheduleId, companyId: target.companyId } }];
	},
};
