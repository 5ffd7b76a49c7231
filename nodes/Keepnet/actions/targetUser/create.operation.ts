import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation, OperationOutput } from '../types';
import { createTargetUser, findTargetUserByEmail } from './api';
import { prepareTargetUserWrite, type PreparedTargetUserWrite } from './body';
import { sendNewUsersInBulk } from './bulkCreate';
import { targetUserWriteFields } from './fields';

export const description: INodeProperties[] = targetUserWriteFields('create');

const createdOutput = (prepared: PreparedTargetUserWrite, resourceId: string): OperationOutput => ({
	json: { resourceId, companyId: prepared.companyId, ...prepared.body },
});

export const handler: ItemOperation<PreparedTargetUserWrite> = {
	kind: 'item',
	concurrent: true,
	async prepare(itemIndex, state) {
		return await prepareTargetUserWrite(this, state, itemIndex, 'create');
	},
	async sendInBulk(prepared, state) {
		// Any row but a new one (an existing user, an invalid row) fails on Create.
		return await sendNewUsersInBulk(this, state, prepared, { isCandidate: () => true, rowMayFail: (status) => status !== 'New', createdOutput });
	},
	identifyBy: ['email'],
	async run(prepared, itemIndex, state) {
		if (prepared.lookUpFirst) {
			// The bulk import may have created this user before it broke off: creating again would be refused.
			const existing = await findTargetUserByEmail(this, state, prepared.companyId, String(prepared.body.email), itemIndex);
			if (existing?.resourceId) return [createdOutput(prepared, String(existing.resourceId))];
		}
		// Never retried after a 5xx or a dropped connection: the first attempt may have created the user.
		const resourceId = await createTargetUser(this, state, prepared.companyId, prepared.body, itemIndex);
		return [createdOutput(prepared, resourceId)];
	},
};
