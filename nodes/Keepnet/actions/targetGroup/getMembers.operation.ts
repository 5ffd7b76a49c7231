import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, filtersCollection, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { pick } from '../../helpers/output';
import { readPaging } from '../../helpers/parameters';
import { buildFilter, searchRecords } from '../../transport/search';
import { SIMPLIFIED_TARGET_USER_FIELDS } from '../targetUser/body';
import type { ItemOperation } from '../types';
import { groupNotFound } from './api';
import { readSearchText, readTargetGroupTarget, type TargetGroupTarget } from './body';
import { targetGroupLocator } from './fields';


export const description: INodeProperties[] = [
	companyLocator(),
	targetGroupLocator(),
	...returnAllAndLimit(),
	simplifyToggle(),
	filtersCollection([
		searchTextFilter('e.g. jane', 'Free text matched against first name, last name and email'),
	]),
];

interface Prepared extends TargetGroupTarget {
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const target = readTargetGroupTarget(this, itemIndex);
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = readSearchText(this, filters, itemIndex, 256);
		return {
			...target,
			limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			// excludeGroupUsers false: the members (true would list everyone NOT in the group).
			body: { filter: buildFilter([], searchText, ['FirstName', 'LastName', 'Email']), orderBy: 'Email', ascending: true, excludeGroupUsers: false },
		};
	},
	identifyBy: ['targetGroupId'],
	async run(prepared, itemIndex, state) {
		const members = await searchRecords<IDataObject>(
			this,
			state,
			{
				path: `/api/target-groups/${prepared.targetGroupId}/users`,
				body: prepared.body,
				companyId: prepared.companyId,
				itemIndex,
				notFoundSubject: groupNotFound(prepared.companyId, prepared.targetGroupId),
			},
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return members.map((member) => ({ json: prepared.simplify ? pick(member, SIMPLIFIED_TARGET_USER_FIELDS) : member }));
	},
};
