import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteTargetGroup from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as update from './update.operation';

export { create, deleteTargetGroup as delete, get, getAll, getMembers, update };

/** Target Group: groups of a customer's target users. The Operation menu and the code behind each entry. */
export const targetGroupResource = defineResource({
	name: 'Target Group',
	description: "A group of a company's target users",
	defaultOperation: 'getAll',
	operations: {
		create: { name: 'Create', action: 'Create a target group', description: 'Creates a target group in a company and returns it with its resourceId', module: create },
		delete: {
			name: 'Delete',
			action: 'Delete a target group',
			description: 'Deletes a target group (its users stay) and returns the deleted ID',
			module: deleteTargetGroup,
		},
		get: { name: 'Get', action: 'Get a target group', description: 'Returns one target group by its ID', module: get },
		getAll: { name: 'Get Many', action: 'Get many target groups', description: 'Returns the target groups of a company, one item each', module: getAll },
		getMembers: {
			name: 'Get Members',
			action: 'Get the members of a target group',
			description: 'Returns the target users in a target group, one item each',
			module: getMembers,
		},
		update: { name: 'Update', action: 'Update a target group', description: 'Changes the name, priority or status of a target group and returns the group', module: update },
	},
});
