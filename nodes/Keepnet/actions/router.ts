import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { newRunState } from '../transport/request';
import * as company from './company/operations';
import { runItemOperation } from './runner';
import * as systemUserCreate from './systemUser/create.operation';
import { deleteSystemUser, sendInformationEmailOperation } from './systemUser/delete.operation';
import * as systemUserGet from './systemUser/get.operation';
import * as systemUserGetAll from './systemUser/getAll.operation';
import * as systemUserUpdate from './systemUser/update.operation';
import { create as targetUserCreate } from './targetUser/create.operation';
import { deleteTargetUser } from './targetUser/delete.operation';
import { exportTargetUsers } from './targetUser/export.operation';
import { get as targetUserGet } from './targetUser/get.operation';
import { getAll as targetUserGetAll } from './targetUser/getAll.operation';
import { getCountSummary } from './targetUser/getCountSummary.operation';
import { addToGroups, removeFromGroups } from './targetUser/groups.operation';
import { importTargetUsers } from './targetUser/import.operation';
import { update as targetUserUpdate } from './targetUser/update.operation';
import { upsert } from './targetUser/upsert.operation';
import type { KeepnetOperation } from './types';

export const OPERATIONS: Record<string, Record<string, KeepnetOperation>> = {
	company: {
		create: company.create,
		delete: company.deleteCompany,
		get: company.get,
		getAll: company.getAll,
		getLicenseStatus: company.getLicenseStatus,
		update: company.update,
	},
	targetUser: {
		addToGroups,
		create: targetUserCreate,
		delete: deleteTargetUser,
		export: exportTargetUsers,
		get: targetUserGet,
		getAll: targetUserGetAll,
		getCountSummary,
		import: importTargetUsers,
		removeFromGroups,
		update: targetUserUpdate,
		upsert,
	},
	systemUser: {
		create: systemUserCreate.create,
		delete: deleteSystemUser,
		get: systemUserGet.get,
		getAll: systemUserGetAll.getAll,
		sendInformationEmail: sendInformationEmailOperation,
		update: systemUserUpdate.update,
	},
};

/** Every operation's parameters, in the order the operations are listed. */
export function operationProperties(): INodeProperties[] {
	return Object.values(OPERATIONS).flatMap((operations) => Object.values(operations).flatMap((operation) => operation.description));
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for resource "${resource}"`);
	}
	// One state per execution: token-renewal coordination only, never a token.
	const state = newRunState();
	if (operation.kind === 'batch') return [await operation.execute.call(this, items, state)];
	return [await runItemOperation.call(this, operation, items, state)];
}
