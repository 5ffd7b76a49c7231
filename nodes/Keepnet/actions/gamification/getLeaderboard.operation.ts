import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readCompanyId, readPaging } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { leaderboardRecords, leaderboardRow, periodFields, readPeriod } from './api';

const SIMPLIFIED_FIELDS = ['rank', 'targetUserResourceId', 'email', 'firstName', 'lastName', 'department', 'points', 'performance'];

export const description: INodeProperties[] = [
	companyLocator(),
	...periodFields(),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([searchTextFilter('e.g. jane', 'Free text matched against first name, last name and email')]),
];

interface Prepared {
	companyId: string;
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	acrossCompanies: true,
	concurrent: false,
	prepare(itemIndex, session) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 256 }) ?? '';
		return {
			companyId: readCompanyId(session, itemIndex),
			body: { ...readPeriod(this, itemIndex), filter: buildFilter([], searchText, ['FirstName', 'LastName', 'Email']) },
			limit: readPaging(this, itemIndex).limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async run(prepared, itemIndex, session) {
		// Best first, as Keepnet's web app sorts it (orderBy rank, ascending).
		const rows = await leaderboardRecords(
			session,
			{ path: '/api/leaderboard/get-all', body: prepared.body, companyId: prepared.companyId, paginationField: 'pagination', orderBy: 'rank', ascending: true },
			prepared.limit,
			MAX_PAGE_SIZE,
			itemIndex,
		);
		return rows.map((row) => ({ json: prepared.simplify ? pick(row, SIMPLIFIED_FIELDS) : leaderboardRow(row) }));
	},
};
