/** Target users (docs/keepnet-api.md#target-users): CRUD, search, search-email, export, count summary, bulk delete, groups of a user. */
import { csvStream, pdfStream, xlsxStream, type ExportColumn } from '../exporters';
import {
	getField,
	idResult,
	inputError,
	invalidEmailMessage,
	isJsonObject,
	isValidEmail,
	JsonReader,
	notFound,
	ok,
	requireJsonObject,
	type SandboxResponse,
} from '../http';
import { findLookup, LOOKUP_TYPE, parsePriority, PRIORITIES, TIME_ZONE_IDS, type Priority } from '../lookups';
import { scopedCompany, type RouteContext, type Router } from '../router';
import { compileFilter, fieldTable, pageOf, readSearchRequest, selectBulkRows, sortRows, type RowPredicate, type SearchRequest, type SearchSchema } from '../search';
import { targetUserStatus, type CompanyData, type CompanyRecord, type CustomFieldValue, type SandboxStore, type TargetUserFields, type TargetUserRecord } from '../store';
import { makeGroupSchema, toGroupSearchView } from './targetGroups';

/** Field limits from the SPEC: CreateTargetUserRequest (256) vs UpdateTargetUserRequest (40/64). */
export const TARGET_USER_LIMITS = {
	create: { email: 320, firstName: 256, lastName: 256, department: 256, managerFirstName: 256, managerLastName: 256, managerEmail: 320 },
	update: { email: 320, firstName: 40, lastName: 40, department: 64, managerFirstName: 40, managerLastName: 40, managerEmail: 320 },
} as const;

function languageName(id: string | null): string | null {
	return findLookup(LOOKUP_TYPE.language, id)?.name ?? null;
}

function managerFullName(user: TargetUserRecord): string | null {
	const name = [user.managerFirstName, user.managerLastName].filter((part) => part).join(' ');
	return name === '' ? null : name;
}

export const targetUserSchema: SearchSchema<TargetUserRecord> = {
	fields: fieldTable<TargetUserRecord>([
		[['firstName'], { kind: 'string', get: (user) => user.firstName }],
		[['lastName'], { kind: 'string', get: (user) => user.lastName }],
		[['email'], { kind: 'string', get: (user) => user.email }],
		[['phoneNumber'], { kind: 'string', get: (user) => user.phoneNumber }],
		[['department'], { kind: 'string', get: (user) => user.department }],
		[['priority'], { kind: 'string', get: (user) => user.priority, sortRank: (user) => PRIORITIES.indexOf(user.priority) }],
		[
			['status', 'statusName'],
			{
				kind: 'string',
				get: (user) => targetUserStatus(user),
				// The UI filters Status with Include "1" (active) / "0" (inactive); "2" for deleted is a sandbox extra.
				valueAliases: { '1': 'active', '0': 'inactive', '2': 'deleted', true: 'active', false: 'inactive' },
			},
		],
		[['isDeleted'], { kind: 'boolean', get: (user) => user.isDeleted, sortable: false }],
		[['isActive'], { kind: 'boolean', get: (user) => user.isActive && !user.isDeleted, sortable: false }],
		[['createTime'], { kind: 'date', get: (user) => user.createTime }],
		[['updateTime'], { kind: 'date', get: (user) => user.updateTime }],
		[['preferredLanguage'], { kind: 'string', get: (user) => languageName(user.preferredLanguageId) }],
		[['preferredLanguageId'], { kind: 'string', get: (user) => user.preferredLanguageId }],
		[['timeZone', 'timeZoneId'], { kind: 'string', get: (user) => user.timeZoneId }],
		[['managerFullName'], { kind: 'string', get: managerFullName }],
		[['managerFirstName'], { kind: 'string', get: (user) => user.managerFirstName }],
		[['managerLastName'], { kind: 'string', get: (user) => user.managerLastName }],
		[['managerEmail'], { kind: 'string', get: (user) => user.managerEmail }],
		[['resourceId'], { kind: 'string', get: (user) => user.resourceId, sortable: false }],
	]),
	defaultSortField: 'createtime',
	freeText: (user) => [user.firstName, user.lastName, user.email, user.department, user.phoneNumber],
	seq: (user) => user.seq,
};

