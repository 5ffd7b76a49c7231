import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteScimIntegration from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getFields from './getFields.operation';
import * as rename from './rename.operation';
import * as revokeToken from './revokeToken.operation';

export { create, deleteScimIntegration as delete, get, getAll, getFields, rename, revokeToken };

/** SCIM Integration: lets a customer's identity provider keep the customer's target users in step. */
export const scimIntegrationResource = defineResource({
	name: 'SCIM Integration',
	description: "Lets a customer's identity provider keep its users in step",
	defaultOperation: 'create',
	operations: {
		create: {
			name: 'Create',
			action: 'Create a SCIM integration',
			description: 'Create a SCIM integration; returns its ID, token and SCIM URL (the token in this output only)',
			module: create,
		},
		delete: { name: 'Delete', action: 'Delete a SCIM integration (irreversible)', description: 'Delete a SCIM integration (irreversible)', module: deleteScimIntegration },
		get: { name: 'Get', action: 'Get a SCIM integration', description: 'Get a SCIM integration by ID', module: get },
		getAll: { name: 'Get Many', action: 'Get many SCIM integrations', description: 'List the SCIM integrations of a company', module: getAll },
		getFields: { name: 'Get Fields', action: 'Get the SCIM fields', description: 'List the SCIM attributes Keepnet can map', module: getFields },
		rename: { name: 'Rename', action: 'Rename a SCIM integration', description: 'Change the name of a SCIM integration', module: rename },
		revokeToken: {
			name: 'Revoke Token',
			action: 'Revoke the token of a SCIM integration',
			description: 'Replace the token with a new one (the old one stops working); the new token is in this output only',
			module: revokeToken,
		},
	},
});
