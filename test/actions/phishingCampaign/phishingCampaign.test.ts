import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SANDBOX_READINGS, journeyOf } from '../../sandbox';
import { campaignSettingsOf, deliverySettingsOf, SCENARIO_CATALOGUE } from '../../sandbox/routes/phishingCampaigns';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[1];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());
afterEach(() => Object.assign(fixture.sandbox.readings, DEFAULT_SANDBOX_READINGS));

const company = () => locator(companyId);
const group = (name: string) => fixture.sandbox.ids.targetGroupsByCompany[companyId][name];
const members = (name: string) => [...(fixture.sandbox.store.data(companyId).targetGroups.get(group(name))?.memberIds ?? [])];
/** The members a run sends to with Send Only to Active Users on (the default): active, not deleted. */
const activeMembers = (name: string) => members(name).filter((userId) => fixture.sandbox.store.data(companyId).targetUsers.get(userId)?.isActive === true);
const journey = () => journeyOf(fixture.sandbox.store);
const campaign = (id: string) => journey().campaigns.get(id);
const scenario = SCENARIO_CATALOGUE[7];
const companyRecord = (id: string) => fixture.sandbox.store.companies.get(id)!;
const deliverySettings = (id = companyId) => deliverySettingsOf(fixture.sandbox.store, companyRecord(id));
const campaignCreate = () => fixture.apiRequests().find((request) => request.method === 'POST' && request.path === '/api/phishing-simulator/phishing-campaign');

/** Create's parameters: the Finance group and scenario 8, unless given. */
const createParameters = (parameters: IDataObject = {}) => ({
	resource: 'phishingCampaign',
	operation: 'create',
	companyId: company(),
	name: 'Baseline',
	scenarioId: locator(scenario.resourceId),
	targetGroupIds: [group('Finance')],
	...parameters,
});

async function createCampaign(parameters: IDataObject = {}): Promise<string> {
	const [created] = jsonOf(await fixture.run(createParameters(parameters)));
	fixture.sandbox.clearRequests();
	return String(created.resourceId);
}

async function startCampaign(campaignId: string, parameters: IDataObject = {}): Promise<IDataObject> {
	const [started] = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'start', companyId: company(), campaignId: locator(campaignId, 'id'), ...parameters }));
	fixture.sandbox.clearRequests();
	return started;
}

