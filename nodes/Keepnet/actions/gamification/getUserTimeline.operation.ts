import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, optionsCollection, recordLocator, returnAllAndLimit } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readCompanyId, readPaging, readRecordId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { leaderboardRecords, periodFields, readPeriod } from './api';

export const description: INodeProperties[] = [
	companyLocator(),
	recordLocator({ name: 'targetUserId', displayName: 'Target User', searchListMethod: 'searchTargetUsers', description: 'The person, searchable by name or email' }),
	...periodFields(),
	...returnAllAndLimit(),
	optionsCollection([
		{ displayName: 'Only Failed Events', name: 'onlyFailed', type: 'boolean', default: false, description: 'Whether to list only the simulations the user failed (clicked, submitted…)' },
	]),
];

interface Prepared {
	companyId: string;
	targetUserId: string;
	body: IDataObject;
	limit: number;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const targetUserId = readRecordId(this, 'targetUserId', 'Target User', itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			companyId: readCompanyId(session, itemIndex),
			targetUserId,
			limit: readPaging(this, itemIndex).limit,
			// Empty filter lists = every action, difficulty and product (as the web app's defaults).
			body: { targetUserResourceId: targetUserId, actionTypes: [], difficultyTypes: [], products: [], ...readPeriod(this, itemIndex), showOnlyFailedEvents: options.onlyFailed === true },
		};
	},
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, session) {
		const rows = await leaderboardRecords(
			session,
			{
				path: '/api/leaderboard/get-user-timeline',
				body: prepared.body,
				companyId: prepared.companyId,
				paginationField: 'pagination',
				orderBy: 'ActionTime',
				ascending: false,
				notFoundSubject: `target user "${prepared.targetUserId}" in company "${prepared.companyId}"`,
			},
			prepared.limit,
			MAX_PAGE_SIZE,
			itemIndex,
		);
		return rows.map((row) => ({ json: { targetUserResourceId: prepared.targetUserId, ...row } }));
	},
};
