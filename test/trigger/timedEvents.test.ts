/**
 * Keepnet Trigger, timestamped events, through n8n-core's poll tick (PollTriggerExecutor) against the
 * sandbox: first activation, exactly-once over several polls, the boundary timestamp, late arrivals,
 * restarts (static data stored as JSON and reloaded), a burst across pages, faults, and Fetch Test Event.
 */
import type { INodeParameters } from 'n8n-workflow';

import { PollStaticData } from '../support/harness';
import { addCustomerCompanyAt, journeyOf, updateTargetUserAt } from '../sandbox';
import { locator } from '../support/fixture';
import { ACROSS_COMPANIES_CONCURRENCY } from '../../nodes/Keepnet/actions/fanOut';
import { addUser, isoAgo, jsons, records, startTriggerFixture, type TriggerFixture } from './support';

let fixture: TriggerFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startTriggerFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[1];
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	useFreshCompany();
	fixture.sandbox.clearRequests();
	fixture.sandbox.faults.failNext.length = 0;
});

const oneCompany = (event: string, extra: INodeParameters = {}): INodeParameters => ({ event, companyScope: 'one', companyId: locator(companyId), ...extra });

let companyCounter = 0;
/** A customer of its own for a test, so that events other tests date in the future do not move its cursor. */
function useFreshCompany(): string {
	companyCounter++;
	const company = addCustomerCompanyAt(fixture.sandbox.store, fixture.sandbox.ids.resellerCompanyId, { name: `Trigger Test Co ${companyCounter}`, createTime: isoAgo(86_400_000) });
	addUser(fixture.sandbox, company.resourceId, isoAgo(3_600_000));
	companyId = company.resourceId;
	return companyId;
}

