import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../helpers/descriptions';

/** Editor fields of the Phishing Campaign operations. */

export const campaignLocator = () =>
	recordLocator({
		name: 'campaignId',
		displayName: 'Campaign',
		searchListMethod: 'searchPhishingCampaigns',
		description: 'The phishing campaign, searchable by name within the selected company',
	});

export const scenarioLocator = () =>
	recordLocator({
		name: 'scenarioId',
		displayName: 'Scenario',
		searchListMethod: 'searchPhishingScenarios',
		description: 'The phishing scenario (email template and landing page) to send, searchable by name',
		byNamePlaceholder: 'e.g. Password Expiry 1',
	});

export const targetGroupsField = (required: boolean, description: string): INodeProperties => ({
	displayName: 'Target Group Names or IDs',
	name: 'targetGroupIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
	required,
	default: [],
	description: `${description} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
});

/** Which run ("campaign job", identified by its instanceGroup number) an operation acts on. */
export function runFields(): INodeProperties[] {
	return [
		{
			displayName: 'Run',
			name: 'run',
			type: 'options',
			options: [
				{ name: 'Latest Run', value: 'latest', description: 'The run started last' },
				{ name: 'Run Number', value: 'number', description: 'A run by its number (instance group)' },
			],
			default: 'latest',
			description: 'Each Start makes a new run of the campaign',
		},
		{
			displayName: 'Run Number',
			name: 'instanceGroup',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: "The run's instance group number, as Start returns it",
			displayOptions: { show: { run: ['number'] } },
		},
	];
}

/** Schedule types of CreatePhishingCampaignRequest.scheduleTypeId (docs/keepnet-api.md#phishing-campaign-create). */
export const SCHEDULE_TYPE_IDS = { now: 1, later: 2, schedule: 3 } as const;

export const scheduleDateFields = (): INodeProperties[] => {
	const scheduled = { show: { schedule: ['schedule'] } };
	return [
		{
			displayName: 'Scheduled Date',
			name: 'scheduledDate',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'When Keepnet starts sending (sent as ISO 8601 UTC)',
			displayOptions: scheduled,
		},
		{
			displayName: 'Time Zone ID',
			name: 'timeZoneId',
			type: 'string',
			default: '',
			placeholder: 'e.g. GMT Standard Time',
			description: "Time zone of the schedule. Empty: the company's own time zone.",
			displayOptions: scheduled,
		},
	];
};

export const campaignSortFields = [
	{ name: 'Create Time', value: 'CreateTime' },
	{ name: 'Name', value: 'Name' },
	{ name: 'Status', value: 'Status' },
];

export const SIMPLIFIED_CAMPAIGN_FIELDS = ['resourceId', 'name', 'status', 'instanceGroup', 'instanceCount', 'scenarioCount', 'targetUsers', 'createTime', 'lastLaunch', 'createdBy'] as const;
