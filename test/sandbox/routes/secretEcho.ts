/** One-shot error answers of the reseller-integration routes that repeat customers' credentials (reseller.ts SecretEchoEntry). */
import { getField, HttpError, isJsonObject, JSON_CONTENT_TYPE, jsonResponse, serviceResult } from '../http';
import { resellerOf, type SecretEchoEntry } from '../reseller';
import type { Handler, RouteContext } from '../router';
import type { FailNextMatch } from '../types';

function matches(match: FailNextMatch | undefined, ctx: RouteContext): boolean {
	if (!match) return true;
	const path = ctx.path.toLowerCase();
	if (match.method && match.method.toUpperCase() !== ctx.method.toUpperCase()) return false;
	if (match.pathPrefix && !path.startsWith(match.pathPrefix.toLowerCase())) return false;
	if (match.path && path !== match.path.toLowerCase()) return false;
	if (match.pathSuffix && !path.endsWith(match.pathSuffix.toLowerCase())) return false;
	if (match.bodyIncludes && !JSON.stringify(ctx.body.json ?? '').includes(match.bodyIncludes)) return false;
	return true;
}

/** The credentials a request body carries (a client secret being created or sent back on update). */
function sentSecrets(ctx: RouteContext): string[] {
	const body = ctx.body.json;
	if (!isJsonObject(body)) return [];
	const secret = getField(body, 'clientSecret');
	return typeof secret === 'string' && secret !== '' ? [secret] : [];
}

function echoAnswer(entry: SecretEchoEntry, ctx: RouteContext, companyIds: string[]): HttpError {
	const reseller = resellerOf(ctx.app.store);
	const stored = companyIds.flatMap((companyId) => reseller.secretsOfCompany(companyId));
	const sent = sentSecrets(ctx);
	const labelled = stored.map((secret) => `${secret.label}=${secret.value}`).join(', ');
	const message = `Request failed. Stored credentials: ${labelled || 'none'}. Received: ${sent.join(' ') || 'nothing secret'}`;
	const validationMessages = [
		...stored.map((secret) => `{"${secret.label}":"${secret.value}"}`),
		...sent.map((secret) => `'Client Secret' ${secret} could not be saved.`),
	];
	const headers: Record<string, string> = { 'x-debug-echo': `${labelled}; sent=${sent.join(' ')}` };
	if (entry.inContentType) headers['content-type'] = `${JSON_CONTENT_TYPE}; debug="${stored.map((secret) => `${secret.label}=${secret.value}`).join(' ')} ${sent.join(' ')}"`;
	const resultStatus = entry.status === 400 ? 'INPUT_ERROR' : entry.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'FAILED';
	return new HttpError(jsonResponse(entry.status, serviceResult(resultStatus, message, null, validationMessages), headers));
}

/**
 * Wraps a reseller-integration handler: when a SecretEchoEntry matches, the request is answered with the echo
 * instead (or, with `afterHandling`, after being carried out). `companiesOf` names the companies whose stored
 * credentials the echo repeats.
 */
export function echoingSecrets(handler: Handler, companiesOf: (ctx: RouteContext) => string[]): Handler {
	return async (ctx) => {
		const reseller = resellerOf(ctx.app.store);
		const index = reseller.secretEcho.findIndex((entry) => matches(entry.match, ctx));
		if (index < 0) return await handler(ctx);
		const [entry] = reseller.secretEcho.splice(index, 1);
		if (entry.afterHandling) {
			try {
				await handler(ctx);
			} catch (error) {
				if (!(error instanceof HttpError)) throw error;
			}
		}
		throw echoAnswer(entry, ctx, companiesOf(ctx));
	};
}
