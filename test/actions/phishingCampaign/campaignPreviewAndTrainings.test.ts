import type { IDataObject } from 'n8n-workflow';

import { deliverySettingsOf, SCENARIO_CATALOGUE, smtpPasswordOf } from '../../sandbox/routes/phishingCampaigns';
import { TRAINING_CATALOGUE } from '../../sandbox/routes/trainingEnrollments';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[2];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const company = (id = companyId) => locator(id);
const group = (name: string) => fixture.sandbox.ids.targetGroupsByCompany[companyId][name];
const smtpSetting = () => deliverySettingsOf(fixture.sandbox.store, fixture.sandbox.store.companies.get(companyId)!).find((setting) => setting.type === 1)!;
const headerOf = (request: { headers: Record<string, string | string[] | undefined> }) => request.headers['x-keepnet-company-id'];

/** A campaign saved for later through the node, sending one scenario over the company's default (SMTP) setting. */
async function createCampaign(name: string, scenarioId: string): Promise<string> {
	const [created] = jsonOf(
		await fixture.run({
			resource: 'phishingCampaign',
			operation: 'create',
			companyId: company(),
			name,
			scenarioId: locator(scenarioId),
			targetGroupIds: [group('Finance')],
		}),
	);
	fixture.sandbox.clearRequests();
	return String(created.resourceId);
}

