import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compact } from '../../../helpers/output';
import type { ImportFlowFailure, ImportMode, ImportRow, ImportSettings, RowOutcome } from './types';

/** Import (bulk), step 4: what happened to each row, from Keepnet's preview and its import job, or from a failed flow. */

function rowReason(row: IDataObject): string {
	const details = Array.isArray(row.validationDetail) ? (row.validationDetail as IDataObject[]) : [];
	const text = details
		.map((detail) => [detail.fieldName, detail.message].filter((part) => typeof part === 'string' && part !== '').join(': '))
		.filter((part) => part !== '')
		.join('; ');
	return text === '' ? 'Keepnet marked the row as invalid' : text;
}

/** Keepnet's preview rows (its verdict per row) by lower-cased email. */
export function previewByEmail(preview: IDataObject[]): Map<string, IDataObject> {
	return new Map(preview.map((row) => [String(row.email ?? '').toLowerCase(), row]));
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

const NO_JOB_ID_REASON =
	"Keepnet started the import but returned no job ID, so this row's result cannot be known here. Check Keepnet's job log (the console's Job Logs, or GET /api/jobs), or look the user up by email (Target User → Get Many).";

/**
 * The outcome of one row. `redact` is the run's redaction step (KeepnetSession.answerTextRedactor): a row's reason is
 * text from Keepnet's answers (the preview's validation messages, the job's error), so it passes through it before it
 * becomes output, as every error message does.
 */
export function outcomeOf(
	previewRow: IDataObject | undefined,
	mode: ImportMode,
	failure: string | undefined,
	jobFollowed: boolean,
	redact: (text: string) => string,
): RowOutcome {
	const outcome = outcomeFromAnswers(previewRow, mode, failure, jobFollowed);
	return outcome.reason === undefined ? outcome : { ...outcome, reason: redact(outcome.reason) };
}

function outcomeFromAnswers(previewRow: IDataObject | undefined, mode: ImportMode, failure: string | undefined, jobFollowed: boolean): RowOutcome {
	if (previewRow?.status === 'Error') return { outcome: 'invalid', reason: rowReason(previewRow) };
	if (!jobFollowed) {
		const expected = previewRow?.status === 'Exists' ? 'updated' : 'created';
		const skipped = (expected === 'updated' && mode === 'OnlyNew') || (expected === 'created' && mode === 'OnlyUpdateExisting');
		if (!skipped) return { outcome: 'unknown', reason: `${NO_JOB_ID_REASON} Keepnet's preview said it would be ${expected}.` };
	}
	if (failure !== undefined) return { outcome: 'failed', reason: failure };
	if (!previewRow) return { outcome: 'failed', reason: 'Keepnet did not report this row back' };
	if (previewRow.status === 'Exists') return mode === 'OnlyNew' ? { outcome: 'skipped', reason: 'User exists; Import Mode only creates new users' } : { outcome: 'updated' };
	return mode === 'OnlyUpdateExisting' ? { outcome: 'skipped', reason: 'User does not exist; Import Mode only updates existing users' } : { outcome: 'created' };
}

/**
 * The import flow failed. With Continue On Fail every input item gets an error item (paired) saying what
 * happened and whether its row may have been written; invalid rows keep their outcome. Without it, one
 * error says the same for the whole import.
 */
export function importFailureOutput(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: ImportSettings,
	rows: ImportRow[],
	refused: Map<number, RowOutcome>,
	failure: ImportFlowFailure,
): INodeExecutionData[] {
	const cause = failure.cause as { description?: unknown; httpCode?: unknown };
	const message = failure.mayHaveWritten
		? `Keepnet's import of ${rows.length} user(s) was started, but the node could not follow it to the end: ${failure.message}. The users may already be written.`
		: `The import failed before anything was written: ${failure.message}`;
	const jobHint = failure.ids.importJobId ? ` (import job ${failure.ids.importJobId})` : '';
	const description = failure.mayHaveWritten
		? `Check before running again: Keepnet's job log${jobHint} in the console (Job Logs) or GET /api/jobs shows the result, and Target User → Get Many with the emails shows who is there. Running the import again with "Create New and Update Existing" writes the same values again, but does not undo anything.${typeof cause.description === 'string' ? ` ${cause.description}` : ''}`
		: `No user was written. Fix the cause and run again.${typeof cause.description === 'string' ? ` ${cause.description}` : ''}`;
	if (!ctx.continueOnFail()) {
		throw new NodeOperationError(ctx.getNode(), message, { description });
	}
	const rowByItem = new Map(rows.map((row) => [row.itemIndex, row]));
	return items.map((_item, itemIndex) => {
		const row = rowByItem.get(itemIndex);
		const refusedRow = refused.get(itemIndex);
		const json: IDataObject = row
			? compact({
					error: message,
					description,
					httpCode: cause.httpCode === undefined || cause.httpCode === null ? undefined : String(cause.httpCode),
					email: row.email,
					companyId: settings.companyId,
					mayHaveBeenWritten: failure.mayHaveWritten,
					transactionId: failure.ids.transactionId,
					importJobId: failure.ids.importJobId,
				})
			: compact({ companyId: settings.companyId, ...(refusedRow ?? { outcome: 'invalid' as const, reason: 'Not processed' }) });
		return { json, pairedItem: { item: itemIndex } };
	});
}
