import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { createTargetUser } from './api';
import { prepareTargetUserWrite, type PreparedTargetUserWrite } from './body';
import { targetUserWriteFields } from './fields';

export const description: INodeProperties[] = targetUserWriteFields('create');

export const handler: ItemOperation<PreparedTargetUserWrite> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex) {
		return prepareTargetUserWrite(this, itemIndex, 'create');
	},
	identifyBy: ['email'],
	async run(prepared, itemIndex, state) {
		// Never retried after a 5xx or a dropped connection: the first attempt may have created the user.
		const resourceId = await createTargetUser(this, state, prepared.companyId, prepared.body, itemIndex);
		return [{ json: { resourceId, companyId: prepared.companyId, ...prepared.body } }];
	},
};
