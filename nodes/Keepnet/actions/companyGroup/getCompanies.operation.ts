import { searchOperation } from '../searchOperation';
import { notFoundGroup } from './api';
import { readGroupId } from './body';
import { companyGroupLocator } from './fields';

// A group's members: a Reseller-level list (no Company picker), oldest member first, each row naming its group.
const operation = searchOperation({
	path: (groupId) => `/api/company-groups/${groupId}/companies/search`,
	company: false,
	record: { field: companyGroupLocator(), name: 'companyGroupId', read: readGroupId, notFound: (_, groupId) => notFoundGroup(groupId) },
	sort: { orderBy: 'CreateTime', ascending: true },
	row: (company, { recordId }) => ({ ...company, companyGroupId: recordId }),
});

export const description = operation.description;
export const handler = operation.handler;
