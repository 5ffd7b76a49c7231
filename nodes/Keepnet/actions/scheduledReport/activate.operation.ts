import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption, optionsCollection } from '../../helpers/descriptions';
import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';
import { notFoundSchedule, readScheduleTarget, scheduleFields, show, type ScheduleTarget } from './api';

export const description: INodeProperties[] = [...scheduleFields('activate'), optionsCollection(show('activate'), [concurrencyOption])];

export const handler: ItemOperation<ScheduleTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex) {
		return readScheduleTarget(this, itemIndex);
	},
	identifyBy: ['scheduledReportId'],
	async run(target, itemIndex, state) {
		// Sets the status to a fixed value, so repeating it is harmless.
		await keepnetApiRequest(this, state, {
			method: 'PUT',
			path: `/api/report-scheduling/${target.scheduleId}/status/1`,
			companyId: target.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFoundSchedule(target),
		});
		return [{ json: { id: target.scheduleId, companyId: target.companyId, active: true } }];
	},
};
