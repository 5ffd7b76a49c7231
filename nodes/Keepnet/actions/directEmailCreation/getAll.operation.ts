import { searchOperation } from '../searchOperation';

// Keepnet's spec types this answer as a bare ID; its web console reads rows, which is what arrives.
const operation = searchOperation({
	path: '/api/companies/direct-email-settings/search',
	searchText: { fields: ['Name'], placeholder: 'e.g. microsoft', description: 'Only settings whose name or tenant contains this text', max: 200 },
	sort: { orderBy: 'CreateTime', ascending: false },
});

export const description = operation.description;
export const handler = operation.handler;