describe('Phishing Campaign → Create', () => {
	it('saves a campaign for later by default: stored with its scenario and groups, no run yet', async () => {
		const [created] = jsonOf(
			await fixture.run({
				resource: 'phishingCampaign',
				operation: 'create',
				companyId: company(),
				name: 'Finance baseline',
				scenarioId: locator(scenario.resourceId),
				targetGroupIds: [group('Finance'), group('New Hires')],
				duration: 14,
				additionalFields: { description: 'First test', excludeFromReports: true, sendingLimit: 25, delayEvery: 2, delayUnit: 'minutes' },
			}),
		);
		const request = campaignCreate()!;
		expect(request).toMatchObject({
			method: 'POST',
			path: '/api/phishing-simulator/phishing-campaign',
			body: {
				name: 'Finance baseline',
				description: 'First test',
				scheduleTypeId: 2,
				scheduledDate: null,
				phishingScenarioResourceIds: [scenario.resourceId],
				phishingScenarios: [{ phishingScenarioResourceId: scenario.resourceId }],
				targetGroupResourceIds: [group('Finance'), group('New Hires')],
				duration: 14,
				excludeFromReports: true,
				sendOnlyActiveUsers: true,
				sendingLimit: 25,
				distributionDelayEvery: 2,
				distributionDelayTimeTypeId: 2,
			},
		});
		expect(request.headers['x-keepnet-company-id']).toBe(companyId);
		const stored = campaign(String(created.resourceId));
		expect(stored).toMatchObject({ companyId, name: 'Finance baseline', duration: 14, targetGroupResourceIds: [group('Finance'), group('New Hires')] });
		expect(stored?.runs.size).toBe(0);
		expect(campaignSettingsOf(stored!)).toMatchObject({ scheduleTypeId: 2, scenarioIds: [scenario.resourceId], excludeFromReports: true });
		expect(created).toMatchObject({ resourceId: stored?.resourceId, companyId, name: 'Finance baseline', scheduleTypeId: 2 });
		expect(created).not.toHaveProperty('phishingScenarios');
	});

	it('Send Now starts run 1 to the group members; Schedule makes run 1 Scheduled at the date', async () => {
		const now = await createCampaign({ schedule: 'now' });
		expect(campaign(now)?.runs.get(1)).toMatchObject({ status: 'Running' });
		expect(new Set(campaign(now)?.runs.get(1)?.users.keys())).toEqual(new Set(activeMembers('Finance')));

		const later = await createCampaign({ schedule: 'schedule', scheduledDate: '2030-05-01T08:00:00Z', timeZoneId: 'GMT Standard Time' });
		expect(campaign(later)?.runs.get(1)).toMatchObject({ status: 'Scheduled', startDate: '2030-05-01T08:00:00.000Z' });
		expect(campaignSettingsOf(campaign(later)!)).toMatchObject({ scheduleTypeId: 3, scheduledDateTimeZoneId: 'GMT Standard Time' });
	});

	it('with Send Only to Active Users off, runs send to the inactive members too', async () => {
		const campaignId = await createCampaign({ schedule: 'now', targetGroupIds: [group('IT Department')], additionalFields: { sendOnlyActiveUsers: false } });
		expect(new Set(campaign(campaignId)?.runs.get(1)?.users.keys())).toEqual(new Set(members('IT Department')));
	});

	it('refuses bad input before any request, naming the field and the item', async () => {
		const base = { resource: 'phishingCampaign', operation: 'create', companyId: company(), scenarioId: locator(scenario.resourceId), targetGroupIds: [group('Finance')] };
		await expect(fixture.run({ ...base, name: '={{ $json.name }}' }, { items: items({ name: 'ok' }, { name: 'n'.repeat(201) }) })).rejects.toThrow(
			'Campaign Name is too long: 201 characters, Keepnet accepts at most 200 (item 1)',
		);
		await expect(fixture.run({ ...base, name: 'x', targetGroupIds: '={{ $json.groups }}' }, { items: items({ groups: [] }) })).rejects.toThrow('Target Groups is empty (item 0)');
		await expect(
			fixture.run({ ...base, name: 'x', schedule: 'schedule', scheduledDate: '={{ $json.when }}' }, { items: items({ when: 'next tuesday' }) }),
		).rejects.toThrow('Scheduled Date "next tuesday" is not a date (item 0)');
		await expect(fixture.run({ ...base, name: 'x', duration: '={{ 1000 }}' })).rejects.toThrow('Tracking Duration (Days) must be a whole number from 1 to 999 (item 0)');
		await expect(fixture.run({ ...base, name: 'x', additionalFields: { description: 'd'.repeat(301) } })).rejects.toThrow(
			'Description is too long: 301 characters, Keepnet accepts at most 300 (item 0)',
		);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it("names an unknown scenario on Keepnet's 404, and with Continue On Fail each item gets its outcome", async () => {
		const before = journey().campaignsOf(companyId).length;
		const result = await fixture.run(
			{
				resource: 'phishingCampaign',
				operation: 'create',
				companyId: company(),
				name: '={{ $json.name }}',
				scenarioId: locator('={{ $json.scenario }}', 'id'),
				targetGroupIds: [group('Finance')],
			},
			{ items: items({ name: 'Bad', scenario: 'NoSuchScen01' }, { name: 'Good', scenario: scenario.resourceId }), continueOnFail: true },
		);
		const [bad, good] = jsonOf(result);
		expect(String(bad.error)).toContain(`Keepnet has no scenario or target group of the campaign in company "${companyId}"`);
		expect(bad.name).toBe('Bad');
		expect(good.resourceId).toEqual(expect.any(String));
		expect(result.output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(journey().campaignsOf(companyId).length).toBe(before + 1);
	});
});

describe('Phishing Campaign → Start', () => {
	it("starts a new run to the campaign's own groups and returns its run number; a second Start adds run 2", async () => {
		const campaignId = await createCampaign();
		const started = await startCampaign(campaignId);
		expect(started).toMatchObject({ resourceId: campaignId, companyId, instanceGroup: 1, status: 'Running', totalTargetUserCount: activeMembers('Finance').length, targetGroupResourceIds: [group('Finance')] });
		expect(new Set(campaign(campaignId)?.runs.get(1)?.users.keys())).toEqual(new Set(activeMembers('Finance')));
		expect(campaignSettingsOf(campaign(campaignId)!)?.startBodies[0]).toMatchObject({ targetGroupResourceIds: [group('Finance')], scheduleTypeId: 1, scheduledDate: null });

		const [again] = jsonOf(
			await fixture.run({ resource: 'phishingCampaign', operation: 'start', companyId: company(), campaignId: locator(campaignId, 'id'), targetGroupIds: [group('IT Department')] }),
		);
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST /api/phishing-simulator/phishing-campaign-job-report/${campaignId}/search`,
			`POST /api/phishing-simulator/phishing-campaign-job/start/${campaignId}`,
			`POST /api/phishing-simulator/phishing-campaign-job-report/${campaignId}/search`,
		]);
		expect(again).toMatchObject({ instanceGroup: 2, status: 'Running' });
		expect(new Set(campaign(campaignId)?.runs.get(2)?.users.keys())).toEqual(new Set(activeMembers('IT Department')));
		// The seed has inactive IT staff: they are left out, as Send Only to Active Users asks.
		expect(activeMembers('IT Department').length).toBeLessThan(members('IT Department').length);
	});

	it('schedules a run, refuses a schedule without a date before any request, and names a missing campaign', async () => {
		const campaignId = await createCampaign();
		const started = await startCampaign(campaignId, { schedule: 'schedule', scheduledDate: '2031-01-01T06:00:00Z' });
		expect(started).toMatchObject({ instanceGroup: 1, status: 'Scheduled' });
		await expect(
			fixture.run({ resource: 'phishingCampaign', operation: 'start', companyId: company(), campaignId: locator(campaignId, 'id'), schedule: 'schedule', scheduledDate: '={{ "" }}' }),
		).rejects.toThrow('Scheduled Date is required with Schedule: Schedule (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
		await expect(fixture.run({ resource: 'phishingCampaign', operation: 'start', companyId: company(), campaignId: locator('NoSuchCampgn', 'id') })).rejects.toThrow(
			`Keepnet has no phishing campaign "NoSuchCampgn" in company "${companyId}" (HTTP 404)`,
		);
	});
});

describe('Phishing Campaign → Create: the email delivery setting (docs/keepnet-api.md#phishing-campaign-create)', () => {
	it.each(['refused', 'companyDefault'] as const)(
		"sends the company's default setting read from default-email-delivery-setting, as Keepnet's clients do (server without one: %s)",
		async (reading) => {
			fixture.sandbox.readings.campaignWithoutDeliverySetting = reading;
			const campaignId = await createCampaign({ name: `Default delivery ${reading}` });
			const smtp = deliverySettings().find((setting) => setting.isDefault)!;
			expect(campaignSettingsOf(campaign(campaignId)!)?.deliverySetting).toEqual(smtp);
			// createCampaign clears the request log after its run: one more run, whose requests are read.
			await fixture.run(createParameters({ name: `Logged ${reading}` }));
			expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
				'GET /api/phishing-simulator/phishing-campaign/default-email-delivery-setting',
				'POST /api/phishing-simulator/phishing-campaign',
			]);
			expect(campaignCreate()?.body).toMatchObject({ emailDeliverySettingType: 1, smtpSettingResourceId: smtp.resourceId, directEmailSettingResourceId: null });
		},
	);

	it('lets the user choose among the company’s settings (listed in the editor), and sends a Direct Email one as such', async () => {
		const direct = { resourceId: 'DirectMail01', name: 'Microsoft 365 Direct Email', type: 2 as const, isDefault: false };
		deliverySettings().push(direct);
		const options = await fixture.loadOptions('getEmailDeliverySettings', { companyId: company() });
		expect(options.map((option) => option.value).sort()).toEqual(deliverySettings().map((setting) => setting.resourceId).sort());
		expect(options.find((option) => option.value === direct.resourceId)).toMatchObject({ name: direct.name, description: 'Direct Email Creation' });

		fixture.sandbox.clearRequests();
		const [created] = jsonOf(await fixture.run(createParameters({ name: 'Direct delivery', additionalFields: { emailDeliverySettingId: direct.resourceId } })));
		expect(campaignCreate()?.body).toMatchObject({ emailDeliverySettingType: 2, directEmailSettingResourceId: direct.resourceId, smtpSettingResourceId: null });
		expect(campaignSettingsOf(campaign(String(created.resourceId))!)?.deliverySetting).toEqual(direct);
	});

	it("refuses another company's setting, or a company without any, before the campaign is written", async () => {
		const otherCompany = fixture.sandbox.ids.customerCompanyIds[2];
		const foreign = deliverySettings(otherCompany)[0];
		const base = createParameters({ name: 'No delivery' });
		await expect(fixture.run({ ...base, additionalFields: { emailDeliverySettingId: foreign.resourceId } })).rejects.toThrow(
			`Email Delivery Setting "${foreign.resourceId}" is not one of company "${companyId}"'s delivery settings (item 0)`,
		);
		const bare = fixture.sandbox.ids.customerCompanyIds[3];
		deliverySettings(bare).length = 0;
		await expect(fixture.run({ ...base, companyId: locator(bare), targetGroupIds: [fixture.sandbox.ids.targetGroupsByCompany[bare].Finance] })).rejects.toThrow(
			`Company "${bare}" has no default email delivery setting in Keepnet (item 0)`,
		);
		expect(campaignCreate()).toBeUndefined();
	});

	it('takes the scenario by its name (Scenario → By Name)', async () => {
		const [created] = jsonOf(
			await fixture.run(createParameters({ name: 'Scenario by name', scenarioId: locator(scenario.name.toLowerCase(), 'name') })),
		);
		expect(campaignSettingsOf(campaign(String(created.resourceId))!)?.scenarioIds).toEqual([scenario.resourceId]);
		await expect(fixture.run(createParameters({ name: 'x', scenarioId: locator('No Such Lure', 'name') }))).rejects.toThrow('Scenario "No Such Lure" is not the name of any scenario company');
	});
});

describe('Phishing Campaign → Save for Later, then Start: one run under either reading of docs/keepnet-api.md#save-for-later-and-idle-runs', () => {
	it.each([false, true])('Save for Later makes an Idle run: %s. Start leaves the campaign with exactly one run, sending to the members', async (idleRun) => {
		fixture.sandbox.readings.saveForLaterMakesIdleRun = idleRun;
		const campaignId = await createCampaign({ name: `Later then start ${String(idleRun)}` });
		expect(campaign(campaignId)?.runs.size).toBe(idleRun ? 1 : 0);
		const started = await fixture.run({ resource: 'phishingCampaign', operation: 'start', companyId: company(), campaignId: locator(campaignId, 'id') });
		const runs = [...(campaign(campaignId)?.runs.values() ?? [])];
		expect(runs.map((run) => [run.instanceGroup, run.status])).toEqual([[1, 'Running']]);
		expect(new Set(runs[0].users.keys())).toEqual(new Set(activeMembers('Finance')));
		expect(jsonOf(started)[0]).toMatchObject({ instanceGroup: 1, status: 'Running', startedAs: idleRun ? 'launchedIdleRun' : 'newRun', targetGroupResourceIds: [group('Finance')] });
		const starts = fixture.apiRequests().filter((request) => request.path.includes('/phishing-campaign-job/start/'));
		expect(starts.map((request) => request.path)).toEqual([`/api/phishing-simulator/phishing-campaign-job/start/${campaignId}${idleRun ? '/1' : ''}`]);
	});

	it('an Idle run cannot be scheduled or sent to other groups: refused, naming the way out, and nothing started', async () => {
		fixture.sandbox.readings.saveForLaterMakesIdleRun = true;
		const campaignId = await createCampaign({ name: 'Idle refusals' });
		const start = (parameters: IDataObject) => fixture.run({ resource: 'phishingCampaign', operation: 'start', companyId: company(), campaignId: locator(campaignId, 'id'), ...parameters });
		await expect(start({ schedule: 'schedule', scheduledDate: '2031-01-01T06:00:00Z' })).rejects.toThrow(
			`Campaign "${campaignId}" already has run 1 waiting to be launched (status Idle); Keepnet launches such a run at once, not on a date (item 0)`,
		);
		await expect(start({ targetGroupIds: [group('IT Department')] })).rejects.toThrow("it sends to the campaign's own target groups (item 0)");
		expect(fixture.apiRequests().filter((request) => request.path.includes('/phishing-campaign-job/start/'))).toEqual([]);
		expect([...(campaign(campaignId)?.runs.values() ?? [])].map((run) => run.status)).toEqual(['Idle']);
	});
});

describe('Phishing Campaign → Stop', () => {
	it('stops the latest run by default, or a run by number; a stopped run cannot be stopped again', async () => {
		const campaignId = await createCampaign({ schedule: 'now' });
		await startCampaign(campaignId);
		const [stopped] = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'stop', companyId: company(), campaignId: locator(campaignId, 'id') }));
		expect(stopped).toEqual({ resourceId: campaignId, companyId, instanceGroup: 2, stopped: true });
		expect(fixture.apiRequests().at(-1)).toMatchObject({ method: 'PATCH', path: `/api/phishing-simulator/phishing-campaign-job/stop/${campaignId}/2` });
		expect(campaign(campaignId)?.runs.get(2)?.status).toBe('Canceled');
		expect(campaign(campaignId)?.runs.get(1)?.status).toBe('Running');

		fixture.sandbox.clearRequests();
		await fixture.run({ resource: 'phishingCampaign', operation: 'stop', companyId: company(), campaignId: locator(campaignId, 'id'), run: 'number', instanceGroup: 1 });
		expect(fixture.apiRequests()).toHaveLength(1);
		expect(campaign(campaignId)?.runs.get(1)?.status).toBe('Canceled');

		await expect(
			fixture.run({ resource: 'phishingCampaign', operation: 'stop', companyId: company(), campaignId: locator(campaignId, 'id'), run: 'number', instanceGroup: 1 }),
		).rejects.toThrow(/cannot be stopped in status 'Canceled'/);
	});

	it('says to start a campaign that has no run yet', async () => {
		const campaignId = await createCampaign();
		await expect(fixture.run({ resource: 'phishingCampaign', operation: 'stop', companyId: company(), campaignId: locator(campaignId, 'id') })).rejects.toThrow(
			`Campaign "${campaignId}" has no run yet (item 0)`,
		);
	});
});

