/**
 * Public types of the Keepnet sandbox (a local, in-memory imitation of the Keepnet Labs API, dev/test only).
 * Other test suites and benchmarks code against these names, so change them only additively.
 */
import type { SandboxStore } from './store';

/** Sizes of the deterministic seed. Every field is optional; the defaults give a small, realistic tenant tree. */
export interface SeedOptions {
	/** PRNG seed: the same seed (and sizes) always gives the same ids, names and e-mails. Default 20240601. */
	randomSeed?: number;
	/** Number of customer companies managed by the reseller "Acme MSSP". Default 5, minimum 3. */
	customerCount?: number;
	/** Target users per customer company (includes a few inactive and soft-deleted ones). Default 25. */
	targetUsersPerCompany?: number;
	/** Per-customer override of targetUsersPerCompany, by customer index (e.g. [100000] makes the first customer big). */
	targetUserCounts?: number[];
	/** Target users in the reseller's own company (used when no X-KEEPNET-Company-Id header is sent). Default 5. */
	resellerOwnTargetUsers?: number;
	/** System users per company (the first one is a Company Admin). Default 3. */
	systemUsersPerCompany?: number;
}

export interface SandboxOptions {
	/** TCP port; 0 (default) picks a free one. */
	port?: number;
	/** Only loopback is allowed. */
	host?: '127.0.0.1';
	/** Lifetime of issued access tokens (the real API: 3600). Fractions are allowed for fast expiry tests. */
	tokenLifetimeSeconds?: number;
	/** Initial value of faults.latencyMs. */
	latencyMs?: number;
	seed?: SeedOptions;
	/** Keep a log of requests in sandbox.requests (default true). Benchmarks may switch it off to save memory. */
	recordRequests?: boolean;
	/** When the request log grows beyond this many entries the oldest ones are dropped. Default 100000. */
	maxRecordedRequests?: number;
	/** An import transactionId (upload) is forgotten after this many seconds; later calls with it get 404. Default 3600. */
	importTransactionLifetimeSeconds?: number;
	/** How the sandbox answers where the contract is unverified (see SandboxReadings); changeable later through sandbox.readings. */
	readings?: Partial<SandboxReadings>;
}

/**
 * Switches between the readings of behaviour the contract leaves unverified, so that a test can run the node
 * against each of them. Mutable at runtime (sandbox.readings); each default is named below.
 */
export interface SandboxReadings {
	/**
	 * docs/keepnet-api.md#save-for-later-and-idle-runs: whether a campaign created with Save for Later (scheduleTypeId 2) gets an Idle run at
	 * once, launched later by start/{id}/{instanceGroup}. false (default): no run until start/{id}.
	 */
	saveForLaterMakesIdleRun: boolean;
	/**
	 * docs/keepnet-api.md#phishing-campaign-create: a campaign create without smtpSettingResourceId / directEmailSettingResourceId. 'refused'
	 * (default): 400, as the web app never sends one without; 'companyDefault': the company's default setting is used.
	 */
	campaignWithoutDeliverySetting: 'refused' | 'companyDefault';
	/**
	 * docs/keepnet-api.md#bulk-import: an import mapping with fieldName "Preferred Language" (no Keepnet client is shown sending it).
	 * 'refused' (default): 400 like any unknown field; 'ignored': accepted, the column is not stored; 'applied': stored.
	 */
	importPreferredLanguageMapping: 'refused' | 'ignored' | 'applied';
	/**
	 * docs/results-reporting.md#gamification conflict: the answer of POST /leaderboard/get-all and /get-top-performers. 'list' (default; SPEC):
	 * `data` is the page's rows, each with totalRowCount; 'paged' (web app): `data` is {results, pageNumber, …}.
	 */
	leaderboardEnvelope: 'list' | 'paged';
	/**
	 * docs/billing-and-reports.md#unverified-and-what-the-node-does-under-each-reading: whether POST /api/executive-report/get-widget-datas takes several widgetIds. 'many' (default):
	 * yes, one result per widget; 'one': more than one is a 400 (the web console asks for one per call).
	 */
	widgetsPerCall: 'many' | 'one';
	/**
	 * docs/billing-and-reports.md#unverified-and-what-the-node-does-under-each-reading: the {reportType} of DELETE /api/report-scheduling/{id}/{reportType}. 'number' (default): 2, as the
	 * web console sends; 'name': ExecutiveReport. The other form is a 400 and nothing is deleted.
	 */
	scheduledReportDeleteType: 'number' | 'name';
}

