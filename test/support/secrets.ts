import type { Sandbox } from '../sandbox';

/** Every secret a run could leak: the client secrets and every access token the sandbox ever issued. */
export function secretsOf(sandbox: Sandbox): string[] {
	return [sandbox.clients.reseller.clientSecret, sandbox.clients.companyAdmin.clientSecret, ...sandbox.store.tokens.keys()];
}

/** Serialises whatever a user or n8n could see: output items, errors with all their fields, log entries. */
export function visibleText(...things: unknown[]): string {
	const seen = new WeakSet<object>();
	return things
		.map((thing) => {
			if (thing instanceof Error) {
				const fields = Object.fromEntries(Object.getOwnPropertyNames(thing).map((name) => [name, (thing as unknown as Record<string, unknown>)[name]]));
				return safeStringify({ ...fields, message: thing.message, stack: thing.stack }, seen);
			}
			return safeStringify(thing, seen);
		})
		.join('\n');
}

function safeStringify(value: unknown, seen: WeakSet<object>): string {
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (typeof inner === 'object' && inner !== null) {
			if (seen.has(inner)) return '[circular]';
			seen.add(inner);
		}
		if (Buffer.isBuffer(inner)) return inner.toString('utf8');
		return inner;
	}) ?? String(value);
}

export function leakedSecrets(sandbox: Sandbox, ...things: unknown[]): string[] {
	const text = visibleText(...things);
	return secretsOf(sandbox).filter((secret) => secret !== '' && text.includes(secret));
}
