/**
 * The sandbox's in-memory data. Tests may read it (and, for set-up, change it through the methods here,
 * which keep the indexes and counters right). Target users are indexed by id and by lower-cased e-mail per
 * company, and sorted views are cached per company until the next change, so 100,000 users in one company
 * stay fast to page through.
 */
import { Prng } from './prng';
import type { Priority } from './lookups';

export type CallerRole = 'Reseller' | 'Company Admin';

export interface CompanyRecord {
	resourceId: string;
	/** Numeric id, as in the JWT claim user_company_id. */
	numericId: number;
	name: string;
	description: string | null;
	isReseller: boolean;
	/** The reseller managing this company (null for top-level resellers). */
	parentResourceId: string | null;
	industryResourceId: string;
	countryResourceId: string;
	address: string | null;
	websiteUrl: string | null;
	logoUrl: string | null;
	licenseTypeResourceId: string;
	licensePeriodTypeResourceId: string;
	licenseStartDate: string | null;
	licenseEndDate: string | null;
	isNumberOfUsersLimited: boolean;
	numberOfUsers: number | null;
	notificationTemplateTypeResourceId: string | null;
	trainingContentTypeResourceId: string | null;
	smtpConfigurationTypeResourceId: string | null;
	preferredLanguageTypeResourceId: string | null;
	isVersionVisible: boolean;
	isReleaseNotesVisible: boolean;
	releaseNotesUrl: string | null;
	companyGroupResourceIds: string[];
	baseManHourCost: number;
	baseManHour: number;
	statusId: number;
	licenseModules: string[];
	timeZoneId: string;
	callBackNumberBookingCount: number | null;
	dateFormat: string;
	timeFormat: string;
	tags: string[];
	regionCode: string | null;
	createTime: string;
	hasAgenticAILicense: boolean;
	privacyDurationId: number;
}

export interface CustomFieldValue {
	resourceId: string | null;
	name: string | null;
	dataType: string | null;
	value: string | null;
	timestampValue: string | null;
}

export type TargetUserStatus = 'Active' | 'Inactive' | 'Deleted';

export interface TargetUserRecord {
	resourceId: string;
	companyId: string;
	email: string;
	firstName: string | null;
	lastName: string | null;
	department: string | null;
	priority: Priority;
	isActive: boolean;
	isDeleted: boolean;
	phoneNumber: string | null;
	timeZoneId: string | null;
	preferredLanguageId: string | null;
	managerFirstName: string | null;
	managerLastName: string | null;
	managerEmail: string | null;
	customFieldValues: CustomFieldValue[];
	createTime: string;
	updateTime: string | null;
	/** Insertion order; the tie-breaker of every sort. */
	seq: number;
	groupIds: Set<string>;
}

export type TargetUserFields = Omit<TargetUserRecord, 'resourceId' | 'companyId' | 'seq' | 'groupIds' | 'createTime' | 'updateTime' | 'isDeleted'> & {
	createTime?: string;
};

/** The fields of a new active target user with this email: what is not given is empty (as a create that leaves it out). */
export function targetUserFields(email: string, fields: Partial<TargetUserFields> = {}): TargetUserFields {
	return {
		email,
		firstName: null,
		lastName: null,
		department: null,
		priority: 'Medium',
		isActive: true,
		phoneNumber: null,
		timeZoneId: null,
		preferredLanguageId: null,
		managerFirstName: null,
		managerLastName: null,
		managerEmail: null,
		customFieldValues: [],
		...fields,
	};
}

export interface TargetGroupRecord {
	resourceId: string;
	companyId: string;
	name: string;
	priority: Priority;
	createTime: string;
	updateTime: string | null;
	isEditable: boolean;
	/** Kept by Keepnet itself (Repeat Offenders and the like): not editable, listed only when a search asks for them. */
	isSystemGenerated: boolean;
	/** Set by a PUT that carries isActive; no GET shows it. */
	isActive: boolean;
	memberIds: Set<string>;
	seq: number;
}

export interface SystemUserRecord {
	resourceId: string;
	companyId: string;
	firstName: string;
	lastName: string;
	email: string;
	phoneNumber: string;
	statusId: number;
	roleIds: string[];
	createTime: string;
	seq: number;
}

