/**
 * Measures how often `n8n execute` crashes at exit, with and without the exit guard
 * (scripts/n8n/lib/dispose-expression-engine-on-exit.cjs). docs/compatibility.md quotes what it printed.
 *
 *   npm run exit-crash-rate -- [--runs 100] [--guard on|off|both]    (KEEPNET_N8N_VERSION picks the n8n)
 *
 * A throwaway n8n user folder, the smoke workflow (Manual Trigger + Set, no package involved), N runs each way.
 * Exits 1 when a guarded run did not exit cleanly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { SMOKE_WORKFLOW_ID, describeExitTally, smokeWorkflow, tallyExecuteExits } from './lib/exitCrashRate';
import { N8nInstance } from './lib/instance';
import { findFreePort } from './lib/ports';
import { ensureN8nRuntime } from './lib/runtime';

function flag(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
	const runs = Number(flag('runs', '100'));
	const guard = flag('guard', 'both');
	if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got ${String(runs)}`);
	if (!['on', 'off', 'both'].includes(guard)) throw new Error(`--guard must be on, off or both, got ${guard}`);
	const runtime = ensureN8nRuntime();
	const userFolder = await mkdtemp(path.join(os.tmpdir(), 'keepnet-exit-rate-'));
	try {
		const instance = new N8nInstance({ runtime, userFolder, port: await findFreePort(), brokerPort: await findFreePort() });
		await instance.prepareUserFolder();
		await instance.importWorkflows([smokeWorkflow()]);
		let guardedFailures = 0;
		for (const mode of guard === 'both' ? ['off', 'on'] : [guard]) {
			const tally = await tallyExecuteExits(instance, SMOKE_WORKFLOW_ID, runs, { KEEPNET_N8N_EXIT_GUARD: mode === 'on' ? '1' : '0' });
			process.stdout.write(`n8n ${runtime.version}, exit guard ${mode}: ${describeExitTally(tally)}\n`);
			if (mode === 'on') guardedFailures += tally.runs - tally.clean;
		}
		process.exitCode = guardedFailures === 0 ? 0 : 1;
	} finally {
		await rm(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
