/**
 * `npm run bench:harness` — measures the Keepnet node against the Keepnet sandbox with injected latency and
 * prints one markdown report (also written to bench/results/harness-latest.md):
 *
 *   1. onboarding N target users (default 1,000) three ways, each into its own empty customer company:
 *      (a) a sequential HTTP Request-style loop, (b) Target User → Create, (c) Target User → Import;
 *   2. Return All over M target users (default 10,000): Get Many vs a loop over Keepnet's 10-row pages;
 *   3. peak memory of Target User → Export (CSV) of K target users (default 100,000), in its own process;
 *
 * and checks the targets (speed-ups, request counts, one token per scenario) and that every onboarding
 * left exactly the expected users in Keepnet. Exits 1 when a target is missed or a user is lost or
 * duplicated, naming which.
 *
 *   --latency <ms>           latency added to every sandbox request (default 50)
 *   --sandbox child|in-process  where the sandbox runs for the timed scenarios (default child)
 *   --no-compare             skip the second, cheaper pass with the sandbox in the other place
 *   --users <n> --list-users <n> --export-users <n>   scenario sizes (defaults 1000, 10000, 100000)
 *   --no-export              skip the memory scenario
 *   --no-write               print only; do not write bench/results/harness-latest.md
 *   --seed <n>               PRNG seed of the sandbox and the generated people (default 20240601)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { resolve } from 'path';

import type { SandboxOptions } from '../test/sandbox';
import { generateUsers } from './data';
import { measureExport, type ExportResult } from './export-scenario';
import { int, mebibytes, ratio, seconds, table } from './format';
import { startBenchSandbox, type BenchSandbox, type Placement } from './sandbox-control';
import { listAll, onboard, warmUp, type OnboardingKind, type ScenarioResult } from './scenarios';

interface Settings {
	latencyMs: number;
	placement: Placement;
	compare: boolean;
	onboardUsers: number;
	listUsers: number;
	exportUsers: number;
	runExport: boolean;
	write: boolean;
	seed: number;
}

const NODE_PAGE_SIZE = 1000;
const RETURN_ALL_SLACK = 2;
const TARGET_CREATE_SPEEDUP = 8;
const TARGET_IMPORT_SPEEDUP = 50;

function usage(problem?: string): never {
	if (problem) process.stderr.write(`${problem}\n`);
	process.stderr.write(
		'Usage: npm run bench:harness -- [--latency 50] [--sandbox child|in-process] [--no-compare] [--users 1000] [--list-users 10000] [--export-users 100000] [--no-export] [--no-write] [--seed n]\n',
	);
	process.exit(problem ? 2 : 0);
}

function parseArgs(argv: string[]): Settings {
	const settings: Settings = {
		latencyMs: 50,
		placement: 'child',
		compare: true,
		onboardUsers: 1000,
		listUsers: 10_000,
		exportUsers: 100_000,
		runExport: true,
		write: true,
		seed: 20240601,
	};
	const count = (name: string, raw: string | undefined, min: number): number => {
		const value = Number(raw);
		if (raw === undefined || !Number.isInteger(value) || value < min) usage(`--${name} needs a whole number ≥ ${min}`);
		return value;
	};
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=', 2);
		const value = (): string | undefined => inline ?? argv[++index];
		switch (flag) {
			case '--latency': settings.latencyMs = count('latency', value(), 0); break;
			case '--sandbox': {
				const placement = value();
				if (placement !== 'child' && placement !== 'in-process') usage('--sandbox is child or in-process');
				settings.placement = placement;
				break;
			}
			case '--no-compare': settings.compare = false; break;
			case '--users': settings.onboardUsers = count('users', value(), 1); break;
			case '--list-users': settings.listUsers = count('list-users', value(), 1); break;
			case '--export-users': settings.exportUsers = count('export-users', value(), 1); break;
			case '--no-export': settings.runExport = false; break;
			case '--no-write': settings.write = false; break;
			case '--seed': settings.seed = count('seed', value(), 0); break;
			case '--help': case '-h': usage(); break;
			default: usage(`Unknown argument ${argv[index]}`);
		}
	}
	return settings;
}

const log = (line: string): void => {
	process.stderr.write(`[bench] ${line}\n`);
};

// ---------------------------------------------------------------------------------------------------------
// Running the scenarios

/** Customer companies of the benchmark sandbox: 0–2 keep the seed's 25 users, 3–5 are empty, 6 holds the list. */
const COMPANY = { warmUp: 0, baseline: 3, create: 4, import: 5, list: 6 } as const;

