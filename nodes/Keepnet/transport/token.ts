/**
 * The Keepnet access token: how it is requested (POST /connect/token), which credential values it was issued for,
 * how the credential attaches it to a request, and how its renewal happens once per expiry within a run (TokenGate,
 * owned by the run's KeepnetSession) and once per rejected token across runs (renewOnce). The credential file
 * (credentials/KeepnetApi.credentials.ts) only declares the fields and delegates here.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IExecuteFunctions, IHttpRequestHelper, IHttpRequestOptions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { checkKeepnetBaseUrl, foreignOriginOf } from './baseUrl';
import { KEEPNET_CREDENTIAL_TYPE, KEEPNET_TOKEN_ERROR_PREFIX, requestTimeoutMs } from './credentialType';
import { bodyAsObject, normaliseHeaders } from './httpFailure';
import { redactInPlace, redactText } from './redaction';

/**
 * Which Base URL, Client ID and Client Secret a stored token was issued for. n8n keeps the token when the
 * user edits the credential, so without this a changed (or wrong) secret would go on "working" with the
 * old token until it expired, and the Test button would pass. On a mismatch `authenticate` sends nothing and
 * answers like a 401, so n8n fetches a new token with the current values first. Only a truncated hash is
 * kept, never the secret.
 */
export function tokenFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(`${String(credentials.baseUrl ?? '').trim()}\n${String(credentials.clientId ?? '').trim()}\n${String(credentials.clientSecret ?? '')}`)
		.digest('hex')
		.slice(0, 32);
}

interface TokenHttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export function tokenError(message: string, description: string, secrets: unknown[]): UserError {
	const error = new UserError(redactText(`${KEEPNET_TOKEN_ERROR_PREFIX} ${message}`, secrets), { description: redactText(description, secrets) });
	return redactInPlace(error, secrets);
}

/**
 * Thrown by `authenticate` when the stored token does not belong to the current Base URL, Client ID and
 * Client Secret. It carries `response.status` 401, the signal on which n8n fetches a new token and
 * retries; nothing was sent. If it ever reaches the user, its message says what happened.
 */
export class TokenIssuedForOtherValues extends UserError {
	readonly response = { status: 401, headers: {}, data: '' };

	constructor() {
		super(`${KEEPNET_TOKEN_ERROR_PREFIX} The stored access token was issued for another Base URL, Client ID or Client Secret; a new one is needed.`, {
			description: 'Run again. If this persists, open the Keepnet API credential and use its Test button.',
		});
	}
}

/**
 * Socket error codes in words. n8n replaces any error message that contains a code such as ECONNREFUSED
 * with its own generic sentence ("The service refused the connection"), which would hide which host failed.
 */
const NETWORK_FAILURE_WORDS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	ECONNRESET: 'the connection was closed before an answer arrived',
	ETIMEDOUT: 'no answer arrived in time',
	ECONNABORTED: 'no answer arrived in time',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection was closed while sending',
};

function networkFailureInWords(error: unknown, timeoutMs: number): string {
	const link = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
	const messages = [link.message, link.cause?.message].filter((m): m is string => typeof m === 'string');
	if (messages.some((m) => /^timeout of \d+ms exceeded$/.test(m))) return `no answer arrived within ${Math.round(timeoutMs / 1000)} s`;
	const code = [link.code, link.cause?.code].find((c): c is string => typeof c === 'string');
	if (code === undefined) return 'the connection failed';
	return NETWORK_FAILURE_WORDS[code] ?? 'the connection failed';
}

/**
 * One token renewal per rejected token: the one piece of state in the package that outlives a session (see
 * KeepnetSession, transport/session.ts), and why it must. n8n calls the credential's preAuthentication for every
 * request that answers 401, with the credential's values and nothing else: no execution, no session. Those calls
 * come from every run (and the HTTP Request node) using the credential in this process, so only a process-wide map
 * can make them share one token request.
 * n8n calls preAuthentication for every request that answers 401,
 * so when a token dies early (revoked on the server, clock skew) every request in flight would fetch its
 * own. Calls for the same credential values and the same rejected token share one token request; its
 * result also serves 401s that arrive shortly after it completed. Keys are hashes: no secret is kept,
 * and a fresh token is held only for RECENT_RENEWAL_MS. A failed renewal is not kept.
 */
