/**
 * One interface over the two places the sandbox can run: in this process, or in a child process
 * (bench/sandbox-host.ts) reached over IPC. Scenarios only use this interface, so they run unchanged in
 * both placements.
 */
import { fork, type ChildProcess } from 'child_process';
import { resolve } from 'path';

import { startSandbox, type RateLimitKnobs, type Sandbox, type SandboxOptions } from '../test/sandbox';
import type { HostCommand, HostReply, HostRequest } from './sandbox-host';
import { companyDomain, companyUsers, licenseSeats, seedUsers, setRateLimit, tallyRequests, type CompanyUsers, type RequestTally, type SandboxSummary, type SeedRequest } from './sandbox-ops';

export type Placement = 'child' | 'in-process';

export interface BenchSandbox extends SandboxSummary {
	placement: Placement;
	/** Process id of the process the sandbox runs in. */
	pid: number;
	seedUsers(request: SeedRequest): Promise<void>;
	licenseSeats(companyId: string, seats: number): Promise<void>;
	companyDomain(companyId: string): Promise<string>;
	clearRequests(): Promise<void>;
	tallyRequests(): Promise<RequestTally>;
	tokensIssued(): Promise<number>;
	companyUsers(companyId: string): Promise<CompanyUsers>;
	setRateLimit(limit: RateLimitKnobs | null): Promise<void>;
	close(): Promise<void>;
}

const PROJECT_ROOT = resolve(__dirname, '..');

/** Forks a TypeScript entry point of bench/ with ts-node (transpile only), as `npm run bench` runs run.ts. */
export function forkTypeScript(entry: string, extraNodeOptions: string[] = []): ChildProcess {
	return fork(resolve(__dirname, entry), [], {
		cwd: PROJECT_ROOT,
		execArgv: [...extraNodeOptions, '-r', 'ts-node/register/transpile-only'],
		env: { ...process.env, TS_NODE_PROJECT: resolve(PROJECT_ROOT, 'tsconfig.dev.json') },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
}

export async function startInProcessSandbox(options: SandboxOptions): Promise<BenchSandbox> {
	const sandbox: Sandbox = await startSandbox(options);
	return {
		placement: 'in-process',
		pid: process.pid,
		url: sandbox.url,
		reseller: sandbox.clients.reseller,
		ids: sandbox.ids,
		seedUsers: async (request) => seedUsers(sandbox, request),
		licenseSeats: async (companyId, seats) => licenseSeats(sandbox, companyId, seats),
		companyDomain: async (companyId) => companyDomain(sandbox, companyId),
		clearRequests: async () => sandbox.clearRequests(),
		tallyRequests: async () => tallyRequests(sandbox),
		tokensIssued: async () => sandbox.tokensIssued(),
		companyUsers: async (companyId) => companyUsers(sandbox, companyId),
		setRateLimit: async (limit) => setRateLimit(sandbox, limit),
		close: async () => await sandbox.close(),
	};
}

export async function startChildSandbox(options: SandboxOptions): Promise<BenchSandbox> {
	const child = forkTypeScript('sandbox-host.ts');
	const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	let nextId = 1;
	let exited = false;
	child.on('message', (reply: HostReply) => {
		const waiter = pending.get(reply.id);
		if (!waiter) return;
		pending.delete(reply.id);
		if (reply.ok) waiter.resolve(reply.result);
		else waiter.reject(new Error(`Sandbox host: ${reply.error}`));
	});
	child.on('exit', (code, signal) => {
		exited = true;
		for (const waiter of pending.values()) waiter.reject(new Error(`The sandbox process exited (${signal ?? code})`));
		pending.clear();
	});
	const call = <T>(command: HostCommand): Promise<T> =>
		new Promise<T>((resolvePromise, reject) => {
			if (exited) {
				reject(new Error('The sandbox process has exited'));
				return;
			}
			const id = nextId++;
			pending.set(id, { resolve: (value) => resolvePromise(value as T), reject });
			child.send({ id, command } satisfies HostRequest);
		});

	const summary = await call<SandboxSummary>({ op: 'start', options });
	return {
		placement: 'child',
		pid: child.pid ?? -1,
		...summary,
		seedUsers: (request) => call({ op: 'seedUsers', request }),
		licenseSeats: (companyId, seats) => call({ op: 'licenseSeats', companyId, seats }),
		companyDomain: (companyId) => call({ op: 'companyDomain', companyId }),
		clearRequests: () => call({ op: 'clearRequests' }),
		tallyRequests: () => call({ op: 'tallyRequests' }),
		tokensIssued: () => call({ op: 'tokensIssued' }),
		companyUsers: (companyId) => call({ op: 'companyUsers', companyId }),
		setRateLimit: (limit) => call({ op: 'setRateLimit', limit }),
		close: async () => {
			if (exited) return;
			const gone = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
			await call({ op: 'close' }).catch(() => undefined);
			child.disconnect();
			await gone;
		},
	};
}

export async function startBenchSandbox(placement: Placement, options: SandboxOptions): Promise<BenchSandbox> {
	return placement === 'child' ? await startChildSandbox(options) : await startInProcessSandbox(options);
}
