/** What each example workflow in examples/ must do when run against the sandbox (outputs and requests). */
import type { Sandbox } from '../sandbox/types';
import type { N8nInstance, WorkflowFile, WorkflowRun } from '../../scripts/n8n/lib/instance';

export interface E2eContext {
	sandbox: Sandbox;
	instance: N8nInstance;
}

export interface ExampleCase {
	/** File name in examples/. */
	file: string;
	title: string;
	/** Called with the successful run; the sandbox's request log holds only this workflow's requests. */
	check: (context: E2eContext, run: WorkflowRun, workflow: WorkflowFile) => Promise<void> | void;
}

export const EXAMPLE_CASES: ExampleCase[] = [];
