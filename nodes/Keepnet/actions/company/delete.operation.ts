import type { INodeProperties } from 'n8n-workflow';

import { readCompanyId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { notFound } from './api';
import { companyPathLocator } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Deleting a company removes it and all its data in Keepnet, irreversibly',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	companyPathLocator(),
];

export const handler: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return { companyId: readCompanyId(session, itemIndex) };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, session) {
		await session.request({
			method: 'DELETE',
			path: `/api/companies/${prepared.companyId}`,
			retry: 'never',
			itemIndex,
			notFoundSubject: notFound(prepared.companyId),
		});
		return [{ json: { deleted: true, id: prepared.companyId } }];
	},
};
