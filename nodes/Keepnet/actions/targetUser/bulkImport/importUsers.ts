import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compact } from '../../../helpers/output';
import { runImport } from './job';
import { failedEmails, importFailureOutput, outcomeOf, previewByEmail } from './outcomes';
import { readRows, readSettings } from './parameters';
import { setPreferredLanguageAfterImport } from './preferredLanguage';
import type { ImportSettings, RowOutcome } from './types';
import type { KeepnetSession } from '../../../transport/session';

/**
 * Target User → Import (bulk): all input items become one CSV file that goes through Keepnet's import
 * flow (upload, column mapping, mapping job, preview, import job). Output: one item per input item with
 * its outcome (created, updated, skipped, invalid with the reason, failed), paired to that item.
 */
export async function importTargetUsers(this: IExecuteFunctions, items: INodeExecutionData[], session: KeepnetSession): Promise<INodeExecutionData[]> {
	if (items.length === 0) return [];
	let settings: ImportSettings;
	try {
		settings = readSettings(this, session);
	} catch (error) {
		// A setting shared by all rows is wrong (e.g. Company): nothing was sent. With Continue every item
		// says so, paired, instead of n8n passing the input items through with no outcome.
		if (!this.continueOnFail()) {
			throw error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error instanceof Error ? error.message : String(error));
		}
		const message = error instanceof Error ? error.message : String(error);
		const description = (error as { description?: unknown }).description;
		return items.map((_item, itemIndex) => ({
			json: compact({ error: message, description: typeof description === 'string' ? description : undefined, mayHaveBeenWritten: false }),
			pairedItem: { item: itemIndex },
		}));
	}
	const { rows, refused } = await readRows(this, session, items, settings);
	const outcomes = new Map<number, RowOutcome>(refused);
	let importIds: IDataObject = {};
	if (rows.length > 0) {
		const flow = await runImport(this, session, settings, rows);
		if (!flow.ok) return importFailureOutput(this, items, settings, rows, outcomes, flow.failure);
		const result = flow.result;
		importIds = compact({ transactionId: result.transactionId, importJobId: result.jobId });
		const previewRows = previewByEmail(result.preview);
		const failures = result.job ? failedEmails(result.job) : new Map<string, string>();
		const redact = await session.answerTextRedactor();
		for (const row of rows) {
			const key = row.email.toLowerCase();
			outcomes.set(row.itemIndex, outcomeOf(previewRows.get(key), settings.mode, failures.get(key), result.job !== undefined, redact));
		}
	}
	const rowByItem = new Map(rows.map((row) => [row.itemIndex, row]));
	const languageResults = new Map<number, IDataObject>();
	for (const row of rows) {
		if (row.body.preferredLanguageId === undefined) continue;
		const written = ['created', 'updated'].includes(String(outcomes.get(row.itemIndex)?.outcome));
		languageResults.set(row.itemIndex, written ? await setPreferredLanguageAfterImport(this, session, settings.companyId, row) : { preferredLanguageSet: false });
	}
	return items.map((_item, itemIndex) => {
		const row = rowByItem.get(itemIndex);
		const outcome = outcomes.get(itemIndex) ?? { outcome: 'failed' as const, reason: 'Not processed' };
		return {
			json: { ...(row?.body ?? {}), companyId: settings.companyId, ...outcome, ...importIds, ...languageResults.get(itemIndex) },
			pairedItem: { item: itemIndex },
		};
	});
}
