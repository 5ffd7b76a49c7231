/**
 * Target user writes keep what Keepnet stored (its PUT replaces the record) and check every item before
 * the first request. Each test asserts what the sandbox stores afterwards.
 */
import { LOOKUP_TYPE, LOOKUPS, TIME_ZONES } from '../../sandbox/lookups';
import type { TargetUserFields, TargetUserRecord } from '../../sandbox/store';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;
let serial = 0;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[1];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

/** A user as Keepnet's create (limits 256) may have stored it: every field set, custom field values included. */
function seedUser(overrides: Partial<TargetUserFields> = {}): TargetUserRecord {
	serial++;
	return fixture.sandbox.store.addTargetUser(companyId, {
		email: `writes${serial}@globex-new.example`,
		phoneNumber: '+441234500000',
		firstName: 'Grace',
		lastName: 'Hopper',
		department: 'Engineering',
		priority: 'High',
		isActive: true,
		timeZoneId: TIME_ZONES[0].id,
		preferredLanguageId: LOOKUPS[LOOKUP_TYPE.language][0].resourceId,
		managerFirstName: 'Ada',
		managerLastName: 'Lovelace',
		managerEmail: 'ada@globex-new.example',
		customFieldValues: [
			{ resourceId: 'CfCostCentre', name: 'Cost Centre', dataType: 'Text', value: 'CC-42', timestampValue: null },
			{ resourceId: 'CfStartDate', name: 'Start Date', dataType: 'Date', value: null, timestampValue: '2025-03-01T00:00:00Z' },
		],
		...overrides,
	});
}

/** The stored record without the fields an update is expected to change. */
function snapshot(user: TargetUserRecord) {
	const { updateTime: _updateTime, groupIds, ...rest } = structuredClone({ ...user, groupIds: [...user.groupIds] });
	return { ...rest, groupIds };
}

const company = () => locator(companyId);

describe('Target User → Update: keeps what Keepnet stored', () => {
	it('Update of one field keeps custom field values and every other stored field', async () => {
		const user = seedUser();
		const before = snapshot(user);
		await fixture.run({ resource: 'targetUser', operation: 'update', companyId: company(), targetUserId: locator(user.resourceId, 'id'), updateFields: { department: 'Legal' } });
		expect(snapshot(fixture.sandbox.store.data(companyId).targetUsers.get(user.resourceId)!)).toEqual({ ...before, department: 'Legal' });
	});

	it('refuses, before the PUT, a stored first name over the update limit; naming item, field, length, limit and fix; nothing is truncated', async () => {
		const user = seedUser({ firstName: 'F'.repeat(100) });
		const run = fixture.run({ resource: 'targetUser', operation: 'update', companyId: company(), targetUserId: locator(user.resourceId, 'id'), updateFields: { department: 'Legal' } });
		await expect(run).rejects.toThrow(
			`The stored First Name of target user "${user.resourceId}" is 100 characters, but Keepnet's update accepts at most 40 (item 0)`,
		);
		await expect(run).rejects.toMatchObject({ description: expect.stringContaining('Set First Name in this node to a value of 40 characters or fewer') });
		expect(fixture.apiRequests().map((request) => request.method)).toEqual(['GET']);
		expect(fixture.sandbox.store.data(companyId).targetUsers.get(user.resourceId)).toMatchObject({ firstName: 'F'.repeat(100), department: 'Engineering' });

		// The fix the message names: set the field in the node; the update then goes through.
		await fixture.run({ resource: 'targetUser', operation: 'update', companyId: company(), targetUserId: locator(user.resourceId, 'id'), updateFields: { firstName: 'Fred', department: 'Legal' } });
		expect(fixture.sandbox.store.data(companyId).targetUsers.get(user.resourceId)).toMatchObject({ firstName: 'Fred', department: 'Legal' });
	});
});

