/**
 * Bulk import (docs/keepnet-api.md#bulk-import): upload → file summary → create-mapping → mapping-job poll → preview search →
 * import (asynchronous job) → GET /api/jobs/{id}. The writes are applied to the store when the import call is made;
 * the job then reports "not finished" on its first poll and finished afterwards, so clients must poll.
 */
import { getField, inputError, invalidEmailMessage, isJsonObject, isValidEmail, JsonReader, notFound, ok, requireJsonObject, unsupportedMediaType } from '../http';
import { LOOKUP_TYPE, LOOKUPS, parsePriority, TIME_ZONE_IDS } from '../lookups';
import { scopedCompany, type RouteContext, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import { parseCsv, readXlsx } from '../spreadsheet';
import type { CompanyRecord, ImportTransaction, JobRecord, MappingJobRecord, TargetUserFields, TmpTargetUser } from '../store';
import { TARGET_USER_LIMITS } from './targetUsers';

/** Mappable target-user fields: lower-cased fieldName (PascalCase or camelCase accepted; the language by its label) → canonical name. */
const MAPPABLE_FIELDS: Record<string, keyof typeof FIELD_LABELS> = {
	email: 'Email',
	firstname: 'FirstName',
	lastname: 'LastName',
	department: 'Department',
	phonenumber: 'PhoneNumber',
	managerfirstname: 'ManagerFirstName',
	managerlastname: 'ManagerLastName',
	manageremail: 'ManagerEmail',
	timezone: 'TimeZone',
	timezoneid: 'TimeZone',
	priority: 'Priority',
	// No Keepnet client is shown mapping a language column (docs/keepnet-api.md#bulk-import lists none): what Keepnet does with the
	// label "Preferred Language" is unverified, so sandbox.readings.importPreferredLanguageMapping decides (refused
	// like any unknown field by default, or accepted and ignored, or applied). "PreferredLanguage" is always refused.
	'preferred language': 'PreferredLanguage',
};

const FIELD_LABELS = {
	Email: 'Email',
	FirstName: 'First Name',
	LastName: 'Last Name',
	Department: 'Department',
	PhoneNumber: 'Phone Number',
	ManagerFirstName: 'Manager First Name',
	ManagerLastName: 'Manager Last Name',
	ManagerEmail: 'Manager Email',
	TimeZone: 'Time Zone',
	Priority: 'Priority',
	PreferredLanguage: 'Preferred Language',
} as const;

type MappableField = keyof typeof FIELD_LABELS;

const IMPORT_TYPES = ['ImportAll', 'ImportSelected', 'OnlyNew', 'OnlyUpdateExisting'] as const;
type ImportType = (typeof IMPORT_TYPES)[number];

const PREVIEW_ROWS = 10;

const tmpSchema: SearchSchema<TmpTargetUser> = {
	fields: fieldTable<TmpTargetUser>([
		[['email'], { kind: 'string', get: (row) => row.email }],
		[['firstName'], { kind: 'string', get: (row) => row.firstName }],
		[['lastName'], { kind: 'string', get: (row) => row.lastName }],
		[['department'], { kind: 'string', get: (row) => row.department }],
		[['priority'], { kind: 'string', get: (row) => row.priority }],
		[['phoneNumber'], { kind: 'string', get: (row) => row.phoneNumber }],
		[['status'], { kind: 'string', get: (row) => row.status }],
		[['timeZone'], { kind: 'string', get: (row) => row.timeZone }],
		[['preferredLanguage'], { kind: 'string', get: (row) => row.preferredLanguage }],
		[['createTime'], { kind: 'date', get: (row) => row.createTime }],
		[['rowNumber'], { kind: 'number', get: (row) => row.rowNumber }],
	]),
	defaultSortField: 'rownumber',
	freeText: (row) => [row.email, row.firstName, row.lastName, row.department],
	seq: (row) => row.seq,
};

function emailColumn(headers: string[]): number {
	return headers.findIndex((header) => /^e-?mail( address)?$/i.test(header.trim()));
}

function transactionOf(ctx: RouteContext, company: CompanyRecord, transactionId: string): ImportTransaction {
	const store = ctx.app.store;
	const transaction = store.importTransactions.get(transactionId);
	if (transaction && Date.now() > transaction.expiresAtMs) store.importTransactions.delete(transactionId);
	if (!transaction || Date.now() > transaction.expiresAtMs || transaction.companyId !== company.resourceId) {
		throw notFound(`Transaction '${transactionId}' was not found or has expired. Upload the file again.`);
	}
	return transaction;
}

function languageIdFrom(value: string): string | null | undefined {
	if (value === '') return null;
	const lower = value.toLowerCase();
	return LOOKUPS[LOOKUP_TYPE.language].find((language) => language.resourceId === value || language.name.toLowerCase() === lower || language.code === lower)?.resourceId;
}

/** Turns uploaded rows into tmp users using the mapping, validating each row like a create would. */
function buildTmpUsers(ctx: RouteContext, transaction: ImportTransaction, columns: Map<MappableField, number>): TmpTargetUser[] {
	const store = ctx.app.store;
	const data = store.data(transaction.companyId);
	const limits = TARGET_USER_LIMITS.create;
	const seenEmails = new Set<string>();
	const now = new Date().toISOString();
	return transaction.rows.slice(1).map((row, index) => {
		const cell = (field: MappableField): string | null => {
			const column = columns.get(field);
			if (column === undefined) return null;
			const value = (row[column] ?? '').trim();
			return value === '' ? null : value;
		};
		const errors: Array<{ fieldName: string; message: string }> = [];
		const tooLong = (field: MappableField, max: number): void => {
			const value = cell(field);
			if (value && value.length > max) {
				errors.push({ fieldName: field, message: `The length of '${FIELD_LABELS[field]}' must be ${max} characters or fewer. You entered ${value.length} characters.` });
			}
		};
		const email = cell('Email');
		if (!email) errors.push({ fieldName: 'Email', message: "'Email' must not be empty." });
		else if (!isValidEmail(email)) errors.push({ fieldName: 'Email', message: invalidEmailMessage('Email') });
		else if (seenEmails.has(email.toLowerCase())) errors.push({ fieldName: 'Email', message: `The email '${email}' appears more than once in the file.` });
		if (email) seenEmails.add(email.toLowerCase());
		tooLong('Email', limits.email);
		tooLong('FirstName', limits.firstName);
		tooLong('LastName', limits.lastName);
		tooLong('Department', limits.department);
		tooLong('ManagerFirstName', limits.managerFirstName);
		tooLong('ManagerLastName', limits.managerLastName);
		const managerEmail = cell('ManagerEmail');
		if (managerEmail && !isValidEmail(managerEmail)) errors.push({ fieldName: 'ManagerEmail', message: invalidEmailMessage('Manager Email') });
		const priority = cell('Priority');
		if (priority && !parsePriority(priority)) errors.push({ fieldName: 'Priority', message: `'Priority' has a range of values which does not include '${priority}'.` });
		const timeZone = cell('TimeZone');
		if (timeZone && !TIME_ZONE_IDS.has(timeZone)) errors.push({ fieldName: 'TimeZone', message: `'Time Zone' '${timeZone}' is not a known time zone.` });
		const language = cell('PreferredLanguage');
		if (language && languageIdFrom(language) === undefined) errors.push({ fieldName: 'PreferredLanguage', message: `'Preferred Language' '${language}' is not a known language.` });
		const exists = email ? data.emailIndex.has(email.toLowerCase()) : false;
		return {
			resourceId: store.newId(),
			transactionId: transaction.transactionId,
			rowNumber: index + 2,
			email,
			firstName: cell('FirstName'),
			lastName: cell('LastName'),
			department: cell('Department'),
			priority: priority ? (parsePriority(priority) ?? priority) : null,
			phoneNumber: cell('PhoneNumber'),
			timeZone,
			preferredLanguage: language,
			managerFirstName: cell('ManagerFirstName'),
			managerLastName: cell('ManagerLastName'),
			managerEmail,
			validationDetail: errors,
			status: errors.length > 0 ? 'Error' : exists ? 'Exists' : 'New',
			createTime: now,
			seq: index,
		};
	});
}

function tmpView(row: TmpTargetUser): Record<string, unknown> {
	return {
		resourceId: row.resourceId,
		email: row.email,
		firstName: row.firstName,
		lastName: row.lastName,
		department: row.department,
		priority: row.priority,
		transactionId: row.transactionId,
		validationDetail: row.validationDetail,
		customFields: [],
		createTime: row.createTime,
		updateTime: null,
		status: row.status,
		phoneNumber: row.phoneNumber,
		timeZone: row.timeZone,
		preferredLanguage: row.preferredLanguage,
	};
}

function statusCounts(rows: TmpTargetUser[]): { newUserCount: number; existingUserCount: number; invalidUserCount: number } {
	let newUserCount = 0;
	let existingUserCount = 0;
	let invalidUserCount = 0;
	for (const row of rows) {
		if (row.status === 'New') newUserCount++;
		else if (row.status === 'Exists') existingUserCount++;
		else invalidUserCount++;
	}
	return { newUserCount, existingUserCount, invalidUserCount };
}

/** Fields an import row sets; on update only the non-empty mapped cells overwrite the user. */
function importedFields(row: TmpTargetUser): Partial<TargetUserFields> {
	const fields: Partial<TargetUserFields> = {};
	if (row.firstName !== null) fields.firstName = row.firstName;
	if (row.lastName !== null) fields.lastName = row.lastName;
	if (row.department !== null) fields.department = row.department;
	if (row.phoneNumber !== null) fields.phoneNumber = row.phoneNumber;
	if (row.managerFirstName !== null) fields.managerFirstName = row.managerFirstName;
	if (row.managerLastName !== null) fields.managerLastName = row.managerLastName;
	if (row.managerEmail !== null) fields.managerEmail = row.managerEmail;
	if (row.timeZone !== null) fields.timeZoneId = row.timeZone;
	if (row.priority !== null) fields.priority = parsePriority(row.priority) ?? 'Medium';
	if (row.preferredLanguage !== null) fields.preferredLanguageId = languageIdFrom(row.preferredLanguage) ?? null;
	return fields;
}

function jobView(job: JobRecord, finished: boolean): Record<string, unknown> {
	const processed = job.summary.created + job.summary.updated + job.summary.skipped + job.summary.failed;
	const progress = finished ? 100 : 50;
	return {
		resourceId: job.resourceId,
		jobId: job.jobId,
		companyId: 0,
		name: job.name,
		progress,
		// 1 = running, 2 = completed (the SPEC types status as an undocumented int).
		status: finished ? 2 : 1,
		createTime: job.createTime,
		endTime: finished ? job.endTime : null,
		errorMessage: finished && job.summary.failed > 0 ? `${job.summary.failed} row(s) could not be imported.` : null,
		estimatedTime: finished ? 0 : 1,
		isFinished: finished,
		processResults: [
			{
				name: job.name,
				type: 1,
				currentCount: finished ? processed : Math.floor(processed / 2),
				targetCount: job.targetCount,
				processErrors: finished ? job.processErrors : [],
				existsError: finished && job.processErrors.length > 0,
				createTime: job.createTime,
				endTime: finished ? job.endTime : null,
				estimatedTime: finished ? 0 : 1,
				isFinished: finished,
				progress,
			},
		],
	};
}

export function registerImportRoutes(router: Router): void {
	router.add('POST', '/api/target-users/upload', async (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		if (ctx.body.kind !== 'multipart') {
			throw unsupportedMediaType();
		}
		const file = ctx.body.multipart?.files.find((entry) => entry.field.toLowerCase() === 'file');
		if (!file || file.data.length === 0) throw inputError(["'File' must not be empty."]);
		const name = file.filename.toLowerCase();
		const isZip = file.data.length > 3 && file.data[0] === 0x50 && file.data[1] === 0x4b;
		let fileType: 'Csv' | 'Excel';
		let sheetNames: string[];
		let rows: string[][];
		if (name.endsWith('.xlsx') || (isZip && !name.endsWith('.csv'))) {
			try {
				({ sheetNames, rows } = await readXlsx(file.data));
			} catch {
				throw inputError(['The file could not be read as an Excel (.xlsx) workbook.']);
			}
			fileType = 'Excel';
		} else if (name.endsWith('.csv') || file.mimeType === 'text/csv' || name.endsWith('.txt')) {
			rows = parseCsv(file.data.toString('utf8'));
			sheetNames = [file.filename.replace(/\.[^.]*$/, '') || 'Sheet1'];
			fileType = 'Csv';
		} else {
			throw inputError([`Unsupported file type '${file.filename}'. Upload an .xlsx, .xls or .csv file.`]);
		}
		if (rows.length === 0 || rows[0].every((header) => header.trim() === '')) throw inputError(['The file is empty or has no header row.']);
		const headers = rows[0].map((header) => header.trim());
		const column = emailColumn(headers);
		let duplicateCount = 0;
		if (column >= 0) {
			const seen = new Set<string>();
			for (const row of rows.slice(1)) {
				const email = (row[column] ?? '').trim().toLowerCase();
				if (email === '') continue;
				if (seen.has(email)) duplicateCount++;
				seen.add(email);
			}
		}
		const now = Date.now();
		const transaction: ImportTransaction = {
			transactionId: store.newUuid(),
			companyId: company.resourceId,
			fileName: file.filename,
			fileType,
			sheetNames,
			headers,
			rows: [headers, ...rows.slice(1)],
			duplicateCount,
			createdAtMs: now,
			expiresAtMs: now + ctx.app.importTransactionLifetimeMs,
			tmpUsers: null,
			targetGroupResourceIds: [],
		};
		store.importTransactions.set(transaction.transactionId, transaction);
		return ok({ transactionId: transaction.transactionId, rowCount: rows.length - 1, columnCount: headers.length, duplicateCount });
	});

	router.add('GET', '/api/target-users/upload/{transactionId}', (ctx) => {
		const transaction = transactionOf(ctx, scopedCompany(ctx), ctx.params.transactionId);
		const preview = transaction.rows.slice(1, 1 + PREVIEW_ROWS).map((row) => Object.fromEntries(transaction.headers.map((header, index) => [header, row[index] ?? ''])));
		return ok({ fileType: transaction.fileType, sheetNames: transaction.sheetNames, data: preview, fileFieldNames: transaction.headers });
	});

	router.add('POST', '/api/target-users/create-mapping', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const transactionId = reader.string('transactionId', { required: true });
		const mappings = reader.array('fieldMappings');
		const groupIds = reader.stringArray('targetGroupResourceIds') ?? [];
		if (!mappings || mappings.length === 0) reader.error("'Field Mappings' must not be empty.");
		reader.throwIfErrors();
		const transaction = transactionOf(ctx, company, transactionId as string);
		const data = store.data(company.resourceId);
		const columns = new Map<MappableField, number>();
		(mappings as unknown[]).forEach((mapping, index) => {
			if (!isJsonObject(mapping)) {
				reader.error(`The JSON value could not be converted to FieldMapping. Path: $.fieldMappings[${index}]`);
				return;
			}
			const columnName = getField(mapping, 'excelColumnName');
			const fieldName = getField(mapping, 'fieldName');
			if (typeof columnName !== 'string' || columnName.trim() === '') return reader.error(`'Excel Column Name' must not be empty. Path: $.fieldMappings[${index}]`);
			if (typeof fieldName !== 'string' || fieldName.trim() === '') return reader.error(`'Field Name' must not be empty. Path: $.fieldMappings[${index}]`);
			const field = MAPPABLE_FIELDS[fieldName.trim().toLowerCase()];
			const languageReading = ctx.app.readings.importPreferredLanguageMapping;
			if (!field || (field === 'PreferredLanguage' && languageReading === 'refused')) return reader.error(`'${fieldName}' is not a target user field that can be mapped.`);
			if (field === 'PreferredLanguage' && languageReading === 'ignored') return;
			const column = transaction.headers.findIndex((header) => header.toLowerCase() === columnName.trim().toLowerCase());
			if (column < 0) return reader.error(`Column '${columnName}' was not found in the uploaded file.`);
			if (columns.has(field)) return reader.error(`The field '${field}' is mapped more than once.`);
			columns.set(field, column);
		});
		if (reader.errors.length === 0 && !columns.has('Email')) reader.error('The Email field must be mapped to a column.');
		for (const groupId of groupIds) if (!data.targetGroups.has(groupId)) reader.error(`Target group '${groupId}' was not found.`);
		reader.throwIfErrors();
		transaction.tmpUsers = buildTmpUsers(ctx, transaction, columns);
		transaction.targetGroupResourceIds = groupIds;
		const counts = statusCounts(transaction.tmpUsers);
		const job: MappingJobRecord = {
			resourceId: store.newId(),
			companyId: company.resourceId,
			transactionId: transaction.transactionId,
			pollCount: 0,
			...counts,
			totalRowCount: transaction.tmpUsers.length,
		};
		store.mappingJobs.set(job.resourceId, job);
		return ok({ resourceId: job.resourceId });
	});

	router.add('GET', '/api/target-users/mapping-job/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const job = ctx.app.store.mappingJobs.get(ctx.params.resourceId);
		if (!job || job.companyId !== company.resourceId) throw notFound(`Mapping job '${ctx.params.resourceId}' was not found.`);
		const running = job.pollCount === 0;
		job.pollCount++;
		return ok({
			resourceId: job.resourceId,
			transactionId: job.transactionId,
			status: running ? 'Running' : job.invalidUserCount > 0 ? 'FinishedWithError' : 'Finished',
			newUserCount: running ? 0 : job.newUserCount,
			existingUserCount: running ? 0 : job.existingUserCount,
			invalidUserCount: running ? 0 : job.invalidUserCount,
			totalRowCount: job.totalRowCount,
		});
	});

	router.add('POST', '/api/target-users/{transactionId}/search', (ctx) => {
		const company = scopedCompany(ctx);
		const transaction = transactionOf(ctx, company, ctx.params.transactionId);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, tmpSchema, { filterRequired: false });
		if (!transaction.tmpUsers) throw inputError(['No mapping exists for this transaction yet. Call create-mapping first.']);
		return ok({ items: searchCollection(transaction.tmpUsers, tmpSchema, request, tmpView), ...statusCounts(transaction.tmpUsers) });
	});

	router.add('POST', '/api/target-users/{transactionId}/import', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const transaction = transactionOf(ctx, company, ctx.params.transactionId);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const importTypeValue = reader.string('importType', { required: true });
		const importType = IMPORT_TYPES.find((type) => type.toLowerCase() === importTypeValue?.trim().toLowerCase());
		if (importTypeValue && !importType) reader.error(`'Import Type' has a range of values which does not include '${importTypeValue}'. Use ${IMPORT_TYPES.join(', ')}.`);
		const selected = reader.stringArray('selectedResourceIds') ?? [];
		if (importType === 'ImportSelected' && selected.length === 0) reader.error("'Selected Resource Ids' must not be empty when Import Type is ImportSelected.");
		reader.throwIfErrors();
		if (!transaction.tmpUsers) throw inputError(['No mapping exists for this transaction yet. Call create-mapping first.']);
		const tmpById = new Map(transaction.tmpUsers.map((row) => [row.resourceId, row]));
		for (const id of selected) if (importType === 'ImportSelected' && !tmpById.has(id)) reader.error(`Row '${id}' does not belong to this transaction.`);
		reader.throwIfErrors();

		const rows = importType === 'ImportSelected' ? selected.map((id) => tmpById.get(id) as TmpTargetUser) : transaction.tmpUsers;
		// The job exists before it writes anything: its createTime is not later than any user it creates.
		const startTime = new Date().toISOString();
		const summary = { created: 0, updated: 0, skipped: 0, failed: 0 };
		const processErrors: JobRecord['processErrors'] = [];
		for (const row of rows) {
			if (row.status === 'Error' || !row.email) {
				summary.failed++;
				processErrors.push({ errorMessage: row.validationDetail.map((detail) => detail.message).join(' ') || 'Invalid row.', inputData: row.email ?? `row ${row.rowNumber}` });
				continue;
			}
			// Decide by the current data, not the preview status: an e-mail that exists now is always an update.
			const existing = store.findTargetUserByEmail(company.resourceId, row.email);
			const mode = importType as ImportType;
			if (existing) {
				if (mode === 'OnlyNew') {
					summary.skipped++;
					continue;
				}
				store.updateTargetUser(existing, importedFields(row));
				for (const groupId of transaction.targetGroupResourceIds) store.addMembership(company.resourceId, groupId, existing.resourceId);
				summary.updated++;
			} else {
				if (mode === 'OnlyUpdateExisting') {
					summary.skipped++;
					continue;
				}
				const fields = importedFields(row);
				store.addTargetUser(
					company.resourceId,
					{
						email: row.email,
						firstName: fields.firstName ?? null,
						lastName: fields.lastName ?? null,
						department: fields.department ?? null,
						priority: fields.priority ?? 'Medium',
						isActive: true,
						phoneNumber: fields.phoneNumber ?? null,
						timeZoneId: fields.timeZoneId ?? null,
						preferredLanguageId: fields.preferredLanguageId ?? null,
						managerFirstName: fields.managerFirstName ?? null,
						managerLastName: fields.managerLastName ?? null,
						managerEmail: fields.managerEmail ?? null,
						customFieldValues: [],
					},
					transaction.targetGroupResourceIds,
				);
				summary.created++;
			}
		}
		const now = new Date().toISOString();
		const job: JobRecord = {
			resourceId: store.newId(),
			jobId: store.newJobNumericId(),
			companyId: company.resourceId,
			name: 'Target User Import',
			createTime: startTime,
			endTime: now,
			pollCount: 0,
			targetCount: rows.length,
			summary,
			processErrors,
		};
		store.jobs.set(job.resourceId, job);
		return ok({ resourceId: job.resourceId });
	});

	router.add('GET', '/api/jobs', (ctx) => {
		const company = scopedCompany(ctx);
		const jobs = Array.from(ctx.app.store.jobs.values()).filter((job) => job.companyId === company.resourceId);
		return ok(jobs.map((job) => {
			const view = jobView(job, job.pollCount > 0);
			delete view.processResults;
			return view;
		}));
	});

	router.add('GET', '/api/jobs/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const job = ctx.app.store.jobs.get(ctx.params.resourceId);
		if (!job || job.companyId !== company.resourceId) throw notFound(`Job '${ctx.params.resourceId}' was not found.`);
		const finished = job.pollCount > 0;
		job.pollCount++;
		return ok(jobView(job, finished));
	});
}

