import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { leaderboardPage, leaderboardRow, periodFields, readPeriod } from './api';

export const description: INodeProperties[] = [companyLocator(), ...periodFields()];

interface Prepared {
	companyId: string;
	body: IDataObject;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	acrossCompanies: true,
	concurrent: false,
	prepare(itemIndex, session) {
		return { companyId: readCompanyId(session, itemIndex), body: { ...readPeriod(this, itemIndex), filter: buildFilter(), pagination: { pageNumber: 1, pageSize: 10, orderBy: 'rank', ascending: true } } };
	},
	async run(prepared, itemIndex, session) {
		// Keepnet's podium (gold, silver, bronze): one short answer, a list or a paged object (docs/results-reporting.md).
		const data = await session.request<unknown>({ method: 'POST', path: '/api/leaderboard/get-top-performers', body: prepared.body, companyId: prepared.companyId, retry: 'safe', itemIndex });
		return leaderboardPage(data).rows.map((row) => ({ json: leaderboardRow(row) }));
	},
};