export const DEFAULT_SANDBOX_READINGS: SandboxReadings = {
	saveForLaterMakesIdleRun: false,
	campaignWithoutDeliverySetting: 'refused',
	importPreferredLanguageMapping: 'refused',
	leaderboardEnvelope: 'list',
	widgetsPerCall: 'many',
	scheduledReportDeleteType: 'number',
};

/** One recorded multipart file (metadata only; the content is not kept in the log). */
export interface RecordedFile {
	field: string;
	filename: string;
	mimeType: string;
	size: number;
}

export interface MultipartBody {
	fields: Record<string, string | string[]>;
	files: RecordedFile[];
}

/**
 * The body as the sandbox saw it: parsed JSON for JSON content types, a field object for
 * application/x-www-form-urlencoded, MultipartBody for multipart/form-data, otherwise the raw text
 * (null when the body was empty).
 */
export type RecordedBody = unknown;

export interface RecordedRequest {
	method: string;
	/** Path without the query string, as sent (not lower-cased). */
	path: string;
	query: Record<string, string | string[]>;
	/** Header names lower-cased; repeated headers joined with ", ". */
	headers: Record<string, string>;
	body: RecordedBody;
	/** Status sent back; 0 when the connection was dropped on purpose (or the answer is still being produced). */
	status: number;
	/** Epoch milliseconds when the request arrived. */
	time: number;
	/** Milliseconds from arrival to the end of the answer (includes injected latency). */
	durationMs: number;
}

export interface FailNextMatch {
	/** HTTP method, case-insensitive. */
	method?: string;
	/** Prefix of the request path, case-insensitive (e.g. "/api/target-users"). */
	pathPrefix?: string;
	/** The whole request path, case-insensitive (e.g. "/api/target-users" but not "/api/target-users/search"). */
	path?: string;
	/** End of the request path, case-insensitive (e.g. "/import" for POST /api/target-users/{transactionId}/import). */
	pathSuffix?: string;
	/** Text the raw request body must contain, case-sensitive (e.g. one user's email, to single out one item). */
	bodyIncludes?: string;
	/** The X-KEEPNET-Company-Id header the request must carry (to single out one customer of a fan-out). */
	companyId?: string;
}

/** A one-shot injected answer. Entries are consumed in order: the first entry whose match fits the request is used and removed. */
export interface FailNextEntry {
	/** Without match the entry applies to the very next request, including POST /connect/token. */
	match?: FailNextMatch;
	status: number;
	/** Response body; when absent a realistic default for the status is sent (JSON ServiceResult, or HTML for 502/503/504). */
	body?: string;
	contentType?: string;
	/** Extra response headers (e.g. a custom Retry-After). */
	headers?: Record<string, string>;
	/** Destroy the socket instead of answering (the client sees a connection reset / "socket hang up"). */
	dropConnection?: boolean;
	/** Perform the real operation first, then answer with this failure (a lost answer to a write that succeeded). */
	applyAfterWrite?: boolean;
	/** Accept the request, read its body, and never answer (a Keepnet or proxy that hangs). The socket stays open until the client gives up or the sandbox closes. */
	hang?: boolean;
}

export interface ErrorRateKnobs {
	/** Probability (0..1) that an /api request answers serverErrorStatus. */
	serverError: number;
	/** Probability (0..1) that an /api request answers 429. */
	rateLimit: number;
	/** Seed of the PRNG used for these draws. Assigning a new errorRate object or changing the seed restarts the sequence. Default 1. */
	randomSeed?: number;
}

