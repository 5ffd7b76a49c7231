import type { INodeProperties } from 'n8n-workflow';

import { withSendPhases } from '../sendPhases';
import type { ItemOperation } from '../types';
import { addCompaniesToGroup } from './api';
import { readMembershipTarget, type MembershipTarget } from './body';
import { companyGroupLocator, companyIdsField } from './fields';

export const description: INodeProperties[] = [
	companyGroupLocator(),
	{ ...companyIdsField('The customer companies to add. Companies already in the group stay; none is ever removed.'), required: true },
];

const operation: ItemOperation<MembershipTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex) {
		return readMembershipTarget(this, itemIndex, 'add');
	},
	identifyBy: ['companyGroupId'],
	async run(prepared, itemIndex, session) {
		const change = await addCompaniesToGroup(this, session, prepared.groupId, prepared.companyIds, itemIndex);
		return [{ json: { companyGroupId: prepared.groupId, added: change.changed, alreadyMembers: change.unchanged, companyCount: change.members.length } }];
	},
};

export const handler = withSendPhases(operation, {
	// Read members, write the union, read back: two items on the same group must not interleave.
	serialKey: (prepared) => prepared.groupId,
});
