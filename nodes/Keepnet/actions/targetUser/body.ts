import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getItemCollection, getItemParameter, readCompanyId, readRecordId } from '../../helpers/parameters';
import {
	inputError,
	keepnetIdList,
	optionalBoolean,
	optionalEmail,
	optionalPriority,
	optionalString,
	requiredEmail,
	requiredString,
} from '../../helpers/validation';
import { AUTO_MAP_FIELD_LIST } from './fields';
import type { KeepnetSession } from '../../transport/session';

/**
 * Target user request bodies: an item's parameters (or, with Map Automatically, its input fields) read and
 * checked into what Keepnet takes, and a stored user turned back into the full body a PUT needs.
 */

/** Keepnet's length limits for target users: UPDATE is stricter than CREATE (OpenAPI spec). */
export const TARGET_USER_LIMITS = {
	create: { name: 256, department: 256, managerName: 256 },
	update: { name: 40, department: 64, managerName: 40 },
} as const;
export type TargetUserLimitSet = keyof typeof TARGET_USER_LIMITS;

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

/**
 * Where a target-user update (PUT, which replaces the record) takes each stored value from: the
 * TargetUserDto of GET /api/target-users/{id} or search-email (docs/keepnet-api.md#search-view-and-full-record). Keyed by the update
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

/**
 * The target user fields of one item: from the fields below (each maybe an expression), or with Map
 * Automatically straight from the input item's fields of the same names.
 */
export function readTargetUserFields(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number, phoneRequired: boolean): IDataObject {
	if (getItemParameter(session, 'mappingMode', itemIndex, 'defineBelow') === 'autoMapInputData') {
		const fields = targetUserFieldsFromInput(ctx.getInputData()[itemIndex]?.json ?? {});
		for (const [field, label] of [['email', 'email'], ['phoneNumber', 'phone number']] as const) {
			if (fields[field] === undefined && (field === 'email' || phoneRequired)) {
				throw inputError(
					ctx,
					itemIndex,
					`The input item has no ${label} field to map`,
					`With Mapping Mode "Map Automatically", name the input fields ${AUTO_MAP_FIELD_LIST} (any case, spaces or underscores allowed), or choose "Map Each Field Below".`,
				);
			}
		}
		return fields;
	}
	const fields: IDataObject = {
		...getItemCollection(session, 'additionalFields', itemIndex),
		email: getItemParameter(session, 'email', itemIndex, ''),
	};
	const phoneNumber = getItemParameter(session, 'phoneNumber', itemIndex, '');
	if (phoneRequired || phoneNumber !== '') fields.phoneNumber = phoneNumber;
	return fields;
}

/** Keepnet's language lookup (type 21): the IDs Preferred Language takes. */
const LANGUAGE_LOOKUP_PATH = '/api/lookups/21';

/**
 * The one normalisation every target-user body goes through after its checks, before any path is chosen (one
 * request per user, the bulk import of Create / Create or Update, Import, Update): Preferred Language given by
 * its name or code ("English", "en") becomes its ID, as a create or update takes only the ID while Keepnet's import
 * file would also take the name; a value that is neither is refused here, whatever the path. Keepnet's language
 * list is read once per run, and only when some row sets a language.
 */
export async function normaliseTargetUserBody(ctx: IExecuteFunctions, session: KeepnetSession, body: IDataObject, itemIndex: number): Promise<IDataObject> {
	const given = body.preferredLanguageId;
	if (typeof given !== 'string') return body;
	const pending = session.cache('targetUser.languages', () =>
		session.request<IDataObject[] | undefined>({ method: 'GET', path: LANGUAGE_LOOKUP_PATH, retry: 'safe' }).then((entries) =>
			(entries ?? []).filter((entry) => typeof entry?.resourceId === 'string'),
		),
	);
	const languages = await pending;
	const wanted = given.toLowerCase();
	const match =
		languages.find((language) => language.resourceId === given) ??
		languages.find((language) => [language.name, language.code, language.isoCode].some((label) => typeof label === 'string' && label.toLowerCase() === wanted));
	if (match === undefined) {
		const known = languages.slice(0, 5).map((language) => `${String(language.name)} (${String(language.resourceId)})`).join(', ');
		throw inputError(
			ctx,
			itemIndex,
			`Preferred Language "${given.slice(0, 64)}" is not a language Keepnet knows`,
			`Choose it from the Preferred Language list, or give its ID, name or code${known === '' ? '' : `, e.g. ${known}`}.`,
		);
	}
	return { ...body, preferredLanguageId: String(match.resourceId) };
}

/**
 * One user to write, as prepare checked it; never changed afterwards. What the bulk import learns about it reaches
 * the item's run as a separate hint (bulkImport/bulkWrite.ts BulkImportHint), not as a field here.
 */
export interface PreparedTargetUserWrite {
	readonly companyId: string;
	readonly body: Readonly<IDataObject>;
}

export async function prepareTargetUserWrite(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	itemIndex: number,
	limitSet: 'create' | 'update',
	phoneRequired = true,
): Promise<PreparedTargetUserWrite> {
	const companyId = readCompanyId(session, itemIndex);
	const body = targetUserBodyFromFields(ctx, readTargetUserFields(ctx, session, itemIndex, phoneRequired), itemIndex, limitSet);
	return { companyId, body: await normaliseTargetUserBody(ctx, session, body, itemIndex) };
}

export interface PreparedMembership {
	companyId: string;
	targetUserId: string;
	targetGroupIds: string[];
}

/** The user and groups of Add to Groups and Remove From Groups. */
export function readMembership(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): PreparedMembership {
	const companyId = readCompanyId(session, itemIndex);
	const targetUserId = readRecordId(ctx, 'targetUserId', 'Target User', itemIndex);
	const targetGroupIds = keepnetIdList(ctx, ctx.getNodeParameter('targetGroupIds', itemIndex, []), 'Target Group', itemIndex);
	if (targetGroupIds.length === 0) {
		throw inputError(ctx, itemIndex, 'No target group chosen', 'Choose at least one group under Target Group Names or IDs.');
	}
	return { companyId, targetUserId, targetGroupIds };
}
