/**
 * One isolated n8n instance: its own user folder (database, encryption key, community packages), its own ports,
 * driven through n8n's own CLI (import, execute) and REST API (owner set-up, login). Used by `npm start` and the
 * end-to-end tests so that both run n8n the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, createWriteStream, openSync, readFileSync, type WriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { N8nRuntime } from './runtime';

/**
 * Preloaded into every n8n CLI command (not into `n8n start` or workers): makes `n8n execute` dispose n8n's
 * isolated-vm expression pool before it exits, which n8n 2.x skips on that path and which otherwise kills about one
 * run in six with SIGSEGV after the run was printed (docs/compatibility.md). KEEPNET_N8N_EXIT_GUARD=0 leaves it out,
 * for measuring the crash itself (scripts/n8n/exit-crash-rate.ts).
 */
export const EXIT_GUARD_PRELOAD = path.join(__dirname, 'dispose-expression-engine-on-exit.cjs');

/** "exit 1", or "killed by SIGSEGV" when a signal ended the process. */
export function describeExit(result: Pick<CliResult, 'exitCode' | 'signal'>): string {
	return result.signal ? `killed by ${result.signal}` : `exit ${String(result.exitCode)}`;
}

export function exitGuardEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.KEEPNET_N8N_EXIT_GUARD !== '0';
}

export interface N8nInstanceOptions {
	runtime: N8nRuntime;
	/** N8N_USER_FOLDER: n8n keeps everything of this instance in `<userFolder>/.n8n`. */
	userFolder: string;
	/** Port of the editor and REST API (N8N_PORT). */
	port: number;
	/** Port of the task-runner broker n8n 2.x always starts (N8N_RUNNERS_BROKER_PORT); unused by n8n 1.x here. */
	brokerPort: number;
	/** Added to (and overriding) the environment below, e.g. queue mode's database and Redis settings. */
	extraEnvironment?: NodeJS.ProcessEnv;
	/** N8N_BINARY_DATA_STORAGE_PATH when it is not this instance's own (queue mode: one folder shared by all processes). */
	binaryDataFolder?: string;
}

export interface CliResult {
	/** Null when the process was ended by a signal (then `signal` says which). */
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

/** A credential as `n8n import:credentials` takes it: `data` in plain text, n8n encrypts it on import. */
export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

/** A workflow as n8n exports and imports it (the fields this code relies on; the rest is passed through). */
export interface WorkflowFile {
	id: string;
	name: string;
	active?: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** What `n8n execute --rawOutput` prints: the run's data (a subset of n8n's IRun). */
export interface WorkflowRun {
	status: string;
	finished?: boolean;
	data: {
		resultData: {
			error?: { message: string; description?: string | null; node?: { name: string } };
			lastNodeExecuted?: string;
			runData: Record<string, NodeRun[]>;
		};
	};
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message: string; description?: string | null };
	data?: { main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, BinaryReference> }> | null> };
}

export interface BinaryReference {
	mimeType: string;
	fileName?: string;
	fileExtension?: string;
	fileSize?: string;
	/** Base64 content when n8n keeps binary data in memory (the default for `n8n execute`). */
	data?: string;
	id?: string;
}

export interface WorkflowExecution {
	cli: CliResult;
	/** Undefined when n8n printed no run (e.g. the workflow id does not exist). */
	run: WorkflowRun | undefined;
}

/** Process groups started here that are still running; killed if this process exits without stopping them. */
const liveProcessGroups = new Set<number>();
process.once('exit', () => {
	for (const pid of liveProcessGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

/** Signals a detached child's whole process group (n8n starts its own children). */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group has already exited.
	}
}

/** Whether the child exited within `timeoutMs`. */
export async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return true;
	return await new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/**
 * Extracts the JSON document n8n prints after its log lines. On success stdout is log lines followed by the run;
 * on failure "Execution error:", a rule of '=' and the run. Either way the run starts at a line that is exactly
 * "{" and ends at the last line that is exactly "}".
 */
export function parseRawExecutionOutput(stdout: string): WorkflowRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	let end = -1;
	for (let index = lines.length - 1; index > start; index--) {
		if (lines[index] === '}') {
			end = index;
			break;
		}
	}
	if (start === -1 || end === -1) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n')) as WorkflowRun;
	} catch {
		return undefined;
	}
}

/**
 * - `clean`: exit 0 and a whole, successful run printed;
 * - `crashed-after-completed-run`: a whole run with status success was printed, then the process did not exit 0
 *   (the crash at exit docs/compatibility.md describes): still a failure for the tests, told apart for diagnosis;
 * - `failed`: anything else (no run or a cut-off print, an error, an unfinished run).
 */
export type ExecutionOutcome = 'clean' | 'crashed-after-completed-run' | 'failed';

