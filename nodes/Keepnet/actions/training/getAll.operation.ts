import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { TRAINING_CATALOGUE_SEARCH, trainingSearchBody } from '../../helpers/catalogue';
import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readCompanyId, readPaging } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';

const displayOptions = { show: { resource: ['training'], operation: ['getAll'] } };

const SIMPLIFIED_TRAINING_FIELDS = ['trainingId', 'trainingName', 'description', 'type', 'category', 'level', 'duration', 'languages', 'vendorName', 'hasQuiz', 'createTime'] as const;

export const description: INodeProperties[] = [
	companyLocator(displayOptions),
	...returnAllAndLimit(displayOptions),
	simplifyToggle(displayOptions),
	filtersCollection(displayOptions, [searchTextFilter('e.g. phishing', 'Only trainings whose name contains this text')]),
];

interface Prepared {
	companyId: string;
	searchText: string;
	limit: number;
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	acrossCompanies: true,
	concurrent: false,
	prepare(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return {
			companyId: readCompanyId(this, itemIndex),
			searchText: optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 200 }) ?? '',
			limit: readPaging(this, itemIndex).limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async run(prepared, itemIndex, state) {
		// The same search as the Training picker of Training Enrollment → Create (helpers/catalogue.ts).
		const trainings = await searchRecords<IDataObject>(
			this,
			state,
			{ path: TRAINING_CATALOGUE_SEARCH.path, body: trainingSearchBody(prepared.searchText), companyId: prepared.companyId, itemIndex },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return trainings.map((training) => ({ json: prepared.simplify ? pick(training, SIMPLIFIED_TRAINING_FIELDS) : training }));
	},
};
