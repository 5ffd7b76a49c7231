/**
 * Journey data (docs/keepnet-api.md#training-enrollments, docs/keepnet-api.md#phishing-campaigns): audit-log entries, training enrollments with
 * per-user report rows, and phishing campaigns with runs and per-user behaviour rows. Kept beside the core
 * `SandboxStore` (one `JourneyStore` per store, see `journeyOf`) so the core store stays untouched.
 *
 * The "event knobs" at the bottom make things happen with a chosen timestamp, so trigger tests can place
 * events exactly on a cursor boundary, inside the late-arrival window, or in a burst of thousands.
 *
 * Entities are meant to be extended by the Training Enrollment / Phishing Campaign resources: every entity
 * carries its company, its id as Keepnet names it, a `createTime` and a `seq` (insertion order, the sort
 * tie-breaker); per-user rows carry their own timestamps.
 */
import type { CompanyRecord, SandboxStore, TargetUserRecord } from './store';

/** `operation` of an audit-log row (docs/keepnet-api.md#audit-logs: UI filter values 0–5). */
export const AUDIT_OPERATIONS = ['Create', 'Update', 'Delete', 'CreateMany', 'UpdateMany', 'DeleteMany'] as const;
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];

/** AuditLogSearchView (docs/keepnet-api.md#audit-logs) plus the company it belongs to. Append-only. */
export interface AuditLogRecord {
	resourceId: string;
	companyId: string;
	logDate: string;
	userName: string;
	entityName: string;
	entityResourceId: string | null;
	operation: AuditOperation;
	oldValue: string | null;
	newValue: string | null;
	ip: string;
	userAgent: string;
	auditDescription: string;
	seq: number;
}

/** Enrollment statuses (docs/keepnet-api.md#enrollment-search-and-statuses, DOCS spelling). */
export type EnrollmentStatus = 'Auto-Enroll' | 'Sending' | 'Finished' | 'Scheduled' | 'Error' | 'Stopped' | 'Scorm Proxy' | 'Paused' | 'Archived';

/**
 * Per-user training status as the report returns it: display text with spaces (docs/keepnet-api.md#per-user-training-report). The filter
 * takes the enum name (spaces removed), which the search schema maps.
 */
export type TrainingUserStatus = 'In Queue' | 'Sending Error' | 'Not Responded' | 'Opened Email' | 'In Progress' | 'Completed' | 'Downloaded' | 'Cancelled';

/** One row of POST /training-reports/{enrollmentId}/users/search (TrainingReportUsersSearchView). */
export interface TrainingUserRow {
	/** Row id (not the target user's id). */
	resourceId: string;
	enrollmentId: string;
	targetUserResourceId: string;
	userId: number;
	firstName: string | null;
	lastName: string | null;
	email: string;
	department: string | null;
	phoneNumber: string | null;
	status: TrainingUserStatus;
	examStatusName: string | null;
	examScore: number | null;
	firstCompletionDate: string | null;
	lastInteractionDate: string | null;
	deliveryType: string;
	seq: number;
}

export interface EnrollmentRecord {
	/** GUID (docs/keepnet-api.md#identifiers). */
	enrollmentId: string;
	companyId: string;
	name: string;
	trainingId: string;
	trainingName: string;
	type: string;
	status: EnrollmentStatus;
	startDate: string;
	createTime: string;
	enrolledBy: string;
	targetGroupResourceIds: string[];
	/** Per-user rows by target-user id. */
	users: Map<string, TrainingUserRow>;
	seq: number;
}

/** Phishing behaviours with a count and a last time on the per-user run row (docs/keepnet-api.md#per-behaviour-user-reports). */
export const PHISHING_BEHAVIOURS = ['opened', 'clicked', 'submitteddata', 'attachmentopened', 'mfa', 'reported', 'replied'] as const;
export type PhishingBehaviour = (typeof PHISHING_BEHAVIOURS)[number];

/** Where each behaviour keeps its count and last time on the row. */
export const BEHAVIOUR_FIELDS: Record<PhishingBehaviour, { count: keyof PhishingUserRow; time: keyof PhishingUserRow }> = {
	opened: { count: 'openedCount', time: 'lastOpenedTime' },
	clicked: { count: 'clickedCount', time: 'lastClickedTime' },
	submitteddata: { count: 'submittedCount', time: 'lastSubmittedTime' },
	attachmentopened: { count: 'attachmentOpenedCount', time: 'lastAttachmentOpenedTime' },
	mfa: { count: 'mfaSubmittedCount', time: 'mfaLastSubmittedTime' },
	reported: { count: 'reportedCount', time: 'lastReportedTime' },
	replied: { count: 'replySent', time: 'lastRepliedTime' },
};

