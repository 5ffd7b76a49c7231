/**
 * Create and Create or Update of many new users for one company go through Keepnet's bulk import instead of one
 * POST each (actions/targetUser/bulkImport/bulkWrite.ts). Each item still gets its own result, paired, with the resourceId
 * Keepnet stored; existing users are still updated one by one from the record read; whatever the import does not
 * settle goes one by one, and never makes a user twice. Every test checks what the sandbox stored.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BULK_CREATE_MIN_USERS } from '../../../nodes/Keepnet/helpers/limits';
import { DEFAULT_SANDBOX_READINGS } from '../../sandbox';
import { LOOKUP_TYPE, LOOKUPS } from '../../sandbox/lookups';
import { targetUserFields, type TargetUserRecord } from '../../sandbox/store';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	// One fresh company per test (freshCompany); room for every test of this file.
	fixture = await startKeepnetFixture({ seed: { customerCount: 34, targetUserCounts: new Array<number>(34).fill(0) } });
});
afterAll(async () => await fixture.close());
afterEach(() => {
	fixture.sandbox.faults.failNext = [];
	Object.assign(fixture.sandbox.readings, DEFAULT_SANDBOX_READINGS);
});

let nextCompany = 0;
/** A customer company of its own for each test. */
function freshCompany(): { companyId: string; domain: string } {
	const { ids } = fixture.sandbox;
	// Not the companies whose license is over its limit or expired: they answer writes differently.
	const usable = ids.customerCompanyIds.filter((id) => id !== ids.overLicenseCompanyId && id !== ids.expiredLicenseCompanyId);
	const companyId = usable[nextCompany++];
	if (companyId === undefined) throw new Error('the fixture has too few companies for these tests');
	const domain = new URL(fixture.sandbox.store.companies.get(companyId)?.websiteUrl ?? 'https://x.example').hostname.replace(/^www\./, '');
	return { companyId, domain };
}

function people(count: number, domain: string, prefix = 'bulk') {
	return Array.from({ length: count }, (_, index) => ({
		json: { email: `${prefix}.${index}@${domain}`, phone: `+4420${String(7000000 + index)}`, department: `Dept ${index % 7}`, lastName: `Last ${index}` },
	}));
}

const writeParameters = (operation: 'create' | 'upsert', companyId: string, options: INodeParameters = {}) => ({
	resource: 'targetUser',
	operation,
	companyId: locator(companyId),
	email: '={{ $json.email }}',
	phoneNumber: '={{ $json.phone }}',
	additionalFields: { department: '={{ $json.department }}', lastName: '={{ $json.lastName }}' },
	options,
});

function liveUsers(companyId: string): TargetUserRecord[] {
	return fixture.sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted);
}

function requestsTo(path: string, method = 'POST') {
	return fixture.apiRequests().filter((request) => request.method === method && request.path === path);
}

/** Every input email is stored exactly once, and each output's resourceId is the stored user of its item. */
function expectEachStoredOnce(companyId: string, input: Array<{ json: IDataObject }>, outputs: IDataObject[]) {
	const users = liveUsers(companyId);
	const byEmail = new Map<string, TargetUserRecord[]>();
	for (const user of users) byEmail.set(user.email.toLowerCase(), [...(byEmail.get(user.email.toLowerCase()) ?? []), user]);
	input.forEach((item, index) => {
		const stored = byEmail.get(String(item.json.email).toLowerCase()) ?? [];
		expect(stored).toHaveLength(1);
		expect(outputs[index].resourceId).toBe(stored[0].resourceId);
		expect(outputs[index].email).toBe(item.json.email);
	});
}

