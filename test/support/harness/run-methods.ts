/**
 * `runListSearch` / `runLoadOptions`: the editor's calls to a node's `methods.listSearch` and
 * `methods.loadOptions`, made as n8n 2.40.7's `DynamicNodeParametersService` makes them: a temporary
 * workflow holding one node named 'Temp-Node' with the editor's current parameters (and credential), and
 * n8n-core's `LoadOptionsContext` as `this`.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { NodeHelpers, UserError, Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credential-store';
import {
	HarnessNodeTypes,
	buildAdditionalData,
	buildWorkflowNode,
	credentialsHelperFor,
	defaultTypeVersion,
	fullNodeTypeName,
	type NodeTypeUnderTest,
} from './execution-setup';
import { type CapturedLogEntry, withLogCapture } from './log-capture';
import { ensureN8nRuntime } from './runtime';

export interface NodeMethodOptions {
	node: NodeTypeUnderTest;
	/** The name under `methods.listSearch` / `methods.loadOptions`. */
	method: string;
	/** The node's current parameters as the editor sends them. */
	parameters: INodeParameters;
	credentials?: CredentialStore;
	typeVersion?: number;
	/** The parameter path the editor sends (e.g. 'parameters.company'); used by `getCurrentNodeParameter('&…')`. */
	path?: string;
	/** A list that receives what n8n logged during the call. */
	collectLogsInto?: CapturedLogEntry[];
}

export interface ListSearchOptions extends NodeMethodOptions {
	filter?: string;
	paginationToken?: string | number;
}

type MethodKind = 'listSearch' | 'loadOptions';

function findMethod(
	nodeType: INodeType,
	kind: MethodKind,
	methodName: string,
): (this: ILoadOptionsFunctions, ...args: Array<string | number | undefined>) => Promise<unknown> {
	const methods = nodeType.methods?.[kind] as Record<string, unknown> | undefined;
	const method = methods?.[methodName];
	if (typeof method !== 'function') {
		const available = methods ? Object.keys(methods).join(', ') : `<no ${kind} methods declared>`;
		throw new UserError(
			`Node type "${nodeType.description.name}" has no ${kind} method named "${methodName}". Available ${kind} methods: ${available}.`,
		);
	}
	return method as (this: ILoadOptionsFunctions, ...args: Array<string | number | undefined>) => Promise<unknown>;
}

async function callNodeMethod(
	options: NodeMethodOptions,
	kind: MethodKind,
	args: Array<string | number | undefined>,
): Promise<unknown> {
	await ensureN8nRuntime();
	return await withLogCapture(async () => {
		const typeVersion = options.typeVersion ?? defaultTypeVersion(options.node);
		const versionedType = NodeHelpers.getVersionedNodeType(options.node, typeVersion);
		const method = findMethod(versionedType, kind, options.method);
		const node = buildWorkflowNode({
			nodeType: options.node,
			parameters: options.parameters,
			credentials: options.credentials,
			typeVersion,
			name: 'Temp-Node',
		});
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new HarnessNodeTypes([[fullNodeTypeName(options.node), options.node]]),
		});
		const workflowNode = workflow.getNode('Temp-Node');
		if (workflowNode === null) throw new Error('Temp-Node missing from its workflow');
		const additionalData = buildAdditionalData({
			credentialsHelper: credentialsHelperFor(options.credentials),
			currentNodeParameters: options.parameters,
		});
		const context = new LoadOptionsContext(workflow, workflowNode, additionalData, options.path ?? 'parameters');
		return await workflow.expression.withIsolate(async () => await method.call(context, ...args));
	}, options.collectLogsInto);
}

export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const result = (await callNodeMethod(options, 'listSearch', [
		options.filter,
		options.paginationToken,
	])) as INodeListSearchResult;
	// n8n hands a numeric pagination token to the editor as a string.
	const token: unknown = result?.paginationToken;
	return typeof token === 'number' ? { ...result, paginationToken: String(token) } : result;
}

export async function runLoadOptions(options: NodeMethodOptions): Promise<INodePropertyOptions[]> {
	return (await callNodeMethod(options, 'loadOptions', [])) as INodePropertyOptions[];
}
