/**
 * KeepnetSession (transport/session.ts) on its own, with a scripted HTTP answer instead of the sandbox: every request
 * of a run follows the run's pacing from its first request, whether or not a runner hands out item slots (before
 * the session, only requests sent inside the runner's item phase did: a bulk read, a batch operation or the
 * fan-out's company list had the short 429 budget); the per-run caches; the one parameter reader; item slots lent
 * during a Retry-After only by requests that hold one.
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ItemSlots } from '../../nodes/Keepnet/actions/pacing';
import { getItemParameter } from '../../nodes/Keepnet/helpers/parameters';
import { RATE_LIMIT_MAX_RETRIES } from '../../nodes/Keepnet/transport/request';
import { KeepnetSession } from '../../nodes/Keepnet/transport/session';

const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const node = { id: 'node', name: 'Keepnet', type: 'n8n-nodes-keepnet.keepnet', typeVersion: 1, position: [0, 0], parameters: { email: 'fixed@example.com' } };

/** An execute context whose requests `answer` settles (resolve = 2xx answer, reject = HTTP failure). */
function contextAnswering(answer: (options: IHttpRequestOptions) => Promise<unknown>) {
	let parameterReads = 0;
	const ctx = {
		getCredentials: async () => ({ baseUrl: 'https://api.keepnet.test', clientId: 'client', clientSecret: 'secret', accessToken: 'opaque-token', timeoutSeconds: 60 }),
		getNode: () => node,
		getNodeParameter: (name: string) => {
			parameterReads++;
			return (node.parameters as Record<string, unknown>)[name];
		},
		getInputData: () => [{ json: {} }, { json: {} }, { json: {} }],
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => await answer(options),
		},
	} as unknown as IExecuteFunctions;
	return { ctx, parameterReads: () => parameterReads };
}

const ok = (data: unknown) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: { status: 'SUCCESS', data } });

function rateLimited(retryAfterSeconds: string): Error {
	return Object.assign(new Error('Request failed with status code 429'), { response: { status: 429, headers: { 'retry-after': retryAfterSeconds }, data: '' } });
}

/** Answers the path `/api/refused` with 429 its first `refusals` times (after 10 ms); everything else with 200 after 2 ms. */
function refusing(refusals: number) {
	const attempts: number[] = [];
	const answer = async (options: IHttpRequestOptions) => {
		if (String(options.url).endsWith('/api/refused')) {
			await delay(10);
			attempts.push(attempts.length < refusals ? 429 : 200);
			if (attempts.length <= refusals) throw rateLimited('0');
			return ok('through');
		}
		await delay(2);
		return ok('other');
	};
	return { answer, attempts };
}

describe('KeepnetSession: pacing from the first request', () => {
	it(`a request outside any item slot (a bulk read, a batch operation) refused more than ${RATE_LIMIT_MAX_RETRIES} times is retried while the run gets other answers`, async () => {
		const refusals = RATE_LIMIT_MAX_RETRIES + 4;
		const { answer, attempts } = refusing(refusals);
		const { ctx } = contextAnswering(answer);
		const session = new KeepnetSession(ctx);
		let settled = false;
		const refused = session.request<string>({ method: 'POST', path: '/api/refused', retry: 'safe' }).finally(() => {
			settled = true;
		});
		// Other reads of the same run keep getting through meanwhile (what a run that Keepnet still serves looks like).
		const others = Promise.all(
			Array.from({ length: 3 }, async () => {
				while (!settled) await session.request({ method: 'GET', path: '/api/other', retry: 'safe' });
			}),
		);
		await expect(refused).resolves.toBe('through');
		await others;
		expect(attempts).toEqual([...Array<number>(refusals).fill(429), 200]);
		expect(session.pacer.progress).toBeGreaterThan(refusals);
	});

	it(`a request that runs alone still gives up after ${RATE_LIMIT_MAX_RETRIES} retries: a run that gets nothing through ends`, async () => {
		const { answer, attempts } = refusing(RATE_LIMIT_MAX_RETRIES + 4);
		const session = new KeepnetSession(contextAnswering(answer).ctx);
		const error = (await session.request({ method: 'POST', path: '/api/refused', retry: 'safe' }).catch((caught: Error) => caught)) as Error & { description?: string };
		expect(error.message).toBe('Keepnet is rate-limiting requests (HTTP 429)');
		expect(error.description).toMatch(`Gave up after ${RATE_LIMIT_MAX_RETRIES} retries`);
		expect(attempts).toHaveLength(RATE_LIMIT_MAX_RETRIES + 1);
	});

	it('a request holding an item slot lends it while it waits out Retry-After; one outside the item phase holds none to lend', async () => {
		let refuseNext = true;
		const answer = async () => {
			if (refuseNext) {
				refuseNext = false;
				throw rateLimited('0.1');
			}
			return ok('done');
		};
		const session = new KeepnetSession(contextAnswering(answer).ctx);
		const slots = new ItemSlots(1);
		await slots.acquireSlot();
		const inItem = session.withItemSlots(slots, async () => await session.request({ method: 'GET', path: '/api/item', retry: 'safe' }));
		await delay(50);
		expect(slots.inFlight).toBe(0); // lent while waiting
		await expect(inItem).resolves.toBe('done');
		expect(slots.inFlight).toBe(1); // taken back
		slots.releaseSlot();

		refuseNext = true;
		await expect(session.request({ method: 'GET', path: '/api/bulk-read', retry: 'safe' })).resolves.toBe('done');
		expect(slots.inFlight).toBe(0); // outside withItemSlots the slots were not touched
		expect(session.pacer.slots).toBeUndefined();
	});
});

describe('KeepnetSession: per-run state', () => {
	it('cache makes a value once per run; forget drops it; another session starts empty', () => {
		const { ctx } = contextAnswering(async () => ok(null));
		const session = new KeepnetSession(ctx);
		let made = 0;
		const make = () => ({ made: ++made });
		expect(session.cache('x', make)).toBe(session.cache('x', make));
		session.forget('x');
		expect(session.cache('x', make)).toEqual({ made: 2 });
		expect(new KeepnetSession(ctx).cache('x', make)).toEqual({ made: 3 });
	});

	it('the parameter reader is the session\'s: a value without an expression is read from n8n once per run', () => {
		const { ctx, parameterReads } = contextAnswering(async () => ok(null));
		const session = new KeepnetSession(ctx);
		for (const itemIndex of [0, 1, 2]) expect(getItemParameter(session, 'email', itemIndex, '')).toBe('fixed@example.com');
		expect(parameterReads()).toBe(1);
		// A new run (a new session for the context) reads it again.
		expect(getItemParameter(new KeepnetSession(ctx), 'email', 0, '')).toBe('fixed@example.com');
		expect(parameterReads()).toBe(2);
	});

	it('redacts the customer secrets the run has seen, and only that run', async () => {
		const { ctx } = contextAnswering(async () => ok({ clientSecret: 'customer-secret-1234567890' }));
		const session = new KeepnetSession(ctx);
		await session.request({ method: 'GET', path: '/api/companies/clients/x', retry: 'safe' });
		expect(session.withoutCustomerSecrets({ note: 'customer-secret-1234567890' }).note).not.toContain('customer-secret');
		expect(new KeepnetSession(ctx).withoutCustomerSecrets({ note: 'customer-secret-1234567890' }).note).toBe('customer-secret-1234567890');
	});
});