/** TargetUserSearchView (search results). */
export function toTargetUserSearchView(user: TargetUserRecord): Record<string, unknown> {
	return {
		resourceId: user.resourceId,
		email: user.email,
		firstName: user.firstName,
		lastName: user.lastName,
		department: user.department,
		priority: user.priority,
		status: targetUserStatus(user),
		customFieldValues: user.customFieldValues,
		createTime: user.createTime,
		updateTime: user.updateTime,
		isEditable: !user.isDeleted,
		scimSettingName: null,
		ldapConfigName: null,
		phoneNumber: user.phoneNumber,
		timeZone: user.timeZoneId,
		preferredLanguage: languageName(user.preferredLanguageId),
	};
}

/** TargetUserDto (GET by id, search-email). */
export function toTargetUserDto(user: TargetUserRecord): Record<string, unknown> {
	return {
		resourceId: user.resourceId,
		email: user.email,
		firstName: user.firstName,
		lastName: user.lastName,
		department: user.department,
		priority: user.priority,
		isActive: user.isActive && !user.isDeleted,
		customFieldValues: user.customFieldValues,
		phoneNumber: user.phoneNumber,
		timeZoneId: user.timeZoneId,
		preferredLanguageId: user.preferredLanguageId,
		managerFirstName: user.managerFirstName,
		managerLastName: user.managerLastName,
		managerEmail: user.managerEmail,
		managerFullName: managerFullName(user),
	};
}

/** Filtered + sorted target users of a company (sorted views are cached until the company's users change). */
export function queryTargetUsers(store: SandboxStore, companyId: string, request: SearchRequest, extra?: RowPredicate<TargetUserRecord>): TargetUserRecord[] {
	const data = store.data(companyId);
	const predicate = compileFilter(request.filter, targetUserSchema);
	const key = `${request.sortField}|${request.ascending}`;
	const sortAll = (users: TargetUserRecord[]): TargetUserRecord[] => {
		// Insertion order is createTime order (ties by seq) unless someone added users out of order.
		if (request.sortField === 'createtime' && data.insertionOrderIsCreateTimeOrder) return request.ascending ? users : users.reverse();
		return sortRows(users, targetUserSchema, request.sortField, request.ascending);
	};
	if (!predicate && !extra) return data.sortedTargetUsers(key, sortAll);
	const matches = (user: TargetUserRecord): boolean => (!extra || extra(user)) && (!predicate || predicate(user));
	// With a filter, sort only the matches unless a sorted copy is already cached (writes invalidate it).
	const cached = data.peekSortedTargetUsers(key);
	if (cached) return cached.filter(matches);
	return sortAll(Array.from(data.targetUsers.values()).filter(matches));
}

export function readPriority(reader: JsonReader, required: boolean): Priority | null {
	const value = reader.raw('priority');
	if (value === undefined || value === null) {
		if (required) reader.error("'Priority' must not be empty.");
		return null;
	}
	if (typeof value !== 'string') {
		reader.error('The JSON value could not be converted to KeepnetLabs.Domain.Enums.TargetUserEnum+TargetUserPriority. Path: $.priority');
		return null;
	}
	const priority = parsePriority(value);
	if (!priority) reader.error(`'Priority' has a range of values which does not include '${value}'.`);
	return priority ?? null;
}

