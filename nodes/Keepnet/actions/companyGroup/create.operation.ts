import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { readCompanyIds } from './api';
import { readGroupName } from './body';
import { companyGroupNameField, companyIdsField } from './fields';

export const description: INodeProperties[] = [
	companyGroupNameField('Name of the new group (max 64 characters)'),
	{ ...companyIdsField('The customer companies the new group starts with (optional)') },
];

export const handler: ItemOperation<{ name: string; companyIds: string[] }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		return { name: readGroupName(this, itemIndex), companyIds: readCompanyIds(this, this.getNodeParameter('companyIds', itemIndex, []), itemIndex) };
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, session) {
		const created = await session.request<{ resourceId?: string } | undefined>({
			method: 'POST',
			path: '/api/company-groups',
			body: { name: prepared.name, companyResourceIdArray: prepared.companyIds },
			retry: 'never',
			itemIndex,
		});
		return [{ json: { resourceId: String(created?.resourceId ?? ''), name: prepared.name, companyResourceIdArray: prepared.companyIds } }];
	},
};
