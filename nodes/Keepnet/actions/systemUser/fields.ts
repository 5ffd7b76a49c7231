import type { INodeProperties } from 'n8n-workflow';

import { companyLocator, recordLocator } from '../../helpers/descriptions';

/** Editor fields of the System User operations. */

export const systemUserLocator = () =>
	recordLocator({
		name: 'systemUserId',
		displayName: 'System User',
		searchListMethod: 'searchSystemUsers',
		description: 'The system user (platform administrator), searchable by name or email within the selected company',
	});

export const roleIdsField = (required: boolean): INodeProperties => ({
	displayName: 'Role Names or IDs',
	name: 'roleIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRoles', loadOptionsDependsOn: ['companyId.value'] },
	default: [],
	required,
	description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	// The description's wording is fixed by the n8n lint rule; names are explained in the hint.
	hint: "Roles of the selected company. An expression may give role names instead of IDs (e.g. Company Admin, Security Analyst): they are matched to the company's roles when the node runs, so a company created earlier in the same workflow works too.",
});

export const statusOptions = [
	{ name: 'Active', value: 1 },
	{ name: 'Inactive', value: 0 },
];

/** Company, System User and Concurrency: the fields of the operations that act on one system user by ID. */
export function systemUserIdFields(): INodeProperties[] {
	return [companyLocator(), systemUserLocator()];
}
