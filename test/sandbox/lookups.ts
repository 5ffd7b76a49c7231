/**
 * Constant reference data (lookups, time zones, licenses). Ids are stable across seeds so that tests and
 * fixtures can rely on them; the three license-period ids are the real constants the Keepnet UI uses.
 */
import { stableShortId } from './prng';

export interface LookupDto {
	resourceId: string;
	genericCodeTypeId: number;
	genericCodeTypeName: string;
	name: string;
	code: string | null;
	description: string | null;
	orderNumber: number;
	isoCode: string | null;
	isoFriendlyName: string | null;
}

export const LOOKUP_TYPE = {
	country: 1,
	industry: 2,
	licenseType: 3,
	licensePeriod: 4,
	notificationTemplateType: 5,
	trainingContentType: 6,
	smtpConfigurationType: 7,
	language: 21,
} as const;

const TYPE_NAMES: Record<number, string> = {
	1: 'Country',
	2: 'Industry',
	3: 'LicenseType',
	4: 'LicensePeriodType',
	5: 'NotificationTemplateType',
	6: 'TrainingContentType',
	7: 'SmtpConfigurationType',
	21: 'Language',
};

interface LookupSeed {
	name: string;
	code?: string;
	isoCode?: string;
	resourceId?: string;
}

function buildLookups(typeId: number, items: LookupSeed[]): LookupDto[] {
	return items.map((item, index) => ({
		resourceId: item.resourceId ?? stableShortId(`lookup:${typeId}:${item.name}`),
		genericCodeTypeId: typeId,
		genericCodeTypeName: TYPE_NAMES[typeId],
		name: item.name,
		code: item.code ?? null,
		description: null,
		orderNumber: index + 1,
		isoCode: item.isoCode ?? null,
		isoFriendlyName: item.isoCode ? item.name : null,
	}));
}

export const LOOKUPS: Record<number, LookupDto[]> = {
	1: buildLookups(1, [
		{ name: 'United States', code: 'US', isoCode: 'US' },
		{ name: 'United Kingdom', code: 'GB', isoCode: 'GB' },
		{ name: 'Germany', code: 'DE', isoCode: 'DE' },
		{ name: 'France', code: 'FR', isoCode: 'FR' },
		{ name: 'Netherlands', code: 'NL', isoCode: 'NL' },
		{ name: 'Spain', code: 'ES', isoCode: 'ES' },
		{ name: 'Italy', code: 'IT', isoCode: 'IT' },
		{ name: 'Turkey', code: 'TR', isoCode: 'TR' },
		{ name: 'Canada', code: 'CA', isoCode: 'CA' },
		{ name: 'Australia', code: 'AU', isoCode: 'AU' },
		{ name: 'India', code: 'IN', isoCode: 'IN' },
		{ name: 'Japan', code: 'JP', isoCode: 'JP' },
		{ name: 'Brazil', code: 'BR', isoCode: 'BR' },
		{ name: 'United Arab Emirates', code: 'AE', isoCode: 'AE' },
	]),
	2: buildLookups(2, [
		{ name: 'Financial Services' },
		{ name: 'Healthcare' },
		{ name: 'Technology' },
		{ name: 'Manufacturing' },
		{ name: 'Retail' },
		{ name: 'Education' },
		{ name: 'Government' },
		{ name: 'Energy' },
		{ name: 'Logistics' },
		{ name: 'Legal Services' },
		{ name: 'Food & Beverage' },
		{ name: 'Biotechnology' },
	]),
	3: buildLookups(3, [{ name: 'Trial' }, { name: 'Standard' }, { name: 'Enterprise' }, { name: 'MSSP' }]),
	4: buildLookups(4, [
		{ name: 'Custom', resourceId: 'MaR9NJslgSGW' },
		{ name: '1 Year', resourceId: 'HTHpWWXGJshG' },
		{ name: '3 Years', resourceId: '6EXwfaM5ZDT4' },
	]),
	5: buildLookups(5, [{ name: 'Default Notification Templates' }, { name: 'Custom Notification Templates' }]),
	6: buildLookups(6, [{ name: 'Keepnet Training Content' }, { name: 'Custom Training Content' }]),
	7: buildLookups(7, [{ name: 'Keepnet SMTP' }, { name: 'Custom SMTP' }]),
	21: buildLookups(21, [
		{ name: 'English', code: 'en', isoCode: 'en' },
		{ name: 'Turkish', code: 'tr', isoCode: 'tr' },
		{ name: 'German', code: 'de', isoCode: 'de' },
		{ name: 'French', code: 'fr', isoCode: 'fr' },
		{ name: 'Spanish', code: 'es', isoCode: 'es' },
		{ name: 'Italian', code: 'it', isoCode: 'it' },
		{ name: 'Dutch', code: 'nl', isoCode: 'nl' },
		{ name: 'Portuguese', code: 'pt', isoCode: 'pt' },
		{ name: 'Arabic', code: 'ar', isoCode: 'ar' },
		{ name: 'Japanese', code: 'ja', isoCode: 'ja' },
	]),
};

