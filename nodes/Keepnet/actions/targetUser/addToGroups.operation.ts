import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { buildFilter } from '../../transport/search';
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
		const body: IDataObject = {
			targetUserResourceIds: [prepared.targetUserId],
			targetGroupResourceIds: prepared.targetGroupIds,
			selectAll: false,
			excludedResourceIdList: [],
			filter: buildFilter(),
		};
		// Adding a member twice leaves the same membership, so a retry after a 5xx is harmless.
		await session.request({
			method: 'PUT',
			path: '/api/target-groups/users',
			body,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: `target user "${prepared.targetUserId}" or one of the target groups in company "${prepared.companyId}"`,
		});
		return [{ json: { resourceId: prepared.targetUserId, companyId: prepared.companyId, addedToGroups: prepared.targetGroupIds } }];
	},
};
