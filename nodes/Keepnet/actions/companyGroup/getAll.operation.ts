import { searchOperation } from '../searchOperation';
import { COMPANY_GROUP_NAME_MAX } from './body';

// Company groups belong to the Reseller itself: no Company picker.
const operation = searchOperation({
	path: '/api/company-groups/search',
	company: false,
	searchText: { fields: ['Name'], placeholder: 'e.g. emea', description: 'Only groups whose name contains this text', max: COMPANY_GROUP_NAME_MAX },
	sort: {
		fields: [
			{ name: 'Company Count', value: 'CompanyCount' },
			{ name: 'Create Time', value: 'CreateTime' },
			{ name: 'Name', value: 'Name' },
		],
		default: 'CreateTime',
	},
});

export const description = operation.description;
export const handler = operation.handler;
