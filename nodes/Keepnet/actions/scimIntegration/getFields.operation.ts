import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';

export const description: INodeProperties[] = [companyLocator()];

export const handler: ItemOperation<string> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		return readCompanyId(this, itemIndex);
	},
	async run(companyId, itemIndex, state) {
		const data = await keepnetApiRequest<{ fields?: IDataObject[] } | undefined>(this, state, { method: 'GET', path: '/api/scim/fields', companyId, retry: 'safe', itemIndex });
		return (data?.fields ?? []).map((field) => ({ json: field }));
	},
};
