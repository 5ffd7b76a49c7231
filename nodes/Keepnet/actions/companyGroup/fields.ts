import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../helpers/descriptions';

/** Editor fields of the Company Group operations. Company groups belong to the reseller: no Company picker. */

export const companyGroupLocator = (): INodeProperties =>
	recordLocator({
		name: 'companyGroupId',
		displayName: 'Company Group',
		searchListMethod: 'searchCompanyGroups',
		description: 'The company group, one of the groups of customer companies you manage',
	});

export const companyGroupNameField = (description: string): INodeProperties => ({
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. EMEA Customers',
	description,
});

/** The customer companies an operation adds to or removes from a group. */
export const companyIdsField = (description: string): INodeProperties => ({
	displayName: 'Company Names or IDs',
	name: 'companyIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getManagedCompanies' },
	default: [],
	description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: description,
});
