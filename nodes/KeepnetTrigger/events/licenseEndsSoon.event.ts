import type { INodeProperties } from 'n8n-workflow';

import { DAY_MS, positiveWholeNumber } from '../checks';
import { parseKeepnetDate } from '../cursor';
import { listCompanies } from '../sources';
import type { StateEvent, StateMember } from './types';

const DEFAULT_LICENSE_WITHIN_DAYS = 30;

const licenseWithinDaysField: INodeProperties = {
	displayName: 'Days Before License End',
	name: 'licenseWithinDays',
	type: 'number',
	default: DEFAULT_LICENSE_WITHIN_DAYS,
	typeOptions: { minValue: 1, maxValue: 3650 },
	description: 'Emit a company once when its license end date comes within this many days. A renewal with a new end date can fire again.',
};

/**
 * License ending: companies whose licenseEndDate lies between now and now + N days, remembered with that date, so a
 * renewal with a new end date fires again (docs/keepnet-api.md#trigger-events).
 */
export const licenseEndsSoon: StateEvent<{ licenseWithinDays: number }> = {
	kind: 'state',
	label: 'License Ends Within N Days',
	description: 'A customer license end date comes within the chosen number of days',
	scope: 'reseller',
	fields: [licenseWithinDaysField],
	readSettings: (ctx) => ({
		licenseWithinDays: positiveWholeNumber(ctx, ctx.getNodeParameter('licenseWithinDays', DEFAULT_LICENSE_WITHIN_DAYS), 'Days Before License End', 3650),
	}),
	cursorConfig: (settings) => ({ licenseWithinDays: settings.licenseWithinDays }),
	async members({ env, settings, now }) {
		const until = now + settings.licenseWithinDays * DAY_MS;
		const members: StateMember[] = [];
		for (const row of await listCompanies(env, { orderBy: 'licenseEndDate', ascending: true })) {
			const end = parseKeepnetDate(row.licenseEndDate);
			if (end === undefined || end < now || end > until || row.licenceExpired === true) continue;
			members.push({ row, value: String(row.licenseEndDate), details: { licenseEndDate: row.licenseEndDate, daysLeft: Math.ceil((end - now) / DAY_MS) } });
		}
		return members;
	},
};
