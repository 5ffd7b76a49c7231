import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError, keepnetIdList } from '../../helpers/validation';
import { keepnetApiRequest } from '../../transport/request';
import { buildFilter } from '../../transport/search';
import { companyLocator, concurrencyOption, readCompanyId, readRecordId, optionsCollection } from '../common';
import type { ItemOperation } from '../types';
import { targetUserLocator } from './get.operation';

interface Prepared {
	companyId: string;
	targetUserId: string;
	targetGroupIds: string[];
}

function groupMembershipDescription(operation: 'addToGroups' | 'removeFromGroups') {
	const displayOptions = { show: { resource: ['targetUser'], operation: [operation] } };
	return [
		companyLocator(displayOptions),
		targetUserLocator([operation]),
		{
			displayName: 'Target Group Names or IDs',
			name: 'targetGroupIds',
			type: 'multiOptions' as const,
			typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
			default: [],
			required: true,
			description:
				'Groups of the selected company. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions,
		},
		optionsCollection(displayOptions, [concurrencyOption]),
	];
}

function prepareMembership(this: IExecuteFunctions, itemIndex: number): Prepared {
	const companyId = readCompanyId(this, itemIndex);
	const targetUserId = readRecordId(this, 'targetUserId', 'Target User', itemIndex);
	const targetGroupIds = keepnetIdList(this, this.getNodeParameter('targetGroupIds', itemIndex, []), 'Target Group', itemIndex);
	if (targetGroupIds.length === 0) {
		throw inputError(this, itemIndex, 'No target group chosen', 'Choose at least one group under Target Group Names or IDs.');
	}
	return { companyId, targetUserId, targetGroupIds };
}

export const addToGroups: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	description: groupMembershipDescription('addToGroups'),
	prepare: prepareMembership,
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, state) {
		const body: IDataObject = {
			targetUserResourceIds: [prepared.targetUserId],
			targetGroupResourceIds: prepared.targetGroupIds,
			selectAll: false,
			excludedResourceIdList: [],
			filter: buildFilter(),
		};
		// Adding a member twice leaves the same membership, so a retry after a 5xx is harmless.
		await keepnetApiRequest(this, state, {
			method: 'PUT',
			path: '/api/target-groups/users',
			body,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: `target user "${prepared.targetUserId}" or one of the target groups in company "${prepared.companyId}"`,
		});
		return [{ json: { resourceId: prepared.targetUserId, companyId: prepared.companyId, addedToGroups: prepared.targetGroupIds } }];
	},
};

export const removeFromGroups: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	description: groupMembershipDescription('removeFromGroups'),
	prepare: prepareMembership,
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, state) {
		for (const groupId of prepared.targetGroupIds) {
			await keepnetApiRequest(this, state, {
				method: 'DELETE',
				path: `/api/target-groups/${groupId}/users`,
				body: { targetUserResourceIds: [prepared.targetUserId] },
				companyId: prepared.companyId,
				retry: 'safe',
				itemIndex,
				notFoundSubject: `target group "${groupId}" in company "${prepared.companyId}"`,
			});
		}
		return [{ json: { resourceId: prepared.targetUserId, companyId: prepared.companyId, removedFromGroups: prepared.targetGroupIds } }];
	},
};
