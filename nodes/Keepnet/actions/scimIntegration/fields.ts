import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../helpers/descriptions';

/** Editor fields of the SCIM Integration operations. */

export const scimLocator = (): INodeProperties =>
	recordLocator({
		name: 'scimIntegrationId',
		displayName: 'SCIM Integration',
		searchListMethod: 'searchScimIntegrations',
		description: 'The SCIM integration of the selected company, searchable by name',
	});

export const scimNameField = (description: string): INodeProperties => ({
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. Entra ID',
	description,
});
