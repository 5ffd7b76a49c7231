import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { requireKeepnetId } from '../helpers/validation';

/** Entries per page of a picker: enough to scroll, small enough to answer fast. */
export const PICKER_PAGE_SIZE = 50;

/** The company chosen in this node, for pickers whose entries belong to that company. */
export function selectedCompanyId(ctx: ILoadOptionsFunctions): string {
	const value = ctx.getCurrentNodeParameter('companyId', { extractValue: true });
	return requireKeepnetId(ctx, value, 'Company', undefined);
}
