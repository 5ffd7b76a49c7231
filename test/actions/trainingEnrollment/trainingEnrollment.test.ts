import type { IDataObject } from 'n8n-workflow';

import { journeyOf } from '../../sandbox';
import { TRAINING_CATALOGUE, TRAINING_LANGUAGES, enrollmentSettingsOf } from '../../sandbox/routes/trainingEnrollments';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[1];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const company = () => locator(companyId);
const group = (name: string) => fixture.sandbox.ids.targetGroupsByCompany[companyId][name];
const members = (name: string) => [...(fixture.sandbox.store.data(companyId).targetGroups.get(group(name))?.memberIds ?? [])];
const journey = () => journeyOf(fixture.sandbox.store);
const training = TRAINING_CATALOGUE[3];
const usersSearch = () => fixture.apiRequests().find((request) => request.path.endsWith('/users/search'));
const contentOfType = (type: string) => TRAINING_CATALOGUE.find((row) => row.type === type)!;

async function createEnrollment(parameters: IDataObject = {}): Promise<string> {
	const [created] = jsonOf(
		await fixture.run({
			resource: 'trainingEnrollment',
			operation: 'create',
			companyId: company(),
			trainingId: locator(training.trainingId),
			name: 'Onboarding',
			targetGroupIds: [group('Finance')],
			...parameters,
		}),
	);
	fixture.sandbox.clearRequests();
	return String(created.enrollmentId);
}

