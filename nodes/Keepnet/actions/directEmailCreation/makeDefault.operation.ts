import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import type { ItemOperation } from '../types';
import { notFoundDec, readDecTarget, type DecTarget } from './api';
import { decLocator } from './fields';

export const description: INodeProperties[] = [companyLocator(), decLocator()];

export const handler: ItemOperation<DecTarget> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		return readDecTarget(this, session, itemIndex);
	},
	identifyBy: ['directEmailSettingId'],
	async run(target, itemIndex, session) {
		await session.request({
			method: 'PUT',
			path: `/api/companies/direct-email-settings/make-default/${target.settingId}`,
			companyId: target.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFoundDec(target),
		});
		return [{ json: { isDefault: true, resourceId: target.settingId, companyId: target.companyId } }];
	},
};
