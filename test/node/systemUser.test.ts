import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

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
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/system-users',
			`POST /api/system-users/${stored.resourceId}/send-information-email`,
		]);
		expect(requests.every((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(true);
		expect(requests[0].body).toEqual({
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
