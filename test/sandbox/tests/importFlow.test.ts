import ExcelJS from 'exceljs';
import { startSandbox, type Sandbox } from '..';
import { api, filterWith, getToken, searchBody, type Paged, type ServiceResultBody } from './helpers';

interface TmpRow {
	resourceId: string;
	email: string | null;
	firstName: string | null;
	status: string;
	validationDetail: Array<{ fieldName: string; message: string }>;
}
type TmpSearch = ServiceResultBody<{ items: Paged<TmpRow>; newUserCount: number; existingUserCount: number; invalidUserCount: number }>;
type JobDetail = ServiceResultBody<{ resourceId: string; isFinished: boolean; progress: number; errorMessage: string | null; processResults: Array<{ currentCount: number; targetCount: number; processErrors: unknown[] }> }>;

function fileForm(content: Buffer | string, filename: string, mimeType: string, field = 'File'): FormData {
	const form = new FormData();
	form.append(field, new Blob([content], { type: mimeType }), filename);
	return form;
}

async function xlsxFile(rows: string[][]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('People');
	for (const row of rows) sheet.addRow(row);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('sandbox: bulk import flow', () => {
	let sandbox: Sandbox;
	let token: string;
	let companyId: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ importTransactionLifetimeSeconds: 30 });
		token = await getToken(sandbox);
		companyId = sandbox.ids.customerCompanyIds[3];
	});
	afterAll(() => sandbox.close());

	const call = <T = ServiceResultBody>(method: string, path: string, body?: unknown) => api<T>(sandbox, token, method, path, { companyId, body });
	const upload = (form: FormData) => call<ServiceResultBody<{ transactionId: string; rowCount: number; columnCount: number; duplicateCount: number }>>('POST', '/api/target-users/upload', form);

	it('runs CSV upload → summary → mapping → job poll → preview → import → job, applying creates and updates', async () => {
		const existing = sandbox.store.targetUsersOf(companyId).find((user) => !user.isDeleted);
		if (!existing) throw new Error('seed has users');
		const countBefore = sandbox.store.targetUsersOf(companyId).length;
		const groupId = sandbox.ids.targetGroupsByCompany[companyId]['New Hires'];
		const csv = [
			'Email,First Name,Last Name,Department,Phone',
			'ada.lovelace@starklogistics.example,Ada,Lovelace,Engineering,+4915100001',
			`${existing.email.toUpperCase()},Renamed,"Existing, Person",Finance,`,
			'not-an-email,Bad,Row,Sales,',
			'alan.turing@starklogistics.example,Alan,Turing,Research,+4915100002',
			'ADA.LOVELACE@starklogistics.example,Ada,Again,Engineering,',
		].join('\r\n');

		const uploaded = await upload(fileForm(csv, 'people.csv', 'text/csv'));
		expect(uploaded.status).toBe(200);
		const { transactionId } = uploaded.json.data;
		expect(uploaded.json.data).toEqual({ transactionId, rowCount: 5, columnCount: 5, duplicateCount: 1 });
		expect(sandbox.requests.find((request) => request.path === '/api/target-users/upload')?.body).toEqual({ fields: {}, files: [{ field: 'File', filename: 'people.csv', mimeType: 'text/csv', size: Buffer.byteLength(csv) }] });

		const summary = await call<ServiceResultBody<{ fileType: string; sheetNames: string[]; data: Array<Record<string, string>>; fileFieldNames: string[] }>>('GET', `/api/target-users/upload/${transactionId}`);
		expect(summary.json.data.fileType).toBe('Csv');
		expect(summary.json.data.fileFieldNames).toEqual(['Email', 'First Name', 'Last Name', 'Department', 'Phone']);
		expect(summary.json.data.data[0]).toMatchObject({ Email: 'ada.lovelace@starklogistics.example', 'First Name': 'Ada' });

		const noEmail = await call<ServiceResultBody>('POST', '/api/target-users/create-mapping', { transactionId, fieldMappings: [{ excelColumnName: 'First Name', fieldName: 'FirstName' }] });
		expect(noEmail.status).toBe(400);
		const badColumn = await call('POST', '/api/target-users/create-mapping', { transactionId, fieldMappings: [{ excelColumnName: 'E-mail Address', fieldName: 'Email' }] });
		expect(badColumn.status).toBe(400);

		const mapping = await call<ServiceResultBody<{ resourceId: string }>>('POST', '/api/target-users/create-mapping', {
			transactionId,
			fieldMappings: [
				{ excelColumnName: 'Email', fieldName: 'Email' },
				{ excelColumnName: 'First Name', fieldName: 'firstName' },
				{ excelColumnName: 'Last Name', fieldName: 'LastName' },
				{ excelColumnName: 'Department', fieldName: 'department' },
				{ excelColumnName: 'Phone', fieldName: 'PhoneNumber' },
			],
			targetGroupResourceIds: [groupId],
		});
		expect(mapping.status).toBe(200);
		const mappingJobId = mapping.json.data.resourceId;
		type MappingJob = ServiceResultBody<{ status: string; newUserCount: number; existingUserCount: number; invalidUserCount: number; totalRowCount: number }>;
		const firstPoll = await call<MappingJob>('GET', `/api/target-users/mapping-job/${mappingJobId}`);
		expect(firstPoll.json.data.status).toBe('Running');
		const secondPoll = await call<MappingJob>('GET', `/api/target-users/mapping-job/${mappingJobId}`);
		expect(secondPoll.json.data).toMatchObject({ status: 'FinishedWithError', newUserCount: 2, existingUserCount: 1, invalidUserCount: 2, totalRowCount: 5 });

		const preview = await call<TmpSearch>('POST', `/api/target-users/${transactionId}/search`, searchBody({ pageSize: 50, orderBy: '', ascending: true }));
		expect(preview.json.data).toMatchObject({ newUserCount: 2, existingUserCount: 1, invalidUserCount: 2 });
		const rows = preview.json.data.items.results;
		expect(rows.map((row) => row.status)).toEqual(['New', 'Exists', 'Error', 'New', 'Error']);
		expect(rows[2].validationDetail).toEqual([{ fieldName: 'Email', message: "'Email' is not a valid email address." }]);
		expect(rows[4].validationDetail[0].message).toContain('more than once');
		const onlyNew = await call<TmpSearch>('POST', `/api/target-users/${transactionId}/search`, searchBody({ filter: filterWith([{ FieldName: 'Status', Operator: 'Include', Value: 'New' }]) }));
		expect(onlyNew.json.data.items.totalNumberOfRecords).toBe(2);

		const legacyType = await call<ServiceResultBody>('POST', `/api/target-users/${transactionId}/import`, { importType: 'All', selectedResourceIds: [] });
		expect(legacyType.status).toBe(400);

		const started = await call<ServiceResultBody<{ resourceId: string }>>('POST', `/api/target-users/${transactionId}/import`, { importType: 'ImportAll', selectedResourceIds: [] });
		expect(started.status).toBe(200);
		const jobId = started.json.data.resourceId;
		const running = await call<JobDetail>('GET', `/api/jobs/${jobId}`);
		expect(running.json.data).toMatchObject({ resourceId: jobId, isFinished: false });
		expect(running.json.data.progress).toBeLessThan(100);
		const done = await call<JobDetail>('GET', `/api/jobs/${jobId}`);
		expect(done.json.data).toMatchObject({ isFinished: true, progress: 100 });
		expect(done.json.data.processResults[0]).toMatchObject({ currentCount: 5, targetCount: 5 });
		expect(done.json.data.processResults[0].processErrors).toHaveLength(2);
		expect(sandbox.store.jobs.get(jobId)?.summary).toEqual({ created: 2, updated: 1, skipped: 0, failed: 2 });

		expect(sandbox.store.targetUsersOf(companyId)).toHaveLength(countBefore + 2);
		const ada = sandbox.store.findTargetUserByEmail(companyId, 'ada.lovelace@starklogistics.example');
		expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', department: 'Engineering', phoneNumber: '+4915100001', isActive: true });
		expect(ada?.groupIds.has(groupId)).toBe(true);
		const updated = sandbox.store.findTargetUserByEmail(companyId, existing.email);
		expect(updated).toMatchObject({ resourceId: existing.resourceId, firstName: 'Renamed', lastName: 'Existing, Person', department: 'Finance' });
		expect(sandbox.store.targetUsersOf(companyId).filter((user) => user.email.toLowerCase() === existing.email.toLowerCase())).toHaveLength(1);

		// Importing the same file again only updates: never a duplicate.
		const again = await call<ServiceResultBody<{ resourceId: string }>>('POST', `/api/target-users/${transactionId}/import`, { importType: 'ImportAll' });
		expect(sandbox.store.jobs.get(again.json.data.resourceId)?.summary).toEqual({ created: 0, updated: 3, skipped: 0, failed: 2 });
		expect(sandbox.store.targetUsersOf(companyId)).toHaveLength(countBefore + 2);
	});

	it('reads XLSX uploads and honours OnlyNew, OnlyUpdateExisting and ImportSelected', async () => {
		const existing = sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted)[1];
		const buffer = await xlsxFile([
			['E-mail', 'Name', 'Priority'],
			['grace.hopper@starklogistics.example', 'Grace', 'VeryHigh'],
			[existing.email, 'Changed', 'Low'],
			['linus.t@starklogistics.example', 'Linus', 'High'],
		]);
		const uploaded = await upload(fileForm(buffer, 'people.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
		expect(uploaded.json.data).toMatchObject({ rowCount: 3, columnCount: 3, duplicateCount: 0 });
		const { transactionId } = uploaded.json.data;
		const summary = await call<ServiceResultBody<{ fileType: string; sheetNames: string[] }>>('GET', `/api/target-users/upload/${transactionId}`);
		expect(summary.json.data).toMatchObject({ fileType: 'Excel', sheetNames: ['People'] });
		const mapping = await call('POST', '/api/target-users/create-mapping', {
			transactionId,
			fieldMappings: [
				{ excelColumnName: 'E-mail', fieldName: 'email' },
				{ excelColumnName: 'Name', fieldName: 'FirstName' },
				{ excelColumnName: 'Priority', fieldName: 'Priority' },
			],
			targetGroupResourceIds: [],
		});
		expect(mapping.status).toBe(200);

		const onlyNew = await call<ServiceResultBody<{ resourceId: string }>>('POST', `/api/target-users/${transactionId}/import`, { importType: 'OnlyNew' });
		expect(sandbox.store.jobs.get(onlyNew.json.data.resourceId)?.summary).toEqual({ created: 2, updated: 0, skipped: 1, failed: 0 });
		expect(sandbox.store.findTargetUserByEmail(companyId, existing.email)?.firstName).toBe(existing.firstName);
		expect(sandbox.store.findTargetUserByEmail(companyId, 'grace.hopper@starklogistics.example')?.priority).toBe('VeryHigh');

		const onlyUpdate = await call<ServiceResultBody<{ resourceId: string }>>('POST', `/api/target-users/${transactionId}/import`, { importType: 'OnlyUpdateExisting' });
		// Grace and Linus exist now, so every row is an update.
		expect(sandbox.store.jobs.get(onlyUpdate.json.data.resourceId)?.summary).toEqual({ created: 0, updated: 3, skipped: 0, failed: 0 });
		expect(sandbox.store.findTargetUserByEmail(companyId, existing.email)).toMatchObject({ firstName: 'Changed', priority: 'Low' });

		const preview = await call<TmpSearch>('POST', `/api/target-users/${transactionId}/search`, searchBody({ orderBy: 'email', ascending: true }));
		const linusRow = preview.json.data.items.results.find((row) => row.email === 'linus.t@starklogistics.example');
		const selectedMissing = await call('POST', `/api/target-users/${transactionId}/import`, { importType: 'ImportSelected', selectedResourceIds: [] });
		expect(selectedMissing.status).toBe(400);
		const selected = await call<ServiceResultBody<{ resourceId: string }>>('POST', `/api/target-users/${transactionId}/import`, { importType: 'ImportSelected', selectedResourceIds: [linusRow?.resourceId] });
		expect(sandbox.store.jobs.get(selected.json.data.resourceId)?.targetCount).toBe(1);
	});

	it('answers 404 for unknown transactions, mapping jobs and jobs, and for expired transactions', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect((await call('GET', `/api/target-users/upload/${unknown}`)).status).toBe(404);
		expect((await call('POST', '/api/target-users/create-mapping', { transactionId: unknown, fieldMappings: [{ excelColumnName: 'Email', fieldName: 'Email' }] })).status).toBe(404);
		expect((await call('POST', `/api/target-users/${unknown}/search`, searchBody())).status).toBe(404);
		expect((await call('POST', `/api/target-users/${unknown}/import`, { importType: 'ImportAll' })).status).toBe(404);
		expect((await call('GET', '/api/target-users/mapping-job/ZZZZZZZZZZZZ')).status).toBe(404);
		expect((await call('GET', '/api/jobs/ZZZZZZZZZZZZ')).status).toBe(404);

		const uploaded = await upload(fileForm('Email\nx@starklogistics.example\n', 'one.csv', 'text/csv'));
		const { transactionId } = uploaded.json.data;
		const transaction = sandbox.store.importTransactions.get(transactionId);
		if (!transaction) throw new Error('transaction stored');
		transaction.expiresAtMs = Date.now() - 1;
		expect((await call('GET', `/api/target-users/upload/${transactionId}`)).status).toBe(404);
		// A transaction of another company is unknown here too.
		const other = await api<ServiceResultBody<{ transactionId: string }>>(sandbox, token, 'POST', '/api/target-users/upload', { companyId: sandbox.ids.customerCompanyIds[0], body: fileForm('Email\ny@globex.example\n', 'one.csv', 'text/csv') });
		expect((await call('GET', `/api/target-users/upload/${other.json.data.transactionId}`)).status).toBe(404);
	});

	it('serves the import template (example-file) as a real xlsx or csv', async () => {
		const response = await fetch(`${sandbox.url}/api/target-users/example-file`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'X-KEEPNET-Company-Id': companyId },
			body: JSON.stringify({ exportType: 'Excel' }),
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
		const header = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1);
		expect(header).toEqual(expect.arrayContaining(['Email', 'First Name', 'Last Name', 'Department', 'Phone Number']));
		const csv = await api(sandbox, token, 'POST', '/api/target-users/example-file', { companyId, body: { exportType: 'Csv' } });
		expect(csv.text.split('\r\n')[0]).toContain('Email,First Name');
	});

	it('refuses uploads without a File field, unsupported types, empty files and non-multipart bodies', async () => {
		expect((await upload(fileForm('Email\n', 'list.csv', 'text/csv', 'Document'))).status).toBe(400);
		expect((await upload(fileForm('%PDF-1.4', 'list.pdf', 'application/pdf'))).status).toBe(400);
		expect((await upload(fileForm('', 'list.csv', 'text/csv'))).status).toBe(400);
		expect((await upload(fileForm(Buffer.from('PK\u0003\u0004garbage'), 'list.xlsx', 'application/octet-stream'))).status).toBe(400);
		expect((await call('POST', '/api/target-users/upload', { File: 'x' })).status).toBe(415);
	});
});
