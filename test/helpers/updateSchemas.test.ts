/**
 * Keepnet's PUTs replace the whole record. Every property of each update schema in Keepnet's own spec
 * must be carried from the record the node read, or be named (with a reason) in the one exceptions list.
 */
import { readFileSync } from 'node:fs';

import { COMPANY_CARRIED_ON_UPDATE, COMPANY_FIELDS } from '../../nodes/Keepnet/actions/company/body';
import { COMPANY_GROUP_CARRIED_ON_UPDATE } from '../../nodes/Keepnet/actions/companyGroup/body';
import { CLIENT_CARRIED_ON_UPDATE } from '../../nodes/Keepnet/actions/restApiClient/body';
import { SYSTEM_USER_CARRIED_ON_UPDATE } from '../../nodes/Keepnet/actions/systemUser/body';
import { TARGET_USER_CARRIED_ON_UPDATE } from '../../nodes/Keepnet/actions/targetUser/body';
import { UPDATE_EXCEPTIONS } from '../../nodes/Keepnet/helpers/updateCarry';
import { UPDATE_SCHEMAS } from '../../nodes/Keepnet/helpers/updateSchemas.generated';
import {
	extractUpdateSubset,
	GENERATED_MODULE_PATH,
	readSpec,
	renderSubset,
	renderUpdateSchemas,
	SPEC_SUBSET_PATH,
	WHOLE_SPEC_PATH,
	wholeSpecAvailable,
} from '../../scripts/spec/updateSchemas';

const carried: Record<keyof typeof UPDATE_SCHEMAS, string[]> = {
	company: Object.keys(COMPANY_CARRIED_ON_UPDATE),
	targetUser: Object.keys(TARGET_USER_CARRIED_ON_UPDATE),
	systemUser: Object.keys(SYSTEM_USER_CARRIED_ON_UPDATE),
	restApiClient: Object.keys(CLIENT_CARRIED_ON_UPDATE),
	companyGroup: Object.keys(COMPANY_GROUP_CARRIED_ON_UPDATE),
	scimIntegration: [],
};

describe('update schemas', () => {
	it('the checked-in schemas are what scripts/spec/updateSchemas.ts generates from the spec subset kept in test/data', () => {
		expect(readFileSync(GENERATED_MODULE_PATH, 'utf8')).toBe(renderUpdateSchemas(readSpec(SPEC_SUBSET_PATH)));
	});

	// The whole spec lies beside the checkout in this project's development set-up and CI, not in a plain clone.
	(wholeSpecAvailable() ? it : it.skip)(`the subset in test/data is the update part of the whole spec (${WHOLE_SPEC_PATH})`, () => {
		expect(readFileSync(SPEC_SUBSET_PATH, 'utf8')).toBe(renderSubset(extractUpdateSubset(readSpec(WHOLE_SPEC_PATH))));
	});

	it('the generated company schema is the multipart PUT with the required set of a company update (docs/keepnet-api.md#companies)', () => {
		const required = Object.entries(UPDATE_SCHEMAS.company.properties)
			.filter(([, property]) => property.required)
			.map(([name]) => name)
			.sort();
		expect(UPDATE_SCHEMAS.company.contentType).toBe('multipart/form-data');
		expect(required).toEqual(['CountryResourceId', 'DateFormat', 'IndustryResourceId', 'LicensePeriodTypeResourceId', 'LicenseTypeResourceId', 'Name', 'NumberOfUsers', 'TimeFormat', 'TimeZoneId']);
		expect(UPDATE_SCHEMAS.targetUser.properties.firstName.maxLength).toBe(40);
		expect(UPDATE_SCHEMAS.targetUser.properties.department.maxLength).toBe(64);
	});

	for (const schema of Object.keys(UPDATE_SCHEMAS) as Array<keyof typeof UPDATE_SCHEMAS>) {
		it(`${schema}: every update property is carried from the stored record or is a documented exception`, () => {
			const properties = Object.keys(UPDATE_SCHEMAS[schema].properties);
			const exceptions = Object.entries(UPDATE_EXCEPTIONS[schema] as Record<string, string>);
			const accountedFor = new Set([...carried[schema], ...exceptions.map(([name]) => name)]);
			expect(properties.filter((name) => !accountedFor.has(name))).toEqual([]);
			// Nothing carried or excepted that the spec does not have (a typo would otherwise hide a gap).
			expect([...accountedFor].filter((name) => !properties.includes(name))).toEqual([]);
			expect(carried[schema].filter((name) => exceptions.some(([excepted]) => excepted === name))).toEqual([]);
			for (const [, reason] of exceptions) expect(reason.length).toBeGreaterThan(20);
		});
	}

	it('every company parameter is sent as a property of the update schema', () => {
		const properties = Object.keys(UPDATE_SCHEMAS.company.properties);
		expect(COMPANY_FIELDS.map((field) => field.multipart).filter((name) => !properties.includes(name))).toEqual([]);
	});
});
