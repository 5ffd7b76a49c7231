import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolveTrainingId, trainingLanguages } from '../../helpers/catalogue';
import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordReference, type RecordReference } from '../../helpers/parameters';
import { inputError, keepnetIdList, optionalString, requiredString } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { languagesOfferedBy } from './api';
import { createdEnrollmentId, optionalDate, optionalWholeNumber, requiredDate } from './body';
import { REMINDER_END_TYPES, REMINDER_PERIOD_TYPES, trainingLocator } from './fields';

const scheduled = { show: { sendMode: ['schedule'] } };

/** No length limit in the spec; the UI's name input and Keepnet's other names stay well below this. */
const ENROLLMENT_NAME_MAX = 256;
const LANGUAGE_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export const description: INodeProperties[] = [
	companyLocator(),
	trainingLocator(),
	{
		displayName: 'Enrollment Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Onboarding - Security Basics',
		description: 'Name of the enrollment, shown in Keepnet’s enrollment list and reports',
	},
	{
		displayName: 'Target Group Names or IDs',
		name: 'targetGroupIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
		required: true,
		default: [],
		description:
			'Groups whose members are enrolled. Keepnet has no per-user recipient: to enrol particular users, add them to a group first (Target User → Add to Groups). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'When to Send',
		name: 'sendMode',
		type: 'options',
		options: [
			{ name: 'Send Now', value: 'now', description: 'Keepnet starts sending the training emails when the enrollment is created' },
			{ name: 'Schedule', value: 'schedule', description: 'Keepnet waits until the scheduled date; Send starts it earlier' },
		],
		default: 'now',
	},
	{
		displayName: 'Scheduled Date',
		name: 'scheduledDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When Keepnet sends the training emails (sent as ISO 8601 UTC)',
		displayOptions: scheduled,
	},
	{
		displayName: 'Time Zone ID',
		name: 'timeZoneId',
		type: 'string',
		default: '',
		placeholder: 'e.g. GMT Standard Time',
		description: "Time zone of the schedule. Empty: Keepnet uses the company's own time zone.",
		displayOptions: scheduled,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Award Certificate',
				name: 'awardCertificate',
				type: 'boolean',
				default: false,
				description: 'Whether users who complete the training get a certificate',
			},
			{
				displayName: 'Due Date',
				name: 'dueDate',
				type: 'dateTime',
				default: '',
				description: 'By when users should complete the training (only with When to Send: Schedule)',
			},
			{
				displayName: 'Language Names or IDs',
				name: 'languageIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTrainingLanguages', loadOptionsDependsOn: ['companyId.value', 'trainingId.value'] },
				default: [],
				description:
					'Content languages to offer, among the chosen training\'s own. Empty: the languages Keepnet chooses for the training. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Mark as Test',
				name: 'markedAsTest',
				type: 'boolean',
				default: false,
				description: 'Whether Keepnet leaves this enrollment out of dashboard and report statistics',
			},
			{
				displayName: 'Reminder',
				name: 'reminder',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Reminder',
				description: 'Reminder emails to users who have not finished',
				options: [
					{
						displayName: 'Reminder',
						name: 'value',
						values: [
							{
						displayName: 'Every',
						name: 'periodCount',
						type: 'number',
						default: 1,
						description: 'How many periods between reminders',
							},
							{
						displayName: 'Number of Reminders',
						name: 'occurrenceCount',
						type: 'number',
						default: 3,
						description: 'Only with Stop When: After a Number of Reminders',
							},
							{
						displayName: 'Period',
						name: 'periodType',
						type: 'options',
						options: REMINDER_PERIOD_TYPES.map((period) => ({ name: `${period}s`, value: period })),
						default: 'Day',
						description: 'The unit of Every',
							},
							{
						displayName: 'Stop On',
						name: 'stopTime',
						type: 'dateTime',
						default: '',
						description: 'Only with Stop When: On a Date',
							},
							{
						displayName: 'Stop When',
						name: 'endType',
						type: 'options',
						options: [
									{
										name: 'After a Number of Reminders',
										value: 'AfterOccurrences',
									},
									{
										name: 'On a Date',
										value: 'OnDate',
									},
									{
										name: 'Quiz Completed',
										value: 'QuizCompleted',
									},
									{
										name: 'Quiz Passed',
										value: 'QuizSuccessfullyCompleted',
									},
									{
										name: 'Training Completed',
										value: 'TrainingCompleted',
									},
								],
						default: 'TrainingCompleted',
							},
					],
					},
				],
			},
		],
	},
];

interface Prepared {
	companyId: string;
	training: RecordReference;
	body: IDataObject;
}

