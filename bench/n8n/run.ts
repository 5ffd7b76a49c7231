/**
 * `npm run bench` — the Keepnet node against the HTTP Request node a user would build, side by side in one run of
 * a REAL n8n (the one `npm start` installs), this package installed into it as a community package, against the
 * Keepnet sandbox with latency (in a child process, as a remote API would be).
 *
 * For each size N (default 1,000 and 10,000) and with the sandbox's rate limit off and on:
 *   HTTP Request (default options, n8n's generic OAuth2 client-credentials credential), HTTP Request with Batching,
 *   Keepnet Target User → Create, → Create or Update (default: new users through the bulk import), the same two
 *   with Create New Users in Bulk off (one request per user), → Import (Bulk), each writing N users into its own
 *   empty company; and Return All of N users: HTTP Request's own pagination (1,000 a page) vs Keepnet Get Many.
 * Every workflow runs with `n8n execute`; node time is the node's `executionTime` from n8n's run data; requests,
 * tokens, 429s and peak in flight come from the sandbox's request log; afterwards the company's users are checked
 * (missing, duplicated). Every scenario has its own fresh credential (no token carried over).
 * Prints a markdown report (also bench/results/latest.md) and exits 1 if a Keepnet scenario lost or duplicated a
 * user or failed.
 *
 *   --sizes 1000,10000    user counts          --latency 50      ms added to every sandbox request
 *   --rate 100 --in-flight 10                 the sandbox's per-client limit when on (requests/s, max in flight)
 *   --limit off,on        which limit settings to run      --only-limit-size n   run "limit on" only for this size
 *   --skip-build          use dist/ as it is   --no-write  do not write bench/results/latest.md
 *   --kinds httpDefault,keepnetCreate   run only these scenarios (names as in the log lines)
 *   Sync (1% of N changing: 0.4% changed department, 0.3% joiners, 0.3% leavers): Target User → Sync, the same Sync
 *   run again on the result (nothing to write), and the Compare Datasets workflow a user builds without it (Get Many,
 *   Compare Datasets, Create / Update / Update with Active off), each on its own company seeded with N users.
 *   --profile keepnetCreate,httpDefault   CPU profiles of those scenarios' `n8n execute` (bench/results/profiles/,
 *                         summarised with `node bench/n8n/profile-summary.js <file.cpuprofile>`)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { KEEPNET_CREDENTIAL_TYPE } from '../../scripts/n8n/lib/examples';
import { N8nInstance, type CredentialToImport, type WorkflowFile, type WorkflowRun } from '../../scripts/n8n/lib/instance';
import { packProject } from '../../scripts/n8n/lib/package';
import { findFreePort } from '../../scripts/n8n/lib/ports';
import { PROJECT_ROOT, ensureN8nRuntime } from '../../scripts/n8n/lib/runtime';
import type { RateLimitKnobs } from '../../test/sandbox';
import { generateUsers, type BenchUser } from '../data';
import { forEachFlag, nonNegativeNumber } from '../args';
import { int, mebibytes, ratio, seconds, table } from '../format';
import { startChildSandbox, type BenchSandbox } from '../sandbox-control';
import type { RequestTally } from '../sandbox-ops';
import { MEASURED_NODE, SYNC_MEASURED_NODES, listWorkflow, syncWorkflow, writeWorkflow, type Batching, type ListKind, type SyncKind, type SyncRow, type WriteKind } from './workflows';

interface Settings {
	sizes: number[];
	latencyMs: number;
	limit: RateLimitKnobs;
	limitModes: Array<'off' | 'on'>;
	onlyLimitSize: number | undefined;
	build: boolean;
	write: boolean;
	seed: number;
	/** Scenario kinds whose `n8n execute` runs with Node's CPU profiler (profiles land in bench/results/profiles). */
	profile: string[];
	/** Only these scenario kinds (default all). */
	kinds: string[] | undefined;
}

