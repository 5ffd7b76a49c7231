/**
 * Training (docs/keepnet-api.md#enrollment-search-and-statuses, docs/keepnet-api.md#per-user-training-report): POST /api/enrollments/search and
 * POST /api/training-reports/{enrollmentId}/users/search, scoped to the company of the call.
 */
import { JsonReader, notFound, ok, requireJsonObject } from '../http';
import { journeyOf, type EnrollmentRecord, type TrainingUserRow } from '../journey';
import { scopedCompany, type Router } from '../router';
import type { SandboxStore } from '../store';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import { requestedTrainingType, trainingTypeOfEnrollment } from './trainingEnrollments';

export const enrollmentSchema: SearchSchema<EnrollmentRecord> = {
	fields: fieldTable<EnrollmentRecord>([
		[['name'], { kind: 'string', get: (row) => row.name }],
		[['trainingName'], { kind: 'string', get: (row) => row.trainingName }],
		[['status'], { kind: 'string', get: (row) => row.status }],
		[['startDate'], { kind: 'date', get: (row) => row.startDate }],
		[['createTime'], { kind: 'date', get: (row) => row.createTime }],
		[['enrolledBy'], { kind: 'string', get: (row) => row.enrolledBy }],
	]),
	defaultSortField: 'createtime',
	freeText: (row) => [row.name, row.trainingName],
	seq: (row) => row.seq,
};

/** EnrollmentSearchRestView (subset). */
export function toEnrollmentSearchView(row: EnrollmentRecord): Record<string, unknown> {
	return {
		enrollmentId: row.enrollmentId,
		name: row.name,
		trainingName: row.trainingName,
		type: row.type,
		status: row.status,
		startDate: row.startDate,
		createTime: row.createTime,
		enrolledBy: row.enrolledBy,
		recipientType: 'User Groups',
		delivery: 'Email',
	};
}

/** Filter values are enum names ("InProgress"); rows hold display text ("In Progress") (docs/keepnet-api.md#per-user-training-report). */
const enumName = (status: string): string => status.replace(/\s+/g, '').toLowerCase();

export const trainingUserSchema: SearchSchema<TrainingUserRow> = {
	fields: fieldTable<TrainingUserRow>([
		[['firstName'], { kind: 'string', get: (row) => row.firstName }],
		[['lastName'], { kind: 'string', get: (row) => row.lastName }],
		[['email'], { kind: 'string', get: (row) => row.email }],
		[['department'], { kind: 'string', get: (row) => row.department }],
		[['status'], { kind: 'string', get: (row) => enumName(row.status) }],
		[['examScore'], { kind: 'number', get: (row) => row.examScore }],
		[['firstCompletionDate'], { kind: 'date', get: (row) => row.firstCompletionDate }],
		[['lastInteractionDate'], { kind: 'date', get: (row) => row.lastInteractionDate }],
	]),
	defaultSortField: 'email',
	freeText: (row) => [row.firstName, row.lastName, row.email],
	seq: (row) => row.seq,
};

export function toTrainingUserSearchView(row: TrainingUserRow): Record<string, unknown> {
	const { seq: _seq, ...view } = row;
	return view;
}

/** The web app's enrollmentType values (docs/keepnet-api.md#enrollment-search-and-statuses); null = every type. Another value is a 400. */
const ENROLLMENT_TYPES = ['scorm', 'learningpath', 'poster', 'infographic', 'screensaver', 'survey'];

export function readEnrollmentType(reader: JsonReader): string | null {
	const value = reader.raw('enrollmentType');
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string' || !ENROLLMENT_TYPES.includes(value.toLowerCase())) {
		reader.error(`The value '${String(value)}' is not valid for enrollmentType.`);
		return null;
	}
	return value.toLowerCase();
}

/** The enrollments the list shows (not the Trash), of one type when asked. */
export function listedEnrollments(store: SandboxStore, companyId: string, type: string | null): EnrollmentRecord[] {
	return journeyOf(store)
		.enrollmentsOf(companyId)
		.filter((row) => row.status !== 'Archived' && (type === null || row.type.replace(/\s+/g, '').toLowerCase() === type));
}

export function registerTrainingRoutes(router: Router): void {
	router.add('POST', '/api/enrollments/search', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, enrollmentSchema, { filterRequired: true });
		const type = readEnrollmentType(reader);
		reader.throwIfErrors();
		return ok(searchCollection(listedEnrollments(ctx.app.store, company.resourceId, type), enrollmentSchema, request, toEnrollmentSearchView));
	});

	router.add('POST', '/api/training-reports/{enrollmentId}/users/search', (ctx) => {
		const company = scopedCompany(ctx);
		const enrollment = journeyOf(ctx.app.store).enrollments.get(ctx.params.enrollmentId);
		if (!enrollment || enrollment.companyId !== company.resourceId) throw notFound(`Enrollment '${ctx.params.enrollmentId}' was not found.`);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, trainingUserSchema, { filterRequired: true });
		const trainingType = reader.raw('trainingType');
		reader.raw('showByExamStatus');
		reader.throwIfErrors();
		// Read as another type of content (docs/keepnet-api.md#per-user-training-report), the report has no users: an empty page, no error.
		const rows = requestedTrainingType(trainingType) === trainingTypeOfEnrollment(enrollment) ? Array.from(enrollment.users.values()) : [];
		return ok(searchCollection(rows, trainingUserSchema, request, toTrainingUserSearchView));
	});
}
