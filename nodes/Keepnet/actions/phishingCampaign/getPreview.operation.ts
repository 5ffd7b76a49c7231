import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, simplifyToggle } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { getCampaignPreview } from './api';
import { readCampaignTarget, type CampaignTarget } from './body';
import { campaignLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), campaignLocator(), simplifyToggle()];

interface Prepared extends CampaignTarget {
	simplify: boolean;
}

/**
 * Fields of the preview's SMTP setting that hold its login secret (SmtpSettingDto carries the server's password,
 * docs/results-reporting.md). They never reach the output, raw or simplified, and the run redacts their values from
 * every later error text, as it does with a customer's client secret.
 */
const SMTP_SECRET_FIELD = /password|secret|token/i;

const asRecord = (value: unknown): IDataObject | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined);
const asRecords = (value: unknown): IDataObject[] => (Array.isArray(value) ? value.map(asRecord).filter((row): row is IDataObject => row !== undefined) : []);
const textOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The SMTP setting without its secrets, and those secrets' values (for the run's redaction). */
function withoutSmtpSecrets(setting: IDataObject | undefined): { setting: IDataObject | null; secrets: string[] } {
	if (!setting) return { setting: null, secrets: [] };
	const kept: IDataObject = {};
	const secrets: string[] = [];
	for (const [field, value] of Object.entries(setting)) {
		if (SMTP_SECRET_FIELD.test(field)) {
			if (typeof value === 'string' && value !== '') secrets.push(value);
		} else {
			kept[field] = value;
		}
	}
	return { setting: kept, secrets };
}

/** What a person checks before a campaign goes out: each scenario's email as the target sees it, and how it is sent. */
function simplifyPreview(campaignId: string, preview: IDataObject, smtp: IDataObject | null): IDataObject {
	const direct = asRecord(preview.directEmailSettingDto);
	const delivery = smtp ? { type: 'SMTP', name: textOf(smtp.name) } : direct ? { type: 'Direct Email Creation', name: textOf(direct.name) } : null;
	return {
		campaignId,
		deliverySetting: delivery,
		scenarios: asRecords(preview.phishingScenarioPreviewList).map((scenario) => {
			const email = asRecord(scenario.emailTemplate);
			return {
				name: textOf(scenario.name),
				subject: textOf(email?.subject),
				fromName: textOf(email?.fromName),
				fromAddress: textOf(email?.fromAddress),
				landingPage: textOf(asRecord(scenario.landingPageTemplate)?.name),
			};
		}),
		categories: asRecords(preview.categoryList)
			.map((category) => textOf(category.name))
			.filter((name): name is string => name !== null),
	};
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return { ...readCampaignTarget(this, session, itemIndex), simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
	},
	identifyBy: ['campaignId'],
	async run(prepared, itemIndex, session) {
		const preview = await getCampaignPreview(session, prepared.companyId, prepared.campaignId, itemIndex);
		const { setting: smtp, secrets } = withoutSmtpSecrets(asRecord(preview.smtpSettingDto));
		session.rememberCustomerSecrets(secrets);
		if (prepared.simplify) return [{ json: simplifyPreview(prepared.campaignId, preview, smtp) }];
		return [{ json: { campaignId: prepared.campaignId, ...preview, smtpSettingDto: smtp } }];
	},
};
