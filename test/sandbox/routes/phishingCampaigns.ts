/**
 * Phishing campaigns, the writing side (docs/keepnet-api.md#phishing-campaigns): the scenario
 * catalogue, create, get, search, start a run, stop a run, the run list of one campaign and the run report
 * as a CSV file. The per-behaviour user lists and the cross-campaign run list live in ./phishing.ts; both act on
 * the same records of `journeyOf(store)`. Users act only when a test says so:
 * `journeyOf(store).recordBehaviour(campaignId, instanceGroup, targetUserId, 'clicked', at)`.
 */
import { failed, JsonReader, notFound, ok, requireJsonObject, type JsonObject } from '../http';
import { journeyOf, type PhishingCampaignRecord, type PhishingRunRecord, type RunStatus } from '../journey';
import { scopedCompany, type RouteContext, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import type { CompanyRecord, SandboxStore } from '../store';
import { membersOfGroups } from './trainingEnrollments';

/** PhishingScenarioSearchView (subset). The catalogue is the same for every company. */
export interface CatalogueScenario {
	resourceId: string;
	name: string;
	method: string;
	difficulty: string;
	category: string;
	languageTypeCode: string[];
	createTime: string;
	seq: number;
}

const THEMES = ['Password Expiry', 'Invoice Overdue', 'Parcel Delivery', 'HR Policy Update', 'Shared Document', 'Payroll Change', 'IT Helpdesk', 'Voicemail', 'Gift Card', 'Security Alert', 'Meeting Invite', 'Tax Refund'];
const DIFFICULTIES = ['Easy', 'Medium', 'Hard', 'Easy', 'Medium'];

/** 60 scenarios (more than one picker page). Short ids of 12 characters (docs/keepnet-api.md#identifiers). */
export const SCENARIO_CATALOGUE: CatalogueScenario[] = THEMES.flatMap((theme, themeIndex) =>
	DIFFICULTIES.map((difficulty, variant) => {
		const n = themeIndex * DIFFICULTIES.length + variant + 1;
		return {
			resourceId: `PhScn${String(n).padStart(7, '0')}`,
			name: `${theme} ${variant + 1}`,
			method: variant === 4 ? 'Attachment' : 'Click-Only',
			difficulty,
			category: 'Credential Harvesting',
			languageTypeCode: ['EN-US'],
			createTime: new Date(Date.UTC(2025, 1, 1 + n)).toISOString(),
			seq: n,
		};
	}),
);

const scenarioSchema: SearchSchema<CatalogueScenario> = {
	fields: fieldTable<CatalogueScenario>([
		[['name'], { kind: 'string', get: (row) => row.name }],
		[['difficulty'], { kind: 'string', get: (row) => row.difficulty }],
		[['method'], { kind: 'string', get: (row) => row.method }],
		[['createTime'], { kind: 'date', get: (row) => row.createTime }],
	]),
	defaultSortField: 'createtime',
	freeText: (row) => [row.name],
	seq: (row) => row.seq,
};

function toScenarioView(row: CatalogueScenario): Record<string, unknown> {
	const { seq: _seq, ...view } = row;
	return { ...view, languageTypeName: ['English'], tags: [], roles: [], isOwner: false, isSelected: false, createdBy: 'Keepnet' };
}

/** An email delivery setting of a company (EmailDeliverySetting): SMTP (type 1) or Direct Email Creation (type 2). */
export interface DeliverySettingRecord {
	resourceId: string;
	name: string;
	type: 1 | 2;
	isDefault: boolean;
}

const deliverySettingsByCompany = new WeakMap<CompanyRecord, DeliverySettingRecord[]>();

/**
 * The delivery settings of a company (tests may add, remove or re-flag entries). Every company starts with one SMTP
 * setting, its default; the first seeded customer also has a Direct Email Creation setting, so it has a choice.
 */
export function deliverySettingsOf(store: SandboxStore, company: CompanyRecord): DeliverySettingRecord[] {
	let settings = deliverySettingsByCompany.get(company);
	if (!settings) {
		settings = [{ resourceId: store.newId(), name: `${company.name} SMTP`, type: 1, isDefault: true }];
		if (store.managedCompanies(company.parentResourceId ?? '')[0]?.resourceId === company.resourceId) {
			settings.push({ resourceId: store.newId(), name: `${company.name} Microsoft 365 Direct Email`, type: 2, isDefault: false });
		}
		deliverySettingsByCompany.set(company, settings);
	}
	return settings;
}

/** The company default, as GET …/default-email-delivery-setting answers it (the flagged one, else the newest SMTP). */
/**
 * The SMTP server password Keepnet puts in a campaign preview's smtpSettingDto (SmtpSettingDto has `password`,
 * docs/results-reporting.md). Derived from the setting so a test can look for it in the node's output and errors.
 */
export function smtpPasswordOf(setting: DeliverySettingRecord): string {
	return `Smtp-Pw-${setting.resourceId}`;
}

/** PhishingScenarioPreviewDto (subset): the scenario's email as the target sees it and its landing page. */
function scenarioPreview(scenario: CatalogueScenario): JsonObject {
	return {
		name: scenario.name,
		difficultyTypeId: DIFFICULTIES.indexOf(scenario.difficulty) + 1,
		methodTypeId: scenario.method === 'Attachment' ? 2 : 1,
		category: scenario.category,
		emailTemplate: {
			resourceId: `Em${scenario.resourceId}`,
			name: `${scenario.name} email`,
			subject: `Action needed: ${scenario.name}`,
			fromName: 'IT Service Desk',
			fromAddress: 'it-desk@sandbox-phish.example',
			template: `<html><body><p>${scenario.name}</p><a href="{PHISHINGURL}">Open</a></body></html>`,
			languageTypeName: 'English',
		},
		landingPageTemplate: { resourceId: `Lp${scenario.resourceId}`, name: `${scenario.name} login page`, methodTypeId: 1 },
		trainingDetail: null,
		mfaSmsSenderNumber: null,
		mfaTextTemplate: null,
		roles: [],
	};
}

function defaultDeliverySetting(settings: DeliverySettingRecord[]): DeliverySettingRecord | undefined {
	return settings.find((setting) => setting.isDefault) ?? [...settings].reverse().find((setting) => setting.type === 1);
}

/** What a create stores beyond i17's PhishingCampaignRecord (PhishingCampaignDto fields). */
export interface CampaignSettings {
	description: string | null;
	scheduleTypeId: number;
	scheduledDate: string | null;
	scheduledDateTimeZoneId: string | null;
	scenarioIds: string[];
	excludeFromReports: boolean;
	sendOnlyActiveUsers: boolean;
	/** The SMTP or Direct Email setting the campaign sends with. */
	deliverySetting: DeliverySettingRecord;
	/** Every body a start/{id} call carried, in order. */
	startBodies: JsonObject[];
}

const settingsByCampaign = new WeakMap<PhishingCampaignRecord, CampaignSettings>();

export function campaignSettingsOf(campaign: PhishingCampaignRecord): CampaignSettings | undefined {
	return settingsByCampaign.get(campaign);
}

const SCHEDULE_SEND_NOW = 1;
const SCHEDULE_SAVE_FOR_LATER = 2;
const SCHEDULE_TO = 3;

function campaignOf(ctx: RouteContext, company: CompanyRecord, id: string): PhishingCampaignRecord {
	const campaign = journeyOf(ctx.app.store).campaigns.get(id);
	if (!campaign || campaign.companyId !== company.resourceId) throw notFound('Phishing campaign not found.');
	return campaign;
}

export function latestRun(campaign: PhishingCampaignRecord): PhishingRunRecord | undefined {
	let latest: PhishingRunRecord | undefined;
	for (const run of campaign.runs.values()) if (!latest || run.instanceGroup > latest.instanceGroup) latest = run;
	return latest;
}

/** A run to the members of the groups, Running now or Scheduled; rows start as "Sent" (i17's addRun). */
function startRun(ctx: RouteContext, company: CompanyRecord, campaign: PhishingCampaignRecord, groupIds: string[], status: RunStatus, startDate: string | null): PhishingRunRecord {
	const userIds = membersOfGroups(ctx.app.store, company, groupIds, settingsByCampaign.get(campaign)?.sendOnlyActiveUsers ?? false);
	const run = journeyOf(ctx.app.store).addRun(campaign.resourceId, { status, userIds });
	if (startDate !== null) run.startDate = startDate;
	return run;
}

function readSchedule(reader: JsonReader, required: boolean): { scheduleTypeId: number; scheduledDate: string | null; timeZoneId: string | null } {
	const scheduleTypeId = reader.int('scheduleTypeId', { required, label: 'Schedule Type Id' }) ?? SCHEDULE_SEND_NOW;
	if (![SCHEDULE_SEND_NOW, SCHEDULE_SAVE_FOR_LATER, SCHEDULE_TO].includes(scheduleTypeId)) reader.error(`The value '${scheduleTypeId}' is not valid for scheduleTypeId.`);
	const scheduledDate = reader.string('scheduledDate');
	const timeZoneId = reader.string('scheduledDateTimeZoneId');
	if (scheduleTypeId === SCHEDULE_TO && (scheduledDate === null || Number.isNaN(Date.parse(scheduledDate)))) {
		reader.error("'Scheduled Date' must be a valid date when the campaign is scheduled.");
	}
	return { scheduleTypeId, scheduledDate: scheduleTypeId === SCHEDULE_TO ? scheduledDate : null, timeZoneId };
}

/** PhishingCampaignSearchView. */
export function toCampaignSearchView(campaign: PhishingCampaignRecord): Record<string, unknown> {
	const run = latestRun(campaign);
	const settings = settingsByCampaign.get(campaign);
	return {
		resourceId: campaign.resourceId,
		name: campaign.name,
		method: 'Email',
		status: run?.status ?? 'Idle',
		instanceGroup: run?.instanceGroup ?? null,
		scenarioCount: String(settings?.scenarioIds.length ?? 1),
		instanceCount: String(campaign.runs.size),
		targetUsers: String(run?.users.size ?? 0),
		hasTraining: false,
		createdBy: campaign.createdBy,
		createTime: campaign.createTime,
		lastLaunch: run?.startDate ?? null,
		emailDelivery: 'SMTP',
		frequency: 'One Time',
	};
}

export const campaignSchema: SearchSchema<PhishingCampaignRecord> = {
	fields: fieldTable<PhishingCampaignRecord>([
		[['name'], { kind: 'string', get: (row) => row.name }],
		[['createTime'], { kind: 'date', get: (row) => row.createTime }],
		[['status'], { kind: 'string', get: (row) => latestRun(row)?.status ?? 'Idle' }],
	]),
	defaultSortField: 'createtime',
	freeText: (row) => [row.name],
	seq: (row) => row.seq,
};

export const campaignRunSchema: SearchSchema<PhishingRunRecord> = {
	fields: fieldTable<PhishingRunRecord>([
		[['instanceGroup'], { kind: 'number', get: (row) => row.instanceGroup }],
		[['createdDate'], { kind: 'date', get: (row) => row.createdDate }],
		[['startDate'], { kind: 'date', get: (row) => row.startDate }],
		[['status'], { kind: 'string', get: (row) => row.status }],
	]),
	defaultSortField: 'createddate',
	freeText: () => [],
	seq: (row) => row.seq,
};

const csvCell = (value: unknown): string => {
	const text = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function registerPhishingCampaignRoutes(router: Router): void {
	router.add('POST', '/api/phishing-simulator/phishing-scenario/search', (ctx) => {
		scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, scenarioSchema, { filterRequired: true });
		reader.throwIfErrors();
		return ok(searchCollection(SCENARIO_CATALOGUE, scenarioSchema, request, toScenarioView));
	});

	router.add('GET', '/api/phishing-simulator/phishing-campaign/default-email-delivery-setting', (ctx) => {
		const company = scopedCompany(ctx);
		const setting = defaultDeliverySetting(deliverySettingsOf(ctx.app.store, company));
		return ok(setting === undefined ? null : { resourceId: setting.resourceId, type: setting.type });
	});

	router.add('GET', '/api/phishing-simulator/phishing-campaign/email-delivery-setting-list', (ctx) => {
		const company = scopedCompany(ctx);
		return ok({ results: deliverySettingsOf(ctx.app.store, company).map((setting) => ({ ...setting })) });
	});

	router.add('POST', '/api/phishing-simulator/phishing-campaign', (ctx) => {
		const company = scopedCompany(ctx);
		const journey = journeyOf(ctx.app.store);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const name = reader.string('name', { required: true, maxLength: 200 });
		const description = reader.string('description', { maxLength: 300 });
		const schedule = readSchedule(reader, true);
		const scenarioIds = reader.stringArray('phishingScenarioResourceIds') ?? [];
		for (const entry of reader.array('phishingScenarios') ?? []) {
			const id = (entry as JsonObject | null)?.phishingScenarioResourceId;
			if (typeof id === 'string' && !scenarioIds.includes(id)) scenarioIds.push(id);
		}
		const groupIds = reader.stringArray('targetGroupResourceIds') ?? [];
		const duration = reader.int('duration') ?? 30;
		const excludeFromReports = reader.bool('excludeFromReports') ?? false;
		const sendOnlyActiveUsers = reader.bool('sendOnlyActiveUsers') ?? false;
		const deliveryType = reader.int('emailDeliverySettingType') ?? 1;
		const deliveryId = deliveryType === 2 ? reader.string('directEmailSettingResourceId') : reader.string('smtpSettingResourceId');
		if (deliveryType !== 1 && deliveryType !== 2) reader.error(`The value '${deliveryType}' is not valid for emailDeliverySettingType.`);
		const companySettings = deliverySettingsOf(ctx.app.store, company);
		let deliverySetting: DeliverySettingRecord | undefined;
		if (deliveryId === null || deliveryId === '') {
			// docs/keepnet-api.md#phishing-campaign-create: whether Keepnet picks the default itself is unverified; the reading decides.
			if (ctx.app.readings.campaignWithoutDeliverySetting === 'companyDefault') deliverySetting = defaultDeliverySetting(companySettings);
			if (!deliverySetting) reader.error(deliveryType === 2 ? "'Direct Email Setting Resource Id' must not be empty." : "'Smtp Setting Resource Id' must not be empty.");
		} else {
			deliverySetting = companySettings.find((setting) => setting.resourceId === deliveryId);
			if (deliverySetting && deliverySetting.type !== deliveryType) reader.error(`Email delivery setting '${deliveryId}' is not of type ${deliveryType}.`);
		}
		if (scenarioIds.length === 0) reader.error('At least one phishing scenario is required.');
		if (groupIds.length === 0) reader.error('At least one target group is required.');
		if (duration < 1 || duration > 999) reader.error("'Duration' must be between 1 and 999.");
		reader.throwIfErrors();
		for (const id of scenarioIds) {
			if (!SCENARIO_CATALOGUE.some((scenario) => scenario.resourceId === id)) throw notFound(`Phishing scenario '${id}' was not found.`);
		}
		if (!deliverySetting) throw notFound(`Email delivery setting '${String(deliveryId)}' was not found.`);
		membersOfGroups(ctx.app.store, company, groupIds);
		const campaign: PhishingCampaignRecord = {
			resourceId: ctx.app.store.newId(),
			companyId: company.resourceId,
			name: String(name),
			createTime: new Date().toISOString(),
			createdBy: 'admin@example.com',
			duration,
			targetGroupResourceIds: groupIds,
			runs: new Map(),
			seq: ctx.app.store.newSeq(),
		};
		journey.campaigns.set(campaign.resourceId, campaign);
		settingsByCampaign.set(campaign, {
			description,
			scheduleTypeId: schedule.scheduleTypeId,
			scheduledDate: schedule.scheduledDate,
			scheduledDateTimeZoneId: schedule.timeZoneId,
			scenarioIds,
			excludeFromReports,
			sendOnlyActiveUsers,
			deliverySetting,
			startBodies: [],
		});
		// Open question 4 modelled: Send now starts run 1 at once; Schedule to makes run 1 Scheduled; Save for later
		// makes no run until start/{id}, or (the other reading, docs/keepnet-api.md#save-for-later-and-idle-runs) an Idle run that start/{id}/{run} launches.
		if (schedule.scheduleTypeId === SCHEDULE_SEND_NOW) startRun(ctx, company, campaign, groupIds, 'Running', null);
		if (schedule.scheduleTypeId === SCHEDULE_TO) startRun(ctx, company, campaign, groupIds, 'Scheduled', new Date(String(schedule.scheduledDate)).toISOString());
		if (schedule.scheduleTypeId === SCHEDULE_SAVE_FOR_LATER && ctx.app.readings.saveForLaterMakesIdleRun) startRun(ctx, company, campaign, groupIds, 'Idle', null);
		return ok({ resourceId: campaign.resourceId });
	});

	router.add('GET', '/api/phishing-simulator/phishing-campaign/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const campaign = campaignOf(ctx, company, ctx.params.resourceId);
		const settings = settingsByCampaign.get(campaign);
		const groups = ctx.app.store.data(company.resourceId).targetGroups;
		return ok({
			resourceId: campaign.resourceId,
			name: campaign.name,
			description: settings?.description ?? null,
			scheduleTypeId: settings?.scheduleTypeId ?? SCHEDULE_SEND_NOW,
			scheduledDate: settings?.scheduledDate ?? null,
			scheduledDateTimeZoneId: settings?.scheduledDateTimeZoneId ?? null,
			duration: campaign.duration,
			excludeFromReports: settings?.excludeFromReports ?? false,
			sendOnlyActiveUsers: settings?.sendOnlyActiveUsers ?? false,
			phishingScenarios: (settings?.scenarioIds ?? []).map((id) => ({
				phishingScenarioResourceId: id,
				name: SCENARIO_CATALOGUE.find((scenario) => scenario.resourceId === id)?.name ?? id,
			})),
			targetGroups: campaign.targetGroupResourceIds.map((id) => ({ text: groups.get(id)?.name ?? id, value: id })),
			emailDeliverySettingType: settings?.deliverySetting.type ?? null,
			smtpSetting: settings?.deliverySetting.type === 1 ? { resourceId: settings.deliverySetting.resourceId, name: settings.deliverySetting.name } : null,
			directEmailSetting: settings?.deliverySetting.type === 2 ? { resourceId: settings.deliverySetting.resourceId, name: settings.deliverySetting.name } : null,
			createTime: campaign.createTime,
		});
	});

	// PhishingCampaignPreviewListDto (SPEC): the scenarios' previews, the delivery setting (the SMTP one with its
	// server login, password included, as SmtpSettingDto has it) and the scenarios' categories.
	router.add('GET', '/api/phishing-simulator/phishing-campaign/preview/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const campaign = campaignOf(ctx, company, ctx.params.resourceId);
		const settings = settingsByCampaign.get(campaign);
		const delivery = settings?.deliverySetting ?? defaultDeliverySetting(deliverySettingsOf(ctx.app.store, company));
		const scenarios = (settings?.scenarioIds ?? [])
			.map((id) => SCENARIO_CATALOGUE.find((scenario) => scenario.resourceId === id))
			.filter((scenario): scenario is CatalogueScenario => scenario !== undefined);
		return ok({
			smtpSettingDto:
				delivery?.type === 1
					? {
							resourceId: delivery.resourceId,
							name: delivery.name,
							serverAddress: 'smtp.sandbox-mail.example',
							serverPort: 587,
							userName: 'campaign-sender',
							password: smtpPasswordOf(delivery),
							useAuthentication: true,
							useSSL: true,
							hasSMTPRelay: false,
							replyTo: null,
							errorTo: null,
							cc: null,
							bcc: null,
							customHeader: null,
							statusName: 'Active',
						}
					: null,
			phishingScenarioPreviewList: scenarios.map(scenarioPreview),
			directEmailSettingDto: delivery?.type === 2 ? { resourceId: delivery.resourceId, name: delivery.name, tenantId: 'sandbox-tenant', allowedDomains: [], type: 1, status: 1 } : null,
			categoryList: [...new Set(scenarios.map((scenario) => scenario.category))].map((name, index) => ({ resourceId: `Cat${index + 1}`, name, code: name.toUpperCase().replace(/\W+/g, '_') })),
		});
	});

	router.add('POST', '/api/phishing-simulator/phishing-campaign/search', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, campaignSchema, { filterRequired: true });
		reader.throwIfErrors();
		return ok(searchCollection(journeyOf(ctx.app.store).campaignsOf(company.resourceId), campaignSchema, request, toCampaignSearchView));
	});

	router.add('POST', '/api/phishing-simulator/phishing-campaign-job/start/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const campaign = campaignOf(ctx, company, ctx.params.resourceId);
		const body = requireJsonObject(ctx.body);
		const reader = new JsonReader(body);
		const groupIds = reader.stringArray('targetGroupResourceIds') ?? [];
		const schedule = readSchedule(reader, false);
		if (groupIds.length === 0) reader.error('At least one target group is required.');
		if (schedule.scheduleTypeId === SCHEDULE_SAVE_FOR_LATER) reader.error("The value '2' is not valid for scheduleTypeId of a new instance.");
		reader.throwIfErrors();
		const status: RunStatus = schedule.scheduleTypeId === SCHEDULE_TO ? 'Scheduled' : 'Running';
		startRun(ctx, company, campaign, groupIds, status, schedule.scheduledDate === null ? null : new Date(schedule.scheduledDate).toISOString());
		settingsByCampaign.get(campaign)?.startBodies.push(body);
		// IdResult, not the new instanceGroup (docs/keepnet-api.md#campaign-runs).
		return ok({ resourceId: campaign.resourceId });
	});

	// "Launch" of an existing run (docs/keepnet-api.md#campaign-runs): the web app offers it only for Idle runs.
	router.add('POST', '/api/phishing-simulator/phishing-campaign-job/start/{resourceId}/{instanceGroup}', (ctx) => {
		const company = scopedCompany(ctx);
		const campaign = campaignOf(ctx, company, ctx.params.resourceId);
		const run = campaign.runs.get(Number(ctx.params.instanceGroup));
		if (!run) throw notFound('Phishing campaign instance not found.');
		if (run.status !== 'Idle') throw failed(400, `The campaign instance cannot be launched in status '${run.status}'.`, 'INPUT_ERROR');
		run.status = 'Running';
		run.startDate = new Date().toISOString();
		for (const row of run.users.values()) row.lastSendingTime = run.startDate;
		return ok({ resourceId: campaign.resourceId });
	});

	router.add('PATCH', '/api/phishing-simulator/phishing-campaign-job/stop/{resourceId}/{instanceGroup}', (ctx) => {
		const company = scopedCompany(ctx);
		const campaign = campaignOf(ctx, company, ctx.params.resourceId);
		const run = campaign.runs.get(Number(ctx.params.instanceGroup));
		if (!run) throw notFound('Phishing campaign instance not found.');
		if (run.status !== 'Running' && run.status !== 'Scheduled' && run.status !== 'Idle') {
			throw failed(400, `The campaign instance cannot be stopped in status '${run.status}'.`, 'INPUT_ERROR');
		}
		run.status = 'Canceled';
		return ok({ resourceId: campaign.resourceId });
	});

	router.add('POST', '/api/phishing-simulator/phishing-campaign-job-report/{resourceId}/search', (ctx) => {
		const company = scopedCompany(ctx);
		const campaign = campaignOf(ctx, company, ctx.params.resourceId);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, campaignRunSchema, { filterRequired: true });
		reader.raw('phishingCampaignFrequencyGroup');
		reader.throwIfErrors();
		return ok(
			searchCollection([...campaign.runs.values()], campaignRunSchema, request, (run) => ({
				instanceGroup: run.instanceGroup,
				startDate: run.startDate,
				createdDate: run.createdDate,
				totalTargetUserCount: run.users.size,
				status: run.status,
				jobResultMessage: null,
				frequency: 'One Time',
			})),
		);
	});

	// Open question 19 modelled: the run report export is a CSV file (one row per user).
	router.add('GET', '/api/phishing-simulator/phishing-campaign-job-report/export/{resourceId}/{instanceGroup}', (ctx) => {
		const company = scopedCompany(ctx);
		const campaign = campaignOf(ctx, company, ctx.params.resourceId);
		const run = campaign.runs.get(Number(ctx.params.instanceGroup));
		if (!run) throw notFound('Phishing campaign instance not found.');
		const excludeBots = ctx.query.get('excludeBotActivity') !== 'false';
		const header = ['First Name', 'Last Name', 'Email', 'Status', 'Opened', 'Last Opened', 'Clicked', 'Last Clicked', 'Submitted Data', 'Last Submitted', 'Reported', 'Last Reported'];
		const lines = [header.join(',')];
		for (const row of run.users.values()) {
			const bot = row.activityType !== 0 && excludeBots;
			lines.push(
				[
					row.firstName,
					row.lastName,
					row.email,
					row.status,
					bot ? 0 : row.openedCount,
					bot ? '' : row.lastOpenedTime,
					bot ? 0 : row.clickedCount,
					bot ? '' : row.lastClickedTime,
					bot ? 0 : row.submittedCount,
					bot ? '' : row.lastSubmittedTime,
					row.reportedCount,
					row.lastReportedTime,
				]
					.map(csvCell)
					.join(','),
			);
		}
		return {
			status: 200,
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="phishing-report-${campaign.resourceId}-${run.instanceGroup}.csv"`,
			},
			body: `${lines.join('\r\n')}\r\n`,
		};
	});
}