describe('New Target User', () => {
	it('emits nothing on first activation, then each new user exactly once over several polls and a restart', async () => {
		const data = new PollStaticData();
		const params = oneCompany('newTargetUser');

		const first = await fixture.tick(params, data);
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([]);
		expect(data.writes).toBe(1);

		const a = addUser(fixture.sandbox, companyId);
		const b = addUser(fixture.sandbox, companyId);
		const second = await fixture.tick(params, data);
		expect(records(second.items).map((record) => record.resourceId).sort()).toEqual([a.resourceId, b.resourceId].sort());
		const itemOfA = second.items.find((entry) => (entry.json.record as { resourceId: string }).resourceId === a.resourceId)!;
		expect(itemOfA.json).toMatchObject({ event: 'newTargetUser', eventTime: a.createTime, company: { resourceId: companyId } });
		expect(itemOfA.json.record).toMatchObject({ email: a.email, createTime: a.createTime });

		const third = await fixture.tick(params, data);
		expect(third.items).toEqual([]);

		// Restart: n8n loads the static data from the database and activates with 'init'.
		const reloaded = new PollStaticData(data.json);
		const afterRestart = await fixture.tick(params, reloaded, 'init');
		expect(afterRestart.items).toEqual([]);
		const c = addUser(fixture.sandbox, companyId);
		const afterRestartNew = await fixture.tick(params, reloaded, 'init');
		expect(records(afterRestartNew.items).map((record) => record.resourceId)).toEqual([c.resourceId]);
	});

	it('emits a user created at exactly the cursor timestamp, and a late write inside the window, once each', async () => {
		const data = new PollStaticData();
		const params = oneCompany('newTargetUser');
		await fixture.tick(params, data);
		const stamp = new Date(Date.now() + 1000).toISOString();
		const first = addUser(fixture.sandbox, companyId, stamp);
		expect(records((await fixture.tick(params, data)).items).map((r) => r.resourceId)).toEqual([first.resourceId]);

		const sameStamp = addUser(fixture.sandbox, companyId, stamp);
		const lateWrite = addUser(fixture.sandbox, companyId, new Date(Date.parse(stamp) - 60_000).toISOString());
		const tooLate = addUser(fixture.sandbox, companyId, new Date(Date.parse(stamp) - 10 * 60_000).toISOString());
		const emitted = records((await fixture.tick(params, data)).items).map((r) => r.resourceId);
		expect(emitted.sort()).toEqual([sameStamp.resourceId, lateWrite.resourceId].sort());
		expect(emitted).not.toContain(tooLate.resourceId);
		expect((await fixture.tick(params, data)).items).toEqual([]);
	});

	it('loses none of a burst of 5,000 users across 51 pages, and emits each once', async () => {
		const data = new PollStaticData();
		const params = oneCompany('newTargetUser');
		await fixture.tick(params, data);
		const base = Date.now() + 5000;
		const created = new Set<string>();
		// Groups of 10 share a timestamp: page boundaries fall inside runs of equal times.
		for (let index = 0; index < 5000; index++) created.add(addUser(fixture.sandbox, companyId, new Date(base + Math.floor(index / 10) * 1000).toISOString()).resourceId);
		fixture.sandbox.clearRequests();

		const burst = await fixture.tick(params, data);
		const ids = records(burst.items).map((record) => String(record.resourceId));
		expect(ids).toHaveLength(5000);
		expect(new Set(ids)).toEqual(created);
		const pages = fixture.apiRequests().filter((request) => request.path === '/api/target-users/search');
		expect(pages.length).toBe(51);
		// Oldest first.
		const times = jsons(burst.items).map((json) => Date.parse(String(json.eventTime)));
		expect(times).toEqual([...times].sort((x, y) => x - y));
		expect((await fixture.tick(params, data)).items).toEqual([]);
	}, 60_000);

	it.each([
		['HTTP 500', Array.from({ length: 4 }, () => ({ match: { pathPrefix: '/api/target-users/search' }, status: 500 }))],
		['HTTP 429', Array.from({ length: 6 }, () => ({ match: { pathPrefix: '/api/target-users/search' }, status: 429, headers: { 'Retry-After': '0' } }))],
		['HTTP 401', Array.from({ length: 2 }, () => ({ match: { pathPrefix: '/api/target-users/search' }, status: 401 }))],
		['a dropped connection', Array.from({ length: 4 }, () => ({ match: { pathPrefix: '/api/target-users/search' }, status: 0, dropConnection: true }))],
	])('after %s the poll emits nothing, keeps the cursor, and the next poll catches up', async (_label, failures) => {
		const data = new PollStaticData();
		const params = oneCompany('newTargetUser');
		await fixture.tick(params, data);
		const stored = data.json;
		const writes = data.writes;
		const user = addUser(fixture.sandbox, companyId);
		fixture.sandbox.faults.failNext.push(...failures);

		const failed = await fixture.tick(params, data);
		expect(failed.error).toBeDefined();
		expect(failed.items).toEqual([]);
		expect(data.json).toBe(stored);
		expect(data.writes).toBe(writes);

		const recovered = await fixture.tick(params, data);
		expect(recovered.error).toBeUndefined();
		expect(records(recovered.items).map((record) => record.resourceId)).toEqual([user.resourceId]);
	}, 30_000);

	it('with a start date, the first activation emits the users created since then', async () => {
		const since = isoAgo(60_000);
		const recent = addUser(fixture.sandbox, companyId, isoAgo(30_000));
		addUser(fixture.sandbox, companyId, isoAgo(3_600_000));
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'newTargetUser', companyScope: 'one', companyId: locator(companyId), options: { startFrom: since } };
		const first = await fixture.tick(params, data);
		expect(records(first.items).map((record) => record.resourceId)).toEqual([recent.resourceId]);
		expect((await fixture.tick(params, data)).items).toEqual([]);
	});

	it('Fetch Test Event returns the newest real user and leaves the stored cursor alone', async () => {
		const data = new PollStaticData();
		const params = oneCompany('newTargetUser');
		await fixture.tick(params, data);
		const stored = data.json;
		const newest = addUser(fixture.sandbox, companyId, new Date(Date.now() + 60_000).toISOString());
		const test = await fixture.fetchTestEvent(params, data);
		expect(records(test.items).map((record) => record.resourceId)).toEqual([newest.resourceId]);
		expect(data.json).toBe(stored);
		// The activated trigger still emits it once.
		expect(records((await fixture.tick(params, data)).items).map((record) => record.resourceId)).toEqual([newest.resourceId]);
	});

	it('All Companies I Manage: each company polled with its scope header, each event once with its company', async () => {
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'newTargetUser', companyScope: 'all' };
		const firstCompany = companyId;
		const secondCompany = useFreshCompany();
		await fixture.tick(params, data);
		const inFirst = addUser(fixture.sandbox, firstCompany, new Date(Date.now() + 3_600_000).toISOString());
		const inSecond = addUser(fixture.sandbox, secondCompany, new Date(Date.now() + 3_600_000).toISOString());
		fixture.sandbox.clearRequests();
		const result = await fixture.tick(params, data);
		const byId = new Map(jsons(result.items).map((json) => [String((json.record as { resourceId: string }).resourceId), json]));
		expect(byId.size).toBe(2);
		expect(byId.get(inFirst.resourceId)?.company).toMatchObject({ resourceId: firstCompany });
		expect(byId.get(inSecond.resourceId)?.company).toMatchObject({ resourceId: secondCompany, name: `Trigger Test Co ${companyCounter}` });
		const scopes = fixture.apiRequests().filter((request) => request.path === '/api/target-users/search').map((request) => request.headers['x-keepnet-company-id']);
		expect(new Set(scopes)).toEqual(new Set(fixture.sandbox.store.managedCompanies(fixture.sandbox.ids.resellerCompanyId).map((company) => company.resourceId)));
		expect((await fixture.tick(params, data)).items).toEqual([]);
	});

	it('All Companies I Manage: a company that drops off the list and comes back resumes from its cursor, nothing fires twice', async () => {
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'newTargetUser', companyScope: 'all' };
		const leaving = fixture.sandbox.store.companies.get(companyId)!;
		await fixture.tick(params, data);
		const announced = addUser(fixture.sandbox, companyId, new Date(Date.now() + 1000).toISOString());
		expect(records((await fixture.tick(params, data)).items).map((record) => record.resourceId)).toEqual([announced.resourceId]);
		// The reseller stops managing it: it is no longer listed, and not polled.
		leaving.parentResourceId = fixture.sandbox.ids.otherResellerCompanyId;
		fixture.sandbox.clearRequests();
		expect((await fixture.tick(params, data)).items).toEqual([]);
		expect(fixture.apiRequests().some((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(false);
		// It comes back with one user added while it was away: only that user fires.
		leaving.parentResourceId = fixture.sandbox.ids.resellerCompanyId;
		const whileAway = addUser(fixture.sandbox, companyId, new Date(Date.now() + 2000).toISOString());
		const back = await fixture.tick(params, new PollStaticData(data.json)); // after a restart, from the stored JSON
		expect(records(back.items).map((record) => record.resourceId)).toEqual([whileAway.resourceId]);
	});

	it('refuses a malformed company ID before any request', async () => {
		const data = new PollStaticData();
		const result = await fixture.tick({ event: 'newTargetUser', companyScope: 'one', companyId: locator('={{ "bad/id" }}', 'id') }, data);
		expect(result.error?.message).toMatch(/Company "bad\/id" is not a Keepnet ID/);
		expect(fixture.apiRequests()).toHaveLength(0);
		expect(data.writes).toBe(0);
	});
});