function readReminder(ctx: IExecuteFunctions, reminder: IDataObject | undefined, itemIndex: number): IDataObject | null {
	if (!reminder) return null;
	const periodCount = optionalWholeNumber(ctx, reminder.periodCount ?? 1, 'Reminder → Every', itemIndex, 1, 365) ?? 1;
	const periodType = String(reminder.periodType ?? 'Day');
	if (!(REMINDER_PERIOD_TYPES as readonly string[]).includes(periodType)) {
		throw inputError(ctx, itemIndex, `Reminder → Period "${periodType}" is not one Keepnet knows`, `Use one of: ${REMINDER_PERIOD_TYPES.join(', ')}.`);
	}
	const endType = String(reminder.endType ?? 'TrainingCompleted');
	if (!(REMINDER_END_TYPES as readonly string[]).includes(endType)) {
		throw inputError(ctx, itemIndex, `Reminder → Stop When "${endType}" is not one Keepnet knows`, `Use one of: ${REMINDER_END_TYPES.join(', ')}.`);
	}
	const result: IDataObject = { periodCount, periodType, endType };
	if (endType === 'AfterOccurrences') {
		result.occurrenceCount = optionalWholeNumber(ctx, reminder.occurrenceCount, 'Reminder → Number of Reminders', itemIndex, 1, 100);
		if (result.occurrenceCount === undefined) {
			throw inputError(ctx, itemIndex, 'Reminder → Number of Reminders is required with Stop When: After a Number of Reminders', 'Set Number of Reminders, e.g. 3.');
		}
	}
	if (endType === 'OnDate') result.stopTime = requiredDate(ctx, reminder.stopTime, 'Reminder → Stop On', itemIndex, 'with Stop When: On a Date');
	return result;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const training = readRecordReference(this, 'trainingId', 'Training', itemIndex);
		const name = requiredString(this, this.getNodeParameter('name', itemIndex, ''), 'Enrollment Name', itemIndex, { max: ENROLLMENT_NAME_MAX });
		const targetGroupResourceIds = keepnetIdList(this, this.getNodeParameter('targetGroupIds', itemIndex, []), 'Target Groups', itemIndex);
		if (targetGroupResourceIds.length === 0) {
			throw inputError(this, itemIndex, 'Target Groups is empty', 'Choose at least one target group; its members are the ones enrolled.');
		}
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const sendMode = this.getNodeParameter('sendMode', itemIndex, 'now') as string;
		let enrollmentScheduler: IDataObject | null = null;
		const dueDate = optionalDate(this, additional.dueDate, 'Due Date', itemIndex);
		if (sendMode === 'schedule') {
			const scheduledDate = requiredDate(this, this.getNodeParameter('scheduledDate', itemIndex, ''), 'Scheduled Date', itemIndex, 'with When to Send: Schedule');
			const timeZoneId = optionalString(this, this.getNodeParameter('timeZoneId', itemIndex, ''), 'Time Zone ID', itemIndex, { max: 128 });
			if (dueDate !== undefined && dueDate <= scheduledDate) {
				throw inputError(this, itemIndex, 'Due Date must be after Scheduled Date', 'Move Due Date after Scheduled Date, or clear it.');
			}
			enrollmentScheduler = { scheduledDate, scheduledTimeZoneId: timeZoneId ?? null, useOwnTimeZone: timeZoneId === undefined, dueDate: dueDate ?? null };
		} else if (sendMode !== 'now') {
			throw inputError(this, itemIndex, `When to Send "${sendMode}" is not one the node knows`, 'Use now or schedule.');
		} else if (dueDate !== undefined) {
			throw inputError(this, itemIndex, 'Due Date needs When to Send: Schedule', 'Keepnet takes a due date only inside a schedule: choose Schedule, or clear Due Date.');
		}
		const languageIds = (Array.isArray(additional.languageIds) ? additional.languageIds : []).map((id) => String(id).trim()).filter((id) => id !== '');
		for (const id of languageIds) {
			if (!LANGUAGE_ID_PATTERN.test(id)) throw inputError(this, itemIndex, `Languages "${id.slice(0, 40)}" is not a language ID`, 'Pick the languages from the list.');
		}
		const reminderValue = (additional.reminder as IDataObject | undefined)?.value as IDataObject | undefined;
		return {
			companyId,
			training,
			body: {
				name,
				targetGroupResourceIds,
				languageIds,
				enrollmentScheduler,
				enrollmentReminder: readReminder(this, reminderValue, itemIndex),
				awardCertificate: additional.awardCertificate === true,
				markedAsTest: additional.markedAsTest === true,
			},
		};
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, session) {
		const trainingId = await resolveTrainingId(this, session, prepared.companyId, prepared.training, itemIndex);
		const chosenLanguages = prepared.body.languageIds as string[];
		// Keepnet refuses a language the training lacks: checked against the training's own before anything is written.
		const languageIds =
			chosenLanguages.length === 0
				? []
				: languagesOfferedBy(this, await trainingLanguages(session, prepared.companyId, trainingId, itemIndex), chosenLanguages, trainingId, itemIndex);
		const body: IDataObject = { trainingId, ...prepared.body, languageIds };
		// Never retried after a 5xx or a dropped connection: the first attempt may have enrolled the users.
		const created = await session.request<IDataObject | undefined>({
			method: 'POST',
			path: '/api/enrollments',
			body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: `training "${trainingId}" or one of the target groups in company "${prepared.companyId}"`,
		});
		return [{ json: { enrollmentId: createdEnrollmentId(created), companyId: prepared.companyId, ...(created ?? {}) } }];
	},
};
