import { startSandbox, type Sandbox } from '..';
import { api, getToken, requestToken, searchBody } from './helpers';

describe('sandbox: POST /connect/token and bearer checks', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ tokenLifetimeSeconds: 1.5 });
	});
	afterAll(() => sandbox.close());

	const validForm = (): Record<string, string> => ({
		grant_type: 'client_credentials',
		client_id: sandbox.clients.reseller.clientId,
		client_secret: sandbox.clients.reseller.clientSecret,
		scope: 'api1',
	});

	it('issues a JWT with the contract claims for a form-encoded request', async () => {
		const before = sandbox.tokensIssued();
		const response = await requestToken(sandbox, validForm());
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ token_type: 'Bearer', scope: 'api1', expires_in: 2 });
		const parts = String(body.access_token).split('.');
		expect(parts).toHaveLength(3);
		for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
		const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
		expect(claims).toMatchObject({
			user_company_resourceid: sandbox.ids.resellerCompanyId,
			user_company_name: 'Acme MSSP',
			role: 'Reseller',
			reseller_access: true,
			company_admin_access: true,
			root_access: false,
			client_id: sandbox.clients.reseller.clientId,
			scope: ['api1'],
		});
		expect(Number(claims.exp) - Number(claims.iat)).toBeGreaterThanOrEqual(1);
		expect(sandbox.tokensIssued()).toBe(before + 1);
	});

	it('gives the Company Admin a token for its own company without reseller access', async () => {
		const token = await getToken(sandbox, 'companyAdmin');
		const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
		expect(claims).toMatchObject({ role: 'Company Admin', reseller_access: false, user_company_resourceid: sandbox.ids.companyAdminCompanyId });
	});

	it('answers 500 with a JSON error to a JSON body (DOCS warning)', async () => {
		const before = sandbox.tokensIssued();
		const response = await fetch(`${sandbox.url}/connect/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validForm()) });
		expect(response.status).toBe(500);
		expect(response.headers.get('content-type')).toContain('application/json');
		expect(((await response.json()) as { error: string }).error).toBe('server_error');
		expect(sandbox.tokensIssued()).toBe(before);
	});

	it('answers 500 to multipart bodies too (form-urlencoded only)', async () => {
		const form = new FormData();
		for (const [name, value] of Object.entries(validForm())) form.append(name, value);
		const response = await fetch(`${sandbox.url}/connect/token`, { method: 'POST', body: form });
		expect(response.status).toBe(500);
	});

	it('answers 400 invalid_client for a wrong secret or unknown client', async () => {
		for (const form of [{ ...validForm(), client_secret: 'nope' }, { ...validForm(), client_id: 'unknown-client' }]) {
			const response = await requestToken(sandbox, form);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({ error: 'invalid_client' });
		}
	});

	it('answers 400 invalid_scope for another scope, and 400 for a missing scope or grant type', async () => {
		const badScope = await requestToken(sandbox, { ...validForm(), scope: 'api2' });
		expect(badScope.status).toBe(400);
		expect(((await badScope.json()) as { error: string }).error).toBe('invalid_scope');
		const { scope: _scope, ...withoutScope } = validForm();
		expect((await requestToken(sandbox, withoutScope)).status).toBe(400);
		const wrongGrant = await requestToken(sandbox, { ...validForm(), grant_type: 'password' });
		expect(wrongGrant.status).toBe(400);
		expect(((await wrongGrant.json()) as { error: string }).error).toBe('unsupported_grant_type');
	});

	it('answers 401 with WWW-Authenticate and an empty body without, with a malformed, or with an unknown token', async () => {
		for (const token of [null, 'not-a-jwt', 'aaa.bbb.ccc']) {
			const answer = await api(sandbox, token, 'GET', '/api/companies/my');
			expect(answer.status).toBe(401);
			expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
			expect(answer.text).toBe('');
		}
		const wrongScheme = await fetch(`${sandbox.url}/api/companies/my`, { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
		expect(wrongScheme.status).toBe(401);
	});

	it('expires tokens after tokenLifetimeSeconds (401), while a fresh token works', async () => {
		const token = await getToken(sandbox);
		expect((await api(sandbox, token, 'GET', '/api/companies/my')).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1600));
		const expired = await api(sandbox, token, 'GET', '/api/companies/my');
		expect(expired.status).toBe(401);
		expect(expired.headers.get('www-authenticate')).toContain('expired');
		expect((await api(sandbox, await getToken(sandbox), 'GET', '/api/companies/my')).status).toBe(200);
	});

	it('expireAllTokens() invalidates every issued token, not later ones', async () => {
		const first = await getToken(sandbox);
		const second = await getToken(sandbox);
		sandbox.expireAllTokens();
		for (const token of [first, second]) expect((await api(sandbox, token, 'POST', '/api/companies/search', { body: searchBody() })).status).toBe(401);
		expect((await api(sandbox, await getToken(sandbox), 'POST', '/api/companies/search', { body: searchBody() })).status).toBe(200);
	});

	it('answers 404 for unknown routes and 405 for a wrong method', async () => {
		const token = await getToken(sandbox);
		expect((await api(sandbox, token, 'GET', '/api/does-not-exist')).status).toBe(404);
		expect((await api(sandbox, token, 'PATCH', '/api/companies/my')).status).toBe(405);
		// Like ASP.NET routing, GET .../search falls onto GET /api/companies/{resourceId}: an unknown company.
		expect((await api(sandbox, token, 'GET', '/api/companies/search')).status).toBe(404);
	});
});
