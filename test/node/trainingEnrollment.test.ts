import type { IDataObject } from 'n8n-workflow';

import { journeyOf } from '../sandbox';
import { TRAINING_CATALOGUE, TRAINING_LANGUAGES, enrollmentSettingsOf } from '../sandbox/routes/trainingEnrollments';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

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
		const languageId = TRAINING_LANGUAGES[1].id;
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
		const [request] = fixture.apiRequests();
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
			`GET /api/training-reports/${enrollmentId}/summary`,
		]);
		expect(simple).toMatchObject({
			enrollmentId,
			name: 'Onboarding',
			trainingId: training.trainingId,
			targetGroupResourceIds: [group('Finance')],
			targetGroupNames: ['Finance'],
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
		expect(fixture.apiRequests()[0]).toMatchObject({ path: `/api/training-reports/${enrollmentId}/users/search`, body: { trainingType: 0, orderBy: 'Email' } });
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
		expect(JSON.stringify(fixture.apiRequests()[0].body)).toContain('"FieldName":"status","Operator":"Include","Value":"InProgress,NotCompleted,Completed,Downloaded"');
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

		const languages = await fixture.loadOptions('getTrainingLanguages', { companyId: company() });
		expect(languages.map((language) => language.value).sort()).toEqual(TRAINING_LANGUAGES.map((language) => language.id).sort());
		expect(languages.find((language) => language.name === 'Turkish')?.description).toBe('TR');
	});

	it('asks for a company first', async () => {
		await expect(fixture.listSearch('searchTrainings', { companyId: locator('') })).rejects.toThrow(/Company is empty/);
	});
});
