import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readCompanyId } from '../../../helpers/parameters';
import { inputError, keepnetIdList } from '../../../helpers/validation';
import { readTargetUserFields, targetUserBodyFromFields } from '../body';
import type { RowOutcome } from './outcomes';

/** Import (bulk), step 1: the settings of the run and every item's row, read and checked before anything is sent. */

/** Keepnet's import types, as its web console sends them. */
export const IMPORT_MODES = ['ImportAll', 'OnlyNew', 'OnlyUpdateExisting'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const DEFAULT_MAX_WAIT_SECONDS = 600;

export interface ImportRow {
	itemIndex: number;
	email: string;
	body: IDataObject;
}

export interface ImportSettings {
	companyId: string;
	mode: ImportMode;
	targetGroupIds: string[];
	maxWaitMs: number;
}

export function readSettings(ctx: IExecuteFunctions): ImportSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const mode = (options.importMode ?? 'ImportAll') as string;
	if (!IMPORT_MODES.includes(mode as ImportMode)) {
		throw inputError(ctx, 0, `Import Mode "${mode}" is not one Keepnet knows`, `Use one of: ${IMPORT_MODES.join(', ')}.`);
	}
	const maxWaitSeconds = Number(options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS);
	return {
		companyId: readCompanyId(ctx, 0),
		mode: mode as ImportMode,
		targetGroupIds: keepnetIdList(ctx, options.targetGroupIds ?? [], 'Target Group', 0),
		maxWaitMs: Math.max(10, Number.isFinite(maxWaitSeconds) ? maxWaitSeconds : DEFAULT_MAX_WAIT_SECONDS) * 1000,
	};
}

function isExpression(parameter: unknown): boolean {
	const value = parameter !== null && typeof parameter === 'object' ? (parameter as { value?: unknown }).value : parameter;
	return typeof value === 'string' && value.startsWith('=');
}

/** Reads and checks every row; rows that cannot be valid never go into the file. */
export function readRows(ctx: IExecuteFunctions, items: INodeExecutionData[], settings: ImportSettings) {
	const continueOnFail = ctx.continueOnFail();
	const rows: ImportRow[] = [];
	const refused = new Map<number, RowOutcome>();
	const firstItemByEmail = new Map<string, number>();
	// A fixed Company is the same for every item; only an expression can differ per item.
	const companyPerItem = isExpression(ctx.getNode().parameters.companyId);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let rowFailed = false;
		let rowError: unknown;
		try {
			if (companyPerItem && readCompanyId(ctx, itemIndex) !== settings.companyId) {
				throw inputError(ctx, itemIndex, 'Company differs from the first item', 'A bulk import goes to one company: use the same Company for all items, or split the items per company.');
			}
			// Rows may update existing users, so the stricter update limits apply.
			const fields = readTargetUserFields(ctx, itemIndex, false);
			delete fields.isActive; // Keepnet's import has no column for it
			const body = targetUserBodyFromFields(ctx, fields, itemIndex, 'update');
			const email = String(body.email);
			const key = email.toLowerCase();
			const earlier = firstItemByEmail.get(key);
			if (earlier !== undefined) {
				refused.set(itemIndex, { outcome: 'invalid', reason: `Same email as item ${earlier}; each user can appear once in an import` });
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
		if (!continueOnFail) throw rowError;
		refused.set(itemIndex, { outcome: 'invalid', reason: rowError instanceof Error ? rowError.message : String(rowError) });
	}
	return { rows, refused };
}