export function executionOutcome(execution: WorkflowExecution): ExecutionOutcome {
	const { run, cli } = execution;
	const completed = run !== undefined && run.status === 'success' && run.finished === true && !run.data.resultData.error;
	if (!completed) return 'failed';
	return cli.exitCode === 0 && cli.signal === null ? 'clean' : 'crashed-after-completed-run';
}

export class N8nInstance {
	readonly runtime: N8nRuntime;
	readonly userFolder: string;
	readonly port: number;
	readonly brokerPort: number;
	private readonly extraEnvironment: NodeJS.ProcessEnv;
	private readonly sharedBinaryDataFolder: string | undefined;
	private server: ChildProcess | undefined;
	private serverLog: WriteStream | undefined;

	constructor(options: N8nInstanceOptions) {
		this.runtime = options.runtime;
		this.userFolder = options.userFolder;
		this.port = options.port;
		this.brokerPort = options.brokerPort;
		this.extraEnvironment = options.extraEnvironment ?? {};
		this.sharedBinaryDataFolder = options.binaryDataFolder;
	}

	/** Where the editor is served. n8n's cookies are host-bound, so this is what a browser should open. */
	get editorUrl(): string {
		return `http://localhost:${this.port}`;
	}

	/** Same server, addressed by IP, for this process's own HTTP calls (no name resolution involved). */
	get apiUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get dataFolder(): string {
		return path.join(this.userFolder, '.n8n');
	}

	/** Where n8n 2.x keeps binary data (N8N_BINARY_DATA_STORAGE_PATH, set explicitly so tests can read files). */
	get binaryDataFolder(): string {
		return this.sharedBinaryDataFolder ?? path.join(this.dataFolder, 'binaryData');
	}

	get serverLogFile(): string {
		return path.join(this.userFolder, 'n8n-server.log');
	}

