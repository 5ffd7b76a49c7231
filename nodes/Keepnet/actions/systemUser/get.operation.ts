import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';
import { findSystemUser } from './api';
import { systemUserLocator } from './fields';

interface Prepared {
	companyId: string;
	systemUserId: string;
}

export const description: INodeProperties[] = [companyLocator(), systemUserLocator()];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return {
			companyId: readCompanyId(session, itemIndex),
			systemUserId: readRecordId(this, 'systemUserId', 'System User', itemIndex),
		};
	},
	identifyBy: ['systemUserId'],
	async run(prepared, itemIndex, session) {
		return [{ json: await findSystemUser(this, session, prepared.companyId, prepared.systemUserId, itemIndex) }];
	},
};
