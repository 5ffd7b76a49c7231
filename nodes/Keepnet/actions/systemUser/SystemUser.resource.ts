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
		create: { name: 'Create', action: 'Create a system user', description: 'Create a platform administrator', module: create },
		delete: { name: 'Delete', action: 'Delete a system user', description: 'Delete a system user', module: deleteSystemUser },
		get: { name: 'Get', action: 'Get a system user', description: 'Get a system user by ID', module: get },
		getAll: { name: 'Get Many', action: 'Get many system users', description: 'List system users of a company', module: getAll },
		sendInformationEmail: {
			name: 'Send Information Email',
			action: 'Send the information email to a system user',
			description: 'Send the welcome email with sign-in information',
			module: sendInformationEmail,
		},
		update: { name: 'Update', action: 'Update a system user', description: 'Change fields of a system user', module: update },
	},
});
