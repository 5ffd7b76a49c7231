import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asDeliverySetting, DELIVERY_TYPE_DIRECT_EMAIL, DELIVERY_TYPE_SMTP, listDeliverySettings, type DeliverySetting } from '../../helpers/catalogue';
import { inputError } from '../../helpers/validation';
import { listChannelRuns, resolveRunNumber } from '../simulation/api';
import { CHANNELS } from '../../helpers/simulationChannels';
import type { KeepnetSession } from '../../transport/session';

/** Keepnet calls more than one Phishing Campaign operation makes. */

export const campaignNotFound = (companyId: string, campaignId: string) => `phishing campaign "${campaignId}" in company "${companyId}"`;

/** GET /api/phishing-simulator/phishing-campaign/{id}: PhishingCampaignDto (the stored settings). */
export async function getCampaign(session: KeepnetSession, companyId: string, campaignId: string, itemIndex: number): Promise<IDataObject> {
	const campaign = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/phishing-simulator/phishing-campaign/${campaignId}`,
		companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: campaignNotFound(companyId, campaignId),
	});
	return campaign ?? {};
}

/**
 * What the campaign sends: its scenarios' emails and landing pages, its delivery setting and the scenario categories
 * (GET …/phishing-campaign/preview/{id}, docs/results-reporting.md). The SMTP setting in it carries a password.
 */
export async function getCampaignPreview(session: KeepnetSession, companyId: string, campaignId: string, itemIndex: number): Promise<IDataObject> {
	const preview = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/phishing-simulator/phishing-campaign/preview/${campaignId}`,
		companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: campaignNotFound(companyId, campaignId),
	});
	return preview ?? {};
}

/** The runs of one campaign, highest instanceGroup first (the same call for every simulation channel). */
export async function listRuns(session: KeepnetSession, companyId: string, campaignId: string, itemIndex: number): Promise<IDataObject[]> {
	return await listChannelRuns(session, CHANNELS.phishing, companyId, campaignId, itemIndex);
}

/** The run to act on: the given number, or the latest run of the campaign; a campaign without runs is an error naming the fix. */
export async function resolveRun(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	campaignId: string,
	instanceGroup: number | undefined,
	itemIndex: number,
): Promise<number> {
	return await resolveRunNumber(ctx, async () => await listRuns(session, companyId, campaignId, itemIndex), CHANNELS.phishing.label, campaignId, instanceGroup, itemIndex);
}

/**
 * The delivery setting a new campaign sends with: the chosen one, which must be one of the company's, or else the
 * company's default as Keepnet's web app and agent read it (GET …/default-email-delivery-setting, docs/keepnet-api.md#phishing-campaign-create).
 * Whether Keepnet picks one itself when none is sent is unverified, so the node never leaves it out.
 */
export async function campaignDeliverySetting(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	chosenId: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	let setting: DeliverySetting | undefined;
	if (chosenId !== undefined) {
		const settings = await listDeliverySettings(session, companyId, itemIndex);
		setting = settings.find((candidate) => candidate.resourceId === chosenId);
		if (!setting) {
			const names = settings.map((candidate) => `${candidate.name ?? candidate.resourceId} (${candidate.resourceId})`);
			throw inputError(
				ctx,
				itemIndex,
				`Email Delivery Setting "${chosenId}" is not one of company "${companyId}"'s delivery settings`,
				names.length === 0 ? 'The company has no SMTP or Direct Email setting in Keepnet: add one there first.' : `Its settings are ${names.join(', ')}. Pick one from the list, or leave the field empty for the company's default.`,
			);
		}
	} else {
		setting = asDeliverySetting(
			await session.request<IDataObject | undefined>({
				method: 'GET',
				path: '/api/phishing-simulator/phishing-campaign/default-email-delivery-setting',
				companyId,
				retry: 'safe',
				itemIndex,
			}),
		);
		if (!setting) {
			throw new NodeOperationError(ctx.getNode(), `Company "${companyId}" has no default email delivery setting in Keepnet (item ${itemIndex})`, {
				itemIndex,
				description: 'A campaign needs an SMTP or Direct Email setting to send with. Choose one under Additional Fields → Email Delivery Setting, or set one up in Keepnet.',
			});
		}
	}
	// As the web app sends it: the type, the id in the field of that type, the other one null.
	return {
		emailDeliverySettingType: setting.type,
		smtpSettingResourceId: setting.type === DELIVERY_TYPE_SMTP ? setting.resourceId : null,
		directEmailSettingResourceId: setting.type === DELIVERY_TYPE_DIRECT_EMAIL ? setting.resourceId : null,
	};
}
