import type { IDataObject } from 'n8n-workflow';

import { binaryBuffer } from '../../support/harness';
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
const storedUsers = () => fixture.sandbox.store.targetUsersOf(companyId);
const liveUser = () => storedUsers().find((user) => !user.isDeleted && user.isActive)!;

describe('Target User → Create', () => {
	it('sends one POST with the scope header and exactly the fields set, and returns the ID and what was written', async () => {
		const result = await fixture.run({
			resource: 'targetUser',
			operation: 'create',
			companyId: company(),
			email: 'ada.lovelace@globex-new.example',
			phoneNumber: '+441234567890',
			additionalFields: { firstName: 'Ada', lastName: 'Lovelace', department: 'R&D', priority: 'High' },
		});

		const requests = fixture.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/target-users', status: 200 });
		expect(requests[0].headers['x-keepnet-company-id']).toBe(companyId);
		expect(requests[0].headers['content-type']).toContain('application/json');
		expect(requests[0].body).toEqual({
			email: 'ada.lovelace@globex-new.example',
			phoneNumber: '+441234567890',
			firstName: 'Ada',
			lastName: 'Lovelace',
			department: 'R&D',
			priority: 'High',
		});

		const [output] = result.output[0];
		expect(output.pairedItem).toEqual({ item: 0 });
		const stored = fixture.sandbox.store.findTargetUserByEmail(companyId, 'ada.lovelace@globex-new.example');
		expect(stored?.companyId).toBe(companyId);
		expect(output.json).toEqual({
			resourceId: stored?.resourceId,
			companyId,
			email: 'ada.lovelace@globex-new.example',
			phoneNumber: '+441234567890',
			firstName: 'Ada',
			lastName: 'Lovelace',
			department: 'R&D',
			priority: 'High',
		});
	});

	it('maps each input item through expressions and keeps input order and pairing with concurrency', async () => {
		const rows = Array.from({ length: 12 }, (_, index) => ({ mail: `batch${index}@globex-new.example`, phone: `+4470000000${index}` }));
		const result = await fixture.run(
			{
				resource: 'targetUser',
				operation: 'create',
				companyId: company(),
				email: '={{ $json.mail }}',
				phoneNumber: '={{ $json.phone }}',
				options: { concurrency: 5 },
			},
			{ items: items(...rows) },
		);
		const outputs = result.output[0];
		expect(outputs.map((item) => item.json.email)).toEqual(rows.map((row) => row.mail));
		expect(outputs.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		expect(fixture.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(12);
	});

	it('Map Automatically reads the fields from the input item', async () => {
		const result = await fixture.run(
			{ resource: 'targetUser', operation: 'create', companyId: company(), mappingMode: 'autoMapInputData' },
			{ items: items({ 'E-mail': 'auto.map@globex-new.example', phone: '+4411', firstName: 'Auto', Department: 'Ops', active: 'no' }) },
		);
		expect(fixture.apiRequests()[0].body).toEqual({ email: 'auto.map@globex-new.example', phoneNumber: '+4411', firstName: 'Auto', department: 'Ops', isActive: false });
		expect(jsonOf(result)[0]).toMatchObject({ email: 'auto.map@globex-new.example' });
	});

	it('refuses a missing phone number before sending anything, naming the field and the item', async () => {
		const run = fixture.run(
			{ resource: 'targetUser', operation: 'create', companyId: company(), email: '={{ $json.email }}', phoneNumber: '={{ $json.phone }}' },
			{ items: items({ email: 'ok1@globex-new.example', phone: '+1' }, { email: 'ok2@globex-new.example', phone: '' }) },
		);
		await expect(run).rejects.toThrow('Phone Number is required (item 1)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('with Continue On Fail, a bad row becomes an error item paired to its input and the others are created', async () => {
		const result = await fixture.run(
			{ resource: 'targetUser', operation: 'create', companyId: company(), email: '={{ $json.email }}', phoneNumber: '+15550001' },
			{ items: items({ email: 'good-a@globex-new.example' }, { email: 'not-an-email' }, { email: 'good-b@globex-new.example' }), continueOnFail: true },
		);
		const outputs = result.output[0];
		expect(outputs).toHaveLength(3);
		expect(outputs[1]).toMatchObject({ json: { email: 'not-an-email' }, pairedItem: { item: 1 } });
		expect(String(outputs[1].json.error)).toMatch(/Email "not-an-email" is not a valid email address/);
		expect(outputs[0].json.resourceId).toEqual(expect.any(String));
		expect(outputs[2].json.resourceId).toEqual(expect.any(String));
		expect(fixture.apiRequests().map((request) => request.body)).toEqual([
			{ email: 'good-a@globex-new.example', phoneNumber: '+15550001' },
			{ email: 'good-b@globex-new.example', phoneNumber: '+15550001' },
		]);
	});

	it('refuses names over the create limit (256) and says the limit', async () => {
		await expect(
			fixture.run({
				resource: 'targetUser',
				operation: 'create',
				companyId: company(),
				email: 'long@globex-new.example',
				phoneNumber: '+1555',
				additionalFields: { firstName: 'x'.repeat(257) },
			}),
		).rejects.toThrow('First Name is too long: 257 characters, Keepnet accepts at most 256 (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('turns Keepnet’s 400 validation answer into an error that quotes the validation messages', async () => {
		const existing = liveUser();
		const error = await fixture
			.run({ resource: 'targetUser', operation: 'create', companyId: company(), email: existing.email, phoneNumber: '+1555' })
			.catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/^Keepnet rejected the input: .*already exists/i);
	});
});

describe('Target User → Create or Update', () => {
	it('updates the user with that email, keeping the fields it does not set, and creates the others', async () => {
		const existing = liveUser();
		const before = { ...existing };
		const result = await fixture.run(
			{
				resource: 'targetUser',
				operation: 'upsert',
				companyId: company(),
				email: '={{ $json.email }}',
				phoneNumber: '={{ $json.phone }}',
				additionalFields: { department: '={{ $json.department }}' },
			},
			{
				items: items(
					{ email: existing.email.toUpperCase(), phone: '+4411111111', department: 'Security' },
					{ email: 'brand.new@globex-new.example', phone: '+4422222222', department: 'Sales' },
				),
			},
		);
		const [updated, created] = jsonOf(result);
		expect(updated).toMatchObject({ action: 'updated', resourceId: existing.resourceId, department: 'Security', phoneNumber: '+4411111111' });
		expect(created).toMatchObject({ action: 'created', email: 'brand.new@globex-new.example', department: 'Sales' });

		const after = fixture.sandbox.store.findTargetUserByEmail(companyId, existing.email)!;
		expect(after.department).toBe('Security');
		expect(after.firstName).toBe(before.firstName);
		expect(after.lastName).toBe(before.lastName);
		const put = fixture.apiRequests().find((request) => request.method === 'PUT')!;
		expect(put.path).toBe(`/api/target-users/${existing.resourceId}`);
		expect(put.body).toMatchObject({ firstName: before.firstName, lastName: before.lastName, department: 'Security' });
		for (const request of fixture.apiRequests()) expect(request.headers['x-keepnet-company-id']).toBe(companyId);
	});

	it('never creates the same email twice, even when it appears twice in one concurrent batch', async () => {
		const email = 'twice@globex-new.example';
		const result = await fixture.run(
			{ resource: 'targetUser', operation: 'upsert', companyId: company(), email, phoneNumber: '={{ $json.phone }}', options: { concurrency: 10 } },
			{ items: items({ phone: '+1000' }, { phone: '+2000' }, { phone: '+3000' }) },
		);
		expect(jsonOf(result).map((json) => json.action)).toEqual(['created', 'updated', 'updated']);
		expect(storedUsers().filter((user) => user.email === email)).toHaveLength(1);
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, email)?.phoneNumber).toBe('+3000');
	});

	it('applies the stricter update limits up front (First Name max 40)', async () => {
		await expect(
			fixture.run({
				resource: 'targetUser',
				operation: 'upsert',
				companyId: company(),
				email: 'limits@globex-new.example',
				phoneNumber: '+1',
				additionalFields: { firstName: 'y'.repeat(41) },
			}),
		).rejects.toThrow('First Name is too long: 41 characters, Keepnet accepts at most 40');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Target User → Get', () => {
	it('gets one user by ID, simplified by default and raw on request', async () => {
		const user = liveUser();
		const simple = jsonOf(await fixture.run({ resource: 'targetUser', operation: 'get', companyId: company(), targetUserId: locator(user.resourceId, 'id') }))[0];
		expect(simple).toMatchObject({ resourceId: user.resourceId, email: user.email });
		expect(simple).not.toHaveProperty('customFieldValues');
		const raw = jsonOf(
			await fixture.run({ resource: 'targetUser', operation: 'get', companyId: company(), targetUserId: locator(user.resourceId, 'id'), simplify: false }),
		)[0];
		expect(raw).toHaveProperty('customFieldValues');
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'GET', path: `/api/target-users/${user.resourceId}` });
	});

	it('names the missing ID on a 404', async () => {
		await expect(
			fixture.run({ resource: 'targetUser', operation: 'get', companyId: company(), targetUserId: locator('NoSuchUser01', 'id') }),
		).rejects.toThrow(`Keepnet has no target user "NoSuchUser01" in company "${companyId}" (HTTP 404)`);
	});

});

describe('Target User → Get Many', () => {
	it('Return All fetches pages of 1000 and stops at the last page; Limit fetches only what it needs', async () => {
		const all = jsonOf(await fixture.run({ resource: 'targetUser', operation: 'getAll', companyId: company(), returnAll: true }));
		const liveCount = storedUsers().filter((user) => !user.isDeleted).length;
		expect(all).toHaveLength(liveCount);
		const searches = fixture.apiRequests();
		expect(searches).toHaveLength(1);
		expect(searches[0].body).toMatchObject({ pageNumber: 1, pageSize: 1000 });

		fixture.sandbox.clearRequests();
		const limited = jsonOf(await fixture.run({ resource: 'targetUser', operation: 'getAll', companyId: company(), returnAll: false, limit: 3 }));
		expect(limited).toHaveLength(3);
		expect(fixture.apiRequests()).toHaveLength(1);
		expect(fixture.apiRequests()[0].body).toMatchObject({ pageNumber: 1, pageSize: 3 });
	});

	it('sends filters as Keepnet filter items and sorts as asked', async () => {
		const user = liveUser();
		const result = jsonOf(
			await fixture.run({
				resource: 'targetUser',
				operation: 'getAll',
				companyId: company(),
				returnAll: true,
				filters: { email: user.email },
				options: { sort: { value: { field: 'email', direction: 'asc' } } },
			}),
		);
		expect(result.map((json) => json.resourceId)).toEqual([user.resourceId]);
		const body = fixture.apiRequests()[0].body as IDataObject;
		expect(body).toMatchObject({ orderBy: 'email', ascending: true });
		expect(JSON.stringify(body.filter)).toContain(`"FieldName":"Email","Operator":"Equals","Value":"${user.email}"`);
		expect(body.filter).not.toBeNull();
	});

});

describe('Target User → Update', () => {
	it('updates only the fields set (read, merge, write back)', async () => {
		const user = liveUser();
		const result = jsonOf(
			await fixture.run({
				resource: 'targetUser',
				operation: 'update',
				companyId: company(),
				targetUserId: locator(user.resourceId, 'id'),
				updateFields: { department: 'Legal' },
			}),
		)[0];
		expect(result).toMatchObject({ resourceId: user.resourceId, department: 'Legal', email: user.email });
		expect(fixture.apiRequests().map((request) => request.method)).toEqual(['GET', 'PUT']);
		const stored = fixture.sandbox.store.findTargetUserByEmail(companyId, user.email)!;
		expect(stored.department).toBe('Legal');
		expect(stored.firstName).toBe(user.firstName);
	});

});

describe('Target User → Delete', () => {
	it('deletes and returns { deleted: true, id }', async () => {
		const user = liveUser();
		const result = jsonOf(
			await fixture.run({ resource: 'targetUser', operation: 'delete', companyId: company(), targetUserId: locator(user.resourceId, 'id') }),
		);
		expect(result).toEqual([{ deleted: true, id: user.resourceId, companyId }]);
		expect(storedUsers().find((stored) => stored.resourceId === user.resourceId)?.isDeleted).toBe(true);
	});
});

describe('Target User → Export', () => {
	it.each([
		['csv', 'text/csv', '.csv', (buffer: Buffer) => expect(buffer.toString('utf8').split('\n')[0]).toMatch(/email/i)],
		['excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.xlsx', (buffer: Buffer) => expect(buffer.subarray(0, 2).toString()).toBe('PK')],
		['pdf', 'application/pdf', '.pdf', (buffer: Buffer) => expect(buffer.subarray(0, 5).toString()).toBe('%PDF-')],
	])('exports %s into a binary property with file name and MIME type', async (format, mimeType, extension, checkContent) => {
		const result = await fixture.run({ resource: 'targetUser', operation: 'export', companyId: company(), fileFormat: format, binaryPropertyName: 'file' });
		const [item] = result.output[0];
		expect(item.binary?.file?.mimeType).toBe(mimeType);
		// No name cached by the picker (as when the ID is typed in): the name is read from Keepnet, after the export.
		expect(item.binary?.file?.fileName).toBe(`Target Users ${fixture.sandbox.store.companies.get(companyId)?.name}${extension}`);
		const buffer = await binaryBuffer(item, 'file');
		checkContent(buffer);
		expect(item.json).toMatchObject({ fileFormat: format, fileSize: buffer.length });
		const request = fixture.apiRequests()[0];
		expect(request).toMatchObject({ method: 'POST', path: '/api/target-users/search/export' });
		expect(request.body).toMatchObject({ reportAllPages: true });
	});

	it('names the file after the company the picker showed, without asking Keepnet for it', async () => {
		const result = await fixture.run({
			resource: 'targetUser',
			operation: 'export',
			companyId: { __rl: true, mode: 'list', value: companyId, cachedResultName: 'Initech: EMEA/UK' },
			fileFormat: 'csv',
			binaryPropertyName: 'data',
		});
		const [item] = result.output[0];
		expect(item.binary?.data?.fileName).toBe('Target Users Initech_ EMEA_UK.csv');
		expect(item.json.fileName).toBe('Target Users Initech_ EMEA_UK.csv');
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/target-users/search/export']);
	});

	it('exports a filtered list: only matching users are in the file', async () => {
		const user = liveUser();
		const result = await fixture.run({
			resource: 'targetUser',
			operation: 'export',
			companyId: company(),
			fileFormat: 'csv',
			binaryPropertyName: 'data',
			filters: { email: user.email },
		});
		const csv = (await binaryBuffer(result.output[0][0], 'data')).toString('utf8').trim().split('\n');
		expect(csv).toHaveLength(2);
		expect(csv[1]).toContain(user.email);
	});

	it('refuses Put Output File in Field given as a list, like every other text field, before any request', async () => {
		const run = fixture.run({ resource: 'targetUser', operation: 'export', companyId: company(), fileFormat: 'csv', binaryPropertyName: '={{ ["a", "b"] }}' });
		await expect(run).rejects.toThrow('Put Output File in Field is a list, not text (item 0)');
		expect(fixture.apiRequests()).toHaveLength(0);
	});
});

describe('Target User → Get Count Summary', () => {
	it('gets the count summary of the selected company', async () => {
		const [summary] = jsonOf(await fixture.run({ resource: 'targetUser', operation: 'getCountSummary', companyId: company() }));
		const users = storedUsers();
		expect(summary).toMatchObject({
			companyId,
			totalNumberOfActiveUsers: users.filter((user) => !user.isDeleted && user.isActive).length,
			totalNumberOfDeletedUsers: users.filter((user) => user.isDeleted).length,
		});
		expect(fixture.apiRequests()[0].headers['x-keepnet-company-id']).toBe(companyId);
	});

});

describe('Target User → Add to Groups', () => {
	it('adds a user to the chosen groups', async () => {
		const user = liveUser();
		const groups = fixture.sandbox.ids.targetGroupsByCompany[companyId];
		const groupIds = [groups.Finance, groups['IT Department']];
		await fixture.run({ resource: 'targetUser', operation: 'addToGroups', companyId: company(), targetUserId: locator(user.resourceId, 'id'), targetGroupIds: groupIds });
		expect(fixture.apiRequests()[0]).toMatchObject({
			method: 'PUT',
			path: '/api/target-groups/users',
			body: { targetUserResourceIds: [user.resourceId], targetGroupResourceIds: groupIds, selectAll: false },
		});
		expect([...fixture.sandbox.store.findTargetUserByEmail(companyId, user.email)!.groupIds]).toEqual(expect.arrayContaining(groupIds));
	});
});

describe('Target User → Remove From Groups', () => {
	it('removes a user from the chosen groups, one request per group', async () => {
		const user = liveUser();
		const groups = fixture.sandbox.ids.targetGroupsByCompany[companyId];
		const groupIds = [groups.Finance, groups['IT Department']];
		for (const id of groupIds) fixture.sandbox.store.addMembership(companyId, id, user.resourceId);
		const removed = jsonOf(
			await fixture.run({ resource: 'targetUser', operation: 'removeFromGroups', companyId: company(), targetUserId: locator(user.resourceId, 'id'), targetGroupIds: groupIds }),
		);
		expect(removed[0]).toMatchObject({ removedFromGroups: groupIds });
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual(groupIds.map((id) => `DELETE /api/target-groups/${id}/users`));
		const membership = fixture.sandbox.store.findTargetUserByEmail(companyId, user.email)!.groupIds;
		for (const id of groupIds) expect(membership.has(id)).toBe(false);
	});
});

describe('Company scope (the Company picker of every Target User operation)', () => {
	it('refuses a company the Reseller does not manage (403) and never falls back to its own company', async () => {
		const unmanaged = fixture.sandbox.ids.unmanagedCompanyId;
		const ownCountBefore = fixture.sandbox.store.targetUsersOf(fixture.sandbox.ids.resellerCompanyId).length;
		await expect(
			fixture.run({ resource: 'targetUser', operation: 'create', companyId: locator(unmanaged, 'id'), email: 'x@acme.example', phoneNumber: '+1' }),
		).rejects.toThrow(`Keepnet refused access to company "${unmanaged}" (HTTP 403)`);
		expect(fixture.apiRequests().every((request) => request.headers['x-keepnet-company-id'] === unmanaged)).toBe(true);
		expect(fixture.sandbox.store.targetUsersOf(fixture.sandbox.ids.resellerCompanyId)).toHaveLength(ownCountBefore);
	});

	it('reports an unknown company as 404', async () => {
		await expect(
			fixture.run({ resource: 'targetUser', operation: 'getCountSummary', companyId: locator('UnknownCo123', 'id') }),
		).rejects.toThrow(/HTTP 404/);
	});

	it.each([['abc\r\nX-Evil: 1'], ['has space'], ['a/b']])('n8n itself refuses the typed company ID %j (By ID validation) before any request', async (bad) => {
		await expect(fixture.run({ resource: 'targetUser', operation: 'getCountSummary', companyId: locator(bad, 'id') })).rejects.toThrow(
			/Not a valid Keepnet company ID/,
		);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it.each([['abc\r\nX-Evil: 1', /is not a Keepnet ID/], ['has space', /is not a Keepnet ID/], ['a/b', /is not a Keepnet ID/], ['', /Company is empty/]])(
		'refuses the company ID %j coming from an expression, naming the item, before any request',
		async (bad, problem) => {
			const run = fixture.run(
				{ resource: 'targetUser', operation: 'getCountSummary', companyId: locator('={{ $json.company }}', 'id') },
				{ items: items({ company: companyId }, { company: bad }) },
			);
			await expect(run).rejects.toThrow(problem);
			await expect(run).rejects.toThrow(/\(item 1\)/);
			expect(fixture.sandbox.requests).toHaveLength(0);
		},
	);
});
