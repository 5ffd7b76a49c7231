import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_REQUEST_TIMEOUT_SECONDS, KEEPNET_CREDENTIAL_TYPE } from '../nodes/Keepnet/transport/credentialType';
import { keepnetAuthenticate, keepnetPreAuthentication } from '../nodes/Keepnet/transport/token';

export { KEEPNET_TOKEN_ERROR_PREFIX } from '../nodes/Keepnet/transport/credentialType';

/**
 * Keepnet's REST API uses the OAuth2 client-credentials grant, but with two quirks that n8n's generic
 * OAuth2 credential cannot express: the token request must be form-encoded with `scope=api1` and the
 * token URL lives on a per-tenant Base URL (on-premise hosts differ). So the token is fetched in
 * `preAuthentication` and kept in the hidden, expirable `accessToken` property: n8n stores it with the
 * credential (shared by every execution and every queue-mode worker) and calls `preAuthentication`
 * again exactly once when a request answers 401. The node itself never caches a token.
 *
 * This file only declares the credential: requesting, checking and attaching the token live in
 * nodes/Keepnet/transport/token.ts.
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
		return await keepnetPreAuthentication(this, credentials);
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return keepnetAuthenticate(credentials, requestOptions);
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
