import { statusFilterOption } from '../../helpers/descriptions';
import { searchOperation } from '../searchOperation';

const operation = searchOperation({
	path: '/api/system-users/search',
	searchText: { fields: ['FirstName', 'LastName', 'Email'], placeholder: 'e.g. jane', description: 'Free text matched against first name, last name and email', max: 256 },
	filters: {
		options: [statusFilterOption('Only active or only inactive system users')],
		columns: (filters) =>
			filters.status === 'active' || filters.status === 'inactive' ? [{ FieldName: 'StatusId', Operator: 'Include', Value: filters.status === 'active' ? '1' : '0' }] : [],
	},
	sort: {
		fields: [
			{ name: 'Create Time', value: 'CreateTime' },
			{ name: 'Email', value: 'Email' },
			{ name: 'First Name', value: 'FirstName' },
			{ name: 'Last Name', value: 'LastName' },
			{ name: 'Status', value: 'StatusId' },
		],
		default: 'CreateTime',
	},
});

export const description = operation.description;
export const handler = operation.handler;
