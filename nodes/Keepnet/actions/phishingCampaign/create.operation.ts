import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { resolveScenarioId } from '../../helpers/catalogue';
import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordReference, type RecordReference } from '../../helpers/parameters';
import { inputError, optionalString, requiredString, requireKeepnetId } from '../../helpers/validation';
import { buildFilter, resultsOf } from '../../transport/search';
import { optionalWholeNumber } from '../trainingEnrollment/body';
import type { ItemOperation } from '../types';
import { campaignDeliverySetting } from './api';
import { readScheduledDate, readTargetGroupIds } from './body';
import { scenarioLocator, scheduleDateFields, SCHEDULE_TYPE_IDS, targetGroupsField } from './fields';

/** Limits of CreatePhishingCampaignRequest (SPEC-ORIG, docs/keepnet-api.md#phishing-campaign-create). */
const CAMPAIGN_NAME_MAX = 200;
const CAMPAIGN_DESCRIPTION_MAX = 300;
/** Tracking duration in days: the UI takes up to 3 digits. */
const DURATION_MAX_DAYS = 999;

const DELAY_TIME_TYPE_IDS = { seconds: 1, minutes: 2, hours: 3 } as const;

export const description: INodeProperties[] = [
	companyLocator(),
	{
		displayName: 'Campaign Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Onboarding baseline test',
		description: 'Name of the campaign (1 to 200 characters)',
	},
	scenarioLocator(),
	targetGroupsField(true, 'Groups whose members receive the simulated phishing email.'),
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'options',
		options: [
			{ name: 'Save for Later', value: 'later', description: 'Create the campaign without sending; Start sends it' },
			{ name: 'Schedule', value: 'schedule', description: 'Keepnet starts the first run on the scheduled date' },
			{ name: 'Send Now', value: 'now', description: 'Keepnet starts the first run at once (do not also run Start: that adds a second run)' },
		],
		default: 'later',
	},
	...scheduleDateFields(),
	{
		displayName: 'Tracking Duration (Days)',
		name: 'duration',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: DURATION_MAX_DAYS },
		default: 30,
		description: 'How many days Keepnet records opens, clicks and submissions after sending',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Delay Between Batches',
				name: 'delayEvery',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 20,
				description: 'Pause between two batches of emails, in the unit below',
			},
			{
				displayName: 'Delay Unit',
				name: 'delayUnit',
				type: 'options',
				options: [
					{ name: 'Hours', value: 'hours' },
					{ name: 'Minutes', value: 'minutes' },
					{ name: 'Seconds', value: 'seconds' },
				],
				default: 'seconds',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Up to 300 characters',
			},
			{
				displayName: 'Email Delivery Setting Name or ID',
				name: 'emailDeliverySettingId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getEmailDeliverySettings', loadOptionsDependsOn: ['companyId.value'] },
				default: '',
				description:
					'The SMTP or Direct Email setting Keepnet sends the emails with, for companies that have several. Empty: the company\'s default. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Emails per Batch',
				name: 'sendingLimit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'How many emails Keepnet sends at a time',
			},
			{
				displayName: 'Mark as Test',
				name: 'excludeFromReports',
				type: 'boolean',
				default: false,
				description: 'Whether Keepnet leaves this campaign out of dashboard and report statistics',
			},
			{
				displayName: 'Send Only to Active Users',
				name: 'sendOnlyActiveUsers',
				type: 'boolean',
				default: true,
				description: 'Whether inactive target users in the groups are skipped',
			},
			{
				displayName: "Use Each User's Time Zone",
				name: 'useTargetUserTimeZone',
				type: 'boolean',
				default: false,
				description: "Whether emails go out in each target user's own time zone",
			},
		],
	},
];

