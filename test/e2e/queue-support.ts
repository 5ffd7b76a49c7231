/**
 * Driving n8n's main process in queue mode over its REST API, as the editor does: start a run, wait for the
 * execution record a worker completes, read its data.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { N8nInstance, OwnerAccount, WorkflowFile, WorkflowRun } from '../../scripts/n8n/lib/instance';

/** An execution record as GET /rest/executions/:id returns it, its data already un-flattened. */
export interface ExecutionRecord {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	workflowId: string;
	run: WorkflowRun;
}

const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

export class MainApi {
	private cookie = '';
	private readonly parseFlatted: (text: string) => unknown;

	constructor(private readonly main: N8nInstance) {
		// Execution data is stored and served in the `flatted` format; parse it with n8n's own copy.
		const requireFromN8n = createRequire(path.join(main.runtime.installDir, 'node_modules', 'n8n', 'package.json'));
		this.parseFlatted = (requireFromN8n('flatted') as { parse: (text: string) => unknown }).parse;
	}

	async login(owner: OwnerAccount): Promise<void> {
		this.cookie = await this.main.login(owner);
	}

	async request<T>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.main.apiUrl}${route}`, {
			method,
			headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** What the editor's "Execute workflow" does: a manual run from the workflow's trigger node. */
	async runManually(workflow: WorkflowFile, triggerName: string): Promise<string> {
		const result = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/rest/workflows/${workflow.id}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		assert.ok(result.executionId, `the main started no execution for "${workflow.name}": ${JSON.stringify(result)}`);
		return String(result.executionId);
	}

	/** Publishes (activates) a workflow, so that its production webhook is served by the main. */
	async activate(workflowId: string): Promise<void> {
		const workflow = await this.request<{ versionId: string }>('GET', `/rest/workflows/${workflowId}`);
		await this.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	}

	async execution(id: string): Promise<ExecutionRecord> {
		const raw = await this.request<{ id: string; status: string; finished: boolean; mode: string; workflowId: string; data: string }>('GET', `/rest/executions/${id}`);
		const data = this.parseFlatted(raw.data) as WorkflowRun['data'];
		return { id: String(raw.id), status: raw.status, finished: raw.finished, mode: raw.mode, workflowId: raw.workflowId, run: { status: raw.status, finished: raw.finished, data } };
	}

	/** Polls the execution record until its status is one of `statuses` (default: a final one). */
	async waitForExecution(id: string, options: { timeoutMs?: number; statuses?: string[] } = {}): Promise<ExecutionRecord> {
		const wanted = options.statuses ? new Set(options.statuses) : FINAL_STATUSES;
		const deadline = Date.now() + (options.timeoutMs ?? 180_000);
		let last: ExecutionRecord | undefined;
		let lastError: unknown;
		while (Date.now() < deadline) {
			last = await this.execution(id).catch((error: unknown) => {
				lastError = error;
				return undefined;
			});
			if (last && wanted.has(last.status)) return last;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const why = last ? `last status: ${last.status}` : `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
		throw new Error(`execution ${id} did not reach ${[...wanted].join('/')} within ${(options.timeoutMs ?? 180_000) / 1000}s (${why})`);
	}
}

/** The run of a finished execution, or an error saying where it failed. */
export function assertExecutionSucceeded(record: ExecutionRecord, what: string): WorkflowRun {
	const error = record.run.data.resultData.error;
	if (record.status !== 'success' || error) {
		const where = error?.node?.name ? ` in node "${error.node.name}"` : '';
		throw new Error(`"${what}" (execution ${record.id}) ended with status ${record.status}${where}: ${error?.message ?? 'no error message'}${error?.description ? ` (${error.description})` : ''}`);
	}
	return record.run;
}