describe('Training Enrollment → Create', () => {
	it('enrols the members of the chosen groups in the training, sent now, and returns the new enrollment ID', async () => {
		const languageId = TRAINING_LANGUAGES.find((language) => language.code === 'DE')!.id;
		const [created] = jsonOf(
			await fixture.run({
				resource: 'trainingEnrollment',
				operation: 'create',
				companyId: company(),
				trainingId: locator(training.trainingId),
				name: 'Finance onboarding',
				targetGroupIds: [group('Finance'), group('IT Department')],
				additionalFields: { languageIds: [languageId], markedAsTest: true, reminder: { value: { periodCount: 2, periodType: 'Week', endType: 'TrainingCompleted' } } },
			}),
		);
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([`GET /api/enrollments/${training.trainingId}/languages`, 'POST /api/enrollments']);
		const request = fixture.apiRequests()[1];
		expect(request).toMatchObject({
			method: 'POST',
			path: '/api/enrollments',
			body: {
				trainingId: training.trainingId,
				name: 'Finance onboarding',
				targetGroupResourceIds: [group('Finance'), group('IT Department')],
				languageIds: [languageId],
				enrollmentScheduler: null,
				enrollmentReminder: { periodCount: 2, periodType: 'Week', endType: 'TrainingCompleted' },
				markedAsTest: true,
				awardCertificate: false,
			},
		});
		expect(request.headers['x-keepnet-company-id']).toBe(companyId);

		const stored = journey().enrollments.get(String(created.enrollmentId));
		const expectedUsers = new Set([...members('Finance'), ...members('IT Department')]);
		expect(expectedUsers.size).toBeGreaterThan(0);
		expect(stored).toMatchObject({ companyId, name: 'Finance onboarding', trainingId: training.trainingId, status: 'Sending' });
		expect(new Set(stored?.users.keys())).toEqual(expectedUsers);
		expect([...(stored?.users.values() ?? [])].every((row) => row.status === 'In Queue')).toBe(true);
		expect(enrollmentSettingsOf(stored!)).toMatchObject({ languageIds: [languageId], markedAsTest: true });
		expect(created).toMatchObject({ enrollmentId: stored?.enrollmentId, companyId, totalTargetUserCount: expectedUsers.size, status: 'Sending' });
	});

	it('schedules with a date, time zone, due date and a reminder that stops after 3 occurrences (ISO 8601 UTC on the wire)', async () => {
		const enrollmentId = await createEnrollment({
			sendMode: 'schedule',
			scheduledDate: '2026-04-01T09:00:00+02:00',
			timeZoneId: 'GMT Standard Time',
			additionalFields: { dueDate: '2026-04-15T17:00:00Z', reminder: { value: { periodCount: 1, periodType: 'Day', endType: 'AfterOccurrences', occurrenceCount: 3 } } },
		});
		const stored = journey().enrollments.get(enrollmentId);
		expect(stored).toMatchObject({ status: 'Scheduled', startDate: '2026-04-01T07:00:00.000Z' });
		expect(enrollmentSettingsOf(stored!)).toMatchObject({
			enrollmentScheduler: { scheduledDate: '2026-04-01T07:00:00.000Z', scheduledTimeZoneId: 'GMT Standard Time', useOwnTimeZone: false, dueDate: '2026-04-15T17:00:00.000Z' },
			enrollmentReminder: { periodCount: 1, periodType: 'Day', endType: 'AfterOccurrences', occurrenceCount: 3 },
		});
	});

	it('refuses bad input before any request, naming the field and the item', async () => {
		const base = { resource: 'trainingEnrollment', operation: 'create', companyId: company(), trainingId: locator(training.trainingId), name: 'x' };
		await expect(fixture.run({ ...base, targetGroupIds: '={{ $json.groups }}' }, { items: items({ groups: [] }) })).rejects.toThrow('Target Groups is empty (item 0)');
		await expect(
			fixture.run({ ...base, targetGroupIds: [group('Finance')], sendMode: 'schedule', scheduledDate: '={{ $json.when }}' }, { items: items({ when: '' }) }),
		).rejects.toThrow(
			'Scheduled Date is required with When to Send: Schedule (item 0)',
		);
		await expect(
			fixture.run({ ...base, targetGroupIds: [group('Finance')], sendMode: 'schedule', scheduledDate: '2026-04-02T00:00:00Z', additionalFields: { dueDate: '2026-04-01T00:00:00Z' } }),
		).rejects.toThrow('Due Date must be after Scheduled Date (item 0)');
		await expect(fixture.run({ ...base, targetGroupIds: [group('Finance')], additionalFields: { dueDate: '2026-04-01T00:00:00Z' } })).rejects.toThrow(
			'Due Date needs When to Send: Schedule (item 0)',
		);
		await expect(
			fixture.run(
				{ ...base, name: '={{ $json.name }}', targetGroupIds: [group('Finance')], additionalFields: { reminder: { value: { periodCount: 1, periodType: 'Day', endType: 'OnDate' } } } },
				{ items: items({ name: 'a' }) },
			),
		).rejects.toThrow('Reminder → Stop On is required with Stop When: On a Date (item 0)');
		await expect(
			fixture.run({ ...base, name: '={{ $json.name }}', targetGroupIds: [group('Finance')] }, { items: items({ name: 'fine' }, { name: '' }) }),
		).rejects.toThrow('Enrollment Name is required (item 1)');
		await expect(
			fixture.run({ ...base, trainingId: locator('={{ $json.training }}', 'id'), targetGroupIds: [group('Finance')] }, { items: items({ training: 'not a training' }) }),
		).rejects.toThrow(
			'Training "not a training" is not a Keepnet ID (item 0)',
		);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it("names the unknown training on Keepnet's 404, and with Continue On Fail gives each item its outcome, paired to its input", async () => {
		const before = journey().enrollmentsOf(companyId).length;
		const result = await fixture.run(
			{
				resource: 'trainingEnrollment',
				operation: 'create',
				companyId: company(),
				trainingId: locator('={{ $json.trainingId }}', 'id'),
				name: '={{ $json.name }}',
				targetGroupIds: [group('Finance')],
			},
			{ items: items({ trainingId: '7cc15c9d-0000-4000-8000-999999999999', name: 'Bad' }, { trainingId: training.trainingId, name: 'Good' }), continueOnFail: true },
		);
		const [bad, good] = jsonOf(result);
		expect(String(bad.error)).toContain('Keepnet has no training "7cc15c9d-0000-4000-8000-999999999999" or one of the target groups');
		expect(bad.name).toBe('Bad');
		expect(good.enrollmentId).toEqual(expect.any(String));
		expect(result.output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(journey().enrollmentsOf(companyId).length).toBe(before + 1);
	});
});

describe('Training Enrollment → Send', () => {
	it('sends a scheduled enrollment now: Keepnet moves it to Sending', async () => {
		const enrollmentId = await createEnrollment({ sendMode: 'schedule', scheduledDate: '2030-01-01T09:00:00Z' });
		expect(journey().enrollments.get(enrollmentId)?.status).toBe('Scheduled');
		const [sent] = jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'send', companyId: company(), enrollmentId: locator(enrollmentId, 'id') }));
		expect(sent).toEqual({ enrollmentId, companyId, sent: true });
		expect(fixture.apiRequests()).toMatchObject([{ method: 'POST', path: `/api/enrollments/${enrollmentId}/send`, body: {} }]);
		expect(journey().enrollments.get(enrollmentId)?.status).toBe('Sending');
		expect(enrollmentSettingsOf(journey().enrollments.get(enrollmentId)!)?.sendCount).toBe(1);
	});

	it("passes on Keepnet's refusal for a stopped enrollment, and names a missing one", async () => {
		const enrollmentId = await createEnrollment();
		journey().enrollments.get(enrollmentId)!.status = 'Stopped';
		await expect(fixture.run({ resource: 'trainingEnrollment', operation: 'send', companyId: company(), enrollmentId: locator(enrollmentId, 'id') })).rejects.toThrow(
			/cannot be sent in status 'Stopped'/,
		);
		const missing = '00000000-0000-4000-8000-000000000000';
		await expect(fixture.run({ resource: 'trainingEnrollment', operation: 'send', companyId: company(), enrollmentId: locator(missing, 'id') })).rejects.toThrow(
			`Keepnet has no enrollment "${missing}" in company "${companyId}" (HTTP 404)`,
		);
	});
});