function readCustomFields(reader: JsonReader): CustomFieldValue[] {
	const list = reader.array('customFields');
	if (!list) return [];
	const values: CustomFieldValue[] = [];
	list.forEach((item, index) => {
		if (!isJsonObject(item)) {
			reader.error(`The JSON value could not be converted to TargetUserCustomFieldValueDto. Path: $.customFields[${index}]`);
			return;
		}
		const text = (name: string): string | null => {
			const value = getField(item, name);
			return typeof value === 'string' ? value : null;
		};
		values.push({ resourceId: text('resourceId'), name: text('name'), dataType: text('dataType'), value: text('value'), timestampValue: text('timestampValue') });
	});
	return values;
}

interface TargetUserInput {
	fields: TargetUserFields;
	groupIds: string[] | null;
}

/** Validates a create/update body; `mode` picks the SPEC limits (update is stricter). */
function readTargetUserInput(ctx: RouteContext, data: CompanyData, mode: 'create' | 'update', self: TargetUserRecord | null): TargetUserInput {
	const reader = new JsonReader(requireJsonObject(ctx.body));
	const limits = TARGET_USER_LIMITS[mode];
	const email = reader.string('email', { required: true, maxLength: limits.email });
	if (email !== null && email.trim() !== '' && email.length <= limits.email && !isValidEmail(email)) reader.error(invalidEmailMessage('Email'));
	const phoneNumber = reader.string('phoneNumber', { required: true });
	const firstName = reader.string('firstName', { maxLength: limits.firstName });
	const lastName = reader.string('lastName', { maxLength: limits.lastName });
	const department = reader.string('department', { maxLength: limits.department });
	const managerFirstName = reader.string('managerFirstName', { maxLength: limits.managerFirstName });
	const managerLastName = reader.string('managerLastName', { maxLength: limits.managerLastName });
	const managerEmail = reader.string('managerEmail', { maxLength: limits.managerEmail });
	if (managerEmail && managerEmail.length <= limits.managerEmail && !isValidEmail(managerEmail)) reader.error(invalidEmailMessage('Manager Email'));
	const priority = readPriority(reader, false);
	const isActive = reader.bool('isActive');
	const timeZoneId = reader.string('timeZoneId');
	if (timeZoneId && !TIME_ZONE_IDS.has(timeZoneId)) reader.error(`'Time Zone Id' '${timeZoneId}' is not a known time zone.`);
	const preferredLanguageId = reader.string('preferredLanguageId');
	if (preferredLanguageId && !findLookup(LOOKUP_TYPE.language, preferredLanguageId)) reader.error(`'Preferred Language Id' has no language with id '${preferredLanguageId}'.`);
	const groupIds = reader.stringArray('targetGroupResourceIds');
	for (const groupId of groupIds ?? []) if (!data.targetGroups.has(groupId)) reader.error(`Target group '${groupId}' was not found.`);
	const customFieldValues = readCustomFields(reader);
	reader.throwIfErrors();
	const cleanEmail = (email as string).trim();
	const existingId = data.emailIndex.get(cleanEmail.toLowerCase());
	if (existingId !== undefined && existingId !== self?.resourceId) throw inputError([`A target user with the email '${cleanEmail}' already exists.`]);
	return {
		fields: {
			email: cleanEmail,
			phoneNumber: phoneNumber as string,
			firstName,
			lastName,
			department,
			managerFirstName,
			managerLastName,
			managerEmail,
			// Create: the platform default is Medium/active. Update replaces the record (C# defaults when absent).
			priority: priority ?? 'Medium',
			isActive: isActive ?? mode === 'create',
			timeZoneId,
			preferredLanguageId,
			customFieldValues,
		},
		groupIds,
	};
}

/** A target user of the scoped company; 404 when unknown. `allowDeleted` false also 404s soft-deleted users. */
function targetUserOf(ctx: RouteContext, company: CompanyRecord, allowDeleted: boolean): TargetUserRecord {
	const user = ctx.app.store.data(company.resourceId).targetUsers.get(ctx.params.resourceId);
	if (!user || (!allowDeleted && user.isDeleted)) throw notFound(`Target user '${ctx.params.resourceId}' was not found.`);
	return user;
}

