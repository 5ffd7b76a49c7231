import type { IDataObject } from 'n8n-workflow';

import { pages, type FetchedPage, type PageRequest } from '../Keepnet/transport/paging';

/**
 * The durable cursor of one timestamped source (one company's target users, audit log, …), kept in the
 * node's static data. Keepnet's searches page by number and have no "since" token (docs/keepnet-api.md#polling-without-cursors), so the
 * cursor is a high-water mark plus the keys already emitted near it:
 *
 * - `highWater`: the newest event time emitted (or seen at activation), ISO 8601.
 * - `seen`: key → event time for every event emitted (or seen at activation) whose time lies within the
 *   late-arrival window below `highWater`. An event is new when its time is inside
 *   [`highWater` − window, ∞) and its key is not in `seen`: events sharing the boundary timestamp, and
 *   events written late with a slightly older time, are each emitted once.
 * - `notBefore`: a floor set when the cursor did not start from data (a start date chosen in the options,
 *   or a company that appeared after activation): nothing older is emitted.
 */
export interface TimedCursor extends IDataObject {
	highWater: string | null;
	seen: Record<string, string>;
	notBefore: string | null;
}

/** One event found in a source: its stable key, its time, and what the emitted item holds. */
export interface FoundEvent {
	key: string;
	timeMs: number;
	time: string;
	json: IDataObject;
}

/** A row mapped to an event, or undefined when the row has no usable timestamp. */
export type RowToEvent = (row: IDataObject) => FoundEvent | undefined;

/** Reads one page of a source, newest first (or unordered, see `ordered`), for the page iterator (transport/paging.ts). */
export type PageReader = (request: PageRequest) => Promise<FetchedPage<IDataObject>>;

export function emptyCursor(notBefore: string | null): TimedCursor {
	return { highWater: null, seen: {}, notBefore };
}

// Moved to the node's helpers, which the node's operations share (Audit Log, Company filters).
import { parseKeepnetDate } from '../Keepnet/helpers/dates';

export { parseKeepnetDate };

export interface CollectOptions {
	cursor: TimedCursor;
	lateWindowMs: number;
	/**
	 * True when rows arrive newest first: paging then stops at the first row older than the window. False
	 * when the source cannot be sorted by event time: every page is read and the window still decides.
	 */
	ordered: boolean;
	/** Rows per page asked of the source. */
	pageSize: number;
}

export interface CollectResult {
	/** New events, oldest first. */
	events: FoundEvent[];
	/** The cursor after these events are emitted. */
	cursor: TimedCursor;
}

function lowerBoundMs(cursor: TimedCursor, lateWindowMs: number): number | undefined {
	const floor = cursor.notBefore === null ? -Infinity : (parseKeepnetDate(cursor.notBefore) ?? -Infinity);
	if (cursor.highWater === null) return cursor.notBefore === null ? undefined : floor;
	const high = parseKeepnetDate(cursor.highWater) ?? -Infinity;
	return Math.max(high - lateWindowMs, floor);
}

/**
 * Walks one source's pages and returns the events the cursor has not emitted, with the cursor that results.
 * A cursor that has no high-water mark and no floor is a first activation: the walk only learns the newest
 * events (they are returned as `events` too, so a caller that must emit nothing simply drops them).
 */
export async function collectNewEvents(readPage: PageReader, toEvent: RowToEvent, options: CollectOptions): Promise<CollectResult> {
	const { cursor, lateWindowMs, ordered } = options;
	let bound = lowerBoundMs(cursor, lateWindowMs);
	const found = new Map<string, FoundEvent>();
	let sawDatedRow = false;
	let stop = false;
	// The page iterator decides where the source ends; this walk only decides when it has read far enough.
	for await (const page of pages(readPage, { pageSize: options.pageSize })) {
		for (const row of page.rows) {
			const event = toEvent(row);
			if (event === undefined) {
				// Newest first with undated rows last (how the sandbox and SQL sort nulls descending): the rest is undated.
				if (ordered && sawDatedRow) stop = true;
				continue;
			}
			sawDatedRow = true;
			// First activation: the newest row sets the window.
			if (bound === undefined) bound = event.timeMs - lateWindowMs;
			if (event.timeMs < bound) {
				if (ordered) stop = true;
				continue;
			}
			if (cursor.seen[event.key] !== undefined || found.has(event.key)) continue;
			found.set(event.key, event);
		}
		if (stop) break;
	}
	const events = Array.from(found.values()).sort((a, b) => a.timeMs - b.timeMs || a.key.localeCompare(b.key));
	return { events, cursor: advanceCursor(cursor, events, lateWindowMs) };
}

/** The cursor after `events` are emitted: new high-water mark, `seen` trimmed to the late-arrival window. */
export function advanceCursor(cursor: TimedCursor, events: FoundEvent[], lateWindowMs: number): TimedCursor {
	let highMs = cursor.highWater === null ? -Infinity : (parseKeepnetDate(cursor.highWater) ?? -Infinity);
	let highWater = cursor.highWater;
	for (const event of events) {
		if (event.timeMs > highMs) {
			highMs = event.timeMs;
			highWater = new Date(event.timeMs).toISOString();
		}
	}
	const seen: Record<string, string> = {};
	const keepFrom = highMs - lateWindowMs;
	for (const [key, time] of Object.entries(cursor.seen)) {
		if ((parseKeepnetDate(time) ?? -Infinity) >= keepFrom) seen[key] = time;
	}
	for (const event of events) if (event.timeMs >= keepFrom) seen[event.key] = new Date(event.timeMs).toISOString();
	return { highWater, seen, notBefore: cursor.notBefore };
}
