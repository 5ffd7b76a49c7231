import * as create from './create.operation';
import * as deleteCompany from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as exportCompanies from './export.operation';
import * as getLicenseStatus from './getLicenseStatus.operation';
import * as getUsageSummary from './getUsageSummary.operation';
import * as update from './update.operation';
import { defineResource } from '../types';

export { create, deleteCompany as delete, exportCompanies as export, get, getAll, getLicenseStatus, getUsageSummary, update };

/** Company: the customers a Reseller manages. The Operation menu and the code behind each entry. */
export const companyResource = defineResource({
	name: 'Company',
	description: 'A customer company you manage',
	defaultOperation: 'getAll',
	operations: {
		create: { name: 'Create', action: 'Create a company', description: 'Create a customer company', module: create },
		delete: { name: 'Delete', action: 'Delete a company and all its data (irreversible)', description: 'Delete a company and all its data', module: deleteCompany },
		export: {
			name: 'Export',
			action: 'Export the company list to a file',
			description: "Keepnet's own file (CSV, Excel or PDF) of the companies you manage, with the list's filters",
			module: exportCompanies,
		},
		get: { name: 'Get', action: 'Get a company', description: 'Get a company by ID', module: get },
		getLicenseStatus: {
			name: 'Get License Status',
			action: 'Get the license status of a company',
			description: 'Get license limit and user counts',
			module: getLicenseStatus,
		},
		getUsageSummary: {
			name: 'Get Usage Summary',
			action: 'Get the usage summary of every company for a month',
			description: 'One item per customer (users, monthly users, license) and one with the totals, for a billing month',
			module: getUsageSummary,
		},
		getAll: { name: 'Get Many', action: 'Get many companies', description: 'List the companies you manage', module: getAll },
		update: { name: 'Update', action: 'Update a company', description: 'Change fields of a company', module: update },
	},
});
