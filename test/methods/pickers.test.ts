import { locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	// More customers than one picker page (50) so the second page can be tested.
	fixture = await startKeepnetFixture({ seed: { customerCount: 60, targetUsersPerCompany: 60 } });
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

describe('Company picker (listSearch searchCompanies)', () => {
	it('lists company names with companyResourceId values, paged', async () => {
		const first = await fixture.listSearch('searchCompanies');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await fixture.listSearch('searchCompanies', {}, undefined, first.paginationToken);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		const values = [...first.results, ...second.results].map((entry) => entry.value).sort();
		expect(values).toEqual([...fixture.sandbox.ids.customerCompanyIds].sort());
		expect(first.results.find((entry) => entry.value === fixture.sandbox.ids.customerCompanyIds[0])?.name).toBe('Globex Corporation');
		expect(fixture.apiRequests().map((request) => (request.body as { pageNumber: number }).pageNumber)).toEqual([1, 2]);
	});

	it('narrows the list by the search text', async () => {
		const found = await fixture.listSearch('searchCompanies', {}, 'Globex');
		expect(found.results.map((entry) => entry.name)).toEqual(['Globex Corporation']);
		expect(JSON.stringify(fixture.apiRequests()[0].body)).toContain('Globex');
	});
});

describe('pickers scoped by the selected company', () => {
	const companyId = () => fixture.sandbox.ids.customerCompanyIds[3];

	it('target groups (Add to Groups, Import) come from the selected company (X-KEEPNET-Company-Id), without Keepnet\'s own groups', async () => {
		const groups = await fixture.loadOptions('getTargetGroups', { companyId: locator(companyId()) });
		const expected = fixture.sandbox.ids.targetGroupsByCompany[companyId()];
		expect(groups.map((group) => group.value).sort()).toEqual(Object.values(expected).sort());
		expect(groups.map((group) => group.name)).toEqual(expect.arrayContaining(Object.keys(expected)));
		expect(fixture.apiRequests()[0].headers['x-keepnet-company-id']).toBe(companyId());
		expect(groups.map((group) => group.value)).not.toContain(fixture.sandbox.ids.systemGroupByCompany[companyId()]);
	});

	it('target group picker (Target Group → Get, Update, Delete, Get Members) searches by name within the company, Keepnet\'s own groups included', async () => {
		const all = await fixture.listSearch('searchTargetGroups', { companyId: locator(companyId()) });
		const stored = [...fixture.sandbox.store.data(companyId()).targetGroups.values()];
		expect(all.results.map((entry) => entry.value).sort()).toEqual(stored.map((group) => group.resourceId).sort());
		expect(all.results.map((entry) => entry.value)).toContain(fixture.sandbox.ids.systemGroupByCompany[companyId()]);
		expect(all.results.map((entry) => entry.name)).toEqual([...all.results.map((entry) => entry.name)].sort((a, b) => a.localeCompare(b)));
		expect(all.paginationToken).toBeUndefined();
		const found = await fixture.listSearch('searchTargetGroups', { companyId: locator(companyId()) }, 'financ');
		expect(found.results).toEqual([{ name: 'Finance', value: fixture.sandbox.ids.targetGroupsByCompany[companyId()].Finance }]);
		for (const request of fixture.apiRequests()) {
			expect(request).toMatchObject({ method: 'POST', path: '/api/target-groups/search', body: { systemGeneratedGroups: true } });
			expect(request.headers['x-keepnet-company-id']).toBe(companyId());
		}
	});

	it('roles come from the selected company', async () => {
		const roles = await fixture.loadOptions('getRoles', { companyId: locator(companyId()) });
		expect(roles.map((role) => role.value)).toEqual(expect.arrayContaining([fixture.sandbox.ids.rolesByCompany[companyId()].companyAdmin]));
		expect(roles.map((role) => role.name)).toContain('Company Admin');
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'GET', path: '/api/roles' });
		expect(fixture.apiRequests()[0].headers['x-keepnet-company-id']).toBe(companyId());
	});

	it('ask for a company first when none is selected', async () => {
		await expect(fixture.loadOptions('getRoles', { companyId: locator('') })).rejects.toThrow(/Company is empty/);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('target user picker searches by text and pages within the company', async () => {
		const first = await fixture.listSearch('searchTargetUsers', { companyId: locator(companyId()) });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await fixture.listSearch('searchTargetUsers', { companyId: locator(companyId()) }, undefined, first.paginationToken);
		expect(second.results.length).toBeGreaterThan(0);
		const target = fixture.sandbox.store.targetUsersOf(companyId()).find((user) => !user.isDeleted)!;
		const found = await fixture.listSearch('searchTargetUsers', { companyId: locator(companyId()) }, target.email);
		expect(found.results.map((entry) => entry.value)).toContain(target.resourceId);
		expect(found.results.find((entry) => entry.value === target.resourceId)?.name).toContain(target.email);
		for (const request of fixture.apiRequests()) expect(request.headers['x-keepnet-company-id']).toBe(companyId());
	});

	it('system user picker lists the admins of the company', async () => {
		const found = await fixture.listSearch('searchSystemUsers', { companyId: locator(companyId()) });
		const admins = [...fixture.sandbox.store.data(companyId()).systemUsers.values()];
		expect(found.results.map((entry) => entry.value).sort()).toEqual(admins.map((admin) => admin.resourceId).sort());
	});
});