describe('Training Enrollment → Get', () => {
	it('merges the settings with the summary counts (simplified by default, whole on request)', async () => {
		const enrollmentId = await createEnrollment({ additionalFields: { markedAsTest: true } });
		const [userId] = members('Finance');
		journey().setTrainingStatus(enrollmentId, userId, 'Completed', '2026-03-02T10:00:00.000Z');
		const [simple] = jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'get', companyId: company(), enrollmentId: locator(enrollmentId, 'id') }));
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /api/enrollments/${enrollmentId}`,
			'POST /api/enrollments/search',
			`GET /api/training-reports/${enrollmentId}/summary`,
		]);
		expect(fixture.apiRequests()[2].query).toEqual({ trainingType: '0' });
		expect(simple).toMatchObject({
			enrollmentId,
			name: 'Onboarding',
			trainingId: training.trainingId,
			targetGroupResourceIds: [group('Finance')],
			targetGroupNames: ['Finance'],
			type: 'SCORM',
			status: 'Sending',
			markedAsTest: true,
			totalTargetUserCount: members('Finance').length,
			completedCount: 1,
			inProgressCount: 0,
		});
		const [whole] = jsonOf(
			await fixture.run({ resource: 'trainingEnrollment', operation: 'get', companyId: company(), enrollmentId: locator(enrollmentId, 'id'), simplify: false }),
		);
		expect(whole).toMatchObject({ enrollmentId, enrollmentReminder: null, summary: { completedCount: 1, reportDetail: { totalTargetUserCount: members('Finance').length } } });
	});
});

describe('Training Enrollment → Get Many', () => {
	it('lists the enrollments of the company with both scope headers, filtered by text and status, simplified', async () => {
		const enrollmentId = await createEnrollment({ name: 'Get Many marker' });
		await createEnrollment({ name: 'Get Many scheduled marker', sendMode: 'schedule', scheduledDate: '2030-01-01T00:00:00Z' });
		const found = jsonOf(
			await fixture.run({ resource: 'trainingEnrollment', operation: 'getAll', companyId: company(), returnAll: true, filters: { searchText: 'get many', status: ['Sending'] } }),
		);
		expect(found.map((row) => row.enrollmentId)).toEqual([enrollmentId]);
		expect(Object.keys(found[0]).sort()).toEqual(['createTime', 'enrolledBy', 'enrollmentId', 'name', 'recipientType', 'startDate', 'status', 'trainingName', 'type']);
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ path: '/api/enrollments/search', body: { enrollmentType: null, orderBy: 'CreateTime', ascending: false, pageNumber: 1 } });
		expect(request.headers['x-keepnet-company-id']).toBe(companyId);
		expect(request.headers['x-ir-company-id']).toBe(companyId);
	});

	it('Limit fetches only what it needs', async () => {
		await createEnrollment();
		await createEnrollment();
		const limited = jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'getAll', companyId: company(), returnAll: false, limit: 2, simplify: false }));
		expect(limited).toHaveLength(2);
		expect(limited[0]).toHaveProperty('delivery');
		expect(fixture.apiRequests()).toHaveLength(1);
		expect(fixture.apiRequests()[0].body).toMatchObject({ pageSize: 2 });
	});
});

describe('Training Enrollment → Get Report', () => {
	it('lists each enrolled user with progress and dates as the test knob moves them through statuses', async () => {
		const enrollmentId = await createEnrollment();
		const [first, second, third] = members('Finance');
		const before = jsonOf(
			await fixture.run({ resource: 'trainingEnrollment', operation: 'getReport', companyId: company(), enrollmentId: locator(enrollmentId, 'id'), returnAll: true }),
		);
		expect(before).toHaveLength(members('Finance').length);
		expect(before.every((row) => row.progress === 'Not Started' && row.status === 'In Queue')).toBe(true);

		journey().setTrainingStatus(enrollmentId, first, 'In Progress', '2026-03-01T08:00:00.000Z');
		journey().setTrainingStatus(enrollmentId, second, 'Completed', '2026-03-02T09:30:00.000Z');
		journey().setTrainingStatus(enrollmentId, third, 'Opened Email', '2026-03-03T07:00:00.000Z');
		fixture.sandbox.clearRequests();
		const after = jsonOf(
			await fixture.run({ resource: 'trainingEnrollment', operation: 'getReport', companyId: company(), enrollmentId: locator(enrollmentId, 'id'), returnAll: true }),
		);
		const byUser = new Map(after.map((row) => [row.targetUserResourceId, row]));
		expect(byUser.get(first)).toMatchObject({ progress: 'In Progress', status: 'In Progress', lastInteractionDate: '2026-03-01T08:00:00.000Z', firstCompletionDate: null });
		expect(byUser.get(second)).toMatchObject({ progress: 'Completed', firstCompletionDate: '2026-03-02T09:30:00.000Z' });
		expect(byUser.get(third)).toMatchObject({ progress: 'Not Started', status: 'Opened Email' });
		expect(usersSearch()).toMatchObject({ path: `/api/training-reports/${enrollmentId}/users/search`, body: { trainingType: 0, orderBy: 'Email' } });
		expect(Object.keys(after[0])).not.toContain('phoneNumber');

		fixture.sandbox.clearRequests();
		const started = jsonOf(
			await fixture.run({
				resource: 'trainingEnrollment',
				operation: 'getReport',
				companyId: company(),
				enrollmentId: locator(enrollmentId, 'id'),
				returnAll: true,
				simplify: false,
				filters: { progress: ['inProgress', 'completed'] },
			}),
		);
		expect(started.map((row) => row.targetUserResourceId).sort()).toEqual([first, second].sort());
		expect(started[0]).toHaveProperty('phoneNumber');
		expect(JSON.stringify(usersSearch()?.body)).toContain('"FieldName":"status","Operator":"Include","Value":"InProgress,NotCompleted,Completed,Downloaded"');
	});

	it('names a missing enrollment on a 404', async () => {
		const missing = '00000000-0000-4000-8000-00000000abcd';
		await expect(
			fixture.run({ resource: 'trainingEnrollment', operation: 'getReport', companyId: company(), enrollmentId: locator(missing, 'id'), returnAll: true }),
		).rejects.toThrow(`Keepnet has no enrollment "${missing}" in company "${companyId}" (HTTP 404)`);
	});
});

describe('Training Enrollment pickers', () => {
	it("lists Keepnet's training catalogue for the selected company, paged, and narrows it by search text", async () => {
		const first = await fixture.listSearch('searchTrainings', { companyId: company() });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await fixture.listSearch('searchTrainings', { companyId: company() }, undefined, first.paginationToken);
		expect(second.results).toHaveLength(TRAINING_CATALOGUE.length - 50);
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((entry) => entry.value).sort()).toEqual(TRAINING_CATALOGUE.map((row) => row.trainingId).sort());
		expect(fixture.apiRequests().every((request) => request.path === '/api/trainings/search' && request.headers['x-keepnet-company-id'] === companyId)).toBe(true);

		const found = await fixture.listSearch('searchTrainings', { companyId: company() }, 'ransomware');
		expect(found.results.map((entry) => entry.name).sort()).toEqual(TRAINING_CATALOGUE.filter((row) => row.trainingName.startsWith('Ransomware')).map((row) => row.trainingName).sort());
	});

	it('lists the enrollments of the selected company by name, and the training languages', async () => {
		const enrollmentId = await createEnrollment({ name: 'Picker marker enrollment' });
		const found = await fixture.listSearch('searchEnrollments', { companyId: company() }, 'picker marker');
		expect(found.results).toEqual([{ name: 'Picker marker enrollment', value: enrollmentId }]);
		const otherCompany = fixture.sandbox.ids.customerCompanyIds[2];
		const elsewhere = await fixture.listSearch('searchEnrollments', { companyId: locator(otherCompany) }, 'picker marker');
		expect(elsewhere.results).toEqual([]);

	});

	it('asks for a company first', async () => {
		await expect(fixture.listSearch('searchTrainings', { companyId: locator('') })).rejects.toThrow(/Company is empty/);
	});
});

describe("Training reports ask for the enrollment's own content type (docs/keepnet-api.md#enrollment-get-and-summary, docs/keepnet-api.md#per-user-training-report)", () => {
	it.each([
		['Poster', 1],
		['Infographic', 2],
		['Screensaver', 3],
		['LearningPath', 4],
		['Survey', 0],
	])('%s enrollment: Get sends trainingType %i to the summary and Get Report to the users search, and both read its users', async (type, trainingType) => {
		const content = contentOfType(type);
		const enrollmentId = await createEnrollment({ trainingId: locator(content.trainingId, 'id'), name: `${type} enrollment` });
		expect(journey().enrollments.get(enrollmentId)?.type).toBe(type);
		const [first, second] = members('Finance');
		journey().setTrainingStatus(enrollmentId, first, 'Completed', '2026-03-02T10:00:00.000Z');
		journey().setTrainingStatus(enrollmentId, second, 'In Progress', '2026-03-02T11:00:00.000Z');

		const [got] = jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'get', companyId: company(), enrollmentId: locator(enrollmentId, 'id') }));
		const summary = fixture.apiRequests().find((request) => request.path.endsWith('/summary'));
		expect(summary?.query).toEqual({ trainingType: String(trainingType) });
		expect(got).toMatchObject({ enrollmentId, type, completedCount: 1, inProgressCount: 1, totalTargetUserCount: members('Finance').length });

		fixture.sandbox.clearRequests();
		const report = jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'getReport', companyId: company(), enrollmentId: locator(enrollmentId, 'id'), returnAll: true }));
		expect(usersSearch()?.body).toMatchObject({ trainingType });
		expect(report).toHaveLength(members('Finance').length);
		expect(report.find((row) => row.targetUserResourceId === first)).toMatchObject({ progress: 'Completed', firstCompletionDate: '2026-03-02T10:00:00.000Z' });
	});

	it('an enrollment the list does not show (in the Trash) is an error naming it, not a report read as the wrong type', async () => {
		const enrollmentId = await createEnrollment({ trainingId: locator(contentOfType('Poster').trainingId, 'id'), name: 'Trashed poster' });
		const search = fixture.sandbox.faults;
		search.failNext = [{ match: { method: 'POST', path: '/api/enrollments/search' }, status: 200, body: JSON.stringify({ status: 'SUCCESS', message: null, data: { pageNumber: 1, pageSize: 1000, totalNumberOfPages: 1, totalNumberOfRecords: 0, results: [] } }) }];
		await expect(fixture.run({ resource: 'trainingEnrollment', operation: 'getReport', companyId: company(), enrollmentId: locator(enrollmentId, 'id'), returnAll: true })).rejects.toThrow(
			`Keepnet's enrollment list has no enrollment "${enrollmentId}" in company "${companyId}" (item 0)`,
		);
		expect(usersSearch()).toBeUndefined();
	});
});

