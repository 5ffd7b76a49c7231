import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { notFoundScim, readScimName, readScimTarget, type ScimTarget } from './api';
import { scimLocator, scimNameField } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	scimLocator(),
	scimNameField('The new name (max 30 characters). The token and the sync settings stay as they are.'),
];

export const handler: ItemOperation<ScimTarget & { name: string }> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return { ...readScimTarget(this, session, itemIndex), name: readScimName(this, itemIndex) };
	},
	identifyBy: ['scimIntegrationId'],
	async run(prepared, itemIndex, session) {
		// The update schema holds the name only, so nothing stored needs to be carried.
		await session.request({
			method: 'PUT',
			path: `/api/scim/${prepared.scimId}`,
			body: { name: prepared.name },
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFoundScim(prepared),
		});
		return [{ json: { resourceId: prepared.scimId, companyId: prepared.companyId, name: prepared.name } }];
	},
};
