import { TRAINING_CATALOGUE_SEARCH, trainingSearchBody } from '../../helpers/catalogue';
import { searchOperation } from '../searchOperation';

// The same search as the Training picker of Training Enrollment → Create (helpers/catalogue.ts), so list and picker ask alike.
const operation = searchOperation({
	path: TRAINING_CATALOGUE_SEARCH.path,
	body: trainingSearchBody,
	searchText: { fields: [], placeholder: 'e.g. phishing', description: 'Only trainings whose name contains this text', max: 200 },
	simplify: ['trainingId', 'trainingName', 'description', 'type', 'category', 'level', 'duration', 'languages', 'vendorName', 'hasQuiz', 'createTime'],
});

export const description = operation.description;
export const handler = operation.handler;
