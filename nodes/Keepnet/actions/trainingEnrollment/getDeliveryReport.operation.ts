import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readPaging } from '../../helpers/parameters';
import { inputError, optionalString } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { enrollmentNotFound, enrollmentReportType, getEnrollmentSettings } from './api';
import { readEnrollmentTarget, type EnrollmentTarget } from './body';
import { enrollmentLocator } from './fields';

/**
 * The four delivery logs of an enrollment (docs/results-reporting.md): each its own search, all DataResponse
 * envelopes, all sorted by email as Keepnet's web app sorts them.
 */
const KINDS = {
	emails: {
		path: (id: string) => `/api/training-reports/${id}/sending-report/search`,
		simplified: ['email', 'firstName', 'lastName', 'department', 'targetUserResourceId', 'emailDelivery', 'firstSendDate', 'lastSendDate', 'lastSendingStatus', 'errorMessage'],
	},
	reminders: {
		path: (id: string) => `/api/training-reports/${id}/reminder-mails/search`,
		simplified: ['email', 'emailDelivery', 'firstSendDate', 'lastSendDate', 'lastSendingStatus'],
	},
	certificates: {
		path: (id: string) => `/api/enrollments/${id}/certificates/search`,
		simplified: ['userEmail', 'targetUserResourceId', 'status', 'sentDate', 'emailDelivery', 'firstSendTime', 'lastSendTime'],
	},
	teams: {
		path: (id: string) => `/api/notifications/${id}/search`,
		simplified: ['email', 'firstName', 'lastName', 'department', 'status', 'type', 'firstSendDate', 'lastSendDate', 'lastSendingStatus', 'errorMessage', 'retryCount'],
	},
} as const;
type Kind = keyof typeof KINDS;

export const description: INodeProperties[] = [
	companyLocator(),
	enrollmentLocator(),
	{
		displayName: 'Report',
		name: 'kind',
		type: 'options',
		options: [
			{ name: 'Certificates', value: 'certificates', description: 'The completion certificates emailed to users' },
			{ name: 'Enrollment Emails', value: 'emails', description: 'The enrollment email of each user: delivered, when, and any sending error' },
			{ name: 'Microsoft Teams Notifications', value: 'teams', description: 'The enrollment notifications sent through Microsoft Teams' },
			{ name: 'Reminder Emails', value: 'reminders', description: 'The reminder emails sent to users who had not completed' },
		],
		default: 'emails',
		description: 'Which delivery log to read',
	},
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([searchTextFilter('e.g. jane', 'Free text matched against the email address (and names, where the log has them)')]),
];

interface Prepared extends EnrollmentTarget {
	kind: Kind;
	searchText: string;
	limit: number;
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const kind = this.getNodeParameter('kind', itemIndex, 'emails') as string;
		if (!Object.prototype.hasOwnProperty.call(KINDS, kind)) throw inputError(this, itemIndex, `Report "${kind}" is not one the node knows`, `Use one of: ${Object.keys(KINDS).join(', ')}.`);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return {
			...readEnrollmentTarget(this, session, itemIndex),
			kind: kind as Kind,
			searchText: optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 256 }) ?? '',
			limit: readPaging(this, itemIndex).limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	identifyBy: ['enrollmentId'],
	async run(prepared, itemIndex, session) {
		const textFields = prepared.kind === 'reminders' || prepared.kind === 'certificates' ? ['Email'] : ['FirstName', 'LastName', 'Email'];
		const body: IDataObject = { filter: buildFilter([], prepared.searchText, textFields), orderBy: 'email', ascending: true };
		if (prepared.kind === 'reminders') {
			// SearchRestServiceRequest wants the enrollment's content type, as the users report does (docs/keepnet-api.md#per-user-training-report).
			const settings = await getEnrollmentSettings(session, prepared.companyId, prepared.enrollmentId, itemIndex);
			body.trainingType = (await enrollmentReportType(this, session, prepared.companyId, prepared.enrollmentId, settings, itemIndex)).trainingType;
			body.reportAllPages = false;
		}
		// The Teams log's body also names the enrollment (SearchNotificationActivityLogRequest); companyId (an int) is left out.
		if (prepared.kind === 'teams') body.enrollmentId = prepared.enrollmentId;
		const rows = await session.search<IDataObject>(
			{ path: KINDS[prepared.kind].path(prepared.enrollmentId), body, companyId: prepared.companyId, itemIndex, notFoundSubject: enrollmentNotFound(prepared.companyId, prepared.enrollmentId) },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return rows.map((row) => ({ json: { enrollmentId: prepared.enrollmentId, report: prepared.kind, ...(prepared.simplify ? pick(row, KINDS[prepared.kind].simplified) : row) } }));
	},
};
