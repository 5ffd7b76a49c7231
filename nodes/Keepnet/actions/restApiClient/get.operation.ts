import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { getClient, readClientTarget, type ClientTarget } from './api';
import { restApiClientLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), restApiClientLocator()];

export const handler: ItemOperation<ClientTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return readClientTarget(this, session, itemIndex);
	},
	identifyBy: ['restApiClientId'],
	async run(target, itemIndex, session) {
		// Keepnet's answer carries the client's secret; only Create may put it in the output.
		const client = await getClient(session, target, itemIndex);
		return [{ json: { ...session.withoutCustomerSecrets(client), companyId: target.companyId } }];
	},
};
