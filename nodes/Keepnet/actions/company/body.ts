import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MultipartValue } from '../../helpers/multipart';
import { LOOKUP_LISTS, resolveLookupValue, type LookupList } from '../../helpers/lookups';
import { inputError, optionalBoolean, optionalString } from '../../helpers/validation';
import type { KeepnetSession } from '../../transport/session';

/**
 * Company fields: the node's parameter name, Keepnet's multipart field, the CompanyDto field it reads
 * back from, and its limit (OpenAPI spec; docs/keepnet-api.md#companies).
 */
interface CompanyField {
	parameter: string;
	multipart: string;
	dto: string;
	kind: 'text' | 'lookup' | 'lookupList' | 'number' | 'boolean' | 'date' | 'list';
	max?: number;
	label: string;
	/** For a lookup: the Keepnet list whose entries it takes, by ID or by name (resolved before the write). */
	list?: LookupList;
}

export const COMPANY_FIELDS: CompanyField[] = [
	{ parameter: 'name', multipart: 'Name', dto: 'name', kind: 'text', max: 64, label: 'Name' },
	{ parameter: 'countryId', multipart: 'CountryResourceId', dto: 'countryResourceId', kind: 'lookup', label: 'Country', list: LOOKUP_LISTS.country },
	{ parameter: 'industryId', multipart: 'IndustryResourceId', dto: 'industryResourceId', kind: 'lookup', label: 'Industry', list: LOOKUP_LISTS.industry },
	{ parameter: 'licenseTypeId', multipart: 'LicenseTypeResourceId', dto: 'licenseTypeResourceId', kind: 'lookup', label: 'License Type', list: LOOKUP_LISTS.licenseType },
	{ parameter: 'licensePeriodTypeId', multipart: 'LicensePeriodTypeResourceId', dto: 'licensePeriodTypeResourceId', kind: 'lookup', label: 'License Period', list: LOOKUP_LISTS.licensePeriod },
	{ parameter: 'numberOfUsers', multipart: 'NumberOfUsers', dto: 'numberOfUsers', kind: 'number', label: 'Number of Users' },
	{ parameter: 'timeZoneId', multipart: 'TimeZoneId', dto: 'timeZoneId', kind: 'text', max: 128, label: 'Time Zone' },
	{ parameter: 'dateFormat', multipart: 'DateFormat', dto: 'dateFormat', kind: 'text', max: 32, label: 'Date Format' },
	{ parameter: 'timeFormat', multipart: 'TimeFormat', dto: 'timeFormat', kind: 'text', max: 8, label: 'Time Format' },
	{ parameter: 'description', multipart: 'Description', dto: 'description', kind: 'text', max: 300, label: 'Description' },
	{ parameter: 'address', multipart: 'Address', dto: 'address', kind: 'text', max: 200, label: 'Address' },
	{ parameter: 'websiteUrl', multipart: 'WebsiteUrl', dto: 'websiteUrl', kind: 'text', max: 2000, label: 'Website URL' },
	{ parameter: 'licenseStartDate', multipart: 'LicenseStartDate', dto: 'licenseStartDate', kind: 'date', label: 'License Start Date' },
	{ parameter: 'licenseEndDate', multipart: 'LicenseEndDate', dto: 'licenseEndDate', kind: 'date', label: 'License End Date' },
	{ parameter: 'isNumberOfUsersLimited', multipart: 'IsNumberOfUsersLimited', dto: 'isNumberOfUsersLimited', kind: 'boolean', label: 'Limit Number of Users' },
	{ parameter: 'preferredLanguageId', multipart: 'PreferredLanguageTypeResourceId', dto: 'preferredLanguageTypeResourceId', kind: 'lookup', label: 'Preferred Language', list: LOOKUP_LISTS.language },
	{ parameter: 'tags', multipart: 'Tags', dto: 'tags', kind: 'list', label: 'Tags' },
	{ parameter: 'licenseModuleIds', multipart: 'LicenseModuleResourceIdArray', dto: 'licenseModules', kind: 'lookupList', label: 'License Modules', list: LOOKUP_LISTS.licenseModule },
	{ parameter: 'notificationTemplateTypeId', multipart: 'NotificationTemplateTypeResourceId', dto: 'notificationTemplateTypeResourceId', kind: 'lookup', label: 'Notification Template Type', list: LOOKUP_LISTS.notificationTemplateType },
	{ parameter: 'trainingContentTypeId', multipart: 'TrainingContentTypeResourceId', dto: 'trainingContentTypeResourceId', kind: 'lookup', label: 'Training Content Type', list: LOOKUP_LISTS.trainingContentType },
	{ parameter: 'smtpConfigurationTypeId', multipart: 'SmtpConfigurationTypeResourceId', dto: 'smtpConfigurationTypeResourceId', kind: 'lookup', label: 'SMTP Configuration Type', list: LOOKUP_LISTS.smtpConfigurationType },
	{ parameter: 'isVersionVisible', multipart: 'IsVersionVisible', dto: 'isVersionVisible', kind: 'boolean', label: 'Show Version' },
	{ parameter: 'isReleaseNotesVisible', multipart: 'IsReleaseNotesVisible', dto: 'isReleaseNotesVisible', kind: 'boolean', label: 'Show Release Notes' },
	{ parameter: 'releaseNotesUrl', multipart: 'ReleaseNotesUrl', dto: 'releaseNotesUrl', kind: 'text', max: 2000, label: 'Release Notes URL' },
	{ parameter: 'callBackNumberBookingCount', multipart: 'CallBackNumberBookingCount', dto: 'callBackNumberBookingCount', kind: 'number', label: 'Callback Number Booking Count' },
];

