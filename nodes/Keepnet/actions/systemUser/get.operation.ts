import { companyLocator, readCompanyId, readRecordId } from '../common';
import type { ItemOperation } from '../types';
import { findSystemUser, systemUserLocator } from './api';

const displayOptions = { show: { resource: ['systemUser'], operation: ['get'] } };

interface Prepared {
	companyId: string;
	systemUserId: string;
}

export const get: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	description: [companyLocator(displayOptions), systemUserLocator(['get'])],
	prepare(itemIndex) {
		return {
			companyId: readCompanyId(this, itemIndex),
			systemUserId: readRecordId(this, 'systemUserId', 'System User', itemIndex),
		};
	},
	identifyBy: ['systemUserId'],
	async run(prepared, itemIndex, state) {
		return [{ json: await findSystemUser(this, state, prepared.companyId, prepared.systemUserId, itemIndex) }];
	},
};
