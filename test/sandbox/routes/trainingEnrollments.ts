/**
 * Training enrollments, the writing side (docs/keepnet-api.md#training-enrollments): the training catalogue and its
 * languages, create (enrolling the members of the chosen groups), send, get and the summary. The read-side
 * searches (enrollments/search, training-reports/{id}/users/search) live in ./training.ts; both act on the
 * same `EnrollmentRecord`s of `journeyOf(store)`. Per-user statuses move only when a test says so:
 * `journeyOf(store).setTrainingStatus(enrollmentId, targetUserId, status, at)`.
 */
import { failed, jsonResponse, JsonReader, notFound, ok, requireJsonObject, serviceResult, type JsonObject } from '../http';
import { journeyOf, type EnrollmentRecord } from '../journey';
import { scopedCompany, type RouteContext, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import type { CompanyRecord, SandboxStore } from '../store';

/** A training of Keepnet's catalogue (TrainingSearchRestView, subset). Catalogue is the same for every company. */
export interface CatalogueTraining {
	trainingId: string;
	trainingName: string;
	description: string;
	category: string;
	type: string;
	level: string;
	duration: string;
	languages: string[];
	createTime: string;
	seq: number;
}

/** LanguageDTO of GET /api/trainings/languages. */
export const TRAINING_LANGUAGES = [
	{ id: 'a1f0c3d2-0000-4000-8000-000000000001', name: 'English', code: 'EN-US', nativeLanguageName: 'English', isoCode: 'en', isoFriendlyName: 'English' },
	{ id: 'a1f0c3d2-0000-4000-8000-000000000002', name: 'Turkish', code: 'TR', nativeLanguageName: 'Türkçe', isoCode: 'tr', isoFriendlyName: 'Turkish' },
	{ id: 'a1f0c3d2-0000-4000-8000-000000000003', name: 'German', code: 'DE', nativeLanguageName: 'Deutsch', isoCode: 'de', isoFriendlyName: 'German' },
];

const TOPICS = ['Security Basics', 'Phishing Awareness', 'Password Hygiene', 'Social Engineering', 'Safe Browsing', 'Data Privacy', 'Mobile Security', 'Ransomware', 'Insider Threats', 'Remote Work', 'MFA Essentials', 'Clean Desk'];
const LEVELS = ['Beginner', 'Intermediate', 'Advanced', 'Refresher', 'Manager Edition'];

/** 60 trainings (12 topics × 5 levels): more than one picker page (50). Ids are GUIDs (docs/keepnet-api.md#identifiers). */
export const TRAINING_CATALOGUE: CatalogueTraining[] = TOPICS.flatMap((topic, topicIndex) =>
	LEVELS.map((level, levelIndex) => {
		const n = topicIndex * LEVELS.length + levelIndex + 1;
		return {
			trainingId: `7cc15c9d-0000-4000-8000-${String(n).padStart(12, '0')}`,
			trainingName: `${topic} - ${level}`,
			description: `${topic} for ${level.toLowerCase()} learners`,
			category: 'EmailSecurity',
			type: 'SCORM',
			level: levelIndex < 3 ? level : 'Beginner',
			duration: `${10 + levelIndex * 5} min`,
			languages: levelIndex % 2 === 0 ? ['EN-US', 'TR'] : ['EN-US', 'DE'],
			createTime: new Date(Date.UTC(2025, 0, 1 + n)).toISOString(),
			seq: n,
		};
	}),
);

/**
 * Content that is not a SCORM course (docs/keepnet-api.md#training-catalogue trainingType values): their reports are asked for with the
 * enrollment's own trainingType (docs/keepnet-api.md#enrollment-get-and-summary). Ids follow the catalogue's pattern after the 60 courses.
 */
const OTHER_CONTENT: Array<Pick<CatalogueTraining, 'trainingName' | 'type' | 'languages'>> = [
	{ trainingName: 'Spot the Phish Poster', type: 'Poster', languages: ['EN-US', 'TR'] },
	{ trainingName: 'Password Hygiene Infographic', type: 'Infographic', languages: ['EN-US', 'DE'] },
	{ trainingName: 'Lock Your Screen Screensaver', type: 'Screensaver', languages: ['EN-US'] },
	{ trainingName: 'Security Foundations Learning Path', type: 'LearningPath', languages: ['EN-US', 'TR', 'DE'] },
	{ trainingName: 'Security Culture Survey', type: 'Survey', languages: ['EN-US', 'TR'] },
];
TRAINING_CATALOGUE.push(
	...OTHER_CONTENT.map((content, index) => {
		const n = TOPICS.length * LEVELS.length + index + 1;
		return {
			trainingId: `7cc15c9d-0000-4000-8000-${String(n).padStart(12, '0')}`,
			trainingName: content.trainingName,
			description: `${content.type} content`,
			category: 'EmailSecurity',
			type: content.type,
			level: 'Beginner',
			duration: '5 min',
			languages: content.languages,
			createTime: new Date(Date.UTC(2025, 0, 1 + n)).toISOString(),
			seq: n,
		};
	}),
);

/** The LanguageDTOs of one training: the catalogue lists its language codes (GET /api/enrollments/{trainingId}/languages). */
export function languagesOfTraining(training: CatalogueTraining): typeof TRAINING_LANGUAGES {
	return TRAINING_LANGUAGES.filter((language) => training.languages.includes(language.code));
}

/**
 * The training type a training-report call names (docs/keepnet-api.md#enrollment-get-and-summary, docs/keepnet-api.md#per-user-training-report): a number as the web app sends it (0 trainings
 * and surveys, 1 Poster, 2 Infographic, 3 Screensaver, 4 Learning Path) or the type's name; absent = 0.
 * undefined when it is neither.
 */
export function requestedTrainingType(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return 0;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
		const number = Number(value);
		return Number.isInteger(number) && number >= 0 && number <= 4 ? number : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const names: Record<string, number> = { default: 0, scorm: 0, training: 0, survey: 0, poster: 1, infographic: 2, screensaver: 3, learningpath: 4 };
	return names[value.replace(/\s+/g, '').toLowerCase()];
}

/** The trainingType number that matches an enrollment's content type. */
export function trainingTypeOfEnrollment(enrollment: EnrollmentRecord): number {
	return requestedTrainingType(enrollment.type) ?? 0;
}

const trainingSchema: SearchSchema<CatalogueTraining> = {
	fields: fieldTable<CatalogueTraining>([
		[['trainingName', 'name'], { kind: 'string', get: (row) => row.trainingName }],
		[['category'], { kind: 'string', get: (row) => row.category }],
		[['level'], { kind: 'string', get: (row) => row.level }],
		[['createTime'], { kind: 'date', get: (row) => row.createTime }],
	]),
	defaultSortField: 'createtime',
	freeText: (row) => [row.trainingName],
	seq: (row) => row.seq,
};

function toTrainingView(row: CatalogueTraining): Record<string, unknown> {
	const { seq: _seq, ...view } = row;
	return { ...view, tags: [], compliances: [], availableFor: ['AllCompanies'], vendorName: 'Keepnet', hasQuiz: true, isNew: false, isFavourite: false, createdBy: 'Keepnet', isEditable: false };
}

/** What a create stores beyond i17's EnrollmentRecord: the settings GET /api/enrollments/{id} returns. */
export interface EnrollmentSettings {
	languageIds: string[];
	enrollmentScheduler: JsonObject | null;
	enrollmentReminder: JsonObject | null;
	awardCertificate: boolean;
	markedAsTest: boolean;
	sendCount: number;
}

const settingsByEnrollment = new WeakMap<EnrollmentRecord, EnrollmentSettings>();

/** The stored settings of an enrollment made through POST /api/enrollments (tests read them). */
export function enrollmentSettingsOf(enrollment: EnrollmentRecord): EnrollmentSettings | undefined {
	return settingsByEnrollment.get(enrollment);
}

const REMINDER_PERIODS = ['Day', 'Week', 'Month'];
const REMINDER_END_TYPES = ['TrainingCompleted', 'QuizCompleted', 'QuizSuccessfullyCompleted', 'AfterOccurrences', 'OnDate'];

function isDate(value: unknown): boolean {
	return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Date.parse(value));
}