	/**
	 * The environment of every n8n process of this instance: loopback only, nothing phoned home, no banners or
	 * surveys that would get in the way of a person or a browser test.
	 */
	environment(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = { ...process.env };
		// npm run exports its own configuration as npm_config_*; n8n runs npm for community packages and must not
		// inherit ours (e.g. ignore-scripts from this project's .npmrc).
		for (const key of Object.keys(env)) {
			if (key.startsWith('npm_')) delete env[key];
		}
		Object.assign(env, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_BINARY_DATA_STORAGE_PATH: this.binaryDataFolder,
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		});
		if (this.runtime.major >= 2) {
			// Its periodic refresh of a catalogue from n8n's servers is the only outbound look-up left after the
			// switches above (these machines are offline); nothing of this package depends on it. Unknown to 1.x.
			env.N8N_DISABLED_MODULES = [process.env.N8N_DISABLED_MODULES, 'mcp-registry'].filter(Boolean).join(',');
		}
		if (this.runtime.major < 2) {
			// n8n 1.x: run Code nodes in-process (its default); 2.x has no such switch any more (runners always on,
			// the variable is reported as deprecated), so it is only set here.
			env.N8N_RUNNERS_ENABLED = 'false';
		}
		Object.assign(env, this.extraEnvironment);
		return env;
	}

	async prepareUserFolder(): Promise<void> {
		await mkdir(this.dataFolder, { recursive: true });
	}

	/** Runs one n8n CLI command to completion (each one starts n8n's core: several seconds). */
	async cli(
		args: string[],
		options: { timeoutMs?: number; logLevel?: string; env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void; stdoutFile?: string } = {},
	): Promise<CliResult> {
		const startedAt = Date.now();
		const env = this.environment();
		env.N8N_LOG_LEVEL = options.logLevel ?? env.N8N_LOG_LEVEL ?? 'warn';
		Object.assign(env, options.env ?? {});
		if (exitGuardEnabled(env)) env.NODE_OPTIONS = [env.NODE_OPTIONS, `--require="${EXIT_GUARD_PRELOAD}"`].filter(Boolean).join(' ');
		// n8n calls process.exit() right after printing the run: through a pipe the end of a large run (thousands of
		// items) is lost, written to a file it is not (file writes are synchronous in Node).
		const stdoutFd = options.stdoutFile === undefined ? undefined : openSync(options.stdoutFile, 'w');
		const child = spawn(this.runtime.n8nBin, args, { env, detached: true, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'] });
		if (stdoutFd !== undefined) closeSync(stdoutFd);
		if (child.pid !== undefined) liveProcessGroups.add(child.pid);
		// The pid is also the process group of everything the command starts (e.g. for measuring its memory).
		if (child.pid !== undefined) options.onSpawn?.(child.pid);
		let stdout = '';
		let stderr = '';
		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const timeoutMs = options.timeoutMs ?? 120_000;
		const { exitCode, signal } = await new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
			const timer = setTimeout(() => {
				if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
				reject(new Error(`n8n ${args.join(' ')} did not finish within ${timeoutMs / 1000}s`));
			}, timeoutMs);
			child.once('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.once('close', (code, closedBySignal) => {
				clearTimeout(timer);
				resolve({ exitCode: code, signal: closedBySignal });
			});
		});
		if (options.stdoutFile !== undefined) stdout = readFileSync(options.stdoutFile, 'utf8');
		// The task runner n8n 2.x starts is in the same process group; make sure nothing of it outlives the command.
		if (child.pid !== undefined) {
			killGroup(child.pid, 'SIGKILL');
			liveProcessGroups.delete(child.pid);
		}
		return { exitCode, signal, stdout, stderr, durationMs: Date.now() - startedAt };
	}

	private async cliOrThrow(args: string[], what: string): Promise<CliResult> {
		const result = await this.cli(args);
		if (result.exitCode !== 0) {
			const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
			throw new Error(`${what} failed (n8n ${args[0]}, ${describeExit(result)}):\n${output}`);
		}
		return result;
	}

	/**
	 * Installs a packed npm tarball of a node package the way n8n's own "Install community node" does: into
	 * `<user folder>/.n8n/nodes/node_modules`, where n8n loads every `n8n-nodes-*` package at start.
	 */
	async installCommunityPackage(tarballPath: string, packageName: string): Promise<void> {
		const nodesFolder = path.join(this.dataFolder, 'nodes');
		await mkdir(nodesFolder, { recursive: true });
		const packageJsonPath = path.join(nodesFolder, 'package.json');
		const existing = await readFile(packageJsonPath, 'utf8').catch(() => undefined);
		if (existing === undefined) {
			// The same file n8n itself writes before its first community-package install.
			await writeFile(packageJsonPath, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
		}
		// A previous copy of the same version would otherwise be kept by npm.
		await rm(path.join(nodesFolder, 'node_modules', packageName), { recursive: true, force: true });
		const env = this.environment();
		const result = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
			// --legacy-peer-deps: n8n-workflow is a peer dependency that n8n itself provides; --ignore-scripts as n8n does.
			const child = spawn(
				'npm',
				['install', tarballPath, '--no-save', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--no-package-lock'],
				{ cwd: nodesFolder, env, stdio: ['ignore', 'pipe', 'pipe'] },
			);
			let output = '';
			child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
			child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
			child.once('error', reject);
			child.once('close', (code) => resolve({ code, output }));
		});
		if (result.code !== 0) {
			throw new Error(`npm install of ${tarballPath} into ${nodesFolder} failed:\n${result.output}`);
		}
	}

	async importCredentials(credentials: CredentialToImport[]): Promise<void> {
		// Plain secrets are on disk only for the duration of the import, readable by this user alone.
		const file = path.join(this.userFolder, `credentials-import-${process.pid}.json`);
		await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			await this.cliOrThrow(['import:credentials', `--input=${file}`], 'Importing credentials');
		} finally {
			await rm(file, { force: true });
		}
	}

	async importWorkflows(workflows: WorkflowFile[]): Promise<void> {
		if (workflows.length === 0) return;
		const file = path.join(this.userFolder, `workflows-import-${process.pid}.json`);
		await writeFile(file, JSON.stringify(workflows, null, 2));
		try {
			await this.cliOrThrow(['import:workflow', `--input=${file}`], 'Importing workflows');
		} finally {
			await rm(file, { force: true });
		}
	}

	/** IDs of the workflows saved in this instance (`n8n list:workflow --onlyId`, which prints them at log level info). */
	async workflowIds(): Promise<Set<string>> {
		const result = await this.cli(['list:workflow', '--onlyId'], { logLevel: 'info' });
		if (result.exitCode !== 0) {
			throw new Error(`Listing workflows failed (n8n list:workflow, ${describeExit(result)}):\n${result.stderr.trim().split('\n').slice(-15).join('\n')}`);
		}
		return new Set(`${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim()).filter((line) => /^[A-Za-z0-9]+$/.test(line)));
	}

	/** How the `n8n execute` commands of this instance ended so far (printed in the end-to-end summary). */
	readonly executeTally = { runs: 0, crashedAfterCompletedRun: 0 };

	/** Runs a saved workflow headless (`n8n execute --id=... --rawOutput`) and returns what n8n printed. */
	async executeWorkflow(
		workflowId: string,
		timeoutMs = 120_000,
		options: { env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void; stdoutFile?: string } = {},
	): Promise<WorkflowExecution> {
		// The run is printed through n8n's logger at level info: a quieter level would swallow it.
		const cli = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs, logLevel: 'info', ...options });
		const execution = { cli, run: parseRawExecutionOutput(cli.stdout) };
		this.executeTally.runs++;
		if (executionOutcome(execution) === 'crashed-after-completed-run') this.executeTally.crashedAfterCompletedRun++;
		return execution;
	}

	/**
	 * Starts `n8n start` (or `args`, e.g. `worker` in queue mode) in its own process group and waits until
	 * `readinessUrl` (default: its REST API's readiness endpoint) answers 200.
	 */
	async start(options: { timeoutMs?: number; echoLogs?: boolean; args?: string[]; readinessUrl?: string } = {}): Promise<void> {
		if (this.server) throw new Error('n8n is already running');
		const log = createWriteStream(this.serverLogFile, { flags: 'a' });
		this.serverLog = log;
		const server = spawn(this.runtime.n8nBin, options.args ?? ['start'], {
			env: this.environment(),
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = server;
		if (server.pid !== undefined) liveProcessGroups.add(server.pid);
		for (const stream of [server.stdout, server.stderr]) {
			stream?.on('data', (chunk: Buffer) => {
				log.write(chunk);
				if (options.echoLogs) process.stderr.write(chunk);
			});
		}
		let exited = false;
		server.once('exit', () => (exited = true));

		const deadline = Date.now() + (options.timeoutMs ?? 120_000);
		while (Date.now() < deadline) {
			if (exited) {
				const tail = (await readFile(this.serverLogFile, 'utf8').catch(() => '')).split('\n').slice(-25).join('\n');
				throw new Error(`n8n exited during start-up (${describeExit({ exitCode: server.exitCode, signal: server.signalCode })}). Last log lines:\n${tail}`);
			}
			// readiness = database connected and migrated; plain /healthz answers before that.
			const status = await fetch(options.readinessUrl ?? `${this.apiUrl}/healthz/readiness`).then(
				(response) => response.status,
				() => 0,
			);
			if (status === 200) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		await this.stop();
		throw new Error(`n8n did not become ready on ${this.apiUrl} within ${(options.timeoutMs ?? 120_000) / 1000}s (log: ${this.serverLogFile})`);
	}

	/** A promise that settles when the server process exits, for callers that wait on it. */
	async waitForServerExit(): Promise<number | null> {
		const server = this.server;
		if (!server) return null;
		if (server.exitCode !== null || server.signalCode !== null) return server.exitCode;
		return await new Promise((resolve) => server.once('exit', (code) => resolve(code)));
	}

	/** Stops the server and everything it started (task runners): SIGTERM to the group, SIGKILL after 15 s. */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server || server.pid === undefined) return;
		killGroup(server.pid, 'SIGTERM');
		if (!(await waitForExit(server, 15_000))) killGroup(server.pid, 'SIGKILL');
		await waitForExit(server, 5_000);
		// Children of n8n (task runner) may outlive their parent for a moment.
		killGroup(server.pid, 'SIGKILL');
		liveProcessGroups.delete(server.pid);
		this.server = undefined;
		await new Promise<void>((resolve) => (this.serverLog ? this.serverLog.end(resolve) : resolve()));
		this.serverLog = undefined;
	}

	/**
	 * Creates the instance owner through the editor's own first-run endpoint (POST /rest/owner/setup, the same
	 * call the set-up form makes; it exists in n8n 1.x and 2.x). If an owner already exists, checks that this
	 * account can log in instead. Returns which of the two happened.
	 */
	async ensureOwner(owner: OwnerAccount): Promise<'created' | 'existing'> {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const response = await fetch(`${this.apiUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(owner),
			});
			const body = await response.text();
			if (response.ok) return 'created';
			// Routes may be registered a moment after readiness.
			if ((response.status === 404 || response.status === 503) && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 500));
				continue;
			}
			if (response.status === 400 && /already.*set ?up/i.test(body)) {
				await this.login(owner);
				return 'existing';
			}
			throw new Error(`Owner set-up failed: HTTP ${response.status} ${body.slice(0, 500)}`);
		}
	}

	/** Logs in through the REST API; returns the session cookie (`n8n-auth=...`). */
	async login(owner: Pick<OwnerAccount, 'email' | 'password'>): Promise<string> {
		const response = await fetch(`${this.apiUrl}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			// n8n 1.x before 1.7x took "email"; 1.123 and 2.x take "emailOrLdapLoginId". Both are sent.
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
		});
		if (!response.ok) {
			throw new Error(
				`Cannot log in to n8n as ${owner.email}: HTTP ${response.status}. An owner with another password already exists in ${this.userFolder}; delete that folder (or set N8N_OWNER_PASSWORD) and start again.`,
			);
		}
		const cookie = response.headers.get('set-cookie') ?? '';
		return cookie.split(';')[0] ?? '';
	}
}
