/** Helpers for the sandbox's own tests: token fetch and a tiny JSON client over Node 20's global fetch. */
import type { Sandbox } from '..';

/** The canonical UI/AGENT filter (docs/keepnet-api.md#search-bodies-and-paging, docs/keepnet-api.md#filter-format): group 0 = AND column filters, group 1 = OR free-text terms. */
export function emptyFilter(): Record<string, unknown> {
	return {
		Condition: 'AND',
		SearchInputTextValue: '',
		FilterGroups: [
			{ Condition: 'AND', FilterItems: [], FilterGroups: [] },
			{ Condition: 'OR', FilterItems: [], FilterGroups: [] },
		],
	};
}

export function filterWith(items: Array<{ FieldName: string; Operator: string; Value: string }>, text = ''): Record<string, unknown> {
	return {
		Condition: 'AND',
		SearchInputTextValue: text,
		FilterGroups: [
			{ Condition: 'AND', FilterItems: items, FilterGroups: [] },
			{ Condition: 'OR', FilterItems: [], FilterGroups: [] },
		],
	};
}

export function searchBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return { pageNumber: 1, pageSize: 10, orderBy: 'CreateTime', ascending: false, filter: emptyFilter(), ...overrides };
}

export async function requestToken(sandbox: Sandbox, form: Record<string, string>): Promise<Response> {
	return fetch(`${sandbox.url}/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
}

export async function getToken(sandbox: Sandbox, who: 'reseller' | 'companyAdmin' = 'reseller'): Promise<string> {
	const client = sandbox.clients[who];
	const response = await requestToken(sandbox, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'api1' });
	if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
	const body = (await response.json()) as { access_token: string };
	return body.access_token;
}

export interface ApiAnswer<T = unknown> {
	status: number;
	headers: Headers;
	/** Parsed JSON body (null when the body is empty or not JSON). */
	json: T;
	text: string;
}

export interface ServiceResultBody<T = unknown> {
	status: string;
	message: string | null;
	validationMessages: string[] | null;
	data: T;
}

export interface Paged<T> {
	pageNumber: number;
	pageSize: number;
	totalNumberOfPages: number;
	totalNumberOfRecords: number;
	results: T[];
}

export interface CallOptions {
	body?: unknown;
	/** Sent as X-KEEPNET-Company-Id. */
	companyId?: string;
	headers?: Record<string, string>;
}

export async function api<T = ServiceResultBody>(sandbox: Sandbox, token: string | null, method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer<T>> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	if (token) headers.authorization = `Bearer ${token}`;
	if (options.companyId) headers['X-KEEPNET-Company-Id'] = options.companyId;
	let body: string | FormData | undefined;
	if (options.body instanceof FormData) body = options.body;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
	}
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
	const text = await response.text();
	let json: unknown = null;
	try {
		json = text === '' ? null : JSON.parse(text);
	} catch {
		json = null;
	}
	return { status: response.status, headers: response.headers, json: json as T, text };
}

/** Builds the multipart body of POST/PUT /api/companies from PascalCase fields (arrays as repeated keys). */
export function companyForm(fields: Record<string, string | number | boolean | string[]>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		if (Array.isArray(value)) for (const item of value) form.append(name, item);
		else form.append(name, String(value));
	}
	return form;
}
