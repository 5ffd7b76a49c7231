import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';

export const description: INodeProperties[] = [companyLocator()];

export const handler: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex) {
		return { companyId: readCompanyId(this, itemIndex) };
	},
	async run(prepared, itemIndex, state) {
		const summary = await keepnetApiRequest<IDataObject | undefined>(this, state, {
			method: 'GET',
			path: '/api/target-users/count-summary',
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
		});
		return [{ json: { companyId: prepared.companyId, ...(summary ?? {}) } }];
	},
};
