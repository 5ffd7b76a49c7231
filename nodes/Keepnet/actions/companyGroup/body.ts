import type { IExecuteFunctions } from 'n8n-workflow';

import { readRecordId } from '../../helpers/parameters';
import { inputError, requiredString } from '../../helpers/validation';
import { readCompanyIds } from './api';

/** Company group name limits from Keepnet's spec (CreateCompanyGroupRequest / UpdateCompanyGroupRequest). */
export const COMPANY_GROUP_NAME_MAX = 64;

/**
 * Where a group update (PUT /company-groups/{id}) takes each stored value from, keyed by the update schema's property
 * (helpers/updateSchemas.generated.ts): the member companies, read with the group's companies search (api.ts,
 * renameCompanyGroup), so that a Keepnet reading the array as the whole member list keeps every member.
 */
export const COMPANY_GROUP_CARRIED_ON_UPDATE: Record<string, string> = { companyResourceIdArray: 'companyResourceId of each member' };

export function readGroupName(ctx: IExecuteFunctions, itemIndex: number): string {
	return requiredString(ctx, ctx.getNodeParameter('name', itemIndex, ''), 'Name', itemIndex, { max: COMPANY_GROUP_NAME_MAX });
}

export function readGroupId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readRecordId(ctx, 'companyGroupId', 'Company Group', itemIndex);
}

export interface MembershipTarget {
	groupId: string;
	companyIds: string[];
}

/** The group and the companies of Add Companies / Remove Companies: at least one company, named explicitly. */
export function readMembershipTarget(ctx: IExecuteFunctions, itemIndex: number, verb: 'add' | 'remove'): MembershipTarget {
	const groupId = readGroupId(ctx, itemIndex);
	const companyIds = readCompanyIds(ctx, ctx.getNodeParameter('companyIds', itemIndex, []), itemIndex);
	if (companyIds.length === 0) {
		throw inputError(ctx, itemIndex, `No company to ${verb}`, `Choose the companies under Company Names or IDs, or map their IDs with an expression (e.g. {{ [$json.companyId] }}).`);
	}
	return { groupId, companyIds };
}
