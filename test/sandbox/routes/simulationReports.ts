/**
 * Simulation reporting across channels (docs/results-reporting.md#simulation-channels): the email-phishing run summary and list
 * exports, and the read side of smishing, quishing and callback simulations.
 *
 * Smishing and quishing campaigns are stored like phishing ones, each channel in its own JourneyStore
 * (`channelJourneyOf(store, 'smishing')`), so tests seed them with the same `addCampaign` / `addRun` /
 * `recordBehaviour`. Callback campaigns too; their user rows read the phishing behaviours as callback ones:
 * `opened` = opened the email, `clicked` = called back, `submitteddata` = entered digits, `reported` = reported.
 * A row whose `status` is "Not Delivered" or "Failed To Send" is a delivery error in the summaries.
 */
import { inputError, JsonReader, notFound, ok, requireJsonObject } from '../http';
import { journeyOf, JourneyStore, type PhishingCampaignRecord, type PhishingRunRecord, type PhishingUserRow } from '../journey';
import { scopedCompany, type RouteContext, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import type { SandboxStore } from '../store';
import { behaviourOf, deliveredCount, FAILED_TO_SEND_STATUS, noResponseCount, NOT_DELIVERED_STATUS, phishingUserSchema, runSchema, runUsersBy, toPhishingUserView, toRunSearchView, total } from './phishing';
import { campaignRunSchema, campaignSchema, campaignSettingsOf, latestRun, toCampaignSearchView } from './phishingCampaigns';
import { exportFile, readExportType } from './targetUsers';

export type SandboxChannel = 'phishing' | 'smishing' | 'quishing' | 'callback';

const channelStores = new WeakMap<SandboxStore, Map<SandboxChannel, JourneyStore>>();

/** The campaigns of a channel; phishing's are journeyOf(store)'s own. */
export function channelJourneyOf(store: SandboxStore, channel: SandboxChannel): JourneyStore {
	if (channel === 'phishing') return journeyOf(store);
	let byChannel = channelStores.get(store);
	if (!byChannel) {
		byChannel = new Map();
		channelStores.set(store, byChannel);
	}
	let journey = byChannel.get(channel);
	if (!journey) {
		journey = new JourneyStore(store);
		byChannel.set(channel, journey);
	}
	return journey;
}

function campaignIn(ctx: RouteContext, channel: SandboxChannel, id: string, message: string): PhishingCampaignRecord {
	const company = scopedCompany(ctx);
	const campaign = channelJourneyOf(ctx.app.store, channel).campaigns.get(id);
	if (!campaign || campaign.companyId !== company.resourceId) throw notFound(message);
	return campaign;
}

function runIn(ctx: RouteContext, channel: SandboxChannel, id: string, instanceGroup: string): { campaign: PhishingCampaignRecord; run: PhishingRunRecord } {
	const campaign = campaignIn(ctx, channel, id, 'Campaign instance not found.');
	const run = campaign.runs.get(Number(instanceGroup));
	if (!run) throw notFound('Campaign instance not found.');
	return { campaign, run };
}

const countWhere = (run: PhishingRunRecord, status: string) => [...run.users.values()].filter((row) => row.status === status).length;

/** Tracking ends `duration` days after the run started (docs/keepnet-api.md#simulation-behaviour-events). */
const durationExpired = (campaign: PhishingCampaignRecord, run: PhishingRunRecord) => Date.parse(run.startDate) + campaign.duration * 86_400_000 < Date.now();

/** PhishingCampaignSummaryResult: the run summary of phishing, smishing and quishing (SPEC uses the one schema). */
function phishingSummary(campaign: PhishingCampaignRecord, run: PhishingRunRecord): Record<string, unknown> {
	return {
		phishingCampaignResourceId: campaign.resourceId,
		phishingCampaignName: campaign.name,
		campaignInfo: {
			startDate: run.startDate,
			endDate: null,
			scheduledDate: null,
			totalTargetUserCount: run.users.size,
			emailDeliveredUserCount: deliveredCount(run),
			emailNotDeliveredUserCount: run.users.size - deliveredCount(run),
			frequency: 'One Time',
		},
		scenarioStats: {
			openedEmail: total(run, 'opened'),
			clickedEmail: total(run, 'clicked'),
			submittedEmail: total(run, 'submitteddata'),
			attachmentOpenedEmail: total(run, 'attachmentopened'),
			reportedEmail: total(run, 'reported'),
			noResponseEmail: noResponseCount(run),
			notDelivered: countWhere(run, NOT_DELIVERED_STATUS),
			failedToSend: countWhere(run, FAILED_TO_SEND_STATUS),
			mfa: total(run, 'mfa'),
		},
		settings: { excludeFromReports: campaignSettingsOf(campaign)?.excludeFromReports ?? false },
		targetUsers: { totalCount: run.users.size },
		scenarios: [],
		campaignDurationExpired: durationExpired(campaign, run),
	};
}

/** Cross-campaign run row of a channel: the phishing row with the channel's campaign-id and delivery fields. */
function channelRunView(channel: 'smishing' | 'quishing', row: { campaign: PhishingCampaignRecord; run: PhishingRunRecord }): Record<string, unknown> {
	const { phishingCampaignResourceId, emailDeliveredUserCount, ...rest } = toRunSearchView(row);
	const view: Record<string, unknown> = { [`${channel}CampaignResourceId`]: phishingCampaignResourceId, ...rest, method: channel === 'smishing' ? 'SMS' : 'QR Code' };
	if (channel === 'smishing') Object.assign(view, { smsDeliveredUserCount: emailDeliveredUserCount, smsDelivery: 'SMS Provider' });
	else Object.assign(view, { emailDeliveredUserCount, emailDelivery: 'SMTP' });
	return view;
}

const runOfCampaignView = (run: PhishingRunRecord) => ({
	instanceGroup: run.instanceGroup,
	startDate: run.startDate,
	createdDate: run.createdDate,
	totalTargetUserCount: run.users.size,
	status: run.status,
	jobResultMessage: null,
	frequency: 'One Time',
});

// ---------------------------------------------------------------------------------------------------------------
// Callback

const callbackRunSchema: SearchSchema<PhishingRunRecord> = campaignRunSchema;

/** CallbackCampaignJobUsersSearchModel from a stored row (behaviours read as described at the top). */
function toCallbackUserView(row: PhishingUserRow): Record<string, unknown> {
	return {
		resourceId: row.resourceId,
		targetUserId: row.targetUserId,
		firstName: row.firstName,
		lastName: row.lastName,
		email: row.email,
		department: row.department,
		phoneNumber: null,
		status: row.status,
		lastSendingTime: row.lastSendingTime,
		openedCount: row.openedCount,
		lastOpenedTime: row.lastOpenedTime,
		calledCount: row.clickedCount,
		lastCalledTime: row.lastClickedTime,
		enteredCount: row.submittedCount,
		lastEnteredTime: row.lastSubmittedTime,
		reportedCount: row.reportedCount,
		lastReportedTime: row.lastReportedTime,
		callbackNumber: '+15555550199',
		activityType: row.activityType === 0 ? 'Human' : 'Sandbox',
	};
}

const callbackUserSchema: SearchSchema<PhishingUserRow> = {
	...phishingUserSchema,
	fields: fieldTable<PhishingUserRow>([
		[['firstName'], { kind: 'string', get: (row) => row.firstName }],
		[['lastName'], { kind: 'string', get: (row) => row.lastName }],
		[['email'], { kind: 'string', get: (row) => row.email }],
	]),
};

function callbackSummary(campaign: PhishingCampaignRecord, run: PhishingRunRecord): Record<string, unknown> {
	return {
		campaignResourceId: campaign.resourceId,
		campaignName: campaign.name,
		campaignInfo: { startDate: run.startDate, endDate: null, totalTargetUserCount: run.users.size, emailDeliveredUserCount: deliveredCount(run) },
		settings: {},
		targetUsers: { totalCount: run.users.size },
		stats: {
			openedEmail: total(run, 'opened'),
			calledBack: total(run, 'clicked'),
			enteredDigits: total(run, 'submitteddata'),
			reportedEmail: total(run, 'reported'),
			noResponseEmail: [...run.users.values()].filter((row) => row.openedCount + row.clickedCount + row.submittedCount + row.reportedCount === 0).length,
			notDelivered: countWhere(run, NOT_DELIVERED_STATUS),
			failedToSend: countWhere(run, FAILED_TO_SEND_STATUS),
		},
		scenarios: [],
		campaignDurationExpired: durationExpired(campaign, run),
	};
}

// ---------------------------------------------------------------------------------------------------------------

const CAMPAIGN_EXPORT_COLUMNS = [
	{ header: 'Name', value: (row: PhishingCampaignRecord) => row.name, width: 30 },
	{ header: 'Status', value: (row: PhishingCampaignRecord) => latestRun(row)?.status ?? 'Idle', width: 12 },
	{ header: 'Runs', value: (row: PhishingCampaignRecord) => row.runs.size, width: 6 },
	{ header: 'Created By', value: (row: PhishingCampaignRecord) => row.createdBy, width: 24 },
	{ header: 'Create Time', value: (row: PhishingCampaignRecord) => row.createTime, width: 24 },
];

type RunRow = { campaign: PhishingCampaignRecord; run: PhishingRunRecord };
const RUN_EXPORT_COLUMNS = [
	{ header: 'Name', value: (row: RunRow) => row.campaign.name, width: 30 },
	{ header: 'Run', value: (row: RunRow) => row.run.instanceGroup, width: 6 },
	{ header: 'Status', value: (row: RunRow) => row.run.status, width: 12 },
	{ header: 'Start Date', value: (row: RunRow) => row.run.startDate, width: 24 },
	{ header: 'Target Users', value: (row: RunRow) => row.run.users.size, width: 8 },
	{ header: 'Opened', value: (row: RunRow) => total(row.run, 'opened'), width: 8 },
	{ header: 'Clicked', value: (row: RunRow) => total(row.run, 'clicked'), width: 8 },
	{ header: 'Submitted', value: (row: RunRow) => total(row.run, 'submitteddata'), width: 8 },
];

export function registerSimulationReportRoutes(router: Router): void {
	const phishing = '/api/phishing-simulator';

	router.add('GET', `${phishing}/phishing-campaign-job-report/summary/{campaignId}/{instanceGroup}`, (ctx) => {
		const { campaign, run } = runIn(ctx, 'phishing', ctx.params.campaignId, ctx.params.instanceGroup);
		return ok(phishingSummary(campaign, run));
	});

	// List exports: the search body plus reportAllPages and exportType (docs/results-reporting.md#run-summary-and-run-list); the file is the list as searched.
	router.add('POST', `${phishing}/phishing-campaign/search/export`, (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const exportType = readExportType(reader);
		const request = readSearchRequest(reader, campaignSchema, { filterRequired: true });
		const allPages = reader.bool('reportAllPages') ?? false;
		reader.throwIfErrors();
		const rows = searchCollection(journeyOf(ctx.app.store).campaignsOf(company.resourceId), campaignSchema, { ...request, pageNumber: 1, pageSize: 1_000_000 }, (row) => row).results;
		const start = (request.pageNumber - 1) * request.pageSize;
		return exportFile(exportType, allPages ? rows : rows.slice(start, start + request.pageSize), CAMPAIGN_EXPORT_COLUMNS, 'Phishing Campaigns');
	});

	router.add('POST', `${phishing}/phishing-campaign-job-report/search/export`, (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const exportType = readExportType(reader);
		const request = readSearchRequest(reader, runSchema, { filterRequired: true });
		const allPages = reader.bool('reportAllPages') ?? false;
		reader.throwIfErrors();
		const rows = searchCollection(journeyOf(ctx.app.store).runsOf(company.resourceId), runSchema, { ...request, pageNumber: 1, pageSize: 1_000_000 }, (row) => row).results;
		const start = (request.pageNumber - 1) * request.pageSize;
		return exportFile(exportType, allPages ? rows : rows.slice(start, start + request.pageSize), RUN_EXPORT_COLUMNS, 'Phishing Campaign Runs');
	});

	for (const channel of ['smishing', 'quishing'] as const) {
		const base = `/api/${channel}-simulator/${channel}-campaign`;
		const report = `/api/${channel}-simulator/${channel}-campaign-job-report`;

		router.add('POST', `${base}/search`, (ctx) => {
			const company = scopedCompany(ctx);
			const reader = new JsonReader(requireJsonObject(ctx.body));
			const request = readSearchRequest(reader, campaignSchema, { filterRequired: true });
			reader.throwIfErrors();
			return ok(
				searchCollection(channelJourneyOf(ctx.app.store, channel).campaignsOf(company.resourceId), campaignSchema, request, (campaign) => ({
					...toCampaignSearchView(campaign),
					method: channel === 'smishing' ? 'SMS' : 'QR Code',
					...(channel === 'quishing' ? { templateType: 'Email' } : {}),
				})),
			);
		});

		router.add('POST', `${report}/search`, (ctx) => {
			const company = scopedCompany(ctx);
			const reader = new JsonReader(requireJsonObject(ctx.body));
			const request = readSearchRequest(reader, runSchema, { filterRequired: true });
			reader.throwIfErrors();
			return ok(searchCollection(channelJourneyOf(ctx.app.store, channel).runsOf(company.resourceId), runSchema, request, (row) => channelRunView(channel, row)));
		});

		router.add('POST', `${report}/{campaignId}/search`, (ctx) => {
			const campaign = campaignIn(ctx, channel, ctx.params.campaignId, `${channel} campaign not found.`);
			const reader = new JsonReader(requireJsonObject(ctx.body));
			const request = readSearchRequest(reader, campaignRunSchema, { filterRequired: true });
			reader.raw(`${channel}CampaignFrequencyGroup`);
			reader.throwIfErrors();
			return ok(searchCollection([...campaign.runs.values()], campaignRunSchema, request, runOfCampaignView));
		});

		router.add('GET', `${report}/summary/{campaignId}/{instanceGroup}`, (ctx) => {
			const { campaign, run } = runIn(ctx, channel, ctx.params.campaignId, ctx.params.instanceGroup);
			return ok(phishingSummary(campaign, run));
		});

		router.add('POST', `${report}/{searchType}/search/{campaignId}/{instanceGroup}`, (ctx) => {
			const behaviour = behaviourOf(ctx.params.searchType);
			const { run } = runIn(ctx, channel, ctx.params.campaignId, ctx.params.instanceGroup);
			const reader = new JsonReader(requireJsonObject(ctx.body));
			const request = readSearchRequest(reader, phishingUserSchema, { filterRequired: true });
			const activityType = reader.int('activityType') ?? 0;
			reader.throwIfErrors();
			const page = searchCollection(runUsersBy(run, behaviour, activityType), phishingUserSchema, request, toPhishingUserView);
			// CustomPhishingCampaignJobUsersPagedResults: the page plus the bot/sandbox count (docs/results-reporting.md#simulation-channels).
			return ok({ ...page, totalSandBoxActivityCount: [...run.users.values()].filter((row) => row.activityType !== 0).length });
		});

		router.add('GET', `${report}/export/{campaignId}/{instanceGroup}`, (ctx) => {
			const { campaign, run } = runIn(ctx, channel, ctx.params.campaignId, ctx.params.instanceGroup);
			const lines = ['First Name,Last Name,Email,Status,Clicked,Submitted Data'];
			for (const row of run.users.values()) lines.push([row.firstName ?? '', row.lastName ?? '', row.email, row.status, row.clickedCount, row.submittedCount].join(','));
			return {
				status: 200,
				headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${channel}-report-${campaign.resourceId}-${run.instanceGroup}.csv"` },
				body: `${lines.join('\r\n')}\r\n`,
			};
		});
	}

	const callback = '/api/callback-simulator';

	router.add('POST', `${callback}/campaign/search`, (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, campaignSchema, { filterRequired: true });
		reader.throwIfErrors();
		// CallbackCampaignSearchModel: the phishing row without `method`.
		return ok(
			searchCollection(channelJourneyOf(ctx.app.store, 'callback').campaignsOf(company.resourceId), campaignSchema, request, (campaign) => {
				const { method: _method, ...view } = toCampaignSearchView(campaign);
				return view;
			}),
		);
	});

	router.add('POST', `${callback}/campaign-job/search/{campaignId}`, (ctx) => {
		const campaign = campaignIn(ctx, 'callback', ctx.params.campaignId, 'Callback campaign not found.');
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, callbackRunSchema, { filterRequired: true });
		reader.raw('phishingCampaignFrequencyGroup');
		reader.throwIfErrors();
		return ok(searchCollection([...campaign.runs.values()], callbackRunSchema, request, runOfCampaignView));
	});

	router.add('GET', `${callback}/campaign-job-report/summary/{campaignId}/{instanceGroup}`, (ctx) => {
		const { campaign, run } = runIn(ctx, 'callback', ctx.params.campaignId, ctx.params.instanceGroup);
		return ok(callbackSummary(campaign, run));
	});

	// CallbackCampaignJobUserSearchType has no documented values: only `all` is modelled; anything else is a 400, so a
	// client relying on a guessed value fails here as it might against Keepnet.
	router.add('POST', `${callback}/campaign-job-report/{searchType}/search/{campaignId}/{instanceGroup}`, (ctx) => {
		if (ctx.params.searchType.toLowerCase() !== 'all') throw inputError([`The value '${ctx.params.searchType}' is not valid for searchType.`], 'Invalid request');
		const { run } = runIn(ctx, 'callback', ctx.params.campaignId, ctx.params.instanceGroup);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, callbackUserSchema, { filterRequired: true });
		reader.int('activityType');
		reader.throwIfErrors();
		return ok(searchCollection([...run.users.values()], callbackUserSchema, request, toCallbackUserView));
	});
}
