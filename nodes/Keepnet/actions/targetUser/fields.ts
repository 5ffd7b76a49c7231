import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	keepnetIdList,
	optionalEmail,
	optionalPriority,
	optionalString,
	requiredEmail,
	requiredString,
} from '../../helpers/validation';

/** Keepnet's length limits for target users: UPDATE is stricter than CREATE (OpenAPI spec). */
export const TARGET_USER_LIMITS = {
	create: { name: 256, department: 256, managerName: 256 },
	update: { name: 40, department: 64, managerName: 40 },
} as const;
export type TargetUserLimitSet = keyof typeof TARGET_USER_LIMITS;

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

/**
 * Turns the user's field values into a Keepnet target-user body, checking every value against the
 * limits of the request it will go into. Only fields with a value are included.
 */
export function targetUserBodyFromFields(
	ctx: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
	limitSet: TargetUserLimitSet,
): IDataObject {
	const limits = TARGET_USER_LIMITS[limitSet];
	const body: IDataObject = {};
	const set = (key: string, value: unknown) => {
		if (value !== undefined) body[key] = value;
	};
	if (fields.email !== undefined) set('email', requiredEmail(ctx, fields.email, 'Email', itemIndex));
	if (fields.phoneNumber !== undefined) set('phoneNumber', requiredString(ctx, fields.phoneNumber, 'Phone Number', itemIndex, { max: 20 }));
	set('firstName', optionalString(ctx, fields.firstName, 'First Name', itemIndex, { max: limits.name }));
	set('lastName', optionalString(ctx, fields.lastName, 'Last Name', itemIndex, { max: limits.name }));
	set('department', optionalString(ctx, fields.department, 'Department', itemIndex, { max: limits.department }));
	set('priority', optionalPriority(ctx, fields.priority, itemIndex));
	if (typeof fields.isActive === 'boolean') set('isActive', fields.isActive);
	set('timeZoneId', optionalString(ctx, fields.timeZoneId, 'Time Zone', itemIndex, { max: 128 }));
	set('preferredLanguageId', optionalString(ctx, fields.preferredLanguageId, 'Preferred Language', itemIndex, { max: 64 }));
	set('managerFirstName', optionalString(ctx, fields.managerFirstName, 'Manager First Name', itemIndex, { max: limits.managerName }));
	set('managerLastName', optionalString(ctx, fields.managerLastName, 'Manager Last Name', itemIndex, { max: limits.managerName }));
	set('managerEmail', optionalEmail(ctx, fields.managerEmail, 'Manager Email', itemIndex));
	if (fields.targetGroupIds !== undefined) {
		const groups = keepnetIdList(ctx, fields.targetGroupIds, 'Target Group', itemIndex);
		if (groups.length > 0) body.targetGroupResourceIds = groups;
	}
	return body;
}

/** Fields of a stored target user that an update must send back unchanged (PUT replaces the record). */
export const TARGET_USER_WRITABLE_FIELDS = [
	'email',
	'phoneNumber',
	'firstName',
	'lastName',
	'department',
	'priority',
	'isActive',
	'timeZoneId',
	'preferredLanguageId',
	'managerFirstName',
	'managerLastName',
	'managerEmail',
] as const;

export function writableFieldsOf(stored: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const key of TARGET_USER_WRITABLE_FIELDS) {
		const value = stored[key];
		if (value !== undefined && value !== null && value !== '') body[key] = value;
	}
	return body;
}

export const SIMPLIFIED_TARGET_USER_FIELDS = [
	'resourceId',
	'email',
	'firstName',
	'lastName',
	'department',
	'priority',
	'status',
	'isActive',
	'phoneNumber',
] as const;

/** Input field names (compared without case, spaces, `-` or `_`) that Map Automatically reads for each target user field. */
const AUTO_MAP_NAMES: Record<string, string[]> = {
	email: ['email', 'emailaddress', 'mail'],
	phoneNumber: ['phonenumber', 'phone', 'mobile', 'mobilephone', 'mobilenumber'],
	firstName: ['firstname', 'givenname'],
	lastName: ['lastname', 'surname', 'familyname'],
	department: ['department'],
	priority: ['priority'],
	isActive: ['isactive', 'active'],
	managerFirstName: ['managerfirstname'],
	managerLastName: ['managerlastname'],
	managerEmail: ['manageremail'],
	timeZoneId: ['timezoneid', 'timezone'],
	preferredLanguageId: ['preferredlanguageid', 'preferredlanguage'],
};

const fieldByInputName = new Map<string, string>(
	Object.entries(AUTO_MAP_NAMES).flatMap(([field, names]) => names.map((name) => [name, field] as [string, string])),
);

/**
 * Map Automatically: the target user fields found in an input item, by name (e.g. a spreadsheet's
 * "Email", "Phone Number", "First Name" columns). Reading the item directly also skips evaluating an
 * expression per field, which matters for thousands of rows.
 */
export function targetUserFieldsFromInput(json: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const [name, value] of Object.entries(json)) {
		const field = fieldByInputName.get(name.toLowerCase().replace(/[\s_-]/g, ''));
		if (field === undefined || value === null || value === undefined || fields[field] !== undefined) continue;
		if (field === 'isActive') {
			if (typeof value === 'boolean') fields.isActive = value;
			else if (/^(true|yes|1)$/i.test(String(value))) fields.isActive = true;
			else if (/^(false|no|0)$/i.test(String(value))) fields.isActive = false;
			continue;
		}
		fields[field] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return fields;
}

export const AUTO_MAP_FIELD_LIST = 'email, phoneNumber, firstName, lastName, department, priority, managerFirstName, managerLastName, managerEmail, timeZoneId, preferredLanguageId';

/** The notice under Mapping Mode once Map Automatically is chosen: which input field names it reads. */
export function mappingModeNotice(operations: string[]): INodeProperties {
	return {
		displayName: `Map Automatically reads these input fields by name: ${AUTO_MAP_FIELD_LIST}. Any case, spaces or underscores are allowed, so a sheet's "Phone Number" or "first_name" column works; other fields are ignored.`,
		name: 'autoMapNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['targetUser'], operation: operations, mappingMode: ['autoMapInputData'] } },
	};
}

export function mappingModeProperty(operations: string[], defaultMode: 'autoMapInputData' | 'defineBelow'): INodeProperties {
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
		displayOptions: { show: { resource: ['targetUser'], operation: operations } },
	};
}
