import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { getCompanyGroup } from './api';
import { readGroupId } from './body';
import { companyGroupLocator } from './fields';

export const description: INodeProperties[] = [companyGroupLocator()];

export const handler: ItemOperation<string> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		return readGroupId(this, itemIndex);
	},
	identifyBy: ['companyGroupId'],
	async run(groupId, itemIndex, session) {
		return [{ json: await getCompanyGroup(session, groupId, itemIndex) }];
	},
};
