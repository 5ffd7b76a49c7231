import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { statusFilterOption } from '../../helpers/descriptions';
import { optionalPriority, optionalString } from '../../helpers/validation';
import { buildFilter, type FilterItem } from '../../transport/search';
import { priorityOptions } from './fields';

/** Filters shared by Get Many and Export: the same search Keepnet's web console runs. */
export const targetUserFilterOptions: INodeProperties[] = [
	{
		displayName: 'Department',
		name: 'department',
		type: 'string',
		default: '',
		placeholder: 'e.g. Finance',
		description: 'Only users whose department contains this text',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane.doe@example.com',
		description: 'Only the user with exactly this email',
	},
	{
		displayName: 'Include Deleted Users',
		name: 'includeDeleted',
		type: 'boolean',
		default: false,
		description: 'Whether to include users that were deleted (Keepnet keeps them with status Deleted)',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: priorityOptions,
		default: 'Medium',
		description: 'Only users with this priority',
	},
	{
		displayName: 'Search Text',
		name: 'searchText',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane',
		description: 'Free text matched against first name, last name, email and department',
	},
	statusFilterOption('Only active or only inactive users'),
];

export const targetUserSortFields = [
	{ name: 'Create Time', value: 'createTime' },
	{ name: 'Department', value: 'department' },
	{ name: 'Email', value: 'email' },
	{ name: 'First Name', value: 'firstName' },
	{ name: 'Last Name', value: 'lastName' },
	{ name: 'Priority', value: 'priority' },
	{ name: 'Status', value: 'status' },
	{ name: 'Update Time', value: 'updateTime' },
];

const SEARCH_TEXT_FIELDS = ['FirstName', 'LastName', 'Email', 'Department'];

/** The Keepnet filter object for the user's filter choices, checked before anything is sent. */
export function targetUserFilter(ctx: IExecuteFunctions, filters: IDataObject, itemIndex: number): IDataObject {
	const items: FilterItem[] = [];
	const email = optionalString(ctx, filters.email, 'Filters → Email', itemIndex, { max: 320 });
	if (email !== undefined) items.push({ FieldName: 'Email', Operator: 'Equals', Value: email });
	const department = optionalString(ctx, filters.department, 'Filters → Department', itemIndex, { max: 256 });
	if (department !== undefined) items.push({ FieldName: 'Department', Operator: 'Contains', Value: department });
	const priority = optionalPriority(ctx, filters.priority, itemIndex);
	if (priority !== undefined) items.push({ FieldName: 'Priority', Operator: 'Include', Value: priority });
	if (filters.status === 'active' || filters.status === 'inactive') {
		items.push({ FieldName: 'Status', Operator: 'Include', Value: filters.status === 'active' ? '1' : '0' });
	}
	if (filters.includeDeleted !== true) items.push({ FieldName: 'IsDeleted', Operator: 'Contains', Value: 'false' });
	const searchText = optionalString(ctx, filters.searchText, 'Filters → Search Text', itemIndex, { max: 256 }) ?? '';
	return buildFilter(items, searchText, SEARCH_TEXT_FIELDS);
}
