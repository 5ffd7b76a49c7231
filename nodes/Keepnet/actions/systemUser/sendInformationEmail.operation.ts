import type { INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../types';
import { sendInformationEmail } from './api';
import { readSystemUserTarget, type SystemUserTarget } from './body';
import { systemUserIdFields } from './fields';

export const description: INodeProperties[] = systemUserIdFields();

export const handler: ItemOperation<SystemUserTarget> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		return readSystemUserTarget(this, session, itemIndex);
	},
	identifyBy: ['systemUserId'],
	async run(prepared, itemIndex, session) {
		await sendInformationEmail(session, prepared.companyId, prepared.systemUserId, itemIndex);
		return [{ json: { informationEmailSent: true, id: prepared.systemUserId, companyId: prepared.companyId } }];
	},
};