/** A per-client rate limit like a real API's (test/sandbox/rateLimit.ts). */
export interface RateLimitKnobs {
	/** Sustained requests per second per client (0 = no rate, only the in-flight cap). */
	requestsPerSecond: number;
	/** Requests a client may send at once after being idle (token-bucket size); default requestsPerSecond. */
	burst?: number;
	/** At most this many requests of one client being answered at the same time (0 = no cap). */
	maxInFlight: number;
}

export interface FaultKnobs {
	/** Added to every request (token endpoint included). */
	latencyMs: number;
	/** 0 = off; every Nth /api request answers 429 (counted from when the value was last changed). */
	rateLimitEvery: number;
	/** Retry-After header value on injected 429s; null = no header. */
	retryAfterSeconds: number | null;
	/** 0 = off; every Nth /api request answers serverErrorStatus (counted from when the value was last changed). */
	serverErrorEvery: number;
	serverErrorStatus: number;
	failNext: FailNextEntry[];
	errorRate: ErrorRateKnobs;
	/** null = off. A per-client limit on /api requests: 429 + Retry-After beyond it. Assign a new object to reset it. */
	rateLimit: RateLimitKnobs | null;
	/**
	 * Tests only: called just before each request is handled (after latency and faults), so a test can play another
	 * client changing Keepnet's data between two requests of a run. null = off.
	 */
	beforeHandling: ((method: string, path: string) => void) | null;
}

export interface SandboxClientCredentials {
	clientId: string;
	clientSecret: string;
}

export interface SandboxIds {
	/** "Acme MSSP", the reseller whose client is clients.reseller. */
	resellerCompanyId: string;
	/** Customers managed by the reseller, in seed order (customerCompanyIds[0] is "Globex Corporation"). */
	customerCompanyIds: string[];
	/** A company that exists but belongs to another reseller ("Northwind Traders" under "Contoso Security Partners"). */
	unmanagedCompanyId: string;
	/** The other reseller that owns unmanagedCompanyId. */
	otherResellerCompanyId: string;
	/** Own company of clients.companyAdmin (it is customerCompanyIds[0]). */
	companyAdminCompanyId: string;
	/** A managed customer whose target-user count exceeds its license (isTargetUserCountExceededLimit). */
	overLicenseCompanyId: string;
	/** A managed customer whose license end date is in the past (licenceExpired true). */
	expiredLicenseCompanyId: string;
	/** Role ids per company id. */
	rolesByCompany: Record<string, { companyAdmin: string; reseller: string; custom?: string }>;
	/** Target group ids per company id, keyed by group name ("All Staff", "Finance", "IT Department", "New Hires"). */
	targetGroupsByCompany: Record<string, Record<string, string>>;
	/** The system-generated group ("Repeat Offenders", no members) per company id: listed only with systemGeneratedGroups true. */
	systemGroupByCompany: Record<string, string>;
}

export interface Sandbox {
	/** e.g. "http://127.0.0.1:4010" (no trailing slash). */
	url: string;
	port: number;
	clients: { reseller: SandboxClientCredentials; companyAdmin: SandboxClientCredentials };
	ids: SandboxIds;
	/** Every request received, in arrival order (see SandboxOptions.recordRequests / maxRecordedRequests). */
	requests: RecordedRequest[];
	clearRequests(): void;
	/** Mutable at runtime. */
	faults: FaultKnobs;
	/** The reading of each unverified behaviour the sandbox plays (mutable at runtime). */
	readings: SandboxReadings;
	store: SandboxStore;
	/** Count of successful POST /connect/token answers. */
	tokensIssued(): number;
	/** Every token issued so far becomes expired: the next /api call with it gets 401. New tokens work. */
	expireAllTokens(): void;
	close(): Promise<void>;
}
