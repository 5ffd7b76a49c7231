import { deliveryOf, journeyOf, setSurveyAnswers } from '../../sandbox';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[3];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const company = () => locator(companyId);
const journey = () => journeyOf(fixture.sandbox.store);
const users = (count: number) => [...fixture.sandbox.store.data(companyId).targetUsers.values()].filter((user) => user.isActive).slice(0, count);
const headerOf = (request: { headers: Record<string, string | string[] | undefined> }, name: string) => request.headers[name];

describe('Training Enrollment → Get Many with Type', () => {
	it('sends the chosen type as enrollmentType and lists only those enrollments', async () => {
		journey().addEnrollment(companyId, { name: 'Staff survey', type: 'Survey', createTime: '2026-05-02T09:00:00.000Z' });
		journey().addEnrollment(companyId, { name: 'Phishing basics', type: 'SCORM', createTime: '2026-05-03T09:00:00.000Z' });
		const surveys = jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'getAll', companyId: company(), returnAll: true, filters: { type: 'Survey' } }));
		expect(surveys.map((row) => row.name)).toEqual(['Staff survey']);
		expect(fixture.apiRequests()[0].body).toMatchObject({ enrollmentType: 'Survey' });
		fixture.sandbox.clearRequests();
		const all = jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'getAll', companyId: company(), returnAll: true }));
		expect(all.map((row) => row.name)).toEqual(expect.arrayContaining(['Staff survey', 'Phishing basics']));
		expect(fixture.apiRequests()[0].body).toMatchObject({ enrollmentType: null });
	});

	it('refuses an unknown type before any request', async () => {
		await expect(fixture.run({ resource: 'trainingEnrollment', operation: 'getAll', companyId: company(), filters: { type: 'Podcast' } })).rejects.toThrow('Filters → Type "Podcast" is not an enrollment type (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Training Enrollment → Export', () => {
	it('exports the filtered enrollment list as CSV with both scope headers', async () => {
		const result = await fixture.run({ resource: 'trainingEnrollment', operation: 'export', companyId: company(), fileFormat: 'csv', filters: { type: 'Survey' } });
		const [item] = result.output[0];
		const lines = Buffer.from(item.binary?.data.data ?? '', 'base64').toString('utf8').trim().split('\r\n');
		expect(lines[0]).toBe('Name,Training Name,Type,Status,Start Date');
		expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['Staff survey']);
		expect(item.json).toMatchObject({ companyId, fileName: `Training Enrollments ${companyId}.csv`, fileFormat: 'csv' });
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ method: 'POST', path: '/api/enrollments/search/export', body: { enrollmentType: 'Survey', reportAllPages: true, exportType: 'CSV' } });
		expect(headerOf(request, 'x-keepnet-company-id')).toBe(companyId);
		expect(headerOf(request, 'x-ir-company-id')).toBe(companyId);
	});
});

describe('Training Enrollment → Get Delivery Report', () => {
	let enrollmentId: string;
	let people: ReturnType<typeof users>;
	beforeAll(() => {
		people = users(4);
		const enrollment = journey().addEnrollment(companyId, { name: 'Delivery check', createTime: '2026-05-04T09:00:00.000Z', userIds: people.map((user) => user.resourceId) });
		enrollmentId = enrollment.enrollmentId;
		journey().setTrainingStatus(enrollmentId, people[0].resourceId, 'Completed', '2026-05-05T10:00:00.000Z');
		journey().setTrainingStatus(enrollmentId, people[1].resourceId, 'Sending Error', '2026-05-04T09:01:00.000Z');
		journey().setTrainingStatus(enrollmentId, people[2].resourceId, 'Opened Email', '2026-05-04T11:00:00.000Z');
		journey().setTrainingStatus(enrollmentId, people[3].resourceId, 'Opened Email', '2026-05-04T11:00:00.000Z');
		deliveryOf(fixture.sandbox.store, enrollmentId).reminders.push({ targetUserId: people[2].resourceId, sentAt: '2026-05-08T09:00:00.000Z' }, { targetUserId: people[2].resourceId, sentAt: '2026-05-11T09:00:00.000Z' });
		deliveryOf(fixture.sandbox.store, enrollmentId).teams.push({ targetUserId: people[3].resourceId, status: 'Failed', sentAt: '2026-05-04T09:02:00.000Z', errorMessage: 'User not found in Teams' });
	});
	const run = async (kind: string, extra = {}) => jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'getDeliveryReport', companyId: company(), enrollmentId: locator(enrollmentId, 'id'), kind, returnAll: true, ...extra }));

	it('Enrollment Emails: one row per user with the sending error', async () => {
		const rows = await run('emails');
		expect(rows).toHaveLength(4);
		expect(rows.find((row) => row.email === people[1].email)).toMatchObject({ enrollmentId, report: 'emails', lastSendingStatus: 'Error', errorMessage: '550 Mailbox unavailable' });
		expect(fixture.apiRequests()[0]).toMatchObject({ path: `/api/training-reports/${enrollmentId}/sending-report/search`, body: { orderBy: 'email', ascending: true } });
	});

	it("Reminder Emails: asks with the enrollment's training type and lists who got reminders", async () => {
		const rows = await run('reminders');
		expect(rows).toEqual([{ enrollmentId, report: 'reminders', email: people[2].email, emailDelivery: 'SMTP', firstSendDate: '2026-05-08T09:00:00.000Z', lastSendDate: '2026-05-11T09:00:00.000Z', lastSendingStatus: 'Sent' }]);
		expect(fixture.apiRequests().at(-1)).toMatchObject({ path: `/api/training-reports/${enrollmentId}/reminder-mails/search`, body: { trainingType: 0 } });
	});

	it('Certificates and Microsoft Teams Notifications', async () => {
		expect(await run('certificates')).toEqual([expect.objectContaining({ userEmail: people[0].email, targetUserResourceId: people[0].resourceId, sentDate: '2026-05-05T10:00:00.000Z', status: 'Sent' })]);
		fixture.sandbox.clearRequests();
		expect(await run('teams')).toEqual([expect.objectContaining({ email: people[3].email, status: 'Failed', errorMessage: 'User not found in Teams', retryCount: 3 })]);
		expect(fixture.apiRequests()[0]).toMatchObject({ path: `/api/notifications/${enrollmentId}/search`, body: { enrollmentId } });
	});

	it('names a missing enrollment on a 404', async () => {
		await expect(run('emails', { enrollmentId: locator('7cc15c9d-0000-4000-8000-000000000000', 'id') })).rejects.toThrow('7cc15c9d-0000-4000-8000-000000000000');
	});
});

