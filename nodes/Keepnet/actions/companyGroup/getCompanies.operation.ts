import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../helpers/descriptions';
import { readPaging } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { groupCompanies } from './api';
import { readGroupId } from './body';
import { companyGroupLocator } from './fields';

export const description: INodeProperties[] = [companyGroupLocator(), ...returnAllAndLimit()];

export const handler: ItemOperation<{ groupId: string; limit: number }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		return { groupId: readGroupId(this, itemIndex), limit: readPaging(this, itemIndex).limit };
	},
	identifyBy: ['companyGroupId'],
	async run(prepared, itemIndex, state) {
		const companies = await groupCompanies(this, state, prepared.groupId, prepared.limit, itemIndex);
		return companies.map((company) => ({ json: { ...company, companyGroupId: prepared.groupId } }));
	},
};
