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
			description: 'Creates a SCIM integration for a customer and returns its ID, SCIM URL and token (the token in this output only)',
			module: create,
		},
		delete: { name: 'Delete', action: 'Delete a SCIM integration (irreversible)', description: 'Deletes a SCIM integration irreversibly (the identity provider stops syncing) and returns the deleted ID', module: deleteScimIntegration },
		get: { name: 'Get', action: 'Get a SCIM integration', description: 'Returns one SCIM integration by its ID with its group and field mappings', module: get },
		getAll: { name: 'Get Many', action: 'Get many SCIM integrations', description: 'Returns the SCIM integrations of a company, one item each', module: getAll },
		getFields: { name: 'Get Fields', action: 'Get the SCIM fields', description: 'Returns the SCIM attributes Keepnet can map, one item each', module: getFields },
		rename: { name: 'Rename', action: 'Rename a SCIM integration', description: 'Renames a SCIM integration and returns it', module: rename },
		revokeToken: {
			name: 'Revoke Token',
			action: 'Revoke the token of a SCIM integration',
			description: 'Replaces the token of a SCIM integration (the old one stops working) and returns the new token, in this output only',
			module: revokeToken,
		},
	},
});