/**
 * Where a company update (multipart PUT, which replaces the record) takes each stored value from: the
 * CompanyDto that GET /api/companies/{id} returns (docs/keepnet-api.md#companies). Keyed by the update schema's property
 * (helpers/updateSchemas.generated.ts); the properties not here are in helpers/updateCarry.ts
 * UPDATE_EXCEPTIONS with the reason.
 */
export const COMPANY_CARRIED_ON_UPDATE: Record<string, (stored: IDataObject) => MultipartValue | undefined> = {
	LogoUrl: (stored) => storedText(stored.logoUrl),
	Name: (stored) => storedText(stored.name),
	Description: (stored) => storedText(stored.description),
	IndustryResourceId: (stored) => storedText(stored.industryResourceId),
	CountryResourceId: (stored) => storedText(stored.countryResourceId),
	Address: (stored) => storedText(stored.address),
	WebsiteUrl: (stored) => storedText(stored.websiteUrl),
	LicenseTypeResourceId: (stored) => storedText(stored.licenseTypeResourceId),
	LicenseModuleResourceIdArray: (stored) => toList(stored.licenseModules),
	LicensePeriodTypeResourceId: (stored) => storedText(stored.licensePeriodTypeResourceId),
	LicenseStartDate: (stored) => storedText(stored.licenseStartDate)?.slice(0, 10),
	LicenseEndDate: (stored) => storedText(stored.licenseEndDate)?.slice(0, 10),
	IsNumberOfUsersLimited: (stored) => storedBoolean(stored.isNumberOfUsersLimited),
	// The spec requires NumberOfUsers; an unlimited license is stored as null, so 0 goes back with
	// IsNumberOfUsersLimited false (which is what makes the license unlimited).
	NumberOfUsers: (stored) => storedNumber(stored.numberOfUsers) ?? (stored.isNumberOfUsersLimited === false ? 0 : undefined),
	NotificationTemplateTypeResourceId: (stored) => storedText(stored.notificationTemplateTypeResourceId),
	TrainingContentTypeResourceId: (stored) => storedText(stored.trainingContentTypeResourceId),
	SmtpConfigurationTypeResourceId: (stored) => storedText(stored.smtpConfigurationTypeResourceId),
	PreferredLanguageTypeResourceId: (stored) => storedText(stored.preferredLanguageTypeResourceId),
	IsVersionVisible: (stored) => storedBoolean(stored.isVersionVisible),
	IsReleaseNotesVisible: (stored) => storedBoolean(stored.isReleaseNotesVisible),
	ReleaseNotesUrl: (stored) => storedText(stored.releaseNotesUrl),
	CompanyGroupResourceIdArray: (stored) =>
		toList(Array.isArray(stored.companyGroups) ? (stored.companyGroups as IDataObject[]).map((group) => group?.resourceId).filter((id) => typeof id === 'string') : undefined),
	StatusId: (stored) => storedNumber(stored.statusId),
	TimeZoneId: (stored) => storedText(stored.timeZoneId),
	DateFormat: (stored) => storedText(stored.dateFormat),
	TimeFormat: (stored) => storedText(stored.timeFormat),
	CallBackNumberBookingCount: (stored) => storedNumber(stored.callBackNumberBookingCount),
	Tags: (stored) => toList(stored.tags),
};

