import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, optionsCollection, returnAllAndLimit, simplifyToggle, sortOption } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readCompanyId, readPaging, sortFrom } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { SIMPLIFIED_TARGET_USER_FIELDS } from './body';
import { targetUserFilter, targetUserFilterOptions, targetUserSortFields } from './filters';

interface Prepared {
	companyId: string;
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

export const description: INodeProperties[] = [
	companyLocator(),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection(targetUserFilterOptions),
	optionsCollection([sortOption(targetUserSortFields, 'createTime')]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const sortChoice = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const sort = sortFrom(sortChoice, 'createTime');
		const body: IDataObject = { filter: targetUserFilter(this, filters, itemIndex), orderBy: sort.orderBy, ascending: sort.ascending };
		return { companyId, body, limit, simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
	},
	async run(prepared, itemIndex, session) {
		const users = await session.search<IDataObject>(
			{ path: '/api/target-users/search', body: prepared.body, companyId: prepared.companyId, itemIndex },
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return users.map((user) => ({ json: prepared.simplify ? pick(user, SIMPLIFIED_TARGET_USER_FIELDS) : user }));
	},
};
