/**
 * The reliability guarantees of docs/reliability.md, one test per row, each driven by the sandbox's fault knobs
 * through the node's real entry point (n8n's engine running `execute`).
 */
import type { INodeParameters } from 'n8n-workflow';

import { RATE_LIMIT_MAX_RETRIES } from '../../nodes/Keepnet/transport/request';
import { items, jsonOf, locator, resellerCredentials, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[0];
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	fixture.sandbox.clearRequests();
	Object.assign(fixture.sandbox.faults, { latencyMs: 0, rateLimitEvery: 0, retryAfterSeconds: null, serverErrorEvery: 0, serverErrorStatus: 500, failNext: [] });
	fixture.sandbox.faults.errorRate = { serverError: 0, rateLimit: 0, randomSeed: 1 };
});

let emailCounter = 0;
const freshEmail = (label: string) => `${label}.${++emailCounter}@fault-matrix.example`;
const create = (email: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'targetUser',
	operation: 'create',
	companyId: locator(companyId),
	email,
	phoneNumber: '+441234567890',
	...extra,
});
const upsert = (email: string) => ({ ...create(email), operation: 'upsert' });
const usersWithEmail = (email: string) => fixture.sandbox.store.targetUsersOf(companyId).filter((user) => user.email.toLowerCase() === email.toLowerCase());
const posts = () => fixture.apiRequests().filter((request) => request.method === 'POST' && request.path === '/api/target-users');

describe('token expiry mid-run', () => {
	it('renews exactly once, retries the item that hit the 401 once, and completes every item', async () => {
		const local = await startKeepnetFixture({ tokenLifetimeSeconds: 2, latencyMs: 100 });
		try {
			const target = local.sandbox.ids.customerCompanyIds[0];
			// Get a token, then start a batch 300 ms before it expires: the batch (8 rounds of 100 ms) straddles the expiry.
			await local.run({ resource: 'targetUser', operation: 'getCountSummary', companyId: locator(target) });
			const issued = local.sandbox.store.tokens.get(String(local.credentials.data.accessToken));
			expect(issued).toBeDefined();
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, issued!.expiresAtMs - 300 - Date.now())));
			local.sandbox.clearRequests();
			const tokensBefore = local.sandbox.tokensIssued();

			const rows = Array.from({ length: 40 }, (_, index) => ({ email: `expiry${index}@fault-matrix.example` }));
			const result = await local.run(
				{ resource: 'targetUser', operation: 'create', companyId: locator(target), email: '={{ $json.email }}', phoneNumber: '+15550000', options: { concurrency: 5 } },
				{ items: items(...rows) },
			);
			expect(Date.now()).toBeGreaterThan(issued!.expiresAtMs);
			expect(jsonOf(result).map((json) => json.email)).toEqual(rows.map((row) => row.email));
			expect(jsonOf(result).every((json) => typeof json.resourceId === 'string' && json.resourceId !== '')).toBe(true);
			expect(local.sandbox.tokensIssued() - tokensBefore).toBe(1);
			const unauthorized = local.apiRequests().filter((request) => request.status === 401);
			expect(unauthorized).toHaveLength(1);
			const sameBody = local.apiRequests().filter((request) => JSON.stringify(request.body) === JSON.stringify(unauthorized[0].body));
			expect(sameBody.map((request) => request.status)).toEqual([401, 200]);
			for (const row of rows) expect(local.sandbox.store.findTargetUserByEmail(target, row.email)).toBeDefined();
		} finally {
			await local.close();
		}
	});
});

describe('HTTP 429', () => {
	it('waits for Retry-After and retries, so the run completes', async () => {
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 429, headers: { 'Retry-After': '1' } }];
		const email = freshEmail('retry-after');
		await fixture.run(create(email));
		const attempts = posts();
		expect(attempts.map((request) => request.status)).toEqual([429, 200]);
		expect(attempts[1].time - attempts[0].time).toBeGreaterThanOrEqual(990);
		expect(usersWithEmail(email)).toHaveLength(1);
	});

	it('backs off without Retry-After and retries', async () => {
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 429 }];
		const email = freshEmail('no-retry-after');
		await fixture.run(create(email));
		const attempts = posts();
		expect(attempts.map((request) => request.status)).toEqual([429, 200]);
		expect(attempts[1].time - attempts[0].time).toBeGreaterThanOrEqual(450);
	});

	it(`gives up after ${RATE_LIMIT_MAX_RETRIES} retries with a clear error`, async () => {
		fixture.sandbox.faults.rateLimitEvery = 1;
		fixture.sandbox.faults.retryAfterSeconds = 0;
		const error = (await fixture.run(create(freshEmail('always-429'))).catch((caught: Error) => caught)) as Error & { description?: string };
		expect(error.message).toBe('Keepnet is rate-limiting requests (HTTP 429)');
		expect(error.description).toMatch(`Gave up after ${RATE_LIMIT_MAX_RETRIES} retries`);
		expect(fixture.apiRequests().filter((request) => request.status === 429)).toHaveLength(RATE_LIMIT_MAX_RETRIES + 1);
	});
});

