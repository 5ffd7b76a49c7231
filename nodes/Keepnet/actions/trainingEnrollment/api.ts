import type { IDataObject } from 'n8n-workflow';

import { keepnetApiRequest, type KeepnetFunctions, type KeepnetRunState } from '../../transport/request';
import { resultsOf, type PagedResults } from '../../transport/search';

/** Keepnet calls more than one Training Enrollment operation (or picker) makes. */

export const enrollmentNotFound = (companyId: string, enrollmentId: string) => `enrollment "${enrollmentId}" in company "${companyId}"`;

/**
 * One page of `POST /api/enrollments/search`. DOCS want `x-ir-company-id` beside `X-KEEPNET-Company-Id` on this
 * search (JOURNEY §0.8, §5.1): the transport sends the second, this adds the first with the same value.
 */
export async function enrollmentSearchPage(
	ctx: KeepnetFunctions,
	state: KeepnetRunState,
	companyId: string,
	body: IDataObject,
	pageNumber: number,
	pageSize: number,
	itemIndex?: number,
): Promise<PagedResults<IDataObject>> {
	const page = await keepnetApiRequest<PagedResults<IDataObject> | undefined>(ctx, state, {
		method: 'POST',
		path: '/api/enrollments/search',
		body: { ...body, pageNumber, pageSize },
		companyId,
		headers: { 'x-ir-company-id': companyId },
		retry: 'safe',
		itemIndex,
	});
	return page ?? {};
}

/** Up to `limit` enrollments (Infinity for Return All), paged as transport/search's searchRecords pages. */
export async function searchEnrollmentRecords(
	ctx: KeepnetFunctions,
	state: KeepnetRunState,
	companyId: string,
	body: IDataObject,
	limit: number,
	maxPageSize: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const pageSize = Math.max(1, Math.min(maxPageSize, limit));
	const records: IDataObject[] = [];
	for (let pageNumber = 1; records.length < limit; pageNumber++) {
		const page = await enrollmentSearchPage(ctx, state, companyId, body, pageNumber, pageSize, itemIndex);
		const results = resultsOf(page);
		records.push(...results.slice(0, limit - records.length));
		const lastPage = typeof page.totalNumberOfPages === 'number' ? pageNumber >= page.totalNumberOfPages : results.length < pageSize;
		if (lastPage || results.length === 0) break;
	}
	return records;
}
