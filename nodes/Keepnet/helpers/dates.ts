/** Reading the dates Keepnet returns. */

/**
 * Keepnet dates: ISO 8601 (SPEC), or the day-first display form `dd/MM/yyyy HH:mm[:ss]` seen in captured
 * output (docs/keepnet-api.md#dates-in-responses). Strings without a zone are read as UTC (the server's zone is unverified).
 */
export function parseKeepnetDate(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const dayFirst = /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text);
	if (dayFirst) {
		const [, day, month, year, hour, minute, second, fraction] = dayFirst;
		return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0), Number((fraction ?? '0').padEnd(3, '0')));
	}
	if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
	const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const ms = Date.parse(hasZone || !text.includes('T') ? text : `${text}Z`);
	return Number.isNaN(ms) ? undefined : ms;
}
