import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { readSystemUserTarget, type SystemUserTarget } from './body';
import { systemUserIdFields } from './fields';

export const description: INodeProperties[] = systemUserIdFields();

export const handler: ItemOperation<SystemUserTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return readSystemUserTarget(this, session, itemIndex);
	},
	identifyBy: ['systemUserId'],
	async run(prepared, itemIndex, session) {
		await session.request({
			method: 'DELETE',
			path: `/api/system-users/${prepared.systemUserId}`,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: `system user "${prepared.systemUserId}" in company "${prepared.companyId}"`,
		});
		return [{ json: { deleted: true, id: prepared.systemUserId, companyId: prepared.companyId } }];
	},
};
