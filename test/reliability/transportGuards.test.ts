/**
 * Where the token and the client secret may go, and how long a request may wait. All servers are on
 * loopback: a second HTTP server on another port stands in for "another origin" and records whatever
 * reaches it, so a test can assert that neither the secret nor the token arrived there.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { callPreAuthentication, runCredentialTest } from '../support/harness';
import { items, jsonOf, locator, resellerCredentials, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';
import { secretsOf, visibleText } from '../support/secrets';

let fixture: KeepnetFixture;
let companyId: string;

interface Recorder {
	url: string;
	received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}

/** Another origin: answers like a token endpoint / API (so a follower would be "rewarded") and records everything. */
async function startRecorder(): Promise<Recorder> {
	const received: Recorder['received'] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ access_token: 'attacker.token.value', status: 'SUCCESS', data: { results: [] } }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

let recorder: Recorder;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[0];
	recorder = await startRecorder();
});
afterAll(async () => {
	await recorder.close();
	await fixture.close();
});
beforeEach(() => {
	fixture.sandbox.clearRequests();
	fixture.sandbox.faults.failNext = [];
	recorder.received.length = 0;
});

function leaks(...things: unknown[]): string[] {
	const text = visibleText(...things);
	return secretsOf(fixture.sandbox).filter((secret) => text.includes(secret));
}

describe('redirects from the token endpoint are never followed', () => {
	it('307 to another loopback origin: the secret is not sent there and the error names that origin', async () => {
		fixture.sandbox.faults.failNext = [{ match: { path: '/connect/token' }, status: 307, headers: { location: `${recorder.url}/connect/token` } }];
		const credentials = resellerCredentials(fixture.sandbox);
		const error = (await callPreAuthentication({ credentials }).catch((caught: unknown) => caught)) as Error;
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toContain(`redirect (HTTP 307) to ${recorder.url}`);
		expect(error.message).toContain('not followed');
		expect(recorder.received).toEqual([]);
		expect(leaks(error)).toEqual([]);
	});

	it('307 to a plain-http host: not followed, so the https rule cannot be got round', async () => {
		fixture.sandbox.faults.failNext = [{ match: { path: '/connect/token' }, status: 307, headers: { location: 'http://keepnet.invalid/connect/token' } }];
		const error = (await callPreAuthentication({ credentials: resellerCredentials(fixture.sandbox) }).catch((caught: unknown) => caught)) as Error;
		expect(error.message).toContain('redirect (HTTP 307) to http://keepnet.invalid');
		expect(error.message).not.toMatch(/could not reach/i);
	});

	it('in a node run, no token from the other origin is used and no API request is made', async () => {
		fixture.sandbox.faults.failNext = [{ match: { path: '/connect/token' }, status: 307, headers: { location: `${recorder.url}/connect/token` } }];
		const credentials = resellerCredentials(fixture.sandbox);
		await expect(fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials })).rejects.toThrow(
			/could not get an access token: .*redirect \(HTTP 307\)/,
		);
		expect(recorder.received).toEqual([]);
		expect(fixture.apiRequests()).toEqual([]);
		expect(credentials.data.accessToken).not.toBe('attacker.token.value');
	});
});

describe('redirects on API calls', () => {
	beforeAll(async () => await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }));

	it('307 to another origin: the token is not sent there, the answer there is not used, the error names the origin', async () => {
		fixture.sandbox.faults.failNext = [{ match: { path: '/api/companies/search' }, status: 307, headers: { location: `${recorder.url}/api/companies/search` } }];
		const error = (await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }).catch((caught: unknown) => caught)) as Error;
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toContain(`redirect (HTTP 307) to ${recorder.url}`);
		expect(recorder.received).toEqual([]);
		expect(leaks(error)).toEqual([]);
		// Not retried either: one request, the redirect.
		expect(fixture.apiRequests().map((request) => request.status)).toEqual([307]);
	});

	it('307 to the same host on another port counts as another origin', async () => {
		const otherPort = new URL(recorder.url).port;
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 307, headers: { location: `http://127.0.0.1:${otherPort}/api/target-users` } }];
		const error = (await fixture
			.run({ resource: 'targetUser', operation: 'create', companyId: locator(companyId), email: 'redirected@guards.example', phoneNumber: '+1' })
			.catch((caught: unknown) => caught)) as Error;
		expect(error.message).toContain(`to http://127.0.0.1:${otherPort}`);
		expect(recorder.received).toEqual([]);
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'redirected@guards.example')).toBeUndefined();
	});

	it('307 within the Base URL origin is followed, with the same method and body', async () => {
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 307, headers: { location: '/api/target-users' } }];
		const result = await fixture.run({ resource: 'targetUser', operation: 'create', companyId: locator(companyId), email: 'same.origin@guards.example', phoneNumber: '+1' });
		expect(jsonOf(result)[0].resourceId).toEqual(expect.any(String));
		const posts = fixture.apiRequests().filter((request) => request.method === 'POST' && request.path === '/api/target-users');
		expect(posts.map((request) => request.status)).toEqual([307, 200]);
		expect(posts[1].body).toEqual(posts[0].body);
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'same.origin@guards.example')).toBeDefined();
	});

	it('a same-origin redirect loop ends after 3 redirects with its own message', async () => {
		fixture.sandbox.faults.failNext = [1, 2, 3, 4].map(() => ({ match: { path: '/api/companies/search' }, status: 302, headers: { location: '/api/companies/search' } }));
		await expect(fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 })).rejects.toThrow(
			'Keepnet answered POST /api/companies/search with more than 3 redirects (last HTTP 302)',
		);
		expect(fixture.apiRequests().map((request) => request.status)).toEqual([302, 302, 302, 302]);
	});

	it('the credential Test reports a redirect in its own words and sends nothing to the other origin', async () => {
		fixture.sandbox.faults.failNext = [{ match: { path: '/api/companies/my' }, status: 307, headers: { location: `${recorder.url}/api/companies/my` } }];
		const result = await runCredentialTest({ credentials: resellerCredentials(fixture.sandbox) });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/redirect \(HTTP 307\), which is never followed/);
		expect(recorder.received).toEqual([]);
	});
});