describe('New Target User, a Keepnet that never answers', () => {
	// A credential whose Timeout is 1 s, so the silent server is given up on quickly.
	let quick: TriggerFixture;
	beforeAll(async () => {
		quick = await startTriggerFixture({ timeoutSeconds: 1 });
	});
	afterAll(async () => await quick.close());

	it('a poll that times out emits nothing, keeps the cursor, and the next poll catches up', async () => {
		const company = addCustomerCompanyAt(quick.sandbox.store, quick.sandbox.ids.resellerCompanyId, { name: 'Silent Co', createTime: isoAgo(86_400_000) });
		const params: INodeParameters = { event: 'newTargetUser', companyScope: 'one', companyId: locator(company.resourceId) };
		const data = new PollStaticData();
		await quick.tick(params, data);
		const stored = data.json;
		const user = addUser(quick.sandbox, company.resourceId);
		// Every attempt of the search hangs: the first try and the transport's 3 retries of a read.
		quick.sandbox.faults.failNext.push(...[1, 2, 3, 4].map(() => ({ match: { path: '/api/target-users/search' }, status: 200, hang: true })));

		const started = Date.now();
		const failed = await quick.tick(params, data);
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(String(failed.error?.message)).toContain('within 1 s (timeout)');
		expect(failed.items).toEqual([]);
		expect(data.json).toBe(stored);

		const recovered = await quick.tick(params, data);
		expect(recovered.error).toBeUndefined();
		expect(records(recovered.items).map((record) => record.resourceId)).toEqual([user.resourceId]);
	}, 30_000);
});

