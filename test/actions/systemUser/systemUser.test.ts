import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[2];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const company = () => locator(companyId);
const systemUsers = () => [...fixture.sandbox.store.data(companyId).systemUsers.values()];

describe('System User → Create', () => {
	it('creates an admin with a role chosen for that company and sends the information email', async () => {
		const roleId = fixture.sandbox.ids.rolesByCompany[companyId].companyAdmin;
		const [created] = jsonOf(
			await fixture.run({
				resource: 'systemUser',
				operation: 'create',
				companyId: company(),
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace.hopper@initech.example',
				phoneNumber: '+15551234567',
				roleIds: [roleId],
				additionalFields: { sendInformationEmail: true },
			}),
		);
		const stored = systemUsers().find((user) => user.email === 'grace.hopper@initech.example')!;
		expect(stored.roleIds).toEqual([roleId]);
		expect(created).toMatchObject({ resourceId: stored.resourceId, companyId, roleResourceIdList: [roleId], informationEmailSent: true, statusId: 1 });
		const requests = fixture.apiRequests();
		// One read of the company's roles checks the chosen role belongs to it (an ID-shaped entry may be a name).
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /api/roles',
			'POST /api/system-users',
			`POST /api/system-users/${stored.resourceId}/send-information-email`,
		]);
		expect(requests.every((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(true);
		expect(requests[1].body).toEqual({
			firstName: 'Grace',
			lastName: 'Hopper',
			email: 'grace.hopper@initech.example',
			phoneNumber: '+15551234567',
			statusId: 1,
			roleResourceIdList: [roleId],
		});
		expect(fixture.sandbox.store.sentInformationEmails.some((sent) => sent.systemUserResourceId === stored.resourceId)).toBe(true);
	});

	it('refuses a system user without a role, or with a phone number over 20 characters, before any request', async () => {
		const base = { resource: 'systemUser', operation: 'create', companyId: company(), firstName: 'A', lastName: 'B', email: 'a.b@initech.example' };
		// An empty static list is refused by n8n's own required-parameter check; an expression that
		// yields no role reaches the node's check.
		await expect(fixture.run({ ...base, phoneNumber: '+1555', roleIds: [] })).rejects.toThrow('Parameter "Role Names or IDs" is required');
		await expect(fixture.run({ ...base, phoneNumber: '+1555', roleIds: '={{ [] }}' })).rejects.toThrow('No role chosen (item 0)');
		await expect(fixture.run({ ...base, phoneNumber: '1'.repeat(21), roleIds: ['Ab12Cd34Ef56'] })).rejects.toThrow(
			'Phone Number is too long: 21 characters, Keepnet accepts at most 20 (item 0)',
		);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('System User → Create with role names', () => {
	const base = { resource: 'systemUser', operation: 'create', companyId: company(), lastName: 'Lovelace', phoneNumber: '+15550100' };
	const roles = () => fixture.sandbox.ids.rolesByCompany[companyId];

	it('resolves names (any case) and IDs to the company\'s role IDs, one roles read per item', async () => {
		const items = [
			{ json: { email: 'ada.names@initech.example', roles: ['company admin', 'Security Analyst'] } },
			{ json: { email: 'ada.ids@initech.example', roles: [roles().companyAdmin] } },
			{ json: { email: 'ada.text@initech.example', roles: 'Company Admin, SECURITY ANALYST' } },
		];
		const output = jsonOf(
			await fixture.run({ ...base, companyId: company(), firstName: 'Ada', email: '={{ $json.email }}', roleIds: '={{ $json.roles }}' }, { items }),
		);
		const stored = (email: string) => systemUsers().find((user) => user.email === email)!;
		expect(stored('ada.names@initech.example').roleIds).toEqual([roles().companyAdmin, roles().custom]);
		expect(stored('ada.ids@initech.example').roleIds).toEqual([roles().companyAdmin]);
		expect(stored('ada.text@initech.example').roleIds).toEqual([roles().companyAdmin, roles().custom]);
		expect(output.map((item) => item.roleResourceIdList)).toEqual([
			[roles().companyAdmin, roles().custom],
			[roles().companyAdmin],
			[roles().companyAdmin, roles().custom],
		]);
		const requests = fixture.apiRequests();
		expect(requests.filter((request) => request.path === '/api/roles')).toHaveLength(3);
		expect(requests.every((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(true);
		for (const create of requests.filter((request) => request.method === 'POST')) {
			expect((create.body as { roleResourceIdList: string[] }).roleResourceIdList.every((id) => Object.values(roles()).includes(id))).toBe(true);
		}
	});

	it('refuses a name that matches no role of the company, naming item, field and the available roles, and stores nothing', async () => {
		const before = systemUsers().length;
		const items = [{ json: { roles: ['Company Admin'] } }, { json: { roles: ['Company Admin', 'Auditor'] } }];
		const outcome = await fixture.run(
			{ ...base, companyId: company(), firstName: 'Bad', email: '={{ "bad.role" + $itemIndex + "@initech.example" }}', roleIds: '={{ $json.roles }}' },
			{ items, continueOnFail: true },
		);
		const [first, second] = jsonOf(outcome);
		expect(first).toMatchObject({ email: 'bad.role0@initech.example', roleResourceIdList: [roles().companyAdmin] });
		expect(String(second.error)).toContain(`Role Names or IDs: "Auditor" is neither the name nor the ID of a role of company "${companyId}" (item 1)`);
		await expect(
			fixture.run({ ...base, companyId: company(), firstName: 'Bad', email: 'bad.role@initech.example', roleIds: '={{ ["Auditor"] }}' }),
		).rejects.toMatchObject({ description: expect.stringContaining('"Company Admin", "Reseller", "Security Analyst"') });
		expect(systemUsers().length).toBe(before + 1);
		expect(systemUsers().some((user) => user.email === 'bad.role1@initech.example' || user.email === 'bad.role@initech.example')).toBe(false);
	});

	it('refuses entries that can never be a role (object, control character, empty) before any request', async () => {
		const run = (roleIds: string) => fixture.run({ ...base, companyId: company(), firstName: 'X', email: 'x.never@initech.example', roleIds });
		await expect(run('={{ [{ name: "Company Admin" }] }}')).rejects.toThrow('Role Names or IDs holds an object, not a role name or ID (item 0)');
		await expect(run('={{ ["Company\\nAdmin"] }}')).rejects.toThrow('contains a control character (item 0)');
		await expect(run('={{ ["", " "] }}')).rejects.toThrow('No role chosen (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('System User → Get', () => {
	it('gets one by ID through the search', async () => {
		const existing = systemUsers()[1];
		const [got] = jsonOf(await fixture.run({ resource: 'systemUser', operation: 'get', companyId: company(), systemUserId: locator(existing.resourceId, 'id') }));
		expect(got).toMatchObject({ resourceId: existing.resourceId, email: existing.email });
		expect(fixture.apiRequests()[0].path).toBe('/api/system-users/search');
	});

	it('says which system user is missing', async () => {
		await expect(
			fixture.run({ resource: 'systemUser', operation: 'get', companyId: company(), systemUserId: locator('NoSuchAdmin1', 'id') }),
		).rejects.toThrow(`Company "${companyId}" has no system user "NoSuchAdmin1"`);
	});
});

describe('System User → Get Many', () => {
	it('lists the system users of the company', async () => {
		const many = jsonOf(await fixture.run({ resource: 'systemUser', operation: 'getAll', companyId: company(), returnAll: true }));
		expect(many.map((user) => user.resourceId).sort()).toEqual(systemUsers().map((user) => user.resourceId).sort());
	});
});

describe('System User → Update', () => {
	it('updates only what is set and sends the current roles back', async () => {
		const existing = systemUsers()[1];
		const [updated] = jsonOf(
			await fixture.run({
				resource: 'systemUser',
				operation: 'update',
				companyId: company(),
				systemUserId: locator(existing.resourceId, 'id'),
				updateFields: { lastName: 'Renamed' },
			}),
		);
		expect(updated).toMatchObject({ resourceId: existing.resourceId, lastName: 'Renamed', firstName: existing.firstName, email: existing.email });
		const put = fixture.apiRequests().find((request) => request.method === 'PUT')!;
		expect(put.path).toBe(`/api/system-users/${existing.resourceId}`);
		// The roles are sent back unchanged: Keepnet's PUT replaces them.
		expect(put.body).toMatchObject({ roleResourceIdList: existing.roleIds });
		expect(systemUsers().find((user) => user.resourceId === existing.resourceId)?.lastName).toBe('Renamed');
	});

	it('Update of one field keeps the whole stored record (status and roles included)', async () => {
		const user = systemUsers()[0];
		user.statusId = 0;
		const before = structuredClone(user);
		await fixture.run({ resource: 'systemUser', operation: 'update', companyId: company(), systemUserId: locator(user.resourceId, 'id'), updateFields: { phoneNumber: '+15550001' } });
		const after = systemUsers().find((candidate) => candidate.resourceId === user.resourceId);
		expect(after).toEqual({ ...before, phoneNumber: '+15550001' });
	});
});

describe('System User → Update with role names', () => {
	it('replaces the roles with the ones named, and refuses an unknown name without writing', async () => {
		const user = systemUsers()[0];
		const roles = fixture.sandbox.ids.rolesByCompany[companyId];
		await fixture.run({ resource: 'systemUser', operation: 'update', companyId: company(), systemUserId: locator(user.resourceId, 'id'), updateFields: { roleIds: '={{ ["security analyst"] }}' } });
		expect(systemUsers().find((candidate) => candidate.resourceId === user.resourceId)?.roleIds).toEqual([roles.custom]);

		fixture.sandbox.clearRequests();
		await expect(
			fixture.run({ resource: 'systemUser', operation: 'update', companyId: company(), systemUserId: locator(user.resourceId, 'id'), updateFields: { roleIds: '={{ ["Nobody"] }}' } }),
		).rejects.toThrow('Role Names or IDs: "Nobody" is neither the name nor the ID of a role');
		expect(fixture.apiRequests().some((request) => request.method === 'PUT')).toBe(false);
		expect(systemUsers().find((candidate) => candidate.resourceId === user.resourceId)?.roleIds).toEqual([roles.custom]);
	});
});

describe('System User → Delete', () => {
	it('deletes and returns { deleted: true, id }', async () => {
		const existing = systemUsers()[1];
		const deleted = jsonOf(await fixture.run({ resource: 'systemUser', operation: 'delete', companyId: company(), systemUserId: locator(existing.resourceId, 'id') }));
		expect(deleted).toEqual([{ deleted: true, id: existing.resourceId, companyId }]);
		expect(systemUsers().some((user) => user.resourceId === existing.resourceId)).toBe(false);
	});
});

describe('System User → Send Information Email', () => {
	it('sends the information email on its own', async () => {
		const existing = systemUsers()[0];
		const [sent] = jsonOf(
			await fixture.run({ resource: 'systemUser', operation: 'sendInformationEmail', companyId: company(), systemUserId: locator(existing.resourceId, 'id') }),
		);
		expect(sent).toEqual({ informationEmailSent: true, id: existing.resourceId, companyId });
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'POST', path: `/api/system-users/${existing.resourceId}/send-information-email` });
	});
});
