/**
 * Pieces every harness entry point shares: the node-type registry a `Workflow` needs, the workflow node
 * as n8n saves it, and the `additionalData` the n8n server builds for each execution.
 */
import { Container } from '@n8n/di';
import { ExternalSecretsProxy } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError, UserError } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { name as packageName } from '../../../package.json';
import type { CredentialStore } from './credential-store';
import { HarnessCredentialsHelper } from './credentials-helper';

export type NodeTypeUnderTest = INodeType | IVersionedNodeType;

/**
 * n8n names a community node's type after its package (`n8n-nodes-keepnet.keepnet` once installed as a
 * community package), so errors and `getNode().type` look here as they do there.
 */
export function fullNodeTypeName(nodeType: NodeTypeUnderTest): string {
	return `${packageName}.${nodeType.description.name}`;
}

/** The version a new node gets in the editor: a versioned type's current (default) version, else the highest declared. */
export function defaultTypeVersion(nodeType: NodeTypeUnderTest): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** The node-type registry of one harness call (n8n's `NodeTypes`, restricted to the types involved). */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, NodeTypeUnderTest>();

	constructor(entries: Array<[string, NodeTypeUnderTest]>) {
		for (const [name, type] of entries) this.types.set(name, type);
	}

	getByName(nodeType: string): NodeTypeUnderTest {
		const type = this.types.get(nodeType);
		if (type === undefined) throw new UnexpectedError(`Unknown node type: ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export interface WorkflowNodeOptions {
	nodeType: NodeTypeUnderTest;
	parameters: INodeParameters;
	credentials?: CredentialStore;
	typeVersion?: number;
	continueOnFail?: boolean;
	/** n8n names nodes after `defaults.name`; the credential test and parameter endpoints use 'Temp-Node'. */
	name?: string;
}

/** The node as a saved workflow holds it (parameters are completed with defaults by `new Workflow`). */
export function buildWorkflowNode(options: WorkflowNodeOptions): INode {
	const { nodeType, credentials } = options;
	const typeVersion = options.typeVersion ?? defaultTypeVersion(nodeType);
	const { description } = NodeHelpers.getVersionedNodeType(nodeType, typeVersion);
	const node: INode = {
		id: randomUUID(),
		name: options.name ?? description.defaults.name ?? description.displayName,
		type: fullNodeTypeName(nodeType),
		typeVersion,
		position: [0, 0],
		parameters: options.parameters,
	};
	if (credentials) {
		const declared = description.credentials ?? [];
		if (!declared.some((credential) => credential.name === credentials.type.name)) {
			throw new UserError(
				`The node "${node.type}" does not declare a credential of type "${credentials.type.name}" (declared: ${
					declared.map((credential) => credential.name).join(', ') || 'none'
				})`,
			);
		}
		node.credentials = { [credentials.type.name]: credentials.reference };
	}
	if (options.continueOnFail) node.onError = 'continueRegularOutput';
	return node;
}

function notAvailable(what: string): () => never {
	return () => {
		throw new UnexpectedError(`${what} is not available in the test harness`);
	};
}

let nextExecutionId = 1;

export function newExecutionId(): string {
	return `harness-${process.pid}-${nextExecutionId++}`;
}

/**
 * Stand-in for the n8n server's `WorkflowExecuteAdditionalData.getBase`: the same fields, with the
 * server-only services (sub-workflows, task runners, database look-ups, AI events) absent or refusing.
 */
export function buildAdditionalData(options: {
	credentialsHelper: HarnessCredentialsHelper;
	currentNodeParameters?: INodeParameters;
	executionId?: string;
}): IWorkflowExecuteAdditionalData {
	const baseUrl = 'http://127.0.0.1:5678';
	return {
		credentialsHelper: options.credentialsHelper,
		executionId: options.executionId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: options.currentNodeParameters,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		userId: 'harness-user',
		workflowId: 'harness-workflow',
		variables: {},
		executeWorkflow: notAvailable('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notAvailable('The task runner'),
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		// n8n-core's own proxy; with no secrets manager registered it resolves no `$secrets`.
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
	};
}

/** The credentials helper for one harness call: it sees the one credential the call was given, if any. */
export function credentialsHelperFor(credentials: CredentialStore | undefined): HarnessCredentialsHelper {
	return new HarnessCredentialsHelper(credentials ? [credentials] : []);
}