describe('Training Enrollment → Create: the training and its languages', () => {
	it("the Languages list shows only the chosen training's languages, and follows the Training field (by ID or by name)", async () => {
		const byCode = (options: Array<{ description?: string }>) => options.map((option) => option.description).sort();
		const english = TRAINING_LANGUAGES.find((language) => language.code === 'EN-US')!;
		expect(training.languages).toEqual(['EN-US', 'DE']);
		const forTraining = await fixture.loadOptions('getTrainingLanguages', { companyId: company(), trainingId: locator(training.trainingId) });
		expect(byCode(forTraining)).toEqual(['DE', 'EN-US']);
		expect(forTraining.find((option) => option.description === 'EN-US')).toMatchObject({ name: 'English', value: english.id });
		expect(fixture.apiRequests().at(-1)).toMatchObject({ method: 'GET', path: `/api/enrollments/${training.trainingId}/languages`, headers: { 'x-keepnet-company-id': companyId } });

		const poster = contentOfType('Poster');
		expect(byCode(await fixture.loadOptions('getTrainingLanguages', { companyId: company(), trainingId: locator(poster.trainingId, 'id') }))).toEqual(['EN-US', 'TR']);
		expect(byCode(await fixture.loadOptions('getTrainingLanguages', { companyId: company(), trainingId: locator(poster.trainingName, 'name') }))).toEqual(['EN-US', 'TR']);
		await expect(fixture.loadOptions('getTrainingLanguages', { companyId: company(), trainingId: locator('') })).rejects.toThrow('Choose a Training first');
	});

	it('refuses a language the training lacks before the enrollment is written, naming the languages it has', async () => {
		const turkish = TRAINING_LANGUAGES.find((language) => language.code === 'TR')!;
		const before = journey().enrollmentsOf(companyId).length;
		await expect(
			fixture.run({
				resource: 'trainingEnrollment',
				operation: 'create',
				companyId: company(),
				trainingId: locator(training.trainingId),
				name: 'Wrong language',
				targetGroupIds: [group('Finance')],
				additionalFields: { languageIds: [turkish.id] },
			}),
		).rejects.toThrow(`Languages: "${turkish.id}" is not a language of training "${training.trainingId}" (item 0)`);
		expect(fixture.apiRequests().filter((request) => request.method === 'POST')).toEqual([]);
		expect(journey().enrollmentsOf(companyId)).toHaveLength(before);
	});

	it('takes the training by its name (Training → By Name), as a workflow made for any tenant gives it, and refuses an unknown name before writing', async () => {
		const content = contentOfType('LearningPath');
		const enrollmentId = await createEnrollment({ trainingId: locator(content.trainingName.toUpperCase(), 'name'), name: 'By name', additionalFields: { languageIds: ['de'] } });
		const stored = journey().enrollments.get(enrollmentId)!;
		expect(stored).toMatchObject({ trainingId: content.trainingId, type: 'LearningPath' });
		expect(enrollmentSettingsOf(stored)?.languageIds).toEqual([TRAINING_LANGUAGES.find((language) => language.code === 'DE')!.id]);

		await expect(
			fixture.run({ resource: 'trainingEnrollment', operation: 'create', companyId: company(), trainingId: locator('Security Basics', 'name'), name: 'x', targetGroupIds: [group('Finance')] }),
		).rejects.toThrow('Training "Security Basics" is not the name of any training company');
		expect(fixture.apiRequests().filter((request) => request.path === '/api/enrollments')).toEqual([]);
	});

	it('Reminder → Period offers Days, Weeks and Months; a reminder added in the editor (Period left at its default) is sent as Day', async () => {
		const enrollmentId = await createEnrollment({ additionalFields: { reminder: { value: { periodCount: 3, endType: 'TrainingCompleted' } } } });
		expect(enrollmentSettingsOf(journey().enrollments.get(enrollmentId)!)?.enrollmentReminder).toEqual({ periodCount: 3, periodType: 'Day', endType: 'TrainingCompleted' });
		const weekly = await createEnrollment({ additionalFields: { reminder: { value: { periodCount: 1, periodType: 'Month', endType: 'TrainingCompleted' } } } });
		expect(enrollmentSettingsOf(journey().enrollments.get(weekly)!)?.enrollmentReminder).toMatchObject({ periodType: 'Month' });
	});
});
