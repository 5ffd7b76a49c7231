import { searchOperation } from '../searchOperation';
import { enrollmentPages } from './api';
import { enrollmentStatusFilterItems, readEnrollmentType } from './body';
import { enrollmentSortFields, enrollmentStatusFilter, enrollmentTypeFilter, SIMPLIFIED_ENROLLMENT_FIELDS } from './fields';

const operation = searchOperation({
	path: '/api/enrollments/search',
	// The enrollment search wants a second company header (api.ts).
	pages: (session, search) => enrollmentPages(session, search.companyId ?? '', search.body, search.itemIndex),
	searchText: { fields: ['Name', 'TrainingName'], placeholder: 'e.g. onboarding', description: 'Only enrollments whose name or training name contains this text', max: 256 },
	filters: {
		options: [enrollmentTypeFilter, enrollmentStatusFilter],
		columns: (filters) => enrollmentStatusFilterItems(filters.status),
		// enrollmentType null = every type (trainings, surveys, posters…), as the UI's "all" (docs/keepnet-api.md#enrollment-search-and-statuses).
		body: (filters, ctx, itemIndex) => ({ enrollmentType: readEnrollmentType(ctx, filters.type, itemIndex) }),
	},
	sort: { fields: enrollmentSortFields, default: 'CreateTime' },
	simplify: SIMPLIFIED_ENROLLMENT_FIELDS,
});

export const description = operation.description;
export const handler = operation.handler;
