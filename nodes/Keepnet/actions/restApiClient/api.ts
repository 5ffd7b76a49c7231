import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readCompanyId, readRecordId } from '../../helpers/parameters';
import type { KeepnetSession } from '../../transport/session';

/** Keepnet calls of more than one REST API Client operation. Every call acts in the customer company (header). */

export interface ClientTarget {
	companyId: string;
	clientId: string;
}

export function readClientTarget(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): ClientTarget {
	return { companyId: readCompanyId(session, itemIndex), clientId: readRecordId(ctx, 'restApiClientId', 'REST API Client', itemIndex) };
}

export const notFoundClient = (target: ClientTarget) => `REST API client "${target.clientId}" in company "${target.companyId}"`;

/** The stored client (ClientDto), its secret included: the transport remembers the secret for redaction. */
export async function getClient(session: KeepnetSession, target: ClientTarget, itemIndex: number): Promise<IDataObject> {
	const client = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/companies/clients/${target.clientId}`,
		companyId: target.companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: notFoundClient(target),
	});
	return client ?? {};
}