function sandboxOptions(settings: Settings): SandboxOptions {
	return {
		latencyMs: settings.latencyMs,
		// Request metadata only (bodies of a few hundred bytes): a few thousand entries at most per scenario.
		recordRequests: true,
		seed: { randomSeed: settings.seed, customerCount: 7, targetUserCounts: [25, 25, 25, 0, 0, 0, 0] },
	};
}

interface PassResults {
	placement: Placement;
	onboarding: Partial<Record<OnboardingKind, ScenarioResult>>;
	listing: Partial<Record<'baseline' | 'node', ScenarioResult>>;
}

async function prepareSandbox(settings: Settings, placement: Placement): Promise<BenchSandbox> {
	log(`starting the sandbox (${placement}), seeding ${int(settings.listUsers)} users for Return All`);
	const sandbox = await startBenchSandbox(placement, sandboxOptions(settings));
	const ids = sandbox.ids.customerCompanyIds;
	for (const index of [COMPANY.baseline, COMPANY.create, COMPANY.import]) await sandbox.licenseSeats(ids[index], settings.onboardUsers * 2);
	await sandbox.seedUsers({ companyId: ids[COMPANY.list], count: settings.listUsers, randomSeed: settings.seed + 2 });
	await warmUp(sandbox, ids[COMPANY.warmUp]);
	return sandbox;
}

async function onboardInto(settings: Settings, sandbox: BenchSandbox, kind: OnboardingKind, companyIndex: number): Promise<ScenarioResult> {
	const companyId = sandbox.ids.customerCompanyIds[companyIndex];
	// The same people for every scenario, each time with the mail domain of the company they join.
	const users = generateUsers(settings.onboardUsers, await sandbox.companyDomain(companyId), settings.seed + 1);
	log(`onboarding ${int(users.length)} users: ${kind} (${sandbox.placement} sandbox)`);
	const result = await onboard(kind, sandbox, companyId, users);
	log(`  ${seconds(result.wallMs)}, ${int(result.requests.total)} requests${result.error ? `, ERROR ${result.error}` : ''}`);
	return result;
}

async function listInto(settings: Settings, sandbox: BenchSandbox, kind: 'baseline' | 'node'): Promise<ScenarioResult> {
	log(`Return All over ${int(settings.listUsers)} users: ${kind} (${sandbox.placement} sandbox)`);
	const result = await listAll(kind, sandbox, sandbox.ids.customerCompanyIds[COMPANY.list], settings.listUsers);
	log(`  ${seconds(result.wallMs)}, ${int(result.requests.total)} requests${result.error ? `, ERROR ${result.error}` : ''}`);
	return result;
}

async function runPass(settings: Settings, placement: Placement, withBaselines: boolean): Promise<PassResults> {
	const sandbox = await prepareSandbox(settings, placement);
	const results: PassResults = { placement, onboarding: {}, listing: {} };
	try {
		if (withBaselines) results.onboarding.baseline = await onboardInto(settings, sandbox, 'baseline', COMPANY.baseline);
		results.onboarding.create = await onboardInto(settings, sandbox, 'create', COMPANY.create);
		results.onboarding.import = await onboardInto(settings, sandbox, 'import', COMPANY.import);
		if (withBaselines) results.listing.baseline = await listInto(settings, sandbox, 'baseline');
		results.listing.node = await listInto(settings, sandbox, 'node');
	} finally {
		await sandbox.close();
	}
	return results;
}

// ---------------------------------------------------------------------------------------------------------
// Targets and report

interface Check {
	target: string;
	required: string;
	measured: string;
	pass: boolean;
}

const searchRequests = (result: ScenarioResult): number => result.requests.byRoute['POST /api/target-users/search'] ?? 0;

function verificationText(result: ScenarioResult): string {
	const verification = result.verification;
	if (!verification) return 'not checked';
	if (verification.ok) return `${int(verification.found)} users, none missing or duplicated`;
	const problems = [
		verification.missing.length ? `${verification.missing.length} missing (e.g. ${verification.missing.slice(0, 3).join(', ')})` : '',
		verification.duplicated.length ? `${verification.duplicated.length} duplicated (e.g. ${verification.duplicated.slice(0, 3).join(', ')})` : '',
		verification.unexpected.length ? `${verification.unexpected.length} unexpected` : '',
	].filter((part) => part !== '');
	return `${int(verification.found)} of ${int(verification.expected)} users: ${problems.join('; ') || 'count differs'}`;
}

