import type { IDataObject } from 'n8n-workflow';

import { enrollmentSearchPage, reportTrainingType } from '../../Keepnet/actions/trainingEnrollment/api';
import { buildFilter, fetchedPage, type PagedResults } from '../../Keepnet/transport/search';
import { parseKeepnetDate, type PageReader } from '../cursor';
import { allRows, eventAt, POLL_PAGE_SIZE, type PollEnv } from '../sources';
import type { TimedEvent } from './types';

/** Enrollment statuses that cannot produce completions (docs/keepnet-api.md#enrollment-search-and-statuses): not yet sent, failed, or in the Trash. */
const ENROLLMENTS_WITHOUT_COMPLETIONS = new Set(['scheduled', 'error', 'archived', 'deleted']);

/**
 * One enrollment's users with status Completed, newest completion first. Both scope headers, as for the enrollment
 * search (docs/keepnet-api.md#company-scope-headers, docs/keepnet-api.md#enrollment-search-and-statuses).
 */
function completedUsers(env: PollEnv, companyId: string, enrollment: IDataObject): PageReader {
	return async ({ pageNumber, pageSize }) =>
		fetchedPage(
			await env.session.request<PagedResults<IDataObject> | undefined>({
				method: 'POST',
				path: `/api/training-reports/${encodeURIComponent(String(enrollment.enrollmentId))}/users/search`,
				body: {
					filter: buildFilter([{ FieldName: 'status', Operator: 'Include', Value: 'Completed' }]),
					orderBy: 'firstCompletionDate',
					ascending: false,
					// The enrollment's own content type: asked as a training, a poster's report lists no one (docs/keepnet-api.md#per-user-training-report).
					trainingType: reportTrainingType(enrollment.type),
					pageNumber,
					pageSize,
				},
				companyId,
				headers: { 'x-ir-company-id': companyId },
				retry: 'safe',
			}),
		);
}

/**
 * Training completed (docs/keepnet-api.md#training-completed-events, option A): the company's enrollments created
 * within the active window, then each one's users with status Completed by firstCompletionDate, newest first. One
 * cursor per company; key = enrollment + target user, so a user completes a given enrollment once.
 */
export const trainingCompleted: TimedEvent = {
	kind: 'timed',
	label: 'Training Completed',
	description: 'A target user completes an enrolled training',
	scope: 'company',
	async sources({ env, event, company, activeSinceMs }) {
		const companyId = company.resourceId;
		const enrollments = await allRows(
			async ({ pageNumber, pageSize }) =>
				fetchedPage(await enrollmentSearchPage(env.session, companyId, { filter: buildFilter(), orderBy: 'CreateTime', ascending: false, enrollmentType: null }, pageNumber, pageSize)),
			POLL_PAGE_SIZE,
			(row) => {
				const created = parseKeepnetDate(row.createTime);
				if (created !== undefined && created < activeSinceMs) return 'stop';
				if (typeof row.enrollmentId !== 'string') return 'skip';
				return ENROLLMENTS_WITHOUT_COMPLETIONS.has(String(row.status ?? '').toLowerCase()) ? 'skip' : 'keep';
			},
		);
		return enrollments.map((enrollment) => {
			const enrollmentId = String(enrollment.enrollmentId);
			const context = { enrollmentId, name: enrollment.name ?? null, trainingName: enrollment.trainingName ?? null };
			return {
				ordered: true,
				readPage: completedUsers(env, companyId, enrollment),
				toEvent: (row: IDataObject) =>
					typeof row.targetUserResourceId === 'string'
						? eventAt(`${enrollmentId}:${row.targetUserResourceId}`, row.firstCompletionDate, {
								event,
								eventTime: row.firstCompletionDate ?? null,
								company: { ...company },
								enrollment: context,
								record: row,
							})
						: undefined,
			};
		});
	},
};
