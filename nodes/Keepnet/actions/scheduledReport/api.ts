import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { companyLocator, recordLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import type { KeepnetSession } from '../../transport/session';

/** Scheduled reports (docs/billing-and-reports.md): `/api/report-scheduling/*`, in one customer. */

/** Keepnet's schedule frequencies as its console sends them (numbers, docs/results-reporting.md#gamification). */
export const FREQUENCIES = ['One Time', 'Weekly', 'Every Two Weeks', 'Monthly', 'Quarterly'] as const;
/** The only report type schedules carry (docs/billing-and-reports.md#endpoints-per-operation). */
export const EXECUTIVE_REPORT_TYPE = 2;

export interface ScheduleTarget {
	companyId: string;
	scheduleId: string;
}

export function scheduleFields(): INodeProperties[] {
	return [
		companyLocator('The customer company of the scheduled report (sent as the scope header)'),
		recordLocator({
			name: 'scheduledReportId',
			displayName: 'Scheduled Report',
			searchListMethod: 'searchScheduledReports',
			description: 'The scheduled report',
		}),
	];
}

export function readScheduleTarget(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): ScheduleTarget {
	return { companyId: readCompanyId(session, itemIndex), scheduleId: readRecordId(ctx, 'scheduledReportId', 'Scheduled Report', itemIndex) };
}

export const notFoundSchedule = (target: ScheduleTarget) => `scheduled report "${target.scheduleId}" in company "${target.companyId}"`;

/** Keepnet's comma-joined list (emails, group IDs) as a list; an array is taken as it is. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter((entry) => entry.trim() !== '');
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** The schedule with its recipients as lists and its status as `active`. */
export async function getSchedule(session: KeepnetSession, target: ScheduleTarget, itemIndex: number): Promise<IDataObject> {
	const model = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/report-scheduling/${target.scheduleId}`,
		companyId: target.companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: notFoundSchedule(target),
	});
	const schedule = model ?? {};
	const frequency = typeof schedule.frequencyTypeId === 'number' ? FREQUENCIES[schedule.frequencyTypeId] : undefined;
	return {
		...schedule,
		emailAddresses: splitList(schedule.emailAddresses),
		managerEmails: splitList(schedule.managerEmails),
		targetGroupResourceIds: splitList(schedule.targetGroupResourceIds),
		...(frequency === undefined ? {} : { frequency }),
		active: schedule.status === 1 || schedule.status === '1',
	};
}
