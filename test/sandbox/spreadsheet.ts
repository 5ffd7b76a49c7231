/** Reading uploaded target-user lists: CSV (RFC 4180, comma or semicolon) and XLSX (exceljs). */
import ExcelJS from 'exceljs';

export interface SheetData {
	sheetNames: string[];
	/** Row 0 is the header row. Fully empty rows are dropped. */
	rows: string[][];
}

/** Parses CSV text with quoted fields, "" escapes, CRLF/LF line ends; the delimiter is guessed from the header line. */
export function parseCsv(input: string): string[][] {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	const delimiter = (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let inQuotes = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (inQuotes) {
			if (char === '"') {
				if (text[index + 1] === '"') {
					field += '"';
					index++;
				} else inQuotes = false;
			} else field += char;
			continue;
		}
		if (char === '"' && field === '') inQuotes = true;
		else if (char === delimiter) {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[index + 1] === '\n') index++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/** Reads the first worksheet of an .xlsx file as text cells (hyperlinked e-mails come back as their text). */
export async function readXlsx(data: Buffer): Promise<SheetData> {
	const workbook = new ExcelJS.Workbook();
	// exceljs' typings want its own Buffer type; a Node Buffer is what it reads at runtime.
	await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
	const sheet = workbook.worksheets[0];
	const rows: string[][] = [];
	if (sheet) {
		const columnCount = sheet.columnCount;
		sheet.eachRow({ includeEmpty: false }, (row) => {
			const cells: string[] = [];
			for (let column = 1; column <= columnCount; column++) cells.push(row.getCell(column).text ?? '');
			if (cells.some((cell) => cell.trim() !== '')) rows.push(cells);
		});
	}
	return { sheetNames: workbook.worksheets.map((worksheet) => worksheet.name), rows };
}
