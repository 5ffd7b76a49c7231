import { startSandbox, type Sandbox } from '..';
import { api, companyForm, getToken, searchBody, type Paged, type ServiceResultBody } from './helpers';

type TargetUserRow = { email: string; resourceId: string };

describe('sandbox: company scoping (X-KEEPNET-Company-Id) and roles', () => {
	let sandbox: Sandbox;
	let reseller: string;
	let companyAdmin: string;
	beforeAll(async () => {
		sandbox = await startSandbox();
		reseller = await getToken(sandbox);
		companyAdmin = await getToken(sandbox, 'companyAdmin');
	});
	afterAll(() => sandbox.close());

	const searchUsers = (token: string, companyId?: string, headers?: Record<string, string>) =>
		api<ServiceResultBody<Paged<TargetUserRow>>>(sandbox, token, 'POST', '/api/target-users/search', { body: searchBody({ pageSize: 1000 }), companyId, headers });

	it('seeds at least 3 managed customers plus an unmanaged company under another reseller', () => {
		const { store, ids } = sandbox;
		expect(ids.customerCompanyIds.length).toBeGreaterThanOrEqual(3);
		for (const id of ids.customerCompanyIds) expect(store.companies.get(id)?.parentResourceId).toBe(ids.resellerCompanyId);
		expect(store.companies.get(ids.unmanagedCompanyId)?.parentResourceId).toBe(ids.otherResellerCompanyId);
		for (const id of [ids.resellerCompanyId, ...ids.customerCompanyIds, ids.unmanagedCompanyId]) expect(id).toMatch(/^[A-Za-z0-9]{12}$/);
	});

	it('acts on the named managed customer with the header', async () => {
		const customer = sandbox.ids.customerCompanyIds[1];
		const answer = await searchUsers(reseller, customer);
		expect(answer.status).toBe(200);
		const expected = sandbox.store.targetUsersOf(customer).map((user) => user.email).sort();
		expect(answer.json.data.results.map((row) => row.email).sort()).toEqual(expected);
	});

	it('treats the header name case-insensitively', async () => {
		const customer = sandbox.ids.customerCompanyIds[2];
		const answer = await searchUsers(reseller, undefined, { 'x-keepnet-company-id': customer });
		expect(answer.json.data.totalNumberOfRecords).toBe(sandbox.store.targetUsersOf(customer).length);
	});

	it("acts on the caller's own company without the header", async () => {
		const answer = await searchUsers(reseller);
		expect(answer.status).toBe(200);
		const own = sandbox.store.targetUsersOf(sandbox.ids.resellerCompanyId).map((user) => user.email).sort();
		expect(own.length).toBeGreaterThan(0);
		expect(answer.json.data.results.map((row) => row.email).sort()).toEqual(own);
	});

	it('answers 403 FAILED for a company the reseller does not manage, 404 for an unknown id', async () => {
		const forbidden = await searchUsers(reseller, sandbox.ids.unmanagedCompanyId);
		expect(forbidden.status).toBe(403);
		expect(forbidden.json).toMatchObject({ status: 'FAILED', data: null });
		expect(forbidden.json.message).toEqual(expect.any(String));
		const unknown = await searchUsers(reseller, 'ZZZZZZZZZZZZ');
		expect(unknown.status).toBe(404);
		expect(unknown.json.status).toBe('FAILED');
		// Another reseller's own company is not managed either.
		expect((await searchUsers(reseller, sandbox.ids.otherResellerCompanyId)).status).toBe(403);
	});

	it('scopes writes: a user created for one customer is not in another', async () => {
		const [first, second] = sandbox.ids.customerCompanyIds;
		const created = await api(sandbox, reseller, 'POST', '/api/target-users', { companyId: first, body: { email: 'scoped.one@globex.example', phoneNumber: '+1555000111' } });
		expect(created.status).toBe(200);
		expect(sandbox.store.findTargetUserByEmail(first, 'scoped.one@globex.example')).toBeDefined();
		expect(sandbox.store.findTargetUserByEmail(second, 'scoped.one@globex.example')).toBeUndefined();
		const id = (created.json.data as { resourceId: string }).resourceId;
		expect((await api(sandbox, reseller, 'GET', `/api/target-users/${id}`, { companyId: second })).status).toBe(404);
		expect((await api(sandbox, reseller, 'GET', `/api/target-users/${id}`, { companyId: first })).status).toBe(200);
	});

	it('lets the Company Admin use its own company (header or none) and nothing else', async () => {
		const own = sandbox.ids.companyAdminCompanyId;
		expect((await searchUsers(companyAdmin)).json.data.totalNumberOfRecords).toBe(sandbox.store.targetUsersOf(own).length);
		expect((await searchUsers(companyAdmin, own)).status).toBe(200);
		expect((await searchUsers(companyAdmin, sandbox.ids.customerCompanyIds[1])).status).toBe(403);
		expect((await searchUsers(companyAdmin, sandbox.ids.resellerCompanyId)).status).toBe(403);
		expect((await api(sandbox, companyAdmin, 'GET', `/api/companies/${own}`)).status).toBe(200);
		expect((await api(sandbox, companyAdmin, 'GET', `/api/companies/${sandbox.ids.customerCompanyIds[1]}`)).status).toBe(403);
	});

	it('answers 403 to the Company Admin on reseller endpoints', async () => {
		const managed = sandbox.ids.customerCompanyIds[1];
		const calls: Array<[string, string, unknown]> = [
			['POST', '/api/companies/search', searchBody()],
			['POST', '/api/companies', companyForm({ Name: 'Nope' })],
			['PUT', `/api/companies/${managed}`, companyForm({ Name: 'Nope' })],
			['DELETE', `/api/companies/${managed}`, undefined],
		];
		for (const [method, path, body] of calls) {
			const answer = await api<ServiceResultBody>(sandbox, companyAdmin, method, path, { body });
			expect({ method, path, status: answer.status, resultStatus: answer.json?.status }).toEqual({ method, path, status: 403, resultStatus: 'FAILED' });
		}
		expect(sandbox.store.companies.has(managed)).toBe(true);
	});

	it('scopes GET /api/companies/{id}: 403 unmanaged, 404 unknown, 200 own and managed', async () => {
		expect((await api(sandbox, reseller, 'GET', `/api/companies/${sandbox.ids.unmanagedCompanyId}`)).status).toBe(403);
		expect((await api(sandbox, reseller, 'GET', '/api/companies/ZZZZZZZZZZZZ')).status).toBe(404);
		expect((await api(sandbox, reseller, 'GET', `/api/companies/${sandbox.ids.resellerCompanyId}`)).status).toBe(200);
		expect((await api(sandbox, reseller, 'GET', `/api/companies/${sandbox.ids.customerCompanyIds[0]}`)).status).toBe(200);
	});
});
