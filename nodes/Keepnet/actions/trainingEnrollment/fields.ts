import { recordLocator } from '../../helpers/descriptions';

/** Editor fields of the Training Enrollment operations. */

export const enrollmentLocator = () =>
	recordLocator({
		name: 'enrollmentId',
		displayName: 'Enrollment',
		searchListMethod: 'searchEnrollments',
		description: 'The training enrollment, searchable by name within the selected company. Its ID is a GUID.',
	});

export const trainingLocator = () =>
	recordLocator({
		name: 'trainingId',
		displayName: 'Training',
		searchListMethod: 'searchTrainings',
		description: "The training from Keepnet's catalogue for the selected company, searchable by name",
		byNamePlaceholder: 'e.g. Security Basics - Beginner',
	});

/** Reminder period and end types of EnrollmentReminder (docs/keepnet-api.md#enrollment-create). */
export const REMINDER_PERIOD_TYPES = ['Day', 'Week', 'Month'] as const;
export const REMINDER_END_TYPES = ['TrainingCompleted', 'QuizCompleted', 'QuizSuccessfullyCompleted', 'AfterOccurrences', 'OnDate'] as const;

export const enrollmentSortFields = [
	{ name: 'Create Time', value: 'CreateTime' },
	{ name: 'Name', value: 'Name' },
	{ name: 'Start Date', value: 'StartDate' },
	{ name: 'Status', value: 'Status' },
	{ name: 'Training Name', value: 'TrainingName' },
];

export const progressOptions = [
	{ name: 'Not Started', value: 'notStarted', description: 'In queue, not responded, opened or clicked the email, or a sending error' },
	{ name: 'In Progress', value: 'inProgress', description: 'Started the training but not finished it' },
	{ name: 'Completed', value: 'completed', description: 'Completed the training (or downloaded a poster or infographic)' },
];

export const SIMPLIFIED_ENROLLMENT_FIELDS = ['enrollmentId', 'name', 'trainingName', 'type', 'status', 'startDate', 'createTime', 'enrolledBy', 'recipientType'] as const;
export const SIMPLIFIED_REPORT_FIELDS = [
	'targetUserResourceId',
	'email',
	'firstName',
	'lastName',
	'department',
	'progress',
	'status',
	'firstCompletionDate',
	'lastInteractionDate',
	'examStatusName',
	'examScore',
] as const;

/** enrollmentType of the enrollment search and export (docs/keepnet-api.md#enrollment-search-and-statuses): the web app's tabs; empty = every type. */
export const ENROLLMENT_TYPES = [
	{ name: 'Infographic', value: 'Infographic' },
	{ name: 'Learning Path', value: 'LearningPath' },
	{ name: 'Poster', value: 'Poster' },
	{ name: 'Screensaver', value: 'Screensaver' },
	{ name: 'Survey', value: 'Survey' },
	{ name: 'Training (SCORM)', value: 'SCORM' },
];

export const enrollmentTypeFilter = {
	displayName: 'Type',
	name: 'type',
	type: 'options' as const,
	options: [{ name: 'All Types', value: '' }, ...ENROLLMENT_TYPES],
	default: '',
	description: 'Only enrollments of this kind of content (a survey, a poster, a training…)',
};

/** Enrollment statuses (DOCS spelling, docs/keepnet-api.md#enrollment-search-and-statuses). */
export const ENROLLMENT_STATUSES = ['Auto-Enroll', 'Error', 'Finished', 'Scheduled', 'Scorm Proxy', 'Sending', 'Stopped'];

export const enrollmentStatusFilter = {
	displayName: 'Status',
	name: 'status',
	type: 'multiOptions' as const,
	options: ENROLLMENT_STATUSES.map((status) => ({ name: status, value: status })),
	default: [],
	description: 'Only enrollments in these statuses',
};