/** One row of a run's per-behaviour report (PhishingCampaignJobUsersSearchView). */
export interface PhishingUserRow {
	/** Row id; not the target user's id (docs/keepnet-api.md#identifiers). */
	resourceId: string;
	targetUserId: number;
	/** Not part of the API row (docs/keepnet-api.md#per-behaviour-user-reports: the row has no targetUserResourceId); kept for tests. */
	targetUserResourceId: string;
	firstName: string | null;
	lastName: string | null;
	email: string;
	department: string | null;
	status: string;
	lastSendingTime: string;
	openedCount: number;
	lastOpenedTime: string | null;
	clickedCount: number;
	lastClickedTime: string | null;
	submittedCount: number;
	lastSubmittedTime: string | null;
	attachmentOpenedCount: number;
	lastAttachmentOpenedTime: string | null;
	mfaSubmittedCount: number;
	mfaLastSubmittedTime: string | null;
	reportedCount: number;
	lastReportedTime: string | null;
	replySent: number;
	lastRepliedTime: string | null;
	/** 0 = human (UI default), 2 = bot/sandbox (docs/keepnet-api.md#per-behaviour-user-reports). */
	activityType: number;
	seq: number;
}

export type RunStatus = 'Idle' | 'Running' | 'Completed' | 'Scheduled' | 'Canceled' | 'Error' | 'Paused';

export interface PhishingRunRecord {
	phishingCampaignResourceId: string;
	instanceGroup: number;
	status: RunStatus;
	startDate: string;
	createdDate: string;
	/** Per-user rows by target-user id. */
	users: Map<string, PhishingUserRow>;
	seq: number;
}

export interface PhishingCampaignRecord {
	resourceId: string;
	companyId: string;
	name: string;
	createTime: string;
	createdBy: string;
	/** Tracking duration in days (docs/keepnet-api.md#phishing-campaign-create). */
	duration: number;
	targetGroupResourceIds: string[];
	runs: Map<number, PhishingRunRecord>;
	seq: number;
}

export class JourneyStore {
	readonly auditLogs: AuditLogRecord[] = [];
	readonly enrollments = new Map<string, EnrollmentRecord>();
	readonly campaigns = new Map<string, PhishingCampaignRecord>();
	private nextUserNumber = 70000;

	constructor(readonly store: SandboxStore) {}

	auditLogsOf(companyId: string): AuditLogRecord[] {
		return this.auditLogs.filter((entry) => entry.companyId === companyId);
	}

	enrollmentsOf(companyId: string): EnrollmentRecord[] {
		return Array.from(this.enrollments.values()).filter((enrollment) => enrollment.companyId === companyId);
	}

	campaignsOf(companyId: string): PhishingCampaignRecord[] {
		return Array.from(this.campaigns.values()).filter((campaign) => campaign.companyId === companyId);
	}

	runsOf(companyId: string): Array<{ campaign: PhishingCampaignRecord; run: PhishingRunRecord }> {
		return this.campaignsOf(companyId).flatMap((campaign) => Array.from(campaign.runs.values()).map((run) => ({ campaign, run })));
	}

	/** Numeric target-user id (the run rows' `targetUserId`); stable per target user. */
	userNumber(user: TargetUserRecord): number {
		let number = this.userNumbers.get(user.resourceId);
		if (number === undefined) {
			number = this.nextUserNumber++;
			this.userNumbers.set(user.resourceId, number);
		}
		return number;
	}

	private readonly userNumbers = new Map<string, number>();

	// -----------------------------------------------------------------------------------------------------------
	// Event knobs

