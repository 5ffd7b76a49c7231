/**
 * Keepnet Trigger: training completions, simulation failures and reports (per enrollment / per run
 * sources), and the two state events (over the license limit, license ending), through n8n's poll tick.
 */
import type { INodeParameters } from 'n8n-workflow';

import { PollStaticData } from '../support/harness';
import { addCustomerCompanyAt, journeyOf } from '../sandbox';
import { locator } from '../support/fixture';
import { addUser, isoAgo, jsons, startTriggerFixture, type TriggerFixture } from './support';

let fixture: TriggerFixture;
let companyId: string;
let userIds: string[];
let counter = 0;

beforeAll(async () => {
	fixture = await startTriggerFixture();
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	counter++;
	const company = addCustomerCompanyAt(fixture.sandbox.store, fixture.sandbox.ids.resellerCompanyId, { name: `Journey Co ${counter}`, createTime: isoAgo(86_400_000) });
	companyId = company.resourceId;
	userIds = [0, 1, 2, 3].map(() => addUser(fixture.sandbox, companyId, isoAgo(7_200_000)).resourceId);
	fixture.sandbox.clearRequests();
	fixture.sandbox.faults.failNext.length = 0;
});

const inCompany = (event: string, extra: INodeParameters = {}): INodeParameters => ({ event, companyScope: 'one', companyId: locator(companyId), ...extra });
const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('Training Completed', () => {
	it('emits each completion once, across enrollments, with the enrollment and company', async () => {
		const journey = journeyOf(fixture.sandbox.store);
		const security = journey.addEnrollment(companyId, { name: 'Security basics', userIds, createTime: isoAgo(86_400_000) });
		const privacy = journey.addEnrollment(companyId, { name: 'Privacy', userIds: userIds.slice(0, 2), createTime: isoAgo(3_600_000) });
		journey.setTrainingStatus(security.enrollmentId, userIds[0], 'Completed', isoAgo(600_000));
		const data = new PollStaticData();
		const params = inCompany('trainingCompleted');

		expect((await fixture.tick(params, data)).items).toEqual([]);

		journey.setTrainingStatus(security.enrollmentId, userIds[1], 'In Progress', later(1));
		journey.setTrainingStatus(security.enrollmentId, userIds[2], 'Completed', later(2));
		journey.setTrainingStatus(privacy.enrollmentId, userIds[0], 'Completed', later(3));
		const result = await fixture.tick(params, data);
		expect(jsons(result.items).map((json) => [(json.enrollment as { enrollmentId: string }).enrollmentId, (json.record as { targetUserResourceId: string }).targetUserResourceId])).toEqual([
			[security.enrollmentId, userIds[2]],
			[privacy.enrollmentId, userIds[0]],
		]);
		expect(result.items[0].json).toMatchObject({ event: 'trainingCompleted', company: { resourceId: companyId }, enrollment: { name: 'Security basics' } });

		// Both scope headers on the Awareness Educator calls; the report filtered on Completed, newest first.
		const report = fixture.apiRequests().find((request) => request.path.includes('/users/search'))!;
		expect(report.headers['x-keepnet-company-id']).toBe(companyId);
		expect(report.headers['x-ir-company-id']).toBe(companyId);
		expect(report.body).toMatchObject({ orderBy: 'firstCompletionDate', ascending: false });

		// Completing again (another interaction) does not change firstCompletionDate: no second event.
		journey.setTrainingStatus(security.enrollmentId, userIds[2], 'Completed', later(5));
		expect((await fixture.tick(params, data)).items).toEqual([]);
		expect(journey.enrollments.get(security.enrollmentId)?.users.get(userIds[2])?.firstCompletionDate).toBe(result.items[0].json.eventTime);
	});

	it("reads each enrollment's report as its own content type: a poster's or learning path's completions are emitted too (docs/keepnet-api.md#per-user-training-report)", async () => {
		const journey = journeyOf(fixture.sandbox.store);
		const poster = journey.addEnrollment(companyId, { name: 'Phish poster', type: 'Poster', userIds, createTime: isoAgo(3_600_000) });
		const path = journey.addEnrollment(companyId, { name: 'Foundations path', type: 'Learning Path', userIds, createTime: isoAgo(3_000_000) });
		const data = new PollStaticData();
		const params = inCompany('trainingCompleted');
		expect((await fixture.tick(params, data)).items).toEqual([]);

		journey.setTrainingStatus(poster.enrollmentId, userIds[0], 'Completed', later(1));
		journey.setTrainingStatus(path.enrollmentId, userIds[1], 'Completed', later(2));
		fixture.sandbox.clearRequests();
		const result = await fixture.tick(params, data);
		expect(jsons(result.items).map((json) => [(json.enrollment as { name: string }).name, (json.record as { targetUserResourceId: string }).targetUserResourceId])).toEqual([
			['Phish poster', userIds[0]],
			['Foundations path', userIds[1]],
		]);
		const typeSent = (enrollmentId: string) =>
			(fixture.apiRequests().find((request) => request.path === `/api/training-reports/${enrollmentId}/users/search`)?.body as { trainingType?: unknown }).trainingType;
		expect([typeSent(poster.enrollmentId), typeSent(path.enrollmentId)]).toEqual([1, 4]);
	});

	it('leaves out enrollments created before the watch window', async () => {
		const journey = journeyOf(fixture.sandbox.store);
		const old = journey.addEnrollment(companyId, { userIds, createTime: isoAgo(40 * 86_400_000) });
		const data = new PollStaticData();
		const params = inCompany('trainingCompleted');
		await fixture.tick(params, data);
		journey.setTrainingStatus(old.enrollmentId, userIds[0], 'Completed', later(1));
		expect((await fixture.tick(params, data)).items).toEqual([]);
		const wider = await fixture.tick(inCompany('trainingCompleted', { options: { activeWithinDays: 60, startFrom: isoAgo(60_000) } }), new PollStaticData());
		expect(jsons(wider.items).map((json) => (json.record as { targetUserResourceId: string }).targetUserResourceId)).toEqual([userIds[0]]);
	});
});

