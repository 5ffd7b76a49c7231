import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { notFoundScim, readScimTarget, type ScimTarget } from './api';
import { scimLocator } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	scimLocator(),
	{
		displayName: "Deleting a SCIM integration cannot be undone: the customer's identity provider stops keeping users in step at once.",
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
];

export const handler: ItemOperation<ScimTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return readScimTarget(this, session, itemIndex);
	},
	identifyBy: ['scimIntegrationId'],
	async run(target, itemIndex, session) {
		await session.request({ method: 'DELETE', path: `/api/scim/${target.scimId}`, companyId: target.companyId, retry: 'never', itemIndex, notFoundSubject: notFoundScim(target) });
		return [{ json: { deleted: true, id: target.scimId, companyId: target.companyId } }];
	},
};
