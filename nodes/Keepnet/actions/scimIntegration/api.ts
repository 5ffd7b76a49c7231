import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { requiredString } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { KeepnetSession } from '../../transport/session';

/** Keepnet calls of more than one SCIM Integration operation; each acts in the customer company (header). */

/** SCIM integration names: 1 to 30 characters (Keepnet's CreateScimIntegrationRequest). */
export const SCIM_NAME_MAX = 30;

export interface ScimTarget {
	companyId: string;
	scimId: string;
}

export function readScimTarget(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): ScimTarget {
	return { companyId: readCompanyId(session, itemIndex), scimId: readRecordId(ctx, 'scimIntegrationId', 'SCIM Integration', itemIndex) };
}

export function readScimName(ctx: IExecuteFunctions, itemIndex: number): string {
	return requiredString(ctx, ctx.getNodeParameter('name', itemIndex, ''), 'Name', itemIndex, { max: SCIM_NAME_MAX });
}

export const notFoundScim = (target: ScimTarget) => `SCIM integration "${target.scimId}" in company "${target.companyId}"`;

/** The company's SCIM integrations (SCIMSettingSearchView rows), up to `limit`. */
export async function searchScimIntegrations(
	session: KeepnetSession,
	companyId: string,
	search: { text: string; orderBy: string; ascending: boolean },
	limit: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await session.search<IDataObject>(
		{ path: '/api/scim/search', body: { filter: buildFilter([], search.text, ['Name']), orderBy: search.orderBy, ascending: search.ascending }, companyId, itemIndex },
		limit,
		1000,
	);
}

/**
 * Where the customer's identity provider sends its SCIM requests. Keepnet's create answer may name it (its docs
 * say so, its spec does not); otherwise it follows from the Base URL: Keepnet's SCIM service is the `scim-api.` host
 * beside the `api.` host (https://scim-api.keepnetlabs.com/scim for the SaaS). Unknown (null) for other hosts.
 */
export function scimUrlOf(answer: IDataObject | undefined, baseUrl: string | undefined): string | null {
	const given = [answer?.baseUrl, answer?.scimUrl, answer?.endpointUrl, answer?.url].find((value): value is string => typeof value === 'string' && value !== '');
	if (given) return given;
	try {
		const url = new URL(baseUrl ?? '');
		if (!url.hostname.startsWith('api.')) return null;
		return `${url.protocol}//scim-${url.hostname}/scim`;
	} catch {
		return null;
	}
}

/** A token from Keepnet's answer: `{token}` (web client), or a page `{results: [{token}]}` (the revoke answer's spec). */
export function tokenOf(answer: unknown): string {
	const data = (answer ?? {}) as { token?: unknown; results?: Array<{ token?: unknown }> };
	const token = data.token ?? data.results?.[0]?.token;
	return typeof token === 'string' ? token : '';
}

export async function getScim(session: KeepnetSession, target: ScimTarget, itemIndex: number): Promise<IDataObject> {
	const scim = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/scim/${target.scimId}`,
		companyId: target.companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: notFoundScim(target),
	});
	return scim ?? {};
}
