import type { IDataObject } from 'n8n-workflow';

import { pick } from '../../helpers/output';
import { readRecordId } from '../../helpers/parameters';
import { searchOperation } from '../searchOperation';
import { enrollmentNotFound, enrollmentReportType, getEnrollmentSettings } from './api';
import { progressFilter, progressOf } from './body';
import { enrollmentLocator, progressOptions, SIMPLIFIED_REPORT_FIELDS } from './fields';

const operation = searchOperation({
	path: (enrollmentId) => `/api/training-reports/${enrollmentId}/users/search`,
	record: {
		field: enrollmentLocator(),
		name: 'enrollmentId',
		read: (ctx, itemIndex) => readRecordId(ctx, 'enrollmentId', 'Enrollment', itemIndex),
		notFound: (companyId, enrollmentId) => enrollmentNotFound(companyId ?? '', enrollmentId),
	},
	searchText: { fields: ['FirstName', 'LastName', 'Email'], placeholder: 'e.g. jane', description: 'Free text matched against first name, last name and email', max: 256 },
	filters: {
		options: [
			{
				displayName: 'Progress',
				name: 'progress',
				type: 'multiOptions',
				options: progressOptions,
				default: [],
				description: 'Only users at these stages. Empty: everyone enrolled.',
			},
		],
		columns: (filters, ctx, itemIndex) => progressFilter(ctx, filters.progress, itemIndex),
	},
	sort: { orderBy: 'Email', ascending: true },
	// The search is sent as the enrollment's own content type: a poster's or learning path's users are listed only
	// when asked for as that type, not as a training (docs/keepnet-api.md#enrollment-get-and-summary,
	// docs/keepnet-api.md#per-user-training-report). Read once per item, before its first page.
	pages: (session, search, { ctx, recordId, itemIndex }) => {
		let trainingType: Promise<number> | undefined;
		const typeOfEnrollment = async (companyId: string, enrollmentId: string): Promise<number> => {
			const settings = await getEnrollmentSettings(session, companyId, enrollmentId, itemIndex);
			return (await enrollmentReportType(ctx, session, companyId, enrollmentId, settings, itemIndex)).trainingType;
		};
		return async (request) => {
			trainingType ??= typeOfEnrollment(search.companyId ?? '', recordId ?? '');
			return await session.pageReader({ ...search, body: { ...search.body, trainingType: await trainingType } })(request);
		};
	},
	// Keepnet's own status text is kept; progress says which of the three stages it is (null when unknown).
	row: (row, { recordId }) => ({ ...row, enrollmentId: row.enrollmentId ?? recordId, progress: progressOf(row.status) ?? null }),
	simplify: (row: IDataObject) => pick(row, ['enrollmentId', ...SIMPLIFIED_REPORT_FIELDS]),
});

export const description = operation.description;
export const handler = operation.handler;
