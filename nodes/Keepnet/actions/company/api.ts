import type { IDataObject } from 'n8n-workflow';

import type { FetchedPage, PageRequest } from '../../transport/paging';
import { buildFilter, fetchedPage } from '../../transport/search';
import type { KeepnetSession } from '../../transport/session';

/** Keepnet calls more than one Company operation, picker or trigger event makes. */

export const notFound = (companyId: string) => `company "${companyId}" among the companies you manage`;

export async function getCompany(session: KeepnetSession, companyId: string, itemIndex: number) {
	return (
		(await session.request<IDataObject | undefined>({
			method: 'GET',
			path: `/api/companies/${companyId}`,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFound(companyId),
		})) ?? {}
	);
}

/** What a search of the customers of the Reseller credential asks for; every part is optional. */
export interface CompanySearch {
	/** Text the company name must contain ('' or absent: every company). */
	text?: string;
	/** A company row field; Keepnet matches it without regard to case. Default: companyName. */
	orderBy?: string;
	/** Default: true. */
	ascending?: boolean;
	/** Only companies with more target users than their license allows. Default: false. */
	onlyOverLicenseLimit?: boolean;
	itemIndex?: number;
}

/**
 * One page of POST /api/companies/search, the customers of the Reseller credential, as the page iterator
 * (transport/paging.ts) takes it. The one place this search is written: the Company picker, "All Companies I Manage"
 * and the trigger's company events all read it through here. Rows are Keepnet's as they come (a caller that needs a
 * companyResourceId checks it).
 */
export async function companySearchPage(session: KeepnetSession, query: CompanySearch & PageRequest): Promise<FetchedPage<IDataObject>> {
	const body: IDataObject = {
		filter: buildFilter([], query.text ?? '', ['Name']),
		orderBy: query.orderBy ?? 'companyName',
		ascending: query.ascending ?? true,
		isClustered: false,
		isTargetUserCountExceededLimit: query.onlyOverLicenseLimit ?? false,
	};
	return fetchedPage(await session.searchPage<IDataObject>({ path: '/api/companies/search', body, itemIndex: query.itemIndex }, query.pageNumber, query.pageSize));
}

/** The company search as a page reader for `pages` / `collectRows` (transport/paging.ts). */
export function companySearchPages(session: KeepnetSession, query: CompanySearch = {}): (request: PageRequest) => Promise<FetchedPage<IDataObject>> {
	return async (request) => await companySearchPage(session, { ...query, ...request });
}
