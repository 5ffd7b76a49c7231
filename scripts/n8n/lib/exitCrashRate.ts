/**
 * How often `n8n execute` ends other than cleanly, counted over many runs of one workflow. Used by the end-to-end
 * test that keeps the crash at exit fixed (test/e2e/run.ts) and by scripts/n8n/exit-crash-rate.ts, which measures
 * it with and without the exit guard (docs/compatibility.md quotes its figures).
 */
import { executionOutcome, type N8nInstance, type WorkflowFile } from './instance';

/** Manual Trigger + Set with one expression: n8n alone, no package involved; the expression takes an isolate. */
export const SMOKE_WORKFLOW_ID = 'E2eSmokeFlow0001';

export function smokeWorkflow(): WorkflowFile {
	return {
		id: SMOKE_WORKFLOW_ID,
		name: 'e2e: smoke',
		active: false,
		settings: {},
		connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'smoke-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'smoke-set',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: { assignments: [{ id: 'smoke-1', name: 'greeting', value: '={{ "hello " + (20 + 22) }}', type: 'string' }] },
					options: {},
				},
			},
		],
	};
}

export interface ExitTally {
	runs: number;
	clean: number;
	/** A whole successful run was printed, then the process exited non-zero or was killed. */
	crashedAfterCompletedRun: number;
	/** No whole successful run printed. */
	failed: number;
	/** How the non-clean runs ended: "SIGSEGV", "exit 1", ... */
	endings: Record<string, number>;
}

export async function tallyExecuteExits(instance: N8nInstance, workflowId: string, runs: number, env: NodeJS.ProcessEnv = {}): Promise<ExitTally> {
	const tally: ExitTally = { runs: 0, clean: 0, crashedAfterCompletedRun: 0, failed: 0, endings: {} };
	for (let run = 0; run < runs; run++) {
		const execution = await instance.executeWorkflow(workflowId, 120_000, { env });
		tally.runs++;
		const outcome = executionOutcome(execution);
		if (outcome === 'clean') {
			tally.clean++;
			continue;
		}
		if (outcome === 'crashed-after-completed-run') tally.crashedAfterCompletedRun++;
		else tally.failed++;
		const ending = execution.cli.signal ?? `exit ${String(execution.cli.exitCode)}`;
		tally.endings[ending] = (tally.endings[ending] ?? 0) + 1;
	}
	return tally;
}

export function describeExitTally(tally: ExitTally): string {
	const percent = (count: number): string => `${((100 * count) / Math.max(tally.runs, 1)).toFixed(1)}%`;
	const endings = Object.entries(tally.endings).map(([ending, count]) => `${ending} x${count}`).join(', ');
	return (
		`${tally.runs} runs: ${tally.clean} clean, ${tally.crashedAfterCompletedRun} crashed at exit after a completed run (${percent(tally.crashedAfterCompletedRun)}), ` +
		`${tally.failed} failed${endings ? ` [${endings}]` : ''}`
	);
}
