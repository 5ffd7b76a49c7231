/**
 * The timed scenarios. Each one starts from a cleared request log and a fresh credential (no token yet),
 * is timed from the first request to the last answer, and is then checked against the sandbox: request
 * and token counts from the sandbox's own log, and, for onboarding, the users the store now holds.
 *
 * Baselines stand for an n8n HTTP Request node workflow: plain `fetch` calls awaited one after the other
 * with one bearer token, which is what "HTTP Request" over 1,000 items (batching off) does.
 */
import type { IDataObject, INodeExecutionData, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { KeepnetApi } from '../credentials/KeepnetApi.credentials';
import { DEFAULT_CONCURRENCY } from '../nodes/Keepnet/helpers/limits';
import { Keepnet } from './keepnet-node';
import { CredentialStore, runNode } from '../test/support/harness';
import type { BenchUser } from './data';
import type { BenchSandbox } from './sandbox-control';
import type { RequestTally } from './sandbox-ops';

export interface Timing {
	wallMs: number;
	/** CPU time (user + system) of this process, the client side, while the scenario ran. */
	clientCpuMs: number;
}

/** Epoch ms at the start and end of the timed part (to place the sandbox's request times in it). */
export interface ScenarioWindow {
	startedAtMs: number;
	endedAtMs: number;
}

export interface ScenarioCounts {
	requests: RequestTally;
	/** Tokens the sandbox issued during the scenario (cross-check of the token count from the log). */
	tokensIssued: number;
}

export interface Verification {
	expected: number;
	/** Live (not deleted) user records in the company. */
	found: number;
	missing: string[];
	duplicated: string[];
	unexpected: string[];
	ok: boolean;
}

export interface ScenarioResult extends Timing, ScenarioCounts, ScenarioWindow {
	name: string;
	/** Present when the scenario itself failed (an exception); its numbers are then partial. */
	error?: string;
	verification?: Verification;
	/** What the client received, e.g. "1000 items, 0 errors". */
	outcome: string;
}

async function timed<T>(work: () => Promise<T>): Promise<Timing & { value?: T; error?: string }> {
	const cpuBefore = process.cpuUsage();
	const start = performance.now();
	try {
		const value = await work();
		return { wallMs: performance.now() - start, clientCpuMs: cpuMsSince(cpuBefore), value };
	} catch (error) {
		return { wallMs: performance.now() - start, clientCpuMs: cpuMsSince(cpuBefore), error: error instanceof Error ? error.message : String(error) };
	}
}

function cpuMsSince(before: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(before);
	return (used.user + used.system) / 1000;
}

/** Clears the log, runs the scenario, then reads what the sandbox saw. */
async function observed<T>(sandbox: BenchSandbox, work: () => Promise<T>): Promise<Timing & ScenarioCounts & ScenarioWindow & { value?: T; error?: string }> {
	await sandbox.clearRequests();
	const tokensBefore = await sandbox.tokensIssued();
	const startedAtMs = Date.now();
	const run = await timed(work);
	const endedAtMs = Date.now();
	const requests = await sandbox.tallyRequests();
	const tokensIssued = (await sandbox.tokensIssued()) - tokensBefore;
	return { ...run, requests, tokensIssued, startedAtMs, endedAtMs };
}

/** Exactly the expected people, once each: e-mails compared lower-cased. */
export async function verifyCompany(sandbox: BenchSandbox, companyId: string, users: BenchUser[]): Promise<Verification> {
	const { liveEmails } = await sandbox.companyUsers(companyId);
	const expected = new Set(users.map((user) => user.email.toLowerCase()));
	const seen = new Map<string, number>();
	for (const email of liveEmails) seen.set(email, (seen.get(email) ?? 0) + 1);
	const missing = [...expected].filter((email) => !seen.has(email));
	const duplicated = [...seen].filter(([, count]) => count > 1).map(([email]) => email);
	const unexpected = [...seen.keys()].filter((email) => !expected.has(email));
	return {
		expected: expected.size,
		found: liveEmails.length,
		missing,
		duplicated,
		unexpected,
		ok: missing.length === 0 && duplicated.length === 0 && unexpected.length === 0 && liveEmails.length === expected.size,
	};
}

// ---------------------------------------------------------------------------------------------------------
// Plain HTTP client (the HTTP Request node stand-in)

interface ServiceResult<T> {
	status?: string;
	data?: T;
}

/** Keepnet's empty search filter, as its web client and the node send it (a null filter is refused). */
const EMPTY_FILTER = {
	Condition: 'AND',
	SearchInputTextValue: '',
	FilterGroups: [
		{ Condition: 'AND', FilterItems: [], FilterGroups: [] },
		{ Condition: 'OR', FilterItems: [], FilterGroups: [] },
	],
};

async function fetchToken(sandbox: BenchSandbox): Promise<string> {
	const response = await fetch(`${sandbox.url}/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.reseller.clientId, client_secret: sandbox.reseller.clientSecret, scope: 'api1' }),
	});
	const body = (await response.json()) as { access_token?: string };
	if (!response.ok || typeof body.access_token !== 'string') throw new Error(`Token request failed with HTTP ${response.status}`);
	return body.access_token;
}

async function postJson<T>(sandbox: BenchSandbox, token: string, companyId: string, path: string, body: unknown): Promise<T | undefined> {
	const response = await fetch(`${sandbox.url}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'x-keepnet-company-id': companyId },
		body: JSON.stringify(body),
	});
	const result = (await response.json()) as ServiceResult<T>;
	if (!response.ok) throw new Error(`POST ${path} answered HTTP ${response.status}`);
	return result.data;
}

