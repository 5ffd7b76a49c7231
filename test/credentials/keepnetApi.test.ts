import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { KeepnetApi } from '../../credentials/KeepnetApi.credentials';
import { checkKeepnetBaseUrl } from '../../nodes/Keepnet/transport/baseUrl';
import { callPreAuthentication, CredentialStore, runCredentialTest } from '../support/harness';
import { jsonOf, resellerCredentials, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

function tokenRequests() {
	return fixture.sandbox.requests.filter((request) => request.path === '/connect/token');
}

async function withServer(handler: http.RequestListener, use: (url: string) => Promise<void>) {
	const server = http.createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
	} finally {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}

describe('Keepnet API credential: the token request', () => {
	it('posts the client-credentials form with scope api1 and returns the token n8n stores', async () => {
		const credentials = resellerCredentials(fixture.sandbox);
		const result = await callPreAuthentication({ credentials });

		expect(typeof result.accessToken).toBe('string');
		expect(String(result.accessToken).split('.')).toHaveLength(3);
		const [tokenRequest] = tokenRequests();
		expect(tokenRequests()).toHaveLength(1);
		expect(tokenRequest.method).toBe('POST');
		expect(tokenRequest.headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(tokenRequest.body).toEqual({
			grant_type: 'client_credentials',
			client_id: fixture.sandbox.clients.reseller.clientId,
			client_secret: fixture.sandbox.clients.reseller.clientSecret,
			scope: 'api1',
		});
	});

	it('tolerates a trailing slash on the Base URL', async () => {
		const credentials = resellerCredentials(fixture.sandbox, { baseUrl: `${fixture.sandbox.url}///` });
		await expect(callPreAuthentication({ credentials })).resolves.toHaveProperty('accessToken');
		expect(tokenRequests()[0].path).toBe('/connect/token');
	});

	it('says the Client ID or Secret is wrong, without showing the secret', async () => {
		const secret = 'wrong-secret-5b1e2c';
		const credentials = resellerCredentials(fixture.sandbox, { clientSecret: secret });
		const error = await callPreAuthentication({ credentials }).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		const text = `${(error as Error).message} ${(error as { description?: string }).description ?? ''}`;
		expect(text).toMatch(/rejected the Client ID or Client Secret/);
		expect(text).toContain('invalid_client');
		expect(text).not.toContain(secret);
	});

	it('says which host could not be reached', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));

		const credentials = resellerCredentials(fixture.sandbox, { baseUrl: `http://127.0.0.1:${port}` });
		const error = (await callPreAuthentication({ credentials }).catch((caught: Error) => caught)) as Error;
		expect(error.message).toMatch(new RegExp(`Could not reach Keepnet at http://127\\.0\\.0\\.1:${port}: the connection was refused`));
		expect(error.message).not.toContain(fixture.sandbox.clients.reseller.clientSecret);
	});

	it('recognises an answer that is not from Keepnet (an HTML page)', async () => {
		await withServer(
			(_request, response) => {
				response.writeHead(200, { 'Content-Type': 'text/html' });
				response.end('<html><body>Sign in to the portal</body></html>');
			},
			async (url) => {
				const credentials = resellerCredentials(fixture.sandbox, { baseUrl: url });
				const error = (await callPreAuthentication({ credentials }).catch((caught: Error) => caught)) as Error;
				expect(error.message).toMatch(/did not answer like Keepnet's token endpoint \(HTTP 200, text\/html/);
			},
		);
	});

	it('refuses a Base URL that is not https before sending anything', async () => {
		const credentials = resellerCredentials(fixture.sandbox, { baseUrl: 'http://0.0.0.0:1' });
		const error = (await callPreAuthentication({ credentials }).catch((caught: Error) => caught)) as Error;
		expect(error.message).toMatch(/must use https:\/\//);
	});
});

describe('Base URL rule', () => {
	it.each([
		['https://api.keepnetlabs.com', 'https://api.keepnetlabs.com'],
		['https://api.keepnetlabs.com/', 'https://api.keepnetlabs.com'],
		['  https://api.example.org/keepnet//  ', 'https://api.example.org/keepnet'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://[::1]:4010', 'http://[::1]:4010'],
	])('accepts %s', (raw, normalised) => {
		expect(checkKeepnetBaseUrl(raw)).toEqual({ valid: true, baseUrl: normalised });
	});

	it.each([
		['http://api.keepnetlabs.com', /must use https/],
		['http://192.168.1.10', /must use https/],
		['ftp://127.0.0.1', /must use https/],
		['api.keepnetlabs.com', /not a valid URL/],
		['', /empty/],
		['https://user:pass@api.keepnetlabs.com', /user name or password/],
		['https://api.keepnetlabs.com/?x=1', /query string/],
	])('refuses %s', (raw, problem) => {
		const check = checkKeepnetBaseUrl(raw);
		expect(check.valid).toBe(false);
		if (!check.valid) expect(check.problem).toMatch(problem);
	});
});

describe('Keepnet API credential: the Test button', () => {
	it('succeeds for a Reseller client and calls GET /api/companies/my with the bearer token', async () => {
		const credentials = resellerCredentials(fixture.sandbox);
		const result = await runCredentialTest({ credentials });
		expect(result.status).toBe('OK');
		const call = fixture.sandbox.requests.find((request) => request.path === '/api/companies/my');
		expect(call?.method).toBe('GET');
		expect(call?.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
		expect(call?.status).toBe(200);
	});

	it('succeeds for a Company Admin client too (the call is allowed to every role)', async () => {
		const credentials = new CredentialStore(new KeepnetApi(), {
			baseUrl: fixture.sandbox.url,
			clientId: fixture.sandbox.clients.companyAdmin.clientId,
			clientSecret: fixture.sandbox.clients.companyAdmin.clientSecret,
			accessToken: '',
		});
		expect((await runCredentialTest({ credentials })).status).toBe('OK');
	});

	it('fails with a message naming the Client ID or Secret and not the secret', async () => {
		const secret = 'not-the-secret-9f8e7d';
		const result = await runCredentialTest({ credentials: resellerCredentials(fixture.sandbox, { clientSecret: secret }) });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Client ID or Client Secret/);
		expect(result.message).not.toContain(secret);
	});
});

describe('token storage and renewal (n8n keeps the token, the node never does)', () => {
	const listCompanies = { resource: 'company', operation: 'getAll', returnAll: false, limit: 2 };

	it('fetches one token, reuses it across executions, and renews exactly once after a 401', async () => {
		const credentials = resellerCredentials(fixture.sandbox);
		const issuedBefore = fixture.sandbox.tokensIssued();

		await fixture.run(listCompanies, { credentials });
		await fixture.run(listCompanies, { credentials });
		expect(credentials.preAuthenticationCalls).toBe(1);
		expect(fixture.sandbox.tokensIssued() - issuedBefore).toBe(1);
		const firstToken = credentials.data.accessToken;

		fixture.sandbox.expireAllTokens();
		fixture.sandbox.clearRequests();
		const afterExpiry = await fixture.run(listCompanies, { credentials });

		expect(jsonOf(afterExpiry)).toHaveLength(2);
		expect(credentials.preAuthenticationCalls).toBe(2);
		expect(fixture.sandbox.tokensIssued() - issuedBefore).toBe(2);
		expect(credentials.data.accessToken).not.toBe(firstToken);
		const searches = fixture.sandbox.requests.filter((request) => request.path === '/api/companies/search');
		expect(searches.map((request) => request.status)).toEqual([401, 200]);
	});
});

describe('a changed Client Secret takes effect at once', () => {
	it('the Test button fails for a wrong secret even while a token issued for the old secret is stored', async () => {
		const credentials = resellerCredentials(fixture.sandbox);
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials });
		expect(String(credentials.data.accessToken)).not.toBe('');

		credentials.data.clientSecret = 'edited-to-a-wrong-secret-42';
		const result = await runCredentialTest({ credentials });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Client ID or Client Secret/);
		await expect(fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials })).rejects.toThrow(
			/could not get an access token: .*rejected the Client ID or Client Secret/,
		);

		credentials.data.clientSecret = fixture.sandbox.clients.reseller.clientSecret;
		expect((await runCredentialTest({ credentials })).status).toBe('OK');
	});

	it('a token stays in use while the credential is unchanged', async () => {
		const credentials = resellerCredentials(fixture.sandbox);
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials });
		fixture.sandbox.clearRequests();
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials });
		expect(fixture.sandbox.requests.map((request) => `${request.path} ${request.status}`)).toEqual(['/api/companies/search 200']);
	});
});