function parseArgs(argv: string[]): Settings {
	const settings: Settings = {
		sizes: [1000, 10_000],
		latencyMs: 50,
		limit: { requestsPerSecond: 100, maxInFlight: 10 },
		limitModes: ['off', 'on'],
		onlyLimitSize: undefined,
		build: true,
		write: true,
		seed: 20240601,
		profile: [],
		kinds: undefined,
	};
	forEachFlag(argv, ({ flag, value, number }) => {
		switch (flag) {
			case '--sizes': settings.sizes = (value() ?? '').split(',').map((size) => nonNegativeNumber('--sizes', size)); break;
			case '--latency': settings.latencyMs = number(); break;
			case '--rate': settings.limit.requestsPerSecond = number(); break;
			case '--in-flight': settings.limit.maxInFlight = number(); break;
			case '--limit': settings.limitModes = (value() ?? '').split(',').filter((mode): mode is 'off' | 'on' => mode === 'off' || mode === 'on'); break;
			case '--only-limit-size': settings.onlyLimitSize = number(); break;
			case '--skip-build': settings.build = false; break;
			case '--no-write': settings.write = false; break;
			case '--seed': settings.seed = number(); break;
			case '--kinds': settings.kinds = (value() ?? '').split(','); break;
			case '--profile': settings.profile = (value() ?? '').split(','); break;
			default: throw new Error(`Unknown argument ${flag} (see the comment at the top of bench/n8n/run.ts)`);
		}
	});
	return settings;
}

const log = (line: string): void => {
	process.stderr.write(`[bench] ${line}\n`);
};

const WRITE_KINDS: WriteKind[] = ['httpDefault', 'httpBatching', 'keepnetCreate', 'keepnetUpsert', 'keepnetCreateEach', 'keepnetUpsertEach', 'keepnetImport'];
const LIST_KINDS: ListKind[] = ['httpPagination', 'keepnetGetMany'];
const SYNC_KINDS: SyncKind[] = ['compareDatasets', 'keepnetSync', 'keepnetSyncRerun'];
type Kind = WriteKind | ListKind | SyncKind;
const isSync = (kind: Kind): kind is SyncKind => (SYNC_KINDS as string[]).includes(kind);
const LABEL: Record<Kind, string> = {
	compareDatasets: 'Keepnet Get Many → Compare Datasets → Create / Update / Update (Active off), the workflow without Sync',
	keepnetSync: 'Keepnet Target User → Sync, default (leavers deactivated)',
	keepnetSyncRerun: 'Keepnet Target User → Sync again with the same list (nothing to write)',
	httpDefault: 'HTTP Request, default options, generic OAuth2 credential',
	httpBatching: 'HTTP Request, Batching',
	keepnetCreate: 'Keepnet Target User → Create, default',
	keepnetUpsert: 'Keepnet Target User → Create or Update, default',
	keepnetCreateEach: 'Keepnet Target User → Create, one request per user (Create New Users in Bulk off)',
	keepnetUpsertEach: 'Keepnet Target User → Create or Update, one request per user (bulk off)',
	keepnetImport: 'Keepnet Target User → Import (Bulk), default',
	httpPagination: 'HTTP Request, its own pagination, 1,000 a page',
	keepnetGetMany: 'Keepnet Target User → Get Many, Return All',
};
const isKeepnet = (kind: Kind): boolean => kind.startsWith('keepnet') || kind === 'compareDatasets';

/** What a sync scenario's list asks for, to check the outcome against. */
interface SyncExpectation {
	changed: number;
	joiners: number;
	leavers: number;
}

interface Scenario {
	key: string;
	kind: Kind;
	sync?: SyncExpectation;
	size: number;
	limited: boolean;
	companyId: string;
	/** Users the company must hold afterwards (write scenarios), or the count Return All must return. */
	expectedEmails?: string[];
	expectedCount: number;
	workflow: WorkflowFile;
}

interface Measurement {
	scenario: Scenario;
	nodeMs: number | undefined;
	wallMs: number;
	status: string;
	error?: string;
	tally: RequestTally;
	itemsOut: number;
	/** Sum of `results` over HTTP Request's page responses (Return All), or Get Many's items. */
	usersReturned?: number;
	missing?: number;
	duplicated?: number;
	extra?: number;
	peakRssBytes: number;
	/** From the node's start to the first request reaching the sandbox (parameter resolution and checks). */
	firstRequestAfterMs: number | undefined;
	/** Sync scenarios: what the run reports it did (Sync's summary, or the items out of each write node). */
	syncOutcome?: string;
	syncOk?: boolean;
}

