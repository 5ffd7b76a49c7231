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

import { checkKeepnetBaseUrl } from '../nodes/Keepnet/transport/baseUrl';
import { bodyAsObject } from '../nodes/Keepnet/transport/httpFailure';

/**
 * Which Base URL, Client ID and Client Secret a stored token was issued for. n8n keeps the token when the
 * user edits the credential, so without this a changed (or wrong) secret would go on "working" with the
 * old token until it expired, and the Test button would pass. A mismatch sends no token, the API answers
 * 401 and n8n fetches a new one with the current values. Only a truncated hash is kept, never the secret.
 */
function tokenFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(`${String(credentials.baseUrl ?? '').trim()}\n${String(credentials.clientId ?? '').trim()}\n${String(credentials.clientSecret ?? '')}`)
		.digest('hex')
		.slice(0, 32);
}

/** Marks errors raised while obtaining a token, so the node can tell them from errors of the API call itself. */
export const KEEPNET_TOKEN_ERROR_PREFIX = 'Keepnet credential:';

interface TokenHttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

function tokenError(message: string, description: string): UserError {
	return new UserError(`${KEEPNET_TOKEN_ERROR_PREFIX} ${message}`, { description });
}

/**
 * POST {baseUrl}/connect/token, form-encoded (Keepnet answers 500 to a JSON body). Every failure becomes
 * a message that says which of Base URL, Client ID/Secret or the server is at fault; none of them carries
 * the request, so the secret cannot leak through an error.
 */
async function requestKeepnetAccessToken(
	requestHelper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const baseUrlCheck = checkKeepnetBaseUrl(credentials.baseUrl);
	if (!baseUrlCheck.valid) {
		throw tokenError(baseUrlCheck.problem, 'Fix the Base URL field of the Keepnet API credential.');
	}
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '');
	if (clientId === '' || clientSecret === '') {
		throw tokenError(
			`The ${clientId === '' ? 'Client ID' : 'Client Secret'} is empty.`,
			'Create a REST API client in Keepnet (Company → Company Settings → REST API → +NEW, Client Role "Reseller") and copy its Client ID and Client Secret into the credential.',
		);
	}
	const tokenUrl = `${baseUrlCheck.baseUrl}/connect/token`;
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
		})) as TokenHttpResponse;
	} catch (error) {
		// Only the error code is kept: the original error object holds the request, secret included.
		const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
		throw tokenError(
			`Could not reach Keepnet at ${baseUrlCheck.baseUrl}${typeof code === 'string' ? ` (${code})` : ''}.`,
			'Check the Base URL (https://api.keepnetlabs.com for Keepnet cloud, https://api.<your platform domain> on-premise) and that this n8n instance can reach that host.',
		);
	}

	const body = bodyAsObject(response.body);
	const status = response.statusCode;
	if (status >= 200 && status < 300 && typeof body?.access_token === 'string' && body.access_token !== '') {
		return body.access_token;
	}
	const oauthError = typeof body?.error === 'string' ? body.error : undefined;
	if (oauthError === 'invalid_client' || status === 401) {
		throw tokenError(
			`Keepnet rejected the Client ID or Client Secret (HTTP ${status}${oauthError ? `, ${oauthError}` : ''}).`,
			'Check that the Client ID and Client Secret were copied completely from Company → Company Settings → REST API, and that the REST API client is Active and not restricted to other IP addresses.',
		);
	}
	if (oauthError !== undefined) {
		throw tokenError(
			`Keepnet refused the token request (HTTP ${status}, ${oauthError}).`,
			'The REST API client may be disabled or lack the api1 scope. Check it under Company → Company Settings → REST API.',
		);
	}
	if (status >= 500) {
		throw tokenError(
			`Keepnet's token endpoint failed (HTTP ${status}).`,
			'This is a server-side problem at Keepnet or in front of it. Try again later; if it persists, check the Base URL points at the API host (api.…), not the web console.',
		);
	}
	const contentType = String(response.headers['content-type'] ?? 'no content type');
	throw tokenError(
		`The server at ${baseUrlCheck.baseUrl} did not answer like Keepnet's token endpoint (HTTP ${status}, ${contentType}, no access token).`,
		'Check the Base URL: it must be the Keepnet API host (https://api.keepnetlabs.com, or https://api.<your platform domain> on-premise), not the web console or a proxy login page.',
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
	name = 'keepnetApi';

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
		const accessToken = await requestKeepnetAccessToken(this, credentials);
		return { accessToken, accessTokenFingerprint: tokenFingerprint(credentials) };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const tokenStillValid = credentials.accessTokenFingerprint === tokenFingerprint(credentials);
		const token = tokenStillValid ? String(credentials.accessToken ?? '') : '';
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } };
	}

	// A cheap, read-only call every Keepnet role may make; it proves the token works end to end.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/companies/my',
			method: 'GET',
		},
	};
}