describe('the Test button gives the same clear message on a saved credential as on a new one', () => {
	/** A credential that has been used (so n8n stores a token issued for its old values), then edited. */
	async function savedCredentialEditedTo(overrides: Record<string, string>) {
		const credentials = resellerCredentials(fixture.sandbox);
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials });
		expect(String(credentials.data.accessToken)).not.toBe('');
		Object.assign(credentials.data, overrides);
		return credentials;
	}
	const newCredentialWith = async (overrides: Record<string, string>) => resellerCredentials(fixture.sandbox, overrides);

	async function closedPortUrl(): Promise<string> {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		return `http://127.0.0.1:${port}`;
	}

	describe.each([
		['saved', savedCredentialEditedTo],
		['new', newCredentialWith],
	])('%s credential', (_kind, credentialWith) => {
		it('plain http to a host that is not loopback: the https rule', async () => {
			const result = await runCredentialTest({ credentials: await credentialWith({ baseUrl: 'http://192.0.2.10' }) });
			expect(result).toMatchObject({ status: 'Error' });
			expect(result.message).toMatch(/The Base URL "http:\/\/192\.0\.2\.10" must use https:\/\//);
		});

		it('an unreachable host: which host, and why', async () => {
			const url = await closedPortUrl();
			const result = await runCredentialTest({ credentials: await credentialWith({ baseUrl: url }) });
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`Could not reach Keepnet at ${url}: the connection was refused`);
		});

		it('a wrong secret: the Client ID or Secret, without the secret', async () => {
			const result = await runCredentialTest({ credentials: await credentialWith({ clientSecret: 'edited-wrong-secret-77' }) });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/rejected the Client ID or Client Secret/);
			expect(result.message).not.toContain('edited-wrong-secret-77');
		});

		it('a server that is not Keepnet', async () => {
			await withServer(
				(_request, response) => {
					response.writeHead(200, { 'Content-Type': 'text/html' });
					response.end('<html>portal</html>');
				},
				async (url) => {
					const result = await runCredentialTest({ credentials: await credentialWith({ baseUrl: url }) });
					expect(result.status).toBe('Error');
					expect(result.message).toMatch(/did not answer like Keepnet's token endpoint \(HTTP 200, text\/html/);
				},
			);
		});
	});

	it('an edited credential sends nothing with a token issued for its old values', async () => {
		const credentials = await savedCredentialEditedTo({ clientSecret: 'edited-wrong-secret-78' });
		fixture.sandbox.clearRequests();
		await expect(fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { credentials })).rejects.toThrow(
			/rejected the Client ID or Client Secret/,
		);
		expect(fixture.apiRequests()).toEqual([]);
	});
});