describe('Phishing Campaign → Get and Get Many', () => {
	it('gets the stored settings with the runs, newest first', async () => {
		const campaignId = await createCampaign({ name: 'Get marker', schedule: 'now' });
		await startCampaign(campaignId);
		const [got] = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'get', companyId: company(), campaignId: locator(campaignId, 'id') }));
		expect(got).toMatchObject({
			resourceId: campaignId,
			name: 'Get marker',
			phishingScenarios: [{ phishingScenarioResourceId: scenario.resourceId, name: scenario.name }],
			targetGroups: [{ text: 'Finance', value: group('Finance') }],
		});
		expect((got.runs as IDataObject[]).map((run) => run.instanceGroup)).toEqual([2, 1]);
	});

	it('lists campaigns of the company by search text, simplified, with Limit', async () => {
		const campaignId = await createCampaign({ name: 'Many marker one', schedule: 'now' });
		await createCampaign({ name: 'Many marker two' });
		const found = jsonOf(
			await fixture.run({ resource: 'phishingCampaign', operation: 'getAll', companyId: company(), returnAll: true, filters: { searchText: 'many marker one' } }),
		);
		expect(found).toEqual([expect.objectContaining({ resourceId: campaignId, name: 'Many marker one', status: 'Running', instanceGroup: 1 })]);
		expect(found[0]).not.toHaveProperty('emailDelivery');
		expect(fixture.apiRequests()[0]).toMatchObject({ path: '/api/phishing-simulator/phishing-campaign/search', body: { orderBy: 'CreateTime', ascending: false } });

		fixture.sandbox.clearRequests();
		const limited = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'getAll', companyId: company(), limit: 1, simplify: false }));
		expect(limited).toHaveLength(1);
		expect(limited[0]).toHaveProperty('emailDelivery');
		expect(fixture.apiRequests()[0].body).toMatchObject({ pageSize: 1 });
	});
});

