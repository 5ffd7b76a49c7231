import { defineResource } from '../types';
import * as addToGroups from './addToGroups.operation';
import * as create from './create.operation';
import * as deleteTargetUser from './delete.operation';
import * as exportTargetUsers from './export.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getCountSummary from './getCountSummary.operation';
import * as importTargetUsers from './import.operation';
import * as removeFromGroups from './removeFromGroups.operation';
import * as sync from './sync.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export {
	addToGroups,
	create,
	deleteTargetUser as delete,
	exportTargetUsers as export,
	get,
	getAll,
	getCountSummary,
	importTargetUsers as import,
	removeFromGroups,
	sync,
	update,
	upsert,
};

/** Target User: the learners of a customer company. The Operation menu and the code behind each entry. */
export const targetUserResource = defineResource({
	name: 'Target User',
	description: 'A learner who receives simulations and training',
	defaultOperation: 'upsert',
	operations: {
		addToGroups: { name: 'Add to Groups', action: 'Add a target user to groups', description: 'Add a target user to target groups', module: addToGroups },
		create: { name: 'Create', action: 'Create a target user', description: 'Create a target user in a company', module: create },
		upsert: {
			name: 'Create or Update',
			action: 'Create or update a target user',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			module: upsert,
		},
		delete: {
			name: 'Delete',
			action: 'Delete a target user (kept as deleted, frees its seat)',
			description: 'Delete a target user (Keepnet keeps it as deleted)',
			module: deleteTargetUser,
		},
		export: {
			name: 'Export',
			action: 'Export target users to a file',
			description: 'Export target users as CSV, Excel or PDF',
			module: exportTargetUsers,
		},
		get: { name: 'Get', action: 'Get a target user', description: 'Get a target user by ID', module: get },
		getCountSummary: {
			name: 'Get Count Summary',
			action: 'Get the target user count summary',
			description: 'Count active, inactive and deleted target users',
			module: getCountSummary,
		},
		getAll: { name: 'Get Many', action: 'Get many target users', description: 'List target users of a company', module: getAll },
		import: {
			name: 'Import (Bulk)',
			action: 'Import target users in bulk',
			description: 'Create or update all input items in one bulk import',
			module: importTargetUsers,
		},
		removeFromGroups: {
			name: 'Remove From Groups',
			action: 'Remove a target user from groups',
			description: 'Remove a target user from target groups',
			module: removeFromGroups,
		},
		sync: {
			name: 'Sync (Mirror a List)',
			action: 'Sync target users with a list (joiners, changes, leavers)',
			description: 'Make the managed target users match the input list: create joiners, update changes, deactivate or delete leavers',
			module: sync,
		},
		update: { name: 'Update', action: 'Update a target user', description: 'Change fields of a target user', module: update },
	},
});
