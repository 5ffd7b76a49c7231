import type { INodeProperties } from 'n8n-workflow';

import { companyLocator, simplifyToggle } from '../../helpers/descriptions';
import { pick } from '../../helpers/output';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { getTargetUser } from './api';
import { SIMPLIFIED_TARGET_USER_FIELDS } from './body';
import { targetUserLocator } from './fields';

interface Prepared {
	companyId: string;
	targetUserId: string;
	simplify: boolean;
}

export const description: INodeProperties[] = [companyLocator(), targetUserLocator(), simplifyToggle()];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return {
			companyId: readCompanyId(session, itemIndex),
			targetUserId: readRecordId(this, 'targetUserId', 'Target User', itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, session) {
		const user = await getTargetUser(session, prepared.companyId, prepared.targetUserId, itemIndex);
		return [{ json: prepared.simplify ? pick(user, SIMPLIFIED_TARGET_USER_FIELDS) : user }];
	},
};