export interface RoleRecord {
	resourceId: string;
	companyId: string;
	name: string;
	description: string | null;
	typeName: 'System' | 'Custom';
	createTime: string;
	permissionResourceIdList: string[];
	seq: number;
}

export type ImportRowStatus = 'New' | 'Exists' | 'Error';

export interface TmpTargetUser {
	resourceId: string;
	transactionId: string;
	rowNumber: number;
	email: string | null;
	firstName: string | null;
	lastName: string | null;
	department: string | null;
	priority: string | null;
	phoneNumber: string | null;
	timeZone: string | null;
	preferredLanguage: string | null;
	managerFirstName: string | null;
	managerLastName: string | null;
	managerEmail: string | null;
	validationDetail: Array<{ fieldName: string; message: string }>;
	status: ImportRowStatus;
	createTime: string;
	seq: number;
}

export interface ImportTransaction {
	transactionId: string;
	companyId: string;
	fileName: string;
	fileType: 'Csv' | 'Excel';
	sheetNames: string[];
	headers: string[];
	rows: string[][];
	duplicateCount: number;
	createdAtMs: number;
	expiresAtMs: number;
	/** Set by create-mapping. */
	tmpUsers: TmpTargetUser[] | null;
	targetGroupResourceIds: string[];
}

export interface MappingJobRecord {
	resourceId: string;
	companyId: string;
	transactionId: string;
	/** GET /mapping-job/{id} answers "Running" while pollCount is 0, then the final status. */
	pollCount: number;
	newUserCount: number;
	existingUserCount: number;
	invalidUserCount: number;
	totalRowCount: number;
}

export interface ImportJobSummary {
	created: number;
	updated: number;
	skipped: number;
	failed: number;
}

export interface JobRecord {
	resourceId: string;
	jobId: number;
	companyId: string;
	name: string;
	createTime: string;
	endTime: string;
	/** GET /api/jobs/{id} reports isFinished false while pollCount is 0. */
	pollCount: number;
	targetCount: number;
	summary: ImportJobSummary;
	processErrors: Array<{ errorMessage: string; inputData: string }>;
}

export interface SentInformationEmail {
	systemUserResourceId: string;
	companyResourceId: string;
	email: string;
	time: string;
}

export interface ClientRecord {
	clientId: string;
	clientSecret: string;
	role: CallerRole;
	companyId: string;
	name: string;
}

export interface IssuedToken {
	accessToken: string;
	clientId: string;
	issuedAtMs: number;
	expiresAtMs: number;
	/** Set by expireAllTokens(). */
	forcedExpired: boolean;
}

export interface TargetUserCounts {
	active: number;
	inactive: number;
	deleted: number;
}

export interface MonthlyActiveCount {
	/** Months before the current month (0 = current month). */
	monthsAgo: number;
	count: number;
}

export function targetUserStatus(user: TargetUserRecord): TargetUserStatus {
	if (user.isDeleted) return 'Deleted';
	return user.isActive ? 'Active' : 'Inactive';
}

/** Everything that belongs to one company. */
export class CompanyData {
	readonly targetUsers = new Map<string, TargetUserRecord>();
	/** lower-cased e-mail → id, for users that are not deleted. */
	readonly emailIndex = new Map<string, string>();
	readonly targetGroups = new Map<string, TargetGroupRecord>();
	readonly systemUsers = new Map<string, SystemUserRecord>();
	readonly roles = new Map<string, RoleRecord>();
	readonly counts: TargetUserCounts = { active: 0, inactive: 0, deleted: 0 };
	monthlyActiveUsers: MonthlyActiveCount[] = [];
	/** Bumped on every target-user or membership change; invalidates sortCache. */
	version = 0;
	/** True while insertion order is also createTime order (then a createTime sort is a copy, not a sort). */
	insertionOrderIsCreateTimeOrder = true;
	/** createTime (ms) of the last user added. */
	lastCreateTimeMs = -Infinity;
	private sortCacheVersion = -1;
	private readonly sortCache = new Map<string, TargetUserRecord[]>();

	constructor(readonly companyId: string) {}

	/** The cached sorted users for this key, if built since the last change. */
	peekSortedTargetUsers(key: string): TargetUserRecord[] | undefined {
		return this.sortCacheVersion === this.version ? this.sortCache.get(key) : undefined;
	}