const RECENT_RENEWAL_MS = 60_000;
const MAX_REMEMBERED_RENEWALS = 100;
const renewals = new Map<string, { token: Promise<string>; settledAt?: number }>();

function renewalKey(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(`${tokenFingerprint(credentials)}\n${String(credentials.accessToken ?? '')}`)
		.digest('hex');
}

function forgetOldRenewals(now: number): void {
	for (const [key, entry] of renewals) {
		if (entry.settledAt !== undefined && now - entry.settledAt > RECENT_RENEWAL_MS) renewals.delete(key);
	}
	while (renewals.size > MAX_REMEMBERED_RENEWALS) {
		const oldest = renewals.keys().next().value;
		if (oldest === undefined) break;
		renewals.delete(oldest);
	}
}

async function renewOnce(credentials: ICredentialDataDecryptedObject, fetchToken: () => Promise<string>): Promise<string> {
	const now = Date.now();
	forgetOldRenewals(now);
	const key = renewalKey(credentials);
	const replacedToken = String(credentials.accessToken ?? '');
	const existing = renewals.get(key);
	// An empty token (first use) shares only a request in flight: once stored, nobody asks with '' again.
	if (existing && (existing.settledAt === undefined || replacedToken !== '')) return await existing.token;
	const entry: { token: Promise<string>; settledAt?: number } = { token: fetchToken() };
	renewals.set(key, entry);
	// Settled before any caller sees the result: a kept token is dated, a failed renewal is forgotten.
	entry.token.then(
		() => {
			entry.settledAt = Date.now();
		},
		() => {
			renewals.delete(key);
		},
	);
	return await entry.token;
}

/**
 * POST {baseUrl}/connect/token, form-encoded (Keepnet answers 500 to a JSON body). Every failure becomes
 * a message that says which of Base URL, Client ID/Secret or the server is at fault; none of them carries
 * the request, and all pass through the redaction, so the secret cannot leak through an error even when
 * the server echoes it. Redirects are never followed: the secret goes to the Base URL or nowhere.
 */
