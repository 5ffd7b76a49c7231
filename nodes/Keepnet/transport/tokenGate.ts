import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { KEEPNET_CREDENTIAL_TYPE } from './credentialType';

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
 * The gate lives for one node run and keeps only a point in time, never the token: n8n hands out the
 * current token from its credential store on every request.
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
