import { SCENARIO_CATALOGUE_SEARCH, scenarioSearchBody } from '../../helpers/catalogue';
import { searchOperation } from '../searchOperation';

// The same search as the Scenario picker of Phishing Campaign → Create (helpers/catalogue.ts), so list and picker ask alike.
const operation = searchOperation({
	path: SCENARIO_CATALOGUE_SEARCH.path,
	body: scenarioSearchBody,
	searchText: { fields: [], placeholder: 'e.g. invoice', description: 'Only scenarios whose name contains this text', max: 200 },
	simplify: ['resourceId', 'name', 'method', 'difficulty', 'category', 'languageTypeCode', 'languageTypeName', 'tags', 'createdBy', 'createTime'],
});

export const description = operation.description;
export const handler = operation.handler;