	/** Appends an audit-log entry (default: now). */
	addAuditLog(companyId: string, fields: Partial<Omit<AuditLogRecord, 'resourceId' | 'companyId' | 'seq'>> = {}): AuditLogRecord {
		this.store.data(companyId);
		const entry: AuditLogRecord = {
			resourceId: this.store.newId(),
			companyId,
			logDate: fields.logDate ?? new Date().toISOString(),
			userName: fields.userName ?? 'admin@example.com',
			entityName: fields.entityName ?? 'TargetUser',
			entityResourceId: fields.entityResourceId ?? null,
			operation: fields.operation ?? 'Update',
			oldValue: fields.oldValue ?? null,
			newValue: fields.newValue ?? null,
			ip: fields.ip ?? '203.0.113.10',
			userAgent: fields.userAgent ?? 'Mozilla/5.0',
			auditDescription: fields.auditDescription ?? 'Changed a record',
			seq: this.store.newSeq(),
		};
		this.auditLogs.push(entry);
		return entry;
	}

	/** An enrollment of the given target users (rows start "In Queue"). */
	addEnrollment(
		companyId: string,
		fields: {
			name?: string;
			trainingName?: string;
			/** The content type as enrollment search rows show it (default SCORM; e.g. Poster, LearningPath). */
			type?: string;
			status?: EnrollmentStatus;
			createTime?: string;
			userIds?: string[];
			targetGroupResourceIds?: string[];
		} = {},
	): EnrollmentRecord {
		const data = this.store.data(companyId);
		const createTime = fields.createTime ?? new Date().toISOString();
		const enrollment: EnrollmentRecord = {
			enrollmentId: this.store.newUuid(),
			companyId,
			name: fields.name ?? 'Security Basics enrollment',
			trainingId: this.store.newUuid(),
			trainingName: fields.trainingName ?? 'Security Basics',
			type: fields.type ?? 'SCORM',
			status: fields.status ?? 'Sending',
			startDate: createTime,
			createTime,
			enrolledBy: 'admin@example.com',
			targetGroupResourceIds: fields.targetGroupResourceIds ?? [],
			users: new Map(),
			seq: this.store.newSeq(),
		};
		for (const userId of fields.userIds ?? []) {
			const user = data.targetUsers.get(userId);
			if (!user) throw new Error(`Unknown target user ${userId} in company ${companyId}`);
			enrollment.users.set(userId, {
				resourceId: this.store.newId(),
				enrollmentId: enrollment.enrollmentId,
				targetUserResourceId: user.resourceId,
				userId: this.userNumber(user),
				firstName: user.firstName,
				lastName: user.lastName,
				email: user.email,
				department: user.department,
				phoneNumber: user.phoneNumber,
				status: 'In Queue',
				examStatusName: null,
				examScore: null,
				firstCompletionDate: null,
				lastInteractionDate: null,
				deliveryType: 'Email',
				seq: this.store.newSeq(),
			});
		}
		this.enrollments.set(enrollment.enrollmentId, enrollment);
		return enrollment;
	}

	/** Sets a user's training status; "Completed" records `firstCompletionDate` the first time (default: now). */
	setTrainingStatus(enrollmentId: string, targetUserId: string, status: TrainingUserStatus, at: string = new Date().toISOString()): TrainingUserRow {
		const row = this.enrollments.get(enrollmentId)?.users.get(targetUserId);
		if (!row) throw new Error(`Target user ${targetUserId} is not in enrollment ${enrollmentId}`);
		row.status = status;
		row.lastInteractionDate = at;
		if (status === 'Completed' && row.firstCompletionDate === null) row.firstCompletionDate = at;
		return row;
	}

	/** A campaign with one run (instanceGroup 1) to the given target users. */
	addCampaign(
		companyId: string,
		fields: { name?: string; createTime?: string; status?: RunStatus; duration?: number; userIds?: string[] } = {},
	): { campaign: PhishingCampaignRecord; run: PhishingRunRecord } {
		const createTime = fields.createTime ?? new Date().toISOString();
		const campaign: PhishingCampaignRecord = {
			resourceId: this.store.newId(),
			companyId,
			name: fields.name ?? 'Quarterly phishing test',
			createTime,
			createdBy: 'admin@example.com',
			duration: fields.duration ?? 30,
			targetGroupResourceIds: [],
			runs: new Map(),
			seq: this.store.newSeq(),
		};
		this.campaigns.set(campaign.resourceId, campaign);
		const run = this.addRun(campaign.resourceId, { status: fields.status, createTime, userIds: fields.userIds });
		return { campaign, run };
	}

