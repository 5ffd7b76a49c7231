/**
 * Create or Update with many items for one company reads the company's users once (paged /search) instead of one
 * search-email per item; the full record is still read (GET) before each PUT, so an update keeps every stored field.
 */
import { LOOKUP_TYPE, LOOKUPS, TIME_ZONES } from '../../sandbox/lookups';
import type { TargetUserRecord } from '../../sandbox/store';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture({ seed: { targetUserCounts: [25, 25, 25, 12, 12] } });
});
afterAll(async () => await fixture.close());
afterEach(() => {
	fixture.sandbox.faults.failNext = [];
});

const upsertParameters = (companyId: string) => ({
	resource: 'targetUser',
	operation: 'upsert',
	companyId: locator(companyId),
	email: '={{ $json.email }}',
	phoneNumber: '={{ $json.phone }}',
	additionalFields: { department: '={{ $json.department }}' },
	options: { concurrency: 8 },
});

function domainOf(companyId: string): string {
	return new URL(fixture.sandbox.store.companies.get(companyId)?.websiteUrl ?? 'https://x.example').hostname.replace(/^www\./, '');
}

/** 12 existing users (one in capitals, one twice), 18 new ones (one of them twice): 32 items. */
function batchFor(companyId: string) {
	const existing = fixture.sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted);
	const rows = existing.map((user, index) => ({ email: index === 0 ? user.email.toUpperCase() : user.email, phone: `+44100${index}`, department: `Updated ${index}` }));
	rows.push({ email: existing[1].email, phone: '+449999', department: 'Updated twice' });
	const domain = domainOf(companyId);
	for (let index = 0; index < 18; index++) rows.push({ email: `newcomer.${index}@${domain}`, phone: `+44200${index}`, department: 'New' });
	rows.push({ email: `newcomer.3@${domain}`, phone: '+448888', department: 'New twice' });
	return { existing: existing.map((user) => ({ ...user, customFieldValues: user.customFieldValues.map((field) => ({ ...field })) })), rows };
}

