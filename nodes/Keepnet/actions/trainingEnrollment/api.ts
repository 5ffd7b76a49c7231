import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { inputError } from '../../helpers/validation';
import { collectRows, type FetchedPage, type PageRequest, pages } from '../../transport/paging';
import { buildFilter, fetchedPage, type PagedResults } from '../../transport/search';
import type { KeepnetSession } from '../../transport/session';

/** Keepnet calls more than one Training Enrollment operation (or picker) makes. */

export const enrollmentNotFound = (companyId: string, enrollmentId: string) => `enrollment "${enrollmentId}" in company "${companyId}"`;

/**
 * One page of `POST /api/enrollments/search`. DOCS want `x-ir-company-id` beside `X-KEEPNET-Company-Id` on this
 * search (docs/keepnet-api.md#company-scope-headers): the transport sends the second, this adds the first with the same value.
 */
export async function enrollmentSearchPage(
	session: KeepnetSession,
	companyId: string,
	body: IDataObject,
	pageNumber: number,
	pageSize: number,
	itemIndex?: number,
): Promise<PagedResults<IDataObject>> {
	const page = await session.request<PagedResults<IDataObject> | undefined>({
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

/** The enrollment search as the page iterator reads it (transport/paging.ts). */
export function enrollmentPages(session: KeepnetSession, companyId: string, body: IDataObject, itemIndex?: number): (request: PageRequest) => Promise<FetchedPage<IDataObject>> {
	return async ({ pageNumber, pageSize }) => fetchedPage(await enrollmentSearchPage(session, companyId, body, pageNumber, pageSize, itemIndex));
}

/** Up to `limit` enrollments (Infinity for Return All), paged as KeepnetSession.search pages. */
export async function searchEnrollmentRecords(
	session: KeepnetSession,
	companyId: string,
	body: IDataObject,
	limit: number,
	maxPageSize: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await collectRows(enrollmentPages(session, companyId, body, itemIndex), limit, maxPageSize);
}

/**
 * The `trainingType` of the training-report calls (summary and users search) for an enrollment of this content
 * type, as Keepnet's web app derives it from the enrollment list's `type` (docs/keepnet-api.md#enrollment-get-and-summary): 1 Poster, 2 Infographic,
 * 3 Screensaver, 4 Learning Path, 0 for the rest (SCORM trainings and surveys). Spaces and case do not matter
 * ("Learning Path" and "LearningPath" both occur).
 */
const REPORT_TRAINING_TYPES: Record<string, number> = { poster: 1, infographic: 2, screensaver: 3, learningpath: 4 };

export function reportTrainingType(enrollmentType: unknown): number {
	const key = typeof enrollmentType === 'string' ? enrollmentType.replace(/\s+/g, '').toLowerCase() : '';
	return REPORT_TRAINING_TYPES[key] ?? 0;
}

/** GET /api/enrollments/{id}: the enrollment's settings (no id, status or counts; docs/keepnet-api.md#enrollment-get-and-summary). */
export async function getEnrollmentSettings(session: KeepnetSession, companyId: string, enrollmentId: string, itemIndex: number): Promise<IDataObject> {
	return (
		(await session.request<IDataObject | undefined>({
			method: 'GET',
			path: `/api/enrollments/${enrollmentId}`,
			companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: enrollmentNotFound(companyId, enrollmentId),
		})) ?? {}
	);
}

/**
 * The enrollment's row of the enrollment list, the only place that names its content type (and its status).
 * Searched by the enrollment's name (from its settings) and matched by ID; an enrollment the list does not show
 * (e.g. one in the Trash) is an error: its report cannot be asked for without its type.
 */
export async function enrollmentListRow(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	enrollmentId: string,
	name: unknown,
	itemIndex: number,
): Promise<IDataObject> {
	const searchText = typeof name === 'string' ? name : '';
	const body = { filter: buildFilter([], searchText, ['Name']), orderBy: 'CreateTime', ascending: false, enrollmentType: null };
	const wanted = enrollmentId.toLowerCase();
	for await (const page of pages(enrollmentPages(session, companyId, body, itemIndex), { pageSize: MAX_PAGE_SIZE })) {
		const row = page.rows.find((candidate) => String(candidate.enrollmentId ?? '').toLowerCase() === wanted);
		if (row) return row;
	}
	throw new NodeOperationError(ctx.getNode(), `Keepnet's enrollment list has no enrollment "${enrollmentId}" in company "${companyId}" (item ${itemIndex})`, {
		itemIndex,
		description:
			"Keepnet reports a training, poster, infographic, screensaver or learning path each in its own way, and only the enrollment list says which one this is. Check that the enrollment is not in Keepnet's Trash.",
	});
}

/** The trainingType to read this enrollment's reports with, from its own type in the enrollment list. */
export async function enrollmentReportType(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	enrollmentId: string,
	settings: IDataObject,
	itemIndex: number,
): Promise<{ trainingType: number; row: IDataObject }> {
	const row = await enrollmentListRow(ctx, session, companyId, enrollmentId, settings.name, itemIndex);
	return { trainingType: reportTrainingType(row.type), row };
}

/**
 * The language IDs for an enrollment: each chosen entry must be one of the training's own languages (by ID, or by
 * code or name, any case). Keepnet refuses an enrollment in a language the training lacks, so such an entry fails
 * the item before the enrollment is written, naming the languages the training has.
 */
export function languagesOfferedBy(ctx: IExecuteFunctions, offered: IDataObject[], chosen: string[], trainingId: string, itemIndex: number): string[] {
	return chosen.map((entry) => {
		const wanted = entry.toLowerCase();
		const language =
			offered.find((candidate) => String(candidate.id) === entry) ??
			offered.find((candidate) => [candidate.code, candidate.name].some((label) => typeof label === 'string' && label.toLowerCase() === wanted));
		if (!language) {
			const names = offered.map((candidate) => `${String(candidate.name ?? candidate.code ?? candidate.id)} (${String(candidate.id)})`);
			throw inputError(
				ctx,
				itemIndex,
				`Languages: "${entry}" is not a language of training "${trainingId}"`,
				names.length === 0
					? 'Keepnet lists no language for this training: leave Languages empty.'
					: `This training is offered in ${names.join(', ')}. Pick the languages from the list (it shows the chosen training's own), or leave Languages empty.`,
			);
		}
		return String(language.id);
	});
}
