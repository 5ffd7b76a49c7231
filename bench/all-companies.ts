/**
 * "All Companies I Manage" against a rate limit (docs/all-companies.md). With N customers (default 1,000) and the
 * sandbox's per-client limit on, runs through n8n's engine (the test harness):
 *
 *   node     Target Group → Get Many, Companies: All Companies I Manage, Return All (1 company listing + N searches)
 *   trigger  Keepnet Trigger, New Target User, All Companies I Manage: the first tick after activation (learning the
 *            cursors: 1 company listing + N user searches), then a second tick (the same requests again)
 *
 * and prints for each: wall time, requests, 429s, the peak in flight seen by the sandbox, and the time ÷ the least
 * time the limit allows for the requests that must get through (a token bucket that starts full lets `burst`
 * through at once and then `rate` a second: (needed − burst) ÷ rate). Exit code 1 when a run fails or misses a
 * customer.
 *
 *   npx ts-node --transpile-only -P tsconfig.dev.json bench/all-companies.ts [options]
 *
 *   --customers 1000   --latency 50 (ms added to every request)   --rate 100 --burst 100 --in-flight 10
 *   --sandbox child|in-process (default child)   --kinds node,trigger
 */
import type { INodeParameters } from 'n8n-workflow';

import { KeepnetApi } from '../credentials/KeepnetApi.credentials';
import { ACROSS_COMPANIES_CONCURRENCY } from '../nodes/Keepnet/actions/fanOut';
import type { KeepnetTrigger as KeepnetTriggerNode } from '../nodes/KeepnetTrigger/KeepnetTrigger.node';
import type { RateLimitKnobs } from '../test/sandbox';
import { CredentialStore, PollStaticData, runNode, runPoll } from '../test/support/harness';
import { forEachFlag } from './args';
import { int, seconds } from './format';
import { Keepnet } from './keepnet-node';
import { startBenchSandbox, type BenchSandbox, type Placement } from './sandbox-control';

// As bench/keepnet-node.ts: the source file by its full name (ts-node would load the codex JSON beside it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeepnetTrigger } = require('../nodes/KeepnetTrigger/KeepnetTrigger.node.ts') as { KeepnetTrigger: typeof KeepnetTriggerNode };

type Kind = 'node' | 'trigger';

interface Settings {
	customers: number;
	latencyMs: number;
	limit: RateLimitKnobs;
	placement: Placement;
	kinds: Kind[];
}

function parseArgs(argv: string[]): Settings {
	const settings: Settings = { customers: 1000, latencyMs: 50, limit: { requestsPerSecond: 100, burst: 100, maxInFlight: 10 }, placement: 'child', kinds: ['node', 'trigger'] };
	forEachFlag(argv, ({ flag, value, number }) => {
		switch (flag) {
			case '--customers': settings.customers = number(); break;
			case '--latency': settings.latencyMs = number(); break;
			case '--rate': settings.limit.requestsPerSecond = number(); break;
			case '--burst': settings.limit.burst = number(); break;
			case '--in-flight': settings.limit.maxInFlight = number(); break;
			case '--sandbox': settings.placement = value() === 'in-process' ? 'in-process' : 'child'; break;
			case '--kinds': settings.kinds = (value() ?? '').split(',').filter((kind): kind is Kind => kind === 'node' || kind === 'trigger'); break;
			default: throw new Error(`Unknown argument ${flag}`);
		}
	});
	return settings;
}

const credentialsFor = (sandbox: BenchSandbox) =>
	new CredentialStore(new KeepnetApi(), { baseUrl: sandbox.url, clientId: sandbox.reseller.clientId, clientSecret: sandbox.reseller.clientSecret, accessToken: '' });

