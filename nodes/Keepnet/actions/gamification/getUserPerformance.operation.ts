import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, recordLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { leaderboardPage, periodFields, readPeriod } from './api';

export const description: INodeProperties[] = [
	companyLocator(),
	recordLocator({ name: 'targetUserId', displayName: 'Target User', searchListMethod: 'searchTargetUsers', description: 'The person, searchable by name or email' }),
	...periodFields(),
];

interface Prepared {
	companyId: string;
	targetUserId: string;
	body: IDataObject;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const targetUserId = readRecordId(this, 'targetUserId', 'Target User', itemIndex);
		return { companyId: readCompanyId(session, itemIndex), targetUserId, body: { targetUserResourceId: targetUserId, ...readPeriod(this, itemIndex) } };
	},
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, session) {
		const data = await session.request<unknown>({
			method: 'POST',
			path: '/api/leaderboard/user-performance',
			body: prepared.body,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: `target user "${prepared.targetUserId}" in company "${prepared.companyId}"`,
		});
		// One row per simulation type (phishing, smishing…) with the user's rank, performance and points.
		return leaderboardPage(data).rows.map((row) => ({ json: { targetUserResourceId: prepared.targetUserId, ...row } }));
	},
};
