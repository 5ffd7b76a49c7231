import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { companyLocator, optionsCollection, returnAllAndLimit, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readCompanyId, readPaging, readRecordId } from '../../helpers/parameters';
import { inputError, optionalString } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import { readCampaignTarget, readRun, type CampaignTarget } from '../phishingCampaign/body';
import { getRunSummary, resolveRunNumber, runTimeOf, type RunWindow } from '../simulation/api';
import { campaignLocatorFor, campaignsOperation, includeBotActivityOption, readRunWindow, runFieldsFor, runWindowFilters } from '../simulation/operations';
import { defineResource, type ItemOperation, type OperationModule } from '../types';
import { CALLBACK_BASE, CALLBACK_CAMPAIGN_SEARCH_PATH, callbackCampaignNotFound, callbackRowDid, simplifyCallbackRow, simplifyCallbackSummary, type CallbackBehaviour } from './api';
import type { KeepnetSession } from '../../transport/session';

/** The callback channel as the shared simulation fields and Get Many see it (its campaign search has the phishing shape). */
const CALLBACK = {
	resource: 'callbackCampaign',
	noun: 'callback campaign',
	campaignBase: `${CALLBACK_BASE}/campaign`,
	searchListMethod: 'searchCallbackCampaigns',
} as const;

/** The runs of one callback campaign (POST …/campaign-job/search/{id}), highest instanceGroup first. */
async function listCallbackRuns(session: KeepnetSession, companyId: string, campaignId: string, itemIndex: number): Promise<IDataObject[]> {
	const runs = await session.search<IDataObject>(
		{
			path: `${CALLBACK_BASE}/campaign-job/search/${campaignId}`,
			body: { filter: buildFilter(), orderBy: 'CreatedDate', ascending: false },
			companyId,
			itemIndex,
			notFoundSubject: callbackCampaignNotFound(companyId, campaignId),
		},
		Number.POSITIVE_INFINITY,
		MAX_PAGE_SIZE,
	);
	return runs.sort((a, b) => Number(b.instanceGroup) - Number(a.instanceGroup));
}

const runOf = async (ctx: IExecuteFunctions, session: KeepnetSession, target: CampaignTarget, instanceGroup: number | undefined, itemIndex: number) =>
	await resolveRunNumber(ctx, async () => await listCallbackRuns(session, target.companyId, target.campaignId, itemIndex), 'Callback', target.campaignId, instanceGroup, itemIndex);

const runNotFound = (target: CampaignTarget, instanceGroup: number) => `run ${instanceGroup} of ${callbackCampaignNotFound(target.companyId, target.campaignId)}`;

