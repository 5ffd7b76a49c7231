/**
 * Under the sandbox's per-client rate limit, the node's item operations pace their requests by themselves (to the
 * rate Keepnet admits, see actions/pacing.ts) and still write every user exactly once, each output paired to its
 * item; a long rate-limited run does not give up on an item while the run gets through, and a run that gets nothing
 * through still ends with a clear error. Then the pacing classes on their own, with an injected clock.
 *
 * `bulkCreate: false` keeps Create / Create or Update of many new users on the per-item path these tests are about.
 */
import { ItemSlots } from '../../nodes/Keepnet/actions/pacing';
import {
	FOLLOW_UP_AFTER_MS,
	RATE_FALLBACK_FACTOR,
	RATE_GROWTH_PER_SECOND,
	RATE_MARGIN,
	RATE_MIN_REFUSED_SHARE,
	RATE_MINIMUM,
	RATE_WINDOW_MS,
	RequestPacer,
	StartRate,
} from '../../nodes/Keepnet/transport/pacing';
import { RATE_LIMIT_MAX_RETRIES } from '../../nodes/Keepnet/transport/request';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture({ latencyMs: 20 });
});
afterAll(async () => await fixture.close());
afterEach(() => {
	Object.assign(fixture.sandbox.faults, { latencyMs: 20, rateLimit: null, retryAfterSeconds: null, rateLimitEvery: 0, failNext: [] });
});

function domainOf(companyId: string): string {
	return new URL(fixture.sandbox.store.companies.get(companyId)?.websiteUrl ?? 'https://x.example').hostname.replace(/^www\./, '');
}

