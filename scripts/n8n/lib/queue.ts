/**
 * n8n in queue mode on one machine, loopback only: a throwaway PostgreSQL cluster, a throwaway Redis, one n8n
 * main (`n8n start`: editor, REST API, webhooks; it only enqueues executions) and workers (`n8n worker`: they
 * run them). Used by `KEEPNET_N8N_MODE=queue npm start` and the queue end-to-end tests (test/e2e/queue.ts).
 *
 * Every process gets the same encryption key, database and Redis, its own user folder with this package
 * installed as a community package (as on separate hosts), its own task-runner broker and health ports, and one
 * binary-data folder shared by all (N8N_DEFAULT_BINARY_DATA_MODE=filesystem: possible because they share a
 * disk; on several hosts that has to be S3, or n8n 2.x's `database` mode).
 *
 * Everything lives in one temporary folder, removed by stop(); every process is in a process group of its own
 * and is killed when this Node process exits, even without stop().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { N8nInstance, killGroup, waitForExit, type CredentialToImport, type WorkflowFile } from './instance';
import type { PackedPackage } from './package';
import { findFreePort } from './ports';
import { PROJECT_ROOT, type N8nRuntime } from './runtime';

const ENSURE_SERVICES_SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'n8n', 'queue', 'ensure-services.sh');

/** Process groups of the database and Redis servers started here; killed if this process exits without stop(). */
const liveServiceGroups = new Set<number>();
/** Cluster folders not yet removed by stop(); removed at exit as well. */
const liveFolders = new Set<string>();
process.once('exit', () => {
	for (const pid of liveServiceGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	for (const folder of liveFolders) rmSync(folder, { recursive: true, force: true });
});

/**
 * For command-line runners: SIGINT, SIGTERM and SIGHUP end the process through process.exit, so that the
 * exit handlers above (and instance.ts's for the n8n processes) kill every process group started and remove
 * the folders. Without it a signal ends Node without 'exit' and the servers, in process groups of their own,
 * keep running.
 */
export function exitOnSignals(onSignal: (signal: NodeJS.Signals) => void = () => undefined): void {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			onSignal(signal);
			process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
		});
	}
}

export interface ServiceBinaries {
	/** Folder with initdb, postgres, psql (e.g. /usr/lib/postgresql/15/bin). */
	postgresBin: string;
	redisServer: string;
}

