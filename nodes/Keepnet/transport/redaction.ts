/**
 * The one redaction step. Every text built from a server answer (error messages and descriptions, their
 * `cause`, context, stack, log lines, error items, picker and credential-test messages) passes through
 * here before it leaves the node or the credential: a misbehaving server (or proxy) may echo the client
 * secret or the bearer token back, and that text would otherwise reach logs and workflow data.
 */

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for: replacing e.g. "a" everywhere would garble the message. */
const MIN_SECRET_LENGTH = 4;

const PATTERNS: RegExp[] = [
	// An Authorization header value, whatever the token looks like.
	/\bBearer\s+[^\s"',;]+/gi,
	// A JWT (Keepnet's access tokens are JWTs), wherever it appears.
	/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g,
	// The form fields of the token request, echoed back by an endpoint; and a customer's credentials (a REST API
	// client's secret, a SCIM token) labelled in a text or in JSON: `client_secret=…`, `clientSecret: …`, `"token":"…"`.
	/\b(client_?secret|access_token|token)("?\s*[=:]\s*"?)[^\s"&,;]+/gi,
];

/**
 * The fields of Keepnet answers that hold a customer's credential: a REST API client's `clientSecret` (generate, GET
 * of a client) and a SCIM integration's `token` (create, revoke). The transport remembers their values for the run,
 * so every later text of the run (errors, logs, outputs of other operations) is redacted of them too.
 */
export const CUSTOMER_SECRET_FIELDS = ['clientSecret', 'token'] as const;

/** The customer credentials `value` holds in a CUSTOMER_SECRET_FIELDS field: at its top, in a list, or in its `results`. */
export function customerSecretsIn(value: unknown): string[] {
	const found: string[] = [];
	const scan = (record: unknown): void => {
		if (record === null || typeof record !== 'object' || Buffer.isBuffer(record)) return;
		for (const field of CUSTOMER_SECRET_FIELDS) {
			const secret = (record as Record<string, unknown>)[field];
			if (typeof secret === 'string' && secret !== '') found.push(secret);
		}
	};
	const rows = Array.isArray(value) ? value : [value, ...(Array.isArray((value as { results?: unknown } | null)?.results) ? (value as { results: unknown[] }).results : [])];
	for (const row of rows) scan(row);
	return found;
}

/** Errors built here nest a few levels (error → cause → context); deeper objects are not ours. */
const MAX_DEPTH = 8;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The strings worth searching for, longest first (so a secret containing another is replaced whole). */
export function usableSecrets(secrets: Array<unknown>): string[] {
	const texts = secrets
		.filter((secret): secret is string => typeof secret === 'string')
		.map((secret) => secret.trim())
		.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
	return [...new Set(texts)].sort((a, b) => b.length - a.length);
}

/** `text` with every given secret, every `Bearer …`, every JWT and every echoed secret form field replaced. */
export function redactText(text: string, secrets: Array<unknown> = []): string {
	let result = text;
	for (const secret of usableSecrets(secrets)) {
		result = result.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
		// A form-encoded echo carries the secret percent-encoded.
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) result = result.replace(new RegExp(escapeRegExp(encoded), 'g'), REDACTED);
	}
	result = result.replace(PATTERNS[0], `Bearer ${REDACTED}`);
	result = result.replace(PATTERNS[1], REDACTED);
	result = result.replace(PATTERNS[2], (_match, field: string, separator: string) => `${field}${separator}${REDACTED}`);
	return result;
}

/**
 * Redacts, in place, every string reachable from `value`: own properties whether enumerable or not
 * (an Error's message and stack are not enumerable), nested objects, arrays and `cause` chains.
 * Buffers and functions are left alone; cycles are visited once.
 */
export function redactInPlace<T>(value: T, secrets: Array<unknown> = [], seen = new WeakSet<object>(), depth = 0): T {
	if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
	if (seen.has(value) || Buffer.isBuffer(value) || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
	seen.add(value);
	const target = value as unknown as Record<string, unknown>;
	for (const name of Object.getOwnPropertyNames(target)) {
		const descriptor = Object.getOwnPropertyDescriptor(target, name);
		if (!descriptor) continue;
		if (!('value' in descriptor)) {
			// An accessor pair (some engines keep an Error's stack so): read it and write it back redacted.
			if (descriptor.get && descriptor.set) {
				const current: unknown = target[name];
				if (typeof current === 'string') target[name] = redactText(current, secrets);
			}
			continue;
		}
		const inner = descriptor.value as unknown;
		if (typeof inner === 'string') {
			const redacted = redactText(inner, secrets);
			if (redacted !== inner && descriptor.writable) target[name] = redacted;
			else if (redacted !== inner && descriptor.configurable) Object.defineProperty(target, name, { ...descriptor, value: redacted });
		} else if (inner !== null && typeof inner === 'object') {
			redactInPlace(inner, secrets, seen, depth + 1);
		}
	}
	return value;
}