function people(count: number, domain: string, label = 'pace') {
	return Array.from({ length: count }, (_, index) => ({ json: { email: `${label}.${index}@${domain}`, phone: `+4420${String(7000000 + index)}` } }));
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

function expectEachStoredOnce(companyId: string, input: Array<{ json: { email: string } }>): void {
	const stored = liveEmails(companyId);
	for (const item of input) expect(stored.filter((email) => email === item.json.email)).toHaveLength(1);
}

const creates = () => fixture.apiRequests().filter((request) => request.method === 'POST' && request.path === '/api/target-users');
const emailOf = (request: { body: unknown }) => String((request.body as { email?: unknown } | null)?.email ?? '');

describe('pacing under a rate limit (execute against the sandbox)', () => {
	it('Create with Concurrency 12 against at most 3 in flight: every user stored once, paired, and far fewer 429s than a fixed 12 would draw', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const input = people(60, domainOf(companyId));
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.rateLimit = { requestsPerSecond: 0, maxInFlight: 3 };
		const result = await fixture.run(createParameters(companyId, 12), { items: input });

		expectEachStoredOnce(companyId, input);
		expect(result.output[0].map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
		expect(jsonOf(result).map((json) => json.email)).toEqual(input.map((item) => item.json.email));
		expect(jsonOf(result).every((json) => typeof json.resourceId === 'string' && json.resourceId !== '')).toBe(true);

		const refused = creates().filter((request) => request.status === 429).length;
		expect(creates().filter((request) => request.status === 200)).toHaveLength(60);
		// A fixed 12 in flight would have 9 of every round refused (hundreds of 429s); pacing keeps it to a few dozen.
		expect(refused).toBeGreaterThan(0);
		expect(refused).toBeLessThan(40);
	});

	it('Create or Update under a requests-per-second limit: all users written once, none lost to a 429', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[4];
		const input = people(30, domainOf(companyId));
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.retryAfterSeconds = 1;
		fixture.sandbox.faults.rateLimit = { requestsPerSecond: 40, burst: 10, maxInFlight: 0 };
		const result = await fixture.run({ ...createParameters(companyId, 10), operation: 'upsert' }, { items: input });
		expectEachStoredOnce(companyId, input);
		expect(jsonOf(result).map((json) => json.action)).toEqual(input.map(() => 'created'));
		expect(result.output[0].map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
	});

	it(`keeps retrying an item refused more than ${RATE_LIMIT_MAX_RETRIES} times while the rest of the run gets through`, async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const input = people(60, domainOf(companyId), 'long-run');
		const victim = input[0].json.email;
		const refusals = RATE_LIMIT_MAX_RETRIES + 3;
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.failNext = Array.from({ length: refusals }, () => ({
			match: { method: 'POST', path: '/api/target-users', bodyIncludes: victim },
			status: 429,
			headers: { 'Retry-After': '0' },
		}));
		const result = await fixture.run(createParameters(companyId, 4), { items: input });

		expectEachStoredOnce(companyId, input);
		expect(jsonOf(result).map((json) => json.email)).toEqual(input.map((item) => item.json.email));
		const victimAttempts = creates().filter((request) => emailOf(request) === victim);
		expect(victimAttempts.map((request) => request.status)).toEqual([...Array<number>(refusals).fill(429), 200]);
	});

	it('a gateway that answers 429 to every second request without Retry-After (a coin flip, not a rate) does not slow the run to a crawl', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const input = people(105, domainOf(companyId), 'coinflip');
		fixture.sandbox.clearRequests();
		Object.assign(fixture.sandbox.faults, { rateLimitEvery: 2, retryAfterSeconds: null });
		const started = Date.now();
		const result = await fixture.run({ ...createParameters(companyId, 20), operation: 'upsert' }, { items: input });
		const elapsedMs = Date.now() - started;
		expectEachStoredOnce(companyId, input);
		expect(jsonOf(result).map((json) => json.action)).toEqual(input.map(() => 'created'));
		// Half of all requests are refused whatever the pace: about two attempts per user, 20 at a time, each 429
		// waited out for 0.5 s. Lowering the rate cannot help; before the pacing told this apart it took 99–260 s.
		expect(elapsedMs).toBeLessThan(30_000);
	}, 90_000);

	it('a long run under a tight limit writes every user, some of them after several 429s', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const input = people(60, domainOf(companyId), 'tight');
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.latencyMs = 5;
		fixture.sandbox.faults.rateLimit = { requestsPerSecond: 40, burst: 1, maxInFlight: 2 };
		const result = await fixture.run(createParameters(companyId, 20), { items: input });

		expectEachStoredOnce(companyId, input);
		expect(jsonOf(result).map((json) => json.email)).toEqual(input.map((item) => item.json.email));
		expect(creates().filter((request) => request.status === 200)).toHaveLength(60);
		expect(creates().filter((request) => request.status === 429).length).toBeGreaterThan(0);
	});

	it('a run that gets nothing through ends with a clear error instead of waiting forever', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const input = people(30, domainOf(companyId), 'never');
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.rateLimitEvery = 1;
		fixture.sandbox.faults.retryAfterSeconds = 0;
		const error = (await fixture.run(createParameters(companyId, 10), { items: input }).catch((caught: Error) => caught)) as Error & { description?: string };
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toBe('Keepnet is rate-limiting requests (HTTP 429)');
		expect(error.description).toMatch(`Gave up after ${RATE_LIMIT_MAX_RETRIES} retries`);
		expect(creates().every((request) => request.status === 429)).toBe(true);
		// Only the items already sending when the first gave up were tried: no new item started after it.
		const tried = new Set(creates().map(emailOf));
		expect(tried.size).toBeLessThan(input.length);
		for (const email of tried) expect(creates().filter((request) => emailOf(request) === email).length).toBeLessThanOrEqual(RATE_LIMIT_MAX_RETRIES + 1);
	});

	it('with Continue On Fail, a run that gets nothing through reports every item as failed', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const input = people(6, domainOf(companyId), 'never-continue');
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.rateLimitEvery = 1;
		fixture.sandbox.faults.retryAfterSeconds = 0;
		const result = await fixture.run(createParameters(companyId, 3), { items: input, continueOnFail: true });
		const outputs = jsonOf(result);
		expect(outputs.map((json) => json.email)).toEqual(input.map((item) => item.json.email));
		for (const json of outputs) expect(json).toMatchObject({ error: 'Keepnet is rate-limiting requests (HTTP 429)', httpCode: '429' });
		expect(creates()).toHaveLength(input.length * (RATE_LIMIT_MAX_RETRIES + 1));
	});

	it('Create or Update with the same email in several rows: rows waiting for an earlier one hold no slot, so a 429 cannot stall the run', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const [first, ...others] = people(4, domainOf(companyId), 'same-email');
		const input = [first, { json: { ...first.json } }, { json: { ...first.json } }, ...others];
		fixture.sandbox.clearRequests();
		// The first row's create waits out a Retry-After while the two rows after it (same email) wait for it.
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users', bodyIncludes: first.json.email }, status: 429, headers: { 'Retry-After': '1' } }];
		const result = await fixture.run({ ...createParameters(companyId, 2), operation: 'upsert' }, { items: input });
		expect(jsonOf(result).map((json) => json.action)).toEqual(['created', 'updated', 'updated', 'created', 'created', 'created']);
		expectEachStoredOnce(companyId, [first, ...others]);
	});

	it('an item waiting out Retry-After lends its slot: with Concurrency 2 the other items keep 2 in flight meanwhile', async () => {
		const companyId = fixture.sandbox.ids.customerCompanyIds[3];
		const input = people(60, domainOf(companyId), 'lend');
		const victim = input[0].json.email;
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.latencyMs = 50;
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users', bodyIncludes: victim }, status: 429, headers: { 'Retry-After': '1' } }];
		await fixture.run(createParameters(companyId, 2), { items: input });

		expectEachStoredOnce(companyId, input);
		const [refusal, retry] = creates().filter((request) => emailOf(request) === victim);
		expect([refusal.status, retry.status]).toEqual([429, 200]);
		const waitStart = refusal.time + refusal.durationMs;
		const during = creates().filter((request) => emailOf(request) !== victim && request.time >= waitStart && request.time + request.durationMs <= retry.time);
		expect(during.length).toBeGreaterThan(2);
		// Two of the others overlapped: both slots were in use while the victim waited.
		const overlapping = during.some((request, index) => during.slice(index + 1).some((other) => other.time < request.time + request.durationMs && request.time < other.time + other.durationMs));
		expect(overlapping).toBe(true);
	});
});

