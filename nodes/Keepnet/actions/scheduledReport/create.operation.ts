import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, companyLocator, recordLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { inputError, keepnetIdList, optionalBoolean, requiredEmail, requiredString } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { EXECUTIVE_REPORT_TYPE, FREQUENCIES } from './api';

interface Prepared {
	companyId: string;
	body: IDataObject;
}

export const description: INodeProperties[] = [
	{
		displayName: 'A schedule emails the customer\'s report to every address and every member of every target group given here, until it is deactivated',
		name: 'recipientsNotice',
		type: 'notice',
		default: '',
	},
	companyLocator('The customer company of the report (sent as the scope header)'),
	recordLocator({
		name: 'reportId',
		displayName: 'Executive Report',
		searchListMethod: 'searchExecutiveReports',
		description: 'The executive report to send',
	}),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. Monthly board report', description: 'Name of the schedule' },
	{
		displayName: 'Frequency',
		name: 'frequency',
		type: 'options',
		options: FREQUENCIES.map((name, index) => ({ name, value: index })),
		default: 3,
		description: 'How often the report is sent',
	},
	{ displayName: 'First Send', name: 'schedule', type: 'dateTime', default: '', required: true, description: 'When the report is first sent' },
	{
		displayName: 'Time Zone Name or ID',
		name: 'timeZoneId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimeZones' },
		default: '',
		required: true,
		description: 'Time zone of First Send. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Email Addresses',
		name: 'emailAddresses',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		placeholder: 'e.g. ciso@customer.example',
		description: 'Who receives the report by email',
	},
	additionalFieldsCollection([
		{
			displayName: 'Manager Emails',
			name: 'managerEmails',
			type: 'string',
			typeOptions: { multipleValues: true },
			default: [],
			description: 'Managers who receive it (reports with manager widgets only)',
		},
		{
			displayName: 'Send in Each Recipient\'s Time Zone',
			name: 'isRegionAwareTimeZone',
			type: 'boolean',
			default: false,
			description: "Whether each target user gets it at First Send's time in their own time zone (the company's when they have none)",
		},
		{
			displayName: 'Target Group Names or IDs',
			name: 'targetGroupIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTargetGroups' },
			default: [],
			description: 'Every member of these groups receives the report. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
];

function emails(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined || value === null ? [] : [value];
	return list
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '')
		.map((entry) => requiredEmail(ctx, entry, field, itemIndex));
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const reportResourceId = readRecordId(this, 'reportId', 'Executive Report', itemIndex);
		const name = requiredString(this, this.getNodeParameter('name', itemIndex, ''), 'Name', itemIndex, { max: 100 });
		const frequency = Number(this.getNodeParameter('frequency', itemIndex, 3));
		if (!Number.isInteger(frequency) || frequency < 0 || frequency >= FREQUENCIES.length) {
			throw inputError(this, itemIndex, `Frequency "${String(frequency)}" is not one Keepnet offers`, `Choose ${FREQUENCIES.join(', ')}.`);
		}
		const scheduleText = String(this.getNodeParameter('schedule', itemIndex, '') ?? '').trim();
		const scheduleMs = Date.parse(scheduleText);
		if (scheduleText === '' || Number.isNaN(scheduleMs)) throw inputError(this, itemIndex, `First Send "${scheduleText}" is not a date`, 'Pick a date and time, e.g. 2026-02-01T08:00:00.');
		const timeZoneId = requiredString(this, this.getNodeParameter('timeZoneId', itemIndex, ''), 'Time Zone', itemIndex, { max: 100 });
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const emailAddresses = emails(this, this.getNodeParameter('emailAddresses', itemIndex, []), 'Email Addresses', itemIndex);
		const managerEmails = emails(this, additional.managerEmails, 'Manager Emails', itemIndex);
		const targetGroupResourceIds = keepnetIdList(this, additional.targetGroupIds ?? [], 'Target Groups', itemIndex);
		if (emailAddresses.length + managerEmails.length + targetGroupResourceIds.length === 0) {
			throw inputError(this, itemIndex, 'The schedule has no recipient', 'Add an email address, a manager email or a target group.');
		}
		return {
			companyId,
			body: {
				reportType: EXECUTIVE_REPORT_TYPE,
				reportResourceId,
				name,
				frequency,
				// ISO 8601 UTC, the spec's date-time (the console's display-format string is a conflict, docs/billing-and-reports.md).
				schedule: new Date(scheduleMs).toISOString(),
				scheduledDateTimeZoneId: timeZoneId,
				isRegionAwareTimeZone: optionalBoolean(this, additional.isRegionAwareTimeZone, 'Send in Each Recipient\'s Time Zone', itemIndex) ?? false,
				emailAddresses,
				managerEmails,
				targetGroupResourceIds,
			},
		};
	},
	async run(prepared, itemIndex, session) {
		// Never replayed: a create whose answer was lost may have made the schedule (Keepnet declares 201).
		const created = await session.request<IDataObject | undefined>({
			method: 'POST',
			path: '/api/report-scheduling',
			body: prepared.body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
		});
		return [{ json: { resourceId: created?.resourceId ?? null, companyId: prepared.companyId, ...prepared.body } }];
	},
};