describe('5xx and dropped connections', () => {
	it('retries reads (search) after 5xx answers', async () => {
		fixture.sandbox.faults.failNext = [
			{ match: { pathPrefix: '/api/target-users/search' }, status: 503 },
			{ match: { pathPrefix: '/api/target-users/search' }, status: 500 },
		];
		const users = jsonOf(await fixture.run({ resource: 'targetUser', operation: 'getAll', companyId: locator(companyId), returnAll: false, limit: 5 }));
		expect(users).toHaveLength(5);
		expect(fixture.apiRequests().map((request) => request.status)).toEqual([503, 500, 200]);
	});

	it('retries a read after a dropped connection', async () => {
		const user = fixture.sandbox.store.targetUsersOf(companyId).find((candidate) => !candidate.isDeleted)!;
		fixture.sandbox.faults.failNext = [{ match: { method: 'GET' }, status: 0, dropConnection: true }];
		const [got] = jsonOf(await fixture.run({ resource: 'targetUser', operation: 'get', companyId: locator(companyId), targetUserId: locator(user.resourceId, 'id') }));
		expect(got.resourceId).toBe(user.resourceId);
		expect(fixture.apiRequests().filter((request) => request.method === 'GET')).toHaveLength(2);
	});

	it('does not replay a plain Create after a 5xx: that item is reported as failed, once', async () => {
		const email = freshEmail('create-500');
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 500, applyAfterWrite: true }];
		const [output] = (await fixture.run(create(email), { continueOnFail: true })).output[0];
		expect(output.json).toMatchObject({ email, httpCode: '500' });
		expect(String(output.json.error)).toMatch(/server error \(HTTP 500\)/);
		expect(String(output.json.description)).toMatch(/may or may not have been carried out.*Create or Update/);
		expect(posts()).toHaveLength(1);
		expect(usersWithEmail(email)).toHaveLength(1);
	});

	it('Create or Update re-checks by email after a lost answer, so the user exists exactly once', async () => {
		const email = freshEmail('upsert-dropped');
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 0, dropConnection: true, applyAfterWrite: true }];
		const [output] = jsonOf(await fixture.run(upsert(email)));
		expect(output).toMatchObject({ action: 'created', email });
		expect(usersWithEmail(email)).toHaveLength(1);
		expect(output.resourceId).toBe(usersWithEmail(email)[0].resourceId);
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/target-users/search-email',
			'POST /api/target-users',
			'POST /api/target-users/search-email',
		]);
	});

	it('Create or Update tries the create again when the re-check shows it did not happen', async () => {
		const email = freshEmail('upsert-503');
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 503 }];
		const [output] = jsonOf(await fixture.run(upsert(email)));
		expect(output).toMatchObject({ action: 'created', email });
		expect(usersWithEmail(email)).toHaveLength(1);
		expect(posts().map((request) => request.status)).toEqual([503, 200]);
	});
});

