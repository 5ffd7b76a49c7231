import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../helpers/validation';
import type { KeepnetSession } from '../../transport/session';

/** Executive reports (docs/billing-and-reports.md): every call in one customer, an unpaged ServiceResult list. */

export async function searchExecutiveReports(session: KeepnetSession, companyId: string, name: string, itemIndex?: number): Promise<IDataObject[]> {
	const data = await session.request<IDataObject[] | undefined>({
		method: 'POST',
		path: '/api/executive-report/search',
		body: { name },
		companyId,
		retry: 'safe',
		itemIndex,
	});
	return Array.isArray(data) ? data : [];
}

/** The one report of the company with exactly this name (any case); none or several is an error naming the item. */
export async function executiveReportIdByName(ctx: IExecuteFunctions, session: KeepnetSession, companyId: string, name: string, itemIndex: number): Promise<string> {
	const found = await searchExecutiveReports(session, companyId, name, itemIndex);
	const exact = found.filter((report) => String(report.name ?? '').trim().toLowerCase() === name.toLowerCase() && typeof report.resourceId === 'string');
	if (exact.length === 1) return String(exact[0].resourceId);
	throw inputError(
		ctx,
		itemIndex,
		exact.length === 0 ? `Executive Report "${name}" is not the name of a report of company "${companyId}"` : `Executive Report "${name}" names ${exact.length} reports of company "${companyId}"`,
		exact.length === 0
			? `The company's reports: ${found.map((report) => `"${String(report.name)}"`).slice(0, 10).join(', ') || 'none'}. Use the exact name, or pick the report from the list.`
			: 'Pick the report from the list, or give its ID.',
	);
}

/** Keepnet's date periods as its console sends them (numbers, docs/results-reporting.md#gamification). Custom needs dates: not offered. */
export const DATE_PERIOD_OPTIONS = [
	{ name: 'As Saved in the Report', value: 'saved' },
	{ name: 'Last Month', value: '0' },
	{ name: 'Last 3 Months', value: '1' },
	{ name: 'Last 6 Months', value: '2' },
	{ name: 'Last Year', value: '3' },
	{ name: 'This Year', value: '4' },
];
