/**
 * The Keepnet sandbox: a local, in-memory HTTP server that behaves like the Keepnet Labs API as described in
 * docs/keepnet-api.md (token endpoint, ServiceResult envelope, reseller scoping, validation, search/paging, exports,
 * bulk import, system users, roles) plus fault injection for resilience tests. Dev/test only; never published.
 *
 *   const sandbox = await startSandbox();
 *   // sandbox.url, sandbox.clients.reseller, sandbox.ids.customerCompanyIds[0], sandbox.faults.rateLimitEvery = 3 …
 *   await sandbox.close();
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { Readable } from 'stream';
import { TokenService, type Caller } from './auth';
import { createFaultKnobs, FaultInjector, substituteEchoes, type FaultDecision } from './faults';
import { RateLimiter } from './rateLimit';
import { HttpError, internalServerError, parseBody, recordableBody, type ParsedBody, type SandboxResponse } from './http';
import { LOOKUPS, LICENSE_MODULES } from './lookups';
import { Prng } from './prng';
import { Router, type AppContext } from './router';
import { registerAuditLogRoutes } from './routes/auditLogs';
import { registerCompanyRoutes } from './routes/companies';
import { registerCompanyGroupRoutes } from './routes/companyGroups';
import { registerCustomerIntegrationRoutes } from './routes/customerIntegrations';
import { registerDashboardRoutes } from './routes/dashboard';
import { registerImportRoutes } from './routes/importFlow';
import { registerGamificationRoutes } from './routes/gamification';
import { registerLookupRoutes } from './routes/lookups';
import { registerPhishingRoutes } from './routes/phishing';
import { registerReportRoutes } from './routes/reports';
import { registerPhishingCampaignRoutes } from './routes/phishingCampaigns';
import { registerSimulationReportRoutes } from './routes/simulationReports';
import { registerSystemUserRoutes } from './routes/systemUsers';
import { registerTargetGroupRoutes } from './routes/targetGroups';
import { registerTargetUserRoutes } from './routes/targetUsers';
import { registerTrainingRoutes } from './routes/training';
import { registerTrainingDeliveryRoutes } from './routes/trainingDelivery';
import { registerTrainingEnrollmentRoutes } from './routes/trainingEnrollments';
import { seedStore } from './seed';
import { seedResellerData } from './reseller';
import { SandboxStore } from './store';
import { DEFAULT_SANDBOX_READINGS, type RecordedRequest, type Sandbox, type SandboxOptions } from './types';

export type {
	ErrorRateKnobs,
	FailNextEntry,
	FailNextMatch,
	FaultKnobs,
	RateLimitKnobs,
	MultipartBody,
	RecordedFile,
	RecordedRequest,
	Sandbox,
	SandboxClientCredentials,
	SandboxIds,
	SandboxOptions,
	SandboxReadings,
	SeedOptions,
} from './types';
export type { SandboxStore, CompanyRecord, TargetUserRecord, TargetGroupRecord, SystemUserRecord, RoleRecord, JobRecord } from './store';
export { targetUserFields } from './store';
export { journeyOf, updateTargetUserAt, addCustomerCompanyAt } from './journey';
export { resellerOf } from './reseller';
export { channelJourneyOf, type SandboxChannel } from './routes/simulationReports';
export { deliveryOf, setSurveyAnswers, type SurveyAnswer } from './routes/trainingDelivery';
export { addGamificationEvent, type GamificationEvent } from './routes/gamification';
export { reportsOf } from './routes/reports';
export type { ResellerStore, CompanyGroupRecord, RestApiClientRecord, ScimIntegrationRecord, DirectEmailSettingRecord, SecretEchoEntry } from './reseller';
export type { JourneyStore, AuditLogRecord, EnrollmentRecord, TrainingUserRow, PhishingCampaignRecord, PhishingRunRecord, PhishingUserRow, PhishingBehaviour } from './journey';
export { LOOKUPS, LOOKUP_TYPE, TIME_ZONES, LICENSE_MODULES, PRIORITIES } from './lookups';
export { DEFAULT_SANDBOX_READINGS } from './types';

/** Uploads are capped well above the UI's 200 MB import limit would matter for tests. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const DEFAULT_SEED = 20240601;

function readRequestBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('Request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
		// A client that hangs up mid-body never sends 'end'.
		req.on('close', () => {
			if (!req.complete) reject(new Error('Client closed the connection before sending the whole body'));
		});
	});
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	return flat;
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const [name, value] of params) {
		const existing = query[name];
		if (existing === undefined) query[name] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else query[name] = [existing, value];
	}
	return query;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	if (host !== '127.0.0.1') throw new Error('The Keepnet sandbox listens on 127.0.0.1 only.');
	const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
	if (!(tokenLifetimeSeconds > 0)) throw new Error('tokenLifetimeSeconds must be > 0');
	const recordRequests = options.recordRequests ?? true;
	const maxRecordedRequests = Math.max(1, options.maxRecordedRequests ?? 100_000);

	const prng = new Prng(options.seed?.randomSeed ?? DEFAULT_SEED);
	const store = new SandboxStore(prng);
	for (const list of Object.values(LOOKUPS)) for (const item of list) store.reserveId(item.resourceId);
	for (const module of LICENSE_MODULES) store.reserveId(module.resourceId);
	const { ids, clients } = seedStore(store, options.seed ?? {}, prng);
	seedResellerData(store, ids.resellerCompanyId, ids.customerCompanyIds);

	const faults = createFaultKnobs(options.latencyMs ?? 0);
	const injector = new FaultInjector(faults);
	const rateLimiter = new RateLimiter();
	const requests: RecordedRequest[] = [];
	let url = '';
	const tokens = new TokenService(store, tokenLifetimeSeconds, () => url);
	const app: AppContext = {
		store,
		ids,
		readings: { ...DEFAULT_SANDBOX_READINGS, ...options.readings },
		importTransactionLifetimeMs: (options.importTransactionLifetimeSeconds ?? 3600) * 1000,
		baseUrl: () => url,
	};

	/** Rate limits are per client: the one the token was issued to, else the raw header (e.g. a garbage token). */
	function rateLimitClientKey(authorization: string | undefined): string {
		const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
		const clientId = token === undefined ? undefined : store.tokens.get(token)?.clientId;
		return clientId === undefined ? `header:${authorization ?? ''}` : `client:${clientId}`;
	}

	const router = new Router();
	router.add('POST', '/connect/token', (ctx) => tokens.issue(ctx.body), { authenticated: false });
	registerLookupRoutes(router);
	registerCompanyRoutes(router);
	registerReportRoutes(router);
	registerTargetUserRoutes(router);
	registerImportRoutes(router);
	registerTargetGroupRoutes(router);
	registerSystemUserRoutes(router);
	registerAuditLogRoutes(router);
	registerDashboardRoutes(router);
	registerTrainingRoutes(router);
	registerGamificationRoutes(router);
	registerTrainingDeliveryRoutes(router);
	registerPhishingRoutes(router);
	registerTrainingEnrollmentRoutes(router);
	registerPhishingCampaignRoutes(router);
	registerSimulationReportRoutes(router);
	registerCompanyGroupRoutes(router);
	registerCustomerIntegrationRoutes(router);

	async function dispatch(method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders, body: ParsedBody): Promise<SandboxResponse> {
		const match = router.match(method, path);
		if (match.kind === 'not-found') return { status: 404, headers: {}, body: null };
		if (match.kind === 'method-not-allowed') return { status: 405, headers: {}, body: null };
		let caller: Caller | null = null;
		if (match.route.authenticated) {
			const auth = tokens.authenticate(headers.authorization);
			if (!('client' in auth)) return auth;
			caller = auth;
		}
		try {
			return await match.route.handler({ method, path, params: match.params, query, headers, body, caller: caller as Caller, app });
		} catch (error) {
			if (error instanceof HttpError) return error.response;
			const message = error instanceof Error ? error.message : String(error);
			return internalServerError(`Sandbox handler error: ${message}`).response;
		}
	}

	function send(res: ServerResponse, response: SandboxResponse, record: RecordedRequest | null): void {
		if (record) record.status = response.status;
		res.statusCode = response.status;
		for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
		const body = response.body;
		if (body instanceof Readable) {
			body.on('error', () => res.destroy());
			body.pipe(res);
			return;
		}
		const buffer = body === null ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
		res.setHeader('content-length', buffer.length);
		res.end(buffer);
	}

	function sendFault(req: IncomingMessage, res: ServerResponse, decision: FaultDecision, record: RecordedRequest | null, body?: ParsedBody): void {
		if (decision.hang) {
			// Leave the socket open and silent; close() ends it with closeAllConnections().
			if (record) record.status = 0;
			return;
		}
		if (decision.dropConnection) {
			if (record) record.status = 0;
			req.socket.destroy();
			return;
		}
		const secretField = body?.form?.client_secret;
		const echo = (text: string) => substituteEchoes(text, req.headers.authorization, Array.isArray(secretField) ? secretField[0] : secretField);
		// Headers echo too (e.g. a Content-Disposition file name built from the request).
		const headers = Object.fromEntries(Object.entries(decision.headers).map(([name, value]) => [name, echo(value)]));
		send(res, { status: decision.status, headers, body: echo(decision.body) }, record);
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const arrived = Date.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const parsedUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = parsedUrl.pathname;
		let record: RecordedRequest | null = null;
		if (recordRequests) {
			record = { method, path, query: queryObject(parsedUrl.searchParams), headers: flattenHeaders(req.headers), body: null, status: 0, time: arrived, durationMs: 0 };
			requests.push(record);
			// Trim in batches so that a long benchmark does not pay an O(n) splice per request.
			if (requests.length > maxRecordedRequests * 1.1) requests.splice(0, requests.length - maxRecordedRequests);
			const finished = record;
			res.on('close', () => {
				finished.durationMs = Date.now() - arrived;
			});
		}
		let raw: Buffer;
		try {
			raw = await readRequestBody(req);
		} catch {
			if (!res.headersSent && !req.socket.destroyed) send(res, { status: 413, headers: {}, body: null }, record);
			return;
		}
		const body = await parseBody(req.headers, raw);
		if (record) record.body = recordableBody(body);
		// The gateway's rate limit counts a request from its arrival until its answer is finished.
		const limit = path.toLowerCase().startsWith('/api/') ? rateLimiter.admit(faults.rateLimit, rateLimitClientKey(req.headers.authorization)) : undefined;
		if (limit) res.on('close', limit.release);
		if (faults.latencyMs > 0) await sleep(faults.latencyMs);

		if (limit?.retryAfterSeconds !== undefined) {
			sendFault(req, res, injector.rateLimited(limit.retryAfterSeconds), record);
			return;
		}
		const companyHeader = req.headers['x-keepnet-company-id'];
		const decision = injector.decide(
			method,
			path,
			faults.failNext.some((entry) => entry.match?.bodyIncludes) ? raw.toString('utf8') : '',
			typeof companyHeader === 'string' ? companyHeader : undefined,
		);
		if (decision && !decision.applyAfterWrite) {
			sendFault(req, res, decision, record, body);
			return;
		}
		faults.beforeHandling?.(method, path);
		const response = await dispatch(method, path, parsedUrl.searchParams, req.headers, body);
		if (decision) {
			// The write happened; the client only sees the failure (a lost answer).
			if (response.body instanceof Readable) response.body.destroy();
			sendFault(req, res, decision, record, body);
			return;
		}
		send(res, response, record);
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (!res.headersSent) send(res, internalServerError(`Sandbox error: ${error instanceof Error ? error.message : String(error)}`).response, null);
			else res.destroy();
		});
	});
	server.keepAliveTimeout = 5000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	url = `http://${host}:${port}`;

	let closed = false;
	return {
		url,
		port,
		clients,
		ids,
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		faults,
		readings: app.readings,
		store,
		tokensIssued: () => store.tokensIssuedCount,
		expireAllTokens: () => tokens.expireAll(),
		close: async () => {
			if (closed) return;
			closed = true;
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}
