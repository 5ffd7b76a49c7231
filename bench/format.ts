/** Number formatting and markdown tables for the benchmark report. */

export const int = (value: number): string => Math.round(value).toLocaleString('en-US');

export function seconds(ms: number): string {
	const s = ms / 1000;
	return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

export function ratio(value: number): string {
	if (!Number.isFinite(value)) return 'n/a';
	return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')}×`;
}

export function mebibytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A GitHub-flavoured markdown table; `align` per column ('r' right-aligns numbers). */
export function table(headers: string[], rows: string[][], align: Array<'l' | 'r'> = []): string {
	const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
	const lines = [
		`| ${headers.map(escape).join(' | ')} |`,
		`| ${headers.map((_, index) => (align[index] === 'r' ? '---:' : '---')).join(' | ')} |`,
		...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
	];
	return lines.join('\n');
}
