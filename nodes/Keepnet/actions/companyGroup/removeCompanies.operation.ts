import type { INodeProperties } from 'n8n-workflow';

import { withSendPhases } from '../sendPhases';
import type { ItemOperation } from '../types';
import { removeCompaniesFromGroup } from './api';
import { readMembershipTarget, type MembershipTarget } from './body';
import { companyGroupLocator, companyIdsField } from './fields';

export const description: INodeProperties[] = [
	companyGroupLocator(),
	{
		...companyIdsField('Exactly the customer companies to take out of the group; every other member stays. They lose what the group shares with them.'),
		required: true,
	},
];

const operation: ItemOperation<MembershipTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex) {
		return readMembershipTarget(this, itemIndex, 'remove');
	},
	identifyBy: ['companyGroupId'],
	async run(prepared, itemIndex, session) {
		const change = await removeCompaniesFromGroup(this, session, prepared.groupId, prepared.companyIds, itemIndex);
		return [{ json: { companyGroupId: prepared.groupId, removed: change.changed, notMembers: change.unchanged, companyCount: change.members.length } }];
	},
};

export const handler = withSendPhases(operation, {
	// Read members, write what is left, read back: two items on the same group must not interleave.
	serialKey: (prepared) => prepared.groupId,
});
