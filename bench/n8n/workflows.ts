/**
 * The workflows of the real-n8n benchmark, each built the way a user builds it in the editor: a Manual Trigger, a
 * Code node holding the people to onboard (standing in for a spreadsheet or HR export), and the node under test
 * with its defaults unless the scenario says otherwise.
 */
import type { WorkflowFile, WorkflowNode } from '../../scripts/n8n/lib/instance';
import { KEEPNET_CREDENTIAL_TYPE, KEEPNET_NODE_TYPE } from '../../scripts/n8n/lib/examples';
import type { BenchUser } from '../data';

/** The node whose `executionTime` is the scenario's node time. */
export const MEASURED_NODE = 'Measured';

export type WriteKind =
	| 'httpDefault'
	| 'httpBatching'
	| 'keepnetCreate'
	| 'keepnetUpsert'
	| 'keepnetCreateEach'
	| 'keepnetUpsertEach'
	| 'keepnetImport';
export type ListKind = 'httpPagination' | 'keepnetGetMany';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface Batching {
	batchSize: number;
	batchIntervalMs: number;
}

/** n8n's HTTP Request node at the version the 2.40.7 editor adds (same V3 implementation as 4.2). */
const HTTP_REQUEST = { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2 } as const;

function usersCode(users: BenchUser[]): string {
	// Empty priorities are left out, as a spreadsheet column left blank would be.
	const rows = users.map((user) => {
		const row: Record<string, string> = { email: user.email, firstName: user.firstName, lastName: user.lastName, phoneNumber: user.phoneNumber, department: user.department };
		if (user.priority !== '') row.priority = user.priority;
		return row;
	});
	return `return ${JSON.stringify(rows)}.map((json) => ({ json }));`;
}

function chain(id: string, name: string, nodes: WorkflowNode[]): WorkflowFile {
	const connections: Record<string, unknown> = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

const trigger = (): WorkflowNode => ({ id: 'bench-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });

const companyPicker = (companyId: string) => ({ __rl: true, mode: 'id', value: companyId });

function measuredNode(parameters: Record<string, unknown>, type: string, typeVersion: number, credentials: WorkflowNode['credentials']): WorkflowNode {
	return { id: 'bench-measured', name: MEASURED_NODE, type, typeVersion, position: [440, 0], parameters, credentials };
}

/** The HTTP Request node a user builds for POST /api/target-users with n8n's generic OAuth2 credential. */
function httpCreateParameters(baseUrl: string, companyId: string, batching?: Batching): Record<string, unknown> {
	return {
		method: 'POST',
		url: `${baseUrl}/api/target-users`,
		authentication: 'genericCredentialType',
		genericAuthType: 'oAuth2Api',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'X-KEEPNET-Company-Id', value: companyId }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ $json }}',
		options: batching ? { batching: { batch: { batchSize: batching.batchSize, batchInterval: batching.batchIntervalMs } } } : {},
	};
}

function keepnetWriteParameters(kind: Exclude<WriteKind, 'httpDefault' | 'httpBatching'>, companyId: string): Record<string, unknown> {
	if (kind === 'keepnetImport') {
		// Import's default Mapping Mode reads the columns by name, as from a spreadsheet.
		return { resource: 'targetUser', operation: 'import', companyId: companyPicker(companyId) };
	}
	return {
		resource: 'targetUser',
		operation: kind === 'keepnetCreate' || kind === 'keepnetCreateEach' ? 'create' : 'upsert',
		companyId: companyPicker(companyId),
		email: '={{ $json.email }}',
		phoneNumber: '={{ $json.phoneNumber }}',
		additionalFields: {
			firstName: '={{ $json.firstName }}',
			lastName: '={{ $json.lastName }}',
			department: '={{ $json.department }}',
			priority: '={{ $json.priority }}',
		},
		// The "Each" kinds switch the bulk path off: one request per user, as the HTTP Request node sends.
		options: kind === 'keepnetCreateEach' || kind === 'keepnetUpsertEach' ? { bulkCreate: false } : {},
	};
}

export function writeWorkflow(
	id: string,
	kind: WriteKind,
	options: { baseUrl: string; companyId: string; users: BenchUser[]; credential: CredentialRef; batching: Batching },
): WorkflowFile {
	const source: WorkflowNode = { id: 'bench-users', name: 'Users', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: usersCode(options.users) } };
	const measured =
		kind === 'httpDefault' || kind === 'httpBatching'
			? measuredNode(httpCreateParameters(options.baseUrl, options.companyId, kind === 'httpBatching' ? options.batching : undefined), HTTP_REQUEST.type, HTTP_REQUEST.typeVersion, {
					oAuth2Api: options.credential,
				})
			: measuredNode(keepnetWriteParameters(kind, options.companyId), KEEPNET_NODE_TYPE, 1, { [KEEPNET_CREDENTIAL_TYPE]: options.credential });
	return chain(id, `bench: ${kind} ${options.users.length}`, [trigger(), source, measured]);
}

const EMPTY_FILTER = {
	Condition: 'AND',
	SearchInputTextValue: '',
	FilterGroups: [
		{ Condition: 'AND', FilterItems: [], FilterGroups: [] },
		{ Condition: 'OR', FilterItems: [], FilterGroups: [] },
	],
};

