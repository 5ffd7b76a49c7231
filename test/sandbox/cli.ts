/**
 * `npm run sandbox` — starts the Keepnet sandbox on 127.0.0.1 and prints how to use it.
 *
 *   --port <n>                 default 4010 (or KEEPNET_SANDBOX_PORT); 0 = any free port
 *   --latency <ms>             added to every request
 *   --token-lifetime <s>       access-token lifetime (default 3600)
 *   --users-per-company <n>    target users per customer (default 25)
 *   --customers <n>            managed customer companies (default 5)
 *   --seed <n>                 PRNG seed (same seed ⇒ same ids)
 *
 * The printed client secrets are sandbox-only fakes.
 */
import { startSandbox, type SandboxOptions } from './index';

function usage(message?: string): never {
	if (message) process.stderr.write(`${message}\n`);
	process.stderr.write(
		'Usage: npm run sandbox -- [--port 4010] [--latency ms] [--token-lifetime s] [--users-per-company n] [--customers n] [--seed n]\n',
	);
	process.exit(message ? 2 : 0);
}

function parseArgs(argv: string[]): SandboxOptions {
	const values = new Map<string, string>();
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--help' || arg === '-h') usage();
		if (!arg.startsWith('--')) usage(`Unexpected argument: ${arg}`);
		const [name, inline] = arg.slice(2).split('=', 2);
		const value = inline ?? argv[++index];
		if (value === undefined) usage(`Missing value for --${name}`);
		values.set(name, value);
	}
	const number = (name: string): number | undefined => {
		const raw = values.get(name);
		if (raw === undefined) return undefined;
		const parsed = Number(raw);
		if (!Number.isFinite(parsed) || parsed < 0) usage(`--${name} must be a non-negative number`);
		return parsed;
	};
	for (const name of values.keys()) {
		if (!['port', 'latency', 'token-lifetime', 'users-per-company', 'customers', 'seed'].includes(name)) usage(`Unknown option --${name}`);
	}
	const envPort = process.env.KEEPNET_SANDBOX_PORT;
	const port = number('port') ?? (envPort !== undefined && envPort !== '' ? Number(envPort) : 4010);
	return {
		port,
		latencyMs: number('latency'),
		tokenLifetimeSeconds: number('token-lifetime'),
		seed: { targetUsersPerCompany: number('users-per-company'), customerCount: number('customers'), randomSeed: number('seed') },
	};
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox(options);
	const { store, ids } = sandbox;
	const companyLine = (id: string, note: string): string => {
		const company = store.companies.get(id);
		const counts = store.data(id).counts;
		return `  ${id}  ${company?.name ?? '?'}${note ? ` (${note})` : ''} — ${counts.active + counts.inactive} target users`;
	};
	const lines = [
		'Keepnet sandbox (in-memory imitation of the Keepnet Labs API, for development only)',
		`URL:  ${sandbox.url}`,
		`Port: ${sandbox.port}`,
		'',
		'Companies:',
		companyLine(ids.resellerCompanyId, 'reseller, own company of the Reseller client'),
		...ids.customerCompanyIds.map((id) => {
			const notes = [
				'managed customer',
				id === ids.companyAdminCompanyId ? 'own company of the Company Admin client' : '',
				id === ids.overLicenseCompanyId ? 'over its license limit' : '',
				id === ids.expiredLicenseCompanyId ? 'license expired' : '',
			];
			return companyLine(id, notes.filter((note) => note !== '').join(', '));
		}),
		companyLine(ids.unmanagedCompanyId, 'NOT managed by Acme MSSP: expect 403'),
		'',
		'API clients (fake sandbox credentials):',
		`  Reseller       client_id=${sandbox.clients.reseller.clientId}  client_secret=${sandbox.clients.reseller.clientSecret}`,
		`  Company Admin  client_id=${sandbox.clients.companyAdmin.clientId}  client_secret=${sandbox.clients.companyAdmin.clientSecret}`,
		'',
		`Token: curl -s -X POST ${sandbox.url}/connect/token -d grant_type=client_credentials -d client_id=<id> -d client_secret=<secret> -d scope=api1`,
		'Press Ctrl-C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal} received, closing the sandbox…\n`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	process.stderr.write(`Keepnet sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