describe('Create, many new users', () => {
	it('goes through one import (no POST per user): every user stored once with its fields, each output paired with its resourceId', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(120, domain);
		fixture.sandbox.clearRequests();
		const result = await fixture.run(writeParameters('create', companyId), { items: input });

		expect(requestsTo('/api/target-users')).toHaveLength(0);
		expect(requestsTo('/api/target-users/upload')).toHaveLength(1);
		expect(fixture.apiRequests().length).toBeLessThan(15);
		expect(result.output[0].map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		const outputs = jsonOf(result);
		expectEachStoredOnce(companyId, input, outputs);
		// The same output as the per-item path: the resourceId, the company and the fields written.
		expect(outputs[7]).toEqual({ resourceId: outputs[7].resourceId, companyId, email: input[7].json.email, phoneNumber: input[7].json.phone, department: 'Dept 0', lastName: 'Last 7' });
		const stored = liveUsers(companyId).find((user) => user.email === input[7].json.email);
		expect(stored).toMatchObject({ phoneNumber: input[7].json.phone, department: 'Dept 0', lastName: 'Last 7', isActive: true });
	});

	it(`below ${BULK_CREATE_MIN_USERS} users, or with Create New Users in Bulk off, one POST per user as before`, async () => {
		for (const [count, options] of [
			[BULK_CREATE_MIN_USERS - 1, {}],
			[80, { bulkCreate: false }],
		] as const) {
			const { companyId, domain } = freshCompany();
			const input = people(count, domain);
			fixture.sandbox.clearRequests();
			const result = await fixture.run(writeParameters('create', companyId, options), { items: input });
			expect(requestsTo('/api/target-users')).toHaveLength(count);
			expect(requestsTo('/api/target-users/upload')).toHaveLength(0);
			expectEachStoredOnce(companyId, input, jsonOf(result));
		}
	});

	it('items the import cannot carry (Active off) go one by one; target groups become one import per set of groups', async () => {
		const { companyId, domain } = freshCompany();
		const groups = [...fixture.sandbox.store.data(companyId).targetGroups.keys()];
		expect(groups.length).toBeGreaterThanOrEqual(1);
		const input = people(130, domain).map((item, index) => ({ json: { ...item.json, group: index < 60 ? groups[0] : '' } }));
		fixture.sandbox.clearRequests();
		const result = await fixture.run(
			{
				...writeParameters('create', companyId),
				additionalFields: {
					department: '={{ $json.department }}',
					isActive: '={{ $itemIndex >= 120 ? false : true }}',
					targetGroupIds: '={{ $json.group ? [$json.group] : [] }}',
				},
			},
			{ items: input },
		);
		const outputs = jsonOf(result);
		expectEachStoredOnce(companyId, input, outputs);
		// 60 with the group, 60 without: two imports; the 10 inactive ones: one POST each.
		expect(requestsTo('/api/target-users/upload')).toHaveLength(2);
		expect(requestsTo('/api/target-users')).toHaveLength(10);
		const users = liveUsers(companyId);
		for (const [index, item] of input.entries()) {
			const user = users.find((candidate) => candidate.email === item.json.email);
			expect(user?.isActive).toBe(index < 120);
			expect(user?.groupIds.has(groups[0])).toBe(index < 60);
		}
	});

	it.each(['ignored', 'refused', 'applied'] as const)(
		'users with a Preferred Language go one by one (no Keepnet client maps it in an import), the others through the import; every language stored (import mapping %s)',
		async (reading) => {
			fixture.sandbox.readings.importPreferredLanguageMapping = reading;
			const { companyId, domain } = freshCompany();
			const languageId = LOOKUPS[LOOKUP_TYPE.language][2].resourceId;
			const input = people(70, domain, `lang-${reading}`).map((item, index) => ({ json: { ...item.json, language: index < 15 ? languageId : '' } }));
			fixture.sandbox.clearRequests();
			const result = await fixture.run(
				{
					...writeParameters('create', companyId),
					additionalFields: { department: '={{ $json.department }}', lastName: '={{ $json.lastName }}', preferredLanguageId: '={{ $json.language }}' },
				},
				{ items: input },
			);
			expectEachStoredOnce(companyId, input, jsonOf(result));
			expect(requestsTo('/api/target-users/upload')).toHaveLength(1);
			expect(requestsTo('/api/target-users').map((request) => (request.body as IDataObject).preferredLanguageId)).toEqual(new Array(15).fill(languageId));
			for (const [index, item] of input.entries()) {
				expect([item.json.email, liveUsers(companyId).find((user) => user.email === item.json.email)?.preferredLanguageId ?? null]).toEqual([item.json.email, index < 15 ? languageId : null]);
			}
		},
	);

	it('an existing email stops the run at its item, with nothing imported, when Continue On Fail is off', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(70, domain);
		await fixture.run(writeParameters('create', companyId), { items: [input[40]] });
		fixture.sandbox.clearRequests();
		await expect(fixture.run(writeParameters('create', companyId, { concurrency: 1 }), { items: input })).rejects.toThrow(/already exists/);
		expect(fixture.apiRequests().filter((request) => request.path.endsWith('/import'))).toHaveLength(0);
		// One by one, in order: the 40 before it were written, none after it.
		const stored = new Set(liveUsers(companyId).map((user) => user.email));
		input.forEach((item, index) => expect(stored.has(String(item.json.email))).toBe(index <= 40));
	});

	it('with Continue On Fail, the existing email is that item error and every other user is imported', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(70, domain);
		await fixture.run(writeParameters('create', companyId), { items: [input[40]] });
		const before = liveUsers(companyId).find((user) => user.email === input[40].json.email);
		fixture.sandbox.clearRequests();
		const result = await fixture.run(writeParameters('create', companyId), { items: input, continueOnFail: true });
		const outputs = jsonOf(result);
		expect(outputs[40]).toMatchObject({ email: input[40].json.email, error: expect.stringMatching(/already exists/) });
		expect(requestsTo('/api/target-users')).toHaveLength(1); // only the existing one was tried on its own
		const others = input.filter((_, index) => index !== 40);
		expectEachStoredOnce(companyId, others, outputs.filter((_, index) => index !== 40));
		expect(liveUsers(companyId).find((user) => user.email === input[40].json.email)).toEqual(before);
	});

	it('an import whose answer is lost after Keepnet wrote it: each item finds its user instead of creating it again', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(60, domain);
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', pathSuffix: '/import' }, status: 500, applyAfterWrite: true }];
		const result = await fixture.run(writeParameters('create', companyId), { items: input });
		expectEachStoredOnce(companyId, input, jsonOf(result));
		expect(requestsTo('/api/target-users')).toHaveLength(0);
		expect(requestsTo('/api/target-users/search-email')).toHaveLength(60);
	});

	it('an import that failed before writing anything: the items are created one by one', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(60, domain);
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', pathSuffix: '/create-mapping' }, status: 400 }];
		const result = await fixture.run(writeParameters('create', companyId), { items: input });
		expectEachStoredOnce(companyId, input, jsonOf(result));
		expect(requestsTo('/api/target-users')).toHaveLength(60);
	});
});