const EXPORT_COLUMNS: Array<ExportColumn<TargetUserRecord>> = [
	{ header: 'First Name', value: (user) => user.firstName, width: 16 },
	{ header: 'Last Name', value: (user) => user.lastName, width: 16 },
	{ header: 'Email', value: (user) => user.email, width: 34 },
	{ header: 'Phone Number', value: (user) => user.phoneNumber, width: 16 },
	{ header: 'Department', value: (user) => user.department, width: 16 },
	{ header: 'Priority', value: (user) => user.priority, width: 9 },
	{ header: 'Status', value: (user) => targetUserStatus(user), width: 9 },
	{ header: 'Create Time', value: (user) => user.createTime, width: 24 },
];

const EXPORT_TYPES: Record<string, { extension: string; contentType: string }> = {
	csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
	excel: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	pdf: { extension: 'pdf', contentType: 'application/pdf' },
};

/** The file answer of an export (real binary stream, never JSON), named like the UI saves it. */
export function exportFile<T>(exportType: string, rows: readonly T[], columns: Array<ExportColumn<T>>, baseName: string): SandboxResponse {
	const type = EXPORT_TYPES[exportType];
	const filename = `${baseName}.${type.extension}`;
	const body = exportType === 'csv' ? csvStream(rows, columns) : exportType === 'excel' ? xlsxStream(rows, columns, baseName) : pdfStream(rows, columns, baseName);
	return {
		status: 200,
		headers: {
			'content-type': type.contentType,
			'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
		},
		body,
	};
}

/** Reads exportType (case-insensitive Csv/CSV/Excel/PDF); 400 when missing or unknown. */
export function readExportType(reader: JsonReader): string {
	const value = reader.raw('exportType');
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		reader.error("'Export Type' must not be empty.");
	} else if (typeof value !== 'string') {
		reader.error('The JSON value could not be converted to KeepnetLabs.Common.Core.Enums.ExportType. Path: $.exportType');
	} else if (!EXPORT_TYPES[value.trim().toLowerCase()]) {
		reader.error(`'Export Type' has a range of values which does not include '${value}'. Use Csv, Excel or PDF.`);
	}
	reader.throwIfErrors();
	return (value as string).trim().toLowerCase();
}

function monthStart(monthsAgo: number): Date {
	const now = new Date();
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1));
}