describe('Simulation Failed and Simulation Reported', () => {
	it('emits clicks and submissions once per behaviour and time, leaves bot activity and reports out, and reports go to their own event', async () => {
		const journey = journeyOf(fixture.sandbox.store);
		const { campaign, run } = journey.addCampaign(companyId, { name: 'Invoice lure', userIds, createTime: isoAgo(86_400_000) });
		journey.recordBehaviour(campaign.resourceId, run.instanceGroup, userIds[3], 'clicked', isoAgo(3_000_000));
		const failed = new PollStaticData();
		const reported = new PollStaticData();
		const failedParams = inCompany('simulationFailed');
		const reportedParams = inCompany('simulationReported');
		expect((await fixture.tick(failedParams, failed)).items).toEqual([]);
		expect((await fixture.tick(reportedParams, reported)).items).toEqual([]);

		journey.recordBehaviour(campaign.resourceId, run.instanceGroup, userIds[0], 'clicked', later(1));
		journey.recordBehaviour(campaign.resourceId, run.instanceGroup, userIds[0], 'submitteddata', later(2));
		journey.recordBehaviour(campaign.resourceId, run.instanceGroup, userIds[1], 'clicked', later(3), 2);
		journey.recordBehaviour(campaign.resourceId, run.instanceGroup, userIds[2], 'reported', later(4));

		const failures = await fixture.tick(failedParams, failed);
		expect(jsons(failures.items).map((json) => json.behaviour)).toEqual(['clicked', 'submitteddata']);
		expect(failures.items[0].json).toMatchObject({
			event: 'simulationFailed',
			company: { resourceId: companyId },
			campaign: { phishingCampaignResourceId: campaign.resourceId, instanceGroup: 1, name: 'Invoice lure' },
			record: { email: fixture.sandbox.store.data(companyId).targetUsers.get(userIds[0])?.email, clickedCount: 1 },
		});
		const reports = await fixture.tick(reportedParams, reported);
		expect(jsons(reports.items)).toEqual([expect.objectContaining({ event: 'simulationReported', behaviour: 'reported' })]);

		expect((await fixture.tick(failedParams, failed)).items).toEqual([]);
		expect((await fixture.tick(reportedParams, reported)).items).toEqual([]);

		// A second click later is a new event.
		journey.recordBehaviour(campaign.resourceId, run.instanceGroup, userIds[0], 'clicked', later(10));
		const again = await fixture.tick(failedParams, failed);
		expect(jsons(again.items)).toEqual([expect.objectContaining({ behaviour: 'clicked', record: expect.objectContaining({ clickedCount: 2 }) })]);
		expect(fixture.apiRequests().some((request) => /\/phishing-campaign-job-report\/clicked\/search\//.test(request.path) && (request.body as { activityType: number }).activityType === 0)).toBe(true);
	});

	it('skips runs that record no activity (Idle, Scheduled)', async () => {
		const journey = journeyOf(fixture.sandbox.store);
		const { campaign, run } = journey.addCampaign(companyId, { userIds, status: 'Idle' });
		const data = new PollStaticData();
		await fixture.tick(inCompany('simulationFailed'), data);
		journey.recordBehaviour(campaign.resourceId, run.instanceGroup, userIds[0], 'clicked', later(1));
		expect((await fixture.tick(inCompany('simulationFailed'), data)).items).toEqual([]);
		expect(fixture.apiRequests().some((request) => request.path.includes('/clicked/search/'))).toBe(false);
	});
});

describe('Company Over License Limit', () => {
	it('emits a company on entering the state, not while it stays, and again after it left and came back', async () => {
		const store = fixture.sandbox.store;
		const company = store.companies.get(companyId)!;
		company.isNumberOfUsersLimited = true;
		company.numberOfUsers = 10;
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'companyOverLicenseLimit' };
		// The seed's over-limit company is already over at activation: not an event.
		expect((await fixture.tick(params, data)).items).toEqual([]);
		expect(data.nodeData()?.keepnetTrigger).toMatchObject({ members: { [fixture.sandbox.ids.overLicenseCompanyId]: 'overLimit' } });

		company.numberOfUsers = 3;
		const entered = await fixture.tick(params, data);
		expect(jsons(entered.items)).toEqual([expect.objectContaining({ event: 'companyOverLicenseLimit', company: { resourceId: companyId, name: company.name } })]);
		expect((await fixture.tick(params, data)).items).toEqual([]);

		company.numberOfUsers = 100;
		expect((await fixture.tick(params, data)).items).toEqual([]);
		company.numberOfUsers = 2;
		expect(jsons((await fixture.tick(params, data)).items).map((json) => (json.company as { resourceId: string }).resourceId)).toEqual([companyId]);

		const test = await fixture.fetchTestEvent(params, new PollStaticData());
		expect(test.items).toHaveLength(1);
	});
});

describe('License Ends Within N Days', () => {
	it('emits a company when its end date comes within N days, again for a new end date, and re-arms when it leaves', async () => {
		const company = fixture.sandbox.store.companies.get(companyId)!;
		company.licenseEndDate = new Date(Date.now() + 90 * 86_400_000).toISOString();
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'licenseEndsSoon', licenseWithinDays: 30 };
		const first = await fixture.tick(params, data);
		expect(first.items).toEqual([]);

		company.licenseEndDate = new Date(Date.now() + 10 * 86_400_000).toISOString();
		const soon = await fixture.tick(params, data);
		expect(jsons(soon.items)).toEqual([expect.objectContaining({ event: 'licenseEndsSoon', daysLeft: 10, licenseEndDate: company.licenseEndDate, company: expect.objectContaining({ resourceId: companyId }) })]);
		expect((await fixture.tick(params, data)).items).toEqual([]);

		company.licenseEndDate = new Date(Date.now() + 20 * 86_400_000).toISOString();
		expect(jsons((await fixture.tick(params, data)).items)).toEqual([expect.objectContaining({ daysLeft: 20 })]);

		company.licenseEndDate = new Date(Date.now() + 365 * 86_400_000).toISOString();
		expect((await fixture.tick(params, data)).items).toEqual([]);
		company.licenseEndDate = new Date(Date.now() + 5 * 86_400_000).toISOString();
		expect(jsons((await fixture.tick(params, data)).items)).toEqual([expect.objectContaining({ daysLeft: 5 })]);
	});

	it('a failed poll emits nothing and keeps the remembered companies', async () => {
		const company = fixture.sandbox.store.companies.get(companyId)!;
		company.licenseEndDate = new Date(Date.now() + 90 * 86_400_000).toISOString();
		const data = new PollStaticData();
		const params: INodeParameters = { event: 'licenseEndsSoon', licenseWithinDays: 30 };
		await fixture.tick(params, data);
		const stored = data.json;
		company.licenseEndDate = new Date(Date.now() + 3 * 86_400_000).toISOString();
		fixture.sandbox.faults.failNext.push(...Array.from({ length: 4 }, () => ({ match: { pathPrefix: '/api/companies/search' }, status: 502 })));
		const failed = await fixture.tick(params, data);
		expect(failed.error).toBeDefined();
		expect(data.json).toBe(stored);
		expect(jsons((await fixture.tick(params, data)).items)).toEqual([expect.objectContaining({ daysLeft: 3 })]);
	}, 30_000);
});
