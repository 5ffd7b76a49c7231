import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { getScim, readScimTarget, type ScimTarget } from './api';
import { scimLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), scimLocator()];

export const handler: ItemOperation<ScimTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return readScimTarget(this, session, itemIndex);
	},
	identifyBy: ['scimIntegrationId'],
	async run(target, itemIndex, session) {
		return [{ json: { ...session.withoutCustomerSecrets(await getScim(session, target, itemIndex)), companyId: target.companyId } }];
	},
};
