import { defineResource } from '../types';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as makeDefault from './makeDefault.operation';
import * as test from './test.operation';

export { create, getAll, makeDefault, test };

/** Direct Email Creation: simulation and training emails placed straight into a customer's mailboxes. */
export const directEmailCreationResource = defineResource({
	name: 'Direct Email Creation',
	description: "Places simulation and training emails straight into a customer's Microsoft 365 or Google Workspace mailboxes",
	defaultOperation: 'create',
	operations: {
		create: {
			name: 'Create',
			action: 'Create a direct email creation setting',
			description: 'Set up Direct Email Creation for a customer; returns the consent address an administrator must open',
			module: create,
		},
		getAll: { name: 'Get Many', action: 'Get many direct email creation settings', description: 'List the Direct Email Creation settings of a company', module: getAll },
		makeDefault: { name: 'Make Default', action: 'Make a direct email creation setting the default', description: 'Make a setting the one the company uses by default', module: makeDefault },
		test: { name: 'Test', action: 'Test a direct email creation setting', description: 'Send a real test email through a setting', module: test },
	},
});
