/** RFC 4180 CSV: quotes only the cells that need it. Used to hand input items to Keepnet's import. */
function csvCell(value: string): string {
	return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(header: string[], rows: string[][]): Buffer {
	const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
	return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}
