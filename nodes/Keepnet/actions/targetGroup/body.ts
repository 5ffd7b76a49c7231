import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { inputError, optionalPriority, optionalString, requiredString } from '../../helpers/validation';
import type { KeepnetSession } from '../../transport/session';

/** Target group request bodies: the item's parameters read and checked into what Keepnet takes (OpenAPI spec, docs/keepnet-api.md#target-groups). */

/** Name limit of CreateTargetGroupRequest and UpdateTargetGroupRequest. */
export const TARGET_GROUP_NAME_MAX = 64;

/** The `{ name, priority }` Keepnet requires on create and on update (both fields, every time). */
export function targetGroupBody(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number): { name: string; priority: string } {
	const name = requiredString(ctx, fields.name, 'Name', itemIndex, { max: TARGET_GROUP_NAME_MAX });
	const priority = optionalPriority(ctx, fields.priority, itemIndex);
	if (priority === undefined) {
		throw inputError(ctx, itemIndex, 'Priority is required', 'Set Priority, e.g. Medium; Keepnet needs it for every target group.');
	}
	return { name, priority };
}

/** The changes an Update sets, each checked; only what was set, so the rest can come from the stored group. */
export function targetGroupChanges(ctx: IExecuteFunctions, updateFields: IDataObject, itemIndex: number): IDataObject {
	const changes: IDataObject = {};
	if (updateFields.name !== undefined) {
		changes.name = requiredString(ctx, updateFields.name, 'Name', itemIndex, { max: TARGET_GROUP_NAME_MAX });
	}
	const priority = optionalPriority(ctx, updateFields.priority, itemIndex);
	if (priority !== undefined) changes.priority = priority;
	if (typeof updateFields.isActive === 'boolean') changes.isActive = updateFields.isActive;
	return changes;
}

export interface TargetGroupTarget {
	companyId: string;
	targetGroupId: string;
}

/** The company and group of an operation that acts on one target group. */
export function readTargetGroupTarget(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): TargetGroupTarget {
	return {
		companyId: readCompanyId(session, itemIndex),
		targetGroupId: readRecordId(ctx, 'targetGroupId', 'Target Group', itemIndex),
	};
}

/** Filters → Search Text of Get Many and Get Members. */
export function readSearchText(ctx: IExecuteFunctions, filters: IDataObject, itemIndex: number, max: number): string {
	return optionalString(ctx, filters.searchText, 'Filters → Search Text', itemIndex, { max }) ?? '';
}