describe('Target User Updated', () => {
	it('emits each update once, and a later update of the same user again', async () => {
		const data = new PollStaticData();
		const params = oneCompany('targetUserUpdated');
		await fixture.tick(params, data);
		const user = fixture.sandbox.store.targetUsersOf(companyId).find((candidate) => !candidate.isDeleted)!;
		updateTargetUserAt(fixture.sandbox.store, user, { department: 'Audit' }, new Date(Date.now() + 1000).toISOString());
		const first = await fixture.tick(params, data);
		expect(records(first.items)).toEqual([expect.objectContaining({ resourceId: user.resourceId, department: 'Audit' })]);
		expect((await fixture.tick(params, data)).items).toEqual([]);
		updateTargetUserAt(fixture.sandbox.store, user, { department: 'Risk' }, new Date(Date.now() + 2000).toISOString());
		expect(records((await fixture.tick(params, data)).items)).toEqual([expect.objectContaining({ resourceId: user.resourceId, department: 'Risk' })]);
		expect(fixture.sandbox.store.data(companyId).targetUsers.get(user.resourceId)?.department).toBe('Risk');
	});
});

describe('New Audit Log Entry', () => {
	it('emits entries sharing a timestamp once each, newest sorted by LogDate', async () => {
		const journey = journeyOf(fixture.sandbox.store);
		const data = new PollStaticData();
		const params = oneCompany('newAuditLogEntry');
		journey.addAuditLog(companyId, { logDate: isoAgo(3_600_000), auditDescription: 'old' });
		expect((await fixture.tick(params, data)).items).toEqual([]);
		const stamp = new Date(Date.now() + 1000).toISOString();
		const one = journey.addAuditLog(companyId, { logDate: stamp, auditDescription: 'one' });
		expect(records((await fixture.tick(params, data)).items).map((r) => r.resourceId)).toEqual([one.resourceId]);
		const two = journey.addAuditLog(companyId, { logDate: stamp, auditDescription: 'two' });
		const result = await fixture.tick(params, data);
		expect(records(result.items).map((r) => r.resourceId)).toEqual([two.resourceId]);
		const body = fixture.apiRequests().find((request) => request.path === '/api/audit-logs/search')?.body as { orderBy: string; ascending: boolean };
		expect(body).toMatchObject({ orderBy: 'LogDate', ascending: false });
		expect((await fixture.tick(params, data)).items).toEqual([]);
	});

	it('Fetch Test Event says clearly when a company has no entries', async () => {
		const empty = addCustomerCompanyAt(fixture.sandbox.store, fixture.sandbox.ids.resellerCompanyId, { name: 'Empty Audit Co', createTime: isoAgo(1000) });
		const data = new PollStaticData();
		await expect(fixture.fetchTestEvent({ event: 'newAuditLogEntry', companyScope: 'one', companyId: locator(empty.resourceId) }, data)).rejects.toThrow(
			'No "New Audit Log Entry" event found in Keepnet yet',
		);
		expect(data.writes).toBe(0);
	});
});

describe('New Company', () => {
	it('emits a company created after activation once', async () => {
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'newCompany' };
		expect((await fixture.tick(params, data)).items).toEqual([]);
		const company = addCustomerCompanyAt(fixture.sandbox.store, fixture.sandbox.ids.resellerCompanyId, { name: 'Initech', createTime: new Date(Date.now() + 1000).toISOString() });
		const result = await fixture.tick(params, data);
		expect(jsons(result.items)).toEqual([expect.objectContaining({ event: 'newCompany', company: { resourceId: company.resourceId, name: 'Initech' } })]);
		expect((await fixture.tick(params, data)).items).toEqual([]);
	});
});

