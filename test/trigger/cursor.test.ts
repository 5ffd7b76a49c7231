/** The trigger's date reading and cursor bookkeeping (pure functions of nodes/KeepnetTrigger/cursor.ts). */
import { advanceCursor, collectNewEvents, emptyCursor, parseKeepnetDate, type FoundEvent } from '../../nodes/KeepnetTrigger/cursor';

describe('parseKeepnetDate', () => {
	it('reads ISO 8601 with and without a zone (no zone = UTC) and the day-first display form', () => {
		expect(parseKeepnetDate('2026-01-22T13:30:09Z')).toBe(Date.UTC(2026, 0, 22, 13, 30, 9));
		expect(parseKeepnetDate('2026-01-22T13:30:09')).toBe(Date.UTC(2026, 0, 22, 13, 30, 9));
		expect(parseKeepnetDate('2026-01-22T15:30:09+02:00')).toBe(Date.UTC(2026, 0, 22, 13, 30, 9));
		expect(parseKeepnetDate('22/01/2026 13:30:09')).toBe(Date.UTC(2026, 0, 22, 13, 30, 9));
		expect(parseKeepnetDate('28/04/2023 05:38')).toBe(Date.UTC(2023, 3, 28, 5, 38));
		expect(parseKeepnetDate('28/04/2023 05:38:39.849')).toBe(Date.UTC(2023, 3, 28, 5, 38, 39, 849));
	});

	it('refuses what is not a date', () => {
		for (const value of [null, undefined, '', 'soon', 42, '13/13']) expect(parseKeepnetDate(value)).toBeUndefined();
	});
});

describe('collectNewEvents / advanceCursor', () => {
	const row = (id: string, time: string) => ({ id, time });
	const toEvent = (r: Record<string, unknown>): FoundEvent | undefined => {
		const timeMs = parseKeepnetDate(r.time);
		return timeMs === undefined ? undefined : { key: String(r.id), timeMs, time: String(r.time), json: r as never };
	};
	// Pages of `size` rows; the answer gives the record count, so the page iterator knows the last page.
	const pages = (rows: Array<Record<string, unknown>>, size: number) => async ({ pageNumber }: { pageNumber: number }) => {
		const slice = rows.slice((pageNumber - 1) * size, pageNumber * size);
		return { rows: slice as never[], totalRecords: rows.length };
	};

	it('stops paging at the first row older than the window, and trims seen keys to the window', async () => {
		const cursor = { highWater: '2026-01-01T10:00:00.000Z', seen: { a: '2026-01-01T10:00:00.000Z', old: '2026-01-01T09:00:00.000Z' }, notBefore: null };
		const rows = [row('c', '2026-01-01T10:02:00Z'), row('b', '2026-01-01T10:00:00Z'), row('a', '2026-01-01T10:00:00Z'), row('late', '2026-01-01T09:58:00Z'), row('x', '2026-01-01T09:00:00Z'), row('y', '2026-01-01T08:00:00Z')];
		let fetched = 0;
		const fetchPage = pages(rows, 2);
		const result = await collectNewEvents(async (request) => { fetched++; return await fetchPage(request); }, toEvent, { cursor, lateWindowMs: 5 * 60_000, ordered: true, pageSize: 2 });
		expect(result.events.map((event) => event.key)).toEqual(['late', 'b', 'c']);
		expect(fetched).toBe(3);
		expect(result.cursor.highWater).toBe('2026-01-01T10:02:00.000Z');
		// 'late' (09:58) is inside the new window (10:02 − 5 min); 'old' (09:00) falls out.
		expect(Object.keys(result.cursor.seen).sort()).toEqual(['a', 'b', 'c', 'late']);
	});

	it('an empty source keeps an empty cursor; advancing with nothing changes nothing', async () => {
		const result = await collectNewEvents(pages([], 10), toEvent, { cursor: emptyCursor(null), lateWindowMs: 0, ordered: true, pageSize: 10 });
		expect(result).toEqual({ events: [], cursor: emptyCursor(null) });
		const cursor = { highWater: '2026-01-01T10:00:00.000Z', seen: { a: '2026-01-01T10:00:00.000Z' }, notBefore: null };
		expect(advanceCursor(cursor, [], 60_000)).toEqual(cursor);
	});
});
