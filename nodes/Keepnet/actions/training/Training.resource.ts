import { defineResource } from '../types';
import * as getAll from './getAll.operation';

export { getAll };

/** Training: Keepnet's training catalogue (courses, videos, surveys and other content) as a company sees it. */
export const trainingResource = defineResource({
	name: 'Training',
	description: "The training catalogue a company can enroll its people in",
	defaultOperation: 'getAll',
	operations: {
		getAll: { name: 'Get Many', action: 'Get many trainings', description: "Returns the trainings of a company's catalogue, one item each, newest first, optionally narrowed by name", module: getAll },
	},
});
