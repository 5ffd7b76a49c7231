import { defineResource } from '../types';
import * as addCompanies from './addCompanies.operation';
import * as create from './create.operation';
import * as deleteCompanyGroup from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getCompanies from './getCompanies.operation';
import * as removeCompanies from './removeCompanies.operation';
import * as rename from './rename.operation';

export { addCompanies, create, deleteCompanyGroup as delete, get, getAll, getCompanies, removeCompanies, rename };

/** Company Group: the reseller's groups of customer companies, which share trainings, templates and roles. */
export const companyGroupResource = defineResource({
	name: 'Company Group',
	description: 'A group of customer companies that share trainings, templates and roles',
	defaultOperation: 'getAll',
	operations: {
		addCompanies: {
			name: 'Add Companies',
			action: 'Add companies to a company group',
			description: 'Add customer companies to a group; no member is ever removed',
			module: addCompanies,
		},
		create: { name: 'Create', action: 'Create a company group', description: 'Create a group of customer companies', module: create },
		delete: { name: 'Delete', action: 'Delete a company group (irreversible)', description: 'Delete a company group (irreversible)', module: deleteCompanyGroup },
		get: { name: 'Get', action: 'Get a company group', description: 'Get a company group by ID', module: get },
		getAll: { name: 'Get Many', action: 'Get many company groups', description: 'List your company groups', module: getAll },
		getCompanies: { name: 'Get Companies', action: 'Get the companies of a company group', description: 'List the member companies of a group', module: getCompanies },
		removeCompanies: {
			name: 'Remove Companies',
			action: 'Remove companies from a company group',
			description: 'Take exactly the given companies out of a group',
			module: removeCompanies,
		},
		rename: { name: 'Rename', action: 'Rename a company group', description: 'Change the name of a group, keeping its members', module: rename },
	},
});
