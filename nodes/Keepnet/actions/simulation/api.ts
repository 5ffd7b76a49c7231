import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseKeepnetDate } from '../../helpers/dates';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pages } from '../../transport/paging';
import { buildFilter } from '../../transport/search';
import type { ChannelSpec } from '../../helpers/simulationChannels';
import type { KeepnetSession } from '../../transport/session';

/** Keepnet calls the simulation operations of every channel share (docs/results-reporting.md). */

export const channelCampaignNotFound = (spec: Pick<ChannelSpec, 'noun'>, companyId: string, campaignId: string) => `${spec.noun} "${campaignId}" in company "${companyId}"`;

/** The runs of one campaign (POST …-campaign-job-report/{id}/search), highest instanceGroup first. */
export async function listChannelRuns(
	session: KeepnetSession,
	spec: Pick<ChannelSpec, 'reportBase' | 'noun'>,
	companyId: string,
	campaignId: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const runs = await session.search<IDataObject>(
		{
			path: `${spec.reportBase}/${campaignId}/search`,
			body: { filter: buildFilter(), orderBy: 'CreatedDate', ascending: false },
			companyId,
			itemIndex,
			notFoundSubject: channelCampaignNotFound(spec, companyId, campaignId),
		},
		Number.POSITIVE_INFINITY,
		MAX_PAGE_SIZE,
	);
	// Sorted here too: runs started in the same second have the same CreatedDate.
	return runs.sort((a, b) => Number(b.instanceGroup) - Number(a.instanceGroup));
}

/** The run to act on: the given number, or the latest run (from `listRuns`); a campaign without runs is an error naming the fix. */
export async function resolveRunNumber(
	ctx: IExecuteFunctions,
	listRuns: () => Promise<IDataObject[]>,
	label: string,
	campaignId: string,
	instanceGroup: number | undefined,
	itemIndex: number,
): Promise<number> {
	if (instanceGroup !== undefined) return instanceGroup;
	const [latest] = await listRuns();
	if (!latest || typeof latest.instanceGroup !== 'number') {
		throw new NodeOperationError(ctx.getNode(), `Campaign "${campaignId}" has no run yet (item ${itemIndex})`, {
			itemIndex,
			description: `This ${label.toLowerCase()} campaign has not been started: start it first (in Keepnet, or Phishing Campaign → Start for email phishing), or choose a run by number.`,
		});
	}
	return latest.instanceGroup;
}

/** GET …/summary/{id}/{instanceGroup}: one run's figures (PhishingCampaignSummaryResult for the three channels). */
export async function getRunSummary(
	session: KeepnetSession,
	summaryPath: string,
	companyId: string,
	notFoundSubject: string,
	itemIndex: number,
): Promise<IDataObject> {
	const summary = await session.request<IDataObject | undefined>({ method: 'GET', path: summaryPath, companyId, retry: 'safe', itemIndex, notFoundSubject });
	return summary ?? {};
}

const count = (value: unknown): number | null => (typeof value === 'number' ? value : value === undefined || value === null || value === '' ? null : Number.isFinite(Number(value)) ? Number(value) : null);

/** A phishing, smishing or quishing run summary as one flat row of figures (the delivery errors included). */
export function simplifyRunSummary(summary: IDataObject): IDataObject {
	const info = (summary.campaignInfo ?? {}) as IDataObject;
	const stats = (summary.scenarioStats ?? {}) as IDataObject;
	return {
		campaignName: summary.phishingCampaignName ?? summary.campaignName ?? null,
		startDate: info.startDate ?? null,
		endDate: info.endDate ?? null,
		targetUsers: count(info.totalTargetUserCount),
		delivered: count(info.emailDeliveredUserCount ?? info.smsDeliveredUserCount),
		notDelivered: count(stats.notDelivered ?? info.emailNotDeliveredUserCount),
		failedToSend: count(stats.failedToSend),
		opened: count(stats.openedEmail),
		clicked: count(stats.clickedEmail),
		submittedData: count(stats.submittedEmail),
		openedAttachment: count(stats.attachmentOpenedEmail),
		submittedMfa: count(stats.mfa),
		reported: count(stats.reportedEmail),
		noResponse: count(stats.noResponseEmail),
		trackingEnded: summary.campaignDurationExpired ?? null,
	};
}

export interface RunWindow {
	/** Epoch ms, inclusive; runs that started earlier are left out. */
	fromMs?: number;
	/** Epoch ms, exclusive. */
	toMs?: number;
	/** Lower-case statuses to keep; empty keeps all. */
	statuses: string[];
}

/** The time a run row counts by: its start date, else when it was created (a run that has not started yet). */
export const runTimeOf = (row: IDataObject): number | undefined => parseKeepnetDate(row.startDate) ?? parseKeepnetDate(row.createdDate);

/**
 * Runs of every campaign of a channel (POST …-campaign-job-report/search), newest first, within the window and
 * statuses asked for. The window and statuses are applied by the node: the date format Keepnet expects inside a
 * filter is unverified (docs/results-reporting.md), and the rows come sorted by start date, newest first, so
 * paging stops at the first run older than the window.
 */
export async function searchRunsAcrossCampaigns(
	session: KeepnetSession,
	path: string,
	companyId: string,
	searchText: string,
	window: RunWindow,
	limit: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const pageSize = Number.isFinite(limit) && window.fromMs === undefined && window.toMs === undefined && window.statuses.length === 0 ? Math.max(1, Math.min(MAX_PAGE_SIZE, limit)) : MAX_PAGE_SIZE;
	const body = { filter: buildFilter([], searchText, ['Name']), orderBy: 'StartDate', ascending: false };
	const kept: IDataObject[] = [];
	if (limit <= 0) return kept;
	for await (const page of pages(session.pageReader<IDataObject>({ path, body, companyId, itemIndex }), { pageSize })) {
		let older = false;
		for (const row of page.rows) {
			const time = runTimeOf(row);
			if (window.fromMs !== undefined && time !== undefined && time < window.fromMs) {
				older = true;
				break;
			}
			if ((window.fromMs !== undefined || window.toMs !== undefined) && time === undefined) continue;
			if (window.toMs !== undefined && time !== undefined && time >= window.toMs) continue;
			if (window.statuses.length > 0 && !window.statuses.includes(String(row.status ?? '').toLowerCase())) continue;
			kept.push(row);
			if (kept.length >= limit) break;
		}
		if (older || kept.length >= limit) break;
	}
	return kept;
}

/** A cross-campaign run row, flat and the same for every channel. */
export function simplifyRunRow(row: IDataObject, spec: Pick<ChannelSpec, 'campaignIdField' | 'deliveredField'>): IDataObject {
	return {
		campaignId: row[spec.campaignIdField] ?? row.campaignResourceId ?? null,
		instanceGroup: row.instanceGroup ?? null,
		name: row.name ?? null,
		status: row.status ?? null,
		startDate: row.startDate ?? null,
		createdDate: row.createdDate ?? null,
		targetUsers: count(row.totalTargetUserCount),
		delivered: count(row[spec.deliveredField]),
		opened: count(row.totalOpenedCount),
		clicked: count(row.totalClickedCount),
		submittedData: count(row.totalSubmittedCount),
		openedAttachment: count(row.totalAttachmentOpenedCount),
		submittedMfa: count(row.totalSubmittedMFACount),
		noResponse: count(row.totalNoResponseCount),
	};
}
