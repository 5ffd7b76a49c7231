import type { INodeProperties } from 'n8n-workflow';

import { withSendPhases } from '../sendPhases';
import type { ItemOperation } from '../types';
import { renameCompanyGroup } from './api';
import { readGroupId, readGroupName } from './body';
import { companyGroupLocator, companyGroupNameField } from './fields';

export const description: INodeProperties[] = [
	companyGroupLocator(),
	companyGroupNameField('The new name (max 64 characters). The member companies stay as they are.'),
];

const operation: ItemOperation<{ groupId: string; name: string }> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex) {
		return { groupId: readGroupId(this, itemIndex), name: readGroupName(this, itemIndex) };
	},
	identifyBy: ['companyGroupId'],
	async run(prepared, itemIndex, session) {
		const members = await renameCompanyGroup(this, session, prepared.groupId, prepared.name, itemIndex);
		return [{ json: { resourceId: prepared.groupId, name: prepared.name, companyCount: members.length } }];
	},
};

export const handler = withSendPhases(operation, {
	// Read members, write, read back: two items on the same group must not interleave.
	serialKey: (prepared) => prepared.groupId,
});
