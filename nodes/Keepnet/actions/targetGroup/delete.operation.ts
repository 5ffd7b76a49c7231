import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { groupNotFound } from './api';
import { readTargetGroupTarget, type TargetGroupTarget } from './body';
import { targetGroupLocator } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Deleting a group removes the group only; its target users stay in Keepnet',
		name: 'deleteGroupNotice',
		type: 'notice',
		default: '',
	},
	companyLocator(),
	targetGroupLocator(),
];

export const handler: ItemOperation<TargetGroupTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return readTargetGroupTarget(this, session, itemIndex);
	},
	identifyBy: ['targetGroupId'],
	async run(prepared, itemIndex, session) {
		await session.request({
			method: 'DELETE',
			path: `/api/target-groups/${prepared.targetGroupId}`,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: groupNotFound(prepared.companyId, prepared.targetGroupId),
		});
		return [{ json: { deleted: true, id: prepared.targetGroupId, companyId: prepared.companyId } }];
	},
};