/** Runs `work` under the limit and prints its line; returns whether it succeeded. */
async function measured(settings: Settings, sandbox: BenchSandbox, label: string, needed: number, work: () => Promise<{ ok: boolean; outcome: string }>): Promise<boolean> {
	await sandbox.setRateLimit({ ...settings.limit });
	await sandbox.clearRequests();
	const start = performance.now();
	let result: { ok: boolean; outcome: string };
	try {
		result = await work();
	} catch (error) {
		result = { ok: false, outcome: `ERROR ${error instanceof Error ? error.message : String(error)}` };
	}
	const elapsedMs = performance.now() - start;
	await sandbox.setRateLimit(null);
	const tally = await sandbox.tallyRequests();
	const burst = settings.limit.burst ?? settings.limit.requestsPerSecond;
	const minimumMs = (Math.max(0, needed - burst) / settings.limit.requestsPerSecond) * 1000;
	const refused = tally.byStatus['429'] ?? 0;
	process.stdout.write(
		`${label}: ${seconds(elapsedMs)} = ${(elapsedMs / Math.max(1, minimumMs)).toFixed(2)}× the limit's minimum (${seconds(minimumMs)} for ${int(needed)} requests); ` +
			`${int(tally.total - tally.token)} API requests (${int(needed)} needed), ${int(refused)} × 429, peak ${tally.peakInFlight} in flight; ${result.outcome}\n`,
	);
	return result.ok;
}

async function main(): Promise<void> {
	const settings = parseArgs(process.argv.slice(2));
	const sandbox = await startBenchSandbox(settings.placement, {
		latencyMs: settings.latencyMs,
		recordRequests: true,
		maxRecordedRequests: 1_000_000,
		seed: { randomSeed: 20261206, customerCount: settings.customers, targetUsersPerCompany: 3, systemUsersPerCompany: 1 },
	});
	const customers = settings.customers;
	// 1 company listing (pages of 1,000) + 1 search per customer.
	const needed = Math.ceil(customers / 1000) + customers;
	let ok = true;
	try {
		process.stdout.write(
			`${int(customers)} customers; sandbox ${settings.placement}, ${settings.latencyMs} ms latency; limit ${settings.limit.requestsPerSecond}/s, burst ${settings.limit.burst ?? settings.limit.requestsPerSecond}, ` +
				`${settings.limit.maxInFlight} in flight; fan-out ${ACROSS_COMPANIES_CONCURRENCY} customers at a time\n`,
		);
		const node = new Keepnet();
		// Module loading and n8n's engine set-up, outside the timed runs.
		await runNode({ node, parameters: { resource: 'targetGroup', operation: 'getAll', companyId: { __rl: true, mode: 'id', value: sandbox.ids.customerCompanyIds[0] }, returnAll: true }, credentials: credentialsFor(sandbox) });

		if (settings.kinds.includes('node')) {
			ok =
				(await measured(settings, sandbox, 'node    Target Group → Get Many, all companies', needed, async () => {
					const { output } = await runNode({ node, parameters: { resource: 'targetGroup', operation: 'getAll', companyScope: 'all', returnAll: true }, credentials: credentialsFor(sandbox) });
					const items = output[0] ?? [];
					const companies = new Set(items.map((item) => (item.json.company as { resourceId?: string } | undefined)?.resourceId));
					return { ok: companies.size === customers, outcome: `${int(items.length)} groups from ${int(companies.size)} customers` };
				})) && ok;
		}
		if (settings.kinds.includes('trigger')) {
			const trigger = new KeepnetTrigger();
			const parameters: INodeParameters = { event: 'newTargetUser', companyScope: 'all' };
			const staticData = new PollStaticData();
			const credentials = credentialsFor(sandbox);
			for (const tick of ['first', 'second'] as const) {
				ok =
					(await measured(settings, sandbox, `trigger New Target User, all companies, ${tick} tick`, needed, async () => {
						const result = await runPoll({ node: trigger, parameters, credentials, staticData });
						const cursors = Object.keys((staticData.nodeData()?.keepnetTrigger as { cursors?: object } | undefined)?.cursors ?? {}).length;
						return { ok: result.error === undefined && cursors === customers, outcome: result.error ? `ERROR ${String(result.error.message)}` : `${int(result.items.length)} events, ${int(cursors)} cursors` };
					})) && ok;
			}
		}
	} finally {
		await sandbox.close();
	}
	process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
