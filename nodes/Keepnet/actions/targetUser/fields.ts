import type { INodeProperties } from 'n8n-workflow';

import { companyLocator, optionsCollection, recordLocator } from '../../helpers/descriptions';
import { BULK_CREATE_MIN_USERS } from '../../helpers/limits';

/** Editor fields of the Target User operations. */

export const targetUserLocator = () =>
	recordLocator({
		name: 'targetUserId',
		displayName: 'Target User',
		searchListMethod: 'searchTargetUsers',
		description: 'The target user, searchable by name or email within the selected company',
	});

export const priorityOptions = [
	{ name: 'High', value: 'High' },
	{ name: 'Low', value: 'Low' },
	{ name: 'Medium', value: 'Medium' },
	{ name: 'Very High', value: 'VeryHigh' },
	{ name: 'Very Low', value: 'VeryLow' },
];

/** The optional fields of a target user, shared by Create, Create or Update and Update. */
export const targetUserOptionalFields: INodeProperties[] = [
	{
		displayName: 'Active',
		name: 'isActive',
		type: 'boolean',
		default: true,
		description: 'Whether the user is active (counts toward the license and receives simulations and training)',
	},
	{
		displayName: 'Department',
		name: 'department',
		type: 'string',
		default: '',
		placeholder: 'e.g. Finance',
		description: 'Max 256 characters on create, 64 on update',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Jane',
		description: 'Max 256 characters on create, 40 on update',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Doe',
		description: 'Max 256 characters on create, 40 on update',
	},
	{
		displayName: 'Manager Email',
		name: 'managerEmail',
		type: 'string',
		placeholder: 'e.g. manager@example.com',
		default: '',
	},
	{
		displayName: 'Manager First Name',
		name: 'managerFirstName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Manager Last Name',
		name: 'managerLastName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Preferred Language Name or ID',
		name: 'preferredLanguageId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLanguages' },
		default: '',
		description:
			'Language of the training and emails the user receives. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: priorityOptions,
		default: 'Medium',
		description: 'How closely the user is targeted by simulations',
	},
	{
		displayName: 'Target Group Names or IDs',
		name: 'targetGroupIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
		default: [],
		description:
			'Groups of the selected company to put the user in. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Time Zone Name or ID',
		name: 'timeZoneId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimeZones' },
		default: '',
		description:
			'Time zone of the user (IDs are Windows time zone IDs such as GMT Standard Time). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const AUTO_MAP_FIELD_LIST = 'email, phoneNumber, firstName, lastName, department, priority, managerFirstName, managerLastName, managerEmail, timeZoneId, preferredLanguageId';

/** The notice under Mapping Mode once Map Automatically is chosen: which input field names it reads. */
export function mappingModeNotice(): INodeProperties {
	return {
		displayName: `Map Automatically reads these input fields by name: ${AUTO_MAP_FIELD_LIST}. Any case, spaces or underscores are allowed, so a sheet's "Phone Number" or "first_name" column works; other fields are ignored.`,
		name: 'autoMapNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mappingMode: ['autoMapInputData'] } },
	};
}

export function mappingModeProperty(defaultMode: 'autoMapInputData' | 'defineBelow'): INodeProperties {
	return {
		displayName: 'Mapping Mode',
		name: 'mappingMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Map Automatically',
				value: 'autoMapInputData',
				description: 'Use the input fields whose names match the target user fields (listed under this field once chosen)',
			},
			{
				name: 'Map Each Field Below',
				value: 'defineBelow',
				description: 'Set each field, e.g. with an expression',
			},
		],
		default: defaultMode,
	};
}

/** Options → Create New Users in Bulk of Create and Create or Update (bulkImport/bulkWrite.ts does the work). */
const bulkCreateOption: INodeProperties = {
	displayName: 'Create New Users in Bulk',
	name: 'bulkCreate',
	type: 'boolean',
	default: true,
	description: `Whether ${BULK_CREATE_MIN_USERS} or more new users for one company are created through Keepnet's bulk import (about ten requests in all) instead of one request each. Each item still gets its own result. Rows the import cannot settle are sent one by one, and existing users are always updated one by one.`,
};

/** Email, phone number and optional fields: the form Create and Create or Update share. */
export function targetUserWriteFields(operation: string): INodeProperties[] {
	const mappedBelow = { show: { mappingMode: ['defineBelow'] } };
	return [
		companyLocator(),
		mappingModeProperty('defineBelow'),
		mappingModeNotice(),
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. jane.doe@example.com',
			default: '',
			required: true,
			description: "The user's email address (max 320 characters); its domain must be one the customer has verified in Keepnet",
			displayOptions: mappedBelow,
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			placeholder: 'e.g. +441234567890',
			default: '',
			// Create or Update only needs it for a user that does not exist yet; an existing one keeps its stored number.
			required: operation === 'create',
			description:
				operation === 'create'
					? 'Phone number with country code (max 20 characters); Keepnet requires it for every new user'
					: 'Phone number with country code (max 20 characters). Needed when no user with this email exists yet in the company (Keepnet requires it to create one); for an existing user, leave it empty to keep the stored number.',
			displayOptions: mappedBelow,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: targetUserOptionalFields,
			displayOptions: mappedBelow,
		},
		optionsCollection([bulkCreateOption]),
	];
}

/** The fields of Add to Groups and Remove From Groups. */
export function groupMembershipFields(): INodeProperties[] {
	return [
		companyLocator(),
		targetUserLocator(),
		{
			displayName: 'Target Group Names or IDs',
			name: 'targetGroupIds',
			type: 'multiOptions' as const,
			typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
			default: [],
			required: true,
			description:
				'Groups of the selected company. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	];
}
