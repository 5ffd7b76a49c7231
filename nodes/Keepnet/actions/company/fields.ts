import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MultipartValue } from '../../helpers/multipart';
import { inputError, optionalString, requireKeepnetId } from '../../helpers/validation';

/**
 * Company fields: the node's parameter name, Keepnet's multipart field, the CompanyDto field it reads
 * back from, and its limit (OpenAPI spec / API contract §1.4).
 */
interface CompanyField {
	parameter: string;
	multipart: string;
	dto: string;
	kind: 'text' | 'id' | 'number' | 'boolean' | 'date' | 'list';
	max?: number;
	label: string;
}

export const COMPANY_FIELDS: CompanyField[] = [
	{ parameter: 'name', multipart: 'Name', dto: 'name', kind: 'text', max: 64, label: 'Name' },
	{ parameter: 'countryId', multipart: 'CountryResourceId', dto: 'countryResourceId', kind: 'id', label: 'Country' },
	{ parameter: 'industryId', multipart: 'IndustryResourceId', dto: 'industryResourceId', kind: 'id', label: 'Industry' },
	{ parameter: 'licenseTypeId', multipart: 'LicenseTypeResourceId', dto: 'licenseTypeResourceId', kind: 'id', label: 'License Type' },
	{ parameter: 'licensePeriodTypeId', multipart: 'LicensePeriodTypeResourceId', dto: 'licensePeriodTypeResourceId', kind: 'id', label: 'License Period' },
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
	{ parameter: 'preferredLanguageId', multipart: 'PreferredLanguageTypeResourceId', dto: 'preferredLanguageTypeResourceId', kind: 'id', label: 'Preferred Language' },
	{ parameter: 'tags', multipart: 'Tags', dto: 'tags', kind: 'list', label: 'Tags' },
];

/** Read-only on create, but a PUT must send them back or Keepnet would clear them. */
const PRESERVED_ON_UPDATE: Array<{ multipart: string; dto: string; kind: CompanyField['kind'] }> = [
	{ multipart: 'LicenseModuleResourceIdArray', dto: 'licenseModules', kind: 'list' },
	{ multipart: 'NotificationTemplateTypeResourceId', dto: 'notificationTemplateTypeResourceId', kind: 'id' },
	{ multipart: 'TrainingContentTypeResourceId', dto: 'trainingContentTypeResourceId', kind: 'id' },
	{ multipart: 'SmtpConfigurationTypeResourceId', dto: 'smtpConfigurationTypeResourceId', kind: 'id' },
	{ multipart: 'LogoUrl', dto: 'logoUrl', kind: 'text' },
	{ multipart: 'StatusId', dto: 'statusId', kind: 'number' },
];

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

const lookupField = (displayName: string, name: string, method: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	typeOptions: { loadOptionsMethod: method },
	default: '',
	description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
});

export const requiredCompanyProperties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Globex Corporation', description: 'Company name (max 64 characters)' },
	lookupField('Country Name or ID', 'countryId', 'getCountries', 'Country of the company'),
	lookupField('Industry Name or ID', 'industryId', 'getIndustries', 'Industry of the company'),
	lookupField('License Type Name or ID', 'licenseTypeId', 'getLicenseTypes', 'Keepnet license type'),
	lookupField('License Period Name or ID', 'licensePeriodTypeId', 'getLicensePeriods', 'Length of the license'),
	{
		displayName: 'Number of Users',
		name: 'numberOfUsers',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description: 'Licensed seats (target users)',
	},
	lookupField('Time Zone Name or ID', 'timeZoneId', 'getTimeZones', 'Time zone of the company'),
	{
		displayName: 'Date Format Name or ID',
		name: 'dateFormat',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDateFormats' },
		default: 'dd/MM/yyyy',
		description:
			'How dates are shown to the company. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Time Format Name or ID',
		name: 'timeFormat',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimeFormats' },
		default: '24h',
		description:
			'12-hour or 24-hour clock. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const optionalCompanyProperties: INodeProperties[] = [
	{ displayName: 'Address', name: 'address', type: 'string', default: '', description: 'Max 200 characters' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Max 300 characters' },
	{
		displayName: 'Limit Number of Users',
		name: 'isNumberOfUsersLimited',
		type: 'boolean',
		default: true,
		description: 'Whether the license stops at Number of Users (off means unlimited)',
	},
	{ displayName: 'License End Date', name: 'licenseEndDate', type: 'dateTime', default: '' },
	{ displayName: 'License Start Date', name: 'licenseStartDate', type: 'dateTime', default: '' },
	lookupField('Preferred Language Name or ID', 'preferredLanguageId', 'getLanguages', 'Default language of the company'),
	{ displayName: 'Tags', name: 'tags', type: 'string', default: '', placeholder: 'e.g. gold, emea', description: 'Comma-separated tags' },
	{ displayName: 'Website URL', name: 'websiteUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com', description: 'Max 2000 characters' },
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

function checkedValue(ctx: IExecuteFunctions, field: Pick<CompanyField, 'kind' | 'max' | 'label'>, value: unknown, itemIndex: number): MultipartValue | undefined {
	switch (field.kind) {
		case 'text':
			return optionalString(ctx, value, field.label, itemIndex, { max: field.max });
		case 'id':
			return value === undefined || value === null || value === '' ? undefined : requireKeepnetId(ctx, value, field.label, itemIndex);
		case 'number': {
			if (value === undefined || value === null || value === '') return undefined;
			const number = Number(value);
			if (!Number.isInteger(number) || number < 0) {
				throw inputError(ctx, itemIndex, `${field.label} must be a whole number, not "${String(value)}"`, `Set ${field.label} to a whole number such as 100.`);
			}
			return number;
		}
		case 'boolean':
			return typeof value === 'boolean' ? value : undefined;
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
	for (const field of [...COMPANY_FIELDS, ...PRESERVED_ON_UPDATE.map((entry) => ({ ...entry, label: entry.multipart, max: undefined }))]) {
		const raw = stored[field.dto];
		if (raw === undefined || raw === null || raw === '') continue;
		// Stored values are Keepnet's own: only shape them, the limits were Keepnet's to enforce.
		const value = field.kind === 'date' ? String(raw).slice(0, 10) : field.kind === 'list' ? toList(raw) : field.kind === 'number' ? Number(raw) : field.kind === 'boolean' ? Boolean(raw) : String(raw);
		if (value !== undefined) fields[field.multipart] = value;
	}
	return fields;
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