/**
 * Members (not soft-deleted) of the given groups of a company, each once, in group order; an unknown group is a
 * 404. `activeOnly` leaves inactive users out too (a campaign's sendOnlyActiveUsers).
 */
export function membersOfGroups(store: SandboxStore, company: CompanyRecord, groupIds: string[], activeOnly = false): string[] {
	const data = store.data(company.resourceId);
	const members = new Set<string>();
	for (const groupId of groupIds) {
		const group = data.targetGroups.get(groupId);
		if (!group) throw notFound(`Target group '${groupId}' was not found.`);
		for (const userId of group.memberIds) {
			const user = data.targetUsers.get(userId);
			if (user && !user.isDeleted && (user.isActive || !activeOnly)) members.add(userId);
		}
	}
	return [...members];
}

function readScheduler(reader: JsonReader): JsonObject | null {
	const scheduler = reader.object('enrollmentScheduler');
	if (scheduler === null) return null;
	if (!isDate(scheduler.scheduledDate)) reader.error("'Scheduled Date' must be a valid date.");
	if (scheduler.dueDate !== undefined && scheduler.dueDate !== null && !isDate(scheduler.dueDate)) reader.error("'Due Date' must be a valid date.");
	return scheduler;
}

function readReminder(reader: JsonReader): JsonObject | null {
	const reminder = reader.object('enrollmentReminder');
	if (reminder === null) return null;
	if (typeof reminder.periodCount !== 'number' || !Number.isInteger(reminder.periodCount) || reminder.periodCount < 1) {
		reader.error("'Period Count' must be greater than '0'.");
	}
	if (!REMINDER_PERIODS.includes(String(reminder.periodType))) reader.error(`The value '${String(reminder.periodType)}' is not valid for periodType.`);
	if (!REMINDER_END_TYPES.includes(String(reminder.endType))) reader.error(`The value '${String(reminder.endType)}' is not valid for endType.`);
	if (reminder.endType === 'AfterOccurrences' && (typeof reminder.occurrenceCount !== 'number' || reminder.occurrenceCount < 1)) {
		reader.error("'Occurrence Count' must be greater than '0'.");
	}
	if (reminder.endType === 'OnDate' && !isDate(reminder.stopTime)) reader.error("'Stop Time' must be a valid date.");
	return reminder;
}

