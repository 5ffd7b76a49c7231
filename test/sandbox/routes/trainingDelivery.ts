/**
 * Enrollment delivery and survey answers (docs/results-reporting.md#training-delivery-and-survey-answers): the sending report, reminder emails,
 * certificates, Microsoft Teams notification log, the enrollment list export and the per-user answer sessions.
 *
 * Derived from the enrollment's user rows where the contract allows: every user got the enrollment email (a row in
 * status "Sending Error" got it with an error), and completed users got a certificate. Reminders, Teams
 * notifications and survey answers are added by tests: `deliveryOf(store, enrollmentId).reminders.push(…)`,
 * `.teams.push(…)`, `setSurveyAnswers(store, enrollmentId, targetUserId, answers)`.
 */
import { JsonReader, notFound, ok, requireJsonObject } from '../http';
import { journeyOf, type EnrollmentRecord, type TrainingUserRow } from '../journey';
import { scopedCompany, type RouteContext, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import type { SandboxStore } from '../store';
import { enrollmentSchema, listedEnrollments, readEnrollmentType } from './training';
import { exportFile, readExportType } from './targetUsers';

export interface ReminderRecord {
	targetUserId: string;
	sentAt: string;
}

export interface TeamsNotificationRecord {
	targetUserId: string;
	status: 'Sent' | 'Failed';
	sentAt: string;
	errorMessage: string | null;
}

/** One answered question as a test sets it; the route builds LMSScormSessionInteractionDTO from it. */
export interface SurveyAnswer {
	question: string;
	options: string[];
	/** Index into options of the user's choice. */
	chosen: number;
	/** ISO 8601 duration, e.g. PT0H1M15S. */
	latency: string;
}

interface DeliveryState {
	reminders: ReminderRecord[];
	teams: TeamsNotificationRecord[];
	answers: Map<string, { sessionCreatedAt: string; answers: SurveyAnswer[] }>;
}

const deliveries = new WeakMap<EnrollmentRecord, DeliveryState>();

export function deliveryOf(store: SandboxStore, enrollmentId: string): DeliveryState {
	const enrollment = journeyOf(store).enrollments.get(enrollmentId);
	if (!enrollment) throw new Error(`Unknown enrollment ${enrollmentId}`);
	let state = deliveries.get(enrollment);
	if (!state) {
		state = { reminders: [], teams: [], answers: new Map() };
		deliveries.set(enrollment, state);
	}
	return state;
}

/** A user's answers, one session; `sessionCreatedAt` in the display format Keepnet answers (`22/01/2026 13:40`). */
export function setSurveyAnswers(store: SandboxStore, enrollmentId: string, targetUserId: string, answers: SurveyAnswer[], sessionCreatedAt = '22/01/2026 13:40'): void {
	deliveryOf(store, enrollmentId).answers.set(targetUserId, { sessionCreatedAt, answers });
}

function enrollmentIn(ctx: RouteContext): EnrollmentRecord {
	const company = scopedCompany(ctx);
	const enrollment = journeyOf(ctx.app.store).enrollments.get(ctx.params.enrollmentId);
	if (!enrollment || enrollment.companyId !== company.resourceId) throw notFound(`Enrollment '${ctx.params.enrollmentId}' was not found.`);
	return enrollment;
}

interface EmailRow {
	email: string;
	firstName: string | null;
	lastName: string | null;
	seq: number;
	view: Record<string, unknown>;
}

const emailSchema: SearchSchema<EmailRow> = {
	fields: fieldTable<EmailRow>([
		[['email'], { kind: 'string', get: (row) => row.email }],
		[['firstName'], { kind: 'string', get: (row) => row.firstName }],
		[['lastName'], { kind: 'string', get: (row) => row.lastName }],
	]),
	defaultSortField: 'email',
	freeText: (row) => [row.firstName, row.lastName, row.email],
	seq: (row) => row.seq,
};

const emailRow = (user: TrainingUserRow, view: Record<string, unknown>): EmailRow => ({ email: user.email, firstName: user.firstName, lastName: user.lastName, seq: user.seq, view });

function search(ctx: RouteContext, rows: EmailRow[], extra: (reader: JsonReader) => void = () => undefined) {
	const reader = new JsonReader(requireJsonObject(ctx.body));
	const request = readSearchRequest(reader, emailSchema, { filterRequired: true });
	extra(reader);
	reader.throwIfErrors();
	return ok(searchCollection(rows, emailSchema, request, (row) => row.view));
}

export function registerTrainingDeliveryRoutes(router: Router): void {
	router.add('POST', '/api/training-reports/{enrollmentId}/sending-report/search', (ctx) => {
		const enrollment = enrollmentIn(ctx);
		const rows = [...enrollment.users.values()].map((user) => {
			const failed = user.status === 'Sending Error';
			const queued = user.status === 'In Queue';
			return emailRow(user, {
				emailDelivery: 'SMTP',
				firstSendDate: queued ? null : enrollment.startDate,
				lastSendDate: queued ? null : enrollment.startDate,
				lastSendingStatus: queued ? 'In Queue' : failed ? 'Error' : 'Sent',
				errorMessage: failed ? '550 Mailbox unavailable' : null,
				targetUserStatus: 'Active',
				targetUserIsDeleted: false,
				enrollmentId: enrollment.enrollmentId,
				targetUserResourceId: user.targetUserResourceId,
				userId: user.userId,
				resourceId: user.resourceId,
				firstName: user.firstName,
				lastName: user.lastName,
				email: user.email,
				department: user.department,
				isMainScore: true,
				customFieldValues: [],
			});
		});
		return search(ctx, rows);
	});

	router.add('POST', '/api/training-reports/{enrollmentId}/reminder-mails/search', (ctx) => {
		const enrollment = enrollmentIn(ctx);
		const state = deliveryOf(ctx.app.store, enrollment.enrollmentId);
		const rows: EmailRow[] = [];
		for (const user of enrollment.users.values()) {
			const sent = state.reminders.filter((reminder) => reminder.targetUserId === user.targetUserResourceId).map((reminder) => reminder.sentAt).sort();
			if (sent.length === 0) continue;
			rows.push(emailRow(user, { userEmailId: `${user.resourceId}-r`, email: user.email, emailDelivery: 'SMTP', firstSendDate: sent[0], lastSendDate: sent[sent.length - 1], lastSendingStatus: 'Sent' }));
		}
		return search(ctx, rows, (reader) => {
			// SearchRestServiceRequest: trainingType is required by the web app's call; reportAllPages and showByExamStatus optional.
			if (reader.raw('trainingType') === undefined) reader.error("'Training Type' must not be empty.");
			reader.raw('reportAllPages');
			reader.raw('showByExamStatus');
		});
	});

	router.add('POST', '/api/enrollments/{enrollmentId}/certificates/search', (ctx) => {
		const enrollment = enrollmentIn(ctx);
		const rows = [...enrollment.users.values()]
			.filter((user) => user.status === 'Completed' && user.firstCompletionDate !== null)
			.map((user) =>
				emailRow(user, {
					targetUserResourceId: user.targetUserResourceId,
					userEmail: user.email,
					sentDate: user.firstCompletionDate,
					status: 'Sent',
					userEmailId: `${user.resourceId}-c`,
					createdDate: user.firstCompletionDate,
					firstSendTime: user.firstCompletionDate,
					lastSendTime: user.firstCompletionDate,
					emailDelivery: 'SMTP',
					customFieldValues: [],
				}),
			);
		return search(ctx, rows);
	});

	// SearchNotificationActivityLogRequest: companyId, enrollmentId, status and type are read and ignored (docs/results-reporting.md#training-delivery-and-survey-answers: unverified).
	router.add('POST', '/api/notifications/{enrollmentId}/search', (ctx) => {
		const enrollment = enrollmentIn(ctx);
		const state = deliveryOf(ctx.app.store, enrollment.enrollmentId);
		const rows: EmailRow[] = [];
		for (const [index, entry] of state.teams.entries()) {
			const user = [...enrollment.users.values()].find((candidate) => candidate.targetUserResourceId === entry.targetUserId);
			if (!user) continue;
			rows.push(
				emailRow(user, {
					id: index + 1,
					firstName: user.firstName,
					lastName: user.lastName,
					email: user.email,
					department: user.department,
					status: entry.status,
					type: 'Enrollment',
					enrollmentId: enrollment.enrollmentId,
					firstSendDate: entry.sentAt,
					lastSendDate: entry.sentAt,
					lastSendingStatus: entry.status,
					errorMessage: entry.errorMessage,
					retryCount: entry.status === 'Failed' ? 3 : 0,
					maxRetryCount: 3,
					trainingTitle: enrollment.trainingName,
					canResend: entry.status === 'Failed',
				}),
			);
		}
		return search(ctx, rows, (reader) => {
			reader.raw('companyId');
			reader.raw('enrollmentId');
			reader.raw('status');
			reader.raw('type');
		});
	});

	router.add('GET', '/api/training-reports/{enrollmentId}/exam-result-sessions/{targetUserId}', (ctx) => {
		const enrollment = enrollmentIn(ctx);
		const user = [...enrollment.users.values()].find((candidate) => candidate.targetUserResourceId === ctx.params.targetUserId);
		if (!user) throw notFound(`Target user '${ctx.params.targetUserId}' is not enrolled.`);
		const session = deliveryOf(ctx.app.store, enrollment.enrollmentId).answers.get(user.targetUserResourceId);
		// Users without a session: an empty list (DOCS captured output).
		if (!session) return ok([]);
		const interactionsHumanReadable = session.answers.map((answer, index) => ({
			source: 'scorm',
			index,
			scormId: `q${index + 1}`,
			question: answer.question,
			type: 'choice-single',
			answers: answer.options.map((option, optionIndex) => ({ isUserAnswer: optionIndex === answer.chosen, option, correctAnswer: false })),
			correctAnswers: [],
			studentOrLearnerResponse: `${answer.chosen + 1}_${answer.options[answer.chosen].replace(/\s+/g, '_')}`,
			result: 'neutral',
			time: '13:40:00',
			latency: answer.latency,
			weighting: 1,
			description: answer.question,
			objectives: [],
		}));
		return ok([
			{
				scormSessionId: `${user.resourceId}-s`,
				enrollmentSessionId: `${user.resourceId}-e`,
				enrollmentSessionCreatedAt: session.sessionCreatedAt,
				targetUserResourceId: user.targetUserResourceId,
				interactions: [],
				interactionsHumanReadable,
				totalQuestions: session.answers.length,
				correctCount: 0,
				wrongCount: 0,
				emptyCount: 0,
				questions: [],
				enrollmentContentResourceId: enrollment.trainingId,
			},
		]);
	});

	router.add('POST', '/api/enrollments/search/export', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const exportType = readExportType(reader);
		const request = readSearchRequest(reader, enrollmentSchema, { filterRequired: true });
		const type = readEnrollmentType(reader);
		const allPages = reader.bool('reportAllPages') ?? false;
		reader.throwIfErrors();
		const rows = searchCollection(listedEnrollments(ctx.app.store, company.resourceId, type), enrollmentSchema, { ...request, pageNumber: 1, pageSize: 1_000_000 }, (row) => row).results;
		const start = (request.pageNumber - 1) * request.pageSize;
		const columns = [
			{ header: 'Name', value: (row: EnrollmentRecord) => row.name, width: 30 },
			{ header: 'Training Name', value: (row: EnrollmentRecord) => row.trainingName, width: 30 },
			{ header: 'Type', value: (row: EnrollmentRecord) => row.type, width: 12 },
			{ header: 'Status', value: (row: EnrollmentRecord) => row.status, width: 12 },
			{ header: 'Start Date', value: (row: EnrollmentRecord) => row.startDate, width: 24 },
		];
		return exportFile(exportType, allPages ? rows : rows.slice(start, start + request.pageSize), columns, 'Enrollments');
	});
}
