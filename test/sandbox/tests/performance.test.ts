import { startSandbox, type Sandbox } from '..';
import { api, filterWith, getToken, searchBody, type Paged, type ServiceResultBody } from './helpers';

/**
 * Scale checks: one company with 100,000 target users. Bounds are generous (shared 2-core CI machines);
 * they catch accidental O(n²) work or whole-file buffering, not small regressions.
 */
describe('sandbox: 100,000 target users in one company', () => {
	const USERS = 100_000;
	let sandbox: Sandbox;
	let token: string;
	let companyId: string;
	let seedMs: number;
	beforeAll(async () => {
		const started = Date.now();
		sandbox = await startSandbox({ seed: { targetUserCounts: [USERS], customerCount: 3 }, recordRequests: false });
		seedMs = Date.now() - started;
		token = await getToken(sandbox);
		companyId = sandbox.ids.customerCompanyIds[0];
	}, 60_000);
	afterAll(() => sandbox.close());

	const search = (overrides: Record<string, unknown>) =>
		api<ServiceResultBody<Paged<{ resourceId: string; email: string }>>>(sandbox, token, 'POST', '/api/target-users/search', { companyId, body: searchBody(overrides) });

	it('seeds them in reasonable time', () => {
		expect(sandbox.store.targetUsersOf(companyId)).toHaveLength(USERS);
		expect(seedMs).toBeLessThan(20_000);
	});

	it('pages through them quickly once a sort is warm, with correct totals', async () => {
		const first = await search({ pageSize: 1000, orderBy: 'email', ascending: true });
		expect(first.json.data.totalNumberOfRecords).toBe(USERS);
		expect(first.json.data.totalNumberOfPages).toBe(100);
		const started = Date.now();
		const pages = await Promise.all([50, 99, 100].map((pageNumber) => search({ pageNumber, pageSize: 1000, orderBy: 'email', ascending: true })));
		expect(Date.now() - started).toBeLessThan(2000);
		expect(pages[2].json.data.results).toHaveLength(1000);
		const last = pages[2].json.data.results[999].email.toLowerCase();
		const firstEmail = first.json.data.results[0].email.toLowerCase();
		expect(firstEmail <= last).toBe(true);
	});

	it('finds one user by email through the index and through a filter', async () => {
		const user = sandbox.store.targetUsersOf(companyId)[USERS - 10];
		let started = Date.now();
		const byIndex = await api<ServiceResultBody<Paged<{ resourceId: string }>>>(sandbox, token, 'POST', '/api/target-users/search-email', {
			companyId,
			body: { email: user.email, pageNumber: 1, pageSize: 10, orderBy: '', ascending: true },
		});
		expect(Date.now() - started).toBeLessThan(500);
		expect(byIndex.json.data.results.map((row) => row.resourceId)).toEqual([user.resourceId]);
		started = Date.now();
		const byFilter = await search({ filter: filterWith([{ FieldName: 'Email', Operator: 'Equals', Value: user.email }]) });
		expect(Date.now() - started).toBeLessThan(3000);
		expect(byFilter.json.data.results.map((row) => row.resourceId)).toEqual([user.resourceId]);
	});

	it('streams a CSV export of all of them (chunked, not one giant string)', async () => {
		const response = await fetch(`${sandbox.url}/api/target-users/search/export`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'X-KEEPNET-Company-Id': companyId },
			body: JSON.stringify({ ...searchBody(), exportType: 'CSV', reportAllPages: true }),
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('transfer-encoding')).toBe('chunked');
		const reader = response.body?.getReader();
		if (!reader) throw new Error('no body');
		let lines = 0;
		let chunks = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks++;
			for (const byte of value) if (byte === 10) lines++;
		}
		expect(lines).toBe(USERS + 1);
		expect(chunks).toBeGreaterThan(10);
	});

	it('serves many concurrent requests (well over 100 per second even with the client in-process)', async () => {
		const ids = sandbox.store.targetUsersOf(companyId).slice(0, 500).map((user) => user.resourceId);
		const total = 1000;
		let next = 0;
		let okCount = 0;
		const started = Date.now();
		await Promise.all(
			Array.from({ length: 16 }, async () => {
				while (next < total) {
					const id = ids[next++ % ids.length];
					const answer = await api(sandbox, token, 'GET', `/api/target-users/${id}`, { companyId });
					if (answer.status === 200) okCount++;
				}
			}),
		);
		const perSecond = total / ((Date.now() - started) / 1000);
		expect(okCount).toBe(total);
		expect(perSecond).toBeGreaterThan(100);
	});
});