	/** A cached sorted copy of all target users (built by `build` on first use after a change). */
	sortedTargetUsers(key: string, build: (users: TargetUserRecord[]) => TargetUserRecord[]): TargetUserRecord[] {
		if (this.sortCacheVersion !== this.version) {
			this.sortCache.clear();
			this.sortCacheVersion = this.version;
		}
		let sorted = this.sortCache.get(key);
		if (!sorted) {
			sorted = build(Array.from(this.targetUsers.values()));
			this.sortCache.set(key, sorted);
		}
		return sorted;
	}
}

export class SandboxStore {
	readonly companies = new Map<string, CompanyRecord>();
	readonly companyData = new Map<string, CompanyData>();
	readonly clients = new Map<string, ClientRecord>();
	readonly tokens = new Map<string, IssuedToken>();
	readonly importTransactions = new Map<string, ImportTransaction>();
	readonly mappingJobs = new Map<string, MappingJobRecord>();
	readonly jobs = new Map<string, JobRecord>();
	readonly sentInformationEmails: SentInformationEmail[] = [];
	/** Successful POST /connect/token answers. */
	tokensIssuedCount = 0;

	private readonly usedIds = new Set<string>();
	private nextSeq = 1;
	private nextCompanyNumericId = 1000;
	private nextJobNumericId = 50000;

	constructor(private readonly prng: Prng) {}

	/** A fresh unique 12-character id (deterministic for a given seed and sequence of calls). */
	newId(): string {
		let id = this.prng.shortId();
		while (this.usedIds.has(id)) id = this.prng.shortId();
		this.usedIds.add(id);
		return id;
	}

	newUuid(): string {
		return this.prng.uuid();
	}

	newSeq(): number {
		return this.nextSeq++;
	}

	newCompanyNumericId(): number {
		return this.nextCompanyNumericId++;
	}

	newJobNumericId(): number {
		return this.nextJobNumericId++;
	}

	/** Reserve an id chosen elsewhere (constant lookup ids) so newId() never returns it. */
	reserveId(id: string): void {
		this.usedIds.add(id);
	}

	addCompany(company: CompanyRecord): CompanyData {
		this.companies.set(company.resourceId, company);
		const data = new CompanyData(company.resourceId);
		this.companyData.set(company.resourceId, data);
		return data;
	}

	deleteCompany(companyId: string): void {
		this.companies.delete(companyId);
		this.companyData.delete(companyId);
		for (const [id, transaction] of this.importTransactions) if (transaction.companyId === companyId) this.importTransactions.delete(id);
	}

	data(companyId: string): CompanyData {
		const data = this.companyData.get(companyId);
		if (!data) throw new Error(`Unknown company ${companyId}`);
		return data;
	}

	/** Customers whose parent is the given reseller. */
	managedCompanies(resellerCompanyId: string): CompanyRecord[] {
		return Array.from(this.companies.values()).filter((company) => company.parentResourceId === resellerCompanyId);
	}

	/** All target users of a company, deleted ones included, in insertion order. */
	targetUsersOf(companyId: string): TargetUserRecord[] {
		return Array.from(this.data(companyId).targetUsers.values());
	}

	/** The non-deleted target user with this e-mail (case-insensitive), if any. */
	findTargetUserByEmail(companyId: string, email: string): TargetUserRecord | undefined {
		const data = this.data(companyId);
		const id = data.emailIndex.get(email.trim().toLowerCase());
		return id ? data.targetUsers.get(id) : undefined;
	}

