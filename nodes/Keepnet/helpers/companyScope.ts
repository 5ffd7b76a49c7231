import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * While an operation is prepared for "All Companies I Manage" (actions/acrossCompanies.ts), the Company field is hidden
 * and has no value: readCompanyId gives this stand-in instead, and the fan-out puts each customer's ID in its place
 * before anything is sent. Kept in its own module so helpers/parameters.ts need not import from actions/.
 */
export const ALL_COMPANIES_PLACEHOLDER = 'allCompanies';

const preparingForAllCompanies = new WeakSet<IExecuteFunctions>();

export function isPreparingForAllCompanies(ctx: IExecuteFunctions): boolean {
	return preparingForAllCompanies.has(ctx);
}

export async function whilePreparingForAllCompanies<T>(ctx: IExecuteFunctions, prepare: () => T | Promise<T>): Promise<T> {
	preparingForAllCompanies.add(ctx);
	try {
		return await prepare();
	} finally {
		preparingForAllCompanies.delete(ctx);
	}
}
