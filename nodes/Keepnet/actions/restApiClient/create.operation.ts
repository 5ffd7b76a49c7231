import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { leaveCredentialOutOption, readLeaveCredentialOut, withCredential } from '../../helpers/customerCredentials';
import { additionalFieldsCollection, companyLocator, optionsCollection } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import { writeOutcomeInDoubt } from '../../transport/request';
import { resolveRoleIds } from '../systemUser/api';
import type { ItemOperation } from '../types';
import { readClientName, readClientRoles, readIpAddresses, readStatusId, withoutClientSecret } from './body';
import { allowedIpAddressesProperty, clientRolesProperty, clientStatusProperty } from './fields';

interface Prepared {
	companyId: string;
	name: string;
	roleEntries: string[];
	statusId: number;
	allowedIpAddresses: string[];
	leaveSecretOut: boolean;
}

export const description: INodeProperties[] = [
	companyLocator('The customer company the client belongs to: the client can act in this company only'),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. Customer automation', description: 'Max 64 characters' },
	{ ...clientRolesProperty, required: true },
	additionalFieldsCollection([allowedIpAddressesProperty, clientStatusProperty]),
	optionsCollection([leaveCredentialOutOption('Client Secret')]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		return {
			companyId: readCompanyId(session, itemIndex),
			name: readClientName(this, this.getNodeParameter('name', itemIndex, ''), itemIndex),
			roleEntries: readClientRoles(this, this.getNodeParameter('roleIds', itemIndex, []), itemIndex),
			statusId: readStatusId(this, additionalFields.statusId ?? 1, itemIndex),
			allowedIpAddresses: readIpAddresses(this, additionalFields.allowedIpAddresses, itemIndex),
			leaveSecretOut: readLeaveCredentialOut(this, itemIndex),
		};
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, session) {
		const roleResourceIdList = await resolveRoleIds(this, session, prepared.companyId, prepared.roleEntries, itemIndex);
		// Keepnet's own flow: it generates the client ID and secret, then the client is saved with them.
		const credentials = await session.request<{ clientId?: string; clientSecret?: string } | undefined>({
			method: 'GET',
			path: '/api/companies/clients/generate-client-credentials',
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
		});
		const clientId = String(credentials?.clientId ?? '');
		const clientSecret = String(credentials?.clientSecret ?? '');
		const body: IDataObject = {
			name: prepared.name,
			clientId,
			clientSecret,
			statusId: prepared.statusId,
			hasIpAddressRestriction: prepared.allowedIpAddresses.length > 0,
			allowedIpAddresses: prepared.allowedIpAddresses,
			roleResourceIdList,
		};
		let created: { resourceId?: string } | undefined;
		let failure: unknown;
		try {
			created = await session.request<{ resourceId?: string } | undefined>({
				method: 'POST',
				path: '/api/companies/clients',
				body,
				companyId: prepared.companyId,
				retry: 'never',
				itemIndex,
			});
		} catch (error) {
			failure = error;
		}
		if (failure !== undefined) {
			// The secret exists only in this run: if the client may have been saved, nobody will ever read its secret.
			if (!writeOutcomeInDoubt(failure)) throw failure;
			throw new NodeOperationError(this.getNode(), failure instanceof Error ? failure.message : String(failure), {
				itemIndex,
				description: `The client "${prepared.name}" may or may not have been created, and its secret cannot be shown again. Look for it with REST API Client → Get Many; if it is there, delete it and run this item again.`,
			});
		}
		const json = withCredential({ resourceId: String(created?.resourceId ?? ''), companyId: prepared.companyId, ...withoutClientSecret(body) }, 'clientSecret', clientSecret, prepared.leaveSecretOut);
		return [{ json }];
	},
};
