import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { inputError } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { campaignNotFound, getCampaign, listRuns } from './api';
import { readCampaignTarget, readScheduledDate, readTargetGroupIds, type CampaignTarget } from './body';
import { campaignLocator, scheduleDateFields, SCHEDULE_TYPE_IDS, targetGroupsField } from './fields';
import type { KeepnetSession } from '../../transport/session';

export const description: INodeProperties[] = [
	companyLocator(),
	campaignLocator(),
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'options',
		options: [
			{ name: 'Send Now', value: 'now', description: 'The new run starts sending at once' },
			{ name: 'Schedule', value: 'schedule', description: 'The new run starts on the scheduled date' },
		],
		default: 'now',
	},
	...scheduleDateFields(),
	targetGroupsField(false, "Groups the new run sends to. Empty: the campaign's own target groups."),
];

interface Prepared extends CampaignTarget {
	body: IDataObject;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const target = readCampaignTarget(this, session, itemIndex);
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
	async run(prepared, itemIndex, session) {
		// docs/keepnet-api.md#save-for-later-and-idle-runs leaves open whether Save for Later already made an Idle run. If there is one, launching it is the
		// start: a new run beside it would be a second run of the same campaign.
		const idle = (await listRuns(session, prepared.companyId, prepared.campaignId, itemIndex)).find(
			(run) => String(run.status ?? '').toLowerCase() === 'idle' && typeof run.instanceGroup === 'number',
		);
		if (idle) return await launchIdleRun(this, session, prepared, Number(idle.instanceGroup), itemIndex);
		const body = { ...prepared.body };
		if ((body.targetGroupResourceIds as string[]).length === 0) {
			// A new run needs its groups (the UI requires one); by default the campaign's own.
			body.targetGroupResourceIds = await campaignGroupIds(session, prepared, itemIndex);
		}
		// start/{id} makes a new run each time: never replayed after an unclear answer.
		await session.request({
			method: 'POST',
			path: `/api/phishing-simulator/phishing-campaign-job/start/${prepared.campaignId}`,
			body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: campaignNotFound(prepared.companyId, prepared.campaignId),
		});
		// The answer is an IdResult without the run's number: the newest run is the one just started (docs/keepnet-api.md#campaign-runs).
		const [run] = await listRuns(session, prepared.companyId, prepared.campaignId, itemIndex);
		return [{ json: startedOutput(prepared, run, body.targetGroupResourceIds, 'newRun') }];
	},
};

async function campaignGroupIds(session: KeepnetSession, prepared: Prepared, itemIndex: number): Promise<string[]> {
	const campaign = await getCampaign(session, prepared.companyId, prepared.campaignId, itemIndex);
	return ((campaign.targetGroups ?? []) as IDataObject[]).map((group) => String(group.value)).filter((id) => id !== '');
}

function startedOutput(prepared: Prepared, run: IDataObject | undefined, targetGroupResourceIds: unknown, startedAs: 'newRun' | 'launchedIdleRun'): IDataObject {
	return {
		resourceId: prepared.campaignId,
		companyId: prepared.companyId,
		instanceGroup: run?.instanceGroup ?? null,
		status: run?.status ?? null,
		startDate: run?.startDate ?? null,
		totalTargetUserCount: run?.totalTargetUserCount ?? null,
		targetGroupResourceIds: targetGroupResourceIds as IDataObject[string],
		startedAs,
	};
}

/**
 * Launches the campaign's Idle run (start/{id}/{instanceGroup}, the web app's "Launch"): it sends at once to the
 * groups it was made with. A schedule or other groups cannot be given to it, so asking for them is refused, naming
 * the way out, rather than silently ignored or answered with a second run.
 */
async function launchIdleRun(ctx: IExecuteFunctions, session: KeepnetSession, prepared: Prepared, instanceGroup: number, itemIndex: number) {
	const why = `Campaign "${prepared.campaignId}" already has run ${instanceGroup} waiting to be launched (status Idle)`;
	if (prepared.body.scheduleTypeId !== SCHEDULE_TYPE_IDS.now) {
		throw inputError(ctx, itemIndex, `${why}; Keepnet launches such a run at once, not on a date`, 'Use Schedule: Send Now to launch it, or Stop that run first and then start a scheduled one.');
	}
	const groupIds = await campaignGroupIds(session, prepared, itemIndex);
	const chosen = prepared.body.targetGroupResourceIds as string[];
	if (chosen.length > 0 && [...chosen].sort().join(',') !== [...groupIds].sort().join(',')) {
		throw inputError(ctx, itemIndex, `${why}; it sends to the campaign's own target groups`, "Leave Target Groups empty to launch it, or Stop that run first and then start one with other groups.");
	}
	// Launching a run twice cannot make a second one, but an unclear answer is still not replayed: the run list says.
	await session.request({
		method: 'POST',
		path: `/api/phishing-simulator/phishing-campaign-job/start/${prepared.campaignId}/${instanceGroup}`,
		body: {},
		companyId: prepared.companyId,
		retry: 'never',
		itemIndex,
		notFoundSubject: `run ${instanceGroup} of ${campaignNotFound(prepared.companyId, prepared.campaignId)}`,
	});
	const run = (await listRuns(session, prepared.companyId, prepared.campaignId, itemIndex)).find((candidate) => candidate.instanceGroup === instanceGroup);
	return [{ json: startedOutput(prepared, run, groupIds, 'launchedIdleRun') }];
}