describe('the bulk threshold changes nothing that is stored or refused', () => {
	const english = LOOKUPS[LOOKUP_TYPE.language].find((language) => language.name === 'English')?.resourceId;

	it.each([
		['one request per user', 10],
		['the bulk import', 60],
	])('%s: a lone UTF-16 surrogate is refused naming field and item; a language given by name is stored as its ID', async (_path, count) => {
		const { companyId, domain } = freshCompany();
		const input = people(count, domain).map((item, index) => ({
			json: { ...item.json, lastName: index === 2 ? 'Broken \ud800 export' : item.json.lastName, language: index === 3 ? 'english' : '' },
		}));
		const parameters = writeParameters('create', companyId);
		fixture.sandbox.clearRequests();
		const result = await fixture.run(
			{ ...parameters, additionalFields: { ...(parameters.additionalFields as object), preferredLanguageId: '={{ $json.language }}' } },
			{ items: input, continueOnFail: true },
		);
		const outputs = jsonOf(result);
		expect(outputs[2]).toMatchObject({ error: 'Last Name contains a broken character (half of a UTF-16 pair, often from a damaged export or an emoji cut in two) (item 2)' });
		const stored = liveUsers(companyId);
		expect(stored).toHaveLength(count - 1);
		expect(stored.some((user) => user.email === input[2].json.email)).toBe(false);
		expect(stored.find((user) => user.email === input[3].json.email)?.preferredLanguageId).toBe(english);
		expect(outputs[3]).toMatchObject({ preferredLanguageId: english });
		expect(requestsTo('/api/target-users/upload')).toHaveLength(count >= BULK_CREATE_MIN_USERS ? 1 : 0);
	});

	it('a language Keepnet does not know is refused before anything is written, whatever the path', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(60, domain).map((item, index) => ({ json: { ...item.json, language: index === 7 ? 'Klingon' : '' } }));
		const parameters = writeParameters('create', companyId);
		fixture.sandbox.clearRequests();
		await expect(
			fixture.run({ ...parameters, additionalFields: { ...(parameters.additionalFields as object), preferredLanguageId: '={{ $json.language }}' } }, { items: input }),
		).rejects.toThrow('Preferred Language "Klingon" is not a language Keepnet knows (item 7)');
		expect(fixture.apiRequests().filter((request) => request.method !== 'GET')).toHaveLength(0);
		expect(liveUsers(companyId)).toHaveLength(0);
	});
});

