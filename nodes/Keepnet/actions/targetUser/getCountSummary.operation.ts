import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';

export const description: INodeProperties[] = [companyLocator()];

export const handler: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex, session) {
		return { companyId: readCompanyId(session, itemIndex) };
	},
	async run(prepared, itemIndex, session) {
		const summary = await session.request<IDataObject | undefined>({
			method: 'GET',
			path: '/api/target-users/count-summary',
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
		});
		return [{ json: { companyId: prepared.companyId, ...(summary ?? {}) } }];
	},
};
