import type { INodeProperties } from 'n8n-workflow';

import { failedAfterRateLimit } from '../../transport/request';
import type { ItemOperation, OperationOutput } from '../types';
import { createTargetUser, findTargetUserByEmail } from './api';
import { prepareTargetUserWrite, type PreparedTargetUserWrite } from './body';
import { sendNewUsersInBulk } from './bulkCreate';
import { claimCreated, createdFromRow } from './createdByRun';
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
		const findOurs = async () =>
			createdFromRow(state, await findTargetUserByEmail(this, state, prepared.companyId, String(prepared.body.email), itemIndex), prepared.body);
		if (prepared.lookUpFirst) {
			// The bulk import may have created this user before it broke off. Only a user holding what this row sent is
			// ours; another client's user with this email makes the create below fail, as it would without the bulk path.
			const ours = await findOurs();
			if (ours !== undefined) return [createdOutput(prepared, ours)];
		}
		let createFailure: unknown;
		try {
			// Never retried after a 5xx or a dropped connection: the first attempt may have created the user.
			const resourceId = await createTargetUser(this, state, prepared.companyId, prepared.body, itemIndex);
			claimCreated(state, resourceId);
			return [createdOutput(prepared, resourceId)];
		} catch (error) {
			createFailure = error;
		}
		// Answered 429 first, then refused: the gateway may have limited the answer to a create Keepnet carried out.
		// Otherwise the transport's NodeApiError, naming the item, is passed on as it is.
		const ours = failedAfterRateLimit(createFailure) ? await findOurs() : undefined;
		if (ours === undefined) throw createFailure;
		return [createdOutput(prepared, ours)];
	},
};