/** Installs Debian's postgresql and redis-server when missing (scripts/n8n/queue/ensure-services.sh). */
export function ensureQueueServices(): ServiceBinaries {
	const result = spawnSync('bash', [ENSURE_SERVICES_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${ENSURE_SERVICES_SCRIPT} failed (exit ${String(result.status)})`);
	const [postgresBin, redisServer] = result.stdout.trim().split('\n');
	if (!postgresBin || !redisServer) throw new Error(`ensure-services.sh printed no paths: ${result.stdout}`);
	return { postgresBin, redisServer };
}

/** Sends `request` to 127.0.0.1:port and resolves with what came back within a second ('' when nothing did). */
async function exchange(port: number, request: string): Promise<string> {
	return await new Promise<string>((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (): void => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(1000, done);
		socket.once('error', done);
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) done();
		});
		socket.once('connect', () => socket.write(request));
	});
}

/** A server process started here, in its own process group, logging to a file. */
class ServiceProcess {
	private child: ChildProcess | undefined;

	constructor(
		readonly name: string,
		readonly logFile: string,
	) {}

	start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
		const log = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
		if (child.pid !== undefined) liveServiceGroups.add(child.pid);
		this.child = child;
	}

	get running(): boolean {
		return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
	}

	async logTail(lines = 20): Promise<string> {
		return (await readFile(this.logFile, 'utf8').catch(() => '')).split('\n').slice(-lines).join('\n');
	}

	/** `signal` first (the server's own clean shutdown), SIGKILL to the whole group after `graceMs`. */
	async stop(signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
		const child = this.child;
		if (!child || child.pid === undefined) return;
		killGroup(child.pid, signal);
		if (!(await waitForExit(child, graceMs))) killGroup(child.pid, 'SIGKILL');
		await waitForExit(child, 5_000);
		killGroup(child.pid, 'SIGKILL');
		liveServiceGroups.delete(child.pid);
		this.child = undefined;
	}
}

export interface PostgresSettings {
	host: '127.0.0.1';
	port: number;
	database: string;
	user: string;
	password: string;
}

/**
 * A PostgreSQL cluster of its own (initdb into `folder`), listening on 127.0.0.1 only with password
 * authentication, durability switched off (it is thrown away). initdb and postgres refuse to run as root, so
 * as root they run as the `postgres` OS user that Debian's package creates.
 */
export class ThrowawayPostgres {
	readonly settings: PostgresSettings;
	private readonly process: ServiceProcess;
	private readonly dataDir: string;
	private readonly socketDir: string;

	constructor(
		private readonly binaries: ServiceBinaries,
		private readonly folder: string,
		port: number,
	) {
		this.settings = { host: '127.0.0.1', port, database: 'n8n', user: 'n8n', password: randomBytes(18).toString('base64url') };
		this.dataDir = path.join(folder, 'data');
		this.socketDir = path.join(folder, 'socket');
		this.process = new ServiceProcess('postgres', path.join(folder, 'postgres.log'));
	}

	/** Runs a PostgreSQL program as the OS user that owns the cluster. */
	private asOwner(command: string, args: string[]): [string, string[]] {
		if (process.getuid?.() !== 0) return [command, args];
		return ['runuser', ['-u', 'postgres', '--', command, ...args]];
	}

	async start(timeoutMs = 60_000): Promise<void> {
		mkdirSync(this.socketDir, { recursive: true });
		const passwordFile = path.join(this.folder, 'pwfile');
		writeFileSync(passwordFile, `${this.settings.password}\n`, { mode: 0o600 });
		if (process.getuid?.() === 0) {
			const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
			const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
			if (owner.status !== 0) throw new Error('running as root, and there is no "postgres" OS user to run PostgreSQL as (apt-get install postgresql creates it)');
			const uid = Number(owner.stdout.trim());
			const gid = Number(group.stdout.trim());
			// The postgres user needs to reach its data inside this folder.
			chmodSync(this.folder, 0o711);
			for (const file of [this.socketDir, passwordFile]) chownSync(file, uid, gid);
			mkdirSync(this.dataDir, { mode: 0o700 });
			chownSync(this.dataDir, uid, gid);
		}
		const [initCommand, initArgs] = this.asOwner(path.join(this.binaries.postgresBin, 'initdb'), [
			'-D', this.dataDir, '-U', this.settings.user, `--pwfile=${passwordFile}`,
			'--auth-host=scram-sha-256', '--auth-local=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync',
		]);
		const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
		await rm(passwordFile, { force: true });
		if (init.status !== 0) throw new Error(`initdb failed (exit ${String(init.status)}):\n${init.stdout}\n${init.stderr}`);

		const [command, args] = this.asOwner(path.join(this.binaries.postgresBin, 'postgres'), [
			'-D', this.dataDir,
			'-c', 'listen_addresses=127.0.0.1',
			'-c', `port=${this.settings.port}`,
			'-c', `unix_socket_directories=${this.socketDir}`,
			'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
			'-c', 'max_connections=200',
		]);
		this.process.start(command, args);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.process.running) throw new Error(`PostgreSQL exited during start-up:\n${await this.process.logTail()}`);
			if (this.psql('select 1', 'postgres').status === 0) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const created = this.psql(`create database ${this.settings.database}`, 'postgres');
		if (created.status !== 0) throw new Error(`PostgreSQL did not start or create the database:\n${created.stderr}\n${await this.process.logTail()}`);
	}

	/** Runs one statement with psql; rows come back as lines of `|`-separated fields. */
	psql(sql: string, database = this.settings.database): { status: number | null; stdout: string; stderr: string } {
		const result = spawnSync(
			path.join(this.binaries.postgresBin, 'psql'),
			['-h', '127.0.0.1', '-p', String(this.settings.port), '-U', this.settings.user, '-d', database, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
			{ encoding: 'utf8', env: { ...process.env, PGPASSWORD: this.settings.password, PGCONNECT_TIMEOUT: '2' } },
		);
		return { status: result.status, stdout: result.stdout, stderr: result.stderr };
	}

	/** Rows of a query, or an error naming the query. */
	query(sql: string): string[][] {
		const result = this.psql(sql);
		if (result.status !== 0) throw new Error(`psql: ${sql}\n${result.stderr}`);
		return result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('|'));
	}

	async stop(): Promise<void> {
		// SIGINT: PostgreSQL's "fast" shutdown (open sessions are ended).
		await this.process.stop('SIGINT');
	}
}

/** A Redis of its own on 127.0.0.1, with a password and no persistence. */
export class ThrowawayRedis {
	readonly password = randomBytes(18).toString('base64url');
	private readonly process: ServiceProcess;

	constructor(
		private readonly binaries: ServiceBinaries,
		private readonly folder: string,
		readonly port: number,
	) {
		this.process = new ServiceProcess('redis', path.join(folder, 'redis.log'));
	}

	async start(timeoutMs = 30_000): Promise<void> {
		// The password goes in a config file rather than on the command line (visible in ps).
		const config = path.join(this.folder, 'redis.conf');
		writeFileSync(config, `requirepass ${this.password}\n`, { mode: 0o600 });
		this.process.start(this.binaries.redisServer, [
			config, '--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.folder, '--protected-mode', 'yes',
		]);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.process.running) throw new Error(`redis-server exited during start-up:\n${await this.process.logTail()}`);
			const answer = await exchange(this.port, `AUTH ${this.password}\r\nPING\r\n`);
			if (answer.startsWith('+OK')) return;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`redis-server did not answer on 127.0.0.1:${this.port}:\n${await this.process.logTail()}`);
	}

	async stop(): Promise<void> {
		await this.process.stop('SIGTERM');
	}
}

export interface QueueClusterOptions {
	runtime: N8nRuntime;
	/** The package to install as a community package on every n8n process (packProject). */
	packed: PackedPackage;
	workerCount?: number;
	/** Jobs each worker runs at once (`n8n worker --concurrency`); n8n's default is 10. */
	workerConcurrency?: number;
	/** Port of the main's editor and API; a free one when absent. */
	mainPort?: number;
	/** Parent of the cluster's temporary folder (default: the OS temp folder). */
	parentFolder?: string;
	/** Extra environment for every n8n process. */
	environment?: NodeJS.ProcessEnv;
	echoLogs?: boolean;
}

export interface QueueWorker {
	name: string;
	instance: N8nInstance;
	healthPort: number;
}

/** What the processes' logs say about one execution (the database records no process; see whoRan). */
export interface ExecutionPlacement {
	/** Names of the workers whose log says "Worker started execution <id>", in the order of the workers. */
	startedBy: string[];
	/** Names of the workers whose log says "Worker finished execution <id>". */
	finishedBy: string[];
	/** Whether the main's log says "Enqueued execution <id>". */
	enqueuedByMain: boolean;
}

export class QueueCluster {
	readonly folder: string;
	readonly postgres: ThrowawayPostgres;
	readonly redis: ThrowawayRedis;
	readonly main: N8nInstance;
	readonly workers: QueueWorker[];
	readonly binaryDataFolder: string;
	readonly encryptionKey: string;
	private readonly options: QueueClusterOptions;

	private constructor(options: QueueClusterOptions, parts: {
		folder: string;
		postgres: ThrowawayPostgres;
		redis: ThrowawayRedis;
		main: N8nInstance;
		workers: QueueWorker[];
		binaryDataFolder: string;
		encryptionKey: string;
	}) {
		this.options = options;
		this.folder = parts.folder;
		this.postgres = parts.postgres;
		this.redis = parts.redis;
		this.main = parts.main;
		this.workers = parts.workers;
		this.binaryDataFolder = parts.binaryDataFolder;
		this.encryptionKey = parts.encryptionKey;
	}

	/**
	 * Starts PostgreSQL and Redis and prepares (does not start) the n8n processes: user folders with the package
	 * installed. Import credentials and workflows next (through `main`), then startN8n().
	 */
	static async create(options: QueueClusterOptions): Promise<QueueCluster> {
		const binaries = ensureQueueServices();
		const folder = await mkdtemp(path.join(options.parentFolder ?? os.tmpdir(), 'keepnet-n8n-queue-'));
		liveFolders.add(folder);
		try {
			// mkdtemp makes the folder 0700; as root, PostgreSQL runs as another user that has to pass through it.
			chmodSync(folder, 0o711);
			mkdirSync(path.join(folder, 'postgres'));
			const postgres = new ThrowawayPostgres(binaries, path.join(folder, 'postgres'), await findFreePort());
			const redis = new ThrowawayRedis(binaries, folder, await findFreePort());
			await postgres.start();
			await redis.start();

			const encryptionKey = randomBytes(24).toString('base64url');
			const binaryDataFolder = path.join(folder, 'binary-data');
			mkdirSync(binaryDataFolder);
			const shared: NodeJS.ProcessEnv = {
				EXECUTIONS_MODE: 'queue',
				// n8n 2.x runs manual (editor) executions on the main unless told otherwise; n8n 3 will always offload.
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				N8N_ENCRYPTION_KEY: encryptionKey,
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: postgres.settings.host,
				DB_POSTGRESDB_PORT: String(postgres.settings.port),
				DB_POSTGRESDB_DATABASE: postgres.settings.database,
				DB_POSTGRESDB_USER: postgres.settings.user,
				DB_POSTGRESDB_PASSWORD: postgres.settings.password,
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				QUEUE_BULL_REDIS_PASSWORD: redis.password,
				// n8n 2.x defaults to `database` in queue mode; `filesystem` works because every process shares this disk.
				N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
				N8N_BINARY_DATA_STORAGE_PATH: binaryDataFolder,
				// Which process ran an execution is read from these log lines (info level).
				N8N_LOG_LEVEL: 'info',
				N8N_LOG_OUTPUT: 'console',
				...options.environment,
			};
			const newInstance = async (name: string, port: number, own: NodeJS.ProcessEnv = {}): Promise<N8nInstance> => {
				const instance = new N8nInstance({
					runtime: options.runtime,
					userFolder: path.join(folder, name),
					port,
					brokerPort: await findFreePort(),
					extraEnvironment: { ...shared, ...own },
					binaryDataFolder,
				});
				await instance.prepareUserFolder();
				await instance.installCommunityPackage(options.packed.tarballPath, options.packed.name);
				return instance;
			};
			const main = await newInstance('main', options.mainPort ?? (await findFreePort()));
			const workers: QueueWorker[] = [];
			for (let index = 1; index <= (options.workerCount ?? 2); index++) {
				const name = `worker-${index}`;
				const healthPort = await findFreePort();
				// The worker's health server, on loopback: its readiness answers once database and Redis are connected.
				const instance = await newInstance(name, await findFreePort(), {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				});
				workers.push({ name, instance, healthPort });
			}
			return new QueueCluster(options, { folder, postgres, redis, main, workers, binaryDataFolder, encryptionKey });
		} catch (error) {
			await QueueCluster.removeFolder(folder);
			throw error;
		}
	}

	private static async removeFolder(folder: string): Promise<void> {
		await rm(folder, { recursive: true, force: true });
		liveFolders.delete(folder);
	}

	async importCredentials(credentials: CredentialToImport[]): Promise<void> {
		await this.main.importCredentials(credentials);
	}

	async importWorkflows(workflows: WorkflowFile[]): Promise<void> {
		await this.main.importWorkflows(workflows);
	}

	/** Starts the main, then the workers (each waits for its own readiness endpoint). */
	async startN8n(): Promise<void> {
		await this.main.start({ echoLogs: this.options.echoLogs });
		await Promise.all(this.workers.map(async (worker) => await this.startWorker(worker)));
	}

	async startWorker(worker: QueueWorker): Promise<void> {
		await worker.instance.start({
			args: ['worker', `--concurrency=${this.options.workerConcurrency ?? 10}`],
			readinessUrl: `http://127.0.0.1:${worker.healthPort}/healthz/readiness`,
			echoLogs: this.options.echoLogs,
		});
	}

	async stopWorker(worker: QueueWorker): Promise<void> {
		await worker.instance.stop();
	}

	/** Which processes' logs mention an execution (n8n stores no process in the execution record). */
	whoRan(executionId: string): ExecutionPlacement {
		const started = new RegExp(`Worker started execution ${executionId} \\(job`);
		const finished = new RegExp(`Worker finished execution ${executionId} \\(job`);
		const logOf = (instance: N8nInstance): string => {
			try {
				return readFileSync(instance.serverLogFile, 'utf8');
			} catch {
				return '';
			}
		};
		const mainLog = logOf(this.main);
		const placement: ExecutionPlacement = {
			startedBy: [],
			finishedBy: [],
			enqueuedByMain: new RegExp(`Enqueued execution ${executionId} \\(job`).test(mainLog),
		};
		if (started.test(mainLog)) placement.startedBy.push('main');
		for (const worker of this.workers) {
			const log = logOf(worker.instance);
			if (started.test(log)) placement.startedBy.push(worker.name);
			if (finished.test(log)) placement.finishedBy.push(worker.name);
		}
		return placement;
	}

	/** Stops every n8n process, then Redis and PostgreSQL, and removes the cluster's folder. */
	async stop(options: { keepFolder?: boolean } = {}): Promise<void> {
		await Promise.all([this.main, ...this.workers.map((worker) => worker.instance)].map(async (instance) => await instance.stop()));
		await this.redis.stop();
		await this.postgres.stop();
		if (options.keepFolder) liveFolders.delete(this.folder);
		else await QueueCluster.removeFolder(this.folder);
	}
}
