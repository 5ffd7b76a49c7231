import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import { keepnetApiRequest } from '../../transport/request';
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
	prepare(itemIndex) {
		const body = targetGroupBody(
			this,
			{ name: this.getNodeParameter('name', itemIndex, ''), priority: this.getNodeParameter('priority', itemIndex, '') },
			itemIndex,
		);
		return { companyId: readCompanyId(this, itemIndex), body };
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, state) {
		// Never retried after a 5xx or a dropped connection: the first attempt may have created the group.
		const created = await keepnetApiRequest<{ resourceId?: string } | undefined>(this, state, {
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
