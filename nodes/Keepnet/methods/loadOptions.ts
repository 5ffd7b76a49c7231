import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listDeliverySettings, resolveTrainingId, trainingLanguages } from '../helpers/catalogue';
import { MAX_PAGE_SIZE } from '../helpers/limits';
import { LOOKUP_LISTS, type LookupList } from '../helpers/lookups';
import { requireKeepnetId } from '../helpers/validation';
import { buildFilter } from '../transport/search';
import { KeepnetSession } from '../transport/session';
import { selectedCompanyId } from './shared';

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/*
 * Every picker makes one KeepnetSession for its call (transport/session.ts): its requests share the token gate,
 * the credential read and the pacing, and nothing outlives the call.
 */

/** Target groups of the selected company (the request carries its X-KEEPNET-Company-Id). */
export async function getTargetGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const groups = await new KeepnetSession(this).search<IDataObject>(
		{
			path: '/api/target-groups/search',
			body: { filter: buildFilter(), orderBy: 'Name', ascending: true, systemGeneratedGroups: false },
			companyId: selectedCompanyId(this),
		},
		Number.POSITIVE_INFINITY,
		MAX_PAGE_SIZE,
	);
	return byName(
		groups
			.filter((group) => typeof group.resourceId === 'string')
			.map((group) => ({
				name: String(group.name ?? group.resourceId),
				value: String(group.resourceId),
				description: group.userCount === undefined ? undefined : `${String(group.userCount)} users`,
			})),
	);
}

/** Roles the selected company can give its system users. */
export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const roles = await new KeepnetSession(this).request<IDataObject[] | undefined>({
		method: 'GET',
		path: '/api/roles',
		companyId: selectedCompanyId(this),
		retry: 'safe',
	});
	return byName(
		(roles ?? [])
			.filter((role) => typeof role.resourceId === 'string')
			.map((role) => ({ name: String(role.name ?? role.resourceId), value: String(role.resourceId) })),
	);
}

/** A Keepnet list the company fields choose from (helpers/lookups.ts): the same list Create and Update match names against. */
async function lookup(ctx: ILoadOptionsFunctions, list: LookupList): Promise<INodePropertyOptions[]> {
	return byName((await list.read(new KeepnetSession(ctx))).map((entry) => ({ name: entry.name, value: entry.resourceId })));
}

export async function getCountries(this: ILoadOptionsFunctions) {
	return await lookup(this, LOOKUP_LISTS.country);
}
export async function getIndustries(this: ILoadOptionsFunctions) {
	return await lookup(this, LOOKUP_LISTS.industry);
}
export async function getLicenseTypes(this: ILoadOptionsFunctions) {
	return await lookup(this, LOOKUP_LISTS.licenseType);
}
export async function getLicensePeriods(this: ILoadOptionsFunctions) {
	return await lookup(this, LOOKUP_LISTS.licensePeriod);
}
export async function getLanguages(this: ILoadOptionsFunctions) {
	return await lookup(this, LOOKUP_LISTS.language);
}
export async function getNotificationTemplateTypes(this: ILoadOptionsFunctions) {
	return await lookup(this, LOOKUP_LISTS.notificationTemplateType);
}
export async function getTrainingContentTypes(this: ILoadOptionsFunctions) {
	return await lookup(this, LOOKUP_LISTS.trainingContentType);
}
export async function getSmtpConfigurationTypes(this: ILoadOptionsFunctions) {
	return await lookup(this, LOOKUP_LISTS.smtpConfigurationType);
}

/** The license modules a company can be given (GET /api/lookups/licenses → allLicenseModules). */
export async function getLicenseModules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await lookup(this, LOOKUP_LISTS.licenseModule);
}

interface TimeSettings {
	timeZoneList?: IDataObject[];
	dateFormatList?: unknown[];
	timeFormatList?: unknown[];
}

/** Time zones and the date and time formats Keepnet offers, all from GET /api/timezone/timezones. */
async function timeSettings(ctx: ILoadOptionsFunctions): Promise<TimeSettings> {
	return (
		(await new KeepnetSession(ctx).request<TimeSettings | undefined>({
			method: 'GET',
			path: '/api/timezone/timezones',
			retry: 'safe',
		})) ?? {}
	);
}

