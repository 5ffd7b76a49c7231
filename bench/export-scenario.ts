/**
 * Peak memory of Target User → Export (CSV) of a big company: three processes. The sandbox (seeded with
 * the users) runs in one child, the export in another (bench/export-worker.ts), and this process only
 * coordinates, so neither the sandbox's data nor the benchmark's own state counts toward the export.
 */
import type { SandboxOptions } from '../test/sandbox';
import type { ExportJob, ExportMeasurement, ExportWorkerReply } from './export-worker';
import { forkTypeScript, startChildSandbox } from './sandbox-control';
import type { ScenarioCounts } from './scenarios';

export interface ExportResult extends ScenarioCounts {
	users: number;
	measurement?: ExportMeasurement;
	error?: string;
	workerPid: number;
	sandboxPid: number;
}

/** Customer 0 gets the big list; customer 3 keeps its 25 seed users and serves the warm-up export. */
const EXPORT_COMPANY = 0;
const WARM_UP_COMPANY = 3;

function runWorker(job: ExportJob): { pid: number; done: Promise<ExportWorkerReply> } {
	const worker = forkTypeScript('export-worker.ts', ['--expose-gc']);
	const done = new Promise<ExportWorkerReply>((resolve) => {
		let replied = false;
		worker.once('message', (reply: ExportWorkerReply) => {
			replied = true;
			resolve(reply);
		});
		worker.once('exit', (code, signal) => {
			if (!replied) resolve({ ok: false, error: `the export worker exited without a result (${signal ?? code})` });
		});
	});
	worker.send(job);
	return { pid: worker.pid ?? -1, done };
}

export async function measureExport(users: number, latencyMs: number, randomSeed: number): Promise<ExportResult> {
	const options: SandboxOptions = {
		latencyMs,
		seed: { randomSeed, customerCount: 4, targetUserCounts: [0, 25, 25, 25] },
		// The log keeps request metadata only; the export is two requests (token, export) after the warm-up.
		recordRequests: true,
	};
	const sandbox = await startChildSandbox(options);
	try {
		const companyId = sandbox.ids.customerCompanyIds[EXPORT_COMPANY];
		await sandbox.seedUsers({ companyId, count: users, randomSeed: randomSeed + 3 });
		await sandbox.clearRequests();
		const tokensBefore = await sandbox.tokensIssued();
		const worker = runWorker({
			url: sandbox.url,
			clientId: sandbox.reseller.clientId,
			clientSecret: sandbox.reseller.clientSecret,
			companyId,
			warmUpCompanyId: sandbox.ids.customerCompanyIds[WARM_UP_COMPANY],
		});
		const reply = await worker.done;
		const requests = await sandbox.tallyRequests();
		const tokensIssued = (await sandbox.tokensIssued()) - tokensBefore;
		const base = { users, requests, tokensIssued, workerPid: worker.pid, sandboxPid: sandbox.pid };
		if (!reply.ok) return { ...base, error: reply.error };
		const rowsOk = reply.measurement.csvRows === users;
		return { ...base, measurement: reply.measurement, error: rowsOk ? undefined : `the CSV has ${reply.measurement.csvRows} data rows, expected ${users}` };
	} finally {
		await sandbox.close();
	}
}