describe('every request has a timeout', () => {
	const quick = () => resellerCredentials(fixture.sandbox, { timeoutSeconds: 1 });

	it('a token endpoint that never answers: the error says so within the timeout', async () => {
		fixture.sandbox.faults.failNext = [{ match: { path: '/connect/token' }, status: 200, hang: true }];
		const started = Date.now();
		const error = (await callPreAuthentication({ credentials: quick() }).catch((caught: unknown) => caught)) as Error;
		expect(Date.now() - started).toBeLessThan(3000);
		expect(error.message).toContain(`Could not reach Keepnet at ${fixture.sandbox.url}: no answer arrived within 1 s`);
	});

	it('a write that never answers: the error names the request and says the outcome is unknown', async () => {
		const credentials = quick();
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials });
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 200, hang: true }];
		const started = Date.now();
		const result = await fixture.run(
			{ resource: 'targetUser', operation: 'create', companyId: locator(companyId), email: 'silent@guards.example', phoneNumber: '+1' },
			{ credentials, continueOnFail: true },
		);
		expect(Date.now() - started).toBeLessThan(3000);
		const [item] = jsonOf(result);
		expect(String(item.error)).toContain('Keepnet did not answer POST /api/target-users within 1 s (timeout)');
		expect(JSON.stringify(item)).toContain('may or may not have been carried out');
		// Not replayed: a create may have happened.
		expect(fixture.apiRequests().filter((request) => request.path === '/api/target-users')).toHaveLength(1);
	});

	it('a read that never answers once is retried under the retry policy and completes', async () => {
		const credentials = quick();
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials });
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.failNext = [{ match: { path: '/api/companies/search' }, status: 200, hang: true }];
		const result = await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials });
		expect(jsonOf(result)).toHaveLength(1);
		expect(fixture.apiRequests().filter((request) => request.path === '/api/companies/search')).toHaveLength(2);
	});

	it('a read that never answers at all fails with a timeout error after the retries', async () => {
		const credentials = quick();
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials });
		fixture.sandbox.faults.failNext = [1, 2, 3, 4].map(() => ({ match: { path: '/api/companies/search' }, status: 200, hang: true }));
		await expect(fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials })).rejects.toThrow(
			'Keepnet did not answer POST /api/companies/search within 1 s (timeout)',
		);
	}, 15_000);
});

describe('a token revoked on the server (its expiry still in the future)', () => {
	it('20 requests in flight that all get 401 cause exactly one token request, and every item completes', async () => {
		const local = await startKeepnetFixture({ latencyMs: 50 });
		try {
			const target = local.sandbox.ids.customerCompanyIds[0];
			await local.run({ resource: 'targetUser', operation: 'getCountSummary', companyId: locator(target) });
			const oldToken = String(local.credentials.data.accessToken);
			local.sandbox.expireAllTokens();
			local.sandbox.clearRequests();
			const tokensBefore = local.sandbox.tokensIssued();

			const rows = Array.from({ length: 20 }, (_, index) => ({ email: `revoked${index}@guards.example` }));
			const result = await local.run(
				{ resource: 'targetUser', operation: 'create', companyId: locator(target), email: '={{ $json.email }}', phoneNumber: '+15550000', options: { concurrency: 20 } },
				{ items: items(...rows) },
			);
			expect(jsonOf(result).map((json) => json.email)).toEqual(rows.map((row) => row.email));
			expect(local.sandbox.tokensIssued() - tokensBefore).toBe(1);
			expect(local.sandbox.requests.filter((request) => request.path === '/connect/token')).toHaveLength(1);
			// All 20 really were in flight with the revoked token.
			expect(local.apiRequests().filter((request) => request.status === 401)).toHaveLength(20);
			expect(local.credentials.data.accessToken).not.toBe(oldToken);
			for (const row of rows) expect(local.sandbox.store.findTargetUserByEmail(target, row.email)).toBeDefined();
		} finally {
			await local.close();
		}
	});

	it('a second revocation later gets its own single renewal', async () => {
		const local = await startKeepnetFixture({ latencyMs: 20 });
		try {
			const target = local.sandbox.ids.customerCompanyIds[0];
			const run = async () =>
				await local.run(
					{ resource: 'targetUser', operation: 'getAll', companyId: locator(target), returnAll: false, limit: 1 },
					{ items: items(...Array.from({ length: 10 }, () => ({}))) },
				);
			await run();
			const before = local.sandbox.tokensIssued();
			local.sandbox.expireAllTokens();
			await run();
			expect(local.sandbox.tokensIssued() - before).toBe(1);
			local.sandbox.expireAllTokens();
			await run();
			expect(local.sandbox.tokensIssued() - before).toBe(2);
		} finally {
			await local.close();
		}
	});
});