interface NodeRunWithTiming {
	executionTime?: number;
	startTime?: number;
	executionStatus?: string;
	error?: { message: string };
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

/** Peak resident memory of every process of a group (n8n and its task runner), polled while it runs. */
function watchPeakMemory(): { onSpawn(pid: number): void; stop(): number } {
	let group: number | undefined;
	let peak = 0;
	const sample = () => {
		if (group === undefined) return;
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				// Field 5 (process group) comes after the parenthesised command name.
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				if (Number(fields[2]) !== group) continue;
				const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
				if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
			} catch {
				// The process has just exited.
			}
		}
	};
	const timer = setInterval(sample, 250);
	return {
		onSpawn: (pid) => (group = pid),
		stop: () => {
			sample();
			clearInterval(timer);
			return peak;
		},
	};
}

function oauth2Credential(id: string, sandbox: BenchSandbox): CredentialToImport {
	return {
		id,
		name: id,
		type: 'oAuth2Api',
		data: {
			grantType: 'clientCredentials',
			accessTokenUrl: `${sandbox.url}/connect/token`,
			clientId: sandbox.reseller.clientId,
			clientSecret: sandbox.reseller.clientSecret,
			scope: 'api1',
			authentication: 'body',
		},
	};
}

function keepnetCredential(id: string, sandbox: BenchSandbox): CredentialToImport {
	return { id, name: id, type: KEEPNET_CREDENTIAL_TYPE, data: { baseUrl: sandbox.url, clientId: sandbox.reseller.clientId, clientSecret: sandbox.reseller.clientSecret } };
}

function buildPackage(): void {
	log('building the package (npm run build)');
	const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0) throw new Error(`npm run build failed (exit ${String(result.status)})`);
}

function batchingFor(limit: RateLimitKnobs): Batching {
	// What a user who read the published limit would set: a batch of the allowed in-flight size, spaced to the rate.
	const batchSize = Math.max(1, limit.maxInFlight);
	return { batchSize, batchIntervalMs: Math.ceil((1000 * batchSize) / Math.max(1, limit.requestsPerSecond)) };
}

function checkUsers(expected: string[], live: string[]): { missing: number; duplicated: number; extra: number } {
	const counts = new Map<string, number>();
	for (const email of live) counts.set(email, (counts.get(email) ?? 0) + 1);
	const wanted = new Set(expected.map((email) => email.toLowerCase()));
	let missing = 0;
	let duplicated = 0;
	for (const email of wanted) {
		const count = counts.get(email) ?? 0;
		if (count === 0) missing++;
		if (count > 1) duplicated += count - 1;
	}
	const extra = [...counts.keys()].filter((email) => !wanted.has(email)).length;
	return { missing, duplicated, extra };
}

/**
 * The HR list of a sync scenario: the company's N seeded people (generated again from the same seed), of whom 0.4%
 * changed department, 0.3% left (not in the list), plus 0.3% joiners. Every number is rounded down, at least 1.
 */
function syncList(size: number, domain: string, seed: number): { rows: SyncRow[]; expectation: SyncExpectation; expectedEmails: string[] } {
	const people = generateUsers(size, domain, seed + 7);
	const share = (per10k: number) => Math.max(1, Math.floor((size * per10k) / 10_000));
	const expectation = { changed: share(40), leavers: share(30), joiners: share(30) };
	const row = (user: BenchUser): SyncRow => ({ email: user.email, firstName: user.firstName, lastName: user.lastName, phoneNumber: user.phoneNumber, department: user.department });
	const rows = people.slice(expectation.leavers).map(row);
	for (let index = 0; index < expectation.changed; index++) rows[index].department = `${rows[index].department} (moved)`;
	const joiners = generateUsers(expectation.joiners, domain, seed + 8).map((user, index) => ({ ...row(user), email: `joiner.${index}.${user.email}` }));
	rows.push(...joiners);
	return { rows, expectation, expectedEmails: [...people.map((user) => user.email), ...joiners.map((user) => user.email)] };
}