export async function requestKeepnetAccessToken(
	requestHelper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const clientSecret = String(credentials.clientSecret ?? '');
	const secrets: unknown[] = [clientSecret, credentials.accessToken];
	const baseUrlCheck = checkKeepnetBaseUrl(credentials.baseUrl);
	if (!baseUrlCheck.valid) {
		throw tokenError(baseUrlCheck.problem, 'Fix the Base URL field of the Keepnet API credential.', secrets);
	}
	const clientId = String(credentials.clientId ?? '').trim();
	if (clientId === '' || clientSecret === '') {
		throw tokenError(
			`The ${clientId === '' ? 'Client ID' : 'Client Secret'} is empty.`,
			'Create a REST API client in Keepnet (Company → Company Settings → REST API → +NEW, Client Role "Reseller") and copy its Client ID and Client Secret into the credential.',
			secrets,
		);
	}
	const tokenUrl = `${baseUrlCheck.baseUrl}/connect/token`;
	const timeoutMs = requestTimeoutMs(credentials);
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: clientId,
		client_secret: clientSecret,
		scope: 'api1',
	});

	let response: TokenHttpResponse;
	try {
		response = (await requestHelper.helpers.httpRequest({
			method: 'POST',
			url: tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form.toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			timeout: timeoutMs,
		})) as TokenHttpResponse;
	} catch (error) {
		// Only the kind of failure is kept: the original error object holds the request, secret included.
		throw tokenError(
			`Could not reach Keepnet at ${baseUrlCheck.baseUrl}: ${networkFailureInWords(error, timeoutMs)}.`,
			'Check the Base URL (https://api.keepnetlabs.com for Keepnet cloud, https://api.<your platform domain> on-premise), that this n8n instance can reach that host, and the Timeout of the credential.',
			secrets,
		);
	}

	const body = bodyAsObject(response.body);
	const status = response.statusCode;
	const headers = normaliseHeaders(response.headers);
	if (status >= 300 && status < 400) {
		const location = headers.location;
		let where = 'no location';
		if (location) {
			try {
				where = new URL(location, tokenUrl).origin;
			} catch {
				where = 'an unreadable location';
			}
		}
		throw tokenError(
			`The token endpoint at ${baseUrlCheck.baseUrl} answered with a redirect (HTTP ${status}) to ${where}. The client secret is only sent to the Base URL, so the redirect was not followed.`,
			'Set the Base URL to the Keepnet API host itself (https://api.keepnetlabs.com, or https://api.<your platform domain> on-premise), not an address that forwards to it.',
			secrets,
		);
	}
	if (status >= 200 && status < 300 && typeof body?.access_token === 'string' && body.access_token !== '') {
		return body.access_token;
	}
	const oauthError = typeof body?.error === 'string' ? redactText(body.error, secrets) : undefined;
	if (oauthError === 'invalid_client' || status === 401) {
		throw tokenError(
			`Keepnet rejected the Client ID or Client Secret (HTTP ${status}${oauthError ? `, ${oauthError}` : ''}).`,
			'Check that the Client ID and Client Secret were copied completely from Company → Company Settings → REST API, and that the REST API client is Active and not restricted to other IP addresses.',
			secrets,
		);
	}
	if (oauthError !== undefined) {
		throw tokenError(
			`Keepnet refused the token request (HTTP ${status}, ${oauthError}).`,
			'The REST API client may be disabled or lack the api1 scope. Check it under Company → Company Settings → REST API.',
			secrets,
		);
	}
	if (status >= 500) {
		throw tokenError(
			`Keepnet's token endpoint failed (HTTP ${status}).`,
			'This is a server-side problem at Keepnet or in front of it. Try again later; if it persists, check the Base URL points at the API host (api.…), not the web console.',
			secrets,
		);
	}
	const contentType = headers['content-type'] ?? 'no content type';
	throw tokenError(
		`The server at ${baseUrlCheck.baseUrl} did not answer like Keepnet's token endpoint (HTTP ${status}, ${contentType}, no access token).`,
		'Check the Base URL: it must be the Keepnet API host (https://api.keepnetlabs.com, or https://api.<your platform domain> on-premise), not the web console or a proxy login page.',
		secrets,
	);
}


/** The credential's preAuthentication: a token for the current values, one token request per rejected token. */
export async function keepnetPreAuthentication(
	requestHelper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ accessToken: string; accessTokenFingerprint: string }> {
	const accessToken = await renewOnce(credentials, async () => await requestKeepnetAccessToken(requestHelper, credentials));
	return { accessToken, accessTokenFingerprint: tokenFingerprint(credentials) };
}

/** The credential's authenticate: the stored token on a request to the Base URL's origin, or nothing sent. */
export function keepnetAuthenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	// Checked here too, so that no request (the Test button's included) goes out over plain http to a
	// non-loopback host even if n8n reused a stored token without asking preAuthentication first.
	const baseUrlCheck = checkKeepnetBaseUrl(credentials.baseUrl);
	if (!baseUrlCheck.valid) {
		throw tokenError(baseUrlCheck.problem, 'Fix the Base URL field of the Keepnet API credential.', [credentials.clientSecret, credentials.accessToken]);
	}
	const foreignOrigin = foreignOriginOf(baseUrlCheck.baseUrl, requestOptions);
	if (foreignOrigin !== undefined) {
		throw new UserError(
			`The Keepnet API credential only sends its access token to ${new URL(baseUrlCheck.baseUrl).origin} (its Base URL); this request goes to ${foreignOrigin}, so nothing was sent.`,
			{ description: "Use a URL that starts with the credential's Base URL (e.g. in the HTTP Request node), or another credential for other hosts." },
		);
	}
	if (credentials.accessTokenFingerprint !== tokenFingerprint(credentials)) {
		// The stored token was issued for other values (the credential was edited). Answering like a
		// 401 makes n8n call preAuthentication for a token issued for the current values before anything
		// is sent, so the user sees that token request's own clear error rather than whatever the
		// (possibly changed) Base URL answers to a request without a token.
		throw new TokenIssuedForOtherValues();
	}
	const token = String(credentials.accessToken ?? '');
	return {
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		// Every request that carries the token (the Test button's included): no redirect is followed by
		// the HTTP client, and none waits for an answer longer than the credential's timeout.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: requestTimeoutMs(credentials),
	};
}

