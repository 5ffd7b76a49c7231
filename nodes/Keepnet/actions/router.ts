import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KeepnetSession } from '../transport/session';
import { COMPANY_SCOPE_PARAMETER, runAcrossCompanies } from './acrossCompanies';
import type { KeepnetType } from './node.type';
import { resources } from './resources';
import { runItemOperation } from './runner';
import type { OperationEntry, OperationMenu } from './types';

/** The menu entry of a resource and operation pair, or undefined for a pair the node does not know. */
function entryOf(resource: string, operation: string): OperationEntry | undefined {
	if (!Object.prototype.hasOwnProperty.call(resources, resource)) return undefined;
	const menu: OperationMenu = resources[resource as KeepnetType['resource']].operations;
	return Object.prototype.hasOwnProperty.call(menu, operation) ? menu[operation] : undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const entry = entryOf(resource, operationName);
	if (!entry) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for resource "${resource}"`);
	}
	const handler = entry.module.handler;
	// One session per execution (transport/session.ts): the run's token lifecycle, target, pacing and caches.
	const session = new KeepnetSession(this);
	if (handler.kind === 'batch') return [await handler.execute.call(this, items, session)];
	if (handler.acrossCompanies && this.getNodeParameter(COMPANY_SCOPE_PARAMETER, 0, 'one') === 'all') {
		return [await runAcrossCompanies.call(this, handler, items, session)];
	}
	return [await runItemOperation.call(this, handler, items, session)];
}
