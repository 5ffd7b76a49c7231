import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { inputError, keepnetIdList, requiredEmail, requiredString } from '../../helpers/validation';

/** System user limits from Keepnet's OpenAPI spec (same for create and update). */
export const SYSTEM_USER_LIMITS = { name: 40, email: 320, phoneNumber: 20 } as const;

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
		body.roleResourceIdList = keepnetIdList(ctx, fields.roleIds, 'Role', itemIndex);
	}
	return body;
}

export interface SystemUserTarget {
	companyId: string;
	systemUserId: string;
}

/** The company and system user of an operation that acts on one system user by ID. */
export function readSystemUserTarget(ctx: IExecuteFunctions, itemIndex: number): SystemUserTarget {
	return {
		companyId: readCompanyId(ctx, itemIndex),
		systemUserId: readRecordId(ctx, 'systemUserId', 'System User', itemIndex),
	};
}
