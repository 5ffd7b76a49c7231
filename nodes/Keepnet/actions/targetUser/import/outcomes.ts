import type { IDataObject } from 'n8n-workflow';

import type { ImportMode } from './parameters';

/** Import (bulk), step 4: what happened to each row, from Keepnet's preview and its import job. */

export type RowOutcome = { outcome: 'created' | 'updated' | 'skipped' | 'invalid' | 'failed'; reason?: string; resourceId?: string };

function rowReason(row: IDataObject): string {
	const details = Array.isArray(row.validationDetail) ? (row.validationDetail as IDataObject[]) : [];
	const text = details
		.map((detail) => [detail.fieldName, detail.message].filter((part) => typeof part === 'string' && part !== '').join(': '))
		.filter((part) => part !== '')
		.join('; ');
	return text === '' ? 'Keepnet marked the row as invalid' : text;
}

export function failedEmails(job: IDataObject): Map<string, string> {
	const failed = new Map<string, string>();
	const results = Array.isArray(job.processResults) ? (job.processResults as IDataObject[]) : [];
	for (const result of results) {
		const errors = Array.isArray(result.processErrors) ? (result.processErrors as IDataObject[]) : [];
		for (const error of errors) {
			if (typeof error.inputData === 'string') failed.set(error.inputData.toLowerCase(), String(error.errorMessage ?? 'Import failed'));
		}
	}
	return failed;
}

export function outcomeOf(previewRow: IDataObject | undefined, mode: ImportMode, failure: string | undefined): RowOutcome {
	if (previewRow?.status === 'Error') return { outcome: 'invalid', reason: rowReason(previewRow) };
	if (failure !== undefined) return { outcome: 'failed', reason: failure };
	if (!previewRow) return { outcome: 'failed', reason: 'Keepnet did not report this row back' };
	if (previewRow.status === 'Exists') return mode === 'OnlyNew' ? { outcome: 'skipped', reason: 'User exists; Import Mode only creates new users' } : { outcome: 'updated' };
	return mode === 'OnlyUpdateExisting' ? { outcome: 'skipped', reason: 'User does not exist; Import Mode only updates existing users' } : { outcome: 'created' };
}
