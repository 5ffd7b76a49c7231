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
			description: "Sets up Direct Email Creation for a customer's mailboxes and returns the setting with the consent address an administrator must open",
			module: create,
		},
		getAll: { name: 'Get Many', action: 'Get many direct email creation settings', description: 'Returns the Direct Email Creation settings of a company, one item each, with which one is the default', module: getAll },
		makeDefault: { name: 'Make Default', action: 'Make a direct email creation setting the default', description: 'Makes a Direct Email Creation setting the one the company uses by default and returns its ID', module: makeDefault },
		test: { name: 'Test', action: 'Test a direct email creation setting', description: 'Sends a real test email through a Direct Email Creation setting and returns the setting ID and recipient once Keepnet accepted it', module: test },
	},
});
