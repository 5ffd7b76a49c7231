import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../helpers/validation';
import { collectRows, type FetchedPage } from '../../transport/paging';
import { fetchedPage, type PagedResults } from '../../transport/search';
import { optionalDate } from '../trainingEnrollment/body';
import type { KeepnetSession } from '../../transport/session';

/**
 * Keepnet's leaderboard (docs/results-reporting.md). Keepnet's spec declares a plain list for the leaderboard answers,
 * its web app reads a paged object (`results`, `totalNumberOfPages`): both are read here, page by page.
 */

/** datePeriod as Keepnet's web app sends it (a number; docs/results-reporting.md). */
export const DATE_PERIODS = { lastMonth: 0, last3Months: 1, last6Months: 2, lastYear: 3, thisYear: 4, custom: 5 } as const;
type Period = keyof typeof DATE_PERIODS;

export function periodFields(): INodeProperties[] {
	const custom = { show: { period: ['custom'] } };
	return [
		{
			displayName: 'Period',
			name: 'period',
			type: 'options',
			options: [
				{ name: 'Custom', value: 'custom', description: 'From a start date to an end date' },
				{ name: 'Last 3 Months', value: 'last3Months' },
				{ name: 'Last 6 Months', value: 'last6Months' },
				{ name: 'Last Month', value: 'lastMonth' },
				{ name: 'Last Year', value: 'lastYear' },
				{ name: 'This Year', value: 'thisYear' },
			],
			default: 'lastMonth',
			description: 'Which points count. Keepnet\'s web app offers at most one year back.',
		},
		{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', required: true, default: '', description: 'Start of the period (sent as ISO 8601 UTC)', displayOptions: custom },
		{ displayName: 'End Date', name: 'endDate', type: 'dateTime', required: true, default: '', description: 'End of the period (sent as ISO 8601 UTC)', displayOptions: custom },
	];
}

/** The period fields of a leaderboard body, checked before any request. */
export function readPeriod(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const period = ctx.getNodeParameter('period', itemIndex, 'lastMonth') as string;
	if (!Object.prototype.hasOwnProperty.call(DATE_PERIODS, period)) {
		throw inputError(ctx, itemIndex, `Period "${period}" is not one the node knows`, `Use one of: ${Object.keys(DATE_PERIODS).join(', ')}.`);
	}
	if (period !== 'custom') return { datePeriod: DATE_PERIODS[period as Period], startDate: null, endDate: null };
	const startDate = optionalDate(ctx, ctx.getNodeParameter('startDate', itemIndex, ''), 'Start Date', itemIndex);
	const endDate = optionalDate(ctx, ctx.getNodeParameter('endDate', itemIndex, ''), 'End Date', itemIndex);
	if (startDate === undefined || endDate === undefined) throw inputError(ctx, itemIndex, 'Start Date and End Date are required with Period: Custom', 'Set both dates, e.g. 2026-05-01T00:00:00Z and 2026-06-01T00:00:00Z.');
	if (Date.parse(endDate) <= Date.parse(startDate)) throw inputError(ctx, itemIndex, 'End Date is not after Start Date', 'Set End Date to a later date than Start Date.');
	return { datePeriod: DATE_PERIODS.custom, startDate, endDate };
}

/** One leaderboard answer, list or paged object, as the page iterator reads it (transport/paging.ts). */
export function leaderboardPage(data: unknown): FetchedPage<IDataObject> {
	if (Array.isArray(data)) {
		const rows = data as IDataObject[];
		// The spec's plain list carries the total on every row (totalRowCount).
		return { rows, totalRecords: typeof rows[0]?.totalRowCount === 'number' ? rows[0].totalRowCount : undefined };
	}
	return fetchedPage((data ?? {}) as PagedResults<IDataObject>);
}

/** Up to `limit` rows of a paged leaderboard call; `pagination` is where the body takes its page. */
export async function leaderboardRecords(
	session: KeepnetSession,
	spec: { path: string; body: IDataObject; companyId: string; paginationField: string; orderBy: string; ascending: boolean; notFoundSubject?: string },
	limit: number,
	maxPageSize: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await collectRows(
		async ({ pageNumber, pageSize }) =>
			leaderboardPage(
				await session.request<unknown>({
					method: 'POST',
					path: spec.path,
					body: { ...spec.body, [spec.paginationField]: { pageNumber, pageSize, orderBy: spec.orderBy, ascending: spec.ascending } },
					companyId: spec.companyId,
					retry: 'safe',
					itemIndex,
					notFoundSubject: spec.notFoundSubject,
				}),
			),
		limit,
		maxPageSize,
	);
}

/** A leaderboard row without the paging helper field. */
export function leaderboardRow(row: IDataObject): IDataObject {
	const rest = { ...row };
	delete rest.totalRowCount;
	return rest;
}
