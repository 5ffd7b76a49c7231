import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ACROSS_COMPANIES_CONCURRENCY } from '../../nodes/Keepnet/actions/fanOut';
import { resources } from '../../nodes/Keepnet/actions/resources';
import type { OperationEntry } from '../../nodes/Keepnet/actions/types';
import { Keepnet } from '../../nodes/Keepnet/Keepnet.node';
import { binaryBuffer } from '../support/harness';
import { items, jsonOf, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture({ seed: { customerCount: 14, targetUsersPerCompany: 12 } });
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	fixture.sandbox.clearRequests();
	fixture.sandbox.faults.latencyMs = 0;
	fixture.sandbox.faults.rateLimit = null;
});

const resellerId = () => fixture.sandbox.ids.resellerCompanyId;
/** The customers, in the order the node lists them (by name). */
const customers = () =>
	fixture.sandbox.store
		.managedCompanies(resellerId())
		.map((company) => ({ resourceId: company.resourceId, name: company.name }))
		.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
const groupsOf = (companyId: string) => [...fixture.sandbox.store.data(companyId).targetGroups.values()].filter((group) => !group.isSystemGenerated);
const allGroups = { resource: 'targetGroup', operation: 'getAll', companyScope: 'all', returnAll: true, simplify: true };

describe('All Companies I Manage: the editor', () => {
	const properties = new Keepnet().description.properties;
	const opted = Object.entries(resources).flatMap(([resource, definition]) =>
		Object.entries(definition.operations as Record<string, OperationEntry>)
			.filter(([, entry]) => entry.module.handler.kind === 'item' && entry.module.handler.acrossCompanies === true)
			.map(([operation]) => `${resource}:${operation}`),
	);
	const shown = (property: INodeProperties, key: string) => {
		const [resource, operation] = key.split(':');
		return property.displayOptions?.show?.resource?.includes(resource) === true && property.displayOptions.show.operation?.includes(operation) === true;
	};

	it('offers Companies → All Companies I Manage on every read that opted in, and only there', () => {
		expect(opted).toEqual(
			expect.arrayContaining([
				'targetUser:getAll',
				'targetUser:export',
				'targetUser:getCountSummary',
				'targetGroup:getAll',
				'systemUser:getAll',
				'trainingEnrollment:getAll',
				'phishingCampaign:getAll',
			]),
		);
		for (const key of opted) {
			const scope = properties.filter((property) => property.name === 'companyScope' && shown(property, key));
			expect(scope).toHaveLength(1);
			expect(scope[0].default).toBe('one');
			expect(scope[0].options).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'All Companies I Manage', value: 'all' })]));
			const picker = properties.filter((property) => property.name === 'companyId' && shown(property, key));
			expect(picker).toHaveLength(1);
			expect(picker[0].displayOptions?.show?.companyScope).toEqual(['one']);
			// The Companies field comes right before the picker it hides.
			expect(properties.indexOf(scope[0])).toBe(properties.indexOf(picker[0]) - 1);
		}
		for (const key of ['targetUser:create', 'targetUser:get', 'targetGroup:delete', 'systemUser:create']) {
			expect(properties.filter((property) => property.name === 'companyScope' && shown(property, key))).toHaveLength(0);
		}
	});
});

