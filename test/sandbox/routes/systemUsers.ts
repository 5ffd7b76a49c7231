/** System users (platform admins) and roles (docs/keepnet-api.md#system-users-and-roles). */
import { accessibleCompany, scopedCompany, type RouteContext, type Router } from '../router';
import { idResult, inputError, invalidEmailMessage, isValidEmail, JsonReader, notFound, ok, optionalJsonObject, requireJsonObject } from '../http';
import { fieldTable, readSearchRequest, searchCollection, selectBulkRows, type SearchSchema } from '../search';
import type { CompanyRecord, RoleRecord, SandboxStore, SystemUserRecord } from '../store';

/** Limits from the SPEC's CreateSystemUserRequest / UpdateSystemUserRequest. */
const LIMITS = { firstName: 40, lastName: 40, email: 320, phoneNumber: 20 };

function roleNames(store: SandboxStore, user: SystemUserRecord): string {
	const roles = store.data(user.companyId).roles;
	return user.roleIds.map((id) => roles.get(id)?.name ?? '').filter((name) => name !== '').join(', ');
}

function statusName(statusId: number): string {
	return statusId === 1 ? 'Active' : 'Inactive';
}

function systemUserSchema(store: SandboxStore): SearchSchema<SystemUserRecord> {
	return {
		fields: fieldTable<SystemUserRecord>([
			[['firstName'], { kind: 'string', get: (user) => user.firstName }],
			[['lastName'], { kind: 'string', get: (user) => user.lastName }],
			[['email'], { kind: 'string', get: (user) => user.email }],
			[['companyName'], { kind: 'string', get: (user) => store.companies.get(user.companyId)?.name ?? null }],
			[['roles', 'roleName'], { kind: 'string', get: (user) => roleNames(store, user) }],
			[['phoneNumber'], { kind: 'string', get: (user) => user.phoneNumber }],
			// The UI sorts/filters the status column by StatusId (values 1 / 0).
			[['statusId', 'statusName', 'status'], { kind: 'number', get: (user) => user.statusId, valueAliases: { active: '1', inactive: '0' } }],
			[['createTime'], { kind: 'date', get: (user) => user.createTime }],
			[['resourceId'], { kind: 'string', get: (user) => user.resourceId, sortable: false }],
		]),
		defaultSortField: 'createtime',
		freeText: (user) => [user.firstName, user.lastName, user.email, user.phoneNumber],
		seq: (user) => user.seq,
	};
}

function toSystemUserSearchDto(store: SandboxStore, user: SystemUserRecord): Record<string, unknown> {
	return {
		resourceId: user.resourceId,
		firstName: user.firstName,
		lastName: user.lastName,
		companyName: store.companies.get(user.companyId)?.name ?? null,
		companyResourceId: user.companyId,
		roles: roleNames(store, user),
		phoneNumber: user.phoneNumber,
		statusId: user.statusId,
		statusName: statusName(user.statusId),
		createTime: user.createTime,
		email: user.email,
		isEditable: true,
	};
}

interface SystemUserInput {
	firstName: string;
	lastName: string;
	email: string;
	phoneNumber: string;
	statusId: number;
	roleIds: string[];
}

function readSystemUser(reader: JsonReader, company: CompanyRecord, store: SandboxStore, self: SystemUserRecord | null): SystemUserInput {
	const firstName = reader.string('firstName', { required: true, maxLength: LIMITS.firstName });
	const lastName = reader.string('lastName', { required: true, maxLength: LIMITS.lastName });
	const email = reader.string('email', { required: true, maxLength: LIMITS.email });
	if (email && email.trim() !== '' && email.length <= LIMITS.email && !isValidEmail(email)) reader.error(invalidEmailMessage('Email'));
	const phoneNumber = reader.string('phoneNumber', { required: true, maxLength: LIMITS.phoneNumber });
	const statusId = reader.int('statusId');
	if (statusId !== null && statusId !== 0 && statusId !== 1) reader.error(`'Status Id' must be 1 (active) or 0 (inactive); got ${statusId}.`);
	const roleIds = reader.stringArray('roleResourceIdList');
	const roles = store.data(company.resourceId).roles;
	// The SPEC marks the role list optional, but the platform refuses a user without a role.
	if (!reader.errors.some((message) => message.includes('roleResourceIdList')) && (!roleIds || roleIds.length === 0)) reader.error('Role should be selected');
	for (const roleId of roleIds ?? []) if (!roles.has(roleId)) reader.error(`Role '${roleId}' was not found in company '${company.name}'.`);
	reader.throwIfErrors();
	const clash = store.findSystemUserByEmail(email as string);
	if (clash && clash !== self) throw inputError([`A user with the email '${(email as string).trim()}' already exists.`]);
	return {
		firstName: (firstName as string).trim(),
		lastName: (lastName as string).trim(),
		email: (email as string).trim(),
		phoneNumber: (phoneNumber as string).trim(),
		statusId: statusId ?? (self ? self.statusId : 1),
		roleIds: Array.from(new Set(roleIds as string[])),
	};
}

