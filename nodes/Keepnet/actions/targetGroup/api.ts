import type { IDataObject } from 'n8n-workflow';
import type { KeepnetSession } from '../../transport/session';


/** Keepnet calls more than one Target Group operation makes. */

export const groupNotFound = (companyId: string, targetGroupId: string) => `target group "${targetGroupId}" in company "${companyId}"`;

/** GET /api/target-groups/{id}: TargetGroupDto (resourceId, name, priority, createDate, isEditable, isScimGroup, isGoogleGroup). */
export async function getTargetGroup(
	session: KeepnetSession,
	companyId: string,
	targetGroupId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const group = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/target-groups/${targetGroupId}`,
		companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: groupNotFound(companyId, targetGroupId),
	});
	return group ?? {};
}