describe('All Companies I Manage: running', () => {
	it('lists the customers once, reads each one in its own scope, and tags every item with its company', async () => {
		const result = await fixture.run(allGroups);
		const requests = fixture.apiRequests();
		expect(requests.filter((request) => request.path === '/api/companies/search')).toHaveLength(1);
		const groupSearches = requests.filter((request) => request.path === '/api/target-groups/search');
		expect(groupSearches.map((request) => request.headers['x-keepnet-company-id']).sort()).toEqual(customers().map((company) => company.resourceId).sort());

		const output = jsonOf(result);
		const expected = customers().flatMap((company) => groupsOf(company.resourceId).map((group) => ({ company, name: group.name })));
		expect(output).toHaveLength(expected.length);
		// Customer by customer, by name; each group of a customer tagged with that customer.
		expect(output.map((item) => (item.company as IDataObject).resourceId)).toEqual(expected.map((entry) => entry.company.resourceId));
		for (const item of output) {
			const tag = item.company as { resourceId: string; name: string };
			expect(tag.name).toBe(fixture.sandbox.store.companies.get(tag.resourceId)?.name);
			expect(groupsOf(tag.resourceId).map((group) => group.name)).toContain(item.name);
		}
		expect(result.output[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('runs each input item against every customer, pairing the results to their item', async () => {
		const result = await fixture.run(
			{ resource: 'targetUser', operation: 'getCountSummary', companyScope: 'all' },
			{ items: items({ run: 'a' }, { run: 'b' }) },
		);
		expect(result.output[0]).toHaveLength(2 * customers().length);
		expect(result.output[0].filter((item) => (item.pairedItem as { item: number }).item === 1)).toHaveLength(customers().length);
		const first = result.output[0][0].json;
		expect(first.company).toEqual(customers()[0]);
	});

	it('checks every item before the first request', async () => {
		await expect(
			fixture.run(
				{ resource: 'targetUser', operation: 'getAll', companyScope: 'all', returnAll: true, filters: { email: '={{ $json.email }}' } },
				{ items: items({ email: 'fine@example.com' }, { email: `${'x'.repeat(321)}@example.com` }) },
			),
		).rejects.toThrow(/item 1/);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('skips a customer that answers 403 with a warning, and returns the others', async () => {
		const refused = customers()[2];
		fixture.sandbox.faults.failNext.push({ match: { path: '/api/target-groups/search', companyId: refused.resourceId }, status: 403 });
		const result = await fixture.run(allGroups);
		const output = jsonOf(result);
		expect(output.some((item) => (item.company as IDataObject).resourceId === refused.resourceId)).toBe(false);
		const others = customers().filter((company) => company.resourceId !== refused.resourceId);
		expect(new Set(output.map((item) => (item.company as IDataObject).resourceId))).toEqual(new Set(others.map((company) => company.resourceId)));
		expect(result.hints).toEqual([expect.objectContaining({ type: 'warning', message: expect.stringContaining(`${refused.name} (${refused.resourceId})`) })]);
		expect(result.logs.some((entry) => entry.level === 'warn' && entry.message.includes('HTTP 403'))).toBe(true);
	});

	it('stops on another failure naming the customer, or gives its error item with Continue On Fail', async () => {
		const failing = customers()[4];
		fixture.sandbox.faults.failNext.push({ match: { path: '/api/target-groups/search', companyId: failing.resourceId }, status: 400, body: JSON.stringify({ status: 'FAILED', message: 'Bad search' }) });
		await expect(fixture.run(allGroups)).rejects.toThrow(new RegExp(`Bad search.*${failing.resourceId}`));

		fixture.sandbox.faults.failNext.push({ match: { path: '/api/target-groups/search', companyId: failing.resourceId }, status: 400, body: JSON.stringify({ status: 'FAILED', message: 'Bad search' }) });
		const result = await fixture.run(allGroups, { continueOnFail: true });
		const errors = jsonOf(result).filter((item) => item.error !== undefined);
		expect(errors).toEqual([expect.objectContaining({ company: failing, httpCode: '400', error: expect.stringContaining('Bad search') })]);
		expect(jsonOf(result).filter((item) => item.error === undefined)).toHaveLength(
			customers().filter((company) => company.resourceId !== failing.resourceId).flatMap((company) => groupsOf(company.resourceId)).length,
		);
	});

	it(`reads at most ${ACROSS_COMPANIES_CONCURRENCY} customers at once`, async () => {
		fixture.sandbox.faults.latencyMs = 40;
		await fixture.run(allGroups);
		const reads = fixture.apiRequests().filter((request) => request.path === '/api/target-groups/search');
		expect(reads).toHaveLength(customers().length);
		const events = reads.flatMap((request) => [
			{ at: request.time, delta: 1 },
			{ at: request.time + request.durationMs, delta: -1 },
		]);
		events.sort((a, b) => a.at - b.at || a.delta - b.delta);
		let inFlight = 0;
		let peak = 0;
		for (const event of events) {
			inFlight += event.delta;
			peak = Math.max(peak, inFlight);
		}
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(ACROSS_COMPANIES_CONCURRENCY);
	});

	it('gets every customer through a rate limit (429s paced and retried)', async () => {
		fixture.sandbox.faults.rateLimit = { requestsPerSecond: 20, burst: 3, maxInFlight: 0 };
		const result = await fixture.run(allGroups);
		expect(fixture.apiRequests().some((request) => request.status === 429)).toBe(true);
		expect(new Set(jsonOf(result).map((item) => (item.company as IDataObject).resourceId)).size).toBe(customers().length);
	});

	it('exports one file per customer, named after it', async () => {
		const result = await fixture.run({ resource: 'targetUser', operation: 'export', companyScope: 'all', fileFormat: 'csv', binaryPropertyName: 'data' });
		expect(result.output[0]).toHaveLength(customers().length);
		for (const [index, item] of result.output[0].entries()) {
			const company = customers()[index];
			expect(item.json.company).toEqual(company);
			expect(item.json.companyId).toBe(company.resourceId);
			expect(item.binary?.data?.fileName).toBe(`Target Users ${company.name}.csv`);
			expect((await binaryBuffer(item, 'data')).length).toBeGreaterThan(0);
		}
		// Named from the company list: no request per customer for its name.
		expect(fixture.apiRequests().filter((request) => request.path.startsWith('/api/companies/') && request.method === 'GET')).toHaveLength(0);
	});

	it('keeps One Company as it was (the default, no company listing)', async () => {
		const one = customers()[0].resourceId;
		const result = await fixture.run({ resource: 'targetGroup', operation: 'getAll', companyId: { __rl: true, mode: 'id', value: one }, returnAll: true });
		expect(fixture.apiRequests().map((request) => request.path)).toEqual(['/api/target-groups/search']);
		expect(jsonOf(result).every((item) => item.company === undefined)).toBe(true);
	});
});

describe('All Companies I Manage: the results reads', () => {
	it('Phishing Scenario → Get Many runs once per customer, with that customer header, each item tagged with its company', async () => {
		const output = jsonOf(await fixture.run({ resource: 'phishingScenario', operation: 'getAll', companyScope: 'all', returnAll: true, filters: { searchText: 'Invoice' } }));
		const searches = fixture.apiRequests().filter((request) => request.path.endsWith('/phishing-scenario/search'));
		expect(searches.map((request) => request.headers['x-keepnet-company-id']).sort()).toEqual(customers().map((company) => company.resourceId).sort());
		const perCustomer = output.length / customers().length;
		expect(perCustomer).toBeGreaterThan(0);
		for (const company of customers()) {
			expect(output.filter((item) => (item.company as { resourceId: string }).resourceId === company.resourceId)).toHaveLength(perCustomer);
		}
		expect(output.every((item) => String(item.name).includes('Invoice'))).toBe(true);
	});

	it('Callback Campaign → Get Runs of One Campaign for all companies is refused before any request', async () => {
		await expect(
			fixture.run({ resource: 'callbackCampaign', operation: 'getRuns', companyScope: 'all', runsOf: 'one', campaignId: { __rl: true, mode: 'id', value: 'a1b2c3d4' }, returnAll: true }),
		).rejects.toThrow('Runs Of is One Campaign while Companies is All Companies I Manage');
		expect(fixture.apiRequests()).toEqual([]);
	});
});
