import { searchOperation } from '../searchOperation';
import { CLIENT_LIMITS } from './body';

const operation = searchOperation({
	path: '/api/companies/clients/search',
	searchText: { fields: ['ClientName', 'ClientId'], placeholder: 'e.g. automation', description: 'Only clients whose name or client ID contains this text', max: CLIENT_LIMITS.name },
	sort: {
		fields: [
			{ name: 'Client ID', value: 'clientId' },
			{ name: 'Create Time', value: 'createTime' },
			{ name: 'Name', value: 'clientName' },
			{ name: 'Status', value: 'StatusId' },
		],
		default: 'createTime',
	},
	// The rows carry no secret today; should Keepnet add one, it is redacted like everywhere else.
	row: (client, { session }) => session.withoutCustomerSecrets(client),
});

export const description = operation.description;
export const handler = operation.handler;