	addTargetUser(companyId: string, fields: TargetUserFields, groupIds: string[] = []): TargetUserRecord {
		const data = this.data(companyId);
		// An explicit literal (not a spread) keeps one object shape for every user: much faster to seed 100k.
		const user: TargetUserRecord = {
			resourceId: this.newId(),
			companyId,
			email: fields.email,
			firstName: fields.firstName,
			lastName: fields.lastName,
			department: fields.department,
			priority: fields.priority,
			isActive: fields.isActive,
			isDeleted: false,
			phoneNumber: fields.phoneNumber,
			timeZoneId: fields.timeZoneId,
			preferredLanguageId: fields.preferredLanguageId,
			managerFirstName: fields.managerFirstName,
			managerLastName: fields.managerLastName,
			managerEmail: fields.managerEmail,
			customFieldValues: fields.customFieldValues,
			createTime: fields.createTime ?? new Date().toISOString(),
			updateTime: null,
			seq: this.newSeq(),
			groupIds: new Set(),
		};
		data.targetUsers.set(user.resourceId, user);
		data.emailIndex.set(user.email.toLowerCase(), user.resourceId);
		const createdMs = Date.parse(user.createTime);
		if (!(createdMs >= data.lastCreateTimeMs)) data.insertionOrderIsCreateTimeOrder = false;
		data.lastCreateTimeMs = createdMs;
		this.countStatus(data, user, +1);
		for (const groupId of groupIds) this.addMembership(companyId, groupId, user.resourceId);
		data.version++;
		return user;
	}

	/** Apply changes to a (non-deleted) target user, keeping the e-mail index and counters right. */
	updateTargetUser(user: TargetUserRecord, changes: Partial<TargetUserFields>): void {
		const data = this.data(user.companyId);
		this.countStatus(data, user, -1);
		const oldEmailKey = user.email.toLowerCase();
		Object.assign(user, changes);
		user.updateTime = new Date().toISOString();
		const newEmailKey = user.email.toLowerCase();
		if (oldEmailKey !== newEmailKey) {
			if (data.emailIndex.get(oldEmailKey) === user.resourceId) data.emailIndex.delete(oldEmailKey);
			data.emailIndex.set(newEmailKey, user.resourceId);
		}
		this.countStatus(data, user, +1);
		data.version++;
	}

	/** Soft delete: the user stays (status "Deleted") but frees its e-mail and seat. */
	softDeleteTargetUser(user: TargetUserRecord): void {
		const data = this.data(user.companyId);
		this.countStatus(data, user, -1);
		user.isDeleted = true;
		user.isActive = false;
		user.updateTime = new Date().toISOString();
		const key = user.email.toLowerCase();
		if (data.emailIndex.get(key) === user.resourceId) data.emailIndex.delete(key);
		this.countStatus(data, user, +1);
		data.version++;
	}

	addMembership(companyId: string, groupId: string, userId: string): boolean {
		const data = this.data(companyId);
		const group = data.targetGroups.get(groupId);
		const user = data.targetUsers.get(userId);
		if (!group || !user || group.memberIds.has(userId)) return false;
		group.memberIds.add(userId);
		user.groupIds.add(groupId);
		data.version++;
		return true;
	}

	removeMembership(companyId: string, groupId: string, userId: string): boolean {
		const data = this.data(companyId);
		const group = data.targetGroups.get(groupId);
		if (!group || !group.memberIds.delete(userId)) return false;
		data.targetUsers.get(userId)?.groupIds.delete(groupId);
		data.version++;
		return true;
	}

	deleteTargetGroup(companyId: string, groupId: string): void {
		const data = this.data(companyId);
		const group = data.targetGroups.get(groupId);
		if (!group) return;
		for (const userId of group.memberIds) data.targetUsers.get(userId)?.groupIds.delete(groupId);
		data.targetGroups.delete(groupId);
		data.version++;
	}

	/** Members of a group that are not deleted. */
	groupMemberCount(group: TargetGroupRecord): number {
		const data = this.data(group.companyId);
		let count = 0;
		for (const userId of group.memberIds) if (data.targetUsers.get(userId)?.isDeleted === false) count++;
		return count;
	}

	/** Roles of a company, in creation order. */
	rolesOf(companyId: string): RoleRecord[] {
		return Array.from(this.data(companyId).roles.values());
	}

	/** The system user with this e-mail anywhere on the platform (logins are global). */
	findSystemUserByEmail(email: string): SystemUserRecord | undefined {
		const key = email.trim().toLowerCase();
		for (const data of this.companyData.values()) {
			for (const user of data.systemUsers.values()) if (user.email.toLowerCase() === key) return user;
		}
		return undefined;
	}

	private countStatus(data: CompanyData, user: TargetUserRecord, delta: number): void {
		const status = targetUserStatus(user);
		if (status === 'Active') data.counts.active += delta;
		else if (status === 'Inactive') data.counts.inactive += delta;
		else data.counts.deleted += delta;
	}
}
