import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readPaging } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { enrollmentNotFound, enrollmentReportType, getEnrollmentSettings } from './api';
import { progressFilter, progressOf, readEnrollmentTarget, type EnrollmentTarget } from './body';
import { enrollmentLocator, progressOptions, SIMPLIFIED_REPORT_FIELDS } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	enrollmentLocator(),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([
		{
			displayName: 'Progress',
			name: 'progress',
			type: 'multiOptions',
			options: progressOptions,
			default: [],
			description: 'Only users at these stages. Empty: everyone enrolled.',
		},
		searchTextFilter('e.g. jane', 'Free text matched against first name, last name and email'),
	]),
];

interface Prepared extends EnrollmentTarget {
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const target = readEnrollmentTarget(this, session, itemIndex);
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 256 }) ?? '';
		return {
			...target,
			limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			// trainingType is added when the item runs: the enrollment's own content type (docs/keepnet-api.md#enrollment-get-and-summary, docs/keepnet-api.md#per-user-training-report).
			body: {
				filter: buildFilter(progressFilter(this, filters.progress, itemIndex), searchText, ['FirstName', 'LastName', 'Email']),
				orderBy: 'Email',
				ascending: true,
			},
		};
	},
	identifyBy: ['enrollmentId'],
	async run(prepared, itemIndex, session) {
		// A poster's or learning path's users are listed only when asked for as that type, not as a training.
		const settings = await getEnrollmentSettings(session, prepared.companyId, prepared.enrollmentId, itemIndex);
		const { trainingType } = await enrollmentReportType(this, session, prepared.companyId, prepared.enrollmentId, settings, itemIndex);
		const rows = await session.search<IDataObject>(
			{
				path: `/api/training-reports/${prepared.enrollmentId}/users/search`,
				body: { ...prepared.body, trainingType },
				companyId: prepared.companyId,
				itemIndex,
				notFoundSubject: enrollmentNotFound(prepared.companyId, prepared.enrollmentId),
			},
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return rows.map((row) => {
			// Keepnet's own status text is kept; progress says which of the three stages it is (null when unknown).
			const withProgress: IDataObject = { ...row, enrollmentId: row.enrollmentId ?? prepared.enrollmentId, progress: progressOf(row.status) ?? null };
			return { json: prepared.simplify ? pick(withProgress, ['enrollmentId', ...SIMPLIFIED_REPORT_FIELDS]) : withProgress };
		});
	},
};
