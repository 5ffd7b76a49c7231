import { readRecordId } from '../../helpers/parameters';
import { SIMPLIFIED_TARGET_USER_FIELDS } from '../targetUser/body';
import { searchOperation } from '../searchOperation';
import { groupNotFound } from './api';
import { targetGroupLocator } from './fields';

const operation = searchOperation({
	path: (targetGroupId) => `/api/target-groups/${targetGroupId}/users`,
	record: {
		field: targetGroupLocator(),
		name: 'targetGroupId',
		read: (ctx, itemIndex) => readRecordId(ctx, 'targetGroupId', 'Target Group', itemIndex),
		notFound: (companyId, targetGroupId) => groupNotFound(companyId ?? '', targetGroupId),
	},
	searchText: { fields: ['FirstName', 'LastName', 'Email'], placeholder: 'e.g. jane', description: 'Free text matched against first name, last name and email', max: 256 },
	// excludeGroupUsers false: the members (true would list everyone NOT in the group).
	sort: { orderBy: 'Email', ascending: true },
	filters: { options: [], body: () => ({ excludeGroupUsers: false }) },
	simplify: SIMPLIFIED_TARGET_USER_FIELDS,
});

export const description = operation.description;
export const handler = operation.handler;
