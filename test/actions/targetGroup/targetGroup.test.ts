import type { IDataObject } from 'n8n-workflow';

import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[1];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const company = () => locator(companyId);
const storedGroups = () => [...fixture.sandbox.store.data(companyId).targetGroups.values()];
const storedGroup = (id: string) => fixture.sandbox.store.data(companyId).targetGroups.get(id);
const seededGroup = (name: string) => fixture.sandbox.ids.targetGroupsByCompany[companyId][name];

/** Creates a group through the node and returns its ID. */
async function createGroup(name: string, priority = 'Low'): Promise<string> {
	const [created] = jsonOf(await fixture.run({ resource: 'targetGroup', operation: 'create', companyId: company(), name, priority }));
	fixture.sandbox.clearRequests();
	return String(created.resourceId);
}

describe('Target Group → Create', () => {
	it('sends { name, priority } in the company and returns the new ID with what was written', async () => {
		const [created] = jsonOf(
			await fixture.run({ resource: 'targetGroup', operation: 'create', companyId: company(), name: 'Phishing Pilots', priority: 'High' }),
		);
		const requests = fixture.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/target-groups', body: { name: 'Phishing Pilots', priority: 'High' } });
		expect(requests[0].headers['x-keepnet-company-id']).toBe(companyId);
		const stored = storedGroups().find((group) => group.name === 'Phishing Pilots');
		expect(stored).toMatchObject({ priority: 'High', companyId });
		expect(created).toEqual({ resourceId: stored?.resourceId, companyId, name: 'Phishing Pilots', priority: 'High' });
	});

	it('refuses a name over 64 characters, and an unknown priority, before any request, naming the item', async () => {
		await expect(
			fixture.run({ resource: 'targetGroup', operation: 'create', companyId: company(), name: 'g'.repeat(65), priority: 'Low' }),
		).rejects.toThrow('Name is too long: 65 characters, Keepnet accepts at most 64 (item 0)');
		await expect(
			fixture.run(
				{ resource: 'targetGroup', operation: 'create', companyId: company(), name: '={{ $json.name }}', priority: '={{ $json.priority }}' },
				{ items: items({ name: 'Fine', priority: 'Low' }, { name: 'Also fine', priority: 'Urgent' }) },
			),
		).rejects.toThrow('Priority "Urgent" is not one Keepnet knows (item 1)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it("passes on Keepnet's refusal of a duplicate name, quoting its message", async () => {
		await expect(fixture.run({ resource: 'targetGroup', operation: 'create', companyId: company(), name: 'Finance', priority: 'Low' })).rejects.toThrow(
			/already exists/,
		);
		expect(storedGroups().filter((group) => group.name === 'Finance')).toHaveLength(1);
	});
});

describe('Target Group → Get', () => {
	it('gets one group by ID from the selected company', async () => {
		const groupId = seededGroup('Finance');
		const [group] = jsonOf(await fixture.run({ resource: 'targetGroup', operation: 'get', companyId: company(), targetGroupId: locator(groupId, 'id') }));
		expect(group).toMatchObject({ resourceId: groupId, name: 'Finance', priority: 'High' });
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'GET', path: `/api/target-groups/${groupId}` });
		expect(fixture.apiRequests()[0].headers['x-keepnet-company-id']).toBe(companyId);
	});

	it('names the missing group on a 404', async () => {
		await expect(
			fixture.run({ resource: 'targetGroup', operation: 'get', companyId: company(), targetGroupId: locator('NoSuchGroup1', 'id') }),
		).rejects.toThrow(`Keepnet has no target group "NoSuchGroup1" in company "${companyId}" (HTTP 404)`);
	});
});

