import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { keepnetApiRequest, type KeepnetRunState } from '../../transport/request';

/** Keepnet calls more than one Target Group operation makes. */

export const groupNotFound = (companyId: string, targetGroupId: string) => `target group "${targetGroupId}" in company "${companyId}"`;

/** GET /api/target-groups/{id}: TargetGroupDto (resourceId, name, priority, createDate, isEditable, isScimGroup, isGoogleGroup). */
export async function getTargetGroup(
	ctx: IExecuteFunctions,
	state: KeepnetRunState,
	companyId: string,
	targetGroupId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const group = await keepnetApiRequest<IDataObject | undefined>(ctx, state, {
		method: 'GET',
		path: `/api/target-groups/${targetGroupId}`,
		companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: groupNotFound(companyId, targetGroupId),
	});
	return group ?? {};
}