interface Prepared {
	companyId: string;
	scenario: RecordReference;
	/** The chosen delivery setting, or undefined for the company's default (both read when the item runs). */
	deliverySettingId: string | undefined;
	body: IDataObject;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const name = requiredString(this, this.getNodeParameter('name', itemIndex, ''), 'Campaign Name', itemIndex, { max: CAMPAIGN_NAME_MAX });
		const scenario = readRecordReference(this, 'scenarioId', 'Scenario', itemIndex);
		const targetGroupResourceIds = readTargetGroupIds(this, itemIndex, true);
		const schedule = this.getNodeParameter('schedule', itemIndex, 'later') as string;
		if (!Object.prototype.hasOwnProperty.call(SCHEDULE_TYPE_IDS, schedule)) {
			throw inputError(this, itemIndex, `Schedule "${schedule}" is not one the node knows`, 'Use later, now or schedule.');
		}
		const duration = optionalWholeNumber(this, this.getNodeParameter('duration', itemIndex, 30), 'Tracking Duration (Days)', itemIndex, 1, DURATION_MAX_DAYS) ?? 30;
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			name,
			description: optionalString(this, additional.description, 'Description', itemIndex, { max: CAMPAIGN_DESCRIPTION_MAX }) ?? null,
			scheduleTypeId: SCHEDULE_TYPE_IDS[schedule as keyof typeof SCHEDULE_TYPE_IDS],
			...readScheduledDate(this, itemIndex, schedule),
			targetGroupResourceIds,
			duration,
			distributionTypeId: 1,
			excludeFromReports: additional.excludeFromReports === true,
			sendOnlyActiveUsers: additional.sendOnlyActiveUsers !== false,
			useTargetUserTimeZone: additional.useTargetUserTimeZone === true,
		};
		const sendingLimit = optionalWholeNumber(this, additional.sendingLimit, 'Emails per Batch', itemIndex, 1, 100_000);
		if (sendingLimit !== undefined) body.sendingLimit = sendingLimit;
		const delayEvery = optionalWholeNumber(this, additional.delayEvery, 'Delay Between Batches', itemIndex, 0, 100_000);
		if (delayEvery !== undefined) {
			const unit = String(additional.delayUnit ?? 'seconds');
			if (!Object.prototype.hasOwnProperty.call(DELAY_TIME_TYPE_IDS, unit)) {
				throw inputError(this, itemIndex, `Delay Unit "${unit}" is not one the node knows`, 'Use seconds, minutes or hours.');
			}
			body.distributionDelayEvery = delayEvery;
			body.distributionDelayTimeTypeId = DELAY_TIME_TYPE_IDS[unit as keyof typeof DELAY_TIME_TYPE_IDS];
		}
		const deliverySettingId =
			additional.emailDeliverySettingId === undefined || additional.emailDeliverySettingId === ''
				? undefined
				: requireKeepnetId(this, additional.emailDeliverySettingId, 'Email Delivery Setting', itemIndex);
		return { companyId, scenario, deliverySettingId, body };
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, session) {
		const scenarioId = await resolveScenarioId(this, session, prepared.companyId, prepared.scenario, itemIndex);
		const body: IDataObject = {
			...prepared.body,
			// Both forms of the scenario list: DOCS send the ids, the UI the objects (docs/keepnet-api.md#phishing-campaign-create).
			phishingScenarioResourceIds: [scenarioId],
			phishingScenarios: [{ phishingScenarioResourceId: scenarioId }],
			...(await campaignDeliverySetting(this, session, prepared.companyId, prepared.deliverySettingId, itemIndex)),
		};
		// Never retried after a 5xx or a dropped connection: the first attempt may have created (and sent) the campaign.
		const created = await session.request<IDataObject | undefined>({
			method: 'POST',
			path: '/api/phishing-simulator/phishing-campaign',
			body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: `scenario or target group of the campaign in company "${prepared.companyId}"`,
		});
		let resourceId = typeof created?.resourceId === 'string' ? created.resourceId : '';
		if (resourceId === '') {
			// The create answer is untyped (SPEC): without an id, the newest campaign of that name is the one just made.
			const page = await session.searchPage<IDataObject>(
				{
					path: '/api/phishing-simulator/phishing-campaign/search',
					body: { filter: buildFilter([{ FieldName: 'Name', Operator: '=', Value: String(body.name) }]), orderBy: 'CreateTime', ascending: false },
					companyId: prepared.companyId,
					itemIndex,
				},
				1,
				1,
			);
			resourceId = String(resultsOf(page)[0]?.resourceId ?? '');
		}
		// The scenario objects repeat the ids; the output keeps the id list only.
		const written: IDataObject = { ...body };
		delete written.phishingScenarios;
		return [{ json: { resourceId, companyId: prepared.companyId, ...written } }];
	},
};
