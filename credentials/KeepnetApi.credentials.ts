import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { UserError } from 'n8n-workflow';

import { checkKeepnetBaseUrl, foreignOriginOf } from '../nodes/Keepnet/transport/baseUrl';
import {
	DEFAULT_REQUEST_TIMEOUT_SECONDS,
	KEEPNET_CREDENTIAL_TYPE,
	KEEPNET_TOKEN_ERROR_PREFIX,
	requestTimeoutMs,
} from '../nodes/Keepnet/transport/credentialType';
import { bodyAsObject, normaliseHeaders } from '../nodes/Keepnet/transport/httpFailure';
import { redactInPlace, redactText } from '../nodes/Keepnet/transport/redaction';

export { KEEPNET_TOKEN_ERROR_PREFIX } from '../nodes/Keepnet/transport/credentialType';

/**
 * Which Base URL, Client ID and Client Secret a stored token was issued for. n8n keeps the token when the
 * user edits the credential, so without this a changed (or wrong) secret would go on "working" with the
 * old token until it expired, and the Test button would pass. On a mismatch `authenticate` sends nothing and
 * answers like a 401, so n8n fetches a new token with the current values first. Only a truncated hash is
 * kept, never the secret.
 */
function tokenFingerprint(credentials: ICredentialDataDecryptedObject): string {
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

function tokenError(message: string, description: string, secrets: unknown[]): UserError {
	const error = new UserError(redactText(`${KEEPNET_TOKEN_ERROR_PREFIX} ${message}`, secrets), { description: redactText(description, secrets) });
	return redactInPlace(error, secrets);
}

/**
 * Thrown by `authenticate` when the stored token does not belong to the current Base URL, Client ID and
 * Client Secret. It carries `response.status` 401, the signal on which n8n fetches a new token and
 * retries; nothing was sent. If it ever reaches the user, its message says what happened.
 */
class TokenIssuedForOtherValues extends UserError {
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
 * One token renewal per rejected token. n8n calls preAuthentication for every request that answers 401,
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
	try {
		const token = await entry.token;
		entry.settledAt = Date.now();
		return token;
	} catch (error) {
		renewals.delete(key);
		throw error;
	}
}

/**
 * POST {baseUrl}/connect/token, form-encoded (Keepnet answers 500 to a JSON body). Every failure becomes
 * a message that says which of Base URL, Client ID/Secret or the server is at fault; none of them carries
 * the request, and all pass through the redaction, so the secret cannot leak through an error even when
 * the server echoes it. Redirects are never followed: the secret goes to the Base URL or nowhere.
 */
async function requestKeepnetAccessToken(
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

/**
 * Keepnet's REST API uses the OAuth2 client-credentials grant, but with two quirks that n8n's generic
 * OAuth2 credential cannot express: the token request must be form-encoded with `scope=api1` and the
 * token URL lives on a per-tenant Base URL (on-premise hosts differ). So the token is fetched in
 * `preAuthentication` and kept in the hidden, expirable `accessToken` property: n8n stores it with the
 * credential (shared by every execution and every queue-mode worker) and calls `preAuthentication`
 * again exactly once when a request answers 401. The node itself never caches a token.
 */
export class KeepnetApi implements ICredentialType {
	name = KEEPNET_CREDENTIAL_TYPE;

	displayName = 'Keepnet API';

	icon: Icon = {
		light: 'file:../nodes/Keepnet/keepnet.svg',
		dark: 'file:../nodes/Keepnet/keepnet.dark.svg',
	};

	documentationUrl = 'https://doc.keepnetlabs.com/api-reference/quickstart';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.keepnetlabs.com',
			required: true,
			placeholder: 'e.g. https://api.keepnetlabs.com',
			description:
				'Root address of the Keepnet API. Keep the default for Keepnet cloud; on-premise platforms use https://api.&lt;your platform domain&gt;.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Client ID of a REST API client created in Keepnet under Company → Company Settings → REST API, with Client Role "Reseller"',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Client Secret shown once when the REST API client was created',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: DEFAULT_REQUEST_TIMEOUT_SECONDS,
			description:
				'How long each request to Keepnet (the token request included) may take until its answer starts, sending an upload included, before it fails with a timeout error',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Access Token Issued For',
			name: 'accessTokenFingerprint',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = await renewOnce(credentials, async () => await requestKeepnetAccessToken(this, credentials));
		return { accessToken, accessTokenFingerprint: tokenFingerprint(credentials) };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
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

	// A cheap, read-only call every Keepnet role may make; it proves the token works end to end.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/companies/my',
			method: 'GET',
		},
		rules: [301, 302, 303, 307, 308].map((status) => ({
			type: 'responseCode' as const,
			properties: {
				value: status,
				message: `The Base URL answered with a redirect (HTTP ${status}), which is never followed: the access token is only sent to the Base URL. Set the Base URL to the Keepnet API host itself.`,
			},
		})),
	};
}
