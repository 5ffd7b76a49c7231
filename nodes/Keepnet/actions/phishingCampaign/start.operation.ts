import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { inputError } from '../../helpers/validation';
import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';
import { campaignNotFound, getCampaign, listRuns } from './api';
import { readCampaignTarget, readScheduledDate, readTargetGroupIds, type CampaignTarget } from './body';
import { campaignLocator, phishingCampaignDisplay, scheduleDateFields, SCHEDULE_TYPE_IDS, targetGroupsField } from './fields';

const displayOptions = phishingCampaignDisplay('start');

export const description: INodeProperties[] = [
	companyLocator(displayOptions),
	campaignLocator('start'),
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'options',
		options: [
			{ name: 'Send Now', value: 'now', description: 'The new run starts sending at once' },
			{ name: 'Schedule', value: 'schedule', description: 'The new run starts on the scheduled date' },
		],
		default: 'now',
		displayOptions,
	},
	...scheduleDateFields(displayOptions),
	targetGroupsField(displayOptions, false, "Groups the new run sends to. Empty: the campaign's own target groups."),
];

interface Prepared extends CampaignTarget {
	body: IDataObject;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const target = readCampaignTarget(this, itemIndex);
		const schedule = this.getNodeParameter('schedule', itemIndex, 'now') as string;
		if (schedule !== 'now' && schedule !== 'schedule') {
			throw inputError(this, itemIndex, `Schedule "${schedule}" is not one the node knows`, 'Use now or schedule.');
		}
		return {
			...target,
			body: {
				targetGroupResourceIds: readTargetGroupIds(this, itemIndex, false),
				scheduleTypeId: SCHEDULE_TYPE_IDS[schedule],
				...readScheduledDate(this, itemIndex, schedule),
			},
		};
	},
	identifyBy: ['campaignId'],
	async run(prepared, itemIndex, state) {
		const body = { ...prepared.body };
		if ((body.targetGroupResourceIds as string[]).length === 0) {
			// A new run needs its groups (the UI requires one); by default the campaign's own.
			const campaign = await getCampaign(this, state, prepared.companyId, prepared.campaignId, itemIndex);
			body.targetGroupResourceIds = ((campaign.targetGroups ?? []) as IDataObject[]).map((group) => String(group.value)).filter((id) => id !== '');
		}
		// start/{id} makes a new run each time: never replayed after an unclear answer.
		await keepnetApiRequest(this, state, {
			method: 'POST',
			path: `/api/phishing-simulator/phishing-campaign-job/start/${prepared.campaignId}`,
			body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: campaignNotFound(prepared.companyId, prepared.campaignId),
		});
		// The answer is an IdResult without the run's number: the newest run is the one just started (JOURNEY §3.4).
		const [run] = await listRuns(this, state, prepared.companyId, prepared.campaignId, itemIndex);
		return [
			{
				json: {
					resourceId: prepared.campaignId,
					companyId: prepared.companyId,
					instanceGroup: run?.instanceGroup ?? null,
					status: run?.status ?? null,
					startDate: run?.startDate ?? null,
					totalTargetUserCount: run?.totalTargetUserCount ?? null,
					targetGroupResourceIds: body.targetGroupResourceIds,
				},
			},
		];
	},
};
