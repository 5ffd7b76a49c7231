import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { getSchedule, readScheduleTarget, scheduleFields, type ScheduleTarget } from './api';

export const description: INodeProperties[] = scheduleFields();

export const handler: ItemOperation<ScheduleTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return readScheduleTarget(this, session, itemIndex);
	},
	identifyBy: ['scheduledReportId'],
	async run(target, itemIndex, session) {
		return [{ json: await getSchedule(session, target, itemIndex) }];
	},
};