function tokenText(result: { requests: { token: number }; tokensIssued: number }): string {
	return result.requests.token === result.tokensIssued ? String(result.requests.token) : `${result.requests.token} (sandbox issued ${result.tokensIssued})`;
}

function importBreakdown(result: ScenarioResult): string {
	const names: Array<[string, string]> = [
		['POST /connect/token', 'token'],
		['POST /api/target-users/upload', 'upload'],
		['POST /api/target-users/create-mapping', 'create-mapping'],
		['GET /api/target-users/mapping-job/{id}', 'mapping-job polls'],
		['POST /api/target-users/{transactionId}/search', 'preview search'],
		['POST /api/target-users/{transactionId}/import', 'import'],
		['GET /api/jobs/{id}', 'job polls'],
	];
	const known = new Set(names.map(([route]) => route));
	const parts = names.filter(([route]) => result.requests.byRoute[route]).map(([route, label]) => `${label} ${result.requests.byRoute[route]}`);
	for (const [route, count] of Object.entries(result.requests.byRoute)) if (!known.has(route)) parts.push(`${route} ${count}`);
	return parts.join(', ');
}

function scenarioRow(result: ScenarioResult | undefined, cells: (result: ScenarioResult) => string[], width: number): string[] | undefined {
	if (!result) return undefined;
	if (result.error && !result.verification) return [result.name, ...Array<string>(width - 2).fill('—'), `FAILED: ${result.error}`];
	return [result.name, ...cells(result)];
}

/** Where the wall time of a scenario went, from the sandbox's arrival and answer times. */
function timelineRow(result: ScenarioResult, items: number): string[] {
	const requests = result.requests;
	if (requests.total === 0) return [result.name, '—', '—', '—', '—', '—', '—'];
	const window = Math.max(1, requests.lastAnswerMs - requests.firstArrivalMs);
	return [
		result.name,
		seconds(Math.max(0, requests.firstArrivalMs - result.startedAtMs)),
		seconds(window),
		seconds(Math.max(0, result.endedAtMs - requests.lastAnswerMs)),
		`${(requests.serverMs / requests.total).toFixed(1)} ms`,
		(requests.serverMs / window).toFixed(1),
		`${(result.clientCpuMs / items).toFixed(2)} ms`,
	];
}

