/** Small helpers shared by the end-to-end test files: reading n8n runs and the sandbox's request log. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { RecordedRequest } from '../sandbox/types';
import { describeExit, executionOutcome, type BinaryReference, type N8nInstance, type WorkflowExecution, type WorkflowRun } from '../../scripts/n8n/lib/instance';

export interface OutputItem {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryReference>;
}

/** The last lines of what a command wrote to stderr, for failure messages ("" when it wrote nothing). */
function stderrTail(execution: WorkflowExecution, lines = 15): string {
	const tail = execution.cli.stderr.trim().split('\n').slice(-lines).join('\n');
	return tail === '' ? 'stderr: (empty)' : `stderr:\n${tail}`;
}

/**
 * Throws with n8n's own words when a run did not succeed, so a failing test says why: every message names the
 * exit code or signal and ends with the command's stderr. A run that completed and was printed whole, followed by
 * a crash of the process, still fails, with a message that says exactly that.
 */
export function assertRunSucceeded(execution: WorkflowExecution, workflowName: string): WorkflowRun {
	const { run, cli } = execution;
	const exit = describeExit(cli);
	if (!run) {
		const output = cli.stdout.trim().split('\n').slice(-20).join('\n');
		throw new Error(`"${workflowName}": n8n printed no whole run (${exit}). stdout:\n${output}\n${stderrTail(execution)}`);
	}
	const outcome = executionOutcome(execution);
	if (outcome === 'crashed-after-completed-run') {
		throw new Error(
			`"${workflowName}": the run completed and was printed whole (status ${run.status}), then the n8n process crashed on exit (${exit}); see docs/compatibility.md.\n${stderrTail(execution)}`,
		);
	}
	if (outcome === 'failed') {
		const error = run.data.resultData.error;
		const where = error?.node?.name ? ` in node "${error.node.name}"` : '';
		throw new Error(
			`"${workflowName}" ended with status ${run.status}${run.finished === true ? '' : ' (not finished)'}${where} (${exit}): ${error?.message ?? 'no error message'}${error?.description ? ` (${error.description})` : ''}\n${stderrTail(execution)}`,
		);
	}
	return run;
}

/** Items a node emitted on one of its outputs in its last run (empty when it ran and emitted nothing). */
export function nodeOutput(run: WorkflowRun, nodeName: string, outputIndex = 0): OutputItem[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run`);
	const last = runs[runs.length - 1];
	return (last?.data?.main?.[outputIndex] ?? []) as OutputItem[];
}

/** Requests to the Keepnet API proper (the token endpoint excluded), optionally filtered by method and path. */
export function apiRequests(requests: RecordedRequest[], method?: string, pathPattern?: RegExp): RecordedRequest[] {
	return requests.filter(
		(request) =>
			request.path.startsWith('/api/') &&
			(method === undefined || request.method === method) &&
			(pathPattern === undefined || pathPattern.test(request.path)),
	);
}

export function companyHeaderOf(request: RecordedRequest): string | undefined {
	return request.headers['x-keepnet-company-id'];
}

export function describeRequests(requests: RecordedRequest[]): string {
	return requests.map((request) => `${request.method} ${request.path} -> ${request.status}`).join('\n');
}

/**
 * The bytes of a binary output. n8n 1.x keeps them inline (base64 `data`); n8n 2.x stores them in its binary-data
 * folder and the run holds only an id ("filesystem-v2:<path inside that folder>").
 */
export async function readBinary(instance: N8nInstance, binary: BinaryReference): Promise<Buffer> {
	if (typeof binary.data === 'string' && binary.data !== '' && binary.data !== 'filesystem-v2' && binary.data !== 'filesystem') {
		return Buffer.from(binary.data, 'base64');
	}
	const id = binary.id ?? '';
	const separator = id.indexOf(':');
	assert.ok(separator > 0, `binary output has neither inline data nor a storage id: ${JSON.stringify({ ...binary, data: undefined })}`);
	const relativePath = id.slice(separator + 1);
	return await readFile(path.join(instance.binaryDataFolder, relativePath));
}