/** Return All: HTTP Request's own pagination (page number in the body, 1,000 a page) or Keepnet's Get Many. */
export function listWorkflow(id: string, kind: ListKind, options: { baseUrl: string; companyId: string; credential: CredentialRef; pageSize: number }): WorkflowFile {
	const measured =
		kind === 'httpPagination'
			? measuredNode(
					{
						method: 'POST',
						url: `${options.baseUrl}/api/target-users/search`,
						authentication: 'genericCredentialType',
						genericAuthType: 'oAuth2Api',
						sendHeaders: true,
						headerParameters: { parameters: [{ name: 'X-KEEPNET-Company-Id', value: options.companyId }] },
						sendBody: true,
						specifyBody: 'json',
						jsonBody: JSON.stringify({ filter: EMPTY_FILTER, pageNumber: 1, pageSize: options.pageSize, orderBy: 'createTime', ascending: true }),
						options: {
							pagination: {
								pagination: {
									paginationMode: 'updateAParameterInEachRequest',
									parameters: { parameters: [{ type: 'body', name: 'pageNumber', value: '={{ $pageCount + 1 }}' }] },
									paginationCompleteWhen: 'other',
									completeExpression: '={{ $response.body.data.pageNumber >= $response.body.data.totalNumberOfPages }}',
								},
							},
						},
					},
					HTTP_REQUEST.type,
					HTTP_REQUEST.typeVersion,
					{ oAuth2Api: options.credential },
				)
			: measuredNode({ resource: 'targetUser', operation: 'getAll', companyId: companyPicker(options.companyId), returnAll: true }, KEEPNET_NODE_TYPE, 1, {
					[KEEPNET_CREDENTIAL_TYPE]: options.credential,
				});
	return chain(id, `bench: ${kind}`, [trigger(), measured]);
}

// ---------------------------------------------------------------------------------------------------------
// Sync: keeping a company in step with its HR list

export type SyncKind = 'keepnetSync' | 'keepnetSyncRerun' | 'compareDatasets';

/** The nodes whose `executionTime`s add up to a sync scenario's node time (every node but the trigger and the list). */
export const SYNC_MEASURED_NODES: Record<SyncKind, string[]> = {
	keepnetSync: [MEASURED_NODE],
	keepnetSyncRerun: [MEASURED_NODE],
	compareDatasets: ['Get Many', 'Compare Datasets', 'Create Joiners', 'Update Changed', 'Deactivate Leavers'],
};

/** One HR list row: what a sheet or an HR export holds for a person (no priority column). */
export interface SyncRow {
	email: string;
	firstName: string;
	lastName: string;
	phoneNumber: string;
	department: string;
}

function rowsCode(rows: SyncRow[]): string {
	return `return ${JSON.stringify(rows)}.map((json) => ({ json }));`;
}

/**
 * Sync as a user builds it with this node: the list, then Target User → Sync with its defaults (leavers
 * deactivated), managing all target users of the company. Or, the same job the way it is done without Sync: the
 * list and Get Many (Return All) into n8n's Compare Datasets matched by email, then Create for "In A only", Update
 * for "Different" (Compare Datasets giving the list's fields with Keepnet's resourceId) and Update with Active off
 * for "In B only".
 */
export function syncWorkflow(id: string, kind: SyncKind, options: { companyId: string; rows: SyncRow[]; credential: CredentialRef }): WorkflowFile {
	const credentials = { [KEEPNET_CREDENTIAL_TYPE]: options.credential };
	const source: WorkflowNode = { id: 'bench-list', name: 'HR List', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: rowsCode(options.rows) } };
	if (kind !== 'compareDatasets') {
		const measured = measuredNode(
			{ resource: 'targetUser', operation: 'sync', companyId: companyPicker(options.companyId), managedUsers: 'allUsers', leaverAction: 'deactivate', mappingMode: 'autoMapInputData' },
			KEEPNET_NODE_TYPE,
			1,
			credentials,
		);
		return chain(id, `bench: ${kind} ${options.rows.length}`, [trigger(), source, measured]);
	}
	const keepnet = (name: string, position: [number, number], parameters: Record<string, unknown>): WorkflowNode => ({
		id: `bench-${name.toLowerCase().replace(/\s+/g, '-')}`,
		name,
		type: KEEPNET_NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: { resource: 'targetUser', companyId: companyPicker(options.companyId), ...parameters },
		credentials,
	});
	const byId = { __rl: true, mode: 'id', value: '={{ $json.resourceId }}' };
	const nodes: WorkflowNode[] = [
		trigger(),
		source,
		keepnet('Get Many', [220, 200], { operation: 'getAll', returnAll: true }),
		{
			id: 'bench-compare',
			name: 'Compare Datasets',
			type: 'n8n-nodes-base.compareDatasets',
			typeVersion: 2.3,
			position: [440, 100],
			parameters: {
				mergeByFields: { values: [{ field1: 'email', field2: 'email' }] },
				resolve: 'mix',
				preferWhenMix: 'input1',
				exceptWhenMix: 'resourceId',
				options: { skipFields: 'resourceId,priority,status,isActive' },
			},
		},
		keepnet('Create Joiners', [660, 0], {
			operation: 'create',
			email: '={{ $json.email }}',
			phoneNumber: '={{ $json.phoneNumber }}',
			additionalFields: { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', department: '={{ $json.department }}' },
		}),
		keepnet('Update Changed', [660, 200], {
			operation: 'update',
			targetUserId: byId,
			updateFields: { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', department: '={{ $json.department }}', phoneNumber: '={{ $json.phoneNumber }}' },
		}),
		keepnet('Deactivate Leavers', [660, 400], { operation: 'update', targetUserId: byId, updateFields: { isActive: false } }),
	];
	const to = (node: string, index = 0) => ({ node, type: 'main', index });
	const connections = {
		Start: { main: [[to('HR List'), to('Get Many')]] },
		'HR List': { main: [[to('Compare Datasets', 0)]] },
		'Get Many': { main: [[to('Compare Datasets', 1)]] },
		'Compare Datasets': { main: [[to('Create Joiners')], [], [to('Update Changed')], [to('Deactivate Leavers')]] },
	};
	return { id, name: `bench: ${kind} ${options.rows.length}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}
