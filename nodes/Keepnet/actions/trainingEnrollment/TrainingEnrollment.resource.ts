import { defineResource } from '../types';
import * as create from './create.operation';
import * as exportList from './export.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDeliveryReport from './getDeliveryReport.operation';
import * as getReport from './getReport.operation';
import * as getSurveyAnswers from './getSurveyAnswers.operation';
import * as send from './send.operation';

export { create, exportList, get, getAll, getDeliveryReport, getReport, getSurveyAnswers, send };

/** Training Enrollment: a training from Keepnet's catalogue sent to a customer's target groups. */
export const trainingEnrollmentResource = defineResource({
	name: 'Training Enrollment',
	description: "A training sent to a company's target groups, with a per-user report",
	defaultOperation: 'getAll',
	operations: {
		create: {
			name: 'Create',
			action: 'Create a training enrollment',
			description: "Enrols the members of a company's target groups in a training, sent now or on a schedule, and returns the enrollment",
			module: create,
		},
		export: {
			name: 'Export',
			action: 'Export training enrollments to a file',
			description: 'Exports the enrollment list of a company (filtered by type, status or text) and returns the CSV or Excel file, in a binary field',
			module: exportList,
		},
		get: { name: 'Get', action: 'Get a training enrollment', description: 'Returns the settings of a training enrollment with its enrolled, in progress and completed counts', module: get },
		getAll: { name: 'Get Many', action: 'Get many training enrollments', description: 'Returns the training enrollments of a company, one item each', module: getAll },
		getDeliveryReport: {
			name: 'Get Delivery Report',
			action: 'Get the delivery report of a training enrollment',
			description: 'Returns per user the enrollment emails, reminder emails, certificates or Microsoft Teams notifications of an enrollment, with errors',
			module: getDeliveryReport,
		},
		getSurveyAnswers: {
			name: 'Get Survey Answers',
			action: 'Get the survey answers of an enrollment',
			description: "Reads each enrolled user's answers and returns one item per user and question with the answer",
			module: getSurveyAnswers,
		},
		getReport: {
			name: 'Get Report',
			action: 'Get the per-user report of a training enrollment',
			description: 'Returns one item per enrolled user with their progress (not started, in progress, completed) and dates',
			module: getReport,
		},
		send: {
			name: 'Send',
			action: 'Send a training enrollment now',
			description: 'Sends a scheduled training enrollment now instead of waiting for its date, and confirms it was sent',
			module: send,
		},
	},
});
