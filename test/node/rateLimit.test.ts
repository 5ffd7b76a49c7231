/**
 * Under the sandbox's per-client rate limit, the node's item operations slow down by themselves (fewer items in
 * flight after a 429) and still write every user exactly once, each output paired to its item.
 */
import { AdaptiveConcurrency } from '../../nodes/Keepnet/actions/adaptiveConcurrency';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture({ latencyMs: 20 });
});
afterAll(async () => await fixture.close());
afterEach(() => {
	fixture.sandbox.faults.rateLimit = null;
	fixture.sandbox.faults.retryAfterSeconds = null;
});

function people(count: number, domain: string) {
	return Array.from({ length: count }, (_, index) => ({ json: { email: `pace.${index}@${domain}`, phone: `+4420${String(7000000 + index)}` } }));
}

const createParameters = (companyId: string, concurrency: number) => ({
	resource: 'targetUser',
	operation: 'create',
	companyId: locator(companyId),
	email: '={{ $json.email }}',
	phoneNumber: '={{ $json.phone }}',
	options: { concurrency, bulkCreate: false },
});

function liveEmails(companyId: string): string[] {
	return fixture.sandbox.store
		.targetUsersOf(companyId)
		.filter((user) => !user.isDeleted)
		.map((user) => user.email.toLowerCase());
}

describe('adaptive concurrency under a rate limit (execute against the sandbox)', () => {
	it('Create with Concurrency 12 against at most 3 in flight: every user stored once, and far fewer 429s than a fixed 12 would draw', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const domain = new URL(fixture.sandbox.store.companies.get(companyId)?.websiteUrl ?? 'https://x.example').hostname.replace(/^www\./, '');
		const input = people(60, domain);
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.rateLimit = { requestsPerSecond: 0, maxInFlight: 3 };
		const result = await fixture.run(createParameters(companyId, 12), { items: input });

		const stored = liveEmails(companyId);
		for (const item of input) expect(stored.filter((email) => email === item.json.email)).toHaveLength(1);
		expect(result.output[0].map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
		expect(jsonOf(result).every((json) => typeof json.resourceId === 'string' && json.resourceId !== '')).toBe(true);

		const creates = fixture.apiRequests().filter((request) => request.method === 'POST' && request.path === '/api/target-users');
		const refused = creates.filter((request) => request.status === 429).length;
		expect(creates.filter((request) => request.status === 200)).toHaveLength(60);
		// A fixed 12 in flight would have 9 of every round refused (hundreds of 429s); adapting keeps it to a few.
		expect(refused).toBeGreaterThan(0);
		expect(refused).toBeLessThan(30);
	});

	it('Create or Update under a requests-per-second limit: all users written once, none lost to a 429', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[4];
		const domain = new URL(fixture.sandbox.store.companies.get(companyId)?.websiteUrl ?? 'https://x.example').hostname.replace(/^www\./, '');
		const input = people(30, domain);
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.retryAfterSeconds = 1;
		fixture.sandbox.faults.rateLimit = { requestsPerSecond: 40, burst: 10, maxInFlight: 0 };
		const result = await fixture.run({ ...createParameters(companyId, 10), operation: 'upsert' }, { items: input });
		const stored = liveEmails(companyId);
		for (const item of input) expect(stored.filter((email) => email === item.json.email)).toHaveLength(1);
		expect(jsonOf(result).map((json) => json.action)).toEqual(input.map(() => 'created'));
	});
});

describe('AdaptiveConcurrency', () => {
	it('halves on a 429 at most once per window, grows back by about one per round, stays within 1..maximum', async () => {
		let now = 0;
		const pace = new AdaptiveConcurrency(8, () => now);
		expect(pace.current).toBe(8);
		pace.rateLimited();
		pace.rateLimited(); // same window: the 429s of requests sent at the old limit
		expect(pace.current).toBe(4);
		now = 1500;
		pace.rateLimited();
		now = 3000;
		pace.rateLimited();
		now = 4500;
		pace.rateLimited();
		expect(pace.current).toBe(1);
		for (let index = 0; index < 4; index++) {
			await pace.acquire();
			pace.release(true);
		}
		// 1 → 2 → 2.5 → 2.9 → 3.24: about one more per round of items.
		expect(pace.current).toBe(3);
		for (let index = 0; index < 200; index++) {
			await pace.acquire();
			pace.release(true);
		}
		expect(pace.current).toBe(8);
	});

	it('never lets more than the current limit in at once', async () => {
		const pace = new AdaptiveConcurrency(2);
		await pace.acquire();
		await pace.acquire();
		let third = false;
		const waiting = pace.acquire().then(() => (third = true));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(third).toBe(false);
		pace.release(false);
		await waiting;
		expect(third).toBe(true);
	});
});
