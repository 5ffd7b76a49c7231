import type { INodeProperties } from 'n8n-workflow';

import { failedAfterRateLimit } from '../../transport/request';
import type { OperationOutput } from '../types';
import { createTargetUser, findTargetUserByEmail } from './api';
import { prepareTargetUserWrite, type PreparedTargetUserWrite } from './body';
import { type BulkItemOperation, bulkWriteOperation, claimCreated, createdFromRow } from './bulkImport';
import { targetUserWriteFields } from './fields';

export const description: INodeProperties[] = targetUserWriteFields('create');

const createdOutput = (prepared: PreparedTargetUserWrite, resourceId: string): OperationOutput => ({
	json: { resourceId, companyId: prepared.companyId, ...prepared.body },
});

/** One user, one create: every item the bulk import did not settle. */
const createOne: BulkItemOperation = {
	kind: 'item',
	concurrent: true,
	async prepare(itemIndex, session) {
		return await prepareTargetUserWrite(this, session, itemIndex, 'create');
	},
	identifyBy: ['email'],
	async run(prepared, itemIndex, session, bulkHint) {
		const findOurs = async () =>
			createdFromRow(session, await findTargetUserByEmail(session, prepared.companyId, String(prepared.body.email), itemIndex), prepared.body);
		if (bulkHint === 'importMayHaveCreated') {
			// The bulk import may have created this user before it broke off. Only a user holding what this row sent is
			// ours; another client's user with this email makes the create below fail, as it would without the bulk path.
			const ours = await findOurs();
			if (ours !== undefined) return [createdOutput(prepared, ours)];
		}
		let createFailure: unknown;
		try {
			// Never retried after a 5xx or a dropped connection: the first attempt may have created the user.
			const resourceId = await createTargetUser(session, prepared.companyId, prepared.body, itemIndex);
			claimCreated(session, resourceId);
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

export const handler = bulkWriteOperation({
	perItem: createOne,
	readExistingUsers: false,
	// The same email twice fails on the second create, as one request per user would; nothing to order.
	oneAtATimePerEmail: false,
	isCandidate: () => true,
	// Any row but a new one (an existing user, an invalid row) fails on Create.
	rowMayFail: (status) => status !== 'New',
	createdOutput: (item, resourceId) => createdOutput(item, resourceId),
});
