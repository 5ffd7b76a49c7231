/**
 * `runPoll`: one tick of a polling trigger as n8n 2.40.x runs it. An activated workflow's tick goes through
 * n8n-core's `PollTriggerExecutor` (the same code the server's `ActiveWorkflows` schedules): a `PollContext`
 * in mode 'trigger', `TriggersAndPollers.runPollFunction`, then `__emit` with the items, or the cursor
 * commit when the poll returned null, or `__emitError` when it threw. The editor's "Fetch Test Event" is the
 * poll called in mode 'manual', as `WorkflowExecute.executePollNode` does.
 *
 * The workflow's static data lives in a `PollStaticData`, playing the workflows table: it is handed to each
 * tick's `Workflow`, and written back (as JSON, like the database column) only when the tick succeeded —
 * emitted items or committed an empty poll. A tick that threw leaves the stored data as it was.
 */
import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeParameters, WorkflowActivateMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credential-store';
import { HarnessNodeTypes, buildAdditionalData, buildWorkflowNode, credentialsHelperFor, fullNodeTypeName, newExecutionId, type NodeTypeUnderTest } from './execution-setup';
import { type CapturedLogEntry, withLogCapture } from './log-capture';
import { ensureN8nRuntime } from './runtime';

/** The stored static data of one workflow, kept between ticks (and serialisable, to model a restart). */
export class PollStaticData {
	/** The JSON the database holds; `{}` for a workflow never polled. */
	json: string;
	/** Times a tick wrote it back. */
	writes = 0;

	constructor(json = '{}') {
		this.json = json;
	}

	/** The node's part (what `getWorkflowStaticData('node')` returns) for the node named `nodeName`. */
	nodeData(nodeName = 'Keepnet Trigger'): IDataObject | undefined {
		const all = JSON.parse(this.json) as IDataObject;
		return all[`node:${nodeName}`] as IDataObject | undefined;
	}
}

export interface RunPollOptions {
	node: NodeTypeUnderTest;
	parameters: INodeParameters;
	credentials?: CredentialStore;
	staticData: PollStaticData;
	/** 'trigger' (default): a tick of the activated workflow. 'manual': the editor's Fetch Test Event. */
	mode?: 'trigger' | 'manual';
	/** How the workflow got active (n8n passes 'activate' on the first activation, 'init' after a restart). */
	activation?: WorkflowActivateMode;
	collectLogsInto?: CapturedLogEntry[];
}

export interface RunPollResult {
	/** Items the tick emitted (empty when the poll returned null). */
	items: INodeExecutionData[];
	/** The error the tick reported through `__emitError` (trigger mode) — n8n records a failed execution. */
	error?: Error;
	logs: CapturedLogEntry[];
}

export async function runPoll(options: RunPollOptions): Promise<RunPollResult> {
	await ensureN8nRuntime();
	return await withLogCapture(async (logs) => {
		const mode = options.mode ?? 'trigger';
		const node = buildWorkflowNode({ nodeType: options.node, parameters: options.parameters, credentials: options.credentials });
		const workflow = new Workflow({
			id: 'harness-workflow',
			name: 'Harness workflow',
			nodes: [node],
			connections: {},
			active: mode === 'trigger',
			nodeTypes: new HarnessNodeTypes([[fullNodeTypeName(options.node), options.node]]),
			staticData: JSON.parse(options.staticData.json) as IDataObject,
			settings: { executionOrder: 'v1' },
		});
		const workflowNode = workflow.getNode(node.name);
		if (workflowNode === null) throw new Error(`Node "${node.name}" missing from its workflow`);
		const additionalData = buildAdditionalData({ credentialsHelper: credentialsHelperFor(options.credentials), executionId: newExecutionId() });

		if (mode === 'manual') {
			const context = new PollContext(workflow, workflowNode, additionalData, 'manual', 'manual');
			const nodeType = workflow.nodeTypes.getByNameAndVersion(workflowNode.type, workflowNode.typeVersion);
			if (!nodeType.poll) throw new Error(`${workflowNode.type} has no poll method`);
			const poll = nodeType.poll;
			const data = await workflow.expression.withIsolate(async () => await poll.call(context));
			// The editor's test run never stores the workflow's static data.
			return { items: data?.[0] ?? [], logs };
		}

		let items: INodeExecutionData[] = [];
		let error: Error | undefined;
		let succeeded = false;
		const persist = () => {
			options.staticData.json = JSON.stringify(workflow.staticData);
			options.staticData.writes++;
		};
		const context = new PollContext(
			workflow,
			workflowNode,
			additionalData,
			'trigger',
			options.activation ?? 'activate',
			(data) => {
				items = data[0] ?? [];
				succeeded = true;
				// The server runs the workflow with these items, then saves the changed static data.
				persist();
			},
			(reported) => {
				error = reported;
			},
			async () => {
				succeeded = true;
				persist();
			},
		);
		const tick = Container.get(PollTriggerExecutor).create(workflow, workflowNode, context, () => true);
		await tick(false);
		if (!succeeded && error === undefined) throw new Error('The poll tick neither emitted, committed nor failed');
		return { items, error, logs };
	}, options.collectLogsInto);
}
