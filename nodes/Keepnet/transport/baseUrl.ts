/**
 * The Base URL decides where the client secret and every access token are sent, so it is checked
 * before any request: HTTPS only, except loopback hosts (the local Keepnet sandbox, or an on-premise
 * API reached through a local tunnel). Shared by the credential and the node so both refuse the same.
 */
export type BaseUrlCheck = { valid: true; baseUrl: string } | { valid: false; problem: string };

const LOOPBACK_HOSTNAMES = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHostname(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return LOOPBACK_HOSTNAMES.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

export function checkKeepnetBaseUrl(rawBaseUrl: unknown): BaseUrlCheck {
	const text = typeof rawBaseUrl === 'string' ? rawBaseUrl.trim() : '';
	if (text === '') {
		return { valid: false, problem: 'The Base URL is empty. Use https://api.keepnetlabs.com, or https://api.<your platform domain> on-premise.' };
	}
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return { valid: false, problem: `The Base URL "${text}" is not a valid URL. Use https://api.keepnetlabs.com, or https://api.<your platform domain> on-premise.` };
	}
	if (parsed.username !== '' || parsed.password !== '') {
		return { valid: false, problem: 'The Base URL must not contain a user name or password. Put the Client ID and Client Secret in their own fields.' };
	}
	if (parsed.search !== '' || parsed.hash !== '') {
		return { valid: false, problem: `The Base URL "${parsed.origin}${parsed.pathname}" must not have a query string or fragment.` };
	}
	const isHttps = parsed.protocol === 'https:';
	const isLoopbackHttp = parsed.protocol === 'http:' && isLoopbackHostname(parsed.hostname);
	if (!isHttps && !isLoopbackHttp) {
		return {
			valid: false,
			problem: `The Base URL "${parsed.origin}" must use https:// (plain http:// is only allowed for loopback addresses such as 127.0.0.1 or localhost), so that the client secret and tokens are never sent unencrypted.`,
		};
	}
	const path = parsed.pathname.replace(/\/+$/, '');
	return { valid: true, baseUrl: `${parsed.origin}${path}` };
}

/**
 * The origin a request is addressed to, when it can be told: `url` (n8n's own helpers) or `uri` (the request
 * options n8n's HTTP Request node hands to a credential), resolved against `baseURL` when that is a URL.
 */
function requestOrigin(options: object): string | undefined {
	const { url, uri, baseURL } = options as { url?: unknown; uri?: unknown; baseURL?: unknown };
	const target = typeof uri === 'string' && uri !== '' ? uri : typeof url === 'string' && url !== '' ? url : undefined;
	if (target === undefined) return undefined;
	try {
		return new URL(target, typeof baseURL === 'string' && baseURL !== '' ? baseURL : undefined).origin;
	} catch {
		// Relative with no usable base (e.g. a credential test whose base is still an expression): no host yet.
		return undefined;
	}
}

/**
 * A request the credential must not authenticate: one addressed to another origin than the Base URL. The
 * credential can be picked in n8n's HTTP Request node for any URL, and the access token is worth as much as the
 * client secret for its lifetime, so it goes to the Base URL's origin or nowhere. Returns the foreign origin.
 */
export function foreignOriginOf(baseUrl: string, options: object): string | undefined {
	const origin = requestOrigin(options);
	if (origin === undefined) return undefined;
	return origin === new URL(baseUrl).origin ? undefined : origin;
}
