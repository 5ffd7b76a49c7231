import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	keepnetIdList,
	optionalBoolean,
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
		description: 'Whether the user is active (counts toward the licence and receives simulations and training)',
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
		displayName: 'Preferred Language ID',
		name: 'preferredLanguageId',
		type: 'string',
		default: '',
		description: 'Keepnet ID of the language lookup entry (type 21)',
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
		displayName: 'Time Zone ID',
		name: 'timeZoneId',
		type: 'string',
		default: '',
		placeholder: 'e.g. GMT Standard Time',
		description: 'Windows time zone ID',
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
	// A key that is present counts, even when its expression resolved to undefined: that is a missing value, not an unset field.
	if ('email' in fields) set('email', requiredEmail(ctx, fields.email, 'Email', itemIndex));
	if ('phoneNumber' in fields) set('phoneNumber', requiredString(ctx, fields.phoneNumber, 'Phone Number', itemIndex, { max: 20 }));
	set('firstName', optionalString(ctx, fields.firstName, 'First Name', itemIndex, { max: limits.name }));
	set('lastName', optionalString(ctx, fields.lastName, 'Last Name', itemIndex, { max: limits.name }));
	set('department', optionalString(ctx, fields.department, 'Department', itemIndex, { max: limits.department }));
	set('priority', optionalPriority(ctx, fields.priority, itemIndex));
	set('isActive', optionalBoolean(ctx, fields.isActive, 'Active', itemIndex));
	set('timeZoneId', optionalString(ctx, fields.timeZoneId, 'Time Zone ID', itemIndex, { max: 128 }));
	set('preferredLanguageId', optionalString(ctx, fields.preferredLanguageId, 'Preferred Language ID', itemIndex, { max: 64 }));
	set('managerFirstName', optionalString(ctx, fields.managerFirstName, 'Manager First Name', itemIndex, { max: limits.managerName }));
	set('managerLastName', optionalString(ctx, fields.managerLastName, 'Manager Last Name', itemIndex, { max: limits.managerName }));
	set('managerEmail', optionalEmail(ctx, fields.managerEmail, 'Manager Email', itemIndex));
	if (fields.targetGroupIds !== undefined) {
		const groups = keepnetIdList(ctx, fields.targetGroupIds, 'Target Group', itemIndex);
		if (groups.length > 0) body.targetGroupResourceIds = groups;
	}
	return body;
}

/**
 * Where a target-user update (PUT, which replaces the record) takes each stored value from: the
 * TargetUserDto of GET /api/target-users/{id} or search-email (contract §2.2, §2.8). Keyed by the update
 * schema's property (helpers/updateSchemas.generated.ts); the properties not here are in
 * helpers/updateCarry.ts UPDATE_EXCEPTIONS with the reason.
 */
export const TARGET_USER_CARRIED_ON_UPDATE: Record<string, (stored: IDataObject) => unknown> = {
	email: (stored) => stored.email,
	firstName: (stored) => stored.firstName,
	lastName: (stored) => stored.lastName,
	department: (stored) => stored.department,
	priority: (stored) => stored.priority,
	isActive: (stored) => (typeof stored.isActive === 'boolean' ? stored.isActive : undefined),
	// The GET calls them customFieldValues; the PUT takes customFields, as Keepnet's web client sends them.
	customFields: (stored) =>
		Array.isArray(stored.customFieldValues)
			? (stored.customFieldValues as IDataObject[])
					.filter((field) => field !== null && typeof field === 'object' && typeof field.resourceId === 'string')
					.map((field) => ({
						resourceId: field.resourceId,
						name: field.name ?? null,
						dataType: field.dataType ?? null,
						value: field.value ?? null,
						timestampValue: field.timestampValue ?? null,
					}))
			: undefined,
	phoneNumber: (stored) => stored.phoneNumber,
	timeZoneId: (stored) => stored.timeZoneId,
	preferredLanguageId: (stored) => stored.preferredLanguageId,
	managerFirstName: (stored) => stored.managerFirstName,
	managerLastName: (stored) => stored.managerLastName,
	managerEmail: (stored) => stored.managerEmail,
};

/** Every value of a stored target user that an update must send back (PUT replaces the record). */
export function writableFieldsOf(stored: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [property, read] of Object.entries(TARGET_USER_CARRIED_ON_UPDATE)) {
		const value = read(stored);
		if (value !== undefined && value !== null && value !== '') body[property] = value as IDataObject[string];
	}
	return body;
}

export const TARGET_USER_PROPERTY_LABELS: Record<string, string> = {
	email: 'Email',
	firstName: 'First Name',
	lastName: 'Last Name',
	department: 'Department',
	phoneNumber: 'Phone Number',
	managerFirstName: 'Manager First Name',
	managerLastName: 'Manager Last Name',
	managerEmail: 'Manager Email',
};

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
		// Raw values: the checks that follow refuse an object or list where text belongs, and odd true/false spellings.
		fields[field] = value as IDataObject[string];
	}
	return fields;
}

export const AUTO_MAP_FIELD_LIST = 'email, phoneNumber, firstName, lastName, department, priority, managerFirstName, managerLastName, managerEmail, timeZoneId, preferredLanguageId';

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
				description: `Use the input fields whose names match: ${AUTO_MAP_FIELD_LIST} (any case, spaces or underscores allowed, e.g. "Phone Number")`,
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
