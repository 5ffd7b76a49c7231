import { SCENARIO_CATALOGUE_SEARCH, scenarioSearchBody } from '../../helpers/catalogue';
import { catalogueSearchOperation } from '../catalogueSearch';

// The same search as the Scenario picker of Phishing Campaign → Create (helpers/catalogue.ts).
const operation = catalogueSearchOperation({
	resource: 'phishingScenario',
	path: SCENARIO_CATALOGUE_SEARCH.path,
	body: scenarioSearchBody,
	simplifiedFields: ['resourceId', 'name', 'method', 'difficulty', 'category', 'languageTypeCode', 'languageTypeName', 'tags', 'createdBy', 'createTime'],
	searchPlaceholder: 'e.g. invoice',
	searchDescription: 'Only scenarios whose name contains this text',
});

export const description = operation.description;
export const handler = operation.handler;
