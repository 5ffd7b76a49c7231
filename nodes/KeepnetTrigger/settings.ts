/**
 * The trigger's parameters, read and checked before any request: the event (events/index.ts), the companies for an
 * event of scope 'company', the event's own settings (its readSettings) and the Options every event shares.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { positiveWholeNumber, settingsError } from './checks';
import { parseKeepnetDate } from './cursor';
import { readCompanies } from './events/companies';
import { isTriggerEvent, TRIGGER_EVENTS, type TriggerEventName } from './events/index';
import type { TriggerEventDefinition } from './events/types';
import type { CompanyRef } from './sources';

export const DEFAULT_LATE_WINDOW_MINUTES = 5;
export const DEFAULT_ACTIVE_WITHIN_DAYS = 30;

export interface TriggerSettings {
	event: TriggerEventName;
	definition: TriggerEventDefinition;
	companies: 'all' | CompanyRef;
	/** What the event's own readSettings returned (undefined for an event without own settings). */
	own: unknown;
	lateWindowMs: number;
	activeWithinDays: number;
	startFrom: string | null;
}

export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const event = ctx.getNodeParameter('event') as unknown;
	if (!isTriggerEvent(event)) throw settingsError(ctx, `Unknown event "${String(event)}"`, 'Pick an event from the Event list.');
	const definition = TRIGGER_EVENTS[event];
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const companies = definition.scope === 'company' ? readCompanies(ctx) : 'all';
	const own = definition.readSettings?.(ctx);
	const lateWindowMinutes = Number(options.lateWindowMinutes ?? DEFAULT_LATE_WINDOW_MINUTES);
	if (!Number.isInteger(lateWindowMinutes) || lateWindowMinutes < 0 || lateWindowMinutes > 1440) {
		throw settingsError(ctx, 'Late Arrival Window must be a whole number of minutes from 0 to 1440', 'Set Options → Late Arrival Window (Minutes), e.g. 5.');
	}
	const activeWithinDays = positiveWholeNumber(ctx, options.activeWithinDays ?? DEFAULT_ACTIVE_WITHIN_DAYS, 'Watch Runs and Enrollments Created Within (Days)', 3650);
	let startFrom: string | null = null;
	if (typeof options.startFrom === 'string' && options.startFrom.trim() !== '') {
		const ms = parseKeepnetDate(options.startFrom);
		if (ms === undefined) throw settingsError(ctx, `Emit Events Since "${options.startFrom}" is not a date`, 'Pick a date and time, or clear the option.');
		startFrom = new Date(ms).toISOString();
	}
	return { event, definition, companies, own, lateWindowMs: lateWindowMinutes * 60_000, activeWithinDays, startFrom };
}

/**
 * The event and scope the stored cursors were made for (TriggerState.config): a changed trigger starts over as a
 * first activation instead of reading a cursor of another event. Its shape predates the event map and stays as
 * it is, so the cursors of workflows already running survive an upgrade.
 */
export function configKey(settings: TriggerSettings): string {
	const own = settings.definition.cursorConfig?.(settings.own) ?? {};
	return JSON.stringify({
		event: settings.event,
		companies: settings.companies === 'all' ? 'all' : settings.companies.resourceId,
		behaviours: [...(own.behaviours ?? [])].sort(),
		licenseWithinDays: own.licenseWithinDays ?? 0,
	});
}
