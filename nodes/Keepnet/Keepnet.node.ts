import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperties, router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class Keepnet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keepnet',
		name: 'keepnet',
		icon: { light: 'file:keepnet.svg', dark: 'file:keepnet.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Create or Update: Target User": the operation's and the resource's names from the option lists below, keyed
		// "resource:operation" (test/node/description.test.ts checks that this table matches those lists).
		subtitle: '={{ ({"company:create":"Create: Company","company:delete":"Delete: Company","company:get":"Get: Company","company:getLicenseStatus":"Get License Status: Company","company:getAll":"Get Many: Company","company:update":"Update: Company","targetUser:addToGroups":"Add to Groups: Target User","targetUser:create":"Create: Target User","targetUser:upsert":"Create or Update: Target User","targetUser:delete":"Delete: Target User","targetUser:export":"Export: Target User","targetUser:get":"Get: Target User","targetUser:getCountSummary":"Get Count Summary: Target User","targetUser:getAll":"Get Many: Target User","targetUser:import":"Import (Bulk): Target User","targetUser:removeFromGroups":"Remove From Groups: Target User","targetUser:update":"Update: Target User","systemUser:create":"Create: System User","systemUser:delete":"Delete: System User","systemUser:get":"Get: System User","systemUser:getAll":"Get Many: System User","systemUser:sendInformationEmail":"Send Information Email: System User","systemUser:update":"Update: System User"})[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Manage customer companies, target users and system users in Keepnet Labs as a Reseller',
		defaults: { name: 'Keepnet' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'keepnetApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Company', value: 'company', description: 'A customer company you manage' },
					{ name: 'System User', value: 'systemUser', description: 'A platform administrator of a company' },
					{ name: 'Target User', value: 'targetUser', description: 'A learner who receives simulations and training' },
				],
				default: 'targetUser',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['company'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a company', description: 'Create a customer company' },
					{ name: 'Delete', value: 'delete', action: 'Delete a company', description: 'Delete a company and all its data' },
					{ name: 'Get', value: 'get', action: 'Get a company', description: 'Get a company by ID' },
					{ name: 'Get License Status', value: 'getLicenseStatus', action: 'Get the license status of a company', description: 'Get license limit and user counts' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many companies', description: 'List the companies you manage' },
					{ name: 'Update', value: 'update', action: 'Update a company', description: 'Change fields of a company' },
				],
				default: 'getAll',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['targetUser'] } },
				options: [
					{ name: 'Add to Groups', value: 'addToGroups', action: 'Add a target user to groups', description: 'Add a target user to target groups' },
					{ name: 'Create', value: 'create', action: 'Create a target user', description: 'Create a target user in a company' },
					{ name: 'Create or Update', value: 'upsert', action: 'Create or update a target user', description: 'Create a new record, or update the current one if it already exists (upsert)' },
					{ name: 'Delete', value: 'delete', action: 'Delete a target user', description: 'Delete a target user (Keepnet keeps it as deleted)' },
					{ name: 'Export', value: 'export', action: 'Export target users to a file', description: 'Export target users as CSV, Excel or PDF' },
					{ name: 'Get', value: 'get', action: 'Get a target user', description: 'Get a target user by ID' },
					{ name: 'Get Count Summary', value: 'getCountSummary', action: 'Get the target user count summary', description: 'Count active, inactive and deleted target users' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many target users', description: 'List target users of a company' },
					{ name: 'Import (Bulk)', value: 'import', action: 'Import target users in bulk', description: 'Create or update all input items in one bulk import' },
					{ name: 'Remove From Groups', value: 'removeFromGroups', action: 'Remove a target user from groups', description: 'Remove a target user from target groups' },
					{ name: 'Update', value: 'update', action: 'Update a target user', description: 'Change fields of a target user' },
				],
				default: 'upsert',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['systemUser'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a system user', description: 'Create a platform administrator' },
					{ name: 'Delete', value: 'delete', action: 'Delete a system user', description: 'Delete a system user' },
					{ name: 'Get', value: 'get', action: 'Get a system user', description: 'Get a system user by ID' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many system users', description: 'List system users of a company' },
					{ name: 'Send Information Email', value: 'sendInformationEmail', action: 'Send the information email to a system user', description: 'Send the welcome email with sign-in information' },
					{ name: 'Update', value: 'update', action: 'Update a system user', description: 'Change fields of a system user' },
				],
				default: 'create',
			},
			...operationProperties(),
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
