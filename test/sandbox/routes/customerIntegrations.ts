/**
 * A customer's own integrations (docs/reseller-integrations.md): REST API clients, SCIM integrations and Direct Email
 * Creation settings, each in the company named by X-KEEPNET-Company-Id. Where the sources disagree the sandbox
 * takes a side, said at each route; the SCIM answers the sources disagree on are switchable (reseller.ts).
 */
import { failed, idResult, inputError, JsonReader, notFound, ok, optionalJsonObject, requireJsonObject } from '../http';
import { resellerOf, type DirectEmailSettingRecord, type RestApiClientRecord, type ScimIntegrationRecord } from '../reseller';
import { scopedCompany, type Handler, type RouteContext, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import type { CompanyRecord } from '../store';
import { echoingSecrets } from './secretEcho';

const CLIENT_LIMITS = { name: 64, clientId: 32, clientSecret: 100 };
const SCIM_LIMITS = { name: 30, id: 12 };
const DEC_LIMITS = { name: 64, tenantId: 200 };

/** The SCIM attributes Keepnet maps (GET /api/scim/fields); "Department" carries the id the web console uses. */
export const SCIM_FIELDS = [
	{ resourceId: 'ScimUserName', name: 'userName' },
	{ resourceId: 'ScimEmailsWk', name: 'emails[type eq "work"].value' },
	{ resourceId: 'ScimGivenNam', name: 'name.givenName' },
	{ resourceId: 'ScimFamilyNm', name: 'name.familyName' },
	{ resourceId: '9fd0afec416c', name: 'Department' },
	{ resourceId: 'ScimJobTitle', name: 'title' },
	{ resourceId: 'ScimPhoneNum', name: 'phoneNumbers[type eq "work"].value' },
];

/** What GET …/direct-email-settings/settings answers: Keepnet's Microsoft 365 application. */
export const DEC_MICROSOFT_APP = { applicationId: '3f1c2a9e-5b7d-4c11-9e2a-6d8b0f4a7c21', redirectUri: 'https://dash.keepnetlabs.com/dec/consent' };
export const DEC_GOOGLE_CLIENT = { applicationId: '104455667788990011223', redirectUri: 'https://dash.keepnetlabs.com/dec/google' };

const companyOf = (ctx: RouteContext): string[] => {
	try {
		return [scopedCompany(ctx).resourceId];
	} catch {
		return [ctx.caller.company.resourceId];
	}
};

function statusName(statusId: number): string {
	return statusId === 1 ? 'Active' : 'Inactive';
}

// ---------------------------------------------------------------------------------------------------------------
// REST API clients (docs/reseller-integrations.md#rest-api-clients)

/** What a create or update body sets on a client. */
type ClientInput = Omit<RestApiClientRecord, 'resourceId' | 'companyId' | 'createTime' | 'seq'>;

const IP_PATTERN = /^(\d{1,3}|\*)(\.(\d{1,3}|\*)){3}(\/\d{1,2})?$/;

function readClient(ctx: RouteContext, company: CompanyRecord, self: RestApiClientRecord | null): ClientInput {
	const reader = new JsonReader(requireJsonObject(ctx.body));
	const name = reader.string('name', { required: true, maxLength: CLIENT_LIMITS.name });
	const clientId = reader.string('clientId', { required: true, maxLength: CLIENT_LIMITS.clientId });
	const clientSecret = reader.string('clientSecret', { required: true, maxLength: CLIENT_LIMITS.clientSecret });
	const statusId = reader.int('statusId', { required: true });
	// The web console sends 1 or 0 (the docs hint at other values "if your tenant indicates them": unverified).
	if (statusId !== null && statusId !== 0 && statusId !== 1) reader.error(`'Status Id' must be 1 (active) or 0 (inactive); got ${statusId}.`);
	const hasIpAddressRestriction = reader.bool('hasIpAddressRestriction') ?? false;
	const allowedIpAddresses = reader.stringArray('allowedIpAddresses') ?? [];
	for (const address of allowedIpAddresses) if (!IP_PATTERN.test(address.trim())) reader.error('Invalid ip address');
	const roleIds = reader.stringArray('roleResourceIdList');
	// The spec marks the role list optional; the docs record "Role should be selected" without it.
	if (!roleIds || roleIds.length === 0) reader.error('Role should be selected');
	const roles = ctx.app.store.data(company.resourceId).roles;
	for (const roleId of roleIds ?? []) if (!roles.has(roleId)) reader.error(`Role '${roleId}' was not found in company '${company.name}'.`);
	reader.throwIfErrors();
	const clash = [...resellerOf(ctx.app.store).restApiClients.values()].find((client) => client !== self && client.clientId === clientId);
	if (clash) throw inputError([`A client with the client id '${clientId as string}' already exists.`]);
	return {
		name: (name as string).trim(),
		clientId: clientId as string,
		// Stored as sent, placeholder or not: the hazard in docs/reseller-integrations.md#credentials-in-answers (the web client sends its mask back).
		clientSecret: clientSecret as string,
		statusId: statusId as number,
		hasIpAddressRestriction,
		allowedIpAddresses: hasIpAddressRestriction ? allowedIpAddresses : [],
		roleResourceIdList: [...new Set(roleIds as string[])],
	};
}

function clientOf(ctx: RouteContext, company: CompanyRecord): RestApiClientRecord {
	const client = resellerOf(ctx.app.store).restApiClients.get(ctx.params.resourceId);
	if (!client || client.companyId !== company.resourceId) throw notFound(`Client '${ctx.params.resourceId}' was not found.`);
	return client;
}

const clientSchema: SearchSchema<RestApiClientRecord> = {
	fields: fieldTable<RestApiClientRecord>([
		[['clientName', 'name'], { kind: 'string', get: (client) => client.name }],
		[['clientId'], { kind: 'string', get: (client) => client.clientId }],
		[['statusId', 'statusName'], { kind: 'number', get: (client) => client.statusId }],
		[['createTime'], { kind: 'date', get: (client) => client.createTime }],
	]),
	defaultSortField: 'createtime',
	freeText: (client) => [client.name, client.clientId],
	seq: (client) => client.seq,
};

// ---------------------------------------------------------------------------------------------------------------
// SCIM (docs/reseller-integrations.md#scim)

function scimOf(ctx: RouteContext, company: CompanyRecord): ScimIntegrationRecord {
	const integration = resellerOf(ctx.app.store).scimIntegrations.get(ctx.params.resourceId);
	if (!integration || integration.companyId !== company.resourceId) throw notFound(`SCIM integration '${ctx.params.resourceId}' was not found.`);
	return integration;
}

function assertUniqueScimName(ctx: RouteContext, company: CompanyRecord, name: string, self: ScimIntegrationRecord | null): void {
	const clash = [...resellerOf(ctx.app.store).scimIntegrations.values()].find(
		(scim) => scim !== self && scim.companyId === company.resourceId && scim.name.toLowerCase() === name.toLowerCase(),
	);
	// 409 for a duplicate name: docs only (docs/reseller-integrations.md#scim).
	if (clash) throw failed(409, `A SCIM integration named '${name}' already exists.`);
}

function groupNameOf(ctx: RouteContext, scim: ScimIntegrationRecord): string | null {
	return scim.groupResourceId ? (ctx.app.store.data(scim.companyId).targetGroups.get(scim.groupResourceId)?.name ?? null) : null;
}

function groupByNameOf(scim: ScimIntegrationRecord): string | null {
	return SCIM_FIELDS.find((field) => field.resourceId === scim.groupBySCIMFieldResourceId)?.name ?? null;
}

const scimSchema = (ctx: RouteContext): SearchSchema<ScimIntegrationRecord> => ({
	fields: fieldTable<ScimIntegrationRecord>([
		[['name'], { kind: 'string', get: (scim) => scim.name }],
		[['groupName'], { kind: 'string', get: (scim) => groupNameOf(ctx, scim) }],
		[['createTime'], { kind: 'date', get: (scim) => scim.createTime }],
	]),
	defaultSortField: 'createtime',
	freeText: (scim) => [scim.name],
	seq: (scim) => scim.seq,
});

// ---------------------------------------------------------------------------------------------------------------
// Direct Email Creation (docs/reseller-integrations.md#direct-email-creation)

function decOf(ctx: RouteContext, company: CompanyRecord, id = ctx.params.resourceId): DirectEmailSettingRecord {
	const setting = resellerOf(ctx.app.store).directEmailSettings.get(id);
	if (!setting || setting.companyId !== company.resourceId) throw notFound(`Direct email setting '${id}' was not found.`);
	return setting;
}

const decSchema: SearchSchema<DirectEmailSettingRecord> = {
	fields: fieldTable<DirectEmailSettingRecord>([
		[['name'], { kind: 'string', get: (dec) => dec.name }],
		[['createTime'], { kind: 'date', get: (dec) => dec.createTime }],
	]),
	defaultSortField: 'createtime',
	freeText: (dec) => [dec.name, dec.tenantId],
	seq: (dec) => dec.seq,
};

const toDecRow = (dec: DirectEmailSettingRecord): Record<string, unknown> => ({
	resourceId: dec.resourceId,
	name: dec.name,
	tenantId: dec.tenantId,
	allowedDomains: dec.allowedDomains,
	type: dec.type,
	isDefault: dec.isDefault,
	status: dec.status,
	createTime: dec.createTime,
});

export function registerCustomerIntegrationRoutes(router: Router): void {
	const add = (method: string, pattern: string, handler: Handler): void => router.add(method, pattern, echoingSecrets(handler, companyOf));
	const reseller = (ctx: RouteContext) => resellerOf(ctx.app.store);

	add('GET', '/api/companies/clients/generate-client-credentials', (ctx) => {
		scopedCompany(ctx);
		return ok({ clientId: reseller(ctx).newClientId(), clientSecret: reseller(ctx).newSecret('cs') });
	});

	add('POST', '/api/companies/clients', (ctx) => {
		const company = scopedCompany(ctx);
		const input = readClient(ctx, company, null);
		return idResult(reseller(ctx).addRestApiClient(company.resourceId, input).resourceId);
	});

	add('POST', '/api/companies/clients/search', (ctx) => {
		const company = scopedCompany(ctx);
		const request = readSearchRequest(new JsonReader(requireJsonObject(ctx.body)), clientSchema, { filterRequired: true });
		const clients = [...reseller(ctx).restApiClients.values()].filter((client) => client.companyId === company.resourceId);
		return ok(searchCollection(clients, clientSchema, request, (client) => ({
			resourceId: client.resourceId,
			clientName: client.name,
			clientId: client.clientId,
			createTime: client.createTime,
			statusId: client.statusId,
			statusName: statusName(client.statusId),
		})));
	});

	// The spec's ClientDto carries the secret (docs/reseller-integrations.md#credentials-in-answers: "shown once" says the web console).
	add('GET', '/api/companies/clients/{resourceId}', (ctx) => {
		const client = clientOf(ctx, scopedCompany(ctx));
		return ok({
			resourceId: client.resourceId,
			name: client.name,
			clientId: client.clientId,
			clientSecret: reseller(ctx).clientSecretInGet === 'masked' ? '*'.repeat(24) : client.clientSecret,
			statusId: client.statusId,
			statusName: statusName(client.statusId),
			hasIpAddressRestriction: client.hasIpAddressRestriction,
			allowedIpAddresses: client.allowedIpAddresses,
			roleResourceIdList: client.roleResourceIdList,
		});
	});

	add('PUT', '/api/companies/clients/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const client = clientOf(ctx, company);
		Object.assign(client, readClient(ctx, company, client));
		return idResult(client.resourceId);
	});

	add('DELETE', '/api/companies/clients/{resourceId}', (ctx) => {
		const client = clientOf(ctx, scopedCompany(ctx));
		reseller(ctx).restApiClients.delete(client.resourceId);
		return idResult(client.resourceId);
	});

	add('GET', '/api/scim/fields', (ctx) => {
		scopedCompany(ctx);
		return ok({ fields: SCIM_FIELDS });
	});

	add('POST', '/api/scim', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const name = reader.string('name', { required: true, maxLength: SCIM_LIMITS.name });
		const groupResourceId = reader.string('groupResourceId', { maxLength: SCIM_LIMITS.id });
		const groupBy = reader.string('groupBySCIMFieldResourceId', { maxLength: SCIM_LIMITS.id });
		const syncPlatformGroup = reader.bool('syncPlatformGroup') ?? false;
		const mappings = reader.array('fieldMappings') ?? [];
		if (groupResourceId && !ctx.app.store.data(company.resourceId).targetGroups.has(groupResourceId)) reader.error(`Target group '${groupResourceId}' was not found.`);
		if (groupBy && !SCIM_FIELDS.some((field) => field.resourceId === groupBy)) reader.error(`SCIM field '${groupBy}' was not found.`);
		const fieldMappings = mappings.map((entry, index) => {
			const mapping = new JsonReader(entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {}, `$.fieldMappings[${index}]`);
			const customFieldResourceId = mapping.string('customFieldResourceId', { required: true });
			const scimFieldResourceId = mapping.string('scimFieldResourceId', { required: true });
			if (scimFieldResourceId && !SCIM_FIELDS.some((field) => field.resourceId === scimFieldResourceId)) mapping.error(`SCIM field '${scimFieldResourceId}' was not found.`);
			for (const message of mapping.errors) reader.error(message);
			return { customFieldResourceId: customFieldResourceId ?? '', scimFieldResourceId: scimFieldResourceId ?? '' };
		});
		reader.throwIfErrors();
		assertUniqueScimName(ctx, company, (name as string).trim(), null);
		const scim = reseller(ctx).addScimIntegration(company.resourceId, (name as string).trim());
		Object.assign(scim, { groupResourceId: groupResourceId || null, groupBySCIMFieldResourceId: groupBy || null, fieldMappings, syncPlatformGroup });
		// The spec and web client answer the token only (no id); the docs add the endpoint URL (docs/reseller-integrations.md#scim).
		return ok(reseller(ctx).scimCreateAnswer === 'tokenAndUrl' ? { token: scim.token, baseUrl: `${ctx.app.baseUrl()}/scim` } : { token: scim.token });
	});

	add('POST', '/api/scim/search', (ctx) => {
		const company = scopedCompany(ctx);
		const schema = scimSchema(ctx);
		const request = readSearchRequest(new JsonReader(requireJsonObject(ctx.body)), schema, { filterRequired: true });
		const integrations = [...reseller(ctx).scimIntegrations.values()].filter((scim) => scim.companyId === company.resourceId);
		return ok(searchCollection(integrations, schema, request, (scim) => ({
			resourceId: scim.resourceId,
			name: scim.name,
			groupName: groupNameOf(ctx, scim),
			groupByCustomFieldName: groupByNameOf(scim),
			createTime: scim.createTime,
		})));
	});

	add('GET', '/api/scim/{resourceId}', (ctx) => {
		const scim = scimOf(ctx, scopedCompany(ctx));
		return ok({
			resourceId: scim.resourceId,
			name: scim.name,
			groupName: groupNameOf(ctx, scim),
			groupByCustomFieldName: groupByNameOf(scim),
			mappingDetails: scim.fieldMappings.map((mapping) => ({ scimPath: SCIM_FIELDS.find((field) => field.resourceId === mapping.scimFieldResourceId)?.name ?? null, customFieldName: mapping.customFieldResourceId })),
			syncPlatformGroup: scim.syncPlatformGroup,
		});
	});

	// `{name}` only (spec, web client); the docs' "field mappings" are not accepted (docs/reseller-integrations.md#scim).
	add('PUT', '/api/scim/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const scim = scimOf(ctx, company);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const name = reader.string('name', { required: true, maxLength: SCIM_LIMITS.name });
		reader.throwIfErrors();
		assertUniqueScimName(ctx, company, (name as string).trim(), scim);
		scim.name = (name as string).trim();
		return idResult(scim.resourceId);
	});

	add('DELETE', '/api/scim/{resourceId}', (ctx) => {
		const scim = scimOf(ctx, scopedCompany(ctx));
		reseller(ctx).scimIntegrations.delete(scim.resourceId);
		return idResult(scim.resourceId);
	});

	add('POST', '/api/scim/{resourceId}/revoke', (ctx) => {
		const scim = scimOf(ctx, scopedCompany(ctx));
		optionalJsonObject(ctx.body);
		scim.revokedTokens.push(scim.token);
		scim.token = reseller(ctx).newSecret('scim');
		const page = { pageNumber: 1, pageSize: 1, totalNumberOfPages: 1, totalNumberOfRecords: 1, results: [{ token: scim.token }] };
		return ok(reseller(ctx).scimRevokeAnswer === 'paged' ? page : { token: scim.token });
	});

	add('GET', '/api/companies/direct-email-settings/settings', (ctx) => {
		scopedCompany(ctx);
		return ok(DEC_MICROSOFT_APP);
	});

	add('GET', '/api/companies/direct-email-settings/google-client', (ctx) => {
		scopedCompany(ctx);
		return ok(DEC_GOOGLE_CLIENT);
	});

	add('POST', '/api/companies/direct-email-settings', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const name = reader.string('name', { required: true, maxLength: DEC_LIMITS.name });
		const tenantId = reader.string('tenantId', { required: true, maxLength: DEC_LIMITS.tenantId });
		const allowedDomains = reader.stringArray('allowedDomains');
		if (!reader.errors.some((message) => message.includes('allowedDomains')) && (!allowedDomains || allowedDomains.length === 0)) reader.error("'Allowed Domains' must not be empty.");
		const type = reader.int('type') ?? 1;
		if (![1, 2, 3].includes(type)) reader.error(`'Type' must be 1 (Microsoft 365), 2 (Google Workspace) or 3 (EWS); got ${type}.`);
		reader.throwIfErrors();
		const settings = reseller(ctx).directEmailSettings;
		if ([...settings.values()].some((dec) => dec.companyId === company.resourceId && dec.name.toLowerCase() === (name as string).trim().toLowerCase())) {
			throw failed(409, `A direct email setting named '${(name as string).trim()}' already exists.`);
		}
		const setting: DirectEmailSettingRecord = {
			resourceId: ctx.app.store.newId(),
			companyId: company.resourceId,
			name: (name as string).trim(),
			tenantId: (tenantId as string).trim(),
			allowedDomains: allowedDomains as string[],
			type,
			isDefault: false,
			status: 'Pending',
			createTime: new Date().toISOString(),
			seq: ctx.app.store.newSeq(),
		};
		settings.set(setting.resourceId, setting);
		return idResult(setting.resourceId);
	});

	add('POST', '/api/companies/direct-email-settings/test', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const resourceId = reader.string('resourceId', { required: true });
		const from = reader.string('from', { required: true });
		const fromName = reader.string('fromName') ?? '';
		const to = reader.string('to', { required: true });
		const message = reader.string('message') ?? '';
		reader.string('tenantId');
		reader.int('type');
		reader.throwIfErrors();
		const setting = decOf(ctx, company, resourceId as string);
		reseller(ctx).sentTestEmails.push({ settingResourceId: setting.resourceId, companyId: company.resourceId, from: from as string, fromName, to: to as string, message });
		setting.status = 'Running';
		return idResult(setting.resourceId);
	});

	add('PUT', '/api/companies/direct-email-settings/make-default/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const setting = decOf(ctx, company);
		for (const other of reseller(ctx).directEmailSettings.values()) if (other.companyId === company.resourceId) other.isDefault = other === setting;
		return idResult(setting.resourceId);
	});

	// The spec types the answer as IdResult; the web console reads rows (docs/reseller-integrations.md#direct-email-creation): rows it is.
	add('POST', '/api/companies/direct-email-settings/search', (ctx) => {
		const company = scopedCompany(ctx);
		const request = readSearchRequest(new JsonReader(requireJsonObject(ctx.body)), decSchema, { filterRequired: true });
		const settings = [...reseller(ctx).directEmailSettings.values()].filter((dec) => dec.companyId === company.resourceId);
		return ok(searchCollection(settings, decSchema, request, toDecRow));
	});

	add('GET', '/api/companies/direct-email-settings/{resourceId}', (ctx) => ok(toDecRow(decOf(ctx, scopedCompany(ctx)))));
}
