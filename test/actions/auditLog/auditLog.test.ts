import type { IDataObject } from 'n8n-workflow';

import { binaryBuffer } from '../../support/harness';
import { journeyOf } from '../../sandbox';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(Date.UTC(2026, 0, 10, 12) - hoursAgo * HOUR).toISOString();

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[2];
	const journey = journeyOf(fixture.sandbox.store);
	for (let index = 0; index < 30; index++) {
		journey.addAuditLog(companyId, {
			logDate: at(index),
			userName: index % 3 === 0 ? 'alice@umbrella.example' : 'bob@umbrella.example',
			entityName: index % 2 === 0 ? 'TargetUser' : 'TargetGroup',
			operation: (['Create', 'Update', 'Delete'] as const)[index % 3],
			auditDescription: `change ${index}`,
		});
	}
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const stored = () => journeyOf(fixture.sandbox.store).auditLogsOf(companyId);
const base = () => ({ resource: 'auditLog', operation: 'getAll', companyId: locator(companyId), returnAll: true });

describe('Audit Log → Get Many', () => {
	it('returns the entries of the company newest first, scoped by the header', async () => {
		const output = jsonOf(await fixture.run(base()));
		expect(output.map((entry) => entry.resourceId)).toEqual(
			[...stored()].sort((a, b) => Date.parse(b.logDate) - Date.parse(a.logDate)).map((entry) => entry.resourceId),
		);
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ path: '/api/audit-logs/search', body: { orderBy: 'LogDate', ascending: false } });
		expect(request.headers['x-keepnet-company-id']).toBe(companyId);
		expect(output[0]).not.toHaveProperty('userAgent');
	});

	it('filters by user, entity and operation in Keepnet, and by the date range on the dates returned, stopping at the first older page', async () => {
		const result = await fixture.run({
			...base(),
			filters: { userName: 'alice', entityName: 'TargetUser', operations: ['0'], loggedAfter: at(20), loggedBefore: at(2) },
		});
		const expected = stored().filter(
			(entry) =>
				entry.userName.includes('alice') &&
				entry.entityName === 'TargetUser' &&
				entry.operation === 'Create' &&
				Date.parse(entry.logDate) >= Date.parse(at(20)) &&
				Date.parse(entry.logDate) <= Date.parse(at(2)),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(jsonOf(result).map((entry) => entry.resourceId).sort()).toEqual(expected.map((entry) => entry.resourceId).sort());
		const body = fixture.apiRequests()[0].body as { filter: { FilterGroups: Array<{ FilterItems: IDataObject[] }> } };
		expect(body.filter.FilterGroups[0].FilterItems).toEqual([
			{ FieldName: 'UserName', Operator: 'Contains', Value: 'alice' },
			{ FieldName: 'EntityName', Operator: 'Contains', Value: 'TargetUser' },
			{ FieldName: 'Operation', Operator: 'Include', Value: '0' },
		]);
	});

	it('stops paging at the first entry older than Logged After', async () => {
		const result = await fixture.run({ ...base(), returnAll: false, limit: 5, filters: { loggedAfter: at(3) } });
		expect(jsonOf(result)).toHaveLength(4);
		expect(fixture.apiRequests()).toHaveLength(1);
	});

	it('refuses a reversed range and an unknown operation before any request', async () => {
		await expect(fixture.run({ ...base(), filters: { loggedAfter: at(1), loggedBefore: at(5) } })).rejects.toThrow('Logged After is later than Logged Before');
		await expect(fixture.run({ ...base(), filters: { operations: ['9'] } })).rejects.toThrow('Filters → Operations "9"');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Audit Log → Export', () => {
	it("puts Keepnet's CSV of the filtered log into binary data", async () => {
		const result = await fixture.run({ resource: 'auditLog', operation: 'export', companyId: locator(companyId), binaryPropertyName: 'log', filters: { userName: 'alice' } });
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ method: 'POST', path: '/api/audit-logs/search/export', body: { exportType: 'CSV', reportAllPages: true } });
		expect(request.headers['x-keepnet-company-id']).toBe(companyId);
		const [item] = result.output[0];
		expect(item.binary?.log).toMatchObject({ fileName: 'Audit Log.csv', mimeType: 'text/csv' });
		const lines = (await binaryBuffer(item, 'log')).toString('utf8').trim().split('\n');
		expect(lines).toHaveLength(1 + stored().filter((entry) => entry.userName.includes('alice')).length);
	});

	it('exports one file per customer with All Companies I Manage, named after each', async () => {
		const result = await fixture.run({ resource: 'auditLog', operation: 'export', companyScope: 'all', binaryPropertyName: 'data' });
		const managed = fixture.sandbox.store.managedCompanies(fixture.sandbox.ids.resellerCompanyId);
		expect(result.output[0]).toHaveLength(managed.length);
		const mine = result.output[0].find((item) => (item.json.company as IDataObject).resourceId === companyId);
		expect(mine?.binary?.data?.fileName).toBe(`Audit Log ${fixture.sandbox.store.companies.get(companyId)?.name}.csv`);
	});
});
