/**
 * POST /connect/token (client credentials, form-encoded only) and bearer-token checks for /api routes.
 * Tokens are real-looking JWTs (HS256-signed with a per-sandbox key) carrying the claims of docs/keepnet-api.md#base-url-and-token-endpoint.
 */
import { createHmac, randomBytes } from 'crypto';
import { findLookup, LOOKUP_TYPE } from './lookups';
import { jsonResponse, type ParsedBody, type SandboxResponse } from './http';
import type { ClientRecord, CompanyRecord, IssuedToken, SandboxStore } from './store';

export interface Caller {
	client: ClientRecord;
	token: IssuedToken;
	/** The credential's own company. */
	company: CompanyRecord;
}

const PERMISSIONS = [
	'companies/search|POST',
	'companies|POST',
	'companies|PUT',
	'companies|DELETE',
	'target-users|POST',
	'target-users/search|POST',
	'system-users|POST',
	'roles|GET',
];

function base64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function oauthError(status: number, error: string, description?: string): SandboxResponse {
	return jsonResponse(status, description ? { error, error_description: description } : { error }, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

export class TokenService {
	private readonly signingKey = randomBytes(32);

	constructor(
		private readonly store: SandboxStore,
		private readonly tokenLifetimeSeconds: number,
		private readonly issuer: () => string,
	) {}

	/** Handles POST /connect/token. */
	issue(body: ParsedBody): SandboxResponse {
		// The real endpoint fails with 500 for JSON (DOCS warn n8n/Zapier/Make users about it) or any non-form body.
		const isForm = body.mediaType === 'application/x-www-form-urlencoded';
		if (!isForm) {
			return jsonResponse(500, {
				error: 'server_error',
				error_description: `Token requests must use Content-Type application/x-www-form-urlencoded (got '${body.mediaType || 'none'}').`,
			});
		}
		const form = body.form ?? {};
		const field = (name: string): string | undefined => {
			const value = form[name];
			return Array.isArray(value) ? value[0] : value;
		};
		const grantType = field('grant_type');
		if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is missing');
		const client = this.store.clients.get(field('client_id') ?? '');
		if (!client || client.clientSecret !== field('client_secret')) return oauthError(400, 'invalid_client');
		if (grantType !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
		const scope = field('scope');
		if (scope === undefined || scope.trim() === '') return oauthError(400, 'invalid_request', 'scope is missing');
		const scopes = scope.split(' ').filter((item) => item !== '');
		if (scopes.some((item) => item !== 'api1')) return oauthError(400, 'invalid_scope');
		const company = this.store.companies.get(client.companyId);
		if (!company) return oauthError(400, 'invalid_client');

		const issuedAtMs = Date.now();
		const expiresAtMs = issuedAtMs + this.tokenLifetimeSeconds * 1000;
		const accessToken = this.sign(client, company, issuedAtMs, expiresAtMs);
		this.store.tokens.set(accessToken, { accessToken, clientId: client.clientId, issuedAtMs, expiresAtMs, forcedExpired: false });
		this.store.tokensIssuedCount++;
		return jsonResponse(
			200,
			{ access_token: accessToken, expires_in: Math.round(this.tokenLifetimeSeconds), token_type: 'Bearer', scope: 'api1', permissions: PERMISSIONS },
			{ 'cache-control': 'no-store', pragma: 'no-cache' },
		);
	}

	private sign(client: ClientRecord, company: CompanyRecord, issuedAtMs: number, expiresAtMs: number): string {
		const parent = company.parentResourceId ? this.store.companies.get(company.parentResourceId) : undefined;
		const isReseller = client.role === 'Reseller';
		const header = { alg: 'HS256', kid: 'keepnet-sandbox', typ: 'at+jwt' };
		const claims = {
			iss: this.issuer(),
			nbf: Math.floor(issuedAtMs / 1000),
			iat: Math.floor(issuedAtMs / 1000),
			exp: Math.floor(expiresAtMs / 1000),
			aud: 'api1',
			scope: ['api1'],
			client_id: client.clientId,
			jti: randomBytes(16).toString('hex').toUpperCase(),
			user_company_resourceid: company.resourceId,
			user_company_id: String(company.numericId),
			user_company_name: company.name,
			user_company_logopath: company.logoUrl ?? '',
			user_company_industry_name: findLookup(LOOKUP_TYPE.industry, company.industryResourceId)?.name ?? '',
			user_company_parentcompany_resourceid: isReseller ? (parent?.resourceId ?? '') : '',
			user_company_parentcompany_name: isReseller ? (parent?.name ?? '') : '',
			role: client.role,
			company_admin_access: true,
			reseller_access: isReseller,
			root_access: false,
			idp: this.issuer(),
		};
		const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
		const signature = base64url(createHmac('sha256', this.signingKey).update(signingInput).digest());
		return `${signingInput}.${signature}`;
	}

	/** The caller behind the Authorization header, or the 401 answer to send. */
	authenticate(authorization: string | undefined): Caller | SandboxResponse {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
		if (!match) return unauthorized('Bearer');
		const token = this.store.tokens.get(match[1]);
		if (!token || match[1].split('.').length !== 3) return unauthorized('Bearer error="invalid_token"');
		if (token.forcedExpired || Date.now() >= token.expiresAtMs) {
			const expiredAt = new Date(token.forcedExpired ? Math.min(token.expiresAtMs, Date.now()) : token.expiresAtMs);
			return unauthorized(`Bearer error="invalid_token", error_description="The token expired at '${formatDotNetDate(expiredAt)}'"`);
		}
		const client = this.store.clients.get(token.clientId);
		const company = client ? this.store.companies.get(client.companyId) : undefined;
		if (!client || !company) return unauthorized('Bearer error="invalid_token"');
		return { client, token, company };
	}

	expireAll(): void {
		for (const token of this.store.tokens.values()) token.forcedExpired = true;
	}
}

/** 401 as ASP.NET's JwtBearer handler sends it: empty body, WWW-Authenticate header. */
function unauthorized(wwwAuthenticate: string): SandboxResponse {
	return { status: 401, headers: { 'www-authenticate': wwwAuthenticate }, body: null };
}

function formatDotNetDate(date: Date): string {
	const pad = (value: number): string => String(value).padStart(2, '0');
	return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}
