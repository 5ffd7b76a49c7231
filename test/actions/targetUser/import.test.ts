import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LOOKUP_TYPE, LOOKUPS } from '../../sandbox/lookups';
import type { MultipartBody } from '../../sandbox/types';
import { DEFAULT_SANDBOX_READINGS } from '../../sandbox';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[3];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());
afterEach(() => {
	Object.assign(fixture.sandbox.readings, DEFAULT_SANDBOX_READINGS);
	fixture.sandbox.faults.failNext = [];
});

const importParameters = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'targetUser',
	operation: 'import',
	companyId: locator(companyId),
	mappingMode: 'defineBelow',
	email: '={{ $json.email }}',
	phoneNumber: '={{ $json.phone }}',
	additionalFields: { firstName: '={{ $json.first }}', department: '={{ $json.department }}', timeZoneId: '={{ $json.timeZone }}' },
	options,
});

describe('Target User → Import (bulk)', () => {
	it('imports all items in a handful of requests and reports each row: created, updated, invalid', async () => {
		const existing = fixture.sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted).slice(0, 2);
		const countBefore = fixture.sandbox.store.targetUsersOf(companyId).length;
		const rows = [
			{ email: 'import.one@initech-new.example', phone: '+4410001', first: 'One', department: 'Ops', timeZone: '' },
			{ email: existing[0].email.toUpperCase(), phone: '+4410002', first: 'Changed', department: 'Imported', timeZone: '' },
			{ email: 'not-an-email', phone: '+4410003', first: 'Bad', department: '', timeZone: '' },
			{ email: 'import.two@initech-new.example', phone: '+4410004', first: 'Two', department: 'Ops', timeZone: 'Mars Standard Time' },
			{ email: existing[1].email, phone: '+4410005', first: 'Also', department: 'Imported', timeZone: '' },
			{ email: 'IMPORT.ONE@initech-new.example', phone: '+4410006', first: 'Dup', department: '', timeZone: '' },
			{ email: 'import.three@initech-new.example', phone: '+4410007', first: 'Three', department: 'Ops', timeZone: 'GMT Standard Time' },
		];
		const result = await fixture.run(importParameters(), { items: items(...rows), continueOnFail: true });
		const outputs = result.output[0];
		expect(outputs.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		expect(outputs.map((item) => item.json.outcome)).toEqual(['created', 'updated', 'invalid', 'invalid', 'updated', 'invalid', 'created']);
		expect(String(outputs[2].json.reason)).toMatch(/Email "not-an-email" is not a valid email address/);
		expect(String(outputs[3].json.reason)).toMatch(/TimeZone: .*Mars Standard Time/);
		expect(String(outputs[5].json.reason)).toBe('Same email as item 0; each user can appear once in an import');

		const store = fixture.sandbox.store;
		expect(store.targetUsersOf(companyId)).toHaveLength(countBefore + 2);
		expect(store.findTargetUserByEmail(companyId, 'import.one@initech-new.example')?.firstName).toBe('One');
		expect(store.findTargetUserByEmail(companyId, existing[0].email)?.department).toBe('Imported');
		expect(store.findTargetUserByEmail(companyId, 'import.two@initech-new.example')).toBeUndefined();

		const requests = fixture.apiRequests();
		expect(requests.length).toBeLessThanOrEqual(10);
		expect(requests.every((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(true);
		const upload = requests.find((request) => request.path === '/api/target-users/upload')!;
		expect((upload.body as MultipartBody).files).toEqual([expect.objectContaining({ field: 'File', filename: 'n8n-target-users.csv', mimeType: 'text/csv' })]);
		const mapping = requests.find((request) => request.path === '/api/target-users/create-mapping')!;
		expect((mapping.body as IDataObject).fieldMappings).toEqual(
			expect.arrayContaining([{ excelColumnName: 'Email', fieldName: 'Email' }, { excelColumnName: 'PhoneNumber', fieldName: 'PhoneNumber' }]),
		);
		const started = requests.find((request) => request.path.endsWith('/import'))!;
		expect(started.body).toEqual({ importType: 'ImportAll', selectedResourceIds: [] });
		expect(requests.filter((request) => request.path.startsWith('/api/jobs/')).length).toBeGreaterThanOrEqual(2);
	});

	it('with Stop on Invalid Row, a bad row stops the run before anything is uploaded', async () => {
		const run = fixture.run(importParameters({ stopOnInvalidRow: true }), { items: items({ email: 'fine@initech-new.example', phone: '+1' }, { email: 'broken', phone: '+1' }) });
		await expect(run).rejects.toThrow('Email "broken" is not a valid email address (item 1)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('Only Create New skips existing users and leaves them unchanged', async () => {
		const existing = fixture.sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted)[3];
		const departmentBefore = existing.department;
		const result = await fixture.run(importParameters({ importMode: 'OnlyNew' }), {
			items: items({ email: existing.email, phone: '+1', department: 'Should Not Change' }, { email: 'only.new@initech-new.example', phone: '+2' }),
		});
		expect(jsonOf(result).map((json) => json.outcome)).toEqual(['skipped', 'created']);
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, existing.email)?.department).toBe(departmentBefore);
	});

	it('maps spreadsheet columns automatically by name (the default for Import)', async () => {
		const result = await fixture.run(
			{ resource: 'targetUser', operation: 'import', companyId: locator(companyId) },
			{
				items: items(
					{ Email: 'sheet.one@initech-new.example', 'Phone Number': '+4477001', 'First Name': 'Sheet', last_name: 'One', Department: 'Finance', Notes: 'ignored' },
					{ Email: 'sheet.two@initech-new.example', 'Phone Number': 4477002, 'First Name': 'Sheet', last_name: 'Two', Priority: 'High' },
				),
			},
		);
		expect(jsonOf(result).map((json) => json.outcome)).toEqual(['created', 'created']);
		const one = fixture.sandbox.store.findTargetUserByEmail(companyId, 'sheet.one@initech-new.example')!;
		expect(one).toMatchObject({ firstName: 'Sheet', lastName: 'One', department: 'Finance', phoneNumber: '+4477001' });
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'sheet.two@initech-new.example')).toMatchObject({ phoneNumber: '4477002', priority: 'High' });
		const mapping = fixture.apiRequests().find((request) => request.path === '/api/target-users/create-mapping')!;
		expect(((mapping.body as IDataObject).fieldMappings as IDataObject[]).map((entry) => entry.fieldName)).not.toContain('Notes');
	});

	it('says which item has no email field to map: an invalid row by default, a stop before any request with Stop on Invalid Row', async () => {
		const input = items({ Email: 'ok@initech-new.example' }, { mail_address: 'x@y.io' });
		const outputs = jsonOf(await fixture.run({ resource: 'targetUser', operation: 'import', companyId: locator(companyId) }, { items: input }));
		expect(outputs[1]).toMatchObject({ outcome: 'invalid', reason: 'The input item has no email field to map (item 1)' });
		fixture.sandbox.clearRequests();
		await expect(
			fixture.run({ resource: 'targetUser', operation: 'import', companyId: locator(companyId), options: { stopOnInvalidRow: true } }, { items: input }),
		).rejects.toThrow('The input item has no email field to map (item 1)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('adds every imported user to the chosen groups', async () => {
		const groupId = fixture.sandbox.ids.targetGroupsByCompany[companyId]['New Hires'];
		await fixture.run(importParameters({ targetGroupIds: [groupId] }), { items: items({ email: 'grouped@initech-new.example', phone: '+3' }) });
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'grouped@initech-new.example')?.groupIds.has(groupId)).toBe(true);
	});

	it('by default (On Error: Stop) imports the valid rows and reports each invalid one with its reason and email', async () => {
		const rows = [
			{ email: 'default.ok1@initech-new.example', phone: '+1' },
			{ email: 'malformed@', phone: '+1' },
			{ email: 'default.ok2@initech-new.example', phone: '+1' },
			{ phone: '+1' },
		];
		const outputs = jsonOf(await fixture.run(importParameters(), { items: items(...rows) }));
		expect(outputs.map((json) => json.outcome)).toEqual(['created', 'invalid', 'created', 'invalid']);
		expect(outputs[1]).toMatchObject({ email: 'malformed@', reason: expect.stringContaining('is not a valid email address (item 1)') });
		expect(outputs[3]).toMatchObject({ reason: 'Email is required (item 3)' });
		const store = fixture.sandbox.store;
		expect(store.findTargetUserByEmail(companyId, 'default.ok1@initech-new.example')).toBeDefined();
		expect(store.findTargetUserByEmail(companyId, 'default.ok2@initech-new.example')).toBeDefined();
		expect(store.findTargetUserByEmail(companyId, 'malformed@')).toBeUndefined();
	});

	it.each(['refused', 'ignored', 'applied'] as const)(
		'Preferred Language never goes into the file; each created or updated user gets it by an update read back afterwards (Keepnet reading the mapping: %s)',
		async (reading) => {
			fixture.sandbox.readings.importPreferredLanguageMapping = reading;
			const languageId = LOOKUPS[LOOKUP_TYPE.language][1].resourceId;
			const existing = fixture.sandbox.store.targetUsersOf(companyId).find((user) => !user.isDeleted && user.firstName && user.department && user.preferredLanguageId !== languageId)!;
			const { firstName, lastName, phoneNumber, priority } = existing;
			const newEmail = `lang.${reading}@initech-new.example`;
			const result = await fixture.run(
				{ ...importParameters(), additionalFields: { department: '={{ $json.department }}', preferredLanguageId: '={{ $json.language }}' } },
				{ items: items({ email: newEmail, phone: '+1', department: 'Lang', language: languageId }, { email: existing.email, phone: existing.phoneNumber, department: 'Lang', language: languageId }, { email: `nolang.${reading}@initech-new.example`, phone: '+2', department: 'Lang' }) },
			);
			const mapping = fixture.apiRequests().find((request) => request.path === '/api/target-users/create-mapping')!;
			const fieldNames = ((mapping.body as IDataObject).fieldMappings as IDataObject[]).map((entry) => entry.fieldName);
			expect(fieldNames).not.toContain('Preferred Language');
			expect(fieldNames).not.toContain('PreferredLanguage');

			const store = fixture.sandbox.store;
			const created = store.findTargetUserByEmail(companyId, newEmail)!;
			const updated = store.findTargetUserByEmail(companyId, existing.email)!;
			expect(created).toMatchObject({ preferredLanguageId: languageId, department: 'Lang' });
			// The update after the import is lossless: what the user had and the import did not change is kept.
			expect(updated).toMatchObject({ preferredLanguageId: languageId, department: 'Lang', firstName, lastName, phoneNumber, priority });
			expect(jsonOf(result).map((json) => [json.outcome, json.preferredLanguageSet])).toEqual([
				['created', true],
				['updated', true],
				['created', undefined],
			]);
			const puts = fixture.apiRequests().filter((request) => request.method === 'PUT');
			expect(puts.map((request) => request.path).sort()).toEqual([`/api/target-users/${created.resourceId}`, `/api/target-users/${updated.resourceId}`].sort());
			expect(puts.find((request) => request.path.endsWith(updated.resourceId))?.body).toMatchObject({ email: existing.email, firstName, lastName, preferredLanguageId: languageId });
			// Each update is read back and compared.
			const lastPut = fixture.sandbox.requests.lastIndexOf(puts.at(-1)!);
			expect(fixture.sandbox.requests.slice(lastPut + 1).some((request) => request.method === 'GET' && request.path === puts.at(-1)!.path)).toBe(true);
		},
	);

	it('says so on the row when the language could not be set, and the other rows keep their outcome', async () => {
		const languageId = LOOKUPS[LOOKUP_TYPE.language][1].resourceId;
		fixture.sandbox.faults.failNext = [{ match: { method: 'PUT', pathPrefix: '/api/target-users/' }, status: 400, body: JSON.stringify({ status: 'INPUT_ERROR', message: 'Language rejected', data: null, validationMessages: ['Language rejected'] }) }];
		const result = await fixture.run(
			{ ...importParameters(), additionalFields: { preferredLanguageId: '={{ $json.language }}' } },
			{ items: items({ email: 'lang.fails@initech-new.example', phone: '+1', language: languageId }) },
		);
		const [row] = jsonOf(result);
		expect(row).toMatchObject({ outcome: 'created', preferredLanguageSet: false });
		expect(String(row.preferredLanguageError)).toContain('Language rejected');
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'lang.fails@initech-new.example')?.preferredLanguageId).toBeNull();
	});

	it('With Continue, an upload 5xx gives every row an error item saying nothing was written; invalid rows keep their outcome', async () => {
		for (let attempt = 0; attempt < 4; attempt++) fixture.sandbox.faults.failNext.push({ match: { path: '/api/target-users/upload' }, status: 503 });
		const result = await fixture.run(importParameters(), {
			items: items({ email: 'up.one@initech-new.example', phone: '+1' }, { email: 'bad', phone: '+1' }, { email: 'up.two@initech-new.example', phone: '+1' }),
			continueOnFail: true,
		});
		const outputs = result.output[0];
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json).toMatchObject({ email: 'up.one@initech-new.example', mayHaveBeenWritten: false, error: expect.stringContaining('failed before anything was written') });
		expect(outputs[1].json).toMatchObject({ outcome: 'invalid', email: 'bad' });
		expect(outputs[2].json).toMatchObject({ email: 'up.two@initech-new.example', mayHaveBeenWritten: false });
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'up.one@initech-new.example')).toBeUndefined();
	});

	it('With Continue, a company the reseller does not manage (403) gives every row an error item', async () => {
		const result = await fixture.run(
			{ ...importParameters(), companyId: locator(fixture.sandbox.ids.unmanagedCompanyId, 'id') },
			{ items: items({ email: 'x1@initech-new.example', phone: '+1' }, { email: 'x2@initech-new.example', phone: '+1' }), continueOnFail: true },
		);
		const outputs = result.output[0].map((item) => item.json);
		expect(outputs).toHaveLength(2);
		for (const json of outputs) expect(json).toMatchObject({ httpCode: '403', mayHaveBeenWritten: false, error: expect.stringContaining('HTTP 403') });
	});

	it('a job poll failure after the import started says the users may already be written and how to check, never just "run again"', async () => {
		fixture.sandbox.faults.failNext.push({ match: { pathPrefix: '/api/jobs/' }, status: 404, body: JSON.stringify({ status: 'FAILED', message: 'Job not found', data: null }) });
		const run = fixture.run(importParameters(), { items: items({ email: 'poll.one@initech-new.example', phone: '+1' }) });
		await expect(run).rejects.toThrow(/was started, but the node could not follow it to the end: .*The users may already be written\./);
		await expect(run).rejects.toMatchObject({ description: expect.stringContaining("Check before running again: Keepnet's job log (import job") });
		// It was in fact written: the message was right to warn.
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'poll.one@initech-new.example')).toBeDefined();

		fixture.sandbox.faults.failNext.push({ match: { pathPrefix: '/api/jobs/' }, status: 404, body: JSON.stringify({ status: 'FAILED', message: 'Job not found', data: null }) });
		const result = await fixture.run(importParameters(), { items: items({ email: 'poll.two@initech-new.example', phone: '+1' }), continueOnFail: true });
		expect(result.output[0][0]).toMatchObject({ pairedItem: { item: 0 }, json: { email: 'poll.two@initech-new.example', mayHaveBeenWritten: true, importJobId: expect.any(String) } });
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'poll.two@initech-new.example')).toBeDefined();
	});

	it('when Keepnet answers the import without a job ID, the node does not poll an empty ID and says the outcome cannot be known', async () => {
		fixture.sandbox.faults.failNext.push({
			match: { method: 'POST', pathSuffix: '/import' },
			status: 200,
			body: JSON.stringify({ status: 'SUCCESS', message: null, data: {} }),
			applyAfterWrite: true,
		});
		const outputs = jsonOf(await fixture.run(importParameters(), { items: items({ email: 'nojob@initech-new.example', phone: '+1' }, { email: 'bad@', phone: '+1' }) }));
		expect(outputs.map((json) => json.outcome)).toEqual(['unknown', 'invalid']);
		expect(String(outputs[0].reason)).toMatch(/returned no job ID, so this row's result cannot be known here.*would be created/);
		expect(fixture.apiRequests().filter((request) => request.path.startsWith('/api/jobs'))).toHaveLength(0);
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'nojob@initech-new.example')).toBeDefined();
	});

	it('With Continue, a wrong Company (shared by all rows) gives every item a paired error item, and nothing is sent', async () => {
		const result = await fixture.run({ ...importParameters(), companyId: locator('={{ "bad id!" }}', 'id') }, { items: items({ email: 'c1@initech-new.example', phone: '+1' }, { email: 'c2@initech-new.example', phone: '+1' }), continueOnFail: true });
		expect(result.output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.output[0]) expect(item.json).toMatchObject({ error: expect.stringContaining('is not a Keepnet ID (item 0)'), mayHaveBeenWritten: false });
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});