const LOOKUP_BY_ID = new Map<string, LookupDto>();
for (const list of Object.values(LOOKUPS)) for (const item of list) LOOKUP_BY_ID.set(item.resourceId, item);

/** The lookup with this id, only if it belongs to the given type. */
export function findLookup(typeId: number, resourceId: string | null | undefined): LookupDto | undefined {
	if (!resourceId) return undefined;
	const item = LOOKUP_BY_ID.get(resourceId);
	return item && item.genericCodeTypeId === typeId ? item : undefined;
}

export function lookupsOfType(typeId: number, name: string): LookupDto {
	const item = LOOKUPS[typeId].find((entry) => entry.name === name);
	if (!item) throw new Error(`Sandbox seed bug: no lookup ${name} in type ${typeId}`);
	return item;
}

export interface LicenseModuleDto {
	resourceId: string;
	name: string;
	isAvailable: boolean;
}

export const LICENSE_MODULES: LicenseModuleDto[] = [
	'Phishing Simulator',
	'Awareness Educator',
	'Incident Responder',
	'Threat Intelligence',
	'Smishing Simulator',
	'Vishing Simulator',
	'Quishing Simulator',
	'Callback Simulator',
].map((name) => ({ resourceId: stableShortId(`module:${name}`), name, isAvailable: true }));

export const LICENSE_MODULE_IDS = new Set(LICENSE_MODULES.map((module) => module.resourceId));

export interface TimeZoneDto {
	id: string;
	displayName: string;
}

/** A subset of the Windows time-zone ids the platform offers. */
export const TIME_ZONES: TimeZoneDto[] = [
	{ id: 'Dateline Standard Time', displayName: '(UTC-12:00) International Date Line West' },
	{ id: 'Hawaiian Standard Time', displayName: '(UTC-10:00) Hawaii' },
	{ id: 'Pacific Standard Time', displayName: '(UTC-08:00) Pacific Time (US & Canada)' },
	{ id: 'Mountain Standard Time', displayName: '(UTC-07:00) Mountain Time (US & Canada)' },
	{ id: 'Central Standard Time', displayName: '(UTC-06:00) Central Time (US & Canada)' },
	{ id: 'Eastern Standard Time', displayName: '(UTC-05:00) Eastern Time (US & Canada)' },
	{ id: 'E. South America Standard Time', displayName: '(UTC-03:00) Brasilia' },
	{ id: 'UTC', displayName: '(UTC) Coordinated Universal Time' },
	{ id: 'GMT Standard Time', displayName: '(UTC+00:00) Dublin, Edinburgh, Lisbon, London' },
	{ id: 'W. Europe Standard Time', displayName: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna' },
	{ id: 'Central Europe Standard Time', displayName: '(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague' },
	{ id: 'Romance Standard Time', displayName: '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris' },
	{ id: 'Turkey Standard Time', displayName: '(UTC+03:00) Istanbul' },
	{ id: 'Arabian Standard Time', displayName: '(UTC+04:00) Abu Dhabi, Muscat' },
	{ id: 'India Standard Time', displayName: '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi' },
	{ id: 'China Standard Time', displayName: '(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi' },
	{ id: 'Tokyo Standard Time', displayName: '(UTC+09:00) Osaka, Sapporo, Tokyo' },
	{ id: 'AUS Eastern Standard Time', displayName: '(UTC+10:00) Canberra, Melbourne, Sydney' },
];

export const TIME_ZONE_IDS = new Set(TIME_ZONES.map((zone) => zone.id));
export const DATE_FORMATS = ['dd/MM/yyyy', 'MM/dd/yyyy', 'yyyy/MM/dd'];
export const TIME_FORMATS = ['24h', '12h'];

/** Target-user and target-group priority values (C# enum order). */
export const PRIORITIES = ['VeryLow', 'Low', 'Medium', 'High', 'VeryHigh'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Case-insensitive priority name → canonical value; undefined when not a known priority. */
export function parsePriority(value: string): Priority | undefined {
	const lower = value.trim().toLowerCase();
	return PRIORITIES.find((priority) => priority.toLowerCase() === lower);
}
