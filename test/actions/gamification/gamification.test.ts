import { addGamificationEvent, DEFAULT_SANDBOX_READINGS } from '../../sandbox';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;
let bigCompanyId: string;

beforeAll(async () => {
	// Customer 0 has more users than one page of 1000 holds, so Return All must page.
	fixture = await startKeepnetFixture({ seed: { targetUserCounts: [1300] } });
	bigCompanyId = fixture.sandbox.ids.customerCompanyIds[0];
	companyId = fixture.sandbox.ids.customerCompanyIds[1];
	const people = activeUsers(companyId);
	const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
	addGamificationEvent(fixture.sandbox.store, { targetUserId: people[0].resourceId, time: daysAgo(3), points: 50, name: 'Payroll phish', productType: 'Phishing', failed: false });
	addGamificationEvent(fixture.sandbox.store, { targetUserId: people[0].resourceId, time: daysAgo(5), points: 20, name: 'Security basics', productType: 'Training', failed: false });
	addGamificationEvent(fixture.sandbox.store, { targetUserId: people[1].resourceId, time: daysAgo(4), points: 40, name: 'Parcel SMS', productType: 'Smishing', failed: false });
	addGamificationEvent(fixture.sandbox.store, { targetUserId: people[1].resourceId, time: daysAgo(6), points: -10, name: 'Invoice phish', productType: 'Phishing', failed: true });
	addGamificationEvent(fixture.sandbox.store, { targetUserId: people[2].resourceId, time: daysAgo(60), points: 100, name: 'Old win', productType: 'Phishing', failed: false });
	addGamificationEvent(fixture.sandbox.store, { targetUserId: people[3].resourceId, time: daysAgo(2), points: 5, name: 'Quiz', productType: 'Training', failed: false });
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());
afterEach(() => Object.assign(fixture.sandbox.readings, DEFAULT_SANDBOX_READINGS));

function activeUsers(id: string) {
	return [...fixture.sandbox.store.data(id).targetUsers.values()].filter((user) => user.isActive && !user.isDeleted);
}

describe.each(['list', 'paged'] as const)('Gamification with the %s answer', (envelope) => {
	beforeEach(() => (fixture.sandbox.readings.leaderboardEnvelope = envelope));

	it('Get Leaderboard ranks the period, best first', async () => {
		const people = activeUsers(companyId);
		const rows = jsonOf(await fixture.run({ resource: 'gamification', operation: 'getLeaderboard', companyId: locator(companyId), limit: 3 }));
		expect(rows).toEqual([
			{ rank: 1, targetUserResourceId: people[0].resourceId, email: people[0].email, firstName: people[0].firstName, lastName: people[0].lastName, department: people[0].department, points: 70, performance: 100 },
			expect.objectContaining({ rank: 2, email: people[1].email, points: 30, performance: 50 }),
			expect.objectContaining({ rank: 3, email: people[3].email, points: 5 }),
		]);
		expect(fixture.apiRequests()).toHaveLength(1);
		expect(fixture.apiRequests()[0]).toMatchObject({ path: '/api/leaderboard/get-all', body: { datePeriod: 0, startDate: null, endDate: null, pagination: { pageNumber: 1, pageSize: 3, orderBy: 'rank', ascending: true } } });
		expect(fixture.apiRequests()[0].headers['x-keepnet-company-id']).toBe(companyId);
	});

	it('Get Leaderboard with Return All pages through every user', async () => {
		const rows = jsonOf(await fixture.run({ resource: 'gamification', operation: 'getLeaderboard', companyId: locator(bigCompanyId), returnAll: true, simplify: false }));
		expect(rows).toHaveLength(activeUsers(bigCompanyId).length);
		expect(new Set(rows.map((row) => row.targetUserResourceId)).size).toBe(rows.length);
		expect(rows[0]).not.toHaveProperty('totalRowCount');
		expect(fixture.apiRequests().map((request) => (request.body as { pagination: { pageNumber: number } }).pagination.pageNumber)).toEqual([1, 2]);
	});

	it('Get Top Performers returns the podium', async () => {
		const people = activeUsers(companyId);
		const rows = jsonOf(await fixture.run({ resource: 'gamification', operation: 'getTopPerformers', companyId: locator(companyId), period: 'last3Months' }));
		expect(rows.map((row) => [row.rank, row.email, row.points])).toEqual([
			[1, people[2].email, 100],
			[2, people[0].email, 70],
			[3, people[1].email, 30],
		]);
		expect(fixture.apiRequests()[0]).toMatchObject({ path: '/api/leaderboard/get-top-performers', body: { datePeriod: 1 } });
	});
});

describe('Gamification per user', () => {
	it('Get User Performance: one item per simulation type', async () => {
		const person = activeUsers(companyId)[1];
		const rows = jsonOf(await fixture.run({ resource: 'gamification', operation: 'getUserPerformance', companyId: locator(companyId), targetUserId: locator(person.resourceId, 'id') }));
		expect(rows.map((row) => [row.phishingType, row.totalPoints, row.performance])).toEqual([
			['Phishing', -10, 0],
			['Smishing', 40, 100],
		]);
		expect(fixture.apiRequests()[0]).toMatchObject({ path: '/api/leaderboard/user-performance', body: { targetUserResourceId: person.resourceId, datePeriod: 0 } });
	});

	it('Get User Timeline: the events of the period, newest first, only failed ones when asked', async () => {
		const person = activeUsers(companyId)[1];
		const all = jsonOf(await fixture.run({ resource: 'gamification', operation: 'getUserTimeline', companyId: locator(companyId), targetUserId: locator(person.resourceId, 'id'), returnAll: true }));
		expect(all.map((row) => row.name)).toEqual(['Parcel SMS', 'Invoice phish']);
		fixture.sandbox.clearRequests();
		const failed = jsonOf(
			await fixture.run({ resource: 'gamification', operation: 'getUserTimeline', companyId: locator(companyId), targetUserId: locator(person.resourceId, 'id'), returnAll: true, options: { onlyFailed: true } }),
		);
		expect(failed.map((row) => row.name)).toEqual(['Invoice phish']);
		expect(fixture.apiRequests()[0].body).toMatchObject({ showOnlyFailedEvents: true, actionTypes: [], products: [], difficultyTypes: [] });
	});

	it('a custom period sends its dates, and is refused before any request when it ends before it starts', async () => {
		const start = new Date(Date.now() - 90 * 86_400_000).toISOString();
		const end = new Date(Date.now() - 30 * 86_400_000).toISOString();
		const rows = jsonOf(await fixture.run({ resource: 'gamification', operation: 'getLeaderboard', companyId: locator(companyId), period: 'custom', startDate: start, endDate: end, limit: 1 }));
		expect(rows[0]).toMatchObject({ email: activeUsers(companyId)[2].email, points: 100 });
		expect(fixture.apiRequests()[0].body).toMatchObject({ datePeriod: 5, startDate: start, endDate: end });
		fixture.sandbox.clearRequests();
		await expect(fixture.run({ resource: 'gamification', operation: 'getLeaderboard', companyId: locator(companyId), period: 'custom', startDate: end, endDate: start })).rejects.toThrow('End Date is not after Start Date (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('Export Leaderboard puts the file into a binary field', async () => {
		const result = await fixture.run({ resource: 'gamification', operation: 'exportLeaderboard', companyId: locator(companyId), fileFormat: 'csv' });
		const [item] = result.output[0];
		const lines = Buffer.from(item.binary?.data.data ?? '', 'base64').toString('utf8').trim().split('\r\n');
		expect(lines[0]).toBe('Rank,Email,First Name,Last Name,Points,Performance');
		expect(lines).toHaveLength(activeUsers(companyId).length + 1);
		expect(item.json).toMatchObject({ fileName: `Leaderboard ${companyId}.csv` });
		expect(fixture.apiRequests()[0]).toMatchObject({ path: '/api/leaderboard/get-all/export', body: { exportType: 'CSV', reportAllPages: true, datePeriod: 0 } });
	});

	it('Export User Timeline sends the timeline body with exportType and puts the file into a binary field', async () => {
		const person = activeUsers(companyId)[1];
		const result = await fixture.run({ resource: 'gamification', operation: 'exportUserTimeline', companyId: locator(companyId), targetUserId: locator(person.resourceId, 'id'), fileFormat: 'csv', options: { onlyFailed: true } });
		const [item] = result.output[0];
		const lines = Buffer.from(item.binary?.data.data ?? '', 'base64').toString('utf8').trim().split('\r\n');
		expect(lines[0]).toBe('Time,Name,Product,Result,Points');
		expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['Invoice phish']);
		expect(item.json).toMatchObject({ targetUserResourceId: person.resourceId, fileName: `Timeline ${person.resourceId}.csv` });
		expect(fixture.apiRequests()[0]).toMatchObject({
			path: '/api/leaderboard/get-user-timeline/export',
			body: { targetUserResourceId: person.resourceId, showOnlyFailedEvents: true, exportType: 'CSV', reportAllPages: true, datePeriod: 0 },
		});
	});
});