describe('the access token goes to the Base URL or nowhere (the credential in n8n\'s HTTP Request node)', () => {
	const credential = new KeepnetApi();
	async function authenticated(options: Record<string, unknown>) {
		const credentials = resellerCredentials(fixture.sandbox);
		// What n8n does before a request: preAuthentication's token merged into the stored credential, then authenticate.
		const data = { ...credentials.data, ...(await callPreAuthentication({ credentials })) };
		expect(String(data.accessToken)).not.toBe('');
		return { data, result: credential.authenticate(data, options as never) };
	}

	it('adds the bearer token to a request under the Base URL, given as url, as uri (HTTP Request) or as baseURL + path', async () => {
		for (const options of [
			{ url: `${fixture.sandbox.url}/api/dashboard/summary` },
			{ uri: `${fixture.sandbox.url}/api/dashboard/summary` },
			{ baseURL: fixture.sandbox.url, url: '/api/dashboard/summary' },
		]) {
			const { data, result } = await authenticated(options);
			const authenticatedOptions = await result;
			expect(authenticatedOptions.headers?.Authorization).toBe(`Bearer ${String(data.accessToken)}`);
		}
	});

	it('refuses a request to another origin (another port, host or scheme) before anything is sent, naming both origins and not the token', async () => {
		const sandboxOrigin = new URL(fixture.sandbox.url).origin;
		const port = Number(new URL(fixture.sandbox.url).port);
		for (const [options, foreign] of [
			[{ uri: `http://127.0.0.1:${port + 1}/api/dashboard/summary` }, `http://127.0.0.1:${port + 1}`],
			[{ url: 'https://example.com/api/companies/my' }, 'https://example.com'],
			[{ baseURL: 'https://example.com', url: '/api/companies/my' }, 'https://example.com'],
		] as const) {
			const { data, result } = await authenticated(options);
			const error = await result.then(
				() => undefined,
				(rejection: unknown) => rejection as Error,
			);
			expect(error?.message).toBe(
				`The Keepnet API credential only sends its access token to ${sandboxOrigin} (its Base URL); this request goes to ${foreign}, so nothing was sent.`,
			);
			expect(JSON.stringify({ message: error?.message, description: (error as { description?: string }).description })).not.toContain(String(data.accessToken));
		}
	});
});
