import { toCsv } from '../../../helpers/csv';
import type { ImportRow } from './parameters';

/** Import (bulk), step 2: the rows as the CSV file Keepnet's import reads. */

/** Columns of the file handed to Keepnet: CSV header → the body field it carries → Keepnet's mapping field. */
const IMPORT_COLUMNS = [
	{ header: 'Email', field: 'email' },
	{ header: 'PhoneNumber', field: 'phoneNumber' },
	{ header: 'FirstName', field: 'firstName' },
	{ header: 'LastName', field: 'lastName' },
	{ header: 'Department', field: 'department' },
	{ header: 'Priority', field: 'priority' },
	{ header: 'ManagerFirstName', field: 'managerFirstName' },
	{ header: 'ManagerLastName', field: 'managerLastName' },
	{ header: 'ManagerEmail', field: 'managerEmail' },
	{ header: 'TimeZone', field: 'timeZoneId' },
	{ header: 'PreferredLanguage', field: 'preferredLanguageId' },
] as const;

export function importFile(rows: ImportRow[]): { csv: Buffer; headers: string[] } {
	const used = IMPORT_COLUMNS.filter((column) => rows.some((row) => row.body[column.field] !== undefined));
	const csv = toCsv(
		used.map((column) => column.header),
		rows.map((row) => used.map((column) => (row.body[column.field] === undefined ? '' : String(row.body[column.field])))),
	);
	return { csv, headers: used.map((column) => column.header) };
}
