import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../helpers/descriptions';

/** Editor fields of the REST API Client operations. */

export const restApiClientLocator = (): INodeProperties =>
	recordLocator({
		name: 'restApiClientId',
		displayName: 'REST API Client',
		searchListMethod: 'searchRestApiClients',
		description: 'The REST API client of the selected company, searchable by name',
	});

export const clientRolesProperty: INodeProperties = {
	displayName: 'Role Names or IDs',
	name: 'roleIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRoles', loadOptionsDependsOn: ['companyId.value'] },
	default: [],
	description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'What the client may do, as roles of the selected company (usually Company Admin; Reseller would grant reseller rights). An expression may give role names, matched when the node runs.',
};

export const allowedIpAddressesProperty: INodeProperties = {
	displayName: 'Allowed IP Addresses',
	name: 'allowedIpAddresses',
	type: 'string',
	default: '',
	placeholder: 'e.g. 203.0.113.10, 198.51.100.*',
	description: 'Comma-separated addresses the client may call from (* as a wildcard). Set: only these may; empty: no restriction.',
};

export const clientStatusProperty: INodeProperties = {
	displayName: 'Status',
	name: 'statusId',
	type: 'options',
	options: [
		{ name: 'Active', value: 1 },
		{ name: 'Inactive', value: 0 },
	],
	default: 1,
	description: 'An inactive client cannot get tokens: integrations using it stop at once',
};
