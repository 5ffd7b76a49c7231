import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { campaignNotFound, resolveRun } from './api';
import { readCampaignTarget, readRun, type CampaignTarget } from './body';
import { campaignLocator, runFields } from './fields';

export const description: INodeProperties[] = [companyLocator(), campaignLocator(), ...runFields()];

interface Prepared extends CampaignTarget {
	instanceGroup: number | undefined;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return { ...readCampaignTarget(this, session, itemIndex), instanceGroup: readRun(this, itemIndex) };
	},
	identifyBy: ['campaignId'],
	async run(prepared, itemIndex, session) {
		const instanceGroup = await resolveRun(this, session, prepared.companyId, prepared.campaignId, prepared.instanceGroup, itemIndex);
		await session.request({
			method: 'PATCH',
			path: `/api/phishing-simulator/phishing-campaign-job/stop/${prepared.campaignId}/${instanceGroup}`,
			companyId: prepared.companyId,
			// A second stop of a run already stopped is refused (400), which would hide that the first one worked.
			retry: 'never',
			itemIndex,
			notFoundSubject: `run ${instanceGroup} of ${campaignNotFound(prepared.companyId, prepared.campaignId)}`,
		});
		return [{ json: { resourceId: prepared.campaignId, companyId: prepared.companyId, instanceGroup, stopped: true } }];
	},
};