describe('Phishing Campaign → Get Report', () => {
	it('lists each user of the latest run with opened, clicked, submitted and reported and their dates, as the knob records behaviour', async () => {
		const campaignId = await createCampaign();
		await startCampaign(campaignId);
		const [first, second, third] = activeMembers('Finance');
		journey().recordBehaviour(campaignId, 1, first, 'opened', '2026-03-01T08:00:00.000Z');
		journey().recordBehaviour(campaignId, 1, first, 'clicked', '2026-03-01T08:01:00.000Z');
		journey().recordBehaviour(campaignId, 1, first, 'submitteddata', '2026-03-01T08:02:00.000Z');
		journey().recordBehaviour(campaignId, 1, second, 'reported', '2026-03-01T09:00:00.000Z');
		journey().recordBehaviour(campaignId, 1, third, 'clicked', '2026-03-01T10:00:00.000Z', 2);

		const all = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'getReport', companyId: company(), campaignId: locator(campaignId, 'id'), returnAll: true }));
		expect(all).toHaveLength(activeMembers('Finance').length);
		const email = (userId: string) => fixture.sandbox.store.data(companyId).targetUsers.get(userId)?.email;
		const byEmail = new Map(all.map((row) => [row.email, row]));
		expect(byEmail.get(email(first))).toMatchObject({
			campaignId,
			instanceGroup: 1,
			opened: true,
			openedAt: '2026-03-01T08:00:00.000Z',
			clicked: true,
			clickedAt: '2026-03-01T08:01:00.000Z',
			submittedData: true,
			submittedAt: '2026-03-01T08:02:00.000Z',
			reported: false,
			reportedAt: null,
		});
		expect(byEmail.get(email(second))).toMatchObject({ opened: false, clicked: false, reported: true, reportedAt: '2026-03-01T09:00:00.000Z' });
		expect(fixture.apiRequests().at(-1)).toMatchObject({
			path: `/api/phishing-simulator/phishing-campaign-job-report/all/search/${campaignId}/1`,
			body: { activityType: 0, orderBy: 'Email' },
		});

		const clickedHumans = jsonOf(
			await fixture.run({ resource: 'phishingCampaign', operation: 'getReport', companyId: company(), campaignId: locator(campaignId, 'id'), searchType: 'clicked', returnAll: true }),
		);
		expect(clickedHumans.map((row) => row.email)).toEqual([email(first)]);
		const clickedAll = jsonOf(
			await fixture.run({
				resource: 'phishingCampaign',
				operation: 'getReport',
				companyId: company(),
				campaignId: locator(campaignId, 'id'),
				searchType: 'clicked',
				returnAll: true,
				simplify: false,
				options: { includeBotActivity: true },
			}),
		);
		expect(clickedAll.map((row) => row.email).sort()).toEqual([email(first), email(third)].sort());
		expect(clickedAll[0]).toHaveProperty('clickedCount');
	});

	it('reads a run by number, and names a missing run on a 404', async () => {
		const campaignId = await createCampaign({ schedule: 'now' });
		await startCampaign(campaignId, { targetGroupIds: [group('IT Department')] });
		const runOne = jsonOf(
			await fixture.run({ resource: 'phishingCampaign', operation: 'getReport', companyId: company(), campaignId: locator(campaignId, 'id'), run: 'number', instanceGroup: 1, returnAll: true }),
		);
		expect(runOne).toHaveLength(activeMembers('Finance').length);
		expect(fixture.apiRequests()).toHaveLength(1);
		await expect(
			fixture.run({ resource: 'phishingCampaign', operation: 'getReport', companyId: company(), campaignId: locator(campaignId, 'id'), run: 'number', instanceGroup: 9, returnAll: true }),
		).rejects.toThrow(`Keepnet has no run 9 of phishing campaign "${campaignId}" in company "${companyId}" (HTTP 404)`);
	});
});

