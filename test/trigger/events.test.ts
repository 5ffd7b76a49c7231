/**
 * The trigger's event map (nodes/KeepnetTrigger/events/index.ts) is the one place an event is declared: every event
 * has its file, its Event option, fields shown only for it, a way to read them and a poll; the node's description
 * is what the map says.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { INodeProperties } from 'n8n-workflow';

import { KeepnetTrigger } from '../../nodes/KeepnetTrigger/KeepnetTrigger.node';
import { COMPANY_SCOPE_FIELDS } from '../../nodes/KeepnetTrigger/events/companies';
import { EVENT_NAMES, TRIGGER_EVENTS, fieldsOf, isTriggerEvent } from '../../nodes/KeepnetTrigger/events/index';

const EVENTS_DIR = join(__dirname, '../../nodes/KeepnetTrigger/events');
const properties = new KeepnetTrigger().description.properties;
const eventProperty = properties.find((property) => property.name === 'event') as INodeProperties;
/** The description's fields other than Event and the shared Options. */
const eventFieldsInDescription = properties.filter((property) => property.name !== 'event' && property.name !== 'options');
const shownFor = (field: INodeProperties): unknown[] => (field.displayOptions?.show?.event as unknown[] | undefined) ?? [];

describe('trigger events: the map', () => {
	it('has the nine events, each in its own file events/<event>.event.ts exporting it under its name', () => {
		expect(EVENT_NAMES).toHaveLength(9);
		for (const name of EVENT_NAMES) {
			const file = join(EVENTS_DIR, `${name}.event.ts`);
			expect(existsSync(file)).toBe(true);
			expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`export const ${name}: (TimedEvent|StateEvent)\\b`));
			expect(isTriggerEvent(name)).toBe(true);
		}
		expect(isTriggerEvent('toString')).toBe(false);
		expect(isTriggerEvent('noSuchEvent')).toBe(false);
	});

	it('gives every event a Title Case label, a description and a poll for its kind', () => {
		const labels = new Set<string>();
		for (const name of EVENT_NAMES) {
			const event = TRIGGER_EVENTS[name];
			expect(event.label).toMatch(/^([A-Z][A-Za-z]*|N)( ([A-Z][A-Za-z]*|N))*$/);
			expect(labels.has(event.label)).toBe(false);
			labels.add(event.label);
			expect(event.description.length).toBeGreaterThan(10);
			if (event.kind === 'timed') expect(typeof event.sources).toBe('function');
			else {
				expect(typeof event.members).toBe('function');
				expect(event.scope).toBe('reseller');
			}
			// An event with fields of its own reads them (and checks them) before any request.
			if ((event.fields ?? []).length > 0) expect(typeof event.readSettings).toBe('function');
		}
	});

	it("the description's Event options are the map's events, by name", () => {
		const expected = EVENT_NAMES.map((name) => ({ name: TRIGGER_EVENTS[name].label, value: name, description: TRIGGER_EVENTS[name].description }));
		const options = eventProperty.options as Array<{ name: string; value: string; description: string }>;
		expect([...options].sort((a, b) => a.value.localeCompare(b.value))).toEqual(expected.sort((a, b) => a.value.localeCompare(b.value)));
		expect(options.map((option) => option.name)).toEqual([...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
		expect(EVENT_NAMES).toContain(eventProperty.default);
	});

	it('shows each event exactly its fields: the company fields for scope company, then its own', () => {
		for (const field of eventFieldsInDescription) {
			expect(shownFor(field).length).toBeGreaterThan(0);
			for (const name of shownFor(field)) expect(isTriggerEvent(name)).toBe(true);
		}
		for (const name of EVENT_NAMES) {
			const event = TRIGGER_EVENTS[name];
			const shown = eventFieldsInDescription.filter((field) => shownFor(field).includes(name)).map((field) => field.name);
			const own = (event.fields ?? []).map((field) => field.name);
			const company = event.scope === 'company' ? COMPANY_SCOPE_FIELDS.map((field) => field.name) : [];
			expect(shown).toEqual([...company, ...own]);
			expect(fieldsOf(name).map((field) => field.name)).toEqual([...company, ...own]);
		}
	});

	it("keeps each field's own conditions beside the event (the Company picker shows for One Company only)", () => {
		const picker = eventFieldsInDescription.find((field) => field.name === 'companyId');
		expect(picker?.displayOptions?.show).toEqual({ event: EVENT_NAMES.filter((name) => TRIGGER_EVENTS[name].scope === 'company'), companyScope: ['one'] });
	});
});
