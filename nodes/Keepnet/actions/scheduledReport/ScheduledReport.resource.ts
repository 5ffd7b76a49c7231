import * as activate from './activate.operation';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as deleteSchedule from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { defineResource } from '../types';

export { activate, create, deactivate, deleteSchedule as delete, get, getAll };

/** Scheduled Report: an executive report emailed to a customer's recipients on a schedule. */
export const scheduledReportResource = defineResource({
	name: 'Scheduled Report',
	description: "An executive report emailed on a schedule to a customer's recipients",
	defaultOperation: 'getAll',
	operations: {
		activate: { name: 'Activate', action: 'Activate a scheduled report', description: 'Resumes sending a scheduled report and confirms it is active', module: activate },
		create: { name: 'Create', action: 'Create a scheduled report', description: 'Schedules an executive report to be emailed to recipients and returns the schedule with its resourceId', module: create },
		deactivate: { name: 'Deactivate', action: 'Deactivate a scheduled report', description: 'Stops sending a scheduled report until it is activated and confirms it is inactive', module: deactivate },
		delete: {
			name: 'Delete',
			action: 'Delete a scheduled report (irreversible)',
			description: 'Deletes a report schedule irreversibly (the executive report stays) and returns the deleted ID',
			module: deleteSchedule,
		},
		get: { name: 'Get', action: 'Get a scheduled report', description: 'Returns one report schedule with its recipients as lists', module: get },
		getAll: { name: 'Get Many', action: 'Get many scheduled reports', description: "Returns a company's scheduled reports, one item each", module: getAll },
	},
});