describe('All Companies I Manage, a customer added after activation', () => {
	it('emits the new customer\'s users created after the activation', async () => {
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'newTargetUser', companyScope: 'all' };
		await fixture.tick(params, data);
		const later = addCustomerCompanyAt(fixture.sandbox.store, fixture.sandbox.ids.resellerCompanyId, { name: 'Late Customer', createTime: isoAgo(0) });
		const before = addUser(fixture.sandbox, later.resourceId, isoAgo(86_400_000));
		const after = addUser(fixture.sandbox, later.resourceId, new Date(Date.now() + 1000).toISOString());
		const result = await fixture.tick(params, data);
		const ids = records(result.items).map((record) => record.resourceId);
		expect(ids).toContain(after.resourceId);
		expect(ids).not.toContain(before.resourceId);
		expect(jsons(result.items).find((json) => (json.record as { resourceId: string }).resourceId === after.resourceId)?.company).toEqual({ resourceId: later.resourceId, name: 'Late Customer' });
	});
});

describe('All Companies I Manage: the poll fans out', () => {
	const peakInFlight = (requests: Array<{ time: number; durationMs: number }>): number => {
		const events = requests.flatMap((request) => [
			{ at: request.time, delta: 1 },
			{ at: request.time + request.durationMs, delta: -1 },
		]);
		events.sort((a, b) => a.at - b.at || a.delta - b.delta);
		let inFlight = 0;
		let peak = 0;
		for (const event of events) {
			inFlight += event.delta;
			peak = Math.max(peak, inFlight);
		}
		return peak;
	};

	it(`polls the customers ${ACROSS_COMPANIES_CONCURRENCY} at a time, and skips one that answers 403 keeping its cursor`, async () => {
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'newTargetUser', companyScope: 'all' };
		await fixture.tick(params, data);
		const managed = fixture.sandbox.store.managedCompanies(fixture.sandbox.ids.resellerCompanyId);
		const [refused, served] = managed;
		const refusedCursor = JSON.stringify((data.nodeData()?.keepnetTrigger as { cursors: Record<string, unknown> }).cursors[refused.resourceId]);
		const newUsers = managed.map((company) => addUser(fixture.sandbox, company.resourceId, new Date(Date.now() + 1000).toISOString()));
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.latencyMs = 30;
		fixture.sandbox.faults.failNext.push({ match: { path: '/api/target-users/search', companyId: refused.resourceId }, status: 403 });
		try {
			const result = await fixture.tick(params, data);
			const reads = fixture.apiRequests().filter((request) => request.path === '/api/target-users/search');
			expect(new Set(reads.map((request) => request.headers['x-keepnet-company-id'])).size).toBe(managed.length);
			expect(peakInFlight(reads)).toBeGreaterThan(1);
			expect(peakInFlight(reads)).toBeLessThanOrEqual(ACROSS_COMPANIES_CONCURRENCY);
			const emitted = records(result.items).map((record) => record.resourceId);
			expect(emitted).toContain(newUsers[1].resourceId);
			expect(emitted).not.toContain(newUsers[0].resourceId);
			expect(jsons(result.items).find((json) => (json.record as { resourceId: string }).resourceId === newUsers[1].resourceId)?.company).toEqual({ resourceId: served.resourceId, name: served.name });
			expect(JSON.stringify((data.nodeData()?.keepnetTrigger as { cursors: Record<string, unknown> }).cursors[refused.resourceId])).toBe(refusedCursor);
			// The next poll reads the refused customer again from its old cursor, and emits its user then.
			fixture.sandbox.faults.latencyMs = 0;
			expect(records((await fixture.tick(params, data)).items).map((record) => record.resourceId)).toEqual([newUsers[0].resourceId]);
		} finally {
			fixture.sandbox.faults.latencyMs = 0;
		}
	});

	it('fails the whole poll on another error in one customer, moving no cursor', async () => {
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'newTargetUser', companyScope: 'all' };
		await fixture.tick(params, data);
		const stored = data.json;
		const [failing] = fixture.sandbox.store.managedCompanies(fixture.sandbox.ids.resellerCompanyId);
		addUser(fixture.sandbox, failing.resourceId, new Date(Date.now() + 1000).toISOString());
		fixture.sandbox.faults.failNext.push({ match: { path: '/api/target-users/search', companyId: failing.resourceId }, status: 400 });
		const result = await fixture.tick(params, data);
		expect(result.error).toBeDefined();
		expect(result.items).toEqual([]);
		expect(data.json).toBe(stored);
	});
});
