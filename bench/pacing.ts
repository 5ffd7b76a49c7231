/**
 * How close the per-item write path gets to a rate limit's minimum time. Runs Target User → Create and →
 * Create or Update (per item: `bulkCreate: false`) of N new users into empty companies through n8n's engine
 * (the test harness, as `npm run bench:harness` does), against the sandbox with a per-client rate limit on,
 * and prints for each run: elapsed time ÷ the limit's minimum time (N ÷ requests per second), requests,
 * 429s, the most 429s one request drew, and whether every user was written exactly once. No timing targets
 * are enforced; exit code 1 only when a user is missing or duplicated or the run failed.
 *
 *   npx ts-node --transpile-only -P tsconfig.dev.json bench/pacing.ts [options]
 *
 *   --users 1000           users per run                 --kinds create,upsert   which operations
 *   --latency 50           ms added to every request     --concurrency 20        the node's Options → Concurrency
 *   --rate 100 --burst 100 --in-flight 10               the sandbox's per-client limit
 *   --repeat 1             runs of each kind             --sandbox child|in-process  (default child)
 *   --timeline             print answers per second (not 429 / 429) of each run
 *   --busy 0.5             keep this process's event loop blocked this share of the time (10 ms at a time), as a
 *                          busy n8n instance would: timers fire late and answers are read late
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { KeepnetApi } from '../credentials/KeepnetApi.credentials';
import type { RateLimitKnobs } from '../test/sandbox';
import { CredentialStore, runNode } from '../test/support/harness';
import { forEachFlag } from './args';
import { generateUsers } from './data';
import { int, seconds } from './format';
import { Keepnet } from './keepnet-node';
import { startBenchSandbox, type BenchSandbox, type Placement } from './sandbox-control';
import { verifyCompany } from './scenarios';

type Kind = 'create' | 'upsert';

interface Settings {
	users: number;
	kinds: Kind[];
	latencyMs: number;
	concurrency: number;
	limit: RateLimitKnobs;
	repeat: number;
	placement: Placement;
	timeline: boolean;
	busy: number;
}

function parseArgs(argv: string[]): Settings {
	const settings: Settings = {
		users: 1000,
		kinds: ['create', 'upsert'],
		latencyMs: 50,
		concurrency: 20,
		limit: { requestsPerSecond: 100, burst: 100, maxInFlight: 10 },
		repeat: 1,
		placement: 'child',
		timeline: false,
		busy: 0,
	};
	forEachFlag(argv, ({ flag, value, number }) => {
		switch (flag) {
			case '--users': settings.users = number(); break;
			case '--kinds': settings.kinds = (value() ?? '').split(',').filter((kind): kind is Kind => kind === 'create' || kind === 'upsert'); break;
			case '--latency': settings.latencyMs = number(); break;
			case '--concurrency': settings.concurrency = number(); break;
			case '--rate': settings.limit.requestsPerSecond = number(); break;
			case '--burst': settings.limit.burst = number(); break;
			case '--in-flight': settings.limit.maxInFlight = number(); break;
			case '--repeat': settings.repeat = number(); break;
			case '--sandbox': settings.placement = value() === 'in-process' ? 'in-process' : 'child'; break;
			case '--timeline': settings.timeline = true; break;
			case '--busy': settings.busy = Math.min(0.9, number()); break;
			default: throw new Error(`Unknown argument ${flag}`);
		}
	});
	return settings;
}

const node = new Keepnet();

async function runOnce(settings: Settings, sandbox: BenchSandbox, kind: Kind, companyId: string, seed: number): Promise<boolean> {
	const users = generateUsers(settings.users, await sandbox.companyDomain(companyId), seed);
	const parameters: INodeParameters = {
		resource: 'targetUser',
		operation: kind,
		companyId: { __rl: true, mode: 'list', value: companyId },
		mappingMode: 'defineBelow',
		email: '={{ $json.email }}',
		phoneNumber: '={{ $json.phoneNumber }}',
		additionalFields: { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', department: '={{ $json.department }}' },
		options: { concurrency: settings.concurrency, bulkCreate: false },
	};
	const items: INodeExecutionData[] = users.map((user) => ({ json: { ...user } }));
	const credentials = new CredentialStore(new KeepnetApi(), { baseUrl: sandbox.url, clientId: sandbox.reseller.clientId, clientSecret: sandbox.reseller.clientSecret, accessToken: '' });

	await sandbox.setRateLimit(settings.limit);
	await sandbox.clearRequests();
	const blockMs = 10;
	const busy = settings.busy > 0
		? setInterval(() => {
				const until = performance.now() + blockMs;
				while (performance.now() < until) {
					// blocking on purpose
				}
			}, blockMs / settings.busy - blockMs)
		: undefined;
	const start = performance.now();
	let outcome: string;
	let failed = false;
	try {
		const { output } = await runNode({ node, parameters, items, credentials });
		const errors = (output[0] ?? []).filter((item) => item.json.error !== undefined).length;
		outcome = `${int(output[0]?.length ?? 0)} items out, ${errors} errors`;
		failed = errors > 0;
	} catch (error) {
		outcome = `ERROR ${error instanceof Error ? error.message : String(error)}`;
		failed = true;
	}
	const elapsedMs = performance.now() - start;
	if (busy) clearInterval(busy);
	await sandbox.setRateLimit(null);
	const tally = await sandbox.tallyRequests();
	const verification = await verifyCompany(sandbox, companyId, users);
	const minimumMs = (settings.users / Math.max(1, settings.limit.requestsPerSecond)) * 1000;
	const refused = tally.byStatus['429'] ?? 0;
	const written = verification.ok ? `all ${int(verification.expected)} written once` : `${int(verification.found)} found, ${verification.missing.length} missing, ${verification.duplicated.length} duplicated`;
	process.stdout.write(
		`${kind.padEnd(6)} ${int(settings.users)} users: ${seconds(elapsedMs)} = ${(elapsedMs / minimumMs).toFixed(2)}× minimum (${seconds(minimumMs)}); ` +
			`${int(tally.total)} requests, ${int(refused)} × 429, at most ${tally.mostRefusalsOfOneRequest} × 429 for one request, peak ${tally.peakInFlight} in flight; ${written}; ${outcome}\n`,
	);
	if (settings.timeline) {
		process.stdout.write(`  per second (ok/429): ${tally.perSecond.map((second) => `${second.ok}/${second.refused}`).join(' ')}\n`);
	}
	return !failed && verification.ok;
}

async function main(): Promise<void> {
	const settings = parseArgs(process.argv.slice(2));
	const runs = settings.kinds.length * settings.repeat;
	const sandbox = await startBenchSandbox(settings.placement, {
		latencyMs: settings.latencyMs,
		recordRequests: true,
		seed: { randomSeed: 20240601, customerCount: runs + 1, targetUserCounts: Array<number>(runs + 1).fill(0) },
	});
	let ok = true;
	try {
		process.stdout.write(
			`Sandbox ${settings.placement}, ${settings.latencyMs} ms latency; limit ${settings.limit.requestsPerSecond}/s, burst ${settings.limit.burst ?? settings.limit.requestsPerSecond}, ` +
				`${settings.limit.maxInFlight} in flight; Concurrency ${settings.concurrency}${settings.busy > 0 ? `; event loop blocked ${Math.round(settings.busy * 100)}% of the time` : ''}\n`,
		);
		// Module loading and n8n's engine set-up, outside the timed runs.
		await runNode({
			node,
			parameters: { resource: 'targetUser', operation: 'getAll', companyId: { __rl: true, mode: 'list', value: sandbox.ids.customerCompanyIds[0] }, returnAll: false, limit: 5 },
			credentials: new CredentialStore(new KeepnetApi(), { baseUrl: sandbox.url, clientId: sandbox.reseller.clientId, clientSecret: sandbox.reseller.clientSecret, accessToken: '' }),
		});
		let company = 1;
		for (let round = 0; round < settings.repeat; round++) {
			for (const kind of settings.kinds) {
				const companyId = sandbox.ids.customerCompanyIds[company++];
				await sandbox.licenseSeats(companyId, settings.users * 2);
				ok = (await runOnce(settings, sandbox, kind, companyId, 20240602 + round)) && ok;
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