describe('Target User → Create or Update: keeps what Keepnet stored', () => {
	it('Create or Update of an existing email keeps custom field values and every field it does not set', async () => {
		const user = seedUser();
		const before = snapshot(user);
		const [result] = jsonOf(
			await fixture.run({ resource: 'targetUser', operation: 'upsert', companyId: company(), email: user.email, phoneNumber: '+449999', additionalFields: { lastName: 'Murray' } }),
		);
		expect(result.action).toBe('updated');
		expect(snapshot(fixture.sandbox.store.data(companyId).targetUsers.get(user.resourceId)!)).toEqual({ ...before, phoneNumber: '+449999', lastName: 'Murray' });
	});

	it('Create or Update refuses a stored department over 64 the same way, and sends no PUT', async () => {
		const user = seedUser({ department: 'D'.repeat(70) });
		await expect(fixture.run({ resource: 'targetUser', operation: 'upsert', companyId: company(), email: user.email, phoneNumber: '+1' })).rejects.toThrow(
			/The stored Department of target user .* is 70 characters, but Keepnet's update accepts at most 64 \(item 0\)/,
		);
		expect(fixture.apiRequests().some((request) => request.method === 'PUT')).toBe(false);
		expect(fixture.sandbox.store.data(companyId).targetUsers.get(user.resourceId)?.department).toBe('D'.repeat(70));
	});
});

describe('Target User → Create: every item is checked before the first request', () => {
	it('an Email expression that resolves to undefined (the item lacks the field) counts as missing', async () => {
		const count = fixture.sandbox.store.targetUsersOf(companyId).length;
		await expect(
			fixture.run(
				{ resource: 'targetUser', operation: 'create', companyId: company(), email: '={{ $json.email }}', phoneNumber: '={{ $json.phone }}' },
				{ items: items({ email: 'ok1@globex-new.example', phone: '+1' }, { phone: '+2' }) },
			),
		).rejects.toThrow('Email is required (item 1)');
		expect(fixture.apiRequests()).toHaveLength(0);
		expect(fixture.sandbox.store.targetUsersOf(companyId)).toHaveLength(count);
	});

	it('a Phone Number expression that resolves to undefined counts as missing', async () => {
		await expect(
			fixture.run(
				{ resource: 'targetUser', operation: 'create', companyId: company(), email: '={{ $json.email }}', phoneNumber: '={{ $json.phone }}' },
				{ items: items({ email: 'ok2@globex-new.example' }) },
			),
		).rejects.toThrow('Phone Number is required (item 0)');
		expect(fixture.apiRequests()).toHaveLength(0);
	});

	it('refuses an object or a list where text is expected, naming field and item', async () => {
		await expect(
			fixture.run(
				{ resource: 'targetUser', operation: 'create', companyId: company(), email: '={{ $json.email }}', phoneNumber: '+1', additionalFields: { firstName: '={{ $json.name }}' } },
				{ items: items({ email: 'obj@globex-new.example', name: 'Jo' }, { email: 'obj2@globex-new.example', name: { first: 'Jo' } }) },
			),
		).rejects.toThrow('First Name is an object, not text (item 1)');
		await expect(
			fixture.run({ resource: 'targetUser', operation: 'create', mappingMode: 'autoMapInputData', companyId: company() }, { items: items({ email: 'list@globex-new.example', phone: '+1', department: ['a', 'b'] }) }),
		).rejects.toThrow('Department is a list, not text (item 0)');
		expect(fixture.apiRequests()).toHaveLength(0);
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'obj@globex-new.example')).toBeUndefined();
	});

	it('accepts Active as the usual true/false spellings from a sheet and refuses anything else', async () => {
		const rows = [
			{ email: 'act-false@globex-new.example', phone: '+1', active: 'false' },
			{ email: 'act-no@globex-new.example', phone: '+1', active: 'No' },
			{ email: 'act-zero@globex-new.example', phone: '+1', active: 0 },
			{ email: 'act-yes@globex-new.example', phone: '+1', active: 'yes' },
		];
		await fixture.run({ resource: 'targetUser', operation: 'create', mappingMode: 'autoMapInputData', companyId: company() }, { items: items(...rows) });
		const active = rows.map((row) => fixture.sandbox.store.findTargetUserByEmail(companyId, row.email)?.isActive);
		expect(active).toEqual([false, false, false, true]);

		fixture.sandbox.clearRequests();
		await expect(
			fixture.run(
				{ resource: 'targetUser', operation: 'create', companyId: company(), email: '={{ $json.email }}', phoneNumber: '+1', additionalFields: { isActive: '={{ $json.active }}' } },
				{ items: items({ email: 'act-odd@globex-new.example', active: 'perhaps' }) },
			),
		).rejects.toThrow('Active "perhaps" is not true or false (item 0)');
		expect(fixture.apiRequests()).toHaveLength(0);
	});
});
