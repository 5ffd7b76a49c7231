import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readCompanyId } from '../../../helpers/parameters';
import { inputError, keepnetIdList } from '../../../helpers/validation';
import { normaliseTargetUserBody, readTargetUserFields, targetUserBodyFromFields } from '../body';
import { DEFAULT_MAX_WAIT_SECONDS, IMPORT_MODES, type ImportMode, type ImportRow, type ImportSettings, type RowOutcome } from './types';
import type { KeepnetSession } from '../../../transport/session';

/** Import (bulk), step 1: the settings of the run and every item's row, read and checked before anything is sent. */

export function readSettings(ctx: IExecuteFunctions, session: KeepnetSession): ImportSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const mode = (options.importMode ?? 'ImportAll') as string;
	if (!IMPORT_MODES.includes(mode as ImportMode)) {
		throw inputError(ctx, 0, `Import Mode "${mode}" is not one Keepnet knows`, `Use one of: ${IMPORT_MODES.join(', ')}.`);
	}
	const maxWaitSeconds = Number(options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS);
	return {
		companyId: readCompanyId(session, 0),
		mode: mode as ImportMode,
		targetGroupIds: keepnetIdList(ctx, options.targetGroupIds ?? [], 'Target Group', 0),
		maxWaitMs: Math.max(10, Number.isFinite(maxWaitSeconds) ? maxWaitSeconds : DEFAULT_MAX_WAIT_SECONDS) * 1000,
		stopOnInvalidRow: options.stopOnInvalidRow === true,
	};
}

function isExpression(parameter: unknown): boolean {
	const value = parameter !== null && typeof parameter === 'object' ? (parameter as { value?: unknown }).value : parameter;
	return typeof value === 'string' && value.startsWith('=');
}

/** Reads and checks every row; rows that cannot be valid never go into the file. */
export async function readRows(ctx: IExecuteFunctions, session: KeepnetSession, items: INodeExecutionData[], settings: ImportSettings) {
	const stopOnInvalid = settings.stopOnInvalidRow && !ctx.continueOnFail();
	const rows: ImportRow[] = [];
	const refused = new Map<number, RowOutcome>();
	const firstItemByEmail = new Map<string, number>();
	// A fixed Company is the same for every item; only an expression can differ per item.
	const companyPerItem = isExpression(ctx.getNode().parameters.companyId);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let rowFailed = false;
		let rowError: unknown;
		try {
			if (companyPerItem && readCompanyId(session, itemIndex) !== settings.companyId) {
				throw inputError(ctx, itemIndex, 'Company differs from the first item', 'A bulk import goes to one company: use the same Company for all items, or split the items per company.');
			}
			// Rows may update existing users, so the stricter update limits apply.
			const fields = readTargetUserFields(ctx, session, itemIndex, false);
			delete fields.isActive; // Keepnet's import has no column for it
			const body = await normaliseTargetUserBody(ctx, session, targetUserBodyFromFields(ctx, fields, itemIndex, 'update'), itemIndex);
			const email = String(body.email);
			const key = email.toLowerCase();
			const earlier = firstItemByEmail.get(key);
			if (earlier !== undefined) {
				refused.set(itemIndex, { outcome: 'invalid', reason: `Same email as item ${earlier}; each user can appear once in an import`, email });
				continue;
			}
			firstItemByEmail.set(key, itemIndex);
			rows.push({ itemIndex, email, body });
		} catch (error) {
			rowFailed = true;
			rowError = error;
		}
		if (!rowFailed) continue;
		// The checks above raise NodeOperationErrors that name the item and the field: passed on unchanged.
		if (stopOnInvalid) throw rowError;
		refused.set(itemIndex, { outcome: 'invalid', reason: rowError instanceof Error ? rowError.message : String(rowError), email: rawEmailOf(ctx, session, items[itemIndex], itemIndex) });
	}
	return { rows, refused };
}

/** The email of a refused row as it was given (so a report can say which row it was), when there is one. */
function rawEmailOf(ctx: IExecuteFunctions, session: KeepnetSession, item: INodeExecutionData | undefined, itemIndex: number): string | undefined {
	let value: unknown;
	try {
		value = readTargetUserFields(ctx, session, itemIndex, false).email;
	} catch {
		// The row could not even be read (e.g. no email column): fall back to an input field named like one.
		const json = item?.json ?? {};
		value = Object.entries(json).find(([name]) => /^e-?mail([\s_-]?address)?$/i.test(name))?.[1];
	}
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}
