import { toCsv } from '../../../helpers/csv';
import type { ImportRow } from './types';

/** Import (bulk), step 2: the rows as the CSV file Keepnet's import reads. */

/**
 * Columns of the file handed to Keepnet: CSV header → the body field it carries → the mapping `fieldName`
 * Keepnet maps it to (docs/keepnet-api.md#bulk-import: the PascalCase names its web client sends). Only those: a preferred
 * language has no field name any Keepnet client is shown sending, so it is never put in the file (Import sets it
 * afterwards, see preferredLanguage.ts; Create and Create or Update send such rows one by one).
 */
export const IMPORT_COLUMNS = [
	{ header: 'Email', field: 'email', mapping: 'Email' },
	{ header: 'PhoneNumber', field: 'phoneNumber', mapping: 'PhoneNumber' },
	{ header: 'FirstName', field: 'firstName', mapping: 'FirstName' },
	{ header: 'LastName', field: 'lastName', mapping: 'LastName' },
	{ header: 'Department', field: 'department', mapping: 'Department' },
	{ header: 'Priority', field: 'priority', mapping: 'Priority' },
	{ header: 'ManagerFirstName', field: 'managerFirstName', mapping: 'ManagerFirstName' },
	{ header: 'ManagerLastName', field: 'managerLastName', mapping: 'ManagerLastName' },
	{ header: 'ManagerEmail', field: 'managerEmail', mapping: 'ManagerEmail' },
	{ header: 'TimeZone', field: 'timeZoneId', mapping: 'TimeZone' },
] as const;

export function importFile(rows: ImportRow[]): { csv: Buffer; columns: Array<(typeof IMPORT_COLUMNS)[number]> } {
	const used = IMPORT_COLUMNS.filter((column) => rows.some((row) => row.body[column.field] !== undefined));
	const csv = toCsv(
		used.map((column) => column.header),
		rows.map((row) => used.map((column) => (row.body[column.field] === undefined ? '' : String(row.body[column.field])))),
	);
	return { csv, columns: used };
}
