import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';

export const description: INodeProperties[] = [companyLocator()];

export const handler: ItemOperation<string> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return readCompanyId(session, itemIndex);
	},
	async run(companyId, itemIndex, session) {
		const data = await session.request<{ fields?: IDataObject[] } | undefined>({ method: 'GET', path: '/api/scim/fields', companyId, retry: 'safe', itemIndex });
		return (data?.fields ?? []).map((field) => ({ json: field }));
	},
};
