import type { INodeProperties } from 'n8n-workflow';

import { simplifyToggle } from '../../helpers/descriptions';
import { pick } from '../../helpers/output';
import { readCompanyId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { getCompany } from './api';
import { SIMPLIFIED_COMPANY_FIELDS } from './body';
import { companyPathLocator } from './fields';

export const description: INodeProperties[] = [companyPathLocator(), simplifyToggle()];

export const handler: ItemOperation<{ companyId: string; simplify: boolean }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return { companyId: readCompanyId(session, itemIndex), simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, session) {
		const company = await getCompany(session, prepared.companyId, itemIndex);
		return [{ json: prepared.simplify ? pick(company, SIMPLIFIED_COMPANY_FIELDS) : company }];
	},
};