/** What a sync workflow reports it did, checked against what its list asks for. */
function syncOutcomeOf(scenario: Scenario, runData: Record<string, NodeRunWithTiming[] | undefined>): { syncOutcome: string; syncOk: boolean } {
	const wanted = scenario.sync as SyncExpectation;
	const itemsOf = (name: string) => runData[name]?.[0]?.data?.main?.[0] ?? [];
	let done: SyncExpectation;
	if (scenario.kind === 'compareDatasets') {
		const succeeded = (name: string) => itemsOf(name).filter((item) => item.json.error === undefined).length;
		done = { joiners: succeeded('Create Joiners'), changed: succeeded('Update Changed'), leavers: succeeded('Deactivate Leavers') };
	} else {
		const summary = itemsOf(MEASURED_NODE).find((item) => item.json.summary === true)?.json as { people?: Record<string, number>; leavers?: Record<string, number> } | undefined;
		done = { joiners: summary?.people?.created ?? 0, changed: summary?.people?.updated ?? 0, leavers: summary?.leavers?.deactivated ?? 0 };
	}
	return {
		syncOutcome: `${int(done.joiners)} created, ${int(done.changed)} updated, ${int(done.leavers)} deactivated`,
		syncOk: done.joiners === wanted.joiners && done.changed === wanted.changed && done.leavers === wanted.leavers,
	};
}

