import type { IDataObject } from 'n8n-workflow';

import { binaryBuffer } from '../../support/harness';
import { LICENSE_MODULES } from '../../sandbox';
import { jsonOf, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture({ seed: { customerCount: 12 } });
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const managed = () => fixture.sandbox.store.managedCompanies(fixture.sandbox.ids.resellerCompanyId);
const counts = (companyId: string) => fixture.sandbox.store.data(companyId).counts;
const monthlyOf = (companyId: string, monthsAgo: number) => fixture.sandbox.store.data(companyId).monthlyActiveUsers.find((entry) => entry.monthsAgo === monthsAgo)?.count ?? 0;
const monthAgo = (monthsAgo: number) => {
	const now = new Date();
	const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1));
	return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
};
const filterItems = (body: unknown) => ((body as { filter: { FilterGroups: Array<{ FilterItems: IDataObject[] }> } }).filter.FilterGroups[0].FilterItems);

describe('Company → Get Many filters', () => {
	it('sends industry, license type and module as Include items and returns exactly the matching companies', async () => {
		const sample = managed()[3];
		const moduleId = sample.licenseModules[0];
		const result = await fixture.run({
			resource: 'company',
			operation: 'getAll',
			returnAll: true,
			filters: { industryIds: [sample.industryResourceId], licenseTypeIds: [sample.licenseTypeResourceId], moduleIds: [moduleId] },
		});
		const [request] = fixture.apiRequests();
		expect(filterItems(request.body)).toEqual([
			{ FieldName: 'IndustryResourceId', Operator: 'Include', Value: sample.industryResourceId },
			{ FieldName: 'LicenseTypeResourceId', Operator: 'Include', Value: sample.licenseTypeResourceId },
			{ FieldName: 'ModuleResourceId', Operator: 'Include', Value: moduleId },
		]);
		const expected = managed().filter(
			(company) => company.industryResourceId === sample.industryResourceId && company.licenseTypeResourceId === sample.licenseTypeResourceId && company.licenseModules.includes(moduleId),
		);
		expect(jsonOf(result).map((company) => company.companyResourceId).sort()).toEqual(expected.map((company) => company.resourceId).sort());
		expect(expected.length).toBeLessThan(managed().length);
	});

	it('asks for the billing month and returns its Monthly Users with the billing columns', async () => {
		const result = await fixture.run({ resource: 'company', operation: 'getAll', returnAll: true, filters: { month: monthAgo(2) } });
		expect(filterItems(fixture.apiRequests()[0].body)).toEqual([{ FieldName: 'MonthlyActiveUser', Operator: '=', Value: monthAgo(2) }]);
		const output = jsonOf(result);
		expect(output).toHaveLength(managed().length);
		for (const row of output) {
			const id = String(row.companyResourceId);
			expect(row).toMatchObject({ monthlyActiveUserCount: monthlyOf(id, 2), inactiveTargetUserCount: counts(id).inactive, deletedTargetUserCount: counts(id).deleted });
		}
	});

	it('keeps the companies whose license ends, and that were created, in the chosen ranges (applied to the dates returned)', async () => {
		const ends = managed()
			.map((company) => company.licenseEndDate)
			.filter((date): date is string => date !== null)
			.sort();
		const from = ends[2];
		const to = ends[ends.length - 3];
		const result = await fixture.run({ resource: 'company', operation: 'getAll', returnAll: true, filters: { licenseEndsAfter: from, licenseEndsBefore: to } });
		const expected = managed().filter((company) => company.licenseEndDate !== null && Date.parse(company.licenseEndDate) >= Date.parse(from) && Date.parse(company.licenseEndDate) <= Date.parse(to));
		expect(jsonOf(result).map((company) => company.companyResourceId).sort()).toEqual(expected.map((company) => company.resourceId).sort());
		// No date is put into Keepnet's filter (its date format there is unverified).
		expect(filterItems(fixture.apiRequests()[0].body)).toEqual([]);

		fixture.sandbox.clearRequests();
		const created = await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 2, filters: { createdAfter: '2000-01-01T00:00:00Z' } });
		expect(jsonOf(created)).toHaveLength(2);
	});

	it('refuses a malformed month, an ID that is not one, and a reversed range, before any request', async () => {
		await expect(fixture.run({ resource: 'company', operation: 'getAll', filters: { month: '2026-13' } })).rejects.toThrow('Filters → Month "2026-13" is not a month');
		await expect(fixture.run({ resource: 'company', operation: 'getAll', filters: { industryIds: ['not an id!'] } })).rejects.toThrow(/Industry/);
		await expect(
			fixture.run({ resource: 'company', operation: 'getAll', filters: { createdAfter: '2026-02-01T00:00:00Z', createdBefore: '2026-01-01T00:00:00Z' } }),
		).rejects.toThrow('Created After is later than Created Before');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Company → Export', () => {
	it.each([
		['csv', 'text/csv', 'csv'],
		['excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
		['pdf', 'application/pdf', 'pdf'],
	])('puts Keepnet\'s %s file of the filtered list into binary data', async (format, mimeType, extension) => {
		const result = await fixture.run({ resource: 'company', operation: 'export', fileFormat: format, binaryPropertyName: 'data', filters: { month: monthAgo(1), overLicenseLimit: true } });
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ method: 'POST', path: '/api/companies/search/export' });
		expect(request.headers['x-keepnet-company-id']).toBeUndefined();
		expect(request.body).toMatchObject({ reportAllPages: true, isTargetUserCountExceededLimit: true, exportType: { csv: 'CSV', excel: 'Excel', pdf: 'PDF' }[format] });
		const [item] = result.output[0];
		expect(item.binary?.data).toMatchObject({ mimeType, fileName: `Companies ${monthAgo(1)}.${extension}` });
		const bytes = await binaryBuffer(item, 'data');
		expect(item.json).toEqual({ fileName: `Companies ${monthAgo(1)}.${extension}`, fileFormat: format, fileSize: bytes.length });
		if (format === 'csv') {
			const lines = bytes.toString('utf8').trim().split('\n');
			const overLimit = managed().filter((company) => fixture.sandbox.store.data(company.resourceId) && company.isNumberOfUsersLimited && company.numberOfUsers !== null && counts(company.resourceId).active + counts(company.resourceId).inactive > company.numberOfUsers);
			expect(lines).toHaveLength(1 + overLimit.length);
			expect(lines[0]).toMatch(/Monthly Users/);
		}
	});

	it("passes on Keepnet's JSON error instead of a file", async () => {
		fixture.sandbox.faults.failNext.push({ match: { path: '/api/companies/search/export' }, status: 400, body: JSON.stringify({ status: 'FAILED', message: 'Export failed' }) });
		await expect(fixture.run({ resource: 'company', operation: 'export', fileFormat: 'csv', binaryPropertyName: 'data' })).rejects.toThrow(/Export failed/);
	});
});

