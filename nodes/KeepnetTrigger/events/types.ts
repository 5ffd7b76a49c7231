/**
 * The contract of one trigger event (docs/trigger.md#events). Each event is one file, events/<event>.event.ts,
 * exporting one of these, and one line in the map (events/index.ts); the node derives from the map the Event
 * options, which fields show for which event, the settings it reads and what each poll runs.
 */
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import type { CompanyRef, PollEnv, TimedSource } from '../sources';

/** What the editor, the settings and the cursor know of every event. `Settings`: what its own fields read into. */
interface EventBase<Settings> {
	/** The Event option's name (Title Case). */
	label: string;
	/** The Event option's description. */
	description: string;
	/**
	 * 'company': polled once per customer company; the Companies and Company fields show for it. 'reseller': polled
	 * once for the Reseller account (its cursor is RESELLER's).
	 */
	scope: 'company' | 'reseller';
	/**
	 * The event's own fields, without displayOptions: the map shows each for the events that declare it (a field
	 * two events share is one object both list). The editor shows them in the map's order.
	 */
	fields?: INodeProperties[];
	/** Reads and checks the own fields before any request; a bad value throws settingsError (settings.ts). */
	readSettings?(ctx: IPollFunctions): Settings;
	/**
	 * The settings that make a stored cursor another trigger's: when they change, the next poll starts over as a
	 * first activation. Part of the key kept in the workflow's static data, so its shape is fixed (settings.ts).
	 */
	cursorConfig?(settings: Settings): CursorConfig;
}

export interface CursorConfig {
	behaviours?: string[];
	licenseWithinDays?: number;
}

/** What a timed event's sources are made for: one company (or RESELLER), one poll. */
export interface SourcesRequest<Settings> {
	env: PollEnv;
	/** The event's name in the map; emitted items carry it as `event`. */
	event: string;
	company: CompanyRef;
	settings: Settings;
	/** Enrollments and runs created before this (epoch ms) are not watched (Options → Watch … Created Within). */
	activeSinceMs: number;
}

/** An event with a time in Keepnet: each poll walks its sources from the company's cursor (cursor.ts). */
export interface TimedEvent<Settings = undefined> extends EventBase<Settings> {
	kind: 'timed';
	sources(request: SourcesRequest<Settings>): Promise<TimedSource[]>;
}

/** A company in a state: `value` is what is remembered; the company is emitted again when it changes. */
export interface StateMember {
	row: IDataObject;
	value: string;
	/** Emitted after `event` and `eventTime`, before `company` and `record`. */
	details?: IDataObject;
}

/** A state of a company (no time in Keepnet): a company is emitted when it enters the state (settings.ts, poll.ts). */
export interface StateEvent<Settings = undefined> extends EventBase<Settings> {
	kind: 'state';
	scope: 'reseller';
	/** The companies in the state now. */
	members(request: { env: PollEnv; settings: Settings; now: number }): Promise<StateMember[]>;
}

/**
 * Any event, its settings type erased for the map: the methods take their settings as method parameters, so an event
 * of any settings type is one of these, and the poll hands each event back only what its own readSettings returned.
 */
export type TriggerEventDefinition = TimedEvent<unknown> | StateEvent<unknown>;
