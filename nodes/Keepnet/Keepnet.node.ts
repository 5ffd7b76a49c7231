import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties, nodeSubtitle } from './actions/resources';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';
import { KEEPNET_CREDENTIAL_TYPE } from './transport/credentialType';

export class Keepnet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keepnet',
		name: 'keepnet',
		icon: { light: 'file:keepnet.svg', dark: 'file:keepnet.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Create or Update: Target User": the operation's and the resource's names from their menus (nodeSubtitle).
		subtitle: nodeSubtitle(),
		description:
			"Manage customer companies, company groups, target users, target groups, system users, training enrollments, phishing campaigns and customers' integrations (REST API clients, SCIM, Direct Email Creation), and read billing, executive and scheduled reports and audit logs, in Keepnet Labs as a Reseller",
		defaults: { name: 'Keepnet' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: KEEPNET_CREDENTIAL_TYPE, required: true }],
		properties: nodeProperties(),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
