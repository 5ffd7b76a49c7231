/**
 * Soak: 5,000 target-user writes (Create or Update) with 5% injected 5xx, 1% 429 and a token expiry in
 * the middle. Afterwards the sandbox holds exactly the users reported as written (none missing, none
 * duplicated), and every item that did not make it is reported as failed.
 */
import type { IDataObject } from 'n8n-workflow';

import { items, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

const USERS = 5000;
jest.setTimeout(240_000);

let fixture: KeepnetFixture;

const TOKEN_LIFETIME_SECONDS = Number(process.env.SOAK_TOKEN_LIFETIME ?? 3);

beforeAll(async () => {
	// Short enough that even a fast run outlasts a token (Create or Update reads the company once, so it got quicker).
	fixture = await startKeepnetFixture({ tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS, recordRequests: true, maxRecordedRequests: 200_000 });
});
afterAll(async () => await fixture.close());

it(`${USERS} writes under 5% 5xx, 1% 429 and a token expiry lose or duplicate no user`, async () => {
	const companyId = fixture.sandbox.ids.customerCompanyIds[1];
	const store = fixture.sandbox.store;
	const existingBefore = new Set(store.targetUsersOf(companyId).map((user) => user.email.toLowerCase()));
	// The first rows update users that exist already (each once); the rest are new.
	const existing = store.targetUsersOf(companyId).filter((user) => !user.isDeleted).map((user) => user.email);
	const rows: IDataObject[] = Array.from({ length: USERS }, (_, index) => ({
		email: index < existing.length ? existing[index] : `soak.user${index}@soak.example`,
		phone: `+4420${String(index).padStart(7, '0')}`,
		department: `Dept ${index % 17}`,
	}));

	fixture.sandbox.faults.errorRate = { serverError: 0.05, rateLimit: 0.01, randomSeed: 7 };
	fixture.sandbox.faults.serverErrorStatus = 503;
	const tokensBefore = fixture.sandbox.tokensIssued();
	const started = Date.now();
	const result = await fixture.run(
		{
			resource: 'targetUser',
			operation: 'upsert',
			companyId: locator(companyId),
			email: '={{ $json.email }}',
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { department: '={{ $json.department }}' },
		},
		{ items: items(...rows), continueOnFail: true },
	);
	const elapsedMs = Date.now() - started;
	fixture.sandbox.faults.errorRate = { serverError: 0, rateLimit: 0, randomSeed: 1 };

	const outputs = result.output[0];
	expect(outputs).toHaveLength(USERS);
	expect(outputs.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
	const written = outputs.filter((item) => item.json.error === undefined);
	const failed = outputs.filter((item) => item.json.error !== undefined);
	for (const item of failed) expect(item.json).toMatchObject({ email: rows[(item.pairedItem as { item: number }).item].email, error: expect.any(String) });

	// Exactly the expected users: every written row is in the store once, with its data; failed new rows are not there.
	const users = store.targetUsersOf(companyId);
	const countByEmail = new Map<string, number>();
	for (const user of users) countByEmail.set(user.email.toLowerCase(), (countByEmail.get(user.email.toLowerCase()) ?? 0) + 1);
	expect([...countByEmail.values()].filter((count) => count > 1)).toEqual([]);
	for (const item of written) {
		const row = rows[(item.pairedItem as { item: number }).item];
		const stored = store.findTargetUserByEmail(companyId, String(row.email));
		expect(stored?.phoneNumber).toBe(row.phone);
	}
	const newEmails = new Set(rows.map((row) => String(row.email).toLowerCase()).filter((email) => !existingBefore.has(email)));
	const writtenEmails = new Set(written.map((item) => String(item.json.email).toLowerCase()));
	for (const email of newEmails) expect(countByEmail.has(email)).toBe(writtenEmails.has(email));

	const statuses = fixture.apiRequests().map((request) => request.status);
	const count = (status: number) => statuses.filter((value) => value === status).length;
	// The first token of the run is the initial one; every further token is a renewal.
	const renewals = fixture.sandbox.tokensIssued() - tokensBefore - 1;
	// The run outlasted at least one token, and each expiry cost exactly one renewal.
	expect(elapsedMs).toBeGreaterThan(TOKEN_LIFETIME_SECONDS * 1000);
	expect(renewals).toBeGreaterThanOrEqual(1);
	expect(count(401)).toBe(renewals);
	expect(count(503)).toBeGreaterThan(0);
	expect(count(429)).toBeGreaterThan(0);
	process.stdout.write(
		`soak: ${USERS} items in ${elapsedMs} ms, ${written.length} written, ${failed.length} reported failed, ` +
			`${statuses.length} requests (${count(503)} x 503, ${count(429)} x 429, ${count(401)} x 401), ${renewals} token renewals\n`,
	);
});

it('plain Create under 5% 5xx reports each failed item and writes exactly the others', async () => {
	const companyId = fixture.sandbox.ids.customerCompanyIds[2];
	const rows = Array.from({ length: 1000 }, (_, index) => ({ email: `soak.create${index}@soak.example` }));
	fixture.sandbox.faults.errorRate = { serverError: 0.05, rateLimit: 0.01, randomSeed: 11 };
	const result = await fixture.run(
		{ resource: 'targetUser', operation: 'create', companyId: locator(companyId), email: '={{ $json.email }}', phoneNumber: '+15550100' },
		{ items: items(...rows), continueOnFail: true },
	);
	fixture.sandbox.faults.errorRate = { serverError: 0, rateLimit: 0, randomSeed: 1 };
	const outputs = result.output[0];
	const failed = outputs.filter((item) => item.json.error !== undefined);
	expect(failed.length).toBeGreaterThan(10);
	for (const item of failed) {
		expect(item.json).toMatchObject({ httpCode: '503', email: rows[(item.pairedItem as { item: number }).item].email });
		expect(String(item.json.description)).toMatch(/may or may not have been carried out/);
	}
	const created = new Set(fixture.sandbox.store.targetUsersOf(companyId).map((user) => user.email));
	for (const [index, item] of outputs.entries()) expect(created.has(rows[index].email)).toBe(item.json.error === undefined);
});
