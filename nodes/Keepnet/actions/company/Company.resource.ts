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
		create: { name: 'Create', action: 'Create a company', description: 'Creates a customer company under your Reseller account and returns it with its resourceId', module: create },
		delete: { name: 'Delete', action: 'Delete a company and all its data (irreversible)', description: 'Deletes a customer company with all its users, groups and results, irreversibly, and returns the deleted ID', module: deleteCompany },
		export: {
			name: 'Export',
			action: 'Export the company list to a file',
			description: "Returns Keepnet's own file (CSV, Excel or PDF) of the companies you manage, filtered as in Get Many, in a binary field",
			module: exportCompanies,
		},
		get: { name: 'Get', action: 'Get a company', description: 'Returns one company you manage by its ID: license, seats, dates and settings', module: get },
		getLicenseStatus: {
			name: 'Get License Status',
			action: 'Get the license status of a company',
			description: "Returns a company's license limit, active and total users and whether the limit is exceeded",
			module: getLicenseStatus,
		},
		getUsageSummary: {
			name: 'Get Usage Summary',
			action: 'Get the usage summary of every company for a month',
			description: 'Returns one item per customer (users, monthly users, license) and one with the totals, for a billing month',
			module: getUsageSummary,
		},
		getAll: { name: 'Get Many', action: 'Get many companies', description: 'Returns the companies you manage, one item each, with license and user counts', module: getAll },
		update: { name: 'Update', action: 'Update a company', description: 'Changes the fields you set on a company, keeping everything else it stored, and returns the updated company', module: update },
	},
});
