/**
 * Reseller integrations data (company groups, customers' REST API clients, SCIM integrations, Direct Email
 * Creation settings), kept beside the core `SandboxStore` like the journey data (one `ResellerStore` per store,
 * see `resellerOf`), so the core store stays untouched.
 *
 * Company-group membership has ONE home: `CompanyRecord.companyGroupResourceIds` (the company routes already read
 * and write it). A group here holds its name and owner only; its members are the companies that name it.
 *
 * Knobs for the contract's open questions:
 * - `participantsReading`: what `PUT /company-groups/{id}/participants` (and the array of `PUT /company-groups/{id}`)
 *   does with the companies it is given: `'add'` (Keepnet's spec and web client) or `'replace'` (the docs: the
 *   array becomes the whole member list, and a PUT without it empties the group).
 * - `secretEcho`: one-shot error answers of these routes that repeat customers' credentials (see SecretEchoEntry).
 */
import type { FailNextMatch } from './types';
import type { CompanyRecord, SandboxStore } from './store';

export type ParticipantsReading = 'add' | 'replace';

export interface CompanyGroupRecord {
	resourceId: string;
	/** The reseller company that owns the group. */
	ownerCompanyId: string;
	name: string;
	createTime: string;
	seq: number;
}

export interface RestApiClientRecord {
	resourceId: string;
	companyId: string;
	name: string;
	clientId: string;
	clientSecret: string;
	statusId: number;
	hasIpAddressRestriction: boolean;
	allowedIpAddresses: string[];
	roleResourceIdList: string[];
	createTime: string;
	seq: number;
}

export interface ScimFieldMapping {
	customFieldResourceId: string;
	scimFieldResourceId: string;
}

export interface ScimIntegrationRecord {
	resourceId: string;
	companyId: string;
	name: string;
	token: string;
	/** Tokens this integration had before, revoked (Revoke Token): a leak scan looks for them too. */
	revokedTokens: string[];
	groupResourceId: string | null;
	groupBySCIMFieldResourceId: string | null;
	fieldMappings: ScimFieldMapping[];
	syncPlatformGroup: boolean;
	createTime: string;
	seq: number;
}

export interface DirectEmailSettingRecord {
	resourceId: string;
	companyId: string;
	name: string;
	tenantId: string;
	allowedDomains: string[];
	/** 1 Microsoft 365, 2 Google Workspace, 3 EWS. */
	type: number;
	isDefault: boolean;
	/** What the web console shows: "Running" once a test mail went out, else "Pending". */
	status: 'Pending' | 'Running';
	createTime: string;
	seq: number;
}

export interface SentTestEmail {
	settingResourceId: string;
	companyId: string;
	from: string;
	fromName: string;
	to: string;
	message: string;
}

/**
 * A one-shot error answer of a reseller-integration route that repeats customers' credentials, as a careless server
 * (or a debugging proxy) might: the first entry whose `match` fits a request is used and removed. The answer carries
 * - bare, every credential the request itself sent (a client secret in a body);
 * - labelled (`clientSecret=…`, `"token":"…"`), every stored credential of the company the request acts in
 *   (for company groups, of every company the reseller manages);
 * in `message`, `validationMessages` and the headers named by `inHeaders` (a header `X-Debug-Echo` is always added).
 */
export interface SecretEchoEntry {
	match?: FailNextMatch;
	/** HTTP status of the answer; 200 answers `status: "FAILED"`. */
	status: number;
	/** Carry out the request first, then answer with the echo (a lost answer to a write that happened). */
	afterHandling?: boolean;
	/** Also echo in the Content-Type parameters (seen by the node's "unexpected answer" texts). Default false. */
	inContentType?: boolean;
}

export class ResellerStore {
	readonly companyGroups = new Map<string, CompanyGroupRecord>();
	readonly restApiClients = new Map<string, RestApiClientRecord>();
	readonly scimIntegrations = new Map<string, ScimIntegrationRecord>();
	readonly directEmailSettings = new Map<string, DirectEmailSettingRecord>();
	readonly sentTestEmails: SentTestEmail[] = [];
	participantsReading: ParticipantsReading = 'add';
	/** SCIM create answer: `{token}` (spec, web client) or `{token, baseUrl}` (docs). */
	scimCreateAnswer: 'token' | 'tokenAndUrl' = 'token';
	/** SCIM revoke answer: `{token}` (web client) or a page `{results: [{token}]}` (spec). */
	scimRevokeAnswer: 'token' | 'paged' = 'token';
	/** GET of a REST API client: the secret as stored (spec) or masked, as the web console shows it. */
	clientSecretInGet: 'plain' | 'masked' = 'plain';
	secretEcho: SecretEchoEntry[] = [];

	constructor(private readonly store: SandboxStore) {}

	groupsOf(ownerCompanyId: string): CompanyGroupRecord[] {
		return [...this.companyGroups.values()].filter((group) => group.ownerCompanyId === ownerCompanyId);
	}

