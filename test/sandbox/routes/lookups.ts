/** Lookups (countries, industries, license types/periods, languages…), licenses with modules, time zones. */
import { inputError, JsonReader, ok, requireJsonObject } from '../http';
import { DATE_FORMATS, LICENSE_MODULES, LOOKUP_TYPE, LOOKUPS, TIME_FORMATS, TIME_ZONES } from '../lookups';
import type { Router } from '../router';

export function registerLookupRoutes(router: Router): void {
	router.add('POST', '/api/lookups', (ctx) => {
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const typeIds = reader.raw('typeIdList');
		if (typeIds !== undefined && typeIds !== null && (!Array.isArray(typeIds) || typeIds.some((id) => typeof id !== 'number' || !Number.isInteger(id)))) {
			throw inputError(['The JSON value could not be converted to System.Collections.Generic.List`1[System.Int32]. Path: $.typeIdList']);
		}
		const ids = (typeIds as number[] | null | undefined) ?? [];
		return ok(ids.flatMap((typeId) => LOOKUPS[typeId] ?? []));
	});

	router.add('GET', '/api/lookups/licenses', () =>
		ok({
			licenses: LOOKUPS[LOOKUP_TYPE.licenseType].map((license) => ({ resourceId: license.resourceId, name: license.name, licenseModules: LICENSE_MODULES })),
			allLicenseModules: LICENSE_MODULES,
		}),
	);

	router.add('GET', '/api/lookups/{typeId}', (ctx) => {
		const raw = ctx.params.typeId;
		if (!/^\d+$/.test(raw)) throw inputError([`The value '${raw}' is not valid.`]);
		return ok(LOOKUPS[Number(raw)] ?? []);
	});

	router.add('GET', '/api/timezone/timezones', () => ok({ timeZoneList: TIME_ZONES, dateFormatList: DATE_FORMATS, timeFormatList: TIME_FORMATS }));
}