describe('Target Group → Get Many', () => {
	it("lists the company's groups without Keepnet's own groups by default, and with them when asked", async () => {
		const normal = jsonOf(await fixture.run({ resource: 'targetGroup', operation: 'getAll', companyId: company(), returnAll: true }));
		const systemGroupId = fixture.sandbox.ids.systemGroupByCompany[companyId];
		const expected = storedGroups().filter((group) => !group.isSystemGenerated).map((group) => group.resourceId);
		expect(normal.map((group) => group.resourceId).sort()).toEqual(expected.sort());
		expect(fixture.apiRequests()[0]).toMatchObject({ path: '/api/target-groups/search', body: { systemGeneratedGroups: false, pageNumber: 1, pageSize: 1000 } });

		const all = jsonOf(
			await fixture.run({ resource: 'targetGroup', operation: 'getAll', companyId: company(), returnAll: true, filters: { includeSystemGenerated: true } }),
		);
		expect(all.map((group) => group.resourceId)).toContain(systemGroupId);
		expect(all).toHaveLength(normal.length + 1);
	});

	it('narrows by search text, sorts as asked, and Limit fetches only what it needs', async () => {
		const found = jsonOf(
			await fixture.run({ resource: 'targetGroup', operation: 'getAll', companyId: company(), returnAll: true, filters: { searchText: 'finance' } }),
		);
		expect(found.map((group) => group.name)).toEqual(['Finance']);
		expect(JSON.stringify((fixture.apiRequests()[0].body as IDataObject).filter)).toContain('"FieldName":"Name","Operator":"Contains","Value":"finance"');

		fixture.sandbox.clearRequests();
		const limited = jsonOf(
			await fixture.run({
				resource: 'targetGroup',
				operation: 'getAll',
				companyId: company(),
				returnAll: false,
				limit: 2,
				options: { sort: { value: { field: 'Name', direction: 'asc' } } },
			}),
		);
		const names = storedGroups()
			.filter((group) => !group.isSystemGenerated)
			.map((group) => group.name)
			.sort((a, b) => a.localeCompare(b));
		expect(limited.map((group) => group.name)).toEqual(names.slice(0, 2));
		expect(fixture.apiRequests()).toHaveLength(1);
		expect(fixture.apiRequests()[0].body).toMatchObject({ pageSize: 2, orderBy: 'Name', ascending: true });
	});
});

