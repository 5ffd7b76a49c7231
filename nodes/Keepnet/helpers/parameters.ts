import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireKeepnetId } from './validation';

/** Readers for the parameters many operations share: each reads one item's value and checks it before any request. */

export function readCompanyId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('companyId', itemIndex, '', { extractValue: true });
	return requireKeepnetId(ctx, value, 'Company', itemIndex);
}

export function readRecordId(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requireKeepnetId(ctx, value, label, itemIndex);
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
