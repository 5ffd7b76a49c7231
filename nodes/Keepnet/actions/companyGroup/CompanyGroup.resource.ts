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
			description: 'Adds companies to a company group without removing any member, and returns what was added and the new count',
			module: addCompanies,
		},
		create: { name: 'Create', action: 'Create a company group', description: 'Creates a group of customer companies and returns it with its resourceId', module: create },
		delete: { name: 'Delete', action: 'Delete a company group (irreversible)', description: 'Deletes a company group irreversibly (its companies stay) and returns the deleted ID', module: deleteCompanyGroup },
		get: { name: 'Get', action: 'Get a company group', description: 'Returns one company group by its ID with its name and company count', module: get },
		getAll: { name: 'Get Many', action: 'Get many company groups', description: 'Returns your company groups, one item each, with their company counts', module: getAll },
		getCompanies: { name: 'Get Companies', action: 'Get the companies of a company group', description: 'Returns the member companies of a company group, one item each', module: getCompanies },
		removeCompanies: {
			name: 'Remove Companies',
			action: 'Remove companies from a company group',
			description: 'Takes exactly the given companies out of a company group and returns what was removed and the new count',
			module: removeCompanies,
		},
		rename: { name: 'Rename', action: 'Rename a company group', description: 'Renames a company group, keeping its members, and returns the group', module: rename },
	},
});
