/**
 * Child-process entry: runs one Keepnet sandbox and answers the benchmark's control messages over IPC.
 * With the sandbox here, its CPU time (routing, JSON, the store, export files) and its memory are not
 * counted against the process that runs the node, as with the real, remote Keepnet API.
 */
import { startSandbox, type RateLimitKnobs, type Sandbox, type SandboxOptions } from '../test/sandbox';
import { companyDomain, companyUsers, licenseSeats, seedUsers, setRateLimit, tallyRequests, type SandboxSummary, type SeedRequest } from './sandbox-ops';

export type HostCommand =
	| { op: 'start'; options: SandboxOptions }
	| { op: 'seedUsers'; request: SeedRequest }
	| { op: 'licenseSeats'; companyId: string; seats: number }
	| { op: 'companyDomain'; companyId: string }
	| { op: 'clearRequests' }
	| { op: 'tallyRequests' }
	| { op: 'tokensIssued' }
	| { op: 'companyUsers'; companyId: string }
	| { op: 'setRateLimit'; limit: RateLimitKnobs | null }
	| { op: 'close' };

export interface HostRequest {
	id: number;
	command: HostCommand;
}

export type HostReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

let sandbox: Sandbox | undefined;

function running(): Sandbox {
	if (!sandbox) throw new Error('The sandbox has not been started');
	return sandbox;
}

async function handle(command: HostCommand): Promise<unknown> {
	switch (command.op) {
		case 'start': {
			sandbox = await startSandbox(command.options);
			const summary: SandboxSummary = { url: sandbox.url, reseller: sandbox.clients.reseller, ids: sandbox.ids };
			return summary;
		}
		case 'seedUsers':
			seedUsers(running(), command.request);
			return null;
		case 'licenseSeats':
			licenseSeats(running(), command.companyId, command.seats);
			return null;
		case 'companyDomain':
			return companyDomain(running(), command.companyId);
		case 'clearRequests':
			running().clearRequests();
			return null;
		case 'tallyRequests':
			return tallyRequests(running());
		case 'tokensIssued':
			return running().tokensIssued();
		case 'companyUsers':
			return companyUsers(running(), command.companyId);
		case 'setRateLimit':
			setRateLimit(running(), command.limit);
			return null;
		case 'close':
			await sandbox?.close();
			sandbox = undefined;
			return null;
	}
}

process.on('message', (message: HostRequest) => {
	handle(message.command).then(
		(result) => process.send?.({ id: message.id, ok: true, result } satisfies HostReply),
		(error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies HostReply),
	);
});

// The benchmark going away (even by a crash) takes the sandbox with it.
process.on('disconnect', () => {
	void (sandbox?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