// Get Runs: Keepnet lists callback runs per campaign only; All Campaigns walks the campaign list.
function runsModule(): OperationModule {
	const description: INodeProperties[] = [
		companyLocator(),
		{
			displayName: 'Runs Of',
			name: 'runsOf',
			type: 'options',
			options: [
				{ name: 'All Campaigns', value: 'all', description: "Every run of every campaign (Keepnet lists runs per campaign: one request per campaign)" },
				{ name: 'One Campaign', value: 'one' },
			],
			default: 'all',
		},
		{ ...campaignLocatorFor(CALLBACK), displayOptions: { show: { runsOf: ['one'] } } },
		...returnAllAndLimit(),
		simplifyToggle(),
		{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: runWindowFilters },
	];
	const handler: ItemOperation<{ companyId: string; campaignId?: string; searchText: string; window: RunWindow; limit: number; simplify: boolean }> = {
		kind: 'item',
		acrossCompanies: true,
		concurrent: false,
		prepare(itemIndex, session) {
			const companyId = readCompanyId(session, itemIndex);
			const runsOf = this.getNodeParameter('runsOf', itemIndex, 'all') as string;
			if (runsOf !== 'all' && runsOf !== 'one') throw inputError(this, itemIndex, `Runs Of "${runsOf}" is not one the node knows`, 'Choose All Campaigns or One Campaign.');
			if (runsOf === 'one' && session.preparingForAllCompanies) {
				throw inputError(this, itemIndex, 'Runs Of is One Campaign while Companies is All Companies I Manage', 'A campaign belongs to one customer: choose Runs Of → All Campaigns, or Companies → One Company.');
			}
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			return {
				companyId,
				campaignId: runsOf === 'one' ? readRecordId(this, 'campaignId', 'Campaign', itemIndex) : undefined,
				searchText: optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 200 }) ?? '',
				window: readRunWindow(this, filters, itemIndex),
				limit: readPaging(this, itemIndex).limit,
				simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			};
		},
		async run(prepared, itemIndex, session) {
			const campaigns =
				prepared.campaignId !== undefined
					? [{ resourceId: prepared.campaignId, name: null }]
					: await session.search<IDataObject>(
							{ path: CALLBACK_CAMPAIGN_SEARCH_PATH, body: { filter: buildFilter([], prepared.searchText, ['Name']), orderBy: 'CreateTime', ascending: false }, companyId: prepared.companyId, itemIndex },
							Number.POSITIVE_INFINITY,
							MAX_PAGE_SIZE,
						);
			const rows: IDataObject[] = [];
			for (const campaign of campaigns) {
				if (typeof campaign.resourceId !== 'string') continue;
				for (const run of await listCallbackRuns(session, prepared.companyId, campaign.resourceId, itemIndex)) {
					const time = runTimeOf(run);
					const { fromMs, toMs, statuses } = prepared.window;
					if ((fromMs !== undefined || toMs !== undefined) && time === undefined) continue;
					if (fromMs !== undefined && time !== undefined && time < fromMs) continue;
					if (toMs !== undefined && time !== undefined && time >= toMs) continue;
					if (statuses.length > 0 && !statuses.includes(String(run.status ?? '').toLowerCase())) continue;
					rows.push({ campaignResourceId: campaign.resourceId, campaignName: campaign.name ?? null, ...run });
				}
			}
			// Newest first across campaigns, as the other channels' run lists.
			rows.sort((a, b) => (runTimeOf(b) ?? 0) - (runTimeOf(a) ?? 0));
			return rows.slice(0, prepared.limit).map((row) => ({
				json: prepared.simplify
					? {
							channel: 'callback',
							campaignId: row.campaignResourceId,
							instanceGroup: row.instanceGroup ?? null,
							name: row.campaignName,
							status: row.status ?? null,
							startDate: row.startDate ?? null,
							createdDate: row.createdDate ?? null,
							targetUsers: row.totalTargetUserCount ?? null,
						}
					: row,
			}));
		},
	};
	return { description, handler };
}

