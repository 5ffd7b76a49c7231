import type { IDataObject } from 'n8n-workflow';

import { keepnetApiRequest } from '../../transport/request';
import { companyLocator, readCompanyId } from '../common';
import type { ItemOperation } from '../types';

const displayOptions = { show: { resource: ['targetUser'], operation: ['getCountSummary'] } };

export const getCountSummary: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	description: [companyLocator(displayOptions)],
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
