/**
 * The trigger's events: one file each (events/<event>.event.ts), one line each in EVENTS. Everything the node
 * knows of its events derives from this map: the Event options, which fields show for which event, the settings a
 * poll reads and what it runs (docs/trigger.md#events). Adding an event: write its file, add its line here.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { COMPANY_SCOPE_FIELDS } from './companies';
import { companyOverLicenseLimit } from './companyOverLicenseLimit.event';
import { licenseEndsSoon } from './licenseEndsSoon.event';
import { newAuditLogEntry } from './newAuditLogEntry.event';
import { newCompany } from './newCompany.event';
import { newTargetUser } from './newTargetUser.event';
import { simulationFailed } from './simulationFailed.event';
import { simulationReported } from './simulationReported.event';
import { targetUserUpdated } from './targetUserUpdated.event';
import { trainingCompleted } from './trainingCompleted.event';
import type { TriggerEventDefinition } from './types';

/**
 * Event name (the Event option's value, kept in saved workflows and in the cursor's key) → event. The editor lists the
 * options by name; the events' fields appear in this order.
 */
const EVENTS = {
	newCompany,
	companyOverLicenseLimit,
	newTargetUser,
	targetUserUpdated,
	trainingCompleted,
	simulationFailed,
	simulationReported,
	newAuditLogEntry,
	licenseEndsSoon,
} satisfies Record<string, TriggerEventDefinition>;

export type TriggerEventName = keyof typeof EVENTS;

export const TRIGGER_EVENTS: Readonly<Record<TriggerEventName, TriggerEventDefinition>> = EVENTS;

export const EVENT_NAMES = Object.keys(TRIGGER_EVENTS) as TriggerEventName[];

export function isTriggerEvent(value: unknown): value is TriggerEventName {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TRIGGER_EVENTS, value);
}

/** The Event field's options, by name. */
export function eventOptions(): INodePropertyOptions[] {
	return EVENT_NAMES.map((name) => ({ name: TRIGGER_EVENTS[name].label, value: name, description: TRIGGER_EVENTS[name].description })).sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}

/** The fields an event shows: the company fields for scope 'company', then its own. */
export function fieldsOf(name: TriggerEventName): INodeProperties[] {
	const definition = TRIGGER_EVENTS[name];
	return [...(definition.scope === 'company' ? COMPANY_SCOPE_FIELDS : []), ...(definition.fields ?? [])];
}

/** `field` with displayOptions where the hand-written descriptions put them (after description), for a stable description. */
function withDisplayOptions(field: INodeProperties, displayOptions: INodeProperties['displayOptions']): INodeProperties {
	const entries = Object.entries(field).filter(([key]) => key !== 'displayOptions');
	const at = entries.findIndex(([key]) => key === 'description');
	entries.splice(at < 0 ? entries.length : at + 1, 0, ['displayOptions', displayOptions]);
	return Object.fromEntries(entries) as unknown as INodeProperties;
}

/**
 * Every event's fields, each once, shown for the events that list it (`event` first, then the field's own
 * conditions on other fields), in the order the map first lists them. Two different fields under one name are a
 * mistake in an event file: they would overwrite each other's value.
 */
export function eventFields(): INodeProperties[] {
	const shownFor = new Map<string, { field: INodeProperties; events: TriggerEventName[] }>();
	for (const name of EVENT_NAMES) {
		for (const field of fieldsOf(name)) {
			const entry = shownFor.get(field.name);
			if (entry === undefined) shownFor.set(field.name, { field, events: [name] });
			else if (entry.field !== field) throw new Error(`Trigger events ${entry.events[0]} and ${name} declare different fields named "${field.name}"`);
			else entry.events.push(name);
		}
	}
	return [...shownFor.values()].map(({ field, events }) => withDisplayOptions(field, { ...field.displayOptions, show: { event: events, ...field.displayOptions?.show } }));
}