describe('Phishing Campaign → Get Preview', () => {
	it("returns each scenario's email and the delivery setting's name, with one GET in the company's scope", async () => {
		const scenario = SCENARIO_CATALOGUE[3];
		const campaignId = await createCampaign('Preview test', scenario.resourceId);
		const [preview] = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'getPreview', companyId: company(), campaignId: locator(campaignId, 'id') }));
		expect(preview).toEqual({
			campaignId,
			deliverySetting: { type: 'SMTP', name: smtpSetting().name },
			scenarios: [
				{ name: scenario.name, subject: `Action needed: ${scenario.name}`, fromName: 'IT Service Desk', fromAddress: 'it-desk@sandbox-phish.example', landingPage: `${scenario.name} login page` },
			],
			categories: [scenario.category],
		});
		const requests = fixture.apiRequests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /api/phishing-simulator/phishing-campaign/preview/${campaignId}`]);
		expect(headerOf(requests[0])).toBe(companyId);
	});

	it("never outputs the SMTP setting's password, raw or simplified, and redacts it from a later item's error", async () => {
		const campaignId = await createCampaign('Secret test', SCENARIO_CATALOGUE[5].resourceId);
		const password = smtpPasswordOf(smtpSetting());
		const simplified = await fixture.run({ resource: 'phishingCampaign', operation: 'getPreview', companyId: company(), campaignId: locator(campaignId, 'id') });
		expect(JSON.stringify(jsonOf(simplified))).not.toContain(password);

		// Without Simplify the whole answer is returned, minus the password; the rest of the SMTP setting stays.
		const [raw] = jsonOf(await fixture.run({ resource: 'phishingCampaign', operation: 'getPreview', companyId: company(), campaignId: locator(campaignId, 'id'), simplify: false }));
		expect(JSON.stringify(raw)).not.toContain(password);
		expect(raw.smtpSettingDto).toMatchObject({ resourceId: smtpSetting().resourceId, serverAddress: 'smtp.sandbox-mail.example', userName: 'campaign-sender' });
		expect(raw.smtpSettingDto).not.toHaveProperty('password');
		expect((raw.phishingScenarioPreviewList as IDataObject[]).map((row) => row.name)).toEqual([SCENARIO_CATALOGUE[5].name]);

		// The second item's answer echoes the password in its error text: the error item shows it redacted.
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.failNext.push({
			match: { path: '/api/phishing-simulator/phishing-campaign/preview/Zzzzzz999999' },
			status: 400,
			body: JSON.stringify({ status: 'FAILED', message: `SMTP login with ${password} was refused` }),
		});
		const result = await fixture.run(
			{ resource: 'phishingCampaign', operation: 'getPreview', companyId: company(), campaignId: locator('={{ $json.campaign }}', 'id') },
			{ items: items({ campaign: campaignId }, { campaign: 'Zzzzzz999999' }), continueOnFail: true },
		);
		const output = jsonOf(result);
		expect(output).toHaveLength(2);
		expect(output[1].error).toEqual(expect.stringContaining('[redacted]'));
		expect(JSON.stringify(result)).not.toContain(password);
	});

	it('says which campaign was not found', async () => {
		await expect(fixture.run({ resource: 'phishingCampaign', operation: 'getPreview', companyId: company(), campaignId: locator('Nothere12345', 'id') })).rejects.toThrow(
			'Nothere12345',
		);
	});

	it('refuses an empty campaign before any request', async () => {
		await expect(fixture.run({ resource: 'phishingCampaign', operation: 'getPreview', companyId: company(), campaignId: locator('', 'id') })).rejects.toThrow(/Campaign/);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Training → Get Many', () => {
	it("lists the company's catalogue newest first with the picker's search body, simplified, within Limit", async () => {
		const [first, second] = jsonOf(await fixture.run({ resource: 'training', operation: 'getAll', companyId: company(), limit: 2 }));
		const newest = [...TRAINING_CATALOGUE].sort((a, b) => b.createTime.localeCompare(a.createTime));
		expect([first.trainingId, second.trainingId]).toEqual([newest[0].trainingId, newest[1].trainingId]);
		expect(Object.keys(first).sort()).toEqual(['category', 'createTime', 'description', 'duration', 'hasQuiz', 'languages', 'level', 'trainingId', 'trainingName', 'type', 'vendorName']);
		const [search] = fixture.apiRequests();
		expect(`${search.method} ${search.path}`).toBe('POST /api/trainings/search');
		expect(headerOf(search)).toBe(companyId);
		expect(search.body).toMatchObject({ orderBy: 'CreateTime', ascending: false, trainingSearchType: 1, trainingType: null });
	});

	it('narrows by name and returns every page with Return All, raw without Simplify', async () => {
		const word = TRAINING_CATALOGUE[0].trainingName.split(' ')[0];
		const expected = TRAINING_CATALOGUE.filter((training) => training.trainingName.toLowerCase().includes(word.toLowerCase()));
		const found = jsonOf(await fixture.run({ resource: 'training', operation: 'getAll', companyId: company(), returnAll: true, simplify: false, filters: { searchText: word } }));
		expect(found.map((row) => row.trainingId).sort()).toEqual(expected.map((training) => training.trainingId).sort());
		expect(found[0]).toHaveProperty('isEditable');
		fixture.sandbox.clearRequests();
		const all = jsonOf(await fixture.run({ resource: 'training', operation: 'getAll', companyId: company(), returnAll: true }));
		expect(all).toHaveLength(TRAINING_CATALOGUE.length);
	});

	it('reads the catalogue of every customer with All Companies I Manage', async () => {
		const customers = fixture.sandbox.store.managedCompanies(fixture.sandbox.ids.resellerCompanyId).map((row) => row.resourceId);
		const output = jsonOf(await fixture.run({ resource: 'training', operation: 'getAll', companyScope: 'all', limit: 1 }));
		const searches = fixture.apiRequests().filter((request) => request.path === '/api/trainings/search');
		expect(searches.map((request) => headerOf(request)).sort()).toEqual([...customers].sort());
		expect(output).toHaveLength(customers.length);
		expect(output.every((row) => row.company !== undefined)).toBe(true);
	});

	it('refuses a search text over 200 characters before any request', async () => {
		await expect(fixture.run({ resource: 'training', operation: 'getAll', companyId: company(), filters: { searchText: 'x'.repeat(201) } })).rejects.toThrow('Filters → Search Text');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});