async function main(): Promise<void> {
	const settings = parseArgs(process.argv.slice(2));
	const startedAt = Date.now();
	const loadBefore = os.loadavg();
	if (settings.build) buildPackage();
	const runtime = ensureN8nRuntime();
	log(`n8n ${runtime.version}`);

	// Companies: 0–2 keep the seed's users; then one empty company per write scenario and one list company per size.
	const plan: Array<{ size: number; limited: boolean }> = [];
	for (const size of settings.sizes) {
		for (const mode of settings.limitModes) {
			if (mode === 'on' && settings.onlyLimitSize !== undefined && settings.onlyLimitSize !== size) continue;
			plan.push({ size, limited: mode === 'on' });
		}
	}
	const companyCount = 3 + plan.length * (WRITE_KINDS.length + 1 + 2);
	const sandbox = await startChildSandbox({
		latencyMs: settings.latencyMs,
		recordRequests: true,
		maxRecordedRequests: 400_000,
		seed: { randomSeed: settings.seed, customerCount: companyCount, targetUserCounts: Array.from({ length: companyCount }, (_, index) => (index < 3 ? 25 : 0)) },
	});
	const userFolder = await mkdtemp(path.join(os.tmpdir(), 'keepnet-bench-n8n-'));
	const instance = new N8nInstance({ runtime, userFolder, port: await findFreePort(), brokerPort: await findFreePort() });
	const measurements: Measurement[] = [];
	try {
		await instance.prepareUserFolder();
		const packed = await packProject(path.join(userFolder, 'package-tarball'));
		await instance.installCommunityPackage(packed.tarballPath, packed.name);

		const scenarios: Scenario[] = [];
		const credentials: CredentialToImport[] = [];
		let nextCompany = 3;
		for (const { size, limited } of plan) {
			for (const kind of WRITE_KINDS.filter((candidate) => settings.kinds?.includes(candidate) ?? true)) {
				const companyId = sandbox.ids.customerCompanyIds[nextCompany++];
				await sandbox.licenseSeats(companyId, size * 2);
				const users: BenchUser[] = generateUsers(size, await sandbox.companyDomain(companyId), settings.seed + nextCompany);
				const key = `${kind}-${size}-${limited ? 'limited' : 'free'}`;
				const credential = { id: `cred${scenarios.length.toString().padStart(12, '0')}`.slice(-16), name: key };
				credentials.push(kind.startsWith('http') ? oauth2Credential(credential.id, sandbox) : keepnetCredential(credential.id, sandbox));
				credentials[credentials.length - 1].name = key;
				const workflow = writeWorkflow(`wf${scenarios.length.toString().padStart(14, '0')}`, kind, { baseUrl: sandbox.url, companyId, users, credential, batching: batchingFor(settings.limit) });
				scenarios.push({ key, kind, size, limited, companyId, expectedEmails: users.map((user) => user.email), expectedCount: size, workflow });
			}
			const listCompany = sandbox.ids.customerCompanyIds[nextCompany++];
			await sandbox.seedUsers({ companyId: listCompany, count: size, randomSeed: settings.seed });
			for (const kind of LIST_KINDS.filter((candidate) => settings.kinds?.includes(candidate) ?? true)) {
				const key = `${kind}-${size}-${limited ? 'limited' : 'free'}`;
				const credential = { id: `cred${scenarios.length.toString().padStart(12, '0')}`.slice(-16), name: key };
				credentials.push({ ...(kind === 'httpPagination' ? oauth2Credential(credential.id, sandbox) : keepnetCredential(credential.id, sandbox)), name: key });
				const workflow = listWorkflow(`wf${scenarios.length.toString().padStart(14, '0')}`, kind, { baseUrl: sandbox.url, companyId: listCompany, credential, pageSize: 1000 });
				scenarios.push({ key, kind, size, limited, companyId: listCompany, expectedCount: size, workflow });
			}
			const syncKinds = SYNC_KINDS.filter((candidate) => settings.kinds?.includes(candidate) ?? true);
			if (syncKinds.length === 0) continue;
			// Sync and its rerun share one company; the Compare Datasets workflow gets its own, seeded the same.
			const syncCompanies = { keepnet: sandbox.ids.customerCompanyIds[nextCompany++], compare: sandbox.ids.customerCompanyIds[nextCompany++] };
			for (const kind of syncKinds) {
				const companyId = kind === 'compareDatasets' ? syncCompanies.compare : syncCompanies.keepnet;
				if (kind !== 'keepnetSyncRerun') await sandbox.seedUsers({ companyId, count: size, randomSeed: settings.seed + 7 });
				const { rows, expectation, expectedEmails } = syncList(size, await sandbox.companyDomain(companyId), settings.seed);
				const key = `${kind}-${size}-${limited ? 'limited' : 'free'}`;
				const credential = { id: `cred${scenarios.length.toString().padStart(12, '0')}`.slice(-16), name: key };
				credentials.push({ ...keepnetCredential(credential.id, sandbox), name: key });
				const workflow = syncWorkflow(`wf${scenarios.length.toString().padStart(14, '0')}`, kind, { companyId, rows, credential });
				const sync = kind === 'keepnetSyncRerun' ? { changed: 0, joiners: 0, leavers: 0 } : expectation;
				scenarios.push({ key, kind, size, limited, companyId, expectedEmails, expectedCount: size, workflow, sync });
			}
		}
		log(`importing ${credentials.length} credentials and ${scenarios.length} workflows`);
		await instance.importCredentials(credentials);
		await instance.importWorkflows(scenarios.map((scenario) => scenario.workflow));

		for (const scenario of scenarios) {
			await sandbox.setRateLimit(scenario.limited ? settings.limit : null);
			await sandbox.clearRequests();
			const memory = watchPeakMemory();
			log(`${scenario.key}: running`);
			const profileDir = path.join(PROJECT_ROOT, 'bench', 'results', 'profiles', scenario.key);
			const env = settings.profile.includes(scenario.kind) ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : undefined;
			const execution = await instance.executeWorkflow(scenario.workflow.id, 30 * 60_000, {
				onSpawn: memory.onSpawn,
				env,
				// The run of 10,000 items is megabytes of JSON: through a file, so none of it is cut off.
				stdoutFile: path.join(userFolder, 'execute-stdout.json'),
			});
			const peakRssBytes = memory.stop();
			const tally = await sandbox.tallyRequests();
			const run: WorkflowRun | undefined = execution.run;
			const runData = (run?.data.resultData.runData ?? {}) as Record<string, NodeRunWithTiming[] | undefined>;
			const nodeRun = runData[isSync(scenario.kind) && scenario.kind === 'compareDatasets' ? 'Get Many' : MEASURED_NODE]?.[0];
			const items = nodeRun?.data?.main?.[0] ?? [];
			const nodeTimes = isSync(scenario.kind) ? SYNC_MEASURED_NODES[scenario.kind].map((name) => runData[name]?.[0]?.executionTime) : [nodeRun?.executionTime];
			const measurement: Measurement = {
				scenario,
				// A sync workflow's node time adds up every node that does the job (a node that got no items did not run: 0).
				nodeMs: nodeTimes.every((time) => time === undefined) ? undefined : nodeTimes.reduce<number>((sum, time) => sum + (time ?? 0), 0),
				wallMs: execution.cli.durationMs,
				status: run?.status ?? `no run (exit ${String(execution.cli.exitCode)})`,
				error: nodeRun?.error?.message ?? run?.data.resultData.error?.message ?? (run ? undefined : execution.cli.stderr.split('\n').slice(-5).join(' ')),
				tally,
				itemsOut: items.length,
				peakRssBytes,
				firstRequestAfterMs: nodeRun?.startTime !== undefined && tally.firstArrivalMs > 0 ? tally.firstArrivalMs - nodeRun.startTime : undefined,
			};
			if (scenario.sync) Object.assign(measurement, syncOutcomeOf(scenario, runData));
			if (scenario.expectedEmails) {
				Object.assign(measurement, checkUsers(scenario.expectedEmails, (await sandbox.companyUsers(scenario.companyId)).liveEmails));
			} else {
				measurement.usersReturned =
					scenario.kind === 'httpPagination'
						? items.reduce((sum, item) => sum + (((item.json.data as { results?: unknown[] } | undefined)?.results ?? []).length), 0)
						: items.length;
			}
			measurements.push(measurement);
			log(
				`${scenario.key}: node ${measurement.nodeMs === undefined ? '?' : seconds(measurement.nodeMs)}, wall ${seconds(measurement.wallMs)}, ${tally.total} requests, ${tally.token} tokens, ${tally.byStatus['429'] ?? 0}× 429, ${measurement.status}${measurement.error ? ` (${measurement.error})` : ''}`,
			);
		}
	} finally {
		await sandbox.close();
		await rm(userFolder, { recursive: true, force: true });
	}

	const report = render(settings, runtime.version, measurements, loadBefore, os.loadavg(), Date.now() - startedAt);
	process.stdout.write(`${report}\n`);
	if (settings.write) {
		const dir = path.join(PROJECT_ROOT, 'bench', 'results');
		mkdirSync(dir, { recursive: true });
		writeFileSync(path.join(dir, 'latest.md'), `${report}\n`);
		log('report written to bench/results/latest.md');
	}
	const failures = measurements.filter(
		(m) => isKeepnet(m.scenario.kind) && (m.status !== 'success' || m.syncOk === false || (m.missing ?? 0) > 0 || (m.duplicated ?? 0) > 0 || (m.usersReturned !== undefined && m.usersReturned !== m.scenario.expectedCount)),
	);
	for (const failure of failures) log(`FAILED: ${failure.scenario.key}: ${failure.status}, missing ${failure.missing ?? 0}, duplicated ${failure.duplicated ?? 0}${failure.error ? `, ${failure.error}` : ''}`);
	process.exit(failures.length > 0 ? 1 : 0);
}