describe('StartRate', () => {
	/** A StartRate on a clock the test moves. */
	function setUp() {
		const clock = { now: 0 };
		const rate = new StartRate(() => clock.now);
		/** `count` requests start evenly over `ms` from now, each answered `latencyMs` later, none refused. */
		const traffic = (count: number, ms: number, latencyMs: number) => {
			const events: Array<{ at: number; kind: 'start' | 'answer'; sentAt: number }> = [];
			for (let index = 0; index < count; index++) {
				const at = clock.now + (index * ms) / count;
				events.push({ at, kind: 'start', sentAt: at }, { at: at + latencyMs, kind: 'answer', sentAt: at });
			}
			events.sort((a, b) => a.at - b.at || (a.kind === 'start' ? -1 : 1));
			for (const event of events) {
				clock.now = event.at;
				if (event.kind === 'start') rate.started(event.at);
				else expect(rate.answered(event.sentAt, false, event.at)).toBe(false);
			}
		};
		/** 429s, one a millisecond, for requests sent at `sentAt`, until one lowers the rate; how many it took. */
		const refuseUntilDecrease = (sentAt: number = clock.now - 5): number => {
			for (let count = 1; count <= 1000; count++) {
				clock.now += 1;
				if (rate.answered(sentAt, true, clock.now)) return count;
			}
			throw new Error('the rate was never lowered');
		};
		return { clock, rate, traffic, refuseUntilDecrease };
	}

	it('is unlimited until the first 429, and never lowered by answers other than 429', () => {
		const { rate, traffic } = setUp();
		expect(rate.current()).toBe(Number.POSITIVE_INFINITY);
		traffic(500, 2000, 50);
		expect(rate.current()).toBe(Number.POSITIVE_INFINITY);
	});

	it(`lowers the rate once ${RATE_MIN_REFUSED_SHARE * 100}% of the last window's answers are 429s, to a little below what was admitted`, () => {
		const { clock, rate, traffic, refuseUntilDecrease } = setUp();
		traffic(200, 1000, 50); // 200 a second, all admitted; the last answer at 1,045 ms
		// 7 of 207 answers is the first share of at least 3%.
		expect(refuseUntilDecrease(1040)).toBe(7);
		// Admitted in the last window (52..1,052 ms]: 199 answers.
		expect(rate.current(clock.now)).toBeCloseTo(RATE_MARGIN * 199, 6);
		expect(rate.decreases).toBe(1);
	});

	it('ignores the 429s of requests sent before its last decrease, and decreases at most once per window otherwise', () => {
		const { clock, rate, traffic, refuseUntilDecrease } = setUp();
		traffic(200, 1000, 50);
		refuseUntilDecrease(1040);
		const decreasedAt = clock.now;
		const afterFirst = rate.current(decreasedAt);
		// Sent before the decrease: says nothing about the new rate.
		expect(rate.answered(decreasedAt - 5, true, decreasedAt + 300)).toBe(false);
		// Sent after it, within the window, but too few answers since for a follow-up.
		expect(rate.answered(decreasedAt + 100, true, decreasedAt + 400)).toBe(false);
		expect(rate.decreases).toBe(1);
		expect(rate.current(decreasedAt)).toBe(afterFirst);
		// A window later: the window's answers are all 429s, nothing admitted: halved.
		clock.now = decreasedAt + RATE_WINDOW_MS;
		expect(rate.answered(clock.now - 1, true, clock.now)).toBe(true);
		expect(rate.decreases).toBe(2);
		expect(rate.current(clock.now)).toBeCloseTo(RATE_FALLBACK_FACTOR * afterFirst * (1 + RATE_GROWTH_PER_SECOND), 6);
	});

	it('keeps halving while nothing is admitted, never below the minimum', () => {
		const { clock, rate, traffic, refuseUntilDecrease } = setUp();
		traffic(100, 1000, 10);
		refuseUntilDecrease();
		let previous = rate.current(clock.now);
		for (let step = 1; step <= 20; step++) {
			clock.now += RATE_WINDOW_MS;
			expect(rate.answered(clock.now - 5, true, clock.now)).toBe(true);
			const expected = Math.max(RATE_MINIMUM, RATE_FALLBACK_FACTOR * previous * (1 + RATE_GROWTH_PER_SECOND));
			expect(rate.current(clock.now)).toBeCloseTo(expected, 6);
			previous = expected;
		}
		expect(rate.current(clock.now)).toBe(RATE_MINIMUM);
	});

	it('an occasional 429 (under the share) does not lower the rate', () => {
		const { clock, rate, traffic } = setUp();
		traffic(200, 1000, 50);
		expect(rate.answered(clock.now - 5, true, clock.now + 1)).toBe(false);
		traffic(200, 1000, 50);
		expect(rate.answered(clock.now - 5, true, clock.now + 1)).toBe(false);
		expect(rate.current()).toBe(Number.POSITIVE_INFINITY);
	});

	it('the run’s first 429s, within its first window, count every request not refused; the follow-up then measures the bare rate', () => {
		const { clock, rate } = setUp();
		// 20 requests at once; 50 ms later 10 are refused (a limit of 10 in flight) and 10 admitted.
		for (let index = 0; index < 20; index++) rate.started(0);
		clock.now = 50;
		const refusals = Array.from({ length: 10 }, () => rate.answered(0, true, 50));
		// Acted on once FOLLOW_UP_MIN_ANSWERS answers are back, a quarter or more of them refused: here the 10th.
		expect(refusals).toEqual([...Array<boolean>(9).fill(false), true]);
		expect(rate.current(50)).toBeCloseTo((RATE_MARGIN * 10 * 1000) / 50, 6);
		for (let index = 0; index < 10; index++) expect(rate.answered(0, false, 50)).toBe(false);
		// From then on the gateway admits 100 a second of the 3,000 sent; answers come back after 10 ms.
		const changes: number[] = [];
		for (let ms = 51; ms <= 50 + FOLLOW_UP_AFTER_MS + 20; ms++) {
			for (let index = 0; index < 3; index++) rate.started(ms);
			if (ms % 10 === 0 && rate.answered(ms - 10, false, ms)) changes.push(ms);
			if (ms > 60 && rate.answered(ms - 10, true, ms)) changes.push(ms);
		}
		expect(changes).toEqual([50 + FOLLOW_UP_AFTER_MS]);
		// Admitted since the first decrease: 20 in the 200 ms, i.e. 100/s.
		expect(rate.current(50 + FOLLOW_UP_AFTER_MS)).toBeCloseTo(RATE_MARGIN * 100, 6);
	});

	it('a lone 429 early in a run sets no rate; later windows measure what was admitted', () => {
		const { clock, rate, traffic, refuseUntilDecrease } = setUp();
		rate.started(0);
		rate.started(0);
		clock.now = 50;
		expect(rate.answered(0, true, 50)).toBe(false);
		expect(rate.answered(0, false, 50)).toBe(false);
		expect(rate.current(50)).toBe(Number.POSITIVE_INFINITY);
		traffic(100, 1000, 10);
		refuseUntilDecrease();
		expect(rate.current(clock.now)).toBeCloseTo(RATE_MARGIN * 100, 0);
	});

	it('grows between decreases, slowly at first and faster the longer no 429 comes', () => {
		const { clock, rate, traffic, refuseUntilDecrease } = setUp();
		traffic(100, 1000, 10);
		refuseUntilDecrease();
		const base = rate.current(clock.now);
		const growth = 1 + RATE_GROWTH_PER_SECOND;
		expect(rate.current(clock.now + 1000) / base).toBeCloseTo(growth, 6);
		expect(rate.current(clock.now + 2000) / base).toBeCloseTo(growth ** 2.5, 6);
		expect(rate.current(clock.now + 3000) / base).toBeCloseTo(growth ** 5, 6);
	});

	it('a 429 never raises the rate', () => {
		const { clock, rate, traffic, refuseUntilDecrease } = setUp();
		traffic(100, 1000, 10);
		refuseUntilDecrease(); // about 95/s
		traffic(400, 1000, 10); // then 400 answers a second (requests that went out at a higher rate, say)
		const before = rate.current(clock.now);
		refuseUntilDecrease();
		// What was admitted (about 400/s) is far above the rate: the rate stays where it had grown to.
		expect(rate.current(clock.now)).toBeGreaterThanOrEqual(before);
		expect(rate.current(clock.now)).toBeLessThan(before * 1.1);
	});
});