export function registerTargetUserRoutes(router: Router): void {
	router.add('POST', '/api/target-users', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const data = store.data(company.resourceId);
		const input = readTargetUserInput(ctx, data, 'create', null);
		const user = store.addTargetUser(company.resourceId, input.fields, input.groupIds ?? []);
		return idResult(user.resourceId);
	});

	router.add('GET', '/api/target-users/{resourceId}', (ctx) => ok(toTargetUserDto(targetUserOf(ctx, scopedCompany(ctx), true))));

	router.add('PUT', '/api/target-users/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const user = targetUserOf(ctx, company, false);
		const input = readTargetUserInput(ctx, store.data(company.resourceId), 'update', user);
		store.updateTargetUser(user, input.fields);
		if (input.groupIds !== null) {
			for (const groupId of Array.from(user.groupIds)) if (!input.groupIds.includes(groupId)) store.removeMembership(company.resourceId, groupId, user.resourceId);
			for (const groupId of input.groupIds) store.addMembership(company.resourceId, groupId, user.resourceId);
		}
		return idResult(user.resourceId);
	});

	router.add('DELETE', '/api/target-users/{resourceId}', (ctx) => {
		const user = targetUserOf(ctx, scopedCompany(ctx), false);
		ctx.app.store.softDeleteTargetUser(user);
		return idResult(user.resourceId);
	});

	router.add('DELETE', '/api/target-users/bulk-delete', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const users = store.data(company.resourceId).targetUsers;
		const targets = selectBulkRows(requireJsonObject(ctx.body), users, targetUserSchema, (user) => user.resourceId, (id) => `Target user '${id}' was not found.`);
		for (const user of targets) if (!user.isDeleted) store.softDeleteTargetUser(user);
		return idResult(null);
	});

	router.add('POST', '/api/target-users/search', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, targetUserSchema, { filterRequired: true });
		reader.bool('newVersion');
		reader.throwIfErrors();
		const rows = queryTargetUsers(ctx.app.store, company.resourceId, request);
		return ok(pageOf(rows, request.pageNumber, request.pageSize, toTargetUserSearchView));
	});

	router.add('POST', '/api/target-users/search-email', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const email = reader.string('email', { required: true });
		const request = readSearchRequest(reader, targetUserSchema, { filterRequired: false });
		const user = email ? ctx.app.store.findTargetUserByEmail(company.resourceId, email) : undefined;
		return ok(pageOf(user ? [user] : [], request.pageNumber, request.pageSize, toTargetUserDto));
	});

	router.add('POST', '/api/target-users/search/export', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const exportType = readExportType(reader);
		const request = readSearchRequest(reader, targetUserSchema, { filterRequired: true });
		const allPages = reader.bool('reportAllPages') ?? false;
		reader.throwIfErrors();
		const rows = queryTargetUsers(ctx.app.store, company.resourceId, request);
		const start = (request.pageNumber - 1) * request.pageSize;
		const selected = allPages ? rows : rows.slice(start, start + request.pageSize);
		return exportFile(exportType, selected, EXPORT_COLUMNS, 'Target Users');
	});

	// Import template (step 0 of the import flow): header row plus one example row.
	router.add('POST', '/api/target-users/example-file', (ctx) => {
		scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const exportType = readExportType(reader);
		const example: Record<string, string> = {
			Email: 'jane.doe@example.com',
			'First Name': 'Jane',
			'Last Name': 'Doe',
			Department: 'Finance',
			'Phone Number': '+15555550100',
			Priority: 'Medium',
			'Manager First Name': 'John',
			'Manager Last Name': 'Smith',
			'Manager Email': 'john.smith@example.com',
			'Time Zone': 'GMT Standard Time',
		};
		const columns = Object.keys(example).map((header) => ({ header, value: (row: Record<string, string>) => row[header], width: 20 }));
		return exportFile(exportType, [example], columns, 'Target User Import Template');
	});

	router.add('GET', '/api/target-users/count-summary', (ctx) => {
		const company = scopedCompany(ctx);
		const data = ctx.app.store.data(company.resourceId);
		return ok({
			totalNumberOfActiveUsers: data.counts.active,
			totalNumberOfInActiveUsers: data.counts.inactive,
			totalNumberOfDeletedUsers: data.counts.deleted,
			monthlyActiveUsers: [...data.monthlyActiveUsers]
				.sort((a, b) => b.monthsAgo - a.monthsAgo)
				.map((entry) => {
					const start = monthStart(entry.monthsAgo);
					return { period: start.toISOString().slice(0, 7), periodStart: start.toISOString(), count: entry.count };
				}),
		});
	});

	router.add('POST', '/api/target-users/{resourceId}/groups', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const user = targetUserOf(ctx, company, true);
		const groupSchema = makeGroupSchema(store);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, groupSchema, { filterRequired: true });
		const data = store.data(company.resourceId);
		const groups = Array.from(user.groupIds)
			.map((groupId) => data.targetGroups.get(groupId))
			.filter((group): group is NonNullable<typeof group> => group !== undefined);
		const predicate = compileFilter(request.filter, groupSchema);
		const filtered = groups.filter((group) => !predicate || predicate(group));
		return ok(pageOf(sortRows(filtered, groupSchema, request.sortField, request.ascending), request.pageNumber, request.pageSize, (group) => toGroupSearchView(store, company, group)));
	});
}
