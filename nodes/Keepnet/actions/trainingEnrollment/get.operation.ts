import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, simplifyToggle } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { enrollmentNotFound, enrollmentReportType, getEnrollmentSettings } from './api';
import { readEnrollmentTarget, type EnrollmentTarget } from './body';
import { enrollmentLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), enrollmentLocator(), simplifyToggle()];

interface Prepared extends EnrollmentTarget {
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return { ...readEnrollmentTarget(this, session, itemIndex), simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
	},
	identifyBy: ['enrollmentId'],
	async run(prepared, itemIndex, session) {
		const notFoundSubject = enrollmentNotFound(prepared.companyId, prepared.enrollmentId);
		// The enrollment's settings carry no id, status or counts; the summary has the counts (docs/keepnet-api.md#enrollment-get-and-summary), and it
		// must be asked for with the enrollment's own content type, which only the enrollment list names.
		const settings = await getEnrollmentSettings(session, prepared.companyId, prepared.enrollmentId, itemIndex);
		const { trainingType, row } = await enrollmentReportType(this, session, prepared.companyId, prepared.enrollmentId, settings, itemIndex);
		const summary =
			(await session.request<IDataObject | undefined>({
				method: 'GET',
				path: `/api/training-reports/${prepared.enrollmentId}/summary?trainingType=${trainingType}`,
				companyId: prepared.companyId,
				retry: 'safe',
				itemIndex,
				notFoundSubject,
			})) ?? {};
		if (!prepared.simplify) return [{ json: { enrollmentId: prepared.enrollmentId, ...settings, summary } }];
		const detail = (summary.reportDetail ?? {}) as IDataObject;
		const scheduler = (settings.enrollmentScheduler ?? null) as IDataObject | null;
		const json: IDataObject = {
			enrollmentId: prepared.enrollmentId,
			name: settings.name ?? summary.name,
			trainingId: settings.trainingId,
			type: row.type,
			status: row.status,
			targetGroupResourceIds: settings.targetGroupResourceIds,
			targetGroupNames: summary.targetGroupNames,
			languageIds: settings.languageIds,
			scheduledDate: scheduler?.scheduledDate ?? null,
			dueDate: scheduler?.dueDate ?? null,
			hasReminder: settings.enrollmentReminder !== null && settings.enrollmentReminder !== undefined,
			markedAsTest: settings.markedAsTest,
			startDate: summary.startDate,
			totalTargetUserCount: detail.totalTargetUserCount,
			inProgressCount: summary.inProgressCount,
			completedCount: summary.completedCount,
		};
		return [{ json }];
	},
};
