import type { INodeProperties } from 'n8n-workflow';

import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';
import { readSystemUserTarget, type SystemUserTarget } from './body';
import { systemUserIdFields } from './fields';

export const description: INodeProperties[] = systemUserIdFields();

export const handler: ItemOperation<SystemUserTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex) {
		return readSystemUserTarget(this, itemIndex);
	},
	identifyBy: ['systemUserId'],
	async run(prepared, itemIndex, state) {
		await keepnetApiRequest(this, state, {
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
