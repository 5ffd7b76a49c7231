/**
 * What the benchmark does to a Keepnet sandbox besides sending it HTTP requests: seeding users through
 * the store (no HTTP), reading the request log as counts, and reading back a company's users to check
 * that nothing was lost or duplicated. Shared by the in-process sandbox and the child-process host, so
 * both placements count and verify the same way.
 */
import { targetUserFields, type RateLimitKnobs, type Sandbox } from '../test/sandbox';
import { generateUsers } from './data';

/** Requests the sandbox received since the last clear. */
export interface RequestTally {
	total: number;
	/** POST /connect/token. */
	token: number;
	/** "METHOD /path" with ids replaced by placeholders → count, e.g. "GET /api/jobs/{id}": 2. */
	byRoute: Record<string, number>;
	/** Epoch ms when the first request arrived and when the last answer was finished (0 without requests). */
	firstArrivalMs: number;
	lastAnswerMs: number;
	/** Sum over requests of arrival → end of answer (injected latency included), per route as well. */
	serverMs: number;
	serverMsByRoute: Record<string, number>;
	/** HTTP status answered → count (0 = dropped connection). */
	byStatus: Record<string, number>;
	/** Most requests being answered at the same moment (from arrival and duration). */
	peakInFlight: number;
	/** Per second from the first arrival: /api answers that were not 429, and 429s (by the answer's end). */
	perSecond: Array<{ ok: number; refused: number }>;
	/** Most 429s answered to one request (same method, path and body), i.e. the most retries one request needed. */
	mostRefusalsOfOneRequest: number;
}

/** The users of a company as the store holds them, for the correctness check. */
export interface CompanyUsers {
	/** Lower-cased e-mail of every user that is not soft-deleted (one entry per record, so duplicates show). */
	liveEmails: string[];
	deletedCount: number;
}

export interface SeedRequest {
	companyId: string;
	count: number;
	randomSeed: number;
}

export interface SandboxSummary {
	url: string;
	reseller: Sandbox['clients']['reseller'];
	ids: Sandbox['ids'];
}

/** Keepnet ids are 12 alphanumerics; import transaction ids are GUIDs. */
function routeOf(method: string, path: string): string {
	const segments = path.split('/').map((segment) => {
		if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return '{transactionId}';
		if (/^[A-Za-z0-9]{12}$/.test(segment) && /[0-9A-Z]/.test(segment)) return '{id}';
		return segment;
	});
	return `${method} ${segments.join('/')}`;
}

export function tallyRequests(sandbox: Sandbox): RequestTally {
	const byRoute: Record<string, number> = {};
	const serverMsByRoute: Record<string, number> = {};
	let token = 0;
	let firstArrivalMs = Number.POSITIVE_INFINITY;
	let lastAnswerMs = 0;
	let serverMs = 0;
	const byStatus: Record<string, number> = {};
	const edges: Array<[number, number]> = [];
	for (const request of sandbox.requests) {
		byStatus[String(request.status)] = (byStatus[String(request.status)] ?? 0) + 1;
		edges.push([request.time, 1], [request.time + request.durationMs, -1]);
		const route = routeOf(request.method, request.path);
		byRoute[route] = (byRoute[route] ?? 0) + 1;
		serverMsByRoute[route] = (serverMsByRoute[route] ?? 0) + request.durationMs;
		if (request.method === 'POST' && request.path.toLowerCase() === '/connect/token') token++;
		firstArrivalMs = Math.min(firstArrivalMs, request.time);
		lastAnswerMs = Math.max(lastAnswerMs, request.time + request.durationMs);
		serverMs += request.durationMs;
	}
	const perSecond: Array<{ ok: number; refused: number }> = [];
	const refusalsByRequest = new Map<string, number>();
	for (const request of sandbox.requests) {
		if (!request.path.toLowerCase().startsWith('/api/')) continue;
		if (request.status === 429) {
			const key = `${request.method} ${request.path} ${JSON.stringify(request.body)}`;
			refusalsByRequest.set(key, (refusalsByRequest.get(key) ?? 0) + 1);
		}
		const second = Math.floor((request.time + request.durationMs - firstArrivalMs) / 1000);
		while (perSecond.length <= second) perSecond.push({ ok: 0, refused: 0 });
		if (request.status === 429) perSecond[second].refused++;
		else perSecond[second].ok++;
	}
	// Ends before starts at the same millisecond: a request answered when the next arrives was not concurrent with it.
	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let inFlight = 0;
	let peakInFlight = 0;
	for (const [, change] of edges) {
		inFlight += change;
		peakInFlight = Math.max(peakInFlight, inFlight);
	}
	return {
		byStatus,
		peakInFlight,
		perSecond,
		mostRefusalsOfOneRequest: Math.max(0, ...refusalsByRequest.values()),
		total: sandbox.requests.length,
		token,
		byRoute,
		firstArrivalMs: Number.isFinite(firstArrivalMs) ? firstArrivalMs : 0,
		lastAnswerMs,
		serverMs,
		serverMsByRoute,
	};
}

export function companyUsers(sandbox: Sandbox, companyId: string): CompanyUsers {
	const users = sandbox.store.targetUsersOf(companyId);
	return {
		liveEmails: users.filter((user) => !user.isDeleted).map((user) => user.email.toLowerCase()),
		deletedCount: users.filter((user) => user.isDeleted).length,
	};
}

/** The mail domain of a seeded company (from its website, e.g. https://www.hooli.example → hooli.example). */
export function companyDomain(sandbox: Sandbox, companyId: string): string {
	const website = sandbox.store.companies.get(companyId)?.websiteUrl ?? `https://www.${companyId.toLowerCase()}.example`;
	return new URL(website).hostname.replace(/^www\./, '');
}

/**
 * Adds `count` generated users to a company directly in the store (set-up for the listing and export
 * scenarios, not part of any timing), and sizes the company's license for them so that a sandbox that
 * enforces seat limits would not refuse the benchmark's writes either.
 */
export function seedUsers(sandbox: Sandbox, request: SeedRequest): void {
	const domain = companyDomain(sandbox, request.companyId);
	const users = generateUsers(request.count, domain, request.randomSeed);
	const startMs = Date.UTC(2025, 2, 3, 8, 0, 0);
	users.forEach((user, index) => {
		sandbox.store.addTargetUser(
			request.companyId,
			targetUserFields(user.email, {
				firstName: user.firstName,
				lastName: user.lastName,
				department: user.department,
				priority: user.priority === '' ? 'Medium' : user.priority,
				phoneNumber: user.phoneNumber,
				// A few seconds apart, like users added by a directory sync over a working day.
				createTime: new Date(startMs + index * 3000).toISOString(),
			}),
		);
	});
	licenseSeats(sandbox, request.companyId, request.count * 2);
}

/** Gives a company a license with room for `seats` users (set-up only). */
export function licenseSeats(sandbox: Sandbox, companyId: string, seats: number): void {
	const company = sandbox.store.companies.get(companyId);
	if (!company) throw new Error(`Unknown company ${companyId}`);
	company.isNumberOfUsersLimited = true;
	company.numberOfUsers = Math.max(company.numberOfUsers ?? 0, Math.ceil(seats / 50) * 50);
}

/** Switches the sandbox's per-client rate limit (null = off); a new limit starts every client with a full budget. */
export function setRateLimit(sandbox: Sandbox, limit: RateLimitKnobs | null): void {
	sandbox.faults.rateLimit = limit === null ? null : { ...limit };
}
