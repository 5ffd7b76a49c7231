import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

import type { KeepnetSession } from '../transport/session';
import { ALL_COMPANIES_PLACEHOLDER } from './companyScope';
import { inputError, requireKeepnetId, requiredString } from './validation';

/** Readers for the parameters many operations share: each reads one item's value and checks it before any request. */

export function readCompanyId(session: KeepnetSession, itemIndex: number): string {
	// "All Companies I Manage": the fan-out sets each customer's ID in the prepared item (docs/all-companies.md).
	if (session.preparingForAllCompanies) return ALL_COMPANIES_PLACEHOLDER;
	const value = getItemParameter(session, 'companyId', itemIndex, '', { extractValue: true });
	return requireKeepnetId(session.ctx, value, 'Company', itemIndex);
}

export function readRecordId(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requireKeepnetId(ctx, value, label, itemIndex);
}

/**
 * Put Output File in Field: the name of the output binary field. Read like every other text field (a list or an
 * object is refused, not joined into "a,b"), and without spaces or dots, which n8n would read as a path.
 */
export function readBinaryPropertyName(ctx: IExecuteFunctions, itemIndex: number): string {
	const name = requiredString(ctx, ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Put Output File in Field', itemIndex, { max: 200 });
	if (/[\s.]/.test(name)) {
		throw inputError(ctx, itemIndex, `Put Output File in Field "${name}" is not a usable field name`, 'Use a name without spaces or dots, e.g. data.');
	}
	return name;
}

/** A resource locator that may also be given "By Name": the ID, or the name to look up when the item runs. */
export type RecordReference = { id: string } | { name: string };

export function readRecordReference(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): RecordReference {
	const locator = ctx.getNodeParameter(name, itemIndex, {}) as { mode?: unknown; value?: unknown } | string;
	if (typeof locator === 'object' && locator !== null && locator.mode === 'name') {
		const text = typeof locator.value === 'string' ? locator.value.trim() : '';
		if (text === '') throw inputError(ctx, itemIndex, `${label} is empty`, `Enter the ${label.toLowerCase()}'s name, or pick it from the list.`);
		return { name: text };
	}
	return { id: readRecordId(ctx, name, label, itemIndex) };
}

export function readPaging(ctx: IExecuteFunctions, itemIndex: number): { returnAll: boolean; limit: number } {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(Number(ctx.getNodeParameter('limit', itemIndex, 50))));
	return { returnAll, limit };
}

/** Keepnet's orderBy/ascending from the Sort option of an Options collection; newest first when unset. */
export function sortFrom(options: IDataObject, defaultField: string): { orderBy: string; ascending: boolean } {
	const sort = ((options.sort as IDataObject | undefined)?.value ?? {}) as IDataObject;
	return {
		orderBy: typeof sort.field === 'string' && sort.field !== '' ? sort.field : defaultField,
		ascending: sort.direction === 'asc',
	};
}

export { inputFieldPath } from '../transport/parameterReader';

/**
 * What `ctx.getNodeParameter(name, itemIndex, fallback, options)` returns, read by the run's session (its one
 * parameter reader, transport/parameterReader.ts): values without an expression once per run, `{{ $json.field }}`
 * from the item directly.
 */
export function getItemParameter(
	session: KeepnetSession,
	name: string,
	itemIndex: number,
	fallback: unknown,
	options?: { extractValue?: boolean },
): NodeParameterValueType | object {
	return session.parameter(name, itemIndex, fallback, options);
}

/** A collection parameter (e.g. Additional Fields) for one item, read by the run's session like getItemParameter. */
export function getItemCollection(session: KeepnetSession, name: string, itemIndex: number): IDataObject {
	return session.collection(name, itemIndex);
}
