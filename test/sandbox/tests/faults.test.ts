import { startSandbox, type Sandbox } from '..';
import { api, getToken, requestToken, searchBody, type ServiceResultBody } from './helpers';

describe('sandbox: fault knobs and the request log', () => {
	let sandbox: Sandbox;
	let token: string;
	beforeAll(async () => {
		sandbox = await startSandbox();
		token = await getToken(sandbox);
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		Object.assign(sandbox.faults, { latencyMs: 0, rateLimitEvery: 0, retryAfterSeconds: null, serverErrorEvery: 0, serverErrorStatus: 500, failNext: [] });
		sandbox.faults.errorRate = { serverError: 0, rateLimit: 0, randomSeed: 1 };
	});

	const my = () => api<ServiceResultBody>(sandbox, token, 'GET', '/api/companies/my');

	it('failNext hang reads the request and never answers, until the client gives up', async () => {
		sandbox.faults.failNext = [{ match: { path: '/api/companies/my' }, status: 200, hang: true }];
		const started = Date.now();
		const outcome = await fetch(`${sandbox.url}/api/companies/my`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(300) }).then(
			() => 'answered',
			(error: Error) => error.name,
		);
		expect(outcome).toBe('TimeoutError');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(sandbox.requests.at(-1)).toMatchObject({ path: '/api/companies/my', status: 0 });
		expect((await my()).status).toBe(200);
	});

	it('failNext bodies echo the Authorization header and the client secret through placeholders', async () => {
		sandbox.faults.failNext = [
			{ match: { path: '/api/companies/my' }, status: 400, body: JSON.stringify({ message: `got %AUTHORIZATION%` }) },
			{ match: { path: '/connect/token' }, status: 400, body: JSON.stringify({ error: 'client_secret=%CLIENT_SECRET%' }) },
		];
		expect((await my()).json).toEqual({ message: `got Bearer ${token}` });
		const client = sandbox.clients.reseller;
		const answer = await requestToken(sandbox, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'api1' });
		expect(await answer.json()).toEqual({ error: `client_secret=${client.clientSecret}` });
	});

	it('failNext with a 3xx status and a location header is a redirect', async () => {
		sandbox.faults.failNext = [{ match: { path: '/api/companies/my' }, status: 307, headers: { location: 'http://127.0.0.1:9/elsewhere' } }];
		const answer = await fetch(`${sandbox.url}/api/companies/my`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
		expect(answer.status).toBe(307);
		expect(answer.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere');
	});

	it('rateLimitEvery answers every Nth /api request with 429 + Retry-After when configured', async () => {
		sandbox.faults.rateLimitEvery = 3;
		sandbox.faults.retryAfterSeconds = 7;
		const statuses: number[] = [];
		let limited: Awaited<ReturnType<typeof my>> | undefined;
		for (let index = 0; index < 6; index++) {
			const answer = await my();
			statuses.push(answer.status);
			if (answer.status === 429) limited = answer;
		}
		expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
		expect(limited?.headers.get('retry-after')).toBe('7');
		expect(limited?.json).toMatchObject({ status: 'FAILED', message: 'Rate limit exceeded' });
	});

	it('sends no Retry-After when retryAfterSeconds is null, and never limits /connect/token', async () => {
		sandbox.faults.rateLimitEvery = 1;
		const answer = await my();
		expect(answer.status).toBe(429);
		expect(answer.headers.get('retry-after')).toBeNull();
		expect(typeof (await getToken(sandbox))).toBe('string');
	});

	it('serverErrorEvery answers every Nth /api request with the configured status (gateway HTML for 502/503, JSON for 500)', async () => {
		sandbox.faults.serverErrorEvery = 2;
		sandbox.faults.serverErrorStatus = 503;
		const first = await my();
		const second = await my();
		expect([first.status, second.status]).toEqual([200, 503]);
		expect(second.headers.get('content-type')).toContain('text/html');
		expect(second.text).toContain('503 Service Unavailable');
		sandbox.faults.serverErrorStatus = 500;
		await my();
		const json = await my();
		expect(json.status).toBe(500);
		expect(json.json).toMatchObject({ status: 'INTERNAL_SERVER_ERROR' });
	});

	it('failNext entries are consumed in order, only by matching requests, with custom bodies', async () => {
		sandbox.faults.failNext.push(
			{ match: { method: 'POST', pathPrefix: '/api/target-users' }, status: 502 },
			{ match: { pathPrefix: '/api/companies/my' }, status: 418, body: 'teapot', contentType: 'text/plain' },
			{ match: { pathPrefix: '/api/companies/my' }, status: 400, body: '{"status":"INPUT_ERROR","message":"x","validationMessages":["x"],"data":null}' },
		);
		const teapot = await my();
		expect(teapot.status).toBe(418);
		expect(teapot.text).toBe('teapot');
		expect(teapot.headers.get('content-type')).toBe('text/plain');
		const input = await my();
		expect(input.status).toBe(400);
		expect(input.json.status).toBe('INPUT_ERROR');
		expect((await my()).status).toBe(200);
		expect(sandbox.faults.failNext).toHaveLength(1);
		const search = await api(sandbox, token, 'POST', '/api/target-users/search', { body: searchBody() });
		expect(search.status).toBe(502);
		expect(sandbox.faults.failNext).toHaveLength(0);
	});

	it('failNext match.path matches one exact path (case-insensitive), not longer ones', async () => {
		sandbox.faults.failNext.push({ match: { method: 'POST', path: '/API/TARGET-USERS' }, status: 500 });
		const search = await api(sandbox, token, 'POST', '/api/target-users/search', { body: searchBody() });
		expect(search.status).toBe(200);
		const create = await api(sandbox, token, 'POST', '/api/target-users', { body: { email: 'exact.path@acme-mssp.example', phoneNumber: '+1' } });
		expect(create.status).toBe(500);
		expect(sandbox.faults.failNext).toHaveLength(0);
	});

	it('failNext match.bodyIncludes singles out the request whose body contains the text', async () => {
		sandbox.faults.failNext.push({ match: { method: 'POST', path: '/api/target-users', bodyIncludes: 'singled.out@' }, status: 429 });
		const other = await api(sandbox, token, 'POST', '/api/target-users', { body: { email: 'not.this.one@acme-mssp.example', phoneNumber: '+1' } });
		expect(other.status).toBe(200);
		expect(sandbox.faults.failNext).toHaveLength(1);
		const singled = await api(sandbox, token, 'POST', '/api/target-users', { body: { email: 'singled.out@acme-mssp.example', phoneNumber: '+1' } });
		expect(singled.status).toBe(429);
		expect(sandbox.faults.failNext).toHaveLength(0);
	});

	it('a failNext entry without match hits the very next request, including the token call', async () => {
		sandbox.faults.failNext.push({ status: 503 });
		const response = await fetch(`${sandbox.url}/connect/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clients.reseller.clientId, client_secret: sandbox.clients.reseller.clientSecret, scope: 'api1' }),
		});
		expect(response.status).toBe(503);
	});

	it('dropConnection destroys the socket (the client sees a network error) and is logged with status 0', async () => {
		sandbox.faults.failNext.push({ match: { pathPrefix: '/api/' }, status: 0, dropConnection: true });
		sandbox.clearRequests();
		await expect(my()).rejects.toThrow();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ path: '/api/companies/my', status: 0 });
		expect((await my()).status).toBe(200);
	});

	it('applyAfterWrite performs the write, then fails: the retry meets the duplicate', async () => {
		const companyId = sandbox.ids.customerCompanyIds[0];
		sandbox.faults.failNext.push({ match: { method: 'POST', pathPrefix: '/api/target-users' }, status: 504, applyAfterWrite: true });
		const body = { email: 'lost.answer@globex.example', phoneNumber: '+1' };
		const first = await api(sandbox, token, 'POST', '/api/target-users', { companyId, body });
		expect(first.status).toBe(504);
		expect(sandbox.store.findTargetUserByEmail(companyId, 'lost.answer@globex.example')).toBeDefined();
		const retry = await api<ServiceResultBody>(sandbox, token, 'POST', '/api/target-users', { companyId, body });
		expect(retry.status).toBe(400);
		expect(retry.json.validationMessages?.[0]).toContain('already exists');

		sandbox.faults.failNext.push({ match: { method: 'POST' }, status: 0, dropConnection: true, applyAfterWrite: true });
		await expect(api(sandbox, token, 'POST', '/api/target-users', { companyId, body: { email: 'dropped.answer@globex.example', phoneNumber: '+1' } })).rejects.toThrow();
		expect(sandbox.store.findTargetUserByEmail(companyId, 'dropped.answer@globex.example')).toBeDefined();
	});

	it('errorRate injects 5xx / 429 with a deterministic seeded sequence', async () => {
		const run = async (): Promise<number[]> => {
			sandbox.faults.errorRate = { serverError: 0.2, rateLimit: 0.2, randomSeed: 42 };
			const statuses: number[] = [];
			for (let index = 0; index < 60; index++) statuses.push((await my()).status);
			sandbox.faults.errorRate = { serverError: 0, rateLimit: 0, randomSeed: 1 };
			return statuses;
		};
		const first = await run();
		const second = await run();
		expect(second).toEqual(first);
		const count = (status: number) => first.filter((value) => value === status).length;
		expect(count(500)).toBeGreaterThan(3);
		expect(count(429)).toBeGreaterThan(3);
		expect(count(200)).toBeGreaterThan(20);
		expect(count(500) + count(429) + count(200)).toBe(60);
	});

	it('latencyMs delays every request', async () => {
		sandbox.faults.latencyMs = 120;
		const started = Date.now();
		await my();
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		expect(sandbox.requests[sandbox.requests.length - 1].durationMs).toBeGreaterThanOrEqual(110);
	});

	it('records every request in order with method, path, query, lower-cased headers, parsed body, status and time', async () => {
		sandbox.clearRequests();
		expect(sandbox.requests).toHaveLength(0);
		const before = Date.now();
		await getToken(sandbox);
		await api(sandbox, token, 'POST', '/api/target-users/search?trace=1&trace=2', { body: searchBody(), companyId: sandbox.ids.customerCompanyIds[1], headers: { 'X-Custom-Header': 'Yes' } });
		await api(sandbox, null, 'GET', '/api/companies/my');
		expect(sandbox.requests.map((request) => [request.method, request.path, request.status])).toEqual([
			['POST', '/connect/token', 200],
			['POST', '/api/target-users/search', 200],
			['GET', '/api/companies/my', 401],
		]);
		const [tokenCall, searchCall] = sandbox.requests;
		expect(tokenCall.body).toMatchObject({ grant_type: 'client_credentials', scope: 'api1' });
		expect(tokenCall.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(searchCall.query).toEqual({ trace: ['1', '2'] });
		expect(searchCall.headers['x-keepnet-company-id']).toBe(sandbox.ids.customerCompanyIds[1]);
		expect(searchCall.headers['x-custom-header']).toBe('Yes');
		expect(searchCall.headers.authorization).toMatch(/^Bearer /);
		expect(searchCall.body).toEqual(searchBody());
		expect(searchCall.time).toBeGreaterThanOrEqual(before);
		expect(sandbox.requests[2].time).toBeGreaterThanOrEqual(searchCall.time);
	});
});

describe('sandbox: request log limits and determinism', () => {
	it('keeps at most maxRecordedRequests entries (oldest dropped) and can be switched off', async () => {
		const limited = await startSandbox({ maxRecordedRequests: 10 });
		const off = await startSandbox({ recordRequests: false });
		try {
			for (let index = 0; index < 30; index++) await fetch(`${limited.url}/api/companies/my?i=${index}`);
			expect(limited.requests.length).toBeLessThanOrEqual(11);
			expect(limited.requests[limited.requests.length - 1].query).toEqual({ i: '29' });
			await fetch(`${off.url}/api/companies/my`);
			expect(off.requests).toHaveLength(0);
		} finally {
			await limited.close();
			await off.close();
		}
	});

	it('gives the same ids and e-mails for the same seed, different ones for another seed', async () => {
		const a = await startSandbox({ seed: { randomSeed: 7 } });
		const b = await startSandbox({ seed: { randomSeed: 7 } });
		const c = await startSandbox({ seed: { randomSeed: 8 } });
		try {
			expect(b.ids).toEqual(a.ids);
			expect(b.clients).toEqual(a.clients);
			const emails = (box: Sandbox) => box.store.targetUsersOf(box.ids.customerCompanyIds[0]).map((user) => `${user.resourceId}:${user.email}`);
			expect(emails(b)).toEqual(emails(a));
			expect(c.ids.resellerCompanyId).not.toBe(a.ids.resellerCompanyId);
		} finally {
			await Promise.all([a.close(), b.close(), c.close()]);
		}
	});
});
