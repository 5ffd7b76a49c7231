/**
 * `runCredentialTest`: the editor's credential "Test" button, done as n8n 2.40.7's `CredentialsTester`
 * does it for a credential type with a `test` request: defaults are applied to the credential data, then
 * a temporary "No Operation" node (type `n8n-nodes-base.noOp`, one parameter `temp` whose routing is the
 * credential's test request) is run by n8n-core's `RoutingNode` inside an `ExecuteContext`. The request
 * goes through `httpRequestWithAuthentication`, so `preAuthentication` (always, for a test) and
 * `authenticate` apply. Failures are turned into `{ status: 'Error', message }` by the same rules.
 *
 * `callPreAuthentication`: the credential type's `preAuthentication`, called with n8n-core's real request
 * helpers the way n8n's `CredentialsHelper.runPreAuthentication` calls it (no persistence, no guard).
 */
import { Container } from '@n8n/di';
import { ErrorReporter, ExecuteContext, LoadOptionsContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialsDecrypted,
	IExecuteData,
	INode,
	INodeExecutionData,
	INodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UserError, Workflow, createEmptyRunExecutionData } from 'n8n-workflow';

import type { CredentialStore } from './credential-store';
import { HarnessNodeTypes, buildAdditionalData, credentialsHelperFor } from './execution-setup';
import { type CapturedLogEntry, withLogCapture } from './log-capture';
import { ensureN8nRuntime } from './runtime';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	/** What n8n logged during the test (the error reporter logs failed test requests). */
	logs: CapturedLogEntry[];
}

/**
 * Stand-in for n8n-nodes-base's "No Operation, do nothing" node, which the tester borrows (only its
 * description is used). Its type name is the one n8n's loader gives it, which `preAuthentication` checks.
 */
const NO_OP_NODE_TYPE: INodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'n8n-nodes-base.noOp',
		icon: 'fa:arrow-right',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing', color: '#b0b0b0' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

const INTERNAL_MODE: WorkflowExecuteMode = 'internal';

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

interface ErrorWithCause {
	message?: string;
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

async function runTestRequest(
	credentials: CredentialStore,
	credentialsDecrypted: ICredentialsDecrypted,
	testRequest: ICredentialTestRequest,
): Promise<Omit<CredentialTestResult, 'logs'>> {
	const credentialType = credentials.type.name;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: NO_OP_NODE_TYPE.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const testNodeType: INodeType = {
		description: {
			...NO_OP_NODE_TYPE.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new HarnessNodeTypes([[testNodeType.description.name, testNodeType]]),
	});
	// `new Workflow` has set node.parameters to { temp: '' }: the mark of a credential test.
	const additionalData = buildAdditionalData({
		credentialsHelper: credentialsHelperFor(credentials),
		currentNodeParameters: node.parameters,
	});
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		INTERNAL_MODE,
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await workflow.expression.withIsolate(async () => await routingNode.runNode());
	} catch (caught) {
		Container.get(ErrorReporter).error(caught);
		const error = caught as ErrorWithCause;
		const httpResponse = error.cause?.response;
		if (httpResponse) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && httpResponse.status === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (httpResponse.status < 199 || httpResponse.status > 299) {
				return {
					status: 'Error',
					message: httpResponse.statusText || `Received HTTP status code: ${httpResponse.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: errorMessage(caught) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			// lodash-style path (`a.b[0].c`), as n8n reads it with lodash's `get`.
			const path = rule.properties.key.replace(/\[(\w+)\]/g, '.$1').split('.').filter((key) => key !== '');
			const value = path.reduce<unknown>(
				(current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined),
				body,
			);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

export async function runCredentialTest(options: { credentials: CredentialStore }): Promise<CredentialTestResult> {
	await ensureN8nRuntime();
	const { credentials } = options;
	return await withLogCapture(async (logs) => {
		const testRequest = credentials.type.test;
		if (testRequest === undefined) {
			// n8n would next look for a node declaring `testedBy` for this type; the harness knows no such node.
			return { status: 'Error', message: 'No testing function found for this credential.', logs };
		}
		// What the editor sends: the credential as stored (a saved credential keeps its ID).
		const credentialsDecrypted: ICredentialsDecrypted = {
			id: credentials.id,
			name: credentials.name,
			type: credentials.type.name,
			data: credentials.read(),
		};
		try {
			const helper = credentialsHelperFor(credentials);
			credentialsDecrypted.data = await helper.applyDefaultsAndOverwrites(
				buildAdditionalData({ credentialsHelper: helper }),
				credentialsDecrypted.data ?? {},
				credentials.type.name,
				INTERNAL_MODE,
			);
		} catch (error) {
			return { status: 'Error', message: errorMessage(error), logs };
		}
		return { ...(await runTestRequest(credentials, credentialsDecrypted, testRequest)), logs };
	});
}

export async function callPreAuthentication(options: {
	credentials: CredentialStore;
	/** A list that receives what n8n logged during the call. */
	collectLogsInto?: CapturedLogEntry[];
}): Promise<ICredentialDataDecryptedObject> {
	await ensureN8nRuntime();
	const { credentials } = options;
	return await withLogCapture(async () => {
		const helper = credentialsHelperFor(credentials);
		const additionalData = buildAdditionalData({ credentialsHelper: helper });
		const data = await helper.applyDefaultsAndOverwrites(
			additionalData,
			credentials.read(),
			credentials.type.name,
			INTERNAL_MODE,
		);
		const node: INode = {
			id: 'temp',
			parameters: {},
			name: 'Temp-Node',
			type: NO_OP_NODE_TYPE.description.name,
			typeVersion: 1,
			position: [0, 0],
			credentials: { [credentials.type.name]: credentials.reference },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new HarnessNodeTypes([[NO_OP_NODE_TYPE.description.name, NO_OP_NODE_TYPE]]),
		});
		// Any node context carries n8n-core's request helpers; this one needs no run data.
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		const output = await helper.runPreAuthentication({ helpers: context.helpers }, data, credentials.type.name);
		if (output === undefined) {
			throw new UserError(`Credential type "${credentials.type.name}" has no preAuthentication`);
		}
		return output;
	}, options.collectLogsInto);
}