// A run's pacing as a node run composes it: the session's RequestPacer, with the runner's ItemSlots lent while a
// request waits out a 429 (KeepnetSession.withItemSlots).
describe('item slots and the request pacer', () => {
	afterEach(() => jest.useRealTimers());

	it('lets at most `maximum` items hold a slot; a freed slot goes to the next waiter', async () => {
		const pacer = new ItemSlots(2);
		await pacer.acquireSlot();
		await pacer.acquireSlot();
		let third = false;
		const waiting = pacer.acquireSlot().then(() => (third = true));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(third).toBe(false);
		pacer.releaseSlot();
		await waiting;
		expect(third).toBe(true);
		expect(pacer.inFlight).toBe(2);
	});

	it('an item waiting out Retry-After gives its slot to a new item, and gets one back before the next new item', async () => {
		jest.useFakeTimers();
		const pacer = new ItemSlots(1);
		const requests = new RequestPacer(() => Date.now());
		requests.slots = pacer;
		await pacer.acquireSlot(); // item A
		const order: string[] = [];
		const b = pacer.acquireSlot().then(() => order.push('B'));
		const aWait = requests.waitOutRateLimit(1000).then(() => order.push('A back'));
		await jest.advanceTimersByTimeAsync(0);
		expect(order).toEqual(['B']); // A's slot went to B at once
		const c = pacer.acquireSlot().then(() => order.push('C'));
		await jest.advanceTimersByTimeAsync(1000);
		pacer.releaseSlot(); // B done: A (returning) goes before C (new)
		await jest.advanceTimersByTimeAsync(0);
		expect(order).toEqual(['B', 'A back']);
		pacer.releaseSlot(); // A done
		await Promise.all([b, aWait, c]);
		expect(order).toEqual(['B', 'A back', 'C']);
	});

	it('sends at once until the first 429, then spaces request starts by the rate', async () => {
		jest.useFakeTimers();
		const pacer = new RequestPacer(() => Date.now());
		const start = Date.now();
		const marks = await Promise.all(Array.from({ length: 20 }, () => pacer.beforeAttempt()));
		expect(marks.every((mark) => mark === start)).toBe(true);
		// Answered at 100 ms, half with 429: the rate becomes 0.95 × the 10 requests not refused / 100 ms = 95/s.
		jest.setSystemTime(start + 100);
		for (const mark of marks.slice(0, 10)) pacer.answered(mark, true);
		for (const mark of marks.slice(10)) pacer.answered(mark, false);
		expect(pacer.progress).toBe(10);
		const rate = pacer.rate.current();
		expect(rate).toBeCloseTo(RATE_MARGIN * 100, 6);
		const starts: number[] = [];
		const attempts = Array.from({ length: 20 }, () => pacer.beforeAttempt().then((at) => starts.push(at)));
		await jest.advanceTimersByTimeAsync(1000);
		await Promise.all(attempts);
		const gaps = starts.slice(1).map((at, index) => at - starts[index]);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(Math.floor(1000 / (rate * 1.2)));
		expect(starts[19] - starts[0]).toBeGreaterThanOrEqual((19 * 1000) / (rate * 1.2));
	});
});
