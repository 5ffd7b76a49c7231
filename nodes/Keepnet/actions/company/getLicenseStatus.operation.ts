import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readCompanyId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { notFound } from './api';
import { companyPathLocator } from './fields';

export const description: INodeProperties[] = [companyPathLocator()];

export const handler: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return { companyId: readCompanyId(session, itemIndex) };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, session) {
		const status = await session.request<IDataObject | undefined>({
			method: 'GET',
			path: `/api/companies/${prepared.companyId}/license-check`,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFound(prepared.companyId),
		});
		return [{ json: { companyId: prepared.companyId, ...(status ?? {}) } }];
	},
};
