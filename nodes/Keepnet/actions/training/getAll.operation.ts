import { TRAINING_CATALOGUE_SEARCH, trainingSearchBody } from '../../helpers/catalogue';
import { catalogueSearchOperation } from '../catalogueSearch';

// The same search as the Training picker of Training Enrollment → Create (helpers/catalogue.ts).
const operation = catalogueSearchOperation({
	resource: 'training',
	path: TRAINING_CATALOGUE_SEARCH.path,
	body: trainingSearchBody,
	simplifiedFields: ['trainingId', 'trainingName', 'description', 'type', 'category', 'level', 'duration', 'languages', 'vendorName', 'hasQuiz', 'createTime'],
	searchPlaceholder: 'e.g. phishing',
	searchDescription: 'Only trainings whose name contains this text',
});

export const description = operation.description;
export const handler = operation.handler;