function storedText(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}
function storedNumber(value: unknown): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}
function storedBoolean(value: unknown): boolean | undefined {
	return typeof value === 'boolean' ? value : undefined;
}

/** Labels of the update schema's properties, for the messages about stored values. */
export const COMPANY_PROPERTY_LABELS: Record<string, string> = {
	...Object.fromEntries(COMPANY_FIELDS.map((field) => [field.multipart, field.label])),
};

export const REQUIRED_COMPANY_PARAMETERS = [
	'name',
	'countryId',
	'industryId',
	'licenseTypeId',
	'licensePeriodTypeId',
	'numberOfUsers',
	'timeZoneId',
	'dateFormat',
	'timeFormat',
];

function toDate(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value);
	const time = Date.parse(text);
	if (Number.isNaN(time)) throw inputError(ctx, itemIndex, `${label} "${text}" is not a date`, `Use a date such as 2026-12-31 for ${label}.`);
	return new Date(time).toISOString().slice(0, 10);
}

function toList(value: unknown): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
	const cleaned = list.map((entry) => entry.trim()).filter((entry) => entry !== '');
	return cleaned.length > 0 ? cleaned : undefined;
}

/** Longer than any name in Keepnet's lookup lists; a longer value is a mapping mistake. */
const LOOKUP_VALUE_MAX = 200;

function checkedValue(ctx: IExecuteFunctions, field: Pick<CompanyField, 'kind' | 'max' | 'label'>, value: unknown, itemIndex: number): MultipartValue | undefined {
	switch (field.kind) {
		case 'text':
			return optionalString(ctx, value, field.label, itemIndex, { max: field.max });
		case 'lookup':
			// An ID or a name: which one it is, and whether Keepnet lists it, is settled by resolveCompanyLookups.
			return optionalString(ctx, value, field.label, itemIndex, { max: LOOKUP_VALUE_MAX });
		case 'number': {
			if (value === undefined || value === null || value === '') return undefined;
			const number = Number(value);
			if (!Number.isInteger(number) || number < 0) {
				throw inputError(ctx, itemIndex, `${field.label} must be a whole number, not "${String(value)}"`, `Set ${field.label} to a whole number such as 100.`);
			}
			return number;
		}
		case 'lookupList': {
			if (value === undefined || value === null || value === '') return undefined;
			const raw: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
			const entries = raw.map((entry) => optionalString(ctx, entry, field.label, itemIndex, { max: LOOKUP_VALUE_MAX })).filter((entry) => entry !== undefined);
			return entries.length > 0 ? entries : undefined;
		}
		case 'boolean':
			return optionalBoolean(ctx, value, field.label, itemIndex);
		case 'date':
			return toDate(ctx, value, field.label, itemIndex);
		case 'list':
			return toList(value);
	}
}

/** Multipart fields for the values the user set, each checked. */
export function companyFieldsFromParameters(ctx: IExecuteFunctions, values: IDataObject, itemIndex: number): Record<string, MultipartValue> {
	const fields: Record<string, MultipartValue> = {};
	for (const field of COMPANY_FIELDS) {
		const value = checkedValue(ctx, field, values[field.parameter], itemIndex);
		if (value !== undefined) fields[field.multipart] = value;
	}
	return fields;
}

/** Multipart fields of a stored company (CompanyDto), so an update can send the full record back. */
export function companyFieldsFromStored(stored: IDataObject): Record<string, MultipartValue> {
	const fields: Record<string, MultipartValue> = {};
	for (const [property, read] of Object.entries(COMPANY_CARRIED_ON_UPDATE)) {
		const value = read(stored);
		if (value !== undefined) fields[property] = value;
	}
	return fields;
}

