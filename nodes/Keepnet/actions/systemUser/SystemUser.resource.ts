import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteSystemUser from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as sendInformationEmail from './sendInformationEmail.operation';
import * as update from './update.operation';

export { create, deleteSystemUser as delete, get, getAll, sendInformationEmail, update };

/** System User: the platform administrators of a customer company. The Operation menu and the code behind each entry. */
export const systemUserResource = defineResource({
	name: 'System User',
	description: 'A platform administrator of a company',
	defaultOperation: 'create',
	operations: {
		create: { name: 'Create', action: 'Create a system user', description: 'Creates a platform administrator in a company with the given roles and returns the user', module: create },
		delete: { name: 'Delete', action: 'Delete a system user', description: 'Deletes a system user and returns the deleted ID', module: deleteSystemUser },
		get: { name: 'Get', action: 'Get a system user', description: 'Returns one system user by its ID with its roles', module: get },
		getAll: { name: 'Get Many', action: 'Get many system users', description: 'Returns the system users of a company, one item each', module: getAll },
		sendInformationEmail: {
			name: 'Send Information Email',
			action: 'Send the information email to a system user',
			description: 'Sends a system user the welcome email with sign-in information and confirms it was sent',
			module: sendInformationEmail,
		},
		update: { name: 'Update', action: 'Update a system user', description: 'Changes the fields you set on a system user, keeping its roles unless you set new ones, and returns the user', module: update },
	},
});
