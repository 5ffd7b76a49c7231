import { startSandbox, type Sandbox } from '..';
import { api, filterWith, getToken, searchBody, type Paged, type ServiceResultBody } from './helpers';

interface SystemUserRow {
	resourceId: string;
	firstName: string;
	lastName: string;
	email: string;
	roles: string;
	statusId: number;
	statusName: string;
	companyResourceId: string;
}

describe('sandbox: system users and roles', () => {
	let sandbox: Sandbox;
	let token: string;
	let companyId: string;
	beforeAll(async () => {
		sandbox = await startSandbox();
		token = await getToken(sandbox);
		companyId = sandbox.ids.customerCompanyIds[2];
	});
	afterAll(() => sandbox.close());

	const call = <T = ServiceResultBody>(method: string, path: string, body?: unknown, scope: string | undefined = companyId) => api<T>(sandbox, token, method, path, { companyId: scope, body });
	const roles = () => sandbox.ids.rolesByCompany[companyId];
	const validUser = (overrides: Record<string, unknown> = {}) => ({ firstName: 'Margaret', lastName: 'Hamilton', email: 'margaret.hamilton@umbrellahealth.example', phoneNumber: '+15551234', statusId: 1, roleResourceIdList: [roles().companyAdmin], ...overrides });

	it('GET /api/roles lists the scoped company roles (Company Admin, Reseller, a custom one)', async () => {
		const answer = await call<ServiceResultBody<Array<{ resourceId: string; name: string }>>>('GET', '/api/roles');
		expect(answer.json.data.map((role) => role.name)).toEqual(['Company Admin', 'Reseller', 'Security Analyst']);
		expect(answer.json.data.map((role) => role.resourceId)).toEqual([roles().companyAdmin, roles().reseller, roles().custom]);
		const other = await call<ServiceResultBody<Array<{ resourceId: string }>>>('GET', '/api/roles', undefined, sandbox.ids.customerCompanyIds[0]);
		expect(other.json.data.map((role) => role.resourceId)).not.toContain(roles().companyAdmin);
	});

	it('POST /api/roles/search pages and sorts roles with user counts', async () => {
		const answer = await call<ServiceResultBody<Paged<{ roleName: string; typeName: string; userCount: number; companyResourceId: string }>>>('POST', '/api/roles/search', searchBody({ orderBy: 'roleName', ascending: true }));
		expect(answer.json.data.results.map((role) => role.roleName)).toEqual(['Company Admin', 'Reseller', 'Security Analyst']);
		expect(answer.json.data.results.map((role) => role.typeName)).toEqual(['System', 'System', 'Custom']);
		const admins = [...sandbox.store.data(companyId).systemUsers.values()].filter((user) => user.roleIds.includes(roles().companyAdmin)).length;
		expect(answer.json.data.results[0].userCount).toBe(admins);
		expect((await call('POST', '/api/roles/search', { pageNumber: 1, pageSize: 10 })).status).toBe(400);
	});

	it('creates a system user with a role of the company', async () => {
		const created = await call<ServiceResultBody<{ resourceId: string }>>('POST', '/api/system-users', validUser());
		expect(created.status).toBe(200);
		const stored = sandbox.store.data(companyId).systemUsers.get(created.json.data.resourceId);
		expect(stored).toMatchObject({ email: 'margaret.hamilton@umbrellahealth.example', roleIds: [roles().companyAdmin], statusId: 1 });
	});

	it('refuses a system user without roles ("Role should be selected"), with another company\'s role, or a duplicate email', async () => {
		const noRole = await call<ServiceResultBody>('POST', '/api/system-users', validUser({ email: 'no.role@umbrellahealth.example', roleResourceIdList: undefined }));
		expect(noRole.status).toBe(400);
		expect(noRole.json.validationMessages).toContain('Role should be selected');
		const emptyRoles = await call<ServiceResultBody>('POST', '/api/system-users', validUser({ email: 'no.role@umbrellahealth.example', roleResourceIdList: [] }));
		expect(emptyRoles.json.validationMessages).toContain('Role should be selected');
		const foreignRole = await call<ServiceResultBody>('POST', '/api/system-users', validUser({ email: 'foreign.role@umbrellahealth.example', roleResourceIdList: [sandbox.ids.rolesByCompany[sandbox.ids.customerCompanyIds[0]].companyAdmin] }));
		expect(foreignRole.status).toBe(400);
		const duplicate = await call<ServiceResultBody>('POST', '/api/system-users', validUser({ email: 'MARGARET.HAMILTON@umbrellahealth.example' }));
		expect(duplicate.status).toBe(400);
		expect(duplicate.json.validationMessages?.[0]).toContain('already exists');
	});

	it('validates required fields and the SPEC limits (40 / 320 / 20)', async () => {
		const missing = await call<ServiceResultBody>('POST', '/api/system-users', { roleResourceIdList: [roles().companyAdmin] });
		expect(missing.json.validationMessages).toEqual(
			expect.arrayContaining(["'First Name' must not be empty.", "'Last Name' must not be empty.", "'Email' must not be empty.", "'Phone Number' must not be empty."]),
		);
		const long = await call<ServiceResultBody>('POST', '/api/system-users', validUser({ email: 'long@umbrellahealth.example', firstName: 'F'.repeat(41), phoneNumber: '1'.repeat(21) }));
		expect(long.json.validationMessages).toEqual(
			expect.arrayContaining([
				"The length of 'First Name' must be 40 characters or fewer. You entered 41 characters.",
				"The length of 'Phone Number' must be 20 characters or fewer. You entered 21 characters.",
			]),
		);
		const badEmail = await call<ServiceResultBody>('POST', '/api/system-users', validUser({ email: 'margaret at example' }));
		expect(badEmail.json.validationMessages).toContain("'Email' is not a valid email address.");
	});

	it('uses body companyResourceId as the target company, with the same access checks', async () => {
		const target = sandbox.ids.customerCompanyIds[1];
		const created = await api<ServiceResultBody<{ resourceId: string }>>(sandbox, token, 'POST', '/api/system-users', {
			body: validUser({ email: 'body.target@initech.example', companyResourceId: target, roleResourceIdList: [sandbox.ids.rolesByCompany[target].custom] }),
		});
		expect(created.status).toBe(200);
		expect(sandbox.store.data(target).systemUsers.has(created.json.data.resourceId)).toBe(true);
		const forbidden = await api(sandbox, token, 'POST', '/api/system-users', { body: validUser({ email: 'nope@northwind.example', companyResourceId: sandbox.ids.unmanagedCompanyId }) });
		expect(forbidden.status).toBe(403);
	});

	it('searches with paging, sort and filters (StatusId Include, Email Contains, Roles)', async () => {
		const all = await call<ServiceResultBody<Paged<SystemUserRow>>>('POST', '/api/system-users/search', searchBody({ pageSize: 100, orderBy: 'Email', ascending: true }));
		const stored = [...sandbox.store.data(companyId).systemUsers.values()];
		expect(all.json.data.totalNumberOfRecords).toBe(stored.length);
		const emails = all.json.data.results.map((row) => row.email.toLowerCase());
		expect(emails).toEqual([...emails].sort());
		expect(all.json.data.results.every((row) => row.companyResourceId === companyId)).toBe(true);
		const inactive = await call<ServiceResultBody<Paged<SystemUserRow>>>('POST', '/api/system-users/search', searchBody({ filter: filterWith([{ FieldName: 'StatusId', Operator: 'Include', Value: '0' }]) }));
		expect(inactive.json.data.results.length).toBe(stored.filter((user) => user.statusId === 0).length);
		expect(inactive.json.data.results.every((row) => row.statusName === 'Inactive')).toBe(true);
		const byEmail = await call<ServiceResultBody<Paged<SystemUserRow>>>('POST', '/api/system-users/search', searchBody({ filter: filterWith([{ FieldName: 'Email', Operator: 'Contains', Value: 'hamilton' }]) }));
		expect(byEmail.json.data.results).toEqual([expect.objectContaining({ firstName: 'Margaret', roles: 'Company Admin' })]);
		const paged = await call<ServiceResultBody<Paged<SystemUserRow>>>('POST', '/api/system-users/search', searchBody({ pageSize: 2, pageNumber: 2, orderBy: 'Email', ascending: true }));
		expect(paged.json.data.results.map((row) => row.email)).toEqual(all.json.data.results.slice(2, 4).map((row) => row.email));
		expect((await call('POST', '/api/system-users/search', searchBody({ filter: null }))).status).toBe(500);
	});

	it('bulk-deletes system users by id or by selectAll + filter', async () => {
		const created: string[] = [];
		for (const email of ['bulk.a@umbrellahealth.example', 'bulk.b@umbrellahealth.example', 'bulk.c@umbrellahealth.example']) {
			created.push((await call<ServiceResultBody<{ resourceId: string }>>('POST', '/api/system-users', validUser({ email }))).json.data.resourceId);
		}
		const users = sandbox.store.data(companyId).systemUsers;
		expect((await call('DELETE', '/api/system-users/bulk-delete', { items: [created[0]], selectAll: false })).status).toBe(200);
		expect(users.has(created[0])).toBe(false);
		const filtered = await call('DELETE', '/api/system-users/bulk-delete', { items: [], selectAll: true, excludedItems: [created[2]], filter: filterWith([{ FieldName: 'Email', Operator: 'StartsWith', Value: 'bulk.' }]) });
		expect(filtered.status).toBe(200);
		expect([users.has(created[1]), users.has(created[2])]).toEqual([false, true]);
		expect((await call('DELETE', '/api/system-users/bulk-delete', { items: ['ZZZZZZZZZZZZ'] })).status).toBe(404);
	});

	it('updates (PUT), sends the information email, and deletes', async () => {
		const created = await call<ServiceResultBody<{ resourceId: string }>>('POST', '/api/system-users', validUser({ email: 'update.me@umbrellahealth.example' }));
		const id = created.json.data.resourceId;
		const updated = await call('PUT', `/api/system-users/${id}`, validUser({ email: 'update.me@umbrellahealth.example', lastName: 'Updated', statusId: 0, roleResourceIdList: [roles().custom] }));
		expect(updated.status).toBe(200);
		expect(sandbox.store.data(companyId).systemUsers.get(id)).toMatchObject({ lastName: 'Updated', statusId: 0, roleIds: [roles().custom] });
		const noRole = await call<ServiceResultBody>('PUT', `/api/system-users/${id}`, validUser({ email: 'update.me@umbrellahealth.example', roleResourceIdList: [] }));
		expect(noRole.json.validationMessages).toContain('Role should be selected');

		const sent = await call<ServiceResultBody<{ resourceId: string }>>('POST', `/api/system-users/${id}/send-information-email`, {});
		expect(sent.json.data.resourceId).toBe(id);
		expect(sandbox.store.sentInformationEmails).toContainEqual(expect.objectContaining({ systemUserResourceId: id, email: 'update.me@umbrellahealth.example', companyResourceId: companyId }));
		expect((await call('POST', '/api/system-users/ZZZZZZZZZZZZ/send-information-email', {})).status).toBe(404);

		expect((await call('DELETE', `/api/system-users/${id}`)).status).toBe(200);
		expect(sandbox.store.data(companyId).systemUsers.has(id)).toBe(false);
		expect((await call('DELETE', `/api/system-users/${id}`)).status).toBe(404);
		// Another company's user is not reachable through this scope.
		const foreign = [...sandbox.store.data(sandbox.ids.customerCompanyIds[0]).systemUsers.keys()][0];
		expect((await call('PUT', `/api/system-users/${foreign}`, validUser({ email: 'x@umbrellahealth.example' }))).status).toBe(404);
	});
});
