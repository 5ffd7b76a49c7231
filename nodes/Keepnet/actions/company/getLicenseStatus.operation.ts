import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readCompanyId } from '../../helpers/parameters';
import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';
import { notFound } from './api';
import { companyPathLocator } from './fields';

export const description: INodeProperties[] = [companyPathLocator()];

export const handler: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		return { companyId: readCompanyId(this, itemIndex) };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, state) {
		const status = await keepnetApiRequest<IDataObject | undefined>(this, state, {
			method: 'GET',
			path: `/api/companies/${prepared.companyId}/license-check`,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFound(prepared.companyId),
		});
		return [{ json: { companyId: prepared.companyId, ...(status ?? {}) } }];
	},
};
