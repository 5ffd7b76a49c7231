import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { refuseStoredValuesOverUpdateLimits } from '../../helpers/updateCarry';
import { inputError } from '../../helpers/validation';
import { resolveRoleIds } from '../systemUser/api';
import type { ItemOperation } from '../types';
import { getClient, notFoundClient, readClientTarget, type ClientTarget } from './api';
import { withoutClientSecret, isMaskedSecret, readClientName, readClientRoles, readIpAddresses, readStatusId, storedClientFields } from './body';
import { allowedIpAddressesProperty, clientRolesProperty, clientStatusProperty, restApiClientLocator } from './fields';

interface Prepared extends ClientTarget {
	changes: IDataObject;
	roleEntries?: string[];
}

export const description: INodeProperties[] = [
	companyLocator(),
	restApiClientLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			allowedIpAddressesProperty,
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Max 64 characters' },
			{ ...clientRolesProperty, hint: "Replaces the client's roles. An expression may give role names (e.g. Company Admin), matched when the node runs." },
			clientStatusProperty,
		],
	},
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		const target = readClientTarget(this, session, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		if (Object.keys(fields).length === 0) throw inputError(this, itemIndex, 'No field to update', 'Add at least one field under Update Fields.');
		const changes: IDataObject = {};
		if (fields.name !== undefined) changes.name = readClientName(this, fields.name, itemIndex);
		if (fields.statusId !== undefined) changes.statusId = readStatusId(this, fields.statusId, itemIndex);
		if (fields.allowedIpAddresses !== undefined) {
			const addresses = readIpAddresses(this, fields.allowedIpAddresses, itemIndex);
			changes.allowedIpAddresses = addresses;
			changes.hasIpAddressRestriction = addresses.length > 0;
		}
		const roleEntries = fields.roleIds === undefined ? undefined : readClientRoles(this, fields.roleIds, itemIndex);
		return { ...target, changes, roleEntries };
	},
	identifyBy: ['restApiClientId'],
	async run(prepared, itemIndex, session) {
		// Keepnet's PUT replaces the client and requires its secret: read it, change only what was set, send the
		// stored secret back exactly as read.
		const stored = await getClient(session, prepared, itemIndex);
		if (isMaskedSecret(stored.clientSecret)) {
			throw new NodeOperationError(this.getNode(), `Keepnet did not return the secret of REST API client "${prepared.clientId}" (item ${itemIndex})`, {
				itemIndex,
				description:
					'An update must send the stored secret back; sending a mask or nothing would replace the secret and break every integration that uses the client. Nothing was sent. Change the client in Keepnet instead.',
			});
		}
		const changes = { ...prepared.changes };
		if (prepared.roleEntries) changes.roleResourceIdList = await resolveRoleIds(this, session, prepared.companyId, prepared.roleEntries, itemIndex);
		const body = { ...storedClientFields(stored), ...changes };
		refuseStoredValuesOverUpdateLimits(this, 'restApiClient', body, new Set(Object.keys(changes)), {
			itemIndex,
			record: `REST API client "${prepared.clientId}"`,
			labels: { name: 'Name', clientId: 'Client ID', clientSecret: 'Client Secret' },
		});
		await session.request({
			method: 'PUT',
			path: `/api/companies/clients/${prepared.clientId}`,
			body,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFoundClient(prepared),
		});
		return [{ json: session.withoutCustomerSecrets({ resourceId: prepared.clientId, companyId: prepared.companyId, ...withoutClientSecret(body) }) }];
	},
};
