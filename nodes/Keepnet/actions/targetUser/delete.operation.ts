import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { targetUserLocator } from './fields';

interface Prepared {
	companyId: string;
	targetUserId: string;
}

export const description: INodeProperties[] = [
	companyLocator(),
	targetUserLocator(),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return {
			companyId: readCompanyId(session, itemIndex),
			targetUserId: readRecordId(this, 'targetUserId', 'Target User', itemIndex),
		};
	},
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, session) {
		// Keepnet deletes softly: the user stays listed with status Deleted and frees its license seat.
		await session.request({
			method: 'DELETE',
			path: `/api/target-users/${prepared.targetUserId}`,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: `target user "${prepared.targetUserId}" in company "${prepared.companyId}"`,
		});
		return [{ json: { deleted: true, id: prepared.targetUserId, companyId: prepared.companyId } }];
	},
};
