import type { IDataObject } from 'n8n-workflow';

import { channelJourneyOf, journeyOf, type SandboxChannel } from '../../sandbox';
import { SCENARIO_CATALOGUE } from '../../sandbox/routes/phishingCampaigns';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;
let otherCompanyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[2];
	otherCompanyId = fixture.sandbox.ids.customerCompanyIds[3];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const company = (id = companyId) => locator(id);
const store = (channel: SandboxChannel) => channelJourneyOf(fixture.sandbox.store, channel);
const activeUsers = (id = companyId) => [...fixture.sandbox.store.data(id).targetUsers.values()].filter((user) => user.isActive).map((user) => user.resourceId);
const headerOf = (request: { headers: Record<string, string | string[] | undefined> }) => request.headers['x-keepnet-company-id'];

/** A campaign of a channel with one run to `userCount` users, started at `startDate`. */
function seedCampaign(channel: SandboxChannel, name: string, startDate: string, userCount = 4, id = companyId) {
	const users = activeUsers(id).slice(0, userCount);
	const { campaign, run } = store(channel).addCampaign(id, { name, createTime: startDate, userIds: users, status: 'Completed' });
	return { campaign, run, users };
}

describe('Phishing Campaign → Get Run Summary', () => {
	it('reads the latest run by default and flattens its figures, delivery errors included', async () => {
		const { campaign, users } = seedCampaign('phishing', 'Summary test', '2026-05-03T09:00:00.000Z');
		const second = journeyOf(fixture.sandbox.store).addRun(campaign.resourceId, { createTime: '2026-05-10T09:00:00.000Z', userIds: users });
		journeyOf(fixture.sandbox.store).recordBehaviour(campaign.resourceId, 2, users[0], 'clicked', '2026-05-10T10:00:00.000Z');
		journeyOf(fixture.sandbox.store).recordBehaviour(campaign.resourceId, 2, users[0], 'submitteddata', '2026-05-10T10:01:00.000Z');
		journeyOf(fixture.sandbox.store).recordBehaviour(campaign.resourceId, 2, users[1], 'reported', '2026-05-10T10:05:00.000Z');
		second.users.get(users[2])!.status = 'Not Delivered';
		second.users.get(users[3])!.status = 'Failed To Send';

		const [summary] = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'getRunSummary', companyId: company(), campaignId: locator(campaign.resourceId, 'id') }));
		expect(summary).toEqual({
			channel: 'phishing',
			campaignId: campaign.resourceId,
			instanceGroup: 2,
			campaignName: 'Summary test',
			startDate: '2026-05-10T09:00:00.000Z',
			endDate: null,
			targetUsers: 4,
			delivered: 2,
			notDelivered: 1,
			failedToSend: 1,
			opened: 0,
			clicked: 1,
			submittedData: 1,
			openedAttachment: 0,
			submittedMfa: 0,
			reported: 1,
			noResponse: 2,
			trackingEnded: true,
		});
		const requests = fixture.apiRequests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST /api/phishing-simulator/phishing-campaign-job-report/${campaign.resourceId}/search`,
			`GET /api/phishing-simulator/phishing-campaign-job-report/summary/${campaign.resourceId}/2`,
		]);
		expect(requests.every((request) => headerOf(request) === companyId)).toBe(true);
	});

	it('reads a run by number without listing runs, and returns the raw summary without Simplify', async () => {
		const { campaign } = seedCampaign('phishing', 'By number', '2026-05-04T09:00:00.000Z');
		const [raw] = jsonOf(
			await fixture.run({ resource: 'phishingCampaign', operation: 'getRunSummary', companyId: company(), campaignId: locator(campaign.resourceId, 'id'), run: 'number', instanceGroup: 1, simplify: false }),
		);
		expect(raw).toMatchObject({ campaignId: campaign.resourceId, instanceGroup: 1, phishingCampaignName: 'By number', scenarioStats: { notDelivered: 0, clickedEmail: 0 } });
		expect(fixture.apiRequests()).toHaveLength(1);
	});

	it('refuses a run number below 1 before any request', async () => {
		await expect(
			fixture.run({ resource: 'phishingCampaign', operation: 'getRunSummary', companyId: company(), campaignId: locator('Abcdef123456', 'id'), run: 'number', instanceGroup: 0 }),
		).rejects.toThrow('Run Number must be a whole number of 1 or more');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Phishing Campaign → Get Runs', () => {
	it('lists runs of every campaign newest first within the start-date window and statuses, stopping at the first older page', async () => {
		const id = fixture.sandbox.ids.customerCompanyIds[4];
		const april = seedCampaign('phishing', 'April run', '2026-04-15T09:00:00.000Z', 3, id);
		const may = seedCampaign('phishing', 'May run', '2026-05-12T09:00:00.000Z', 3, id);
		const mayStopped = seedCampaign('phishing', 'May stopped', '2026-05-20T09:00:00.000Z', 2, id);
		mayStopped.run.status = 'Canceled';
		journeyOf(fixture.sandbox.store).recordBehaviour(may.campaign.resourceId, 1, may.users[0], 'clicked', '2026-05-12T10:00:00.000Z');
		seedCampaign('phishing', 'June run', '2026-06-02T09:00:00.000Z', 2, id);

		const runs = jsonOf(
			await fixture.run({
				resource: 'phishingCampaign',
				operation: 'getRuns',
				companyId: company(id),
				returnAll: true,
				filters: { startedAfter: '2026-05-01T00:00:00Z', startedBefore: '2026-06-01T00:00:00Z' },
			}),
		);
		expect(runs.map((run) => run.name)).toEqual(['May stopped', 'May run']);
		expect(runs[1]).toEqual({
			channel: 'phishing',
			campaignId: may.campaign.resourceId,
			instanceGroup: 1,
			name: 'May run',
			status: 'Completed',
			startDate: '2026-05-12T09:00:00.000Z',
			createdDate: '2026-05-12T09:00:00.000Z',
			targetUsers: 3,
			delivered: 3,
			opened: 0,
			clicked: 1,
			submittedData: 0,
			openedAttachment: 0,
			submittedMfa: 0,
			noResponse: 2,
		});
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ method: 'POST', path: '/api/phishing-simulator/phishing-campaign-job-report/search', body: { orderBy: 'StartDate', ascending: false, pageNumber: 1 } });
		expect(headerOf(request)).toBe(id);
		expect(april.campaign.name).toBe('April run');

		fixture.sandbox.clearRequests();
		const completed = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'getRuns', companyId: company(id), returnAll: true, filters: { status: ['Completed'], startedAfter: '2026-05-01T00:00:00Z' } }));
		expect(completed.map((run) => run.name)).toEqual(['June run', 'May run']);
	});

	it('applies Limit after the filters, and refuses a window that ends before it starts, before any request', async () => {
		const id = fixture.sandbox.ids.customerCompanyIds[4];
		const limited = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'getRuns', companyId: company(id), limit: 1, filters: { status: ['Completed'] } }));
		expect(limited).toHaveLength(1);
		fixture.sandbox.clearRequests();
		await expect(
			fixture.run({ resource: 'phishingCampaign', operation: 'getRuns', companyId: company(id), filters: { startedAfter: '2026-06-01T00:00:00Z', startedBefore: '2026-05-01T00:00:00Z' } }),
		).rejects.toThrow('Filters → Started Before is not after Started After (item 0)');
		await expect(fixture.run({ resource: 'phishingCampaign', operation: 'getRuns', companyId: company(id), filters: { startedAfter: 'last month' } })).rejects.toThrow(
			'Filters → Started After "last month" is not a date (item 0)',
		);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Phishing Campaign → Export', () => {
	it('exports the campaign list as CSV into a binary field, with the search body plus reportAllPages and exportType', async () => {
		const id = fixture.sandbox.ids.customerCompanyIds[4];
		const result = await fixture.run({ resource: 'phishingCampaign', operation: 'export', companyId: company(id), list: 'campaigns', fileFormat: 'csv', binaryPropertyName: 'file' });
		const [item] = result.output[0];
		const csv = Buffer.from(item.binary?.file.data ?? '', 'base64').toString('utf8');
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe('Name,Status,Runs,Created By,Create Time');
		expect(lines).toHaveLength(journeyOf(fixture.sandbox.store).campaignsOf(id).length + 1);
		expect(item.json).toMatchObject({ companyId: id, list: 'campaigns', fileName: `Phishing Campaigns ${id}.csv`, fileFormat: 'csv' });
		expect(item.binary?.file.mimeType).toBe('text/csv');
		expect(fixture.apiRequests()[0]).toMatchObject({
			method: 'POST',
			path: '/api/phishing-simulator/phishing-campaign/search/export',
			body: { reportAllPages: true, exportType: 'CSV', orderBy: 'CreateTime', ascending: false },
		});
	});

	it('exports the run list as Excel under the chosen file name', async () => {
		const id = fixture.sandbox.ids.customerCompanyIds[4];
		const result = await fixture.run({ resource: 'phishingCampaign', operation: 'export', companyId: company(id), list: 'runs', fileFormat: 'excel', options: { fileName: 'runs/may' } });
		const [item] = result.output[0];
		expect(item.json.fileName).toBe('runs_may.xlsx');
		expect(Buffer.from(item.binary?.data.data ?? '', 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
		expect(fixture.apiRequests()[0]).toMatchObject({ path: '/api/phishing-simulator/phishing-campaign-job-report/search/export', body: { exportType: 'Excel', orderBy: 'CreatedDate' } });
	});
});

describe('Phishing Scenario → Get Many', () => {
	it("searches the company's scenarios by name with the picker's own query", async () => {
		const scenarios = jsonOf(await fixture.run({ resource: 'phishingScenario', operation: 'getAll', companyId: company(), returnAll: true, filters: { searchText: 'Invoice' } }));
		expect(scenarios.map((scenario) => scenario.name)).toEqual(SCENARIO_CATALOGUE.filter((scenario) => scenario.name.includes('Invoice')).map((scenario) => scenario.name));
		expect(Object.keys(scenarios[0]).sort()).toEqual(['category', 'createTime', 'createdBy', 'difficulty', 'languageTypeCode', 'languageTypeName', 'method', 'name', 'resourceId', 'tags'].sort());
		const [operationRequest] = fixture.apiRequests();
		fixture.sandbox.clearRequests();
		await fixture.listSearch('searchPhishingScenarios', { companyId: company() }, 'Invoice');
		const [pickerRequest] = fixture.apiRequests();
		const { pageSize: _a, ...operationBody } = operationRequest.body as IDataObject;
		const { pageSize: _b, ...pickerBody } = pickerRequest.body as IDataObject;
		expect(operationBody).toEqual(pickerBody);
		expect(operationRequest.path).toBe(pickerRequest.path);
	});

	it('returns up to Limit scenarios', async () => {
		const scenarios = jsonOf(await fixture.run({ resource: 'phishingScenario', operation: 'getAll', companyId: company(), limit: 7 }));
		expect(scenarios).toHaveLength(7);
		expect(fixture.apiRequests()[0].body).toMatchObject({ pageSize: 7 });
	});
});

describe.each([
	['smishing', 'smishingCampaign', '/api/smishing-simulator/smishing-campaign', '/api/smishing-simulator/smishing-campaign-job-report'],
	['quishing', 'quishingCampaign', '/api/quishing-simulator/quishing-campaign', '/api/quishing-simulator/quishing-campaign-job-report'],
] as const)('%s campaigns', (channel, resource, campaignBase, reportBase) => {
	let seeded: ReturnType<typeof seedCampaign>;
	beforeAll(() => {
		seeded = seedCampaign(channel, `${channel} May`, '2026-05-07T09:00:00.000Z', 5, otherCompanyId);
		store(channel).recordBehaviour(seeded.campaign.resourceId, 1, seeded.users[0], 'clicked', '2026-05-07T10:00:00.000Z');
		store(channel).recordBehaviour(seeded.campaign.resourceId, 1, seeded.users[1], 'clicked', '2026-05-07T10:00:05.000Z', 2);
		store(channel).recordBehaviour(seeded.campaign.resourceId, 1, seeded.users[2], 'submitteddata', '2026-05-07T10:03:00.000Z');
		seeded.run.users.get(seeded.users[4])!.status = 'Not Delivered';
		seedCampaign(channel, `${channel} April`, '2026-04-07T09:00:00.000Z', 2, otherCompanyId);
	});

	it('Get Many lists the campaigns of the company (and not the email-phishing ones)', async () => {
		const campaigns = jsonOf(await fixture.run({ resource, operation: 'getAll', companyId: company(otherCompanyId), returnAll: true }));
		expect(campaigns.map((campaign) => campaign.name).sort()).toEqual([`${channel} April`, `${channel} May`]);
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'POST', path: `${campaignBase}/search`, body: { orderBy: 'CreateTime', ascending: false } });
		expect(headerOf(fixture.apiRequests()[0])).toBe(otherCompanyId);
	});

	it('Get Runs reads the cross-campaign run list with the channel id and delivery fields', async () => {
		const runs = jsonOf(await fixture.run({ resource, operation: 'getRuns', companyId: company(otherCompanyId), returnAll: true, filters: { startedAfter: '2026-05-01T00:00:00Z' } }));
		expect(runs).toEqual([
			expect.objectContaining({ channel, campaignId: seeded.campaign.resourceId, instanceGroup: 1, name: `${channel} May`, targetUsers: 5, delivered: 4, clicked: 2, submittedData: 1 }),
		]);
		expect(fixture.apiRequests()[0].path).toBe(`${reportBase}/search`);
	});

	it('Get Run Summary reads the latest run through the channel paths', async () => {
		const [summary] = jsonOf(await fixture.run({ resource, operation: 'getRunSummary', companyId: company(otherCompanyId), campaignId: locator(seeded.campaign.resourceId, 'id') }));
		expect(summary).toMatchObject({ channel, instanceGroup: 1, targetUsers: 5, delivered: 4, notDelivered: 1, clicked: 2, submittedData: 1 });
		expect(fixture.apiRequests().map((request) => request.path)).toEqual([`${reportBase}/${seeded.campaign.resourceId}/search`, `${reportBase}/summary/${seeded.campaign.resourceId}/1`]);
	});

	it('Get Report lists users by behaviour, human activity only unless asked for all activity', async () => {
		const human = jsonOf(await fixture.run({ resource, operation: 'getReport', companyId: company(otherCompanyId), campaignId: locator(seeded.campaign.resourceId, 'id'), run: 'number', instanceGroup: 1, searchType: 'clicked', returnAll: true }));
		const emailOf = (userId: string) => fixture.sandbox.store.data(otherCompanyId).targetUsers.get(userId)?.email;
		expect(human.map((row) => row.email)).toEqual([emailOf(seeded.users[0])]);
		expect(human[0]).toMatchObject({ campaignId: seeded.campaign.resourceId, instanceGroup: 1, clicked: true, clickedAt: '2026-05-07T10:00:00.000Z' });
		expect(fixture.apiRequests()[0]).toMatchObject({ path: `${reportBase}/clicked/search/${seeded.campaign.resourceId}/1`, body: { activityType: 0 } });
		fixture.sandbox.clearRequests();
		const all = jsonOf(
			await fixture.run({ resource, operation: 'getReport', companyId: company(otherCompanyId), campaignId: locator(seeded.campaign.resourceId, 'id'), run: 'number', instanceGroup: 1, searchType: 'clicked', returnAll: true, options: { includeBotActivity: true } }),
		);
		expect(all.map((row) => row.email).sort()).toEqual([emailOf(seeded.users[0]), emailOf(seeded.users[1])].sort());
		expect(fixture.apiRequests()[0].body).toMatchObject({ activityType: 2 });
	});

	it('Get Report File puts the run report into a binary field', async () => {
		const result = await fixture.run({ resource, operation: 'getReportFile', companyId: company(otherCompanyId), campaignId: locator(seeded.campaign.resourceId, 'id') });
		const [item] = result.output[0];
		expect(item.json).toMatchObject({ campaignId: seeded.campaign.resourceId, instanceGroup: 1, mimeType: 'text/csv', fileName: `${channel}-report-${seeded.campaign.resourceId}-1.csv` });
		expect(Buffer.from(item.binary?.data.data ?? '', 'base64').toString('utf8').trim().split('\r\n')).toHaveLength(6);
		expect(fixture.apiRequests().at(-1)).toMatchObject({ method: 'GET', path: `${reportBase}/export/${seeded.campaign.resourceId}/1`, query: { excludeBotActivity: 'true' } });
	});
});

it('Smishing Campaign → Get Report offers only the behaviours an SMS has, and refuses another before any request', async () => {
	await expect(
		fixture.run({ resource: 'smishingCampaign', operation: 'getReport', companyId: company(), campaignId: locator('Abcdef123456', 'id'), searchType: 'opened' }),
	).rejects.toThrow('Users "opened" is not one the node knows for a smishing campaign (item 0)');
	expect(fixture.sandbox.requests).toHaveLength(0);
});

describe('Callback Campaign', () => {
	let first: ReturnType<typeof seedCampaign>;
	let second: ReturnType<typeof seedCampaign>;
	const id = () => fixture.sandbox.ids.customerCompanyIds[0];
	beforeAll(() => {
		first = seedCampaign('callback', 'Callback helpdesk', '2026-05-05T09:00:00.000Z', 4, fixture.sandbox.ids.customerCompanyIds[0]);
		second = seedCampaign('callback', 'Callback payroll', '2026-05-15T09:00:00.000Z', 2, fixture.sandbox.ids.customerCompanyIds[0]);
		store('callback').addRun(first.campaign.resourceId, { createTime: '2026-03-01T09:00:00.000Z', userIds: first.users, status: 'Completed' });
		store('callback').recordBehaviour(first.campaign.resourceId, 1, first.users[0], 'opened');
		store('callback').recordBehaviour(first.campaign.resourceId, 1, first.users[0], 'clicked'); // called back
		store('callback').recordBehaviour(first.campaign.resourceId, 1, first.users[1], 'submitteddata'); // entered digits
	});

	it('Get Many lists the callback campaigns', async () => {
		const campaigns = jsonOf(await fixture.run({ resource: 'callbackCampaign', operation: 'getAll', companyId: company(id()), returnAll: true }));
		expect(campaigns.map((campaign) => campaign.name)).toEqual(['Callback payroll', 'Callback helpdesk']);
		expect(fixture.apiRequests()[0].path).toBe('/api/callback-simulator/campaign/search');
	});

	it('Get Runs walks every campaign (Keepnet lists callback runs per campaign) and keeps the window', async () => {
		const runs = jsonOf(await fixture.run({ resource: 'callbackCampaign', operation: 'getRuns', companyId: company(id()), returnAll: true, filters: { startedAfter: '2026-05-01T00:00:00Z' } }));
		expect(runs.map((run) => [run.name, run.instanceGroup])).toEqual([
			['Callback payroll', 1],
			['Callback helpdesk', 1],
		]);
		expect(fixture.apiRequests().map((request) => request.path)).toEqual([
			'/api/callback-simulator/campaign/search',
			`/api/callback-simulator/campaign-job/search/${second.campaign.resourceId}`,
			`/api/callback-simulator/campaign-job/search/${first.campaign.resourceId}`,
		]);
		fixture.sandbox.clearRequests();
		const one = jsonOf(await fixture.run({ resource: 'callbackCampaign', operation: 'getRuns', companyId: company(id()), runsOf: 'one', campaignId: locator(first.campaign.resourceId, 'id'), returnAll: true }));
		expect(one.map((run) => run.instanceGroup)).toEqual([1, 2]);
		expect(fixture.apiRequests()).toHaveLength(1);
	});

	it('Get Run Summary flattens the callback stats', async () => {
		const [summary] = jsonOf(await fixture.run({ resource: 'callbackCampaign', operation: 'getRunSummary', companyId: company(id()), campaignId: locator(first.campaign.resourceId, 'id'), run: 'number', instanceGroup: 1 }));
		expect(summary).toMatchObject({ channel: 'callback', campaignName: 'Callback helpdesk', targetUsers: 4, opened: 1, calledBack: 1, enteredDigits: 1, reported: 0, noResponse: 2 });
		expect(fixture.apiRequests()[0].path).toBe(`/api/callback-simulator/campaign-job-report/summary/${first.campaign.resourceId}/1`);
	});

	it('Get Report asks Keepnet for everyone and keeps the behaviour chosen', async () => {
		const rows = jsonOf(
			await fixture.run({ resource: 'callbackCampaign', operation: 'getReport', companyId: company(id()), campaignId: locator(first.campaign.resourceId, 'id'), run: 'number', instanceGroup: 1, users: 'calledBack', returnAll: true }),
		);
		expect(rows).toEqual([expect.objectContaining({ email: fixture.sandbox.store.data(id()).targetUsers.get(first.users[0])?.email, calledBack: true, enteredDigits: false, opened: true })]);
		expect(fixture.apiRequests()[0].path).toBe(`/api/callback-simulator/campaign-job-report/all/search/${first.campaign.resourceId}/1`);
		fixture.sandbox.clearRequests();
		const silent = jsonOf(
			await fixture.run({ resource: 'callbackCampaign', operation: 'getReport', companyId: company(id()), campaignId: locator(first.campaign.resourceId, 'id'), run: 'number', instanceGroup: 1, users: 'noResponse', returnAll: true }),
		);
		expect(silent).toHaveLength(2);
	});
});

describe('simulation campaign pickers', () => {
	it.each([
		['searchSmishingCampaigns', 'smishing', '/api/smishing-simulator/smishing-campaign/search'],
		['searchQuishingCampaigns', 'quishing', '/api/quishing-simulator/quishing-campaign/search'],
		['searchCallbackCampaigns', 'callback', '/api/callback-simulator/campaign/search'],
	] as const)('%s lists the campaigns of the selected company', async (method, channel, path) => {
		const id = fixture.sandbox.ids.customerCompanyIds[1];
		const { campaign } = seedCampaign(channel, `${channel} picker`, '2026-05-01T00:00:00.000Z', 1, id);
		const result = await fixture.listSearch(method, { companyId: company(id) });
		expect(result.results).toEqual([{ name: `${channel} picker`, value: campaign.resourceId }]);
		expect(fixture.apiRequests().at(-1)?.path).toBe(path);
	});
});

describe('per-item outcomes', () => {
	it('Get Run Summary under Continue On Fail: a missing run fails its own item, named, the others still read', async () => {
		const { campaign } = seedCampaign('smishing', 'Outcome test', '2026-05-09T09:00:00.000Z', 2);
		const result = await fixture.run(
			{ resource: 'smishingCampaign', operation: 'getRunSummary', companyId: company(), campaignId: locator('={{ $json.campaign }}', 'id'), run: 'number', instanceGroup: '={{ $json.run }}' },
			{ items: [{ json: { campaign: campaign.resourceId, run: 7 } }, { json: { campaign: campaign.resourceId, run: 1 } }], continueOnFail: true },
		);
		const [missing, found] = jsonOf(result);
		expect(String(missing.error)).toContain(`Keepnet has no run 7 of smishing campaign "${campaign.resourceId}" in company "${companyId}"`);
		expect(found).toMatchObject({ channel: 'smishing', campaignId: campaign.resourceId, instanceGroup: 1, targetUsers: 2 });
		expect(result.output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
