import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { namesOrIdsEntries, type NamesOrIdsField } from '../../helpers/namesOrIds';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { inputError, requiredEmail, requiredString } from '../../helpers/validation';
import type { KeepnetSession } from '../../transport/session';

/** System user limits from Keepnet's OpenAPI spec (same for create and update). */
export const SYSTEM_USER_LIMITS = { name: 40, email: 320, phoneNumber: 20 } as const;

/**
 * Where a system-user update (PUT, which replaces the record) takes each stored value from: the
 * SystemUserSearchDto of the search (there is no GET by ID, docs/keepnet-api.md#system-users-and-roles). Keyed by the update
 * schema's property (helpers/updateSchemas.generated.ts). roleResourceIdList is carried by
 * currentRoleIds, which matches the stored role names to the company's role IDs.
 */
export const SYSTEM_USER_CARRIED_ON_UPDATE: Record<string, string> = {
	firstName: 'firstName',
	lastName: 'lastName',
	email: 'email',
	phoneNumber: 'phoneNumber',
	statusId: 'statusId',
	roleResourceIdList: 'roles',
};

/** The stored values the PUT sends back (roles are resolved separately, by currentRoleIds). */
export function storedSystemUserFields(stored: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const [property, source] of Object.entries(SYSTEM_USER_CARRIED_ON_UPDATE)) {
		if (property === 'roleResourceIdList') continue;
		const value = stored[source];
		if (value !== undefined && value !== null) fields[property] = value;
	}
	return fields;
}

export function systemUserBody(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number): IDataObject {
	const body: IDataObject = {
		firstName: requiredString(ctx, fields.firstName, 'First Name', itemIndex, { max: SYSTEM_USER_LIMITS.name }),
		lastName: requiredString(ctx, fields.lastName, 'Last Name', itemIndex, { max: SYSTEM_USER_LIMITS.name }),
		email: requiredEmail(ctx, fields.email, 'Email', itemIndex),
		phoneNumber: requiredString(ctx, fields.phoneNumber, 'Phone Number', itemIndex, { max: SYSTEM_USER_LIMITS.phoneNumber }),
	};
	if (fields.statusId !== undefined) {
		const statusId = Number(fields.statusId);
		if (statusId !== 0 && statusId !== 1) {
			throw inputError(ctx, itemIndex, `Status "${String(fields.statusId)}" is not one Keepnet knows`, 'Use Active or Inactive.');
		}
		body.statusId = statusId;
	}
	if (fields.roleIds !== undefined) {
		// Names or IDs as entered; resolveRoleIds (api.ts) turns them into the company's role IDs before the write.
		const entries = roleEntries(ctx, fields.roleIds, itemIndex);
		body.roleResourceIdList = entries;
		if (entries.length === 0) {
			throw inputError(ctx, itemIndex, 'No role chosen', 'Keepnet needs at least one role for a system user: choose one under Role Names or IDs (e.g. Company Admin).');
		}
	}
	return body;
}

/** Role Names or IDs, as helpers/namesOrIds.ts reads and resolves it. */
export const ROLES_FIELD: NamesOrIdsField = { label: 'Role Names or IDs', noun: 'role', example: `{{ ['Company Admin'] }} or "Company Admin, Auditor"` };

/** The entries of Role Names or IDs, each a role's ID or name, checked before any request. */
export function roleEntries(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	return namesOrIdsEntries(ctx, ROLES_FIELD, value, itemIndex);
}

export interface SystemUserTarget {
	companyId: string;
	systemUserId: string;
}

/** The company and system user of an operation that acts on one system user by ID. */
export function readSystemUserTarget(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): SystemUserTarget {
	return {
		companyId: readCompanyId(session, itemIndex),
		systemUserId: readRecordId(ctx, 'systemUserId', 'System User', itemIndex),
	};
}
