import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption, optionsCollection } from '../../helpers/descriptions';
import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';
import { notFoundGroup } from './api';
import { readGroupId } from './body';
import { companyGroupDisplay, companyGroupLocator } from './fields';

const displayOptions = companyGroupDisplay('delete');

export const description: INodeProperties[] = [
	companyGroupLocator('delete'),
	{
		displayName:
			'Deleting a company group cannot be undone. Its companies stay, but lose what the group shared with them (trainings, notification templates, roles).',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	optionsCollection(displayOptions, [concurrencyOption]),
];

export const handler: ItemOperation<string> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex) {
		return readGroupId(this, itemIndex);
	},
	identifyBy: ['companyGroupId'],
	async run(groupId, itemIndex, state) {
		await keepnetApiRequest(this, state, { method: 'DELETE', path: `/api/company-groups/${groupId}`, retry: 'never', itemIndex, notFoundSubject: notFoundGroup(groupId) });
		return [{ json: { deleted: true, id: groupId } }];
	},
};