	/** The companies in a group, in company order. */
	membersOf(groupId: string): CompanyRecord[] {
		return [...this.store.companies.values()].filter((company) => company.companyGroupResourceIds.includes(groupId));
	}

	addGroup(ownerCompanyId: string, name: string, memberIds: string[] = []): CompanyGroupRecord {
		const group: CompanyGroupRecord = { resourceId: this.store.newId(), ownerCompanyId, name, createTime: new Date().toISOString(), seq: this.store.newSeq() };
		this.companyGroups.set(group.resourceId, group);
		this.setMembers(group.resourceId, memberIds);
		return group;
	}

	addMember(groupId: string, companyId: string): void {
		const company = this.store.companies.get(companyId);
		if (company && !company.companyGroupResourceIds.includes(groupId)) company.companyGroupResourceIds.push(groupId);
	}

	removeMember(groupId: string, companyId: string): void {
		const company = this.store.companies.get(companyId);
		if (company) company.companyGroupResourceIds = company.companyGroupResourceIds.filter((id) => id !== groupId);
	}

	setMembers(groupId: string, companyIds: string[]): void {
		for (const company of this.membersOf(groupId)) if (!companyIds.includes(company.resourceId)) this.removeMember(groupId, company.resourceId);
		for (const companyId of companyIds) this.addMember(groupId, companyId);
	}

	deleteGroup(groupId: string): void {
		for (const company of this.membersOf(groupId)) this.removeMember(groupId, company.resourceId);
		this.companyGroups.delete(groupId);
	}

	/** A REST API client of a customer made directly in the store (set-up for tests). */
	addRestApiClient(companyId: string, fields: Partial<Omit<RestApiClientRecord, 'resourceId' | 'companyId' | 'seq'>> = {}): RestApiClientRecord {
		const client: RestApiClientRecord = {
			resourceId: this.store.newId(),
			companyId,
			name: 'Existing integration',
			clientId: this.newClientId(),
			clientSecret: this.newSecret('cs'),
			statusId: 1,
			hasIpAddressRestriction: false,
			allowedIpAddresses: [],
			roleResourceIdList: [],
			createTime: new Date().toISOString(),
			...fields,
			seq: this.store.newSeq(),
		};
		this.restApiClients.set(client.resourceId, client);
		return client;
	}

	addScimIntegration(companyId: string, name: string): ScimIntegrationRecord {
		const integration: ScimIntegrationRecord = {
			resourceId: this.store.newId(),
			companyId,
			name,
			token: this.newSecret('scim'),
			revokedTokens: [],
			groupResourceId: null,
			groupBySCIMFieldResourceId: null,
			fieldMappings: [],
			syncPlatformGroup: false,
			createTime: new Date().toISOString(),
			seq: this.store.newSeq(),
		};
		this.scimIntegrations.set(integration.resourceId, integration);
		return integration;
	}

	newClientId(): string {
		return `kn${this.store.newId()}${this.store.newId()}`.slice(0, 26);
	}

	/** A credential-looking random text (client secret or SCIM token), unique per sandbox. */
	newSecret(prefix: string): string {
		return `${prefix}_${this.store.newUuid().replace(/-/g, '')}${this.store.newId()}`;
	}

	/** Every customer credential stored for this company: client secrets and current SCIM tokens. */
	secretsOfCompany(companyId: string): Array<{ label: 'clientSecret' | 'token'; value: string }> {
		const secrets: Array<{ label: 'clientSecret' | 'token'; value: string }> = [];
		for (const client of this.restApiClients.values()) if (client.companyId === companyId) secrets.push({ label: 'clientSecret', value: client.clientSecret });
		for (const scim of this.scimIntegrations.values()) if (scim.companyId === companyId) secrets.push({ label: 'token', value: scim.token });
		return secrets;
	}

	/** Every customer credential the sandbox has ever held (revoked SCIM tokens too): what a leak scan looks for. */
	allSecrets(): string[] {
		const secrets: string[] = [];
		for (const client of this.restApiClients.values()) secrets.push(client.clientSecret);
		for (const scim of this.scimIntegrations.values()) secrets.push(scim.token, ...scim.revokedTokens);
		return secrets;
	}
}

const resellerStores = new WeakMap<SandboxStore, ResellerStore>();

export function resellerOf(store: SandboxStore): ResellerStore {
	let reseller = resellerStores.get(store);
	if (!reseller) {
		reseller = new ResellerStore(store);
		resellerStores.set(store, reseller);
	}
	return reseller;
}

/** Deterministic start data: two company groups of the reseller, the first holding the first two customers. */
export function seedResellerData(store: SandboxStore, resellerCompanyId: string, customerCompanyIds: string[]): void {
	const reseller = resellerOf(store);
	reseller.addGroup(resellerCompanyId, 'Managed Customers', customerCompanyIds.slice(0, 2));
	reseller.addGroup(resellerCompanyId, 'EMEA', []);
}