function createBody(user: BenchUser): IDataObject {
	const body: IDataObject = {
		email: user.email,
		phoneNumber: user.phoneNumber,
		firstName: user.firstName,
		lastName: user.lastName,
		department: user.department,
	};
	if (user.priority !== '') body.priority = user.priority;
	return body;
}

// ---------------------------------------------------------------------------------------------------------
// The node, through n8n's engine

function freshCredentials(sandbox: BenchSandbox): CredentialStore {
	return new CredentialStore(new KeepnetApi(), {
		baseUrl: sandbox.url,
		clientId: sandbox.reseller.clientId,
		clientSecret: sandbox.reseller.clientSecret,
		accessToken: '',
	});
}

const node = new Keepnet();

async function runKeepnet(sandbox: BenchSandbox, parameters: INodeParameters, items?: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { output } = await runNode({ node, parameters, items, credentials: freshCredentials(sandbox) });
	return output[0] ?? [];
}

const company = (companyId: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'list', value: companyId });

/** The form a workflow fills from the previous node's items: one expression per field. */
function userFieldParameters(): INodeParameters {
	return {
		email: '={{ $json.email }}',
		phoneNumber: '={{ $json.phoneNumber }}',
		additionalFields: {
			firstName: '={{ $json.firstName }}',
			lastName: '={{ $json.lastName }}',
			department: '={{ $json.department }}',
			priority: '={{ $json.priority }}',
		},
	};
}

const asItems = (users: BenchUser[]): INodeExecutionData[] => users.map((user) => ({ json: { ...user } }));

/**
 * Warms up n8n's engine, the node's modules and Node's fetch on a throwaway company and credential, so
 * that the first timed scenario does not pay module loading a running n8n instance paid at start-up.
 */
export async function warmUp(sandbox: BenchSandbox, companyId: string): Promise<void> {
	await runKeepnet(sandbox, { resource: 'targetUser', operation: 'getAll', companyId: company(companyId), returnAll: false, limit: 5 });
	const token = await fetchToken(sandbox);
	await postJson(sandbox, token, companyId, '/api/target-users/search', { filter: EMPTY_FILTER, pageNumber: 1, pageSize: 1, orderBy: 'createTime', ascending: true });
}

// ---------------------------------------------------------------------------------------------------------
// Onboarding

export type OnboardingKind = 'baseline' | 'create' | 'import';

