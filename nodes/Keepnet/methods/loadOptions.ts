import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../actions/common';
import { keepnetApiRequest, newRunState } from '../transport/request';
import { buildFilter, searchRecords } from '../transport/search';
import { selectedCompanyId } from './shared';

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** Target groups of the selected company (the request carries its X-KEEPNET-Company-Id). */
export async function getTargetGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const groups = await searchRecords<IDataObject>(
		this,
		newRunState(),
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
	const roles = await keepnetApiRequest<IDataObject[] | undefined>(this, newRunState(), {
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

/** Keepnet lookup lists (GET /api/lookups/{typeId}): 1 countries, 2 industries, 3 licence types, 4 licence periods, 21 languages. */
async function lookup(ctx: ILoadOptionsFunctions, typeId: number): Promise<INodePropertyOptions[]> {
	const entries = await keepnetApiRequest<IDataObject[] | undefined>(ctx, newRunState(), {
		method: 'GET',
		path: `/api/lookups/${typeId}`,
		retry: 'safe',
	});
	return byName(
		(entries ?? [])
			.filter((entry) => typeof entry.resourceId === 'string')
			.map((entry) => ({ name: String(entry.name ?? entry.resourceId), value: String(entry.resourceId) })),
	);
}

export async function getCountries(this: ILoadOptionsFunctions) {
	return await lookup(this, 1);
}
export async function getIndustries(this: ILoadOptionsFunctions) {
	return await lookup(this, 2);
}
export async function getLicenseTypes(this: ILoadOptionsFunctions) {
	return await lookup(this, 3);
}
export async function getLicensePeriods(this: ILoadOptionsFunctions) {
	return await lookup(this, 4);
}
export async function getLanguages(this: ILoadOptionsFunctions) {
	return await lookup(this, 21);
}

export async function getTimeZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const zones = await keepnetApiRequest<{ timeZoneList?: IDataObject[] } | undefined>(this, newRunState(), {
		method: 'GET',
		path: '/api/timezone/timezones',
		retry: 'safe',
	});
	return (zones?.timeZoneList ?? [])
		.filter((zone) => typeof zone.id === 'string')
		.map((zone) => ({ name: String(zone.displayName ?? zone.id), value: String(zone.id) }));
}
