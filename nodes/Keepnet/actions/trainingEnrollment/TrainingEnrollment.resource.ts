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
			description: "Enrol the members of target groups in a training from the company's catalogue, sent now or on a schedule",
			module: create,
		},
		export: {
			name: 'Export',
			action: 'Export training enrollments to a file',
			description: 'The enrollment list (all or filtered by type, status or text) as the CSV or Excel file Keepnet exports',
			module: exportList,
		},
		get: { name: 'Get', action: 'Get a training enrollment', description: 'Get the settings and completion counts of an enrollment', module: get },
		getAll: { name: 'Get Many', action: 'Get many training enrollments', description: 'List the training enrollments of a company', module: getAll },
		getDeliveryReport: {
			name: 'Get Delivery Report',
			action: 'Get the delivery report of a training enrollment',
			description: 'Per user: the enrollment email, reminder emails, certificates or Microsoft Teams notifications, with status and errors',
			module: getDeliveryReport,
		},
		getSurveyAnswers: {
			name: 'Get Survey Answers',
			action: 'Get the survey answers of an enrollment',
			description: "One item per user and question with the user's answer",
			module: getSurveyAnswers,
		},
		getReport: {
			name: 'Get Report',
			action: 'Get the per-user report of a training enrollment',
			description: 'List each enrolled user with progress (not started, in progress, completed) and dates',
			module: getReport,
		},
		send: {
			name: 'Send',
			action: 'Send a training enrollment now',
			description: 'Send a scheduled enrollment now instead of waiting for its date',
			module: send,
		},
	},
});
