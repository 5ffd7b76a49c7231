/**
 * `npm start` (after scripts/start.sh has built the package): a real n8n with this package installed as a
 * community package, a Keepnet credential and the example workflows, wired either to the local Keepnet sandbox
 * (default) or to a real Keepnet account (KEEPNET_BASE_URL + KEEPNET_CLIENT_ID + KEEPNET_CLIENT_SECRET).
 * Ctrl-C stops n8n and the sandbox.
 *
 * Environment (all optional):
 *   N8N_PORT                 editor port (default 5678)
 *   KEEPNET_SANDBOX_PORT     sandbox port (default 4010; a free one if 4010 is taken)
 *   KEEPNET_BASE_URL, KEEPNET_CLIENT_ID, KEEPNET_CLIENT_SECRET   use a real Keepnet account instead of the sandbox
 *   KEEPNET_N8N_VERSION      n8n to run: 2.40.7 (default) or 1.123.x
 *   KEEPNET_N8N_HOME         where the n8n runtime and user folders live (default ~/.cache/n8n-nodes-keepnet)
 *   KEEPNET_N8N_FRESH=1      start from an empty n8n user folder
 *   KEEPNET_EXAMPLES_RESET=1 import the example workflows again, replacing your edits to them (default: import only
 *                            the ones missing from n8n, so edits survive a restart)
 *   N8N_OWNER_EMAIL, N8N_OWNER_PASSWORD   the editor login to create (defaults printed at start)
 *   KEEPNET_N8N_LOGS=1       show n8n's own log in this terminal (it is always written to a file)
 *   KEEPNET_N8N_MODE=queue   n8n's queue mode: PostgreSQL, Redis, a main and workers (scripts/n8n/lib/queue.ts),
 *                            all throwaway (a new database at every start)
 *   KEEPNET_N8N_WORKERS      number of workers in queue mode (default 2)
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';

import { startSandbox } from '../../test/sandbox';
import type { Sandbox } from '../../test/sandbox/types';
import {
	EXAMPLE_CREDENTIAL,
	KEEPNET_CREDENTIAL_TYPE,
	exampleFiles,
	readWorkflowFile,
	withCompanyAndCredential,
	type CompanyChoice,
} from './lib/examples';
import { N8nInstance, type OwnerAccount } from './lib/instance';
import { packProject } from './lib/package';
import { findFreePort, isPortFree } from './lib/ports';
import { QueueCluster } from './lib/queue';
import { ensureN8nRuntime, runtimeHome } from './lib/runtime';

export const DEFAULT_OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'KeepnetSandbox1',
	firstName: 'Keepnet',
	lastName: 'Tester',
};

interface KeepnetTarget {
	kind: 'sandbox' | 'account';
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** Company the examples' Company pickers are set to (null: left empty for the user to pick). */
	exampleCompany: CompanyChoice | null;
}

function say(message: string): void {
	process.stdout.write(`[keepnet-start] ${message}\n`);
}

function portFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${raw} is not a port number`);
	return port;
}

function realAccountFromEnv(): Omit<KeepnetTarget, 'exampleCompany' | 'kind'> | undefined {
	const baseUrl = process.env.KEEPNET_BASE_URL?.trim();
	if (!baseUrl) return undefined;
	const clientId = process.env.KEEPNET_CLIENT_ID?.trim() ?? '';
	const clientSecret = process.env.KEEPNET_CLIENT_SECRET ?? '';
	if (clientId === '' || clientSecret === '') {
		throw new Error('KEEPNET_BASE_URL is set, so KEEPNET_CLIENT_ID and KEEPNET_CLIENT_SECRET are needed too (a Reseller REST API client).');
	}
	return { baseUrl: baseUrl.replace(/\/+$/, ''), clientId, clientSecret };
}


/**
 * examples/sync-users-from-hr-list.json manages the members of the target group "HR Sync" (its sticky note asks the
 * user to create that group first); the sandbox's seed has none, so the example company gets an empty one here.
 */
function addSyncExampleGroup(sandbox: Sandbox, companyId: string): void {
	const { store } = sandbox;
	const groups = store.data(companyId).targetGroups;
	if ([...groups.values()].some((group) => group.name === SYNC_EXAMPLE_GROUP)) return;
	const group = {
		resourceId: store.newId(),
		companyId,
		name: SYNC_EXAMPLE_GROUP,
		priority: 'Medium' as const,
		createTime: new Date().toISOString(),
		updateTime: null,
		isEditable: true,
		isSystemGenerated: false,
		isActive: true,
		memberIds: new Set<string>(),
		seq: store.newSeq(),
	};
	groups.set(group.resourceId, group);
}

const SYNC_EXAMPLE_GROUP = 'HR Sync';

async function main(): Promise<void> {
	const n8nPort = portFromEnv('N8N_PORT', 5678);
	if (!(await isPortFree(n8nPort))) {
		throw new Error(`Port ${n8nPort} is in use (another n8n?). Stop it or choose another: N8N_PORT=5679 npm start`);
	}

	const runtime = ensureN8nRuntime();
	say(`n8n ${runtime.version} from ${runtime.installDir}`);

	const cleanups: Array<() => Promise<void>> = [];
	let stopping = false;
	const stopEverything = async (exitCode: number): Promise<never> => {
		if (!stopping) {
			stopping = true;
			say('stopping...');
			for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => say(`cleanup failed: ${String(error)}`));
		}
		process.exit(exitCode);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => void stopEverything(0));
	}

	let target: KeepnetTarget;
	const account = realAccountFromEnv();
	if (account) {
		target = { kind: 'account', ...account, exampleCompany: null };
		say(`using the Keepnet account at ${account.baseUrl} (client id ${account.clientId}); no sandbox`);
	} else {
		const wantedPort = portFromEnv('KEEPNET_SANDBOX_PORT', 4010);
		const sandboxPort = (await isPortFree(wantedPort)) ? wantedPort : await findFreePort();
		const sandbox: Sandbox = await startSandbox({ port: sandboxPort });
		cleanups.push(async () => await sandbox.close());
		const firstCustomerId = sandbox.ids.customerCompanyIds[0];
		const firstCustomer = firstCustomerId ? sandbox.store.companies.get(firstCustomerId) : undefined;
		target = {
			kind: 'sandbox',
			baseUrl: sandbox.url,
			clientId: sandbox.clients.reseller.clientId,
			clientSecret: sandbox.clients.reseller.clientSecret,
			exampleCompany: firstCustomerId ? { id: firstCustomerId, name: firstCustomer?.name ?? firstCustomerId } : null,
		};
		if (firstCustomerId) addSyncExampleGroup(sandbox, firstCustomerId);
		say(`Keepnet sandbox on ${sandbox.url}${sandboxPort !== wantedPort ? ` (port ${wantedPort} was taken)` : ''}`);
	}

	const mode = process.env.KEEPNET_N8N_MODE ?? 'regular';
	if (mode !== 'regular' && mode !== 'queue') throw new Error(`KEEPNET_N8N_MODE=${mode}: use "queue" (or leave it unset)`);
	const owner: OwnerAccount = {
		...DEFAULT_OWNER,
		email: process.env.N8N_OWNER_EMAIL ?? DEFAULT_OWNER.email,
		password: process.env.N8N_OWNER_PASSWORD ?? DEFAULT_OWNER.password,
	};
	const credential = {
		id: EXAMPLE_CREDENTIAL.id,
		name: EXAMPLE_CREDENTIAL.name,
		type: KEEPNET_CREDENTIAL_TYPE,
		data: { baseUrl: target.baseUrl, clientId: target.clientId, clientSecret: target.clientSecret },
	};
	const examples = exampleFiles().map((file) => withCompanyAndCredential(readWorkflowFile(file), target.exampleCompany));

	if (mode === 'queue') {
		if (runtime.major < 2) throw new Error('KEEPNET_N8N_MODE=queue runs n8n 2.x only (leave KEEPNET_N8N_VERSION unset)');
		const workerCount = Number(process.env.KEEPNET_N8N_WORKERS ?? 2);
		if (!Number.isInteger(workerCount) || workerCount < 1 || workerCount > 8) throw new Error(`KEEPNET_N8N_WORKERS=${String(process.env.KEEPNET_N8N_WORKERS)}: use 1 to 8`);
		say(`queue mode: PostgreSQL, Redis, an n8n main and ${workerCount} worker(s); installing this package on each...`);
		const packed = await packProject(path.join(runtimeHome(), 'queue-package-tarball'));
		const cluster = await QueueCluster.create({ runtime, packed, workerCount, mainPort: n8nPort, echoLogs: process.env.KEEPNET_N8N_LOGS === '1' });
		cleanups.push(async () => await cluster.stop());
		say('provisioning the Keepnet credential and the example workflows...');
		await cluster.importCredentials([credential]);
		await cluster.importWorkflows(examples);
		say('starting n8n (main, then workers)...');
		await cluster.startN8n();
		await cluster.main.ensureOwner(owner);
		const lines = [
			'',
			`  n8n is running in queue mode with the Keepnet node: a main and ${workerCount} worker(s).`,
			'',
			`  Editor:    ${cluster.main.editorUrl}`,
			`  Login:     ${owner.email}`,
			`  Password:  ${owner.password}`,
			'',
			`  Keepnet:   ${target.kind === 'sandbox' ? `local sandbox at ${target.baseUrl} (in-memory data, reset at every start)` : target.baseUrl}`,
			`  Credential "${EXAMPLE_CREDENTIAL.name}" and ${examples.length} example workflow(s) are imported; runs from the editor go to the workers.`,
			`  PostgreSQL 127.0.0.1:${cluster.postgres.settings.port}, Redis 127.0.0.1:${cluster.redis.port}: throwaway, removed at Ctrl-C.`,
			'',
			`  Logs:      ${cluster.main.serverLogFile}`,
			...cluster.workers.map((worker) => `             ${worker.instance.serverLogFile}`),
			'',
			'  Press Ctrl-C to stop.',
			'',
		];
		process.stdout.write(`${lines.join('\n')}\n`);
		const exitCode = await cluster.main.waitForServerExit();
		if (!stopping) {
			say(`the n8n main exited on its own (exit ${String(exitCode)}); see ${cluster.main.serverLogFile}`);
			await stopEverything(exitCode === 0 || exitCode === null ? 1 : exitCode);
		}
		return;
	}

	const userFolder = path.join(runtimeHome(), `user-n8n-${runtime.version}-port-${n8nPort}`);
	if (process.env.KEEPNET_N8N_FRESH === '1') await rm(userFolder, { recursive: true, force: true });
	const instance = new N8nInstance({ runtime, userFolder, port: n8nPort, brokerPort: await findFreePort() });
	await instance.prepareUserFolder();

	say('installing this package into n8n as a community package (npm pack + npm install)...');
	const packed = await packProject(path.join(userFolder, 'package-tarball'));
	await instance.installCommunityPackage(packed.tarballPath, packed.name);

	say('provisioning the Keepnet credential and the example workflows...');
	await instance.importCredentials([credential]);
	// An example already in n8n may carry the user's edits: it is only replaced on request. (Queue mode above starts
	// from a new database every time, so there every example is new.)
	const saved = process.env.KEEPNET_EXAMPLES_RESET === '1' ? new Set<string>() : await instance.workflowIds();
	const missingExamples = examples.filter((workflow) => !saved.has(workflow.id));
	await instance.importWorkflows(missingExamples);

	say('starting n8n...');
	await instance.start({ echoLogs: process.env.KEEPNET_N8N_LOGS === '1' });
	cleanups.push(async () => await instance.stop());
	await instance.ensureOwner(owner);

	const lines = [
		'',
		'  n8n is running with the Keepnet node.',
		'',
		`  Editor:    ${instance.editorUrl}`,
		`  Login:     ${owner.email}`,
		`  Password:  ${owner.password}`,
		'',
		`  Keepnet:   ${target.kind === 'sandbox' ? `local sandbox at ${target.baseUrl} (in-memory data, reset at every start)` : target.baseUrl}`,
		`  Credential "${EXAMPLE_CREDENTIAL.name}" and ${examples.length} example workflow(s)${examples.length > 0 ? ':' : '.'}`,
		...examples.map(
			(workflow) =>
				`    - ${workflow.name}  ${instance.editorUrl}/workflow/${workflow.id}  (${saved.has(workflow.id) ? 'kept as saved in n8n' : 'imported now'})`,
		),
		...(missingExamples.length < examples.length ? ['  (KEEPNET_EXAMPLES_RESET=1 npm start imports the kept ones again, replacing your edits)'] : []),
		...(target.kind === 'account' ? ['  (pick one of your companies in the Company field of each example before running it)'] : []),
		'',
		`  n8n log:   ${instance.serverLogFile}`,
		`  User data: ${userFolder}`,
		'',
		'  Press Ctrl-C to stop.',
		'',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	const exitCode = await instance.waitForServerExit();
	if (!stopping) {
		say(`n8n exited on its own (exit ${String(exitCode)}); see ${instance.serverLogFile}`);
		await stopEverything(exitCode === 0 || exitCode === null ? 1 : exitCode);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`[keepnet-start] ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