describe('Create or Update, many users', () => {
	it('new users are imported, existing ones updated one by one from the stored record (custom fields kept)', async () => {
		const { companyId, domain } = freshCompany();
		const existingInput = people(30, domain, 'old');
		await fixture.run(writeParameters('create', companyId, { bulkCreate: false }), { items: existingInput });
		const custom = { resourceId: 'cf-1', name: 'Badge', dataType: 'Text', value: 'B-1', timestampValue: null };
		for (const user of liveUsers(companyId)) user.customFieldValues = [{ ...custom }];
		const input = [
			...existingInput.map((item) => ({ json: { ...item.json, department: 'Moved' } })),
			...people(90, domain, 'new'),
		];
		fixture.sandbox.clearRequests();
		const result = await fixture.run(writeParameters('upsert', companyId), { items: input });
		const outputs = jsonOf(result);

		expect(outputs.map((json) => json.action)).toEqual(input.map((_, index) => (index < 30 ? 'updated' : 'created')));
		expectEachStoredOnce(companyId, input, outputs);
		expect(requestsTo('/api/target-users')).toHaveLength(0);
		expect(requestsTo('/api/target-users/upload')).toHaveLength(1);
		expect(fixture.apiRequests().filter((request) => request.method === 'PUT')).toHaveLength(30);
		for (const user of liveUsers(companyId)) {
			if (user.email.startsWith('old.')) {
				expect(user.department).toBe('Moved');
				expect(user.customFieldValues).toEqual([custom]);
			} else {
				expect(user.department).toMatch(/^Dept /);
			}
		}
	});

	it('a repeated email is left to the per-item path: created once, then updated', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(60, domain);
		input.push({ json: { ...input[5].json, department: 'Second time' } });
		const result = await fixture.run(writeParameters('upsert', companyId), { items: input });
		const outputs = jsonOf(result);
		expect(outputs[5].action).toBe('created');
		expect(outputs[60]).toMatchObject({ action: 'updated', resourceId: outputs[5].resourceId });
		expect(liveUsers(companyId)).toHaveLength(60);
		expect(liveUsers(companyId).find((user) => user.email === input[5].json.email)?.department).toBe('Second time');
	});

	it('a user created by someone else between the read and the import is updated, not duplicated', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(60, domain);
		let raced = false;
		fixture.sandbox.faults.beforeHandling = (_method, path) => {
			// Just before the upload: another client creates one of the users.
			if (!raced && path === '/api/target-users/upload') {
				raced = true;
				fixture.sandbox.store.addTargetUser(companyId, targetUserFields(String(input[3].json.email), { firstName: 'Other', phoneNumber: '+1555' }));
			}
		};
		try {
			const result = await fixture.run(writeParameters('upsert', companyId), { items: input });
			const outputs = jsonOf(result);
			expect(raced).toBe(true);
			expect(outputs[3].action).toBe('updated');
			expectEachStoredOnce(companyId, input, outputs);
			expect(liveUsers(companyId).find((user) => user.email === input[3].json.email)).toMatchObject({ firstName: 'Other', department: 'Dept 3' });
		} finally {
			fixture.sandbox.faults.beforeHandling = null;
		}
	});
});