function enrollmentOf(ctx: RouteContext, company: CompanyRecord): EnrollmentRecord {
	const enrollment = journeyOf(ctx.app.store).enrollments.get(ctx.params.resourceId);
	if (!enrollment || enrollment.companyId !== company.resourceId || enrollment.status === 'Archived') {
		throw notFound(`Enrollment '${ctx.params.resourceId}' was not found.`);
	}
	return enrollment;
}

export function registerTrainingEnrollmentRoutes(router: Router): void {
	router.add('POST', '/api/trainings/search', (ctx) => {
		scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, trainingSchema, { filterRequired: true });
		reader.raw('trainingSearchType');
		reader.raw('trainingType');
		reader.throwIfErrors();
		return ok(searchCollection(TRAINING_CATALOGUE, trainingSchema, request, toTrainingView));
	});

	router.add('GET', '/api/trainings/languages', () => ok(TRAINING_LANGUAGES));

	// The path parameter is the training's id, although SPEC names it resourceId (docs/keepnet-api.md#training-languages).
	router.add('GET', '/api/enrollments/{resourceId}/languages', (ctx) => {
		scopedCompany(ctx);
		const training = TRAINING_CATALOGUE.find((row) => row.trainingId === ctx.params.resourceId);
		if (!training) throw notFound(`Training '${ctx.params.resourceId}' was not found.`);
		return ok(languagesOfTraining(training));
	});

	router.add('POST', '/api/enrollments', (ctx) => {
		const company = scopedCompany(ctx);
		const journey = journeyOf(ctx.app.store);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const trainingId = reader.string('trainingId', { required: true });
		const name = reader.string('name', { required: true });
		const groupIds = reader.stringArray('targetGroupResourceIds') ?? [];
		const languageIds = reader.stringArray('languageIds') ?? [];
		const enrollmentScheduler = readScheduler(reader);
		const enrollmentReminder = readReminder(reader);
		const awardCertificate = reader.bool('awardCertificate') ?? false;
		const markedAsTest = reader.bool('markedAsTest') ?? false;
		if (groupIds.length === 0) reader.error("'Target Group Resource Ids' must not be empty.");
		reader.throwIfErrors();
		const training = TRAINING_CATALOGUE.find((row) => row.trainingId === trainingId);
		if (!training) throw notFound(`Training '${String(trainingId)}' was not found.`);
		// Only the training's own languages (docs/keepnet-api.md#training-languages, docs/keepnet-api.md#enrollment-create): Keepnet refuses the enrollment otherwise.
		const offered = languagesOfTraining(training);
		for (const languageId of languageIds) {
			if (!offered.some((language) => language.id === languageId)) reader.error(`Language '${languageId}' is not available for this training.`);
		}
		reader.throwIfErrors();
		const userIds = membersOfGroups(ctx.app.store, company, groupIds);
		const enrollment = journey.addEnrollment(company.resourceId, {
			name: String(name),
			trainingName: training.trainingName,
			// "Send now" is a create without a scheduler (docs/keepnet-api.md#enrollment-send); with one it waits as Scheduled.
			status: enrollmentScheduler === null ? 'Sending' : 'Scheduled',
			userIds,
			targetGroupResourceIds: groupIds,
		});
		enrollment.trainingId = training.trainingId;
		enrollment.type = training.type;
		if (enrollmentScheduler !== null) enrollment.startDate = new Date(String(enrollmentScheduler.scheduledDate)).toISOString();
		settingsByEnrollment.set(enrollment, { languageIds, enrollmentScheduler, enrollmentReminder, awardCertificate, markedAsTest, sendCount: 0 });
		// The only 201 of the journey endpoints (docs/keepnet-api.md#response-envelope); the id is `id` (EnrollmentDetailDTO).
		return jsonResponse(
			201,
			serviceResult('SUCCESS', 'Enrollment created.', {
				id: enrollment.enrollmentId,
				trainingName: training.trainingName,
				category: training.category,
				languages: languageIds.map((id) => TRAINING_LANGUAGES.find((language) => language.id === id)?.name),
				type: training.type,
				enrolledBy: enrollment.enrolledBy,
				delivery: 'Email',
				totalTargetUserCount: enrollment.users.size,
				status: enrollment.status,
				startDate: enrollment.startDate,
				awardCertificate,
				markedAsTest,
				hasReminder: enrollmentReminder !== null,
			}),
		);
	});

	router.add('POST', '/api/enrollments/{resourceId}/send', (ctx) => {
		const company = scopedCompany(ctx);
		const enrollment = enrollmentOf(ctx, company);
		// Open question 5 modelled: Scheduled → Sending now; already Sending/Finished → accepted, nothing changes;
		// Stopped or Error → refused.
		if (enrollment.status === 'Stopped' || enrollment.status === 'Error') {
			throw failed(400, `The enrollment cannot be sent in status '${enrollment.status}'.`, 'INPUT_ERROR');
		}
		const settings = settingsByEnrollment.get(enrollment);
		if (settings) settings.sendCount++;
		if (enrollment.status === 'Scheduled') {
			enrollment.status = 'Sending';
			enrollment.startDate = new Date().toISOString();
		}
		return ok({ id: enrollment.enrollmentId });
	});

	router.add('GET', '/api/enrollments/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const enrollment = enrollmentOf(ctx, company);
		const settings = settingsByEnrollment.get(enrollment);
		// GetEnrollmentByIdResponse carries no id, status or counts (docs/keepnet-api.md#enrollment-get-and-summary).
		return ok({
			trainingId: enrollment.trainingId,
			name: enrollment.name,
			targetGroupResourceIds: enrollment.targetGroupResourceIds,
			phishingCampaignResourceId: null,
			phishingCampaignConditionTypes: [],
			languageIds: settings?.languageIds ?? [],
			enrollmentScheduler: settings?.enrollmentScheduler ?? null,
			enrollmentReminder: settings?.enrollmentReminder ?? null,
			enrollmentAutoEnroll: null,
			awardCertificate: settings?.awardCertificate ?? false,
			markedAsTest: settings?.markedAsTest ?? false,
			trainingTypeId: 0,
		});
	});

	router.add('GET', '/api/training-reports/{resourceId}/summary', (ctx) => {
		const company = scopedCompany(ctx);
		const enrollment = enrollmentOf(ctx, company);
		// Asked as another type of content, the enrollment is not among that type's reports.
		if (requestedTrainingType(ctx.query.get('trainingType')) !== trainingTypeOfEnrollment(enrollment)) throw notFound(`Enrollment '${ctx.params.resourceId}' was not found.`);
		const rows = [...enrollment.users.values()];
		const groups = ctx.app.store.data(company.resourceId).targetGroups;
		return ok({
			name: enrollment.name,
			startDate: enrollment.startDate,
			completedCount: rows.filter((row) => row.status === 'Completed').length,
			inProgressCount: rows.filter((row) => row.status === 'In Progress').length,
			groupCount: enrollment.targetGroupResourceIds.length,
			targetGroupNames: enrollment.targetGroupResourceIds.map((id) => groups.get(id)?.name ?? id),
			isTest: settingsByEnrollment.get(enrollment)?.markedAsTest ?? false,
			deliveryMethod: 'Email',
			trainingTypeId: trainingTypeOfEnrollment(enrollment),
			trainingTypeName: enrollment.type,
			reportDetail: {
				totalTargetUserCount: rows.length,
				noResponseCount: rows.filter((row) => row.status === 'In Queue' || row.status === 'Not Responded').length,
				didNotCompleteTrainingCount: rows.filter((row) => row.status !== 'Completed').length,
			},
		});
	});
}