describe('Company → Get Usage Summary', () => {
	it('returns one item per customer and a totals item from one company search', async () => {
		const month = monthAgo(1);
		const result = await fixture.run({ resource: 'company', operation: 'getUsageSummary', month });
		const requests = fixture.apiRequests();
		expect(requests.map((request) => request.path)).toEqual(['/api/companies/search']);
		expect(filterItems(requests[0].body)).toEqual([{ FieldName: 'MonthlyActiveUser', Operator: '=', Value: month }]);
		expect(requests[0].body).toMatchObject({ pageSize: 1000 });
		const output = jsonOf(result);
		const customers = output.filter((item) => item.summary === 'company');
		expect(customers).toHaveLength(managed().length);
		for (const company of managed()) {
			const item = customers.find((entry) => (entry.company as IDataObject).resourceId === company.resourceId);
			const used = counts(company.resourceId).active + counts(company.resourceId).inactive;
			expect(item).toMatchObject({
				month,
				company: { resourceId: company.resourceId, name: company.name },
				targetUsers: used,
				inactiveTargetUsers: counts(company.resourceId).inactive,
				deletedTargetUsers: counts(company.resourceId).deleted,
				monthlyUsers: monthlyOf(company.resourceId, 1),
				licenseLimit: company.isNumberOfUsersLimited ? company.numberOfUsers : null,
				overLicenseLimit: company.isNumberOfUsersLimited && company.numberOfUsers !== null && used > company.numberOfUsers,
			});
		}
		const [total] = output.filter((item) => item.summary === 'total');
		expect(output[output.length - 1]).toBe(total);
		const sum = (field: string) => customers.reduce((acc, item) => acc + Number(item[field]), 0);
		expect(total).toMatchObject({
			companies: managed().length,
			targetUsers: sum('targetUsers'),
			monthlyUsers: managed().reduce((acc, company) => acc + monthlyOf(company.resourceId, 1), 0),
			monthlyEnrolled: sum('monthlyEnrolled'),
			companiesOverLicenseLimit: customers.filter((item) => item.overLicenseLimit === true).length,
		});
		expect(total.companiesOverLicenseLimit).toBeGreaterThan(0);
	});

	it('leaves the training columns out where Keepnet does not return them', async () => {
		fixture.sandbox.faults.failNext.push({
			match: { path: '/api/companies/search' },
			status: 200,
			body: JSON.stringify({ status: 'SUCCESS', data: { pageNumber: 1, pageSize: 1000, totalNumberOfPages: 1, totalNumberOfRecords: 1, results: [{ companyResourceId: 'Ab12Cd34Ef56', companyName: 'Solo', targetUserCount: 5, numberOfUsers: '3', isNumberOfUsersLimited: true, monthlyActiveUserCount: 2 }] } }),
			contentType: 'application/json',
		});
		const output = jsonOf(await fixture.run({ resource: 'company', operation: 'getUsageSummary', month: '2026-01' }));
		expect(output[0]).not.toHaveProperty('monthlyEnrolled');
		expect(output[0]).toMatchObject({ licenseLimit: 3, overLicenseLimit: true, monthlyUsers: 2 });
		expect(output[1]).not.toHaveProperty('monthlyEnrolled');
		expect(output[1]).toMatchObject({ companies: 1, targetUsers: 5, companiesOverLicenseLimit: 1 });
	});

	it('refuses a month not written YYYY-MM before any request', async () => {
		await expect(fixture.run({ resource: 'company', operation: 'getUsageSummary', month: 'January' })).rejects.toThrow('Month "January" is not a month');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

// The sandbox's license modules are the constant list the seed draws from.
test('the seed gives companies different modules', () => {
	expect(new Set(managed().map((company) => company.licenseModules.length)).size).toBeGreaterThan(1);
	expect(LICENSE_MODULES.length).toBeGreaterThan(2);
});
