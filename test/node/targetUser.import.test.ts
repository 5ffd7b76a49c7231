import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { MultipartBody } from '../sandbox/types';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[3];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

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

	it('without Continue On Fail, a bad row stops the run before anything is uploaded', async () => {
		const run = fixture.run(importParameters(), { items: items({ email: 'fine@initech-new.example', phone: '+1' }, { email: 'broken', phone: '+1' }) });
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

	it('says which item has no email field to map', async () => {
		await expect(
			fixture.run({ resource: 'targetUser', operation: 'import', companyId: locator(companyId) }, { items: items({ Email: 'ok@initech-new.example' }, { mail_address: 'x@y.io' }) }),
		).rejects.toThrow('The input item has no email field to map (item 1)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('adds every imported user to the chosen groups', async () => {
		const groupId = fixture.sandbox.ids.targetGroupsByCompany[companyId]['New Hires'];
		await fixture.run(importParameters({ targetGroupIds: [groupId] }), { items: items({ email: 'grouped@initech-new.example', phone: '+3' }) });
		expect(fixture.sandbox.store.findTargetUserByEmail(companyId, 'grouped@initech-new.example')?.groupIds.has(groupId)).toBe(true);
	});
});
