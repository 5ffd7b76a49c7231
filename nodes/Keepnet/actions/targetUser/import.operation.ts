import type { INodeProperties } from 'n8n-workflow';

import { companyLocator, optionsCollection } from '../../helpers/descriptions';
import type { BatchOperation } from '../types';
import { DEFAULT_MAX_WAIT_SECONDS, importTargetUsers } from './bulkImport';
import { mappingModeNotice, mappingModeProperty, targetUserOptionalFields } from './fields';

const mappedBelow = { show: { mappingMode: ['defineBelow'] } };

const importableOptionalFields = targetUserOptionalFields.filter(
	(field) => field.name !== 'isActive' && field.name !== 'targetGroupIds',
);

export const description: INodeProperties[] = [
	{
		displayName:
			'Sends all input items to Keepnet as one file through its bulk import: thousands of users in a handful of requests. Each output item says whether its row was created, updated, skipped or invalid. Preferred Language is not put in the file (Keepnet\'s import is not known to map it): it is set on each created or updated user afterwards, one update per user, and checked (output field preferredLanguageSet).',
		name: 'importNotice',
		type: 'notice',
		default: '',
	},
	companyLocator(),
	mappingModeProperty('autoMapInputData'),
	mappingModeNotice(),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. jane.doe@example.com',
		default: '',
		required: true,
		description: 'Email of the user in this row; users are matched by email, so an existing one is updated',
		displayOptions: mappedBelow,
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		placeholder: 'e.g. +441234567890',
		default: '',
		description: 'Phone number with country code (max 20 characters)',
		displayOptions: mappedBelow,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: importableOptionalFields,
		displayOptions: mappedBelow,
	},
	optionsCollection([
		{
			displayName: 'Group Names or IDs',
			name: 'targetGroupIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
			default: [],
			description:
				'Target groups every imported user is added to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Import Mode',
			name: 'importMode',
			type: 'options',
			options: [
				{ name: 'Create New and Update Existing', value: 'ImportAll' },
				{ name: 'Only Create New Users', value: 'OnlyNew' },
				{ name: 'Only Update Existing Users', value: 'OnlyUpdateExisting' },
			],
			default: 'ImportAll',
		},
		{
			displayName: 'Stop on Invalid Row',
			name: 'stopOnInvalidRow',
			type: 'boolean',
			default: false,
			description:
				'Whether one invalid row (e.g. a malformed email) stops the whole import before anything is sent. Off: the valid rows are imported and each invalid one is reported as outcome "invalid" with the reason.',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 10 },
			default: DEFAULT_MAX_WAIT_SECONDS,
			description: 'How long to wait for Keepnet to process the file before giving up',
		},
	]),
];

/**
 * Target User → Import (bulk): all input items become one CSV file that goes through Keepnet's import
 * flow (upload, column mapping, mapping job, preview, import job). Output: one item per input item with
 * its outcome (created, updated, skipped, invalid with the reason, failed), paired to that item.
 */
export const handler: BatchOperation = {
	kind: 'batch',
	execute: importTargetUsers,
};
