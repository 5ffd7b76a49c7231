import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { getCampaign, listRuns } from './api';
import { readCampaignTarget, type CampaignTarget } from './body';
import { campaignLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), campaignLocator()];

export const handler: ItemOperation<CampaignTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return readCampaignTarget(this, session, itemIndex);
	},
	identifyBy: ['campaignId'],
	async run(prepared, itemIndex, session) {
		const campaign = await getCampaign(session, prepared.companyId, prepared.campaignId, itemIndex);
		// The stored settings carry no run state; the runs (newest first) say what was sent and whether it still runs.
		const runs = await listRuns(session, prepared.companyId, prepared.campaignId, itemIndex);
		return [{ json: { ...campaign, resourceId: campaign.resourceId ?? prepared.campaignId, runs } }];
	},
};