export async function onboard(kind: OnboardingKind, sandbox: BenchSandbox, companyId: string, users: BenchUser[]): Promise<ScenarioResult> {
	const names: Record<OnboardingKind, string> = {
		baseline: '(a) Baseline: HTTP Request loop, one POST /api/target-users per user, sequential',
		create: `(b) Keepnet node: Target User → Create (default concurrency ${DEFAULT_CONCURRENCY})`,
		import: '(c) Keepnet node: Target User → Import (bulk, Map Automatically)',
	};
	const run = await observed(sandbox, async (): Promise<string> => {
		if (kind === 'baseline') {
			const token = await fetchToken(sandbox);
			let created = 0;
			for (const user of users) {
				const data = await postJson<{ resourceId?: string }>(sandbox, token, companyId, '/api/target-users', createBody(user));
				if (typeof data?.resourceId === 'string') created++;
			}
			return `${created} users created`;
		}
		const output = await runKeepnet(
			sandbox,
			// Create maps each field with an expression; Import reads the same fields from the items by name
			// (its default Mapping Mode, as when the rows come from a spreadsheet).
			kind === 'create'
				? { resource: 'targetUser', operation: kind, companyId: company(companyId), mappingMode: 'defineBelow', ...userFieldParameters() }
				: { resource: 'targetUser', operation: kind, companyId: company(companyId), mappingMode: 'autoMapInputData' },
			asItems(users),
		);
		if (kind === 'create') {
			const errors = output.filter((item) => item.json.error !== undefined).length;
			return `${output.length} items out, ${errors} errors`;
		}
		const outcomes = new Map<string, number>();
		for (const item of output) outcomes.set(String(item.json.outcome), (outcomes.get(String(item.json.outcome)) ?? 0) + 1);
		return `${output.length} items out: ${[...outcomes].map(([outcome, count]) => `${count} ${outcome}`).join(', ')}`;
	});
	const verification = await verifyCompany(sandbox, companyId, users);
	return { name: names[kind], ...run, outcome: run.value ?? 'no result', verification };
}

// ---------------------------------------------------------------------------------------------------------
// Return All

export type ListingKind = 'baseline' | 'node';

export async function listAll(kind: ListingKind, sandbox: BenchSandbox, companyId: string, expectedCount: number): Promise<ScenarioResult> {
	const names: Record<ListingKind, string> = {
		baseline: 'Baseline: HTTP Request loop, POST /api/target-users/search pageSize 10 until the last page',
		node: 'Keepnet node: Target User → Get Many, Return All',
	};
	const run = await observed(sandbox, async (): Promise<{ count: number; unique: number }> => {
		if (kind === 'baseline') {
			const token = await fetchToken(sandbox);
			const ids = new Set<string>();
			let count = 0;
			for (let pageNumber = 1; ; pageNumber++) {
				const page = await postJson<{ totalNumberOfPages?: number; results?: Array<{ resourceId?: string }> }>(sandbox, token, companyId, '/api/target-users/search', {
					filter: EMPTY_FILTER,
					pageNumber,
					pageSize: 10,
					orderBy: 'createTime',
					ascending: true,
				});
				const results = page?.results ?? [];
				count += results.length;
				for (const result of results) ids.add(String(result.resourceId));
				if (results.length === 0 || pageNumber >= (page?.totalNumberOfPages ?? 0)) break;
			}
			return { count, unique: ids.size };
		}
		const output = await runKeepnet(sandbox, { resource: 'targetUser', operation: 'getAll', companyId: company(companyId), returnAll: true });
		return { count: output.length, unique: new Set(output.map((item) => String(item.json.resourceId))).size };
	});
	const got = run.value;
	const complete = got !== undefined && got.count === expectedCount && got.unique === expectedCount;
	return {
		name: names[kind],
		...run,
		error: run.error ?? (complete ? undefined : `expected ${expectedCount} distinct users, got ${got?.count ?? 0} (${got?.unique ?? 0} distinct)`),
		outcome: got ? `${got.count.toLocaleString('en-US')} users (${got.unique.toLocaleString('en-US')} distinct)` : 'no result',
	};
}
