import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { inputError, keepnetIdList, optionalString } from '../../helpers/validation';
import { requiredDate } from '../trainingEnrollment/body';
import type { KeepnetSession } from '../../transport/session';

/** Checks and conversions of the Phishing Campaign parameters, before any request. */

export interface CampaignTarget {
	companyId: string;
	campaignId: string;
}

export function readCampaignTarget(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): CampaignTarget {
	return { companyId: readCompanyId(session, itemIndex), campaignId: readRecordId(ctx, 'campaignId', 'Campaign', itemIndex) };
}

/** The run an operation acts on: a number, or undefined for the latest (looked up when the item runs). */
export function readRun(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const run = ctx.getNodeParameter('run', itemIndex, 'latest') as string;
	if (run === 'latest') return undefined;
	if (run !== 'number') throw inputError(ctx, itemIndex, `Run "${run}" is not one the node knows`, 'Use latest or number.');
	const value = Number(ctx.getNodeParameter('instanceGroup', itemIndex, 1));
	if (!Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
		throw inputError(ctx, itemIndex, 'Run Number must be a whole number of 1 or more', "Set Run Number to the run's instance group, as Start returns it.");
	}
	return value;
}

export function readTargetGroupIds(ctx: IExecuteFunctions, itemIndex: number, required: boolean): string[] {
	const ids = keepnetIdList(ctx, ctx.getNodeParameter('targetGroupIds', itemIndex, []), 'Target Groups', itemIndex);
	if (required && ids.length === 0) {
		throw inputError(ctx, itemIndex, 'Target Groups is empty', 'Choose at least one target group; its members receive the simulation.');
	}
	return ids;
}

/** scheduledDate and its time zone when the item's Schedule is "schedule", else nulls (the UI sends null then). */
export function readScheduledDate(ctx: IExecuteFunctions, itemIndex: number, schedule: string): IDataObject {
	if (schedule !== 'schedule') return { scheduledDate: null, scheduledDateTimeZoneId: null };
	return {
		scheduledDate: requiredDate(ctx, ctx.getNodeParameter('scheduledDate', itemIndex, ''), 'Scheduled Date', itemIndex, 'with Schedule: Schedule'),
		scheduledDateTimeZoneId: optionalString(ctx, ctx.getNodeParameter('timeZoneId', itemIndex, ''), 'Time Zone ID', itemIndex, { max: 128 }) ?? null,
	};
}

/** One per-user row of a run report as "did they, and when": the counts become yes/no, the last times stay. */
export function simplifyReportRow(row: IDataObject): IDataObject {
	const did = (count: unknown) => typeof count === 'number' && count > 0;
	return {
		email: row.email,
		firstName: row.firstName,
		lastName: row.lastName,
		department: row.department,
		status: row.status,
		sentAt: row.lastSendingTime ?? null,
		opened: did(row.openedCount),
		openedAt: row.lastOpenedTime ?? null,
		clicked: did(row.clickedCount),
		clickedAt: row.lastClickedTime ?? null,
		submittedData: did(row.submittedCount),
		submittedAt: row.lastSubmittedTime ?? null,
		reported: did(row.reportedCount),
		reportedAt: row.lastReportedTime ?? null,
	};
}
