import type { INodeProperties } from 'n8n-workflow';

import { leaveCredentialOutOption, readLeaveCredentialOut, withCredential } from '../../helpers/customerCredentials';
import { companyLocator, optionsCollection } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { notFoundScim, readScimTarget, scimUrlOf, tokenOf, type ScimTarget } from './api';
import { scimLocator } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	scimLocator(),
	{
		displayName:
			"The current token stops working for good and a new one is issued: the customer's identity provider stops syncing until it is given the new token.",
		name: 'revokeNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection([leaveCredentialOutOption('Token')]),
];

export const handler: ItemOperation<ScimTarget & { leaveTokenOut: boolean }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return { ...readScimTarget(this, session, itemIndex), leaveTokenOut: readLeaveCredentialOut(this, itemIndex) };
	},
	identifyBy: ['scimIntegrationId'],
	async run(prepared, itemIndex, session) {
		// Never replayed: a second revoke would kill the token the first one issued.
		const answer = await session.request({
			method: 'POST',
			path: `/api/scim/${prepared.scimId}/revoke`,
			body: {},
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: notFoundScim(prepared),
		});
		const json = { resourceId: prepared.scimId, companyId: prepared.companyId, scimUrl: scimUrlOf(undefined, session.target?.baseUrl) };
		return [{ json: withCredential(json, 'token', tokenOf(answer), prepared.leaveTokenOut) }];
	},
};
