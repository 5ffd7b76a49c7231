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
			description: 'Create an API client for a customer; its secret is in the output of this operation only',
			module: create,
		},
		delete: { name: 'Delete', action: 'Delete a REST API client (irreversible)', description: 'Delete a REST API client (irreversible)', module: deleteRestApiClient },
		get: { name: 'Get', action: 'Get a REST API client', description: 'Get a REST API client by ID (secret redacted)', module: get },
		getAll: { name: 'Get Many', action: 'Get many REST API clients', description: 'List the REST API clients of a company', module: getAll },
		update: { name: 'Update', action: 'Update a REST API client', description: 'Change name, status, roles or allowed IP addresses; the secret stays', module: update },
	},
});
