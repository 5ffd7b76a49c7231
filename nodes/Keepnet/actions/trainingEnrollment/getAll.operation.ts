import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, optionsCollection, returnAllAndLimit, searchTextFilter, simplifyToggle, sortOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readCompanyId, readPaging, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { searchEnrollmentRecords } from './api';
import { enrollmentStatusFilterItems, readEnrollmentType } from './body';
import { enrollmentSortFields, enrollmentStatusFilter, enrollmentTypeFilter, SIMPLIFIED_ENROLLMENT_FIELDS } from './fields';


export const description: INodeProperties[] = [
	companyLocator(),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([
		searchTextFilter('e.g. onboarding', 'Only enrollments whose name or training name contains this text'),
		enrollmentTypeFilter,
		enrollmentStatusFilter,
	]),
	optionsCollection([sortOption(enrollmentSortFields, 'CreateTime')]),
];

interface Prepared {
	companyId: string;
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		const companyId = readCompanyId(this, itemIndex);
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 256 }) ?? '';
		const columnFilters = enrollmentStatusFilterItems(filters.status);
		const sort = sortFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject, 'CreateTime');
		return {
			companyId,
			limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			// enrollmentType null = every type (trainings, surveys, posters…), as the UI's "all" (docs/keepnet-api.md#enrollment-search-and-statuses).
			body: {
				filter: buildFilter(columnFilters, searchText, ['Name', 'TrainingName']),
				orderBy: sort.orderBy,
				ascending: sort.ascending,
				enrollmentType: readEnrollmentType(this, filters.type, itemIndex),
			},
		};
	},
	async run(prepared, itemIndex, state) {
		const enrollments = await searchEnrollmentRecords(this, state, prepared.companyId, prepared.body, prepared.limit, MAX_PAGE_SIZE, itemIndex);
		return enrollments.map((enrollment) => ({ json: prepared.simplify ? pick(enrollment, SIMPLIFIED_ENROLLMENT_FIELDS) : enrollment }));
	},
};
