import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../helpers/descriptions';
import { priorityOptions } from '../targetUser/fields';

/** Editor fields of the Target Group operations. */

export const targetGroupLocator = () =>
	recordLocator({
		name: 'targetGroupId',
		displayName: 'Target Group',
		searchListMethod: 'searchTargetGroups',
		description: 'The target group, searchable by name within the selected company',
	});

export const groupNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Finance Team',
	description: 'Name of the group (max 64 characters, unique within the company)',
};

export const groupPriorityField: INodeProperties = {
	displayName: 'Priority',
	name: 'priority',
	type: 'options',
	options: priorityOptions,
	default: 'Medium',
	description: 'How closely the members are targeted by simulations',
};

export const groupSortFields = [
	{ name: 'Create Time', value: 'CreateTime' },
	{ name: 'Name', value: 'Name' },
	{ name: 'Priority', value: 'Priority' },
];
