/**
 * Keepnet Trigger: Simulation Failed / Simulation Reported in the smishing and quishing channels (the Channel
 * option), through n8n's poll tick against the sandbox's channel stores.
 */
import type { INodeParameters } from 'n8n-workflow';

import { PollStaticData } from '../support/harness';
import { addCustomerCompanyAt, channelJourneyOf } from '../sandbox';
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
	const company = addCustomerCompanyAt(fixture.sandbox.store, fixture.sandbox.ids.resellerCompanyId, { name: `Channel Co ${counter}`, createTime: isoAgo(86_400_000) });
	companyId = company.resourceId;
	userIds = [0, 1, 2].map(() => addUser(fixture.sandbox, companyId, isoAgo(7_200_000)).resourceId);
	fixture.sandbox.clearRequests();
});

const inCompany = (event: string, extra: INodeParameters = {}): INodeParameters => ({ event, companyScope: 'one', companyId: locator(companyId), ...extra });
const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

it('Simulation Failed with Channel = Smishing watches the smishing runs, not the email ones', async () => {
	const smishing = channelJourneyOf(fixture.sandbox.store, 'smishing');
	const email = channelJourneyOf(fixture.sandbox.store, 'phishing');
	const { campaign, run } = smishing.addCampaign(companyId, { name: 'Parcel SMS', userIds, createTime: isoAgo(3_600_000) });
	const emailRun = email.addCampaign(companyId, { name: 'Email lure', userIds, createTime: isoAgo(3_600_000) });
	const data = new PollStaticData();
	const params = inCompany('simulationFailed', { channel: 'smishing', behaviours: ['clicked', 'submitteddata'] });
	expect((await fixture.tick(params, data)).items).toEqual([]);

	smishing.recordBehaviour(campaign.resourceId, run.instanceGroup, userIds[0], 'clicked', later(1));
	email.recordBehaviour(emailRun.campaign.resourceId, 1, userIds[1], 'clicked', later(2));
	const result = await fixture.tick(params, data);
	expect(jsons(result.items)).toEqual([
		expect.objectContaining({
			event: 'simulationFailed',
			channel: 'smishing',
			behaviour: 'clicked',
			campaign: { smishingCampaignResourceId: campaign.resourceId, instanceGroup: 1, name: 'Parcel SMS' },
			record: expect.objectContaining({ email: fixture.sandbox.store.data(companyId).targetUsers.get(userIds[0])?.email }),
		}),
	]);
	const paths = fixture.apiRequests().map((request) => request.path);
	expect(paths).toContain('/api/smishing-simulator/smishing-campaign-job-report/search');
	expect(paths).toContain(`/api/smishing-simulator/smishing-campaign-job-report/clicked/search/${campaign.resourceId}/1`);
	expect(paths.some((path) => path.startsWith('/api/phishing-simulator/'))).toBe(false);
});

it('Simulation Reported with Channel = Quishing emits reports of QR-code simulations', async () => {
	const quishing = channelJourneyOf(fixture.sandbox.store, 'quishing');
	const { campaign } = quishing.addCampaign(companyId, { name: 'QR parking', userIds, createTime: isoAgo(3_600_000) });
	const data = new PollStaticData();
	const params = inCompany('simulationReported', { channel: 'quishing' });
	await fixture.tick(params, data);
	quishing.recordBehaviour(campaign.resourceId, 1, userIds[2], 'reported', later(1));
	const result = await fixture.tick(params, data);
	expect(jsons(result.items)).toEqual([expect.objectContaining({ channel: 'quishing', behaviour: 'reported', campaign: expect.objectContaining({ quishingCampaignResourceId: campaign.resourceId }) })]);
});

it('refuses settings a channel cannot have, before any request', async () => {
	const reported = await fixture.tick(inCompany('simulationReported', { channel: 'smishing' }), new PollStaticData());
	expect(reported.error?.message).toBe('A smishing campaign cannot be reported');
	const attachment = await fixture.tick(inCompany('simulationFailed', { channel: 'smishing', behaviours: ['attachmentopened'] }), new PollStaticData());
	expect(attachment.error?.message).toBe('Opened attachment cannot happen in a smishing campaign');
	expect(fixture.apiRequests()).toHaveLength(0);
});
