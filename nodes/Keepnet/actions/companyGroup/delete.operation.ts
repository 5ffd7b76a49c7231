import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { notFoundGroup } from './api';
import { readGroupId } from './body';
import { companyGroupLocator } from './fields';

export const description: INodeProperties[] = [
	companyGroupLocator(),
	{
		displayName:
			'Deleting a company group cannot be undone. Its companies stay, but lose what the group shared with them (trainings, notification templates, roles).',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
];

export const handler: ItemOperation<string> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex) {
		return readGroupId(this, itemIndex);
	},
	identifyBy: ['companyGroupId'],
	async run(groupId, itemIndex, session) {
		await session.request({ method: 'DELETE', path: `/api/company-groups/${groupId}`, retry: 'never', itemIndex, notFoundSubject: notFoundGroup(groupId) });
		return [{ json: { deleted: true, id: groupId } }];
	},
};
