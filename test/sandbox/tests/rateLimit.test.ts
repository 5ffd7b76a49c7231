import { startSandbox, type Sandbox } from '..';
import { RateLimiter } from '../rateLimit';
import { api, getToken } from './helpers';

describe('sandbox: per-client rate limit (faults.rateLimit)', () => {
	let sandbox: Sandbox;
	let token: string;
	beforeAll(async () => {
		sandbox = await startSandbox();
		token = await getToken(sandbox);
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.faults.rateLimit = null;
		sandbox.faults.latencyMs = 0;
	});

	const my = (bearer = token) => api(sandbox, bearer, 'GET', '/api/companies/my');

	it('answers 429 with Retry-After once a client has used its burst, and admits again after the refill', async () => {
		sandbox.faults.rateLimit = { requestsPerSecond: 5, burst: 3, maxInFlight: 0 };
		const statuses: number[] = [];
		let refused: Awaited<ReturnType<typeof my>> | undefined;
		for (let index = 0; index < 5; index++) {
			const answer = await my();
			statuses.push(answer.status);
			if (answer.status === 429) refused ??= answer;
		}
		expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
		expect(statuses.slice(3)).toContain(429);
		expect(refused?.headers.get('retry-after')).toBe('1');
		expect(refused?.json).toMatchObject({ status: 'FAILED', message: 'Rate limit exceeded' });
		// 5 per second: after 250 ms at least one request is available again.
		await new Promise((resolve) => setTimeout(resolve, 250));
		expect((await my()).status).toBe(200);
	});

	it('caps the requests of one client in flight at once, counting each until its answer is sent', async () => {
		sandbox.faults.latencyMs = 150;
		sandbox.faults.rateLimit = { requestsPerSecond: 0, maxInFlight: 2 };
		const answers = await Promise.all(Array.from({ length: 5 }, () => my()));
		const statuses = answers.map((answer) => answer.status).sort();
		expect(statuses).toEqual([200, 200, 429, 429, 429]);
		// Once they are answered, the slots are free again.
		expect((await my()).status).toBe(200);
		const logged = sandbox.requests.slice(-6).map((request) => request.status);
		expect(logged.filter((status) => status === 429)).toHaveLength(3);
	});

	it('budgets per client: another client is not refused because one client used its budget; the token endpoint is never limited', async () => {
		sandbox.faults.rateLimit = { requestsPerSecond: 1, burst: 1, maxInFlight: 0 };
		expect((await my()).status).toBe(200);
		expect((await my()).status).toBe(429);
		// A second token of the same client shares the budget.
		const sameClient = await getToken(sandbox);
		expect((await my(sameClient)).status).toBe(429);
		const tokenRequestsBefore = sandbox.tokensIssued();
		const otherToken = await getToken(sandbox, 'companyAdmin');
		expect(sandbox.tokensIssued()).toBe(tokenRequestsBefore + 1);
		expect((await my(otherToken)).status).toBe(200);
	});

	it('a new limit object starts every client with a full bucket; null switches the limit off', async () => {
		sandbox.faults.rateLimit = { requestsPerSecond: 1, burst: 1, maxInFlight: 0 };
		expect((await my()).status).toBe(200);
		expect((await my()).status).toBe(429);
		sandbox.faults.rateLimit = { requestsPerSecond: 1, burst: 1, maxInFlight: 0 };
		expect((await my()).status).toBe(200);
		sandbox.faults.rateLimit = null;
		const statuses = [];
		for (let index = 0; index < 5; index++) statuses.push((await my()).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
	});

	it('Retry-After says how long until the bucket has a request again (whole seconds, at least 1)', () => {
		let now = 0;
		const limiter = new RateLimiter(() => now);
		const knobs = { requestsPerSecond: 0.25, burst: 1, maxInFlight: 0 };
		expect(limiter.admit(knobs, 'a').retryAfterSeconds).toBeUndefined();
		expect(limiter.admit(knobs, 'a')).toMatchObject({ retryAfterSeconds: 4, reason: 'rate' });
		now = 2000;
		expect(limiter.admit(knobs, 'a').retryAfterSeconds).toBe(2);
		now = 4000;
		expect(limiter.admit(knobs, 'a').retryAfterSeconds).toBeUndefined();
		expect(limiter.refused).toBe(2);
	});
});
