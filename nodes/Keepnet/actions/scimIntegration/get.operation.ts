import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { withoutCustomerSecrets } from '../../transport/request';
import type { ItemOperation } from '../types';
import { getScim, readScimTarget, type ScimTarget } from './api';
import { scimLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), scimLocator()];

export const handler: ItemOperation<ScimTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		return readScimTarget(this, itemIndex);
	},
	identifyBy: ['scimIntegrationId'],
	async run(target, itemIndex, state) {
		return [{ json: { ...withoutCustomerSecrets(state, await getScim(this, state, target, itemIndex)), companyId: target.companyId } }];
	},
};
