import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * Makes token renewal happen once per expiry, even when many requests run at once.
 *
 * n8n owns the token (the credential's hidden, expirable `accessToken`): when a request answers 401 it
 * calls the credential's preAuthentication and retries that request. With ten requests in flight when
 * the token expires, each would renew on its own. So, before each request, the gate reads the stored
 * token (n8n hands out the current one from its credential store, this code keeps no copy): when it is
 * missing or about to expire, that request runs alone, takes the 401 and n8n's single renewal, and the
 * requests queued behind it then read the fresh token. Keepnet tokens are JWTs with `exp` and `iat`.
 */
export class TokenGate {
	private exclusiveRun: Promise<void> | undefined;

	async run<T>(ctx: IExecuteFunctions | ILoadOptionsFunctions, send: () => Promise<T>): Promise<T> {
		for (;;) {
			if (this.exclusiveRun) {
				await this.exclusiveRun;
				continue;
			}
			const credentials = await ctx.getCredentials('keepnetApi');
			if (this.exclusiveRun) continue;
			if (!tokenNeedsRenewal(credentials.accessToken)) return await send();

			let release: () => void = () => undefined;
			this.exclusiveRun = new Promise<void>((resolve) => {
				release = resolve;
			});
			try {
				return await send();
			} finally {
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

export function tokenNeedsRenewal(token: unknown, nowMs: number = Date.now()): boolean {
	if (typeof token !== 'string' || token === '') return true;
	const payloadPart = token.split('.')[1];
	if (payloadPart === undefined) return false; // not a JWT: nothing to predict, n8n renews after a 401
	let claims: { exp?: unknown; iat?: unknown };
	try {
		claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
	} catch {
		return false;
	}
	if (typeof claims.exp !== 'number') return false;
	const issuedAt = typeof claims.iat === 'number' ? claims.iat : undefined;
	return nowMs / 1000 >= claims.exp - renewalMarginSeconds(issuedAt, claims.exp);
}