describe('answers that are not Keepnet JSON', () => {
	it.each([
		['an HTML page', { status: 200, body: '<html><body>Maintenance</body></html>', contentType: 'text/html' }, /Keepnet answered GET \/api\/target-users\/count-summary with a body that is not JSON \(text\/html/],
		['an empty body', { status: 200, body: '', contentType: 'application/json' }, /with an empty body/],
		['malformed JSON', { status: 200, body: '{"status": "SUCC', contentType: 'application/json' }, /a body that is not JSON/],
	])('%s gives a clear error naming the request, never an undefined field', async (_label, answer, expected) => {
		fixture.sandbox.faults.failNext = [{ match: { pathPrefix: '/api/target-users/count-summary' }, ...answer }];
		await expect(fixture.run({ resource: 'targetUser', operation: 'getCountSummary', companyId: locator(companyId) })).rejects.toThrow(expected);
	});

	it('an HTML 502 on a write names the status', async () => {
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users' }, status: 502 }];
		await expect(fixture.run(create(freshEmail('html-502')))).rejects.toThrow('Keepnet answered with a server error (HTTP 502)');
	});
});

describe('bad input is refused before any request, with item and field', () => {
	const companyFromItem = { companyId: locator('={{ $json.company }}', 'id') };
	const exportFormat = () => ({ resource: 'targetUser', operation: 'export', companyId: locator(companyId), fileFormat: '={{ $json.value }}', binaryPropertyName: 'data' });
	it.each<[string, () => INodeParameters, string, string, RegExp]>([
		['malformed email', () => create('={{ $json.value }}'), 'good@example.com', 'jane@@example', /Email "jane@@example" is not a valid email address \(item 1\)/],
		['over-length email', () => create('={{ $json.value }}'), 'good@example.com', `${'a'.repeat(310)}@example.com`, /Email is too long: 322 characters, Keepnet accepts at most 320 \(item 1\)/],
		['name over the create limit', () => create('ok@example.com', { additionalFields: { lastName: '={{ $json.value }}' } }), 'Doe', 'x'.repeat(257), /Last Name is too long: 257 characters, Keepnet accepts at most 256 \(item 1\)/],
		['missing phone number', () => create('ok@example.com', { phoneNumber: '={{ $json.value }}' }), '+1555', '', /Phone Number is required \(item 1\)/],
		['unknown priority', () => create('ok@example.com', { additionalFields: { priority: '={{ $json.value }}' } }), 'High', 'Urgent', /Priority "Urgent" is not one Keepnet knows \(item 1\)/],
		['company ID with CR/LF', () => ({ ...create('ok@example.com'), ...companyFromItem }), 'unused', 'Ab12\r\nX-Other: 1', /is not a Keepnet ID \(item 1\)/],
		['company ID with a space', () => ({ ...create('ok@example.com'), ...companyFromItem }), 'unused', 'Ab12 Cd34', /is not a Keepnet ID \(item 1\)/],
		['company ID with a slash', () => ({ ...create('ok@example.com'), ...companyFromItem }), 'unused', '../admin', /is not a Keepnet ID \(item 1\)/],
		['export type outside the list', exportFormat, 'csv', 'docx', /File Format "docx" is not one Keepnet can export \(item 1\)/],
	])('%s', async (_label, buildParameters, goodValue, badValue, expected) => {
		const run = fixture.run(buildParameters(), { items: items({ value: goodValue, company: companyId }, { value: badValue, company: badValue }) });
		await expect(run).rejects.toThrow(expected);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('applies the stricter update limits to Update (First Name max 40, Department max 64)', async () => {
		const user = fixture.sandbox.store.targetUsersOf(companyId).find((candidate) => !candidate.isDeleted)!;
		const update = (fields: INodeParameters): INodeParameters => ({ resource: 'targetUser', operation: 'update', companyId: locator(companyId), targetUserId: locator(user.resourceId, 'id'), updateFields: fields });
		await expect(fixture.run(update({ firstName: 'f'.repeat(41) }))).rejects.toThrow('First Name is too long: 41 characters, Keepnet accepts at most 40 (item 0)');
		await expect(fixture.run(update({ department: 'd'.repeat(65) }))).rejects.toThrow('Department is too long: 65 characters, Keepnet accepts at most 64 (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('refuses a non-https Base URL from the node too, before any request', async () => {
		const credentials = resellerCredentials(fixture.sandbox, { baseUrl: 'http://0.0.0.0:1' });
		await expect(fixture.run({ resource: 'company', operation: 'getAll', returnAll: true }, { credentials })).rejects.toThrow(/must use https:\/\//);
	});
});

describe('wrong scope never falls back to the Reseller’s own company', () => {
	it.each([
		['not managed (403)', () => fixture.sandbox.ids.unmanagedCompanyId, /refused access to company .* \(HTTP 403\)/],
		['unknown (404)', () => 'UnknownCo999', /HTTP 404/],
	])('%s', async (_label, company, expected) => {
		const ownUsersBefore = fixture.sandbox.store.targetUsersOf(fixture.sandbox.ids.resellerCompanyId).length;
		const email = freshEmail('scope');
		await expect(fixture.run({ ...upsert(email), companyId: locator(company(), 'id') })).rejects.toThrow(expected);
		expect(fixture.apiRequests().every((request) => request.headers['x-keepnet-company-id'] === company())).toBe(true);
		expect(fixture.sandbox.store.targetUsersOf(fixture.sandbox.ids.resellerCompanyId)).toHaveLength(ownUsersBefore);
	});
});