/** Format lists may be plain strings or {id/value, name/displayName} objects; both become options. */
function formatOptions(list: unknown[] | undefined): INodePropertyOptions[] {
	return (list ?? []).flatMap((entry) => {
		if (typeof entry === 'string') return [{ name: entry, value: entry }];
		if (entry !== null && typeof entry === 'object') {
			const record = entry as IDataObject;
			const value = record.value ?? record.id ?? record.format ?? record.name;
			if (typeof value !== 'string') return [];
			return [{ name: String(record.displayName ?? record.name ?? value), value }];
		}
		return [];
	});
}

export async function getTimeZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const settings = await timeSettings(this);
	return (settings.timeZoneList ?? [])
		.filter((zone) => typeof zone.id === 'string')
		.map((zone) => ({ name: String(zone.displayName ?? zone.id), value: String(zone.id) }));
}

export async function getDateFormats(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return formatOptions((await timeSettings(this)).dateFormatList);
}

export async function getTimeFormats(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return formatOptions((await timeSettings(this)).timeFormatList);
}

/**
 * The content languages of the chosen training (GET /api/enrollments/{trainingId}/languages, docs/keepnet-api.md#training-languages): only
 * those can go into its enrollment's languageIds. The list depends on the Training field.
 */
export async function getTrainingLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const companyId = selectedCompanyId(this);
	const training = this.getCurrentNodeParameter('trainingId') as { mode?: unknown; value?: unknown } | undefined;
	const value = typeof training?.value === 'string' ? training.value.trim() : '';
	if (value === '') {
		throw new NodeOperationError(this.getNode(), 'Choose a Training first', { description: 'The list shows the languages the chosen training is offered in.' });
	}
	const session = new KeepnetSession(this);
	const trainingId = await resolveTrainingId(this, session, companyId, training?.mode === 'name' ? { name: value } : { id: requireKeepnetId(this, value, 'Training', undefined) }, undefined);
	const languages = await trainingLanguages(session, companyId, trainingId, undefined);
	return byName(
		languages.map((language) => ({
			name: String(language.name ?? language.code ?? language.id),
			value: String(language.id),
			description: typeof language.code === 'string' ? language.code : undefined,
		})),
	);
}

/** The selected company's email delivery settings (SMTP and Direct Email Creation), its default marked. */
export async function getEmailDeliverySettings(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const settings = await listDeliverySettings(new KeepnetSession(this), selectedCompanyId(this));
	return byName(
		settings.map((setting) => ({
			name: setting.name ?? setting.resourceId,
			value: setting.resourceId,
			description: `${setting.type === 1 ? 'SMTP' : 'Direct Email Creation'}${setting.isDefault ? ', the company default' : ''}`,
		})),
	);
}

/** The reseller's company groups (Company → Create/Update, Company Groups field). */
export async function getCompanyGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const groups = await new KeepnetSession(this).request<IDataObject[] | undefined>({ method: 'GET', path: '/api/company-groups', retry: 'safe' });
	return byName(
		(groups ?? [])
			.filter((group) => typeof group.resourceId === 'string')
			.map((group) => ({ name: String(group.name ?? group.resourceId), value: String(group.resourceId) })),
	);
}

/** The customer companies the reseller manages, by name (Company Group → Add Companies / Remove Companies). */
export async function getManagedCompanies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const companies = await new KeepnetSession(this).search<IDataObject>(
		{ path: '/api/companies/search', body: { filter: buildFilter(), orderBy: 'companyName', ascending: true, isClustered: false, isTargetUserCountExceededLimit: false } },
		Number.POSITIVE_INFINITY,
		MAX_PAGE_SIZE,
	);
	return byName(
		companies
			.filter((company) => typeof company.companyResourceId === 'string')
			.map((company) => ({ name: String(company.companyName ?? company.companyResourceId), value: String(company.companyResourceId) })),
	);
}

/** The SCIM attributes of the selected company's Keepnet (SCIM Integration → Create, Group By and Field Mappings). */
export async function getScimFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const data = await new KeepnetSession(this).request<{ fields?: IDataObject[] } | undefined>({
		method: 'GET',
		path: '/api/scim/fields',
		companyId: selectedCompanyId(this),
		retry: 'safe',
	});
	return byName(
		(data?.fields ?? [])
			.filter((field) => typeof field.resourceId === 'string')
			.map((field) => ({ name: String(field.name ?? field.resourceId), value: String(field.resourceId) })),
	);
}
