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
		addToGroups: { name: 'Add to Groups', action: 'Add a target user to groups', description: 'Adds a target user to target groups and returns the user ID and the groups added', module: addToGroups },
		create: { name: 'Create', action: 'Create a target user', description: 'Creates a target user (a learner) in a company and returns the user with its resourceId', module: create },
		upsert: {
			name: 'Create or Update',
			action: 'Create or update a target user',
			description: 'Updates the target user with the same email in a company, or creates one, and returns the user with "created" or "updated"',
			module: upsert,
		},
		delete: {
			name: 'Delete',
			action: 'Delete a target user (kept as deleted, frees its seat)',
			description: 'Deletes a target user (Keepnet keeps it as deleted and frees its seat) and returns the deleted ID',
			module: deleteTargetUser,
		},
		export: {
			name: 'Export',
			action: 'Export target users to a file',
			description: "Returns a company's target users as a CSV, Excel or PDF file in a binary field",
			module: exportTargetUsers,
		},
		get: { name: 'Get', action: 'Get a target user', description: 'Returns one target user by its ID', module: get },
		getCountSummary: {
			name: 'Get Count Summary',
			action: 'Get the target user count summary',
			description: "Returns a company's active, inactive, deleted and monthly active target user counts",
			module: getCountSummary,
		},
		getAll: { name: 'Get Many', action: 'Get many target users', description: 'Returns the target users of a company, one item each, filtered and sorted as you choose', module: getAll },
		import: {
			name: 'Import (Bulk)',
			action: 'Import target users in bulk',
			description: 'Creates or updates all input items as target users in one bulk import and returns one outcome per item',
			module: importTargetUsers,
		},
		removeFromGroups: {
			name: 'Remove From Groups',
			action: 'Remove a target user from groups',
			description: 'Removes a target user from target groups and returns the user ID and the groups removed',
			module: removeFromGroups,
		},
		sync: {
			name: 'Sync (Mirror a List)',
			action: 'Sync target users with a list (joiners, changes, leavers)',
			description:
				'Makes the managed target users of a company match the input list (creates joiners, updates changes, deactivates or deletes leavers) and returns one outcome per person, per leaver and a summary',
			module: sync,
		},
		update: { name: 'Update', action: 'Update a target user', description: 'Changes the fields you set on a target user, keeping everything else it stored, and returns the user', module: update },
	},
});
