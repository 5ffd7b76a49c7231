import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { withoutCustomerSecrets } from '../../transport/request';
import type { ItemOperation } from '../types';
import { getClient, readClientTarget, type ClientTarget } from './api';
import { restApiClientLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), restApiClientLocator()];

export const handler: ItemOperation<ClientTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		return readClientTarget(this, itemIndex);
	},
	identifyBy: ['restApiClientId'],
	async run(target, itemIndex, state) {
		// Keepnet's answer carries the client's secret; only Create may put it in the output.
		const client = await getClient(this, state, target, itemIndex);
		return [{ json: { ...withoutCustomerSecrets(state, client), companyId: target.companyId } }];
	},
};