/**
 * Lookup fields (Country, Industry, License Type…) may hold an entry's name instead of its ID, e.g. from an expression:
 * each value becomes the ID of its entry in the list the editor's picker shows. Each list is read once per run
 * (helpers/lookups.ts). A value the list has neither as ID nor as name fails the item.
 */
export async function resolveCompanyLookups(ctx: IExecuteFunctions, session: KeepnetSession, fields: Record<string, MultipartValue>, itemIndex: number): Promise<void> {
	for (const field of COMPANY_FIELDS) {
		const value = fields[field.multipart];
		if (!field.list || value === undefined) continue;
		const list = field.list;
		const resolve = async (entry: string | number) => await resolveLookupValue(ctx, session, list, field.label, String(entry), itemIndex);
		if (Array.isArray(value)) {
			const ids: string[] = [];
			for (const entry of value) ids.push(await resolve(entry));
			fields[field.multipart] = [...new Set(ids)];
		} else {
			fields[field.multipart] = await resolve(String(value));
		}
	}
}

/**
 * What resolving an item's lookups before sending hands to its run (a send-phase hint, actions/sendPhases.ts): its
 * fields with the lookup names as IDs, or, under Continue On Fail, the error that item fails with when its turn comes.
 */
export type CompanyLookupHint = { readonly fields: Readonly<Record<string, MultipartValue>> } | { readonly failure: unknown };

/**
 * Before the first company of a run is written, the lookup names of every item become IDs, as the checks of
 * `prepare` are made for every item first: a name Keepnet does not list stops the run before anything is written.
 * Under Continue On Fail the item keeps its error instead, and fails when its turn comes. The prepared values are
 * not changed: each item's outcome is returned by item index, for its run (`fieldsWithLookups`).
 */
export async function resolveCompanyLookupsBeforeSending<Prepared>(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	prepared: ReadonlyArray<Prepared | undefined>,
	fieldsOf: (item: Prepared) => Readonly<Record<string, MultipartValue>>,
): Promise<Map<number, CompanyLookupHint>> {
	const hints = new Map<number, CompanyLookupHint>();
	for (const [itemIndex, item] of prepared.entries()) {
		if (!item) continue;
		const fields = { ...fieldsOf(item) };
		// The failure is a NodeOperationError (a name no list has) or the transport's error (the list could not be read).
		const failure: unknown = await resolveCompanyLookups(ctx, session, fields, itemIndex).then(
			() => undefined,
			(error: unknown) => error,
		);
		if (failure === undefined) {
			hints.set(itemIndex, { fields });
			continue;
		}
		if (!ctx.continueOnFail()) throw failure;
		hints.set(itemIndex, { failure });
	}
	return hints;
}

/** The item's fields with the lookups resolved before sending (a copy the run may extend); throws the item's lookup failure. */
export function fieldsWithLookups(own: Readonly<Record<string, MultipartValue>>, hint: CompanyLookupHint | undefined): Record<string, MultipartValue> {
	if (hint === undefined) return { ...own };
	if ('failure' in hint) throw hint.failure;
	return { ...hint.fields };
}

export function requireCompanyFields(ctx: IExecuteFunctions, fields: Record<string, MultipartValue>, itemIndex: number) {
	const missing = COMPANY_FIELDS.filter((field) => REQUIRED_COMPANY_PARAMETERS.includes(field.parameter) && fields[field.multipart] === undefined);
	if (missing.length > 0) {
		throw inputError(ctx, itemIndex, `Missing ${missing.map((field) => field.label).join(', ')}`, 'Keepnet needs all of these to create a company. Set them, picking the values from the lists.');
	}
}

export const SIMPLIFIED_COMPANY_FIELDS = [
	'companyResourceId',
	'resourceId',
	'companyName',
	'name',
	'industryName',
	'licenseTypeName',
	'numberOfUsers',
	'targetUserCount',
	'licenseEndDate',
	'licenceExpired',
	'countryName',
] as const;
