/** A small router (paths case-insensitive like ASP.NET routing) and the context every handler receives. */
import type { IncomingHttpHeaders } from 'http';
import type { Caller } from './auth';
import { forbidden, notFound, type ParsedBody, type SandboxResponse } from './http';
import type { CompanyRecord, SandboxStore } from './store';
import type { SandboxIds, SandboxReadings } from './types';

export interface AppContext {
	store: SandboxStore;
	ids: SandboxIds;
	readings: SandboxReadings;
	importTransactionLifetimeMs: number;
	baseUrl(): string;
}

export interface RouteContext {
	method: string;
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: ParsedBody;
	/** Set on authenticated (/api) routes. */
	caller: Caller;
	app: AppContext;
}

export type Handler = (ctx: RouteContext) => SandboxResponse | Promise<SandboxResponse>;

interface Route {
	method: string;
	segments: string[];
	literalCount: number;
	authenticated: boolean;
	handler: Handler;
}

export type RouteMatch = { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'method-not-allowed' } | { kind: 'not-found' };

function splitPath(path: string): string[] {
	return path.split('/').filter((segment) => segment !== '');
}

export class Router {
	/** Routes grouped by segment count: a request only has to be compared with routes of its own length. */
	private readonly routesByLength = new Map<number, Route[]>();

	add(method: string, pattern: string, handler: Handler, options: { authenticated?: boolean } = {}): void {
		const segments = splitPath(pattern);
		const bucket = this.routesByLength.get(segments.length) ?? [];
		this.routesByLength.set(segments.length, bucket);
		bucket.push({
			method: method.toUpperCase(),
			segments,
			literalCount: segments.filter((segment) => !segment.startsWith('{')).length,
			authenticated: options.authenticated ?? true,
			handler,
		});
	}

	match(method: string, path: string): RouteMatch {
		const parts = splitPath(path);
		let best: { route: Route; params: Record<string, string> } | undefined;
		let pathMatched = false;
		for (const route of this.routesByLength.get(parts.length) ?? []) {
			const params: Record<string, string> = {};
			let matches = true;
			for (let index = 0; index < parts.length; index++) {
				const segment = route.segments[index];
				if (segment.startsWith('{')) params[segment.slice(1, -1)] = decodeURIComponent(parts[index]);
				else if (segment.toLowerCase() !== parts[index].toLowerCase()) {
					matches = false;
					break;
				}
			}
			if (!matches) continue;
			pathMatched = true;
			if (route.method !== method.toUpperCase()) continue;
			// Literal segments win over parameters (".../search" beats ".../{id}").
			if (!best || route.literalCount > best.route.literalCount) best = { route, params };
		}
		if (best) return { kind: 'found', ...best };
		return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Company scoping (docs/keepnet-api.md#company-scope-headers)

/** Whether the caller may act on this company: its own, or (Reseller) a company it manages. */
export function canAccessCompany(caller: Caller, company: CompanyRecord): boolean {
	if (company.resourceId === caller.company.resourceId) return true;
	return caller.client.role === 'Reseller' && company.parentResourceId === caller.company.resourceId;
}

/** A company named by id (path or header): 404 when unknown, 403 when not accessible to the caller. */
export function accessibleCompany(ctx: RouteContext, companyId: string): CompanyRecord {
	const company = ctx.app.store.companies.get(companyId);
	if (!company) throw notFound(`Company '${companyId}' was not found.`);
	if (!canAccessCompany(ctx.caller, company)) throw forbidden('You are not authorized to access this company.');
	return company;
}

/**
 * The company a scoped call acts on: the X-KEEPNET-Company-Id header (names are case-insensitive in Node),
 * or the caller's own company when the header is absent or empty.
 */
export function scopedCompany(ctx: RouteContext): CompanyRecord {
	const header = ctx.headers['x-keepnet-company-id'];
	const value = (Array.isArray(header) ? header[0] : header)?.trim();
	if (!value) return ctx.caller.company;
	return accessibleCompany(ctx, value);
}

/** Reseller-only endpoints (companies/search, company create/update/delete): 403 for other roles. */
export function requireReseller(ctx: RouteContext): void {
	if (ctx.caller.client.role !== 'Reseller') throw forbidden('You do not have permission to perform this operation.');
}
