/**
 * Company groups (docs/reseller-integrations.md#company-groups): groups of customer companies owned by the reseller. No customer header
 * (docs/reseller-integrations.md#scope-header: groups belong to the credential's company); Reseller credentials only. Membership lives on the companies
 * (`companyGroupResourceIds`); `resellerOf(store).participantsReading` decides between the two readings of the participants call (docs/reseller-integrations.md#company-groups).
 */
import { getField, idResult, inputError, isJsonObject, JsonReader, notFound, ok, requireJsonObject, type JsonObject } from '../http';
import { resellerOf, type CompanyGroupRecord } from '../reseller';
import { requireReseller, type Handler, type RouteContext, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import type { CompanyRecord } from '../store';
import { isLicenceExpired } from './companies';
import { echoingSecrets } from './secretEcho';

const NAME_LIMIT = 64;

function groupOf(ctx: RouteContext): CompanyGroupRecord {
	const group = resellerOf(ctx.app.store).companyGroups.get(ctx.params.resourceId);
	if (!group || group.ownerCompanyId !== ctx.caller.company.resourceId) throw notFound(`Company group '${ctx.params.resourceId}' was not found.`);
	return group;
}

function readName(reader: JsonReader, ctx: RouteContext, self: CompanyGroupRecord | null): string {
	const name = reader.string('name', { required: true, minLength: 1, maxLength: NAME_LIMIT });
	reader.throwIfErrors();
	const clash = resellerOf(ctx.app.store)
		.groupsOf(ctx.caller.company.resourceId)
		.find((group) => group !== self && group.name.trim().toLowerCase() === (name as string).trim().toLowerCase());
	if (clash) throw inputError([`A company group named '${(name as string).trim()}' already exists.`]);
	return (name as string).trim();
}

/** Company ids of a participants body: the spec's `{companyResourceIdArray}` or the docs' bare array. */
function readCompanyIds(ctx: RouteContext, source: unknown, required: boolean): string[] | null {
	let ids: unknown = source;
	if (isJsonObject(source)) ids = getField(source, 'companyResourceIdArray');
	if (ids === undefined || ids === null) {
		if (required) throw inputError(["'Company Resource Id Array' must not be empty."]);
		return null;
	}
	if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
		throw inputError(['The JSON value could not be converted to System.Collections.Generic.List`1[System.String]. Path: $.companyResourceIdArray']);
	}
	const managed = new Set(ctx.app.store.managedCompanies(ctx.caller.company.resourceId).map((company) => company.resourceId));
	const unknown = (ids as string[]).filter((id) => !managed.has(id));
	if (unknown.length > 0) throw inputError(unknown.map((id) => `Company '${id}' was not found.`));
	return [...new Set(ids as string[])];
}

/** What the participants (or a group PUT's array) do under the configured reading of the participants call (docs/reseller-integrations.md#company-groups). */
function applyParticipants(ctx: RouteContext, group: CompanyGroupRecord, companyIds: string[]): void {
	const reseller = resellerOf(ctx.app.store);
	if (reseller.participantsReading === 'replace') reseller.setMembers(group.resourceId, companyIds);
	else for (const companyId of companyIds) reseller.addMember(group.resourceId, companyId);
}

const groupSchema = (ctx: RouteContext): SearchSchema<CompanyGroupRecord> => ({
	fields: fieldTable<CompanyGroupRecord>([
		[['name'], { kind: 'string', get: (group) => group.name }],
		[['companyCount'], { kind: 'number', get: (group) => resellerOf(ctx.app.store).membersOf(group.resourceId).length }],
		[['createTime'], { kind: 'date', get: (group) => group.createTime }],
		[['resourceId'], { kind: 'string', get: (group) => group.resourceId, sortable: false }],
	]),
	defaultSortField: 'createtime',
	freeText: (group) => [group.name],
	seq: (group) => group.seq,
});

const memberSchema: SearchSchema<CompanyRecord> = {
	fields: fieldTable<CompanyRecord>([
		[['companyName', 'name'], { kind: 'string', get: (company) => company.name }],
		[['createTime'], { kind: 'date', get: (company) => company.createTime }],
		[['licenseEndDate'], { kind: 'date', get: (company) => company.licenseEndDate }],
		[['companyResourceId'], { kind: 'string', get: (company) => company.resourceId, sortable: false }],
	]),
	defaultSortField: 'createtime',
	freeText: (company) => [company.name],
	seq: (company) => company.numericId,
};

function toGroupDto(ctx: RouteContext, group: CompanyGroupRecord): Record<string, unknown> {
	return { resourceId: group.resourceId, name: group.name, addedTime: group.createTime, companyCount: resellerOf(ctx.app.store).membersOf(group.resourceId).length };
}