describe('Target User → Create or Update, many items for one company', () => {
	it('one paged read instead of a search-email per item; every user once, updates keep stored fields, outcomes paired', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const { existing, rows } = batchFor(companyId);
		fixture.sandbox.clearRequests();
		const result = await fixture.run(upsertParameters(companyId), { items: rows.map((json) => ({ json })) });

		const requests = fixture.apiRequests();
		const count = (method: string, path: RegExp) => requests.filter((request) => request.method === method && path.test(request.path)).length;
		expect(count('POST', /^\/api\/target-users\/search$/)).toBe(1);
		expect(count('POST', /^\/api\/target-users\/search-email$/)).toBe(0);
		expect(count('POST', /^\/api\/target-users$/)).toBe(18);
		// 12 existing + the repeat of one of them + the repeat of a newcomer: each read in full, then written.
		expect(count('GET', /^\/api\/target-users\/[A-Za-z0-9]+$/)).toBe(14);
		expect(count('PUT', /^\/api\/target-users\/[A-Za-z0-9]+$/)).toBe(14);

		const output = result.output[0];
		expect(output.map((item) => item.pairedItem)).toEqual(rows.map((_, index) => ({ item: index })));
		expect(jsonOf(result).map((json) => json.action)).toEqual([...existing.map(() => 'updated'), 'updated', ...Array.from({ length: 18 }, () => 'created'), 'updated']);

		const live = fixture.sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted);
		const emails = live.map((user) => user.email.toLowerCase());
		expect(new Set(emails).size).toBe(emails.length);
		expect(live).toHaveLength(existing.length + 18);
		for (const [index, before] of existing.entries()) {
			const after = fixture.sandbox.store.findTargetUserByEmail(companyId, before.email)!;
			expect(after.resourceId).toBe(before.resourceId);
			expect(after.department).toBe(index === 1 ? 'Updated twice' : `Updated ${index}`);
			// Fields the workflow does not set keep their stored values.
			expect(after.firstName).toBe(before.firstName);
			expect(after.lastName).toBe(before.lastName);
			expect(after.priority).toBe(before.priority);
			expect(after.isActive).toBe(before.isActive);
		}
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, `newcomer.3@${domainOf(companyId)}`)?.phoneNumber).toBe('+448888');
	});

	it('falls back to one search-email per item when the company cannot be read, with the same stored result', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[4];
		const { existing, rows } = batchFor(companyId);
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.failNext.push({ match: { method: 'POST', path: '/api/target-users/search' }, status: 403 });
		const result = await fixture.run(upsertParameters(companyId), { items: rows.map((json) => ({ json })) });

		const requests = fixture.apiRequests();
		expect(requests.filter((request) => request.path === '/api/target-users/search-email')).toHaveLength(rows.length);
		expect(requests.filter((request) => request.method === 'POST' && request.path === '/api/target-users')).toHaveLength(18);
		expect(jsonOf(result).filter((json) => json.action === 'created')).toHaveLength(18);
		const live = fixture.sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted);
		expect(live).toHaveLength(existing.length + 18);
		expect(new Set(live.map((user) => user.email.toLowerCase())).size).toBe(live.length);
	});

	it('a few items (below the threshold) keep the per-item lookup: no company read', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[0];
		fixture.sandbox.clearRequests();
		const domain = domainOf(companyId);
		await fixture.run(upsertParameters(companyId), { items: [{ json: { email: `few.1@${domain}`, phone: '+4401', department: 'X' } }] });
		const paths = fixture.apiRequests().map((request) => `${request.method} ${request.path}`);
		expect(paths).toEqual(['POST /api/target-users/search-email', 'POST /api/target-users']);
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, `few.1@${domain}`)).toBeDefined();
	});

	it('through the company read, an update still carries custom field values and every stored field, and a stored value over an update limit is refused before its PUT (issue 10)', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[2];
		const domain = domainOf(companyId);
		const full = (local: string, department: string): TargetUserRecord =>
			fixture.sandbox.store.addTargetUser(companyId, {
				email: `${local}@${domain}`,
				phoneNumber: '+441234500000',
				firstName: 'Grace',
				lastName: 'Hopper',
				department,
				priority: 'High',
				isActive: false,
				timeZoneId: TIME_ZONES[0].id,
				preferredLanguageId: LOOKUPS[LOOKUP_TYPE.language][0].resourceId,
				managerFirstName: 'Ada',
				managerLastName: 'Lovelace',
				managerEmail: `ada@${domain}`,
				customFieldValues: [
					{ resourceId: 'CfCostCentre', name: 'Cost Centre', dataType: 'Text', value: 'CC-42', timestampValue: null },
					{ resourceId: 'CfStartDate', name: 'Start Date', dataType: 'Date', value: null, timestampValue: '2025-03-01T00:00:00Z' },
				],
			});
		const snapshot = (user: TargetUserRecord) => {
			const { updateTime: _updateTime, groupIds, ...rest } = structuredClone({ ...user, groupIds: [...user.groupIds] });
			return { ...rest, groupIds };
		};
		const kept = [full('kept.one', 'Engineering'), full('kept.two', 'Finance')];
		const overLimit = full('over.limit', 'D'.repeat(70));
		const before = new Map([...kept, overLimit].map((user) => [user.resourceId, snapshot(user)]));
		const rows: Array<Record<string, string>> = [
			{ email: kept[0].email, phone: '+447000001', department: 'Legal' },
			// No department in the row: the stored one (70 characters, over the update limit of 64) would be sent back.
			{ email: overLimit.email, phone: '+447000002' },
			{ email: kept[1].email.toUpperCase(), phone: '+447000003', department: 'Audit' },
		];
		for (let index = 0; index < 20; index++) rows.push({ email: `arrival.${index}@${domain}`, phone: `+44300${index}`, department: 'New' });
		fixture.sandbox.clearRequests();
		const result = await fixture.run(upsertParameters(companyId), { items: rows.map((json) => ({ json })), continueOnFail: true });

		const requests = fixture.apiRequests();
		expect(requests.filter((request) => request.method === 'POST' && request.path === '/api/target-users/search')).toHaveLength(1);
		expect(requests.filter((request) => request.path === '/api/target-users/search-email')).toHaveLength(0);
		// Each existing user read in full before its update; the refused one gets no PUT.
		const gets = requests.filter((request) => request.method === 'GET').map((request) => request.path);
		expect(gets.sort()).toEqual([...kept, overLimit].map((user) => `/api/target-users/${user.resourceId}`).sort());
		const puts = requests.filter((request) => request.method === 'PUT').map((request) => request.path);
		expect(puts.sort()).toEqual(kept.map((user) => `/api/target-users/${user.resourceId}`).sort());

		const outputs = jsonOf(result);
		expect(result.output[0].map((item) => item.pairedItem)).toEqual(rows.map((_, index) => ({ item: index })));
		expect(outputs[1].error).toMatch(/^The stored Department of target user .* is 70 characters, but Keepnet's update accepts at most 64 \(item 1\)/);
		expect(outputs.filter((json) => json.action === 'created')).toHaveLength(20);
		expect([outputs[0].action, outputs[2].action]).toEqual(['updated', 'updated']);

		const stored = (user: TargetUserRecord) => snapshot(fixture.sandbox.store.data(companyId).targetUsers.get(user.resourceId)!);
		expect(stored(kept[0])).toEqual({ ...before.get(kept[0].resourceId), phoneNumber: '+447000001', department: 'Legal' });
		// The row's email (matched without case) is what the update writes, as on the per-item path.
		expect(stored(kept[1])).toEqual({ ...before.get(kept[1].resourceId), email: kept[1].email.toUpperCase(), phoneNumber: '+447000003', department: 'Audit' });
		expect(stored(overLimit)).toEqual(before.get(overLimit.resourceId));
		// What the PUT carried: the custom field values, as Keepnet's update takes them.
		const putBody = requests.find((request) => request.method === 'PUT' && request.path.endsWith(kept[0].resourceId))?.body as { customFields?: unknown };
		expect(putBody.customFields).toEqual(kept[0].customFieldValues.map((field) => ({ ...field })));
	});
});