function systemUserOf(ctx: RouteContext, company: CompanyRecord): SystemUserRecord {
	const user = ctx.app.store.data(company.resourceId).systemUsers.get(ctx.params.resourceId);
	if (!user) throw notFound(`System user '${ctx.params.resourceId}' was not found.`);
	return user;
}

function roleSchema(store: SandboxStore): SearchSchema<RoleRecord> {
	const userCount = (role: RoleRecord): number => {
		let count = 0;
		for (const user of store.data(role.companyId).systemUsers.values()) if (user.roleIds.includes(role.resourceId)) count++;
		return count;
	};
	return {
		fields: fieldTable<RoleRecord>([
			[['roleName', 'name'], { kind: 'string', get: (role) => role.name }],
			[['roleDescription', 'description'], { kind: 'string', get: (role) => role.description }],
			[['typeName'], { kind: 'string', get: (role) => role.typeName }],
			[['companyName'], { kind: 'string', get: (role) => store.companies.get(role.companyId)?.name ?? null }],
			[['createTime'], { kind: 'date', get: (role) => role.createTime }],
			[['userCount'], { kind: 'number', get: userCount }],
			[['resourceId'], { kind: 'string', get: (role) => role.resourceId, sortable: false }],
		]),
		defaultSortField: 'createtime',
		freeText: (role) => [role.name, role.description],
		seq: (role) => role.seq,
	};
}

export function registerSystemUserRoutes(router: Router): void {
	router.add('POST', '/api/system-users', (ctx) => {
		const store = ctx.app.store;
		const reader = new JsonReader(requireJsonObject(ctx.body));
		// Undocumented body-level target: when given it must pass the same checks as the header (and wins over it).
		const bodyCompanyId = reader.string('companyResourceId');
		const company = bodyCompanyId ? accessibleCompany(ctx, bodyCompanyId) : scopedCompany(ctx);
		const input = readSystemUser(reader, company, store, null);
		const user: SystemUserRecord = { resourceId: store.newId(), companyId: company.resourceId, ...input, createTime: new Date().toISOString(), seq: store.newSeq() };
		store.data(company.resourceId).systemUsers.set(user.resourceId, user);
		return idResult(user.resourceId);
	});

	router.add('PUT', '/api/system-users/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const user = systemUserOf(ctx, company);
		const input = readSystemUser(new JsonReader(requireJsonObject(ctx.body)), company, ctx.app.store, user);
		Object.assign(user, input);
		return idResult(user.resourceId);
	});

	router.add('DELETE', '/api/system-users/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const user = systemUserOf(ctx, company);
		ctx.app.store.data(company.resourceId).systemUsers.delete(user.resourceId);
		return idResult(user.resourceId);
	});

	router.add('DELETE', '/api/system-users/bulk-delete', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const users = store.data(company.resourceId).systemUsers;
		const targets = selectBulkRows(requireJsonObject(ctx.body), users, systemUserSchema(store), (user) => user.resourceId, (id) => `System user '${id}' was not found.`);
		for (const user of targets) users.delete(user.resourceId);
		return idResult(null);
	});

	router.add('POST', '/api/system-users/search', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const schema = systemUserSchema(store);
		const request = readSearchRequest(new JsonReader(requireJsonObject(ctx.body)), schema, { filterRequired: true });
		const users = Array.from(store.data(company.resourceId).systemUsers.values());
		return ok(searchCollection(users, schema, request, (user) => toSystemUserSearchDto(store, user)));
	});

	router.add('POST', '/api/system-users/{resourceId}/send-information-email', (ctx) => {
		const company = scopedCompany(ctx);
		optionalJsonObject(ctx.body);
		const user = systemUserOf(ctx, company);
		ctx.app.store.sentInformationEmails.push({ systemUserResourceId: user.resourceId, companyResourceId: company.resourceId, email: user.email, time: new Date().toISOString() });
		return idResult(user.resourceId);
	});

	router.add('GET', '/api/roles', (ctx) => {
		const company = scopedCompany(ctx);
		return ok(ctx.app.store.rolesOf(company.resourceId).map((role) => ({ resourceId: role.resourceId, name: role.name })));
	});

	router.add('GET', '/api/roles/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const role = ctx.app.store.data(company.resourceId).roles.get(ctx.params.resourceId);
		if (!role) throw notFound(`Role '${ctx.params.resourceId}' was not found.`);
		return ok({ resourceId: role.resourceId, name: role.name, description: role.description, availableForList: [], permissionResourceIdList: role.permissionResourceIdList });
	});

	router.add('POST', '/api/roles/search', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const schema = roleSchema(store);
		const request = readSearchRequest(new JsonReader(requireJsonObject(ctx.body)), schema, { filterRequired: true });
		const countUsers = schema.fields.usercount.get;
		return ok(
			searchCollection(store.rolesOf(company.resourceId), schema, request, (role) => ({
				roleName: role.name,
				roleDescription: role.description,
				resourceId: role.resourceId,
				companyResourceId: role.companyId,
				companyName: company.name,
				createTime: role.createTime,
				userCount: countUsers(role),
				tenantUserCount: 0,
				typeName: role.typeName,
				isOwner: role.companyId === company.resourceId,
			})),
		);
	});
}