function runSummaryModule(): OperationModule {
	const description: INodeProperties[] = [companyLocator(), campaignLocatorFor(CALLBACK), ...runFieldsFor(), simplifyToggle()];
	const handler: ItemOperation<CampaignTarget & { instanceGroup: number | undefined; simplify: boolean }> = {
		kind: 'item',
		concurrent: false,
		prepare(itemIndex, session) {
			return { ...readCampaignTarget(this, session, itemIndex), instanceGroup: readRun(this, itemIndex), simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
		},
		identifyBy: ['campaignId'],
		async run(prepared, itemIndex, session) {
			const instanceGroup = await runOf(this, session, prepared, prepared.instanceGroup, itemIndex);
			const summary = await getRunSummary(session, `${CALLBACK_BASE}/campaign-job-report/summary/${prepared.campaignId}/${instanceGroup}`, prepared.companyId, runNotFound(prepared, instanceGroup), itemIndex);
			const head = { channel: 'callback', campaignId: prepared.campaignId, instanceGroup };
			return [{ json: prepared.simplify ? { ...head, ...simplifyCallbackSummary(summary) } : { ...head, ...summary } }];
		},
	};
	return { description, handler };
}

const CALLBACK_USERS = [
	{ name: 'All Users', value: 'all', description: 'Everyone the run sent to' },
	{ name: 'Called Back', value: 'calledBack', description: 'Called the number in the email' },
	{ name: 'Did Not Respond', value: 'noResponse' },
	{ name: 'Entered Digits', value: 'enteredDigits', description: 'Entered digits (e.g. a code) during the call' },
	{ name: 'Opened the Email', value: 'opened' },
	{ name: 'Reported the Email', value: 'reported' },
];

function reportModule(): OperationModule {
	const description: INodeProperties[] = [
		companyLocator(),
		campaignLocatorFor(CALLBACK),
		...runFieldsFor(),
		{ displayName: 'Users', name: 'users', type: 'options', options: CALLBACK_USERS, default: 'all', description: 'Which users of the run to list' },
		...returnAllAndLimit(),
		simplifyToggle(),
		optionsCollection([
			includeBotActivityOption,
			{ displayName: 'Search Text', name: 'searchText', type: 'string', default: '', placeholder: 'e.g. jane', description: 'Free text matched against first name, last name and email' },
		]),
	];
	const handler: ItemOperation<CampaignTarget & { instanceGroup: number | undefined; users: CallbackBehaviour | 'noResponse' | 'all'; body: IDataObject; limit: number; simplify: boolean }> = {
		kind: 'item',
		concurrent: false,
		prepare(itemIndex, session) {
			const target = readCampaignTarget(this, session, itemIndex);
			const users = this.getNodeParameter('users', itemIndex, 'all') as string;
			const known = CALLBACK_USERS.map((option) => option.value);
			if (!known.includes(users)) throw inputError(this, itemIndex, `Users "${users}" is not one the node knows for a callback campaign`, `Use one of: ${known.join(', ')}.`);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const searchText = optionalString(this, options.searchText, 'Options → Search Text', itemIndex, { max: 256 }) ?? '';
			return {
				...target,
				instanceGroup: readRun(this, itemIndex),
				users: users as CallbackBehaviour | 'noResponse' | 'all',
				limit: readPaging(this, itemIndex).limit,
				simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
				body: { filter: buildFilter([], searchText, ['FirstName', 'LastName', 'Email']), orderBy: 'Email', ascending: true, activityType: options.includeBotActivity === true ? 2 : 0 },
			};
		},
		identifyBy: ['campaignId'],
		async run(prepared, itemIndex, session) {
			const instanceGroup = await runOf(this, session, prepared, prepared.instanceGroup, itemIndex);
			// `all`, then the behaviour picked here: the callback searchType enum's other values are undocumented.
			const everyone = prepared.users === 'all';
			const rows = await session.search<IDataObject>(
				{ path: `${CALLBACK_BASE}/campaign-job-report/all/search/${prepared.campaignId}/${instanceGroup}`, body: prepared.body, companyId: prepared.companyId, itemIndex, notFoundSubject: runNotFound(prepared, instanceGroup) },
				everyone ? prepared.limit : Number.POSITIVE_INFINITY,
				MAX_PAGE_SIZE,
			);
			const wanted = everyone ? rows : rows.filter((row) => callbackRowDid(row, prepared.users as CallbackBehaviour | 'noResponse')).slice(0, prepared.limit);
			return wanted.map((row) => ({ json: { campaignId: prepared.campaignId, instanceGroup, ...(prepared.simplify ? simplifyCallbackRow(row) : row) } }));
		},
	};
	return { description, handler };
}

/** Callback Campaign: a simulated email asking the user to call a number (Keepnet's callback simulator). */
export const callbackCampaignResource = defineResource({
	name: 'Callback Campaign',
	description: "A callback simulation (an email asking users to phone a number) sent to a company's target groups",
	defaultOperation: 'getAll',
	operations: {
		getAll: { name: 'Get Many', action: 'Get many callback campaigns', description: 'Returns the callback campaigns of a company, one item each', module: campaignsOperation(CALLBACK) },
		getReport: {
			name: 'Get Report',
			action: 'Get the per-user report of a callback campaign run',
			description: 'Returns one item per user of a run who opened, called back, entered digits, reported, or did not respond',
			module: reportModule(),
		},
		getRuns: { name: 'Get Runs', action: 'Get the runs of callback campaigns', description: 'Returns the runs of one or every callback campaign of a company, newest first, filtered by start date and status', module: runsModule() },
		getRunSummary: {
			name: 'Get Run Summary',
			action: 'Get the summary of a callback campaign run',
			description: "Returns the figures of a campaign's latest or chosen run: delivered, delivery errors, opened, called back, entered digits",
			module: runSummaryModule(),
		},
	},
});