/**
 * Makes token renewal happen once per expiry, even when many requests run at once.
 *
 * n8n owns the token (the credential's hidden, expirable `accessToken`): when a request answers 401 it
 * calls the credential's preAuthentication and retries that request. With ten requests in flight when
 * the token expires, each would renew on its own. So the gate reads the stored token's expiry (Keepnet
 * tokens are JWTs with `exp` and `iat`) and, once the token is missing or about to expire, lets one
 * request run alone: it takes the 401 and n8n's single renewal, and the requests queued behind it then
 * use the fresh token. Between those moments requests pass straight through.
 *
 * The gate lives for one node run (its KeepnetSession holds it) and keeps only a point in time, never the
 * token: n8n hands out the current token from its credential store on every request.
 *
 * A token that dies before its `exp` (revoked on the server, clock skew) cannot be predicted here: every
 * request in flight gets its 401. Those are coordinated in the credential's preAuthentication, which
 * renews once per rejected token and hands that renewal's result to every 401 that carried the same token.
 */
export class TokenGate {
	private exclusiveRun: Promise<void> | undefined;

	/** From when (epoch ms) the token last read counts as expiring; undefined = read it before the next request. */
	private renewalDueAtMs: number | undefined;

	async run<T>(ctx: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions, send: () => Promise<T>): Promise<T> {
		for (;;) {
			if (this.exclusiveRun) {
				await this.exclusiveRun;
				continue;
			}
			if (this.renewalDueAtMs !== undefined && Date.now() < this.renewalDueAtMs) return await send();

			const credentials = await ctx.getCredentials(KEEPNET_CREDENTIAL_TYPE);
			if (this.exclusiveRun) continue;
			const dueAtMs = renewalDueAt(credentials.accessToken);
			if (Date.now() < dueAtMs) {
				this.renewalDueAtMs = dueAtMs;
				return await send();
			}

			let release: () => void = () => undefined;
			this.exclusiveRun = new Promise<void>((resolve) => {
				release = resolve;
			});
			try {
				return await send();
			} finally {
				// The token may have been renewed by n8n during this request: read it again next time.
				this.renewalDueAtMs = undefined;
				this.exclusiveRun = undefined;
				release();
			}
		}
	}
}

/** Seconds before `exp` from which a token counts as expiring: a tenth of its lifetime, at most a minute. */
function renewalMarginSeconds(issuedAt: number | undefined, expiresAt: number): number {
	const lifetime = issuedAt !== undefined && expiresAt > issuedAt ? expiresAt - issuedAt : 3600;
	return Math.min(60, lifetime / 10);
}

/**
 * When (epoch ms) the token starts to count as expiring: 0 for a missing token (renew now), Infinity for
 * a token whose expiry cannot be read (nothing to predict: n8n renews it after a 401).
 */
export function renewalDueAt(token: unknown): number {
	if (typeof token !== 'string' || token === '') return 0;
	const payloadPart = token.split('.')[1];
	if (payloadPart === undefined) return Number.POSITIVE_INFINITY;
	let claims: { exp?: unknown; iat?: unknown };
	try {
		claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
	} catch {
		return Number.POSITIVE_INFINITY;
	}
	if (typeof claims.exp !== 'number') return Number.POSITIVE_INFINITY;
	const issuedAt = typeof claims.iat === 'number' ? claims.iat : undefined;
	return (claims.exp - renewalMarginSeconds(issuedAt, claims.exp)) * 1000;
}