function toGroupCompanyDto(company: CompanyRecord): Record<string, unknown> {
	return {
		companyName: company.name,
		companyResourceId: company.resourceId,
		industryResourceId: company.industryResourceId,
		licenseTypeResourceId: company.licenseTypeResourceId,
		isNumberOfUsersLimited: company.isNumberOfUsersLimited,
		numberOfUsers: company.numberOfUsers === null ? null : String(company.numberOfUsers),
		licenseEndDate: company.licenseEndDate,
		licenceExpired: isLicenceExpired(company),
		createTime: company.createTime,
		companyStatusId: company.statusId,
		companyStatusName: company.statusId === 1 ? 'Active' : 'Passive',
	};
}

/** The companies an echo may repeat credentials of: every customer of the reseller. */
const customersOf = (ctx: RouteContext): string[] => ctx.app.store.managedCompanies(ctx.caller.company.resourceId).map((company) => company.resourceId);

export function registerCompanyGroupRoutes(router: Router): void {
	const add = (method: string, pattern: string, handler: Handler): void =>
		router.add(
			method,
			pattern,
			echoingSecrets((ctx) => {
				requireReseller(ctx);
				return handler(ctx);
			}, customersOf),
		);

	add('GET', '/api/company-groups', (ctx) => ok(resellerOf(ctx.app.store).groupsOf(ctx.caller.company.resourceId).map((group) => toGroupDto(ctx, group))));

	add('POST', '/api/company-groups/search', (ctx) => {
		const schema = groupSchema(ctx);
		const request = readSearchRequest(new JsonReader(requireJsonObject(ctx.body)), schema, { filterRequired: true });
		return ok(searchCollection(resellerOf(ctx.app.store).groupsOf(ctx.caller.company.resourceId), schema, request, (group) => ({
			resourceId: group.resourceId,
			name: group.name,
			companyCount: resellerOf(ctx.app.store).membersOf(group.resourceId).length,
			createTime: group.createTime,
		})));
	});

	add('GET', '/api/company-groups/{resourceId}', (ctx) => ok(toGroupDto(ctx, groupOf(ctx))));

	add('POST', '/api/company-groups', (ctx) => {
		const body = requireJsonObject(ctx.body);
		const name = readName(new JsonReader(body), ctx, null);
		const members = readCompanyIds(ctx, getField(body, 'companyResourceIdArray') ?? null, false) ?? [];
		return idResult(resellerOf(ctx.app.store).addGroup(ctx.caller.company.resourceId, name, members).resourceId);
	});

	add('PUT', '/api/company-groups/{resourceId}', (ctx) => {
		const group = groupOf(ctx);
		const body: JsonObject = requireJsonObject(ctx.body);
		group.name = readName(new JsonReader(body), ctx, group);
		const members = readCompanyIds(ctx, getField(body, 'companyResourceIdArray') ?? null, false);
		// Read as "replace", a PUT without the array leaves the group empty: the hazard Rename must avoid.
		if (members !== null || resellerOf(ctx.app.store).participantsReading === 'replace') applyParticipants(ctx, group, members ?? []);
		return idResult(group.resourceId);
	});

	add('DELETE', '/api/company-groups/{resourceId}', (ctx) => {
		const group = groupOf(ctx);
		resellerOf(ctx.app.store).deleteGroup(group.resourceId);
		return idResult(group.resourceId);
	});

	add('POST', '/api/company-groups/{resourceId}/companies/search', (ctx) => {
		const group = groupOf(ctx);
		const request = readSearchRequest(new JsonReader(requireJsonObject(ctx.body)), memberSchema, { filterRequired: true });
		return ok(searchCollection(resellerOf(ctx.app.store).membersOf(group.resourceId), memberSchema, request, toGroupCompanyDto));
	});

	add('PUT', '/api/company-groups/{resourceId}/participants', (ctx) => {
		const group = groupOf(ctx);
		if (ctx.body.kind !== 'json' || ctx.body.json === undefined) requireJsonObject(ctx.body);
		applyParticipants(ctx, group, readCompanyIds(ctx, ctx.body.json, true) as string[]);
		return idResult(group.resourceId);
	});

	add('DELETE', '/api/company-groups/{resourceId}/participants', (ctx) => {
		const group = groupOf(ctx);
		const ids = readCompanyIds(ctx, requireJsonObject(ctx.body), true) as string[];
		for (const companyId of ids) resellerOf(ctx.app.store).removeMember(group.resourceId, companyId);
		return idResult(group.resourceId);
	});

	add('POST', '/api/companies/get-with-groups', (ctx) => {
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const groupIds = reader.stringArray('companyGroupResourceIds') ?? [];
		reader.throwIfErrors();
		const reseller = resellerOf(ctx.app.store);
		return ok([...new Set(groupIds.flatMap((groupId) => reseller.membersOf(groupId).map((company) => company.resourceId)))]);
	});
}
