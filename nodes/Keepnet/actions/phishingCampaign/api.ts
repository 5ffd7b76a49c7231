import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { keepnetApiRequest, type KeepnetRunState } from '../../transport/request';
import { buildFilter, searchRecords } from '../../transport/search';

/** Keepnet calls more than one Phishing Campaign operation makes. */

export const campaignNotFound = (companyId: string, campaignId: string) => `phishing campaign "${campaignId}" in company "${companyId}"`;

/** GET /api/phishing-simulator/phishing-campaign/{id}: PhishingCampaignDto (the stored settings). */
export async function getCampaign(ctx: IExecuteFunctions, state: KeepnetRunState, companyId: string, campaignId: string, itemIndex: number): Promise<IDataObject> {
	const campaign = await keepnetApiRequest<IDataObject | undefined>(ctx, state, {
		method: 'GET',
		path: `/api/phishing-simulator/phishing-campaign/${campaignId}`,
		companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: campaignNotFound(companyId, campaignId),
	});
	return campaign ?? {};
}

/** The runs of one campaign (POST …/phishing-campaign-job-report/{id}/search), highest instanceGroup first. */
export async function listRuns(ctx: IExecuteFunctions, state: KeepnetRunState, companyId: string, campaignId: string, itemIndex: number): Promise<IDataObject[]> {
	const runs = await searchRecords<IDataObject>(
		ctx,
		state,
		{
			path: `/api/phishing-simulator/phishing-campaign-job-report/${campaignId}/search`,
			body: { filter: buildFilter(), orderBy: 'CreatedDate', ascending: false },
			companyId,
			itemIndex,
			notFoundSubject: campaignNotFound(companyId, campaignId),
		},
		Number.POSITIVE_INFINITY,
		1000,
	);
	// Sorted here too: runs started in the same second have the same CreatedDate.
	return runs.sort((a, b) => Number(b.instanceGroup) - Number(a.instanceGroup));
}

/** The run to act on: the given number, or the latest run of the campaign; a campaign without runs is an error naming the fix. */
export async function resolveRun(
	ctx: IExecuteFunctions,
	state: KeepnetRunState,
	companyId: string,
	campaignId: string,
	instanceGroup: number | undefined,
	itemIndex: number,
): Promise<number> {
	if (instanceGroup !== undefined) return instanceGroup;
	const [latest] = await listRuns(ctx, state, companyId, campaignId, itemIndex);
	if (!latest || typeof latest.instanceGroup !== 'number') {
		throw new NodeOperationError(ctx.getNode(), `Campaign "${campaignId}" has no run yet (item ${itemIndex})`, {
			itemIndex,
			description: 'Start the campaign first (Phishing Campaign → Start), or create it with Schedule: Send Now.',
		});
	}
	return latest.instanceGroup;
}
