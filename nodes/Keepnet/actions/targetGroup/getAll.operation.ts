import { searchOperation } from '../searchOperation';
import { TARGET_GROUP_NAME_MAX } from './body';
import { groupSortFields } from './fields';

const operation = searchOperation({
	path: '/api/target-groups/search',
	searchText: { fields: ['Name'], placeholder: 'e.g. finance', description: 'Only groups whose name contains this text', max: TARGET_GROUP_NAME_MAX },
	filters: {
		options: [
			{
				displayName: 'Include System-Generated Groups',
				name: 'includeSystemGenerated',
				type: 'boolean',
				default: false,
				description: 'Whether to include the groups Keepnet keeps itself, such as Repeat Offenders and New Hires',
			},
		],
		body: (filters) => ({ systemGeneratedGroups: filters.includeSystemGenerated === true }),
	},
	sort: { fields: groupSortFields, default: 'CreateTime' },
});

export const description = operation.description;
export const handler = operation.handler;
