/**
 * Export file writers (CSV, XLSX via exceljs' streaming writer, a minimal but valid PDF). All of them stream
 * row by row so that exporting 100,000 target users never builds the whole file as one string.
 */
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'stream';

export interface ExportColumn<T> {
	header: string;
	value(row: T): string | number | boolean | null;
	/** Column width in characters (XLSX) and the share of the line (PDF). */
	width: number;
}

const ROWS_PER_CHUNK = 500;

function csvCell(value: string | number | boolean | null): string {
	if (value === null) return '';
	const text = String(value);
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: header row, CRLF line ends, UTF-8, fields quoted only when needed. */
export function csvStream<T>(rows: readonly T[], columns: Array<ExportColumn<T>>): Readable {
	function* chunks(): Generator<string> {
		yield columns.map((column) => csvCell(column.header)).join(',') + '\r\n';
		for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
			let chunk = '';
			const end = Math.min(rows.length, start + ROWS_PER_CHUNK);
			for (let index = start; index < end; index++) chunk += columns.map((column) => csvCell(column.value(rows[index]))).join(',') + '\r\n';
			yield chunk;
		}
	}
	return Readable.from(chunks(), { objectMode: false });
}

/** A real .xlsx (one sheet, header row first) written with exceljs' streaming WorkbookWriter. */
export function xlsxStream<T>(rows: readonly T[], columns: Array<ExportColumn<T>>, sheetName: string): Readable {
	const output = new PassThrough();
	const write = async (): Promise<void> => {
		const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
		const sheet = workbook.addWorksheet(sheetName);
		sheet.columns = columns.map((column, index) => ({ header: column.header, key: `c${index}`, width: column.width }));
		for (let index = 0; index < rows.length; index++) {
			sheet.addRow(columns.map((column) => column.value(rows[index]))).commit();
			// Let the zip stream drain now and then instead of buffering everything first.
			if (index % 2000 === 1999) await new Promise<void>((resolve) => setImmediate(resolve));
		}
		sheet.commit();
		await workbook.commit();
	};
	write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
	return output;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF: A4 landscape pages of monospaced text lines (Courier, WinAnsi), with a correct xref table.

const PAGE_WIDTH = 842;
const PAGE_HEIGHT = 595;
const MARGIN = 36;
const FONT_SIZE = 7;
const LINE_HEIGHT = 9;
const CHARS_PER_LINE = Math.floor((PAGE_WIDTH - 2 * MARGIN) / (FONT_SIZE * 0.6));
const LINES_PER_PAGE = Math.floor((PAGE_HEIGHT - 2 * MARGIN) / LINE_HEIGHT);

function pdfText(value: string): string {
	let out = '';
	for (const char of value) {
		const code = char.codePointAt(0) ?? 63;
		const safe = code < 32 || code > 255 ? '?' : char;
		out += safe === '\\' || safe === '(' || safe === ')' ? `\\${safe}` : safe;
	}
	return out;
}

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}~` : text.padEnd(width, ' ');
}

export function pdfStream<T>(rows: readonly T[], columns: Array<ExportColumn<T>>, title: string): Readable {
	const totalWidth = columns.reduce((sum, column) => sum + column.width, 0);
	const widths = columns.map((column) => Math.max(4, Math.floor((column.width / totalWidth) * CHARS_PER_LINE) - 1));
	const formatLine = (cells: string[]): string => cells.map((cell, index) => fit(cell, widths[index])).join(' ');
	const headerLine = formatLine(columns.map((column) => column.header));
	const rowsPerPage = LINES_PER_PAGE - 3; // title, header, rule
	const pageCount = Math.max(1, Math.ceil(rows.length / rowsPerPage));

	function* chunks(): Generator<Buffer> {
		const offsets: number[] = [];
		let position = 0;
		const emit = (text: string): Buffer => {
			const buffer = Buffer.from(text, 'latin1');
			position += buffer.length;
			return buffer;
		};
		yield emit('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
		offsets[3] = position;
		yield emit('3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>\nendobj\n');
		const pageObjectNumbers: number[] = [];
		for (let page = 0; page < pageCount; page++) {
			const contentNumber = 4 + page * 2;
			const pageNumber = contentNumber + 1;
			const lines = [`${title} - page ${page + 1} of ${pageCount} - ${rows.length} rows`, headerLine, '-'.repeat(Math.min(CHARS_PER_LINE, headerLine.length))];
			const end = Math.min(rows.length, (page + 1) * rowsPerPage);
			for (let index = page * rowsPerPage; index < end; index++) {
				lines.push(formatLine(columns.map((column) => String(column.value(rows[index]) ?? ''))));
			}
			const content = `BT\n/F1 ${FONT_SIZE} Tf\n${LINE_HEIGHT} TL\n${MARGIN} ${PAGE_HEIGHT - MARGIN} Td\n${lines.map((line) => `(${pdfText(line)}) Tj T*`).join('\n')}\nET\n`;
			offsets[contentNumber] = position;
			yield emit(`${contentNumber} 0 obj\n<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream\nendobj\n`);
			offsets[pageNumber] = position;
			yield emit(
				`${pageNumber} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentNumber} 0 R >>\nendobj\n`,
			);
			pageObjectNumbers.push(pageNumber);
		}
		offsets[2] = position;
		yield emit(`2 0 obj\n<< /Type /Pages /Kids [${pageObjectNumbers.map((number) => `${number} 0 R`).join(' ')}] /Count ${pageCount} >>\nendobj\n`);
		offsets[1] = position;
		yield emit('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
		const objectCount = 4 + pageCount * 2;
		const xrefStart = position;
		let xref = `xref\n0 ${objectCount}\n0000000000 65535 f \n`;
		for (let number = 1; number < objectCount; number++) xref += `${String(offsets[number]).padStart(10, '0')} 00000 n \n`;
		yield emit(`${xref}trailer\n<< /Size ${objectCount} /Root 1 0 R >>\nstartxref\n${xrefStart}\n%%EOF\n`);
	}
	return Readable.from(chunks(), { objectMode: false });
}