describe('Training Enrollment → Get Survey Answers', () => {
	it('gives one item per user and question, with the chosen option, its code and the latency in seconds', async () => {
		const people = users(3);
		const enrollment = journey().addEnrollment(companyId, { name: 'Culture survey', type: 'Survey', userIds: people.map((user) => user.resourceId) });
		const scale = ['Strongly Disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly Agree'];
		setSurveyAnswers(fixture.sandbox.store, enrollment.enrollmentId, people[0].resourceId, [
			{ question: 'I know how to report phishing', options: scale, chosen: 3, latency: 'PT0H1M15S' },
			{ question: 'Training was useful', options: scale, chosen: 4, latency: 'PT0H0M20S' },
		]);
		setSurveyAnswers(fixture.sandbox.store, enrollment.enrollmentId, people[2].resourceId, [{ question: 'I know how to report phishing', options: scale, chosen: 1, latency: 'PT0H0M5S' }]);

		const answers = jsonOf(await fixture.run({ resource: 'trainingEnrollment', operation: 'getSurveyAnswers', companyId: company(), enrollmentId: locator(enrollment.enrollmentId, 'id'), returnAll: true }));
		const byEmail = [...people].sort((a, b) => a.email.localeCompare(b.email));
		const expected = byEmail.flatMap((person) =>
			person === people[0]
				? [
						{ email: person.email, questionIndex: 0, question: 'I know how to report phishing', answer: 'Agree', answerCode: '4', latencySeconds: 75 },
						{ email: person.email, questionIndex: 1, question: 'Training was useful', answer: 'Strongly Agree', answerCode: '5', latencySeconds: 20 },
					]
				: person === people[2]
					? [{ email: person.email, questionIndex: 0, question: 'I know how to report phishing', answer: 'Disagree', answerCode: '2', latencySeconds: 5 }]
					: [],
		);
		expect(answers.map(({ email, questionIndex, question, answer, answerCode, latencySeconds }) => ({ email, questionIndex, question, answer, answerCode, latencySeconds }))).toEqual(expected);
		expect(answers[0]).toMatchObject({ enrollmentId: enrollment.enrollmentId, answered: true, sessionTime: '22/01/2026 13:40' });
		const requests = fixture.apiRequests();
		expect(requests[0]).toMatchObject({ path: `/api/training-reports/${enrollment.enrollmentId}/users/search`, body: { trainingType: 0 } });
		const sessionCalls = requests.filter((request) => request.path.includes('/exam-result-sessions/'));
		expect(sessionCalls.map((request) => request.path.split('/').at(-1)).sort()).toEqual(people.map((user) => user.resourceId).sort());
		expect(sessionCalls.every((request) => headerOf(request, 'x-ir-company-id') === companyId && headerOf(request, 'x-keepnet-company-id') === companyId)).toBe(true);

		fixture.sandbox.clearRequests();
		const withSilent = jsonOf(
			await fixture.run({ resource: 'trainingEnrollment', operation: 'getSurveyAnswers', companyId: company(), enrollmentId: locator(enrollment.enrollmentId, 'id'), returnAll: true, options: { includeUnanswered: true } }),
		);
		expect(withSilent.filter((row) => row.answered === false).map((row) => row.email)).toEqual([people[1].email]);
	});
});
