import type { IExecuteFunctions } from 'n8n-workflow';

import { sessionOf } from '../transport/session';

/**
 * While an operation is prepared for "All Companies I Manage" (actions/acrossCompanies.ts), the Company field is hidden
 * and has no value: readCompanyId gives this stand-in instead, and the fan-out puts each customer's ID in its place
 * before anything is sent. Kept in its own module so helpers/parameters.ts need not import from actions/.
 */
export const ALL_COMPANIES_PLACEHOLDER = 'allCompanies';

/** Whether the run's operation is being prepared for all companies (a flag of the run's session). */
export function isPreparingForAllCompanies(ctx: IExecuteFunctions): boolean {
	return sessionOf(ctx).preparingForAllCompanies;
}

export async function whilePreparingForAllCompanies<T>(ctx: IExecuteFunctions, prepare: () => T | Promise<T>): Promise<T> {
	return await sessionOf(ctx).whilePreparingForAllCompanies(prepare);
}