function buildReport(
	settings: Settings,
	primary: PassResults,
	other: PassResults | undefined,
	exported: ExportResult | undefined,
	load: { start: number[]; end: number[] },
): { markdown: string; checks: Check[] } {
	const checks: Check[] = [];
	const sections: string[] = [];
	const { baseline, create, import: bulk } = primary.onboarding;
	const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
	const n8nCore = (JSON.parse(readFileSync(resolve(__dirname, '../node_modules/n8n-core/package.json'), 'utf8')) as { version: string }).version;
	sections.push(
		[
			'## Benchmark results',
			'',
			`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, n8n-core ${n8nCore} (the node runs through n8n's real engine via the test harness). ` +
				`Sandbox latency ${settings.latencyMs} ms added to every request; sandbox ${primary.placement === 'child' ? 'in a child process' : 'in the benchmark process'} for the timed scenarios (see "Where the sandbox runs"). ` +
				`Data: ${int(settings.onboardUsers)} generated people per onboarding (names from several countries, department, phone number, a priority for about a third), deterministic (seed ${settings.seed}). ` +
				`Load average (1 min): ${load.start[0].toFixed(2)} at the start, ${load.end[0].toFixed(2)} at the end; the benchmark itself keeps about one core busy at times, so values well above 1 mean other processes competed for the ${cpus().length} cores and CPU-heavy steps took longer than on an idle machine.`,
		].join('\n'),
	);

	// Onboarding
	const onboardingRows = [baseline, create, bulk]
		.map((result) =>
			scenarioRow(
				result,
				(r) => [int(r.requests.total), tokenText(r), seconds(r.wallMs), seconds(r.clientCpuMs), r.error ? `FAILED: ${r.error}; ${verificationText(r)}` : verificationText(r)],
				6,
			),
		)
		.filter((row): row is string[] => row !== undefined);
	const ratioRows: string[][] = [];
	if (baseline && create) ratioRows.push(['(a)/(b)', ratio(baseline.wallMs / create.wallMs), ratio(baseline.requests.total / create.requests.total)]);
	if (baseline && bulk) ratioRows.push(['(a)/(c)', ratio(baseline.wallMs / bulk.wallMs), ratio(baseline.requests.total / bulk.requests.total)]);
	sections.push(
		[
			`### Onboarding ${int(settings.onboardUsers)} target users`,
			'',
			'Each scenario starts with a fresh credential (no token) and writes into its own empty customer company; afterwards the sandbox store is checked for exactly the expected users (e-mails compared lower-cased).',
			'',
			table(['Scenario', 'Requests sent', 'Token requests', 'Wall time', 'Client CPU', 'Users in Keepnet afterwards'], onboardingRows, ['l', 'r', 'r', 'r', 'r', 'l']),
			'',
			table(['Ratio', 'Wall time', 'Requests sent'], ratioRows, ['l', 'r', 'r']),
			'',
			bulk ? `Requests of the import (c): ${importBreakdown(bulk)}.` : '',
		].join('\n'),
	);
	if (baseline && create) {
		const value = baseline.wallMs / create.wallMs;
		checks.push({ target: 'Onboarding speed-up of Create over the sequential loop, (a)/(b)', required: `≥ ${TARGET_CREATE_SPEEDUP}×`, measured: `${ratio(value)} (${seconds(baseline.wallMs)} vs ${seconds(create.wallMs)})`, pass: !create.error && !baseline.error && value >= TARGET_CREATE_SPEEDUP });
	}
	if (baseline && bulk) {
		const value = baseline.wallMs / bulk.wallMs;
		checks.push({ target: 'Onboarding speed-up of Import over the sequential loop, (a)/(c)', required: `≥ ${TARGET_IMPORT_SPEEDUP}×`, measured: `${ratio(value)} (${seconds(baseline.wallMs)} vs ${seconds(bulk.wallMs)})`, pass: !bulk.error && !baseline.error && value >= TARGET_IMPORT_SPEEDUP });
	}
	for (const result of [baseline, create, bulk]) {
		if (!result) continue;
		checks.push({ target: `Every user exactly once after ${result.name.slice(0, 3)}`, required: `${int(settings.onboardUsers)} users, none lost or duplicated`, measured: result.error ? `scenario failed: ${result.error}` : verificationText(result), pass: !result.error && result.verification?.ok === true });
	}

	// Return All
	const minimumSearches = Math.ceil(settings.listUsers / NODE_PAGE_SIZE);
	const listBaseline = primary.listing.baseline;
	const listNode = primary.listing.node;
	const listRows = [listBaseline, listNode]
		.map((result) => scenarioRow(result, (r) => [int(searchRequests(r)), int(r.requests.total), tokenText(r), seconds(r.wallMs), seconds(r.clientCpuMs), r.outcome], 7))
		.filter((row): row is string[] => row !== undefined);
	sections.push(
		[
			`### Return All over ${int(settings.listUsers)} target users`,
			'',
			table(['Scenario', 'Search requests', 'Requests sent', 'Token requests', 'Wall time', 'Client CPU', 'Returned'], listRows, ['l', 'r', 'r', 'r', 'r', 'r', 'l']),
			'',
			listBaseline && listNode ? `Baseline ÷ node: wall time ${ratio(listBaseline.wallMs / listNode.wallMs)}, requests ${ratio(listBaseline.requests.total / listNode.requests.total)}.` : '',
		].join('\n'),
	);
	if (listNode) {
		const searches = searchRequests(listNode);
		checks.push({
			target: 'Return All: search requests within 2 of the minimum',
			required: `≤ ${minimumSearches + RETURN_ALL_SLACK} (minimum ceil(${int(settings.listUsers)}/${NODE_PAGE_SIZE}) = ${minimumSearches})`,
			measured: `${searches}${listNode.error ? `; ${listNode.error}` : ''}`,
			pass: !listNode.error && searches >= 1 && searches <= minimumSearches + RETURN_ALL_SLACK,
		});
	}
	if (listBaseline?.error) checks.push({ target: 'Return All baseline returned every user', required: `${int(settings.listUsers)}`, measured: listBaseline.error, pass: false });

	// Export memory
	if (exported) {
		const m = exported.measurement;
		const rows = m
			? [[
					int(exported.users),
					mebibytes(m.fileSizeBytes),
					mebibytes(m.rssBeforeBytes),
					mebibytes(m.peakRssBytes),
					mebibytes(m.peakRssBytes - m.rssBeforeBytes),
					ratio((m.peakRssBytes - m.rssBeforeBytes) / m.fileSizeBytes),
					mebibytes(m.peakHeapAndExternalBytes - m.heapAndExternalBeforeBytes),
					seconds(m.wallMs),
				]]
			: [[int(exported.users), '—', '—', '—', '—', '—', '—', `FAILED: ${exported.error ?? 'no measurement'}`]];
		sections.push(
			[
				`### Peak memory: Target User → Export (CSV) of ${int(exported.users)} target users`,
				'',
				`Measured in a process whose only job is the export (pid ${exported.workerPid}); the sandbox runs in another (pid ${exported.sandboxPid}). The worker first exports a 25-user company (loads n8n and the node, fetches the token), collects garbage, then exports the big company while sampling memory.`,
				'',
				table(['Users', 'File size', 'RSS before', 'Peak RSS', 'Peak RSS increase', 'Increase ÷ file size', 'Heap + external increase (peak)', 'Export wall time'], rows, ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
				'',
				m
					? `Peak from ${m.peakSource}. CSV rows checked: ${int(m.csvRows)}. The file is held ${m.binaryStorage}; n8n instances in "filesystem" mode write it to disk instead, so this is the in-memory upper bound. Requests of the worker: ${int(exported.requests.total)} (token requests: ${tokenText(exported)}).`
					: '',
			].join('\n'),
		);
		if (exported.error) checks.push({ target: 'Export produced every user', required: `${int(exported.users)} CSV rows`, measured: exported.error, pass: false });
	}

	// One token per scenario
	const tokenScenarios: Array<[string, { requests: { token: number }; tokensIssued: number } | undefined]> = [
		['(a)', baseline],
		['(b)', create],
		['(c)', bulk],
		['Return All baseline', listBaseline],
		['Return All node', listNode],
		['export worker', exported?.measurement ? exported : undefined],
		...(other ? ([
			[`(b) ${other.placement}`, other.onboarding.create],
			[`(c) ${other.placement}`, other.onboarding.import],
			[`Return All node ${other.placement}`, other.listing.node],
		] as Array<[string, ScenarioResult | undefined]>) : []),
	];
	const measuredTokens = tokenScenarios.filter(([, result]) => result !== undefined) as Array<[string, { requests: { token: number }; tokensIssued: number }]>;
	checks.push({
		target: 'Exactly one token request per scenario (fresh credential each)',
		required: '1 each',
		measured: measuredTokens.map(([name, result]) => `${name}: ${tokenText(result)}`).join('; '),
		pass: measuredTokens.every(([, result]) => result.requests.token === 1 && result.tokensIssued === 1),
	});

	// Where the time goes
	const timelineRows: string[][] = [];
	for (const [result, items] of [
		[baseline, settings.onboardUsers],
		[create, settings.onboardUsers],
		[bulk, settings.onboardUsers],
		[listBaseline, settings.listUsers],
		[listNode, settings.listUsers],
	] as Array<[ScenarioResult | undefined, number]>) {
		if (result) timelineRows.push(timelineRow(result, items));
	}
	sections.push(
		[
			'### Where the time goes',
			'',
			'From the sandbox\'s own arrival and answer times: "before the first request" is client-side work before anything is sent (for the node: n8n resolving every item\'s parameters, which the node does for all items before the first request, and building the request or file); the request window runs from the first arrival to the last answer; requests in flight = summed sandbox time ÷ window.',
			'',
			table(['Scenario', 'Before the first request', 'Request window', 'After the last answer', 'Sandbox time per request (latency included)', 'Requests in flight (mean)', 'Client CPU per user (onboarded or listed)'], timelineRows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']),
		].join('\n'),
	);

	// Placement
	const placementText =
		primary.placement === 'child'
			? 'The timed scenarios above ran with the sandbox in a child process, so its CPU work (routing, JSON, the store) runs on the second core, as the real Keepnet API runs on its own servers, and is not billed to the process that runs the node. "Client CPU" is the CPU time of the benchmark process alone.'
			: 'The timed scenarios above ran with the sandbox inside the benchmark process, so its CPU work shares the event loop with the node.';
	const placementSection = ['### Where the sandbox runs', '', placementText];
	if (other) {
		const pairs: Array<[string, ScenarioResult | undefined, ScenarioResult | undefined]> = [
			['(b) Create', create, other.onboarding.create],
			['(c) Import', bulk, other.onboarding.import],
			['Return All node', listNode, other.listing.node],
		];
		placementSection.push(
			'',
			`For comparison the node scenarios were run again with the sandbox ${other.placement === 'child' ? 'in a child process' : 'in the benchmark process'} (fresh sandbox, same data; the baselines are not repeated: they wait on one request at a time, so where the sandbox's CPU time is spent barely changes them):`,
			'',
			table(
				['Scenario', `Wall time, sandbox ${primary.placement}`, `Wall time, sandbox ${other.placement}`, `Client CPU, sandbox ${primary.placement}`, `Client CPU, sandbox ${other.placement}`, `Correct (${other.placement})`],
				pairs
					.filter(([, first, second]) => first && second)
					.map(([name, first, second]) => [
						name,
						seconds((first as ScenarioResult).wallMs),
						seconds((second as ScenarioResult).wallMs),
						seconds((first as ScenarioResult).clientCpuMs),
						seconds((second as ScenarioResult).clientCpuMs),
						(second as ScenarioResult).error ? `no: ${(second as ScenarioResult).error}` : (second as ScenarioResult).verification ? ((second as ScenarioResult).verification?.ok ? 'yes' : `no: ${verificationText(second as ScenarioResult)}`) : 'yes',
					]),
				['l', 'r', 'r', 'r', 'r', 'l'],
			),
		);
		for (const [name, , second] of pairs) {
			if (second && (second.error || (second.verification && !second.verification.ok))) {
				checks.push({ target: `${name} with the sandbox ${other.placement}: correct result`, required: 'every user exactly once', measured: second.error ?? verificationText(second), pass: false });
			}
		}
	}
	sections.push(placementSection.join('\n'));

	sections.push(['### Targets', '', table(['Target', 'Required', 'Measured', 'Result'], checks.map((check) => [check.target, check.required, check.measured, check.pass ? 'PASS' : 'FAIL']))].join('\n'));
	return { markdown: `${sections.join('\n\n')}\n`, checks };
}

async function main(): Promise<void> {
	const settings = parseArgs(process.argv.slice(2));
	const startedAt = performance.now();
	const loadAtStart = loadavg();
	const otherPlacement: Placement = settings.placement === 'child' ? 'in-process' : 'child';

	const primary = await runPass(settings, settings.placement, true);
	const other = settings.compare ? await runPass(settings, otherPlacement, false) : undefined;
	let exported: ExportResult | undefined;
	if (settings.runExport) {
		log(`export memory: seeding ${int(settings.exportUsers)} users in a sandbox process, exporting in a worker process`);
		exported = await measureExport(settings.exportUsers, settings.latencyMs, settings.seed);
		log(`  ${exported.measurement ? `${mebibytes(exported.measurement.fileSizeBytes)} file, peak RSS ${mebibytes(exported.measurement.peakRssBytes)}` : `ERROR ${exported.error}`}`);
	}

	const { markdown, checks } = buildReport(settings, primary, other, exported, { start: loadAtStart, end: loadavg() });
	const totalText = `Total benchmark run time: ${seconds(performance.now() - startedAt)}.`;
	const report = `${markdown}\n${totalText}\n`;
	process.stdout.write(`\n${report}`);
	if (settings.write) {
		const directory = resolve(__dirname, 'results');
		mkdirSync(directory, { recursive: true });
		writeFileSync(resolve(directory, 'harness-latest.md'), report);
		log(`written to ${resolve(directory, 'harness-latest.md')}`);
	}
	const failed = checks.filter((check) => !check.pass);
	if (failed.length > 0) {
		process.stderr.write(`\nBENCHMARK FAILED: ${failed.length} target(s) missed:\n${failed.map((check) => `  - ${check.target}: required ${check.required}, measured ${check.measured}`).join('\n')}\n`);
		process.exit(1);
	}
	process.stderr.write('\nAll benchmark targets met.\n');
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`Benchmark crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