function render(settings: Settings, n8nVersion: string, measurements: Measurement[], loadBefore: number[], loadAfter: number[], totalMs: number): string {
	const cpu = os.cpus();
	const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
	const lines: string[] = [
		'# Benchmark: Keepnet node vs the HTTP Request node, in a real n8n',
		'',
		`n8n ${n8nVersion} (\`n8n execute\`), Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${mebibytes(os.totalmem())} RAM; ` +
			`load average ${load(loadBefore)} at the start, ${load(loadAfter)} at the end (the machine was shared). ` +
			`Sandbox in a child process, ${settings.latencyMs} ms latency per request. Rate limit when on: ${settings.limit.requestsPerSecond} requests/s per client ` +
			`(bucket of ${settings.limit.burst ?? settings.limit.requestsPerSecond}), at most ${settings.limit.maxInFlight} in flight, 429 + Retry-After beyond (Keepnet publishes no limits; these are chosen to bind). ` +
			`HTTP Request Batching: ${batchingFor(settings.limit).batchSize} items every ${batchingFor(settings.limit).batchIntervalMs} ms. Total ${seconds(totalMs)}.`,
		'',
		'Node time = the node\'s `executionTime` in n8n\'s run data; wall = the whole `n8n execute` (n8n start-up included). Requests, tokens, 429s and peak in flight from the sandbox\'s log; "first request after" = from the node\'s start (run data) to the first request reaching the sandbox. Each scenario has a fresh credential and its own empty company.',
	];
	const groups = new Map<string, Measurement[]>();
	for (const measurement of measurements) {
		const key = `${measurement.scenario.size}|${measurement.scenario.limited}`;
		groups.set(key, [...(groups.get(key) ?? []), measurement]);
	}
	for (const group of groups.values()) {
		const { size, limited } = group[0].scenario;
		const minimumMs = limited && settings.limit.requestsPerSecond > 0 ? (size / settings.limit.requestsPerSecond) * 1000 : undefined;
		lines.push('', `## ${int(size)} users, rate limit ${limited ? 'on' : 'off'}${minimumMs ? ` (minimum time for ${int(size)} requests: ${seconds(minimumMs)})` : ''}`, '');
		const baseline = group.find((m) => m.scenario.kind === 'httpDefault');
		const listBaseline = group.find((m) => m.scenario.kind === 'httpPagination');
		const syncBaseline = group.find((m) => m.scenario.kind === 'compareDatasets');
		const rows = group.map((m) => {
			const reference = isSync(m.scenario.kind) ? syncBaseline : m.scenario.kind in { httpPagination: 1, keepnetGetMany: 1 } ? listBaseline : baseline;
			const speedUp = m.nodeMs !== undefined && reference?.nodeMs !== undefined ? ratio(reference.nodeMs / m.nodeMs) : 'n/a';
			const users =
				m.scenario.expectedEmails !== undefined
					? `${int(m.scenario.size - (m.missing ?? 0))}${m.missing ? `, **${int(m.missing)} missing**` : ''}${m.duplicated ? `, **${int(m.duplicated)} duplicated**` : ''}`
					: `${int(m.usersReturned ?? 0)} returned`;
			return [
				LABEL[m.scenario.kind],
				m.nodeMs === undefined ? 'n/a' : seconds(m.nodeMs),
				speedUp,
				minimumMs && m.nodeMs !== undefined ? ratio(m.nodeMs / minimumMs) : '',
				seconds(m.wallMs),
				int(m.tally.total - m.tally.token),
				int(m.tally.token),
				int(m.tally.byStatus['429'] ?? 0),
				int(m.tally.peakInFlight),
				m.firstRequestAfterMs === undefined ? 'n/a' : seconds(m.firstRequestAfterMs),
				users,
				m.status === 'success' ? 'success' : `**${m.status}**${m.error ? `: ${m.error.slice(0, 80)}` : ''}`,
				mebibytes(m.peakRssBytes),
			];
		});
		lines.push(
			table(
				['scenario', 'node time', 'vs HTTP Request', minimumMs ? '÷ minimum' : '', 'wall', 'API requests', 'tokens', '429s', 'peak in flight', 'first request after', 'users afterwards', 'run', 'peak RSS (n8n)'],
				rows,
				['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l', 'r'],
			),
		);
		const syncRows = group.filter((m) => isSync(m.scenario.kind));
		if (syncRows.length > 0) {
			const route = (m: Measurement, name: string) => int(m.tally.byRoute[name] ?? 0);
			lines.push(
				'',
				`Sync of ${int(size)} users with 1% changing (${syncRows[0].scenario.sync ? `${syncRows.find((m) => m.scenario.kind !== 'keepnetSyncRerun')?.scenario.sync?.changed ?? 0} changed, ${syncRows.find((m) => m.scenario.kind !== 'keepnetSyncRerun')?.scenario.sync?.joiners ?? 0} joiners, ${syncRows.find((m) => m.scenario.kind !== 'keepnetSyncRerun')?.scenario.sync?.leavers ?? 0} leavers` : ''}); "vs HTTP Request" above is vs the Compare Datasets workflow for these rows. A company read costs ceil(users in the company / 1,000) search pages (the rerun reads the company after the joiners were added):`,
				'',
				table(
					['scenario', 'node time', 'API requests', 'company search pages', 'ceil(users / 1,000)', 'GET user', 'PUT user', 'POST user', 'outcome'],
					syncRows.map((m) => [
						LABEL[m.scenario.kind],
						m.nodeMs === undefined ? 'n/a' : seconds(m.nodeMs),
						int(m.tally.total - m.tally.token),
						route(m, 'POST /api/target-users/search'),
						int(Math.ceil((size + (m.scenario.kind === 'keepnetSyncRerun' ? (syncRows.find((other) => other.scenario.kind === 'keepnetSync')?.scenario.sync?.joiners ?? 0) : 0)) / 1000)),
						route(m, 'GET /api/target-users/{id}'),
						route(m, 'PUT /api/target-users/{id}'),
						route(m, 'POST /api/target-users'),
						`${m.syncOk ? '' : '**not as expected**: '}${m.syncOutcome ?? ''}`,
					]),
					['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
				),
			);
		}
	}
	return lines.join('\n');
}

main().catch((error: unknown) => {
	log(`crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	process.exit(1);
});
