import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { inputError } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { getTargetGroup, groupNotFound } from './api';
import { readTargetGroupTarget, targetGroupBody, targetGroupChanges, type TargetGroupTarget } from './body';
import { groupNameField, groupPriorityField, targetGroupLocator } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	targetGroupLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description: 'Whether the group is active',
			},
			groupNameField,
			groupPriorityField,
		],
	},
];

interface Prepared extends TargetGroupTarget {
	changes: IDataObject;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		const target = readTargetGroupTarget(this, session, itemIndex);
		const changes = targetGroupChanges(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
		if (Object.keys(changes).length === 0) {
			throw inputError(this, itemIndex, 'No field to update', 'Add at least one field under Update Fields.');
		}
		return { ...target, changes };
	},
	identifyBy: ['targetGroupId'],
	async run(prepared, itemIndex, session) {
		// Keepnet's PUT takes name and priority every time and replaces both: read the group, change only
		// what was set, write back the rest. isActive is not in what a GET shows, so it is sent only when set.
		const stored = await getTargetGroup(session, prepared.companyId, prepared.targetGroupId, itemIndex);
		const body: IDataObject = { ...targetGroupBody(this, { ...stored, ...prepared.changes }, itemIndex) };
		if (prepared.changes.isActive !== undefined) body.isActive = prepared.changes.isActive;
		await session.request({
			method: 'PUT',
			path: `/api/target-groups/${prepared.targetGroupId}`,
			body,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: groupNotFound(prepared.companyId, prepared.targetGroupId),
		});
		return [{ json: { resourceId: prepared.targetGroupId, companyId: prepared.companyId, ...body } }];
	},
};