describe('Target Group → Update', () => {
	it('changes only what is set: reads the group and writes back the name and priority Keepnet requires', async () => {
		const groupId = await createGroup('Sales Team', 'Low');
		const [updated] = jsonOf(
			await fixture.run({
				resource: 'targetGroup',
				operation: 'update',
				companyId: company(),
				targetGroupId: locator(groupId, 'id'),
				updateFields: { priority: 'VeryHigh' },
			}),
		);
		const requests = fixture.apiRequests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /api/target-groups/${groupId}`, `PUT /api/target-groups/${groupId}`]);
		// The PUT replaces the record: the name it was not asked to change goes back as stored.
		expect(requests[1].body).toEqual({ name: 'Sales Team', priority: 'VeryHigh' });
		expect(storedGroup(groupId)).toMatchObject({ name: 'Sales Team', priority: 'VeryHigh', isActive: true });
		expect(updated).toEqual({ resourceId: groupId, companyId, name: 'Sales Team', priority: 'VeryHigh' });
	});

	it('renames and deactivates a group, keeping its priority and its members', async () => {
		const groupId = seededGroup('IT Department');
		const membersBefore = [...storedGroup(groupId)!.memberIds].sort();
		await fixture.run({
			resource: 'targetGroup',
			operation: 'update',
			companyId: company(),
			targetGroupId: locator(groupId, 'id'),
			updateFields: { name: 'IT & Security', isActive: false },
		});
		expect(fixture.apiRequests()[1].body).toEqual({ name: 'IT & Security', priority: 'VeryHigh', isActive: false });
		expect(storedGroup(groupId)).toMatchObject({ name: 'IT & Security', priority: 'VeryHigh', isActive: false });
		expect([...storedGroup(groupId)!.memberIds].sort()).toEqual(membersBefore);
	});

	it('refuses an update without fields, or with a name over 64 characters, before any request', async () => {
		const base = { resource: 'targetGroup', operation: 'update', companyId: company(), targetGroupId: locator(seededGroup('Finance'), 'id') };
		await expect(fixture.run({ ...base, updateFields: {} })).rejects.toThrow('No field to update (item 0)');
		await expect(fixture.run({ ...base, updateFields: { name: 'x'.repeat(65) } })).rejects.toThrow('Name is too long: 65 characters');
		expect(fixture.sandbox.requests).toHaveLength(0);
		expect(storedGroup(seededGroup('Finance'))?.name).toBe('Finance');
	});

	it("passes on Keepnet's refusal to edit one of its own groups, and leaves it unchanged", async () => {
		const systemGroupId = fixture.sandbox.ids.systemGroupByCompany[companyId];
		await expect(
			fixture.run({ resource: 'targetGroup', operation: 'update', companyId: company(), targetGroupId: locator(systemGroupId, 'id'), updateFields: { priority: 'Low' } }),
		).rejects.toThrow(/can not be edited/);
		expect(storedGroup(systemGroupId)?.priority).toBe('VeryHigh');
	});
});

describe('Target Group → Delete', () => {
	it('deletes the group only; its users stay', async () => {
		const groupId = await createGroup('Short Lived');
		const user = fixture.sandbox.store.targetUsersOf(companyId).find((candidate) => !candidate.isDeleted)!;
		fixture.sandbox.store.addMembership(companyId, groupId, user.resourceId);
		const deleted = jsonOf(await fixture.run({ resource: 'targetGroup', operation: 'delete', companyId: company(), targetGroupId: locator(groupId, 'id') }));
		expect(deleted).toEqual([{ deleted: true, id: groupId, companyId }]);
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'DELETE', path: `/api/target-groups/${groupId}` });
		expect(storedGroup(groupId)).toBeUndefined();
		const stillThere = fixture.sandbox.store.data(companyId).targetUsers.get(user.resourceId);
		expect(stillThere?.isDeleted).toBe(false);
		expect(stillThere?.groupIds.has(groupId)).toBe(false);
	});
});

describe('Target Group → Get Members', () => {
	it('lists the members of the group, simplified by default, paged with Limit', async () => {
		const groupId = seededGroup('Finance');
		const memberIds = [...storedGroup(groupId)!.memberIds].filter((id) => fixture.sandbox.store.data(companyId).targetUsers.get(id)?.isDeleted === false);
		expect(memberIds.length).toBeGreaterThan(1);
		const members = jsonOf(
			await fixture.run({ resource: 'targetGroup', operation: 'getMembers', companyId: company(), targetGroupId: locator(groupId, 'id'), returnAll: true }),
		);
		expect(members.map((member) => member.resourceId).sort()).toEqual(memberIds.sort());
		expect(Object.keys(members[0]).every((key) => ['resourceId', 'email', 'firstName', 'lastName', 'department', 'priority', 'status', 'isActive', 'phoneNumber'].includes(key))).toBe(true);
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'POST', path: `/api/target-groups/${groupId}/users`, body: { excludeGroupUsers: false } });

		fixture.sandbox.clearRequests();
		const one = jsonOf(
			await fixture.run({ resource: 'targetGroup', operation: 'getMembers', companyId: company(), targetGroupId: locator(groupId, 'id'), limit: 1 }),
		);
		expect(one).toHaveLength(1);
		expect(fixture.apiRequests()[0].body).toMatchObject({ pageNumber: 1, pageSize: 1 });
	});

	it('narrows the members by search text', async () => {
		const groupId = seededGroup('Finance');
		const member = fixture.sandbox.store.data(companyId).targetUsers.get([...storedGroup(groupId)!.memberIds][0])!;
		const found = jsonOf(
			await fixture.run({
				resource: 'targetGroup',
				operation: 'getMembers',
				companyId: company(),
				targetGroupId: locator(groupId, 'id'),
				returnAll: true,
				filters: { searchText: member.email },
			}),
		);
		expect(found.map((row) => row.resourceId)).toEqual([member.resourceId]);
	});
});
