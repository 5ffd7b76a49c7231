/**
 * `runNode`: executes the node under test with n8n-core's real engine. The node is the single node of a
 * real `Workflow`; `WorkflowExecute.processRunExecutionData` runs it exactly as n8n runs a node whose
 * input arrived from a previous node: workflow issue checks, `ExecuteContext`, `execute`, paired-item
 * bookkeeping, error handling and "continue on fail".
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IExecuteData,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import type { CredentialStore } from './credential-store';
import {
	HarnessNodeTypes,
	buildAdditionalData,
	buildWorkflowNode,
	credentialsHelperFor,
	fullNodeTypeName,
	newExecutionId,
	type NodeTypeUnderTest,
} from './execution-setup';
import { type CapturedLogEntry, withLogCapture } from './log-capture';
import { ensureN8nRuntime } from './runtime';

export interface RunNodeOptions {
	/** e.g. `new Keepnet()`; a versioned node type works too. */
	node: NodeTypeUnderTest;
	/** The node's parameters as a saved workflow holds them (resource locators as `{ __rl: true, mode, value }`). */
	parameters: INodeParameters;
	/** Input items (default: one empty item). Binary data allowed. */
	items?: INodeExecutionData[];
	/** Registered under its credential type's name, which the node must declare. */
	credentials?: CredentialStore;
	/** The node setting "On Error: Continue" (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	typeVersion?: number;
	/** Execution mode; 'manual' (the editor's "Execute") unless a test needs a production mode such as 'trigger'. */
	mode?: WorkflowExecuteMode;
	/**
	 * A list that receives the run's log entries as they are written. `result.logs` is the same list;
	 * pass one when the run is expected to throw and the logs are still wanted (e.g. to scan for secrets).
	 */
	collectLogsInto?: CapturedLogEntry[];
}

export interface RunNodeResult {
	/** One list of items per output of the node. */
	output: INodeExecutionData[][];
	/** Everything logged during the run through n8n's Logger / LoggerProxy, the node's `this.logger` included. */
	logs: CapturedLogEntry[];
	/**
	 * Only with `continueOnFail`, when the node threw anyway: the error n8n recorded for the node. n8n
	 * then passes the node's input items on unchanged as its output (see the README).
	 */
	nodeError?: Error;
	/** Execution hints the node added (e.g. warnings shown in the editor's output pane). */
	hints: Array<{ message: string; type?: string }>;
}

type RunNodeParameters = Parameters<WorkflowExecute['runNode']>;
type RunNodeReturn = ReturnType<WorkflowExecute['runNode']>;

/** `WorkflowExecute` unchanged, except that it remembers the error instance the node threw. */
class ErrorKeepingWorkflowExecute extends WorkflowExecute {
	errorThrownByNode: Error | undefined;

	override async runNode(...args: RunNodeParameters): RunNodeReturn {
		try {
			return await super.runNode(...args);
		} catch (error) {
			this.errorThrownByNode = error instanceof Error ? error : new Error(String(error));
			throw error;
		}
	}
}

function toError(recorded: NonNullable<IRun['data']['resultData']['error']>): Error {
	const error = new Error(recorded.message);
	Object.assign(error, recorded);
	return error;
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	await ensureN8nRuntime();
	return await withLogCapture(async (logs) => {
		const mode = options.mode ?? 'manual';
		const executionId = newExecutionId();
		const nodeType = options.node;
		const node = buildWorkflowNode({
			nodeType,
			parameters: options.parameters,
			credentials: options.credentials,
			typeVersion: options.typeVersion,
			continueOnFail: options.continueOnFail,
		});
		const workflowData: IWorkflowBase = {
			id: 'harness-workflow',
			name: 'Harness workflow',
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [node],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		const workflow: WorkflowType = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections: workflowData.connections,
			active: false,
			nodeTypes: new HarnessNodeTypes([[fullNodeTypeName(nodeType), nodeType]]),
			settings: workflowData.settings,
		});
		// `new Workflow` completed the parameters with their defaults, as loading a saved workflow does.
		const workflowNode = workflow.getNode(node.name);
		if (workflowNode === null) throw new Error(`Node "${node.name}" missing from its workflow`);

		const additionalData: IWorkflowExecuteAdditionalData = buildAdditionalData({
			credentialsHelper: credentialsHelperFor(options.credentials),
			executionId,
		});
		additionalData.hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);

		const startItem: IExecuteData = {
			node: workflowNode,
			data: { main: [options.items ?? [{ json: {} }]] },
			source: null,
		};
		const runExecutionData: IRunExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [startItem] },
		});

		const engine = new ErrorKeepingWorkflowExecute(additionalData, mode, runExecutionData);
		const run = await engine.processRunExecutionData(workflow);

		const taskData = run.data.resultData.runData[node.name]?.[0];
		const output = (taskData?.data?.main ?? []).map((items) => items ?? []);
		const hints = (taskData?.hints ?? []).map((hint) => ({ message: hint.message, type: hint.type }));
		const thrown = engine.errorThrownByNode;
		if (thrown !== undefined) {
			if (options.continueOnFail && taskData?.data !== undefined) return { output, logs, nodeError: thrown, hints };
			throw thrown;
		}
		const recordedError = run.data.resultData.error;
		if (recordedError !== undefined) throw toError(recordedError);
		return { output, logs, hints };
	}, options.collectLogsInto);
}
