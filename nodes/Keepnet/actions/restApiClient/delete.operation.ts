import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { KEEPNET_CREDENTIAL_TYPE } from '../../transport/credentialType';
import type { ItemOperation } from '../types';
import { getClient, notFoundClient, readClientTarget, type ClientTarget } from './api';
import { restApiClientLocator } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	restApiClientLocator(),
	{
		displayName: 'Deleting a REST API client cannot be undone: every integration that signs in with it stops working at once.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
];

export const handler: ItemOperation<ClientTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return readClientTarget(this, session, itemIndex);
	},
	identifyBy: ['restApiClientId'],
	async run(target, itemIndex, session) {
		// Read first: the node must not delete the client it signs in with (every later run would fail).
		const client = await getClient(session, target, itemIndex);
		const own = await this.getCredentials(KEEPNET_CREDENTIAL_TYPE);
		if (typeof client.clientId === 'string' && client.clientId === own.clientId) {
			throw new NodeOperationError(this.getNode(), `REST API client "${target.clientId}" is the one this node signs in with (item ${itemIndex})`, {
				itemIndex,
				description: 'Deleting it would lock this credential out of Keepnet. Nothing was deleted. Use another credential to delete it, if that is really wanted.',
			});
		}
		await session.request({
			method: 'DELETE',
			path: `/api/companies/clients/${target.clientId}`,
			companyId: target.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: notFoundClient(target),
		});
		return [{ json: { deleted: true, id: target.clientId, companyId: target.companyId } }];
	},
};
