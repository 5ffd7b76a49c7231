import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteRestApiClient from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deleteRestApiClient as delete, get, getAll, update };

/** REST API Client: a customer's own API credential, for the customer's automation. */
export const restApiClientResource = defineResource({
	name: 'REST API Client',
	description: "An API credential of a customer company, for the customer's own automation",
	defaultOperation: 'create',
	operations: {
		create: {
			name: 'Create',
			action: 'Create a REST API client',
			description: "Creates a REST API client for a customer's own automation and returns its client ID and secret (the secret in this output only)",
			module: create,
		},
		delete: { name: 'Delete', action: 'Delete a REST API client (irreversible)', description: "Deletes a customer's REST API client irreversibly (its integrations stop at once) and returns the deleted ID", module: deleteRestApiClient },
		get: { name: 'Get', action: 'Get a REST API client', description: 'Returns one REST API client by its ID, with its secret redacted', module: get },
		getAll: { name: 'Get Many', action: 'Get many REST API clients', description: 'Returns the REST API clients of a company, one item each, without secrets', module: getAll },
		update: { name: 'Update', action: 'Update a REST API client', description: 'Changes the name, status, roles or allowed IP addresses of a REST API client, keeping its secret, and returns the client', module: update },
	},
});
