import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { keepnetApiRequest, type KeepnetRunState } from '../../transport/request';

/** Keepnet calls more than one Company operation makes. */

export const notFound = (companyId: string) => `company "${companyId}" among the companies you manage`;

export async function getCompany(ctx: IExecuteFunctions, state: KeepnetRunState, companyId: string, itemIndex: number) {
	return (
		(await keepnetApiRequest<IDataObject | undefined>(ctx, state, {
			method: 'GET',
			path: `/api/companies/${companyId}`,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFound(companyId),
		})) ?? {}
	);
}