	/** A further run of a campaign (its instanceGroup is the next number). */
	addRun(campaignId: string, fields: { status?: RunStatus; createTime?: string; userIds?: string[] } = {}): PhishingRunRecord {
		const campaign = this.campaigns.get(campaignId);
		if (!campaign) throw new Error(`Unknown campaign ${campaignId}`);
		const data = this.store.data(campaign.companyId);
		const createTime = fields.createTime ?? new Date().toISOString();
		const run: PhishingRunRecord = {
			phishingCampaignResourceId: campaign.resourceId,
			instanceGroup: campaign.runs.size + 1,
			status: fields.status ?? 'Running',
			startDate: createTime,
			createdDate: createTime,
			users: new Map(),
			seq: this.store.newSeq(),
		};
		for (const userId of fields.userIds ?? []) {
			const user = data.targetUsers.get(userId);
			if (!user) throw new Error(`Unknown target user ${userId} in company ${campaign.companyId}`);
			run.users.set(userId, {
				resourceId: this.store.newId(),
				targetUserId: this.userNumber(user),
				targetUserResourceId: user.resourceId,
				firstName: user.firstName,
				lastName: user.lastName,
				email: user.email,
				department: user.department,
				status: 'Sent',
				lastSendingTime: createTime,
				openedCount: 0,
				lastOpenedTime: null,
				clickedCount: 0,
				lastClickedTime: null,
				submittedCount: 0,
				lastSubmittedTime: null,
				attachmentOpenedCount: 0,
				lastAttachmentOpenedTime: null,
				mfaSubmittedCount: 0,
				mfaLastSubmittedTime: null,
				reportedCount: 0,
				lastReportedTime: null,
				replySent: 0,
				lastRepliedTime: null,
				activityType: 0,
				seq: this.store.newSeq(),
			});
		}
		campaign.runs.set(run.instanceGroup, run);
		return run;
	}

	/** A user of a run does something (opens, clicks, submits, reports…): count + 1, last time = `at` (default now). */
	recordBehaviour(
		campaignId: string,
		instanceGroup: number,
		targetUserId: string,
		behaviour: PhishingBehaviour,
		at: string = new Date().toISOString(),
		activityType = 0,
	): PhishingUserRow {
		const row = this.campaigns.get(campaignId)?.runs.get(instanceGroup)?.users.get(targetUserId);
		if (!row) throw new Error(`Target user ${targetUserId} is not in run ${campaignId}/${instanceGroup}`);
		const fields = BEHAVIOUR_FIELDS[behaviour];
		const record = row as unknown as Record<string, unknown>;
		record[fields.count] = Number(record[fields.count]) + 1;
		record[fields.time] = at;
		row.activityType = activityType;
		return row;
	}
}

const journeys = new WeakMap<SandboxStore, JourneyStore>();

/** The journey data of a sandbox (created on first use). */
export function journeyOf(store: SandboxStore): JourneyStore {
	let journey = journeys.get(store);
	if (!journey) {
		journey = new JourneyStore(store);
		journeys.set(store, journey);
	}
	return journey;
}

// ---------------------------------------------------------------------------------------------------------------
// Knobs on core records (target users, companies) with a chosen timestamp

/** Changes a target user as an update through the API would, then dates the change `at`. */
export function updateTargetUserAt(store: SandboxStore, user: TargetUserRecord, changes: Parameters<SandboxStore['updateTargetUser']>[1], at: string): void {
	store.updateTargetUser(user, changes);
	user.updateTime = at;
	store.data(user.companyId).version++;
}

/**
 * A new customer of `resellerId`, created `createTime`: a copy of one of its customers' settings with a
 * new id, name, seat limit and license end date.
 */
export function addCustomerCompanyAt(
	store: SandboxStore,
	resellerId: string,
	fields: { name: string; createTime: string; numberOfUsers?: number | null; licenseEndDate?: string | null },
): CompanyRecord {
	const template = store.managedCompanies(resellerId)[0];
	if (!template) throw new Error(`Reseller ${resellerId} has no customer to copy settings from`);
	const company: CompanyRecord = {
		...template,
		resourceId: store.newId(),
		numericId: store.newCompanyNumericId(),
		name: fields.name,
		createTime: fields.createTime,
		isNumberOfUsersLimited: fields.numberOfUsers !== undefined && fields.numberOfUsers !== null,
		numberOfUsers: fields.numberOfUsers ?? null,
		licenseEndDate: fields.licenseEndDate === undefined ? template.licenseEndDate : fields.licenseEndDate,
		companyGroupResourceIds: [],
		licenseModules: [...template.licenseModules],
		tags: [],
	};
	store.addCompany(company);
	return company;
}