describe('an item reports "created" only for the user its own row created', () => {
	afterEach(() => {
		fixture.sandbox.faults.beforeHandling = null;
	});

	/** Another client creates the user of `email` just before the import call (after mapping and preview). */
	function raceBeforeImport(companyId: string, email: string): () => boolean {
		let raced = false;
		fixture.sandbox.faults.beforeHandling = (method, path) => {
			if (!raced && method === 'POST' && path.endsWith('/import')) {
				raced = true;
				fixture.sandbox.store.addTargetUser(companyId, targetUserFields(email, { firstName: 'Other', phoneNumber: '+1555' }));
			}
		};
		return () => raced;
	}

	it('Create: a user another client created between the preview and the import is that item\'s error, not "created" with its ID', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(60, domain);
		const raced = raceBeforeImport(companyId, String(input[3].json.email));
		const result = await fixture.run(writeParameters('create', companyId), { items: input, continueOnFail: true });
		const outputs = jsonOf(result);
		expect(raced()).toBe(true);
		expect(outputs[3]).toMatchObject({ email: input[3].json.email, error: expect.stringMatching(/already exists/) });
		expect(outputs[3].resourceId).toBeUndefined();
		const others = input.filter((_, index) => index !== 3);
		expectEachStoredOnce(companyId, others, outputs.filter((_, index) => index !== 3));
		// The other client's user is left as it was.
		expect(liveUsers(companyId).filter((user) => user.email === input[3].json.email)).toEqual([expect.objectContaining({ firstName: 'Other', phoneNumber: '+1555', department: null })]);
	});

	it('Create or Update: the same race updates that user with the row\'s fields', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(60, domain);
		const raced = raceBeforeImport(companyId, String(input[3].json.email));
		const result = await fixture.run(writeParameters('upsert', companyId), { items: input });
		const outputs = jsonOf(result);
		expect(raced()).toBe(true);
		expect(outputs.map((json) => json.action)).toEqual(input.map((_, index) => (index === 3 ? 'updated' : 'created')));
		expectEachStoredOnce(companyId, input, outputs);
		expect(liveUsers(companyId).find((user) => user.email === input[3].json.email)).toMatchObject({ firstName: 'Other', department: 'Dept 3', lastName: 'Last 3', phoneNumber: input[3].json.phone });
	});

	it.each([
		['the import\'s answer is lost (500 after it was applied)', [{ match: { method: 'POST', pathSuffix: '/import' }, status: 500, applyAfterWrite: true }]],
		['the import is answered without a job ID', [{ match: { method: 'POST', pathSuffix: '/import' }, status: 200, body: '{"status":"SUCCESS","data":null}', applyAfterWrite: true }]],
		['every poll of the import job fails', [1, 2, 3, 4].map(() => ({ match: { method: 'GET', pathPrefix: '/api/jobs/' }, status: 503 }))],
	])('Create or Update, %s: the users it created are reported "created", none written a second time', async (_label, faults) => {
		const { companyId, domain } = freshCompany();
		const input = people(60, domain);
		fixture.sandbox.clearRequests();
		fixture.sandbox.faults.failNext = faults;
		const result = await fixture.run(writeParameters('upsert', companyId), { items: input });
		const outputs = jsonOf(result);
		expect(outputs.map((json) => json.action)).toEqual(input.map(() => 'created'));
		expectEachStoredOnce(companyId, input, outputs);
		expect(fixture.apiRequests().filter((request) => request.method === 'PUT')).toHaveLength(0);
		expect(requestsTo('/api/target-users')).toHaveLength(0);
		expect(requestsTo('/api/target-users/upload')).toHaveLength(1);
	});

	it.each(['create', 'upsert'] as const)('%s, one request per user: a 429 given after Keepnet created the user reports that user, not "already exists"', async (operation) => {
		const { companyId, domain } = freshCompany();
		const input = people(10, domain);
		const email = String(input[5].json.email);
		fixture.sandbox.clearRequests();
		// A gateway that limits the answer, not the request: the create is carried out, the client sees 429.
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users', bodyIncludes: email }, status: 429, headers: { 'retry-after': '0' }, applyAfterWrite: true }];
		const result = await fixture.run(writeParameters(operation, companyId), { items: input });
		const outputs = jsonOf(result);
		expectEachStoredOnce(companyId, input, outputs);
		if (operation === 'upsert') expect(outputs[5].action).toBe('created');
		expect(requestsTo('/api/target-users').filter((request) => JSON.stringify(request.body).includes(email))).toHaveLength(2);
		expect(fixture.apiRequests().filter((request) => request.method === 'PUT')).toHaveLength(0);
	});

	it('create, one request per user: after such a 429, a user holding other values is not claimed (another client\'s)', async () => {
		const { companyId, domain } = freshCompany();
		const input = people(10, domain);
		const email = String(input[5].json.email);
		fixture.sandbox.faults.failNext = [{ match: { method: 'POST', path: '/api/target-users', bodyIncludes: email }, status: 429, headers: { 'retry-after': '0' } }];
		// The 429 was a real refusal; meanwhile another client creates the user.
		fixture.sandbox.faults.beforeHandling = (method, path) => {
			if (method === 'POST' && path === '/api/target-users' && fixture.sandbox.faults.failNext.length === 0 && !fixture.sandbox.store.findTargetUserByEmail(companyId, email)) {
				fixture.sandbox.store.addTargetUser(companyId, targetUserFields(email, { firstName: 'Other', phoneNumber: '+1555' }));
			}
		};
		const result = await fixture.run(writeParameters('create', companyId, { concurrency: 1 }), { items: input, continueOnFail: true });
		const outputs = jsonOf(result);
		expect(outputs[5]).toMatchObject({ email, error: expect.stringMatching(/already exists/) });
		expect(liveUsers(companyId).find((user) => user.email === email)).toMatchObject({ firstName: 'Other' });
	});
});
