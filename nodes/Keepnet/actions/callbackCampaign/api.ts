import type { IDataObject } from 'n8n-workflow';

/**
 * Callback simulations (`/api/callback-simulator/`, docs/results-reporting.md): phishing-like campaigns whose
 * email asks the user to call a number. Their runs are listed per campaign only, and the user list's `searchType`
 * enum has no documented values, so the node asks for `all` and picks behaviours itself.
 */
export const CALLBACK_BASE = '/api/callback-simulator';
export { CALLBACK_CAMPAIGN_SEARCH_PATH } from '../../helpers/simulationChannels';

export const callbackCampaignNotFound = (companyId: string, campaignId: string) => `callback campaign "${campaignId}" in company "${companyId}"`;

/** Behaviours of a callback run's user row: each has a count and a last time. */
export const CALLBACK_BEHAVIOURS = {
	opened: { count: 'openedCount', time: 'lastOpenedTime' },
	calledBack: { count: 'calledCount', time: 'lastCalledTime' },
	enteredDigits: { count: 'enteredCount', time: 'lastEnteredTime' },
	reported: { count: 'reportedCount', time: 'lastReportedTime' },
} as const;
export type CallbackBehaviour = keyof typeof CALLBACK_BEHAVIOURS;

const did = (count: unknown) => typeof count === 'number' ? count > 0 : Number(count) > 0;

export function callbackRowDid(row: IDataObject, behaviour: CallbackBehaviour | 'noResponse'): boolean {
	if (behaviour === 'noResponse') return (Object.keys(CALLBACK_BEHAVIOURS) as CallbackBehaviour[]).every((name) => !did(row[CALLBACK_BEHAVIOURS[name].count]));
	return did(row[CALLBACK_BEHAVIOURS[behaviour].count]);
}

/** One user of a callback run as "did they, and when". */
export function simplifyCallbackRow(row: IDataObject): IDataObject {
	return {
		email: row.email ?? null,
		firstName: row.firstName ?? null,
		lastName: row.lastName ?? null,
		department: row.department ?? null,
		phoneNumber: row.phoneNumber ?? null,
		status: row.status ?? null,
		sentAt: row.lastSendingTime ?? null,
		opened: callbackRowDid(row, 'opened'),
		openedAt: row.lastOpenedTime ?? null,
		calledBack: callbackRowDid(row, 'calledBack'),
		calledAt: row.lastCalledTime ?? null,
		enteredDigits: callbackRowDid(row, 'enteredDigits'),
		enteredAt: row.lastEnteredTime ?? null,
		reported: callbackRowDid(row, 'reported'),
		reportedAt: row.lastReportedTime ?? null,
	};
}

const count = (value: unknown): number | null => (typeof value === 'number' ? value : value === undefined || value === null || value === '' ? null : Number.isFinite(Number(value)) ? Number(value) : null);

/** CallbackCampaignSummaryModel as one flat row of figures. */
export function simplifyCallbackSummary(summary: IDataObject): IDataObject {
	const info = (summary.campaignInfo ?? {}) as IDataObject;
	const stats = (summary.stats ?? {}) as IDataObject;
	return {
		campaignName: summary.campaignName ?? null,
		startDate: info.startDate ?? null,
		endDate: info.endDate ?? null,
		targetUsers: count(info.totalTargetUserCount),
		delivered: count(info.emailDeliveredUserCount),
		notDelivered: count(stats.notDelivered),
		failedToSend: count(stats.failedToSend),
		opened: count(stats.openedEmail),
		calledBack: count(stats.calledBack),
		enteredDigits: count(stats.enteredDigits),
		reported: count(stats.reportedEmail),
		noResponse: count(stats.noResponseEmail),
		trackingEnded: summary.campaignDurationExpired ?? null,
	};
}