describe('Phishing Campaign → Get Report File', () => {
	it('puts the CSV report Keepnet serves into a binary field, bot activity left out by default', async () => {
		const campaignId = await createCampaign({ schedule: 'now' });
		const [first] = activeMembers('Finance');
		journey().recordBehaviour(campaignId, 1, first, 'clicked', '2026-03-01T08:01:00.000Z', 2);
		const result = await fixture.run({ resource: 'phishingCampaign', operation: 'getReportFile', companyId: company(), campaignId: locator(campaignId, 'id'), binaryPropertyName: 'report' });
		const [item] = result.output[0];
		expect(item.json).toMatchObject({ campaignId, companyId, instanceGroup: 1, fileName: `phishing-report-${campaignId}-1.csv`, mimeType: 'text/csv' });
		const csv = Buffer.from(item.binary?.report.data ?? '', 'base64').toString('utf8');
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toContain('First Name,Last Name,Email');
		expect(lines).toHaveLength(activeMembers('Finance').length + 1);
		const email = fixture.sandbox.store.data(companyId).targetUsers.get(first)?.email ?? '';
		const clickedColumn = lines[0].split(',').indexOf('Clicked');
		expect(lines.find((line) => line.includes(email))?.split(',')[clickedColumn]).toBe('0');

		const withBots = await fixture.run({
			resource: 'phishingCampaign',
			operation: 'getReportFile',
			companyId: company(),
			campaignId: locator(campaignId, 'id'),
			binaryPropertyName: 'report',
			options: { includeBotActivity: true },
		});
		const botCsv = Buffer.from(withBots.output[0][0].binary?.report.data ?? '', 'base64').toString('utf8');
		expect(botCsv.split('\r\n').find((line) => line.includes(email))?.split(',')[clickedColumn]).toBe('1');
		expect(fixture.apiRequests().at(-1)?.query).toEqual({ excludeBotActivity: 'false' });
		expect(fixture.apiRequests().at(-1)).toMatchObject({ method: 'GET', path: `/api/phishing-simulator/phishing-campaign-job-report/export/${campaignId}/1` });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('refuses an unusable field name before any request', async () => {
		await expect(
			fixture.run({ resource: 'phishingCampaign', operation: 'getReportFile', companyId: company(), campaignId: locator('Abcdef123456', 'id'), binaryPropertyName: 'my file' }),
		).rejects.toThrow('Put Output File in Field "my file" is not a usable field name (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Phishing Campaign pickers', () => {
	it('lists the scenarios for the selected company by name, paged, and narrows them by search text', async () => {
		const first = await fixture.listSearch('searchPhishingScenarios', { companyId: company() });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await fixture.listSearch('searchPhishingScenarios', { companyId: company() }, undefined, first.paginationToken);
		expect(second.results).toHaveLength(SCENARIO_CATALOGUE.length - 50);
		expect(second.paginationToken).toBeUndefined();
		const names = [...first.results, ...second.results].map((entry) => entry.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(fixture.apiRequests().every((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(true);
		const found = await fixture.listSearch('searchPhishingScenarios', { companyId: company() }, 'voicemail');
		expect(found.results.map((entry) => entry.name)).toEqual(['Voicemail 1', 'Voicemail 2', 'Voicemail 3', 'Voicemail 4', 'Voicemail 5']);
	});

	it("lists the campaigns of the selected company only", async () => {
		const campaignId = await createCampaign({ name: 'Picker marker campaign' });
		const found = await fixture.listSearch('searchPhishingCampaigns', { companyId: company() }, 'picker marker');
		expect(found.results).toEqual([{ name: 'Picker marker campaign', value: campaignId }]);
		const elsewhere = await fixture.listSearch('searchPhishingCampaigns', { companyId: locator(fixture.sandbox.ids.customerCompanyIds[2]) }, 'picker marker');
		expect(elsewhere.results).toEqual([]);
	});
});
