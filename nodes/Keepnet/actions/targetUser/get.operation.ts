import { companyLocator, pick, readCompanyId, readRecordId, recordLocator, simplifyToggle } from '../common';
import type { ItemOperation } from '../types';
import { getTargetUser } from './api';
import { SIMPLIFIED_TARGET_USER_FIELDS } from './fields';

const displayOptions = { show: { resource: ['targetUser'], operation: ['get'] } };

export const targetUserLocator = (operations: string[]) =>
	recordLocator({
		name: 'targetUserId',
		displayName: 'Target User',
		searchListMethod: 'searchTargetUsers',
		description: 'The target user, searchable by name or email within the selected company',
		displayOptions: { show: { resource: ['targetUser'], operation: operations } },
	});

interface Prepared {
	companyId: string;
	targetUserId: string;
	simplify: boolean;
}

export const get: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	description: [companyLocator(displayOptions), targetUserLocator(['get']), simplifyToggle(displayOptions)],
	prepare(itemIndex) {
		return {
			companyId: readCompanyId(this, itemIndex),
			targetUserId: readRecordId(this, 'targetUserId', 'Target User', itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, state) {
		const user = await getTargetUser(this, state, prepared.companyId, prepared.targetUserId, itemIndex);
		return [{ json: prepared.simplify ? pick(user, SIMPLIFIED_TARGET_USER_FIELDS) : user }];
	},
};
