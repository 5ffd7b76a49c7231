import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { targetGroupBody } from './body';
import { groupNameField, groupPriorityField } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	{ ...groupNameField, required: true },
	{ ...groupPriorityField, required: true },
];

interface Prepared {
	companyId: string;
	body: { name: string; priority: string };
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		const body = targetGroupBody(
			this,
			{ name: this.getNodeParameter('name', itemIndex, ''), priority: this.getNodeParameter('priority', itemIndex, '') },
			itemIndex,
		);
		return { companyId: readCompanyId(session, itemIndex), body };
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, session) {
		// Never retried after a 5xx or a dropped connection: the first attempt may have created the group.
		const created = await session.request<{ resourceId?: string } | undefined>({
			method: 'POST',
			path: '/api/target-groups',
			body: prepared.body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
		});
		return [{ json: { resourceId: String(created?.resourceId ?? ''), companyId: prepared.companyId, ...prepared.body } }];
	},
};
