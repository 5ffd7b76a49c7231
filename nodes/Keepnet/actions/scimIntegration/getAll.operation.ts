import { searchOperation } from '../searchOperation';
import { SCIM_NAME_MAX } from './api';

const operation = searchOperation({
	path: '/api/scim/search',
	searchText: { fields: ['Name'], placeholder: 'e.g. entra', description: 'Only integrations whose name contains this text', max: SCIM_NAME_MAX },
	sort: {
		fields: [
			{ name: 'Create Time', value: 'CreateTime' },
			{ name: 'Name', value: 'Name' },
		],
		default: 'CreateTime',
	},
	// The search answers no token; should Keepnet add one, it is redacted like everywhere else.
	row: (integration, { session }) => session.withoutCustomerSecrets(integration),
});

export const description = operation.description;
export const handler = operation.handler;
