import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './validation';
import { UPDATE_SCHEMAS, type UpdateSchemaKey } from './updateSchemas.generated';

/**
 * Keepnet's PUTs replace the whole record, so an update sends back every property of the update schema:
 * the value the user set, or else the value read from Keepnet just before. Each resource declares, per
 * schema property, where the stored value comes from (its `*_CARRIED_ON_UPDATE` table). The few
 * properties that cannot be carried are listed here, ONCE, with the reason; test/helpers/updateSchemas.test.ts
 * fails when a schema property (from Keepnet's spec) is in neither place.
 */
export const UPDATE_EXCEPTIONS: { [Key in UpdateSchemaKey]: Partial<Record<keyof (typeof UPDATE_SCHEMAS)[Key]['properties'], string>> } = {
	company: {
		File: 'A logo upload (binary). The GET returns the stored logo as logoUrl, which is sent back as LogoUrl instead; the node uploads no logo.',
	},
	targetUser: {
		targetGroupResourceIds:
			"The GET does not return the user's groups. Sent only when the user sets Target Groups; left out, Keepnet keeps the memberships as they are.",
	},
	systemUser: {},
	restApiClient: {},
	companyGroup: {
		name: 'Company Group → Rename always sets it: the new name is the change the operation makes.',
	},
	scimIntegration: {
		name: "SCIM Integration → Rename always sets it, and it is the update schema's only property.",
	},
};

/** The string properties of an update schema that have a length limit. */
function lengthLimits(schema: UpdateSchemaKey): Array<[string, number]> {
	const limits: Array<[string, number]> = [];
	for (const [name, property] of Object.entries(UPDATE_SCHEMAS[schema].properties)) {
		if ('maxLength' in property && typeof property.maxLength === 'number') limits.push([name, property.maxLength]);
	}
	return limits;
}

/**
 * Refuses, before the PUT goes out, a stored value that Keepnet's update would reject (create allows
 * longer values than update). Nothing is truncated: the error names the record, the field, the stored
 * length and the limit, and the fix is to set that field in this node, which replaces the stored value.
 * `itemIndex` is the input item the write is for; without one (a Sync leaver is no input item) the error names
 * only the record.
 */
export function refuseStoredValuesOverUpdateLimits(
	ctx: IExecuteFunctions,
	schema: UpdateSchemaKey,
	body: Record<string, unknown>,
	changedProperties: ReadonlySet<string>,
	options: { itemIndex?: number; record: string; labels: Record<string, string> },
): void {
	for (const [property, limit] of lengthLimits(schema)) {
		const value = body[property];
		if (changedProperties.has(property) || typeof value !== 'string' || value.length <= limit) continue;
		const label = options.labels[property] ?? property;
		throw inputError(
			ctx,
			options.itemIndex,
			`The stored ${label} of ${options.record} is ${value.length} characters, but Keepnet's update accepts at most ${limit}`,
			`Keepnet replaces the whole record on update and would refuse its own stored value, so nothing was sent. Set ${label} in this node to a value of ${limit} characters or fewer; it replaces the stored one.`,
		);
	}
}
