import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { type PreparedMembership, readMembership } from './body';
import { groupMembershipFields } from './fields';

export const description: INodeProperties[] = groupMembershipFields();

export const handler: ItemOperation<PreparedMembership> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return readMembership(this, session, itemIndex);
	},
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, session) {
		for (const groupId of prepared.targetGroupIds) {
			await session.request({
				method: 'DELETE',
				path: `/api/target-groups/${groupId}/users`,
				body: { targetUserResourceIds: [prepared.targetUserId] },
				companyId: prepared.companyId,
				retry: 'safe',
				itemIndex,
				notFoundSubject: `target group "${groupId}" in company "${prepared.companyId}"`,
			});
		}
		return [{ json: { resourceId: prepared.targetUserId, companyId: prepared.companyId, removedFromGroups: prepared.targetGroupIds } }];
	},
};
