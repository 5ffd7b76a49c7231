import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, companyLocator } from '../../helpers/descriptions';
import { optionalString, requiredEmail } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { getDecSetting, notFoundDec, readDecTarget, type DecTarget } from './api';
import { decLocator } from './fields';

interface Prepared extends DecTarget {
	mail: IDataObject;
}

export const description: INodeProperties[] = [
	companyLocator(),
	decLocator(),
	{
		displayName: 'This sends a real email to the address below, placed directly in that mailbox.',
		name: 'testNotice',
		type: 'notice',
		default: '',
	},
	{ displayName: 'To', name: 'to', type: 'string', default: '', required: true, placeholder: 'e.g. it.admin@example.com', description: 'A mailbox in one of the allowed domains' },
	{ displayName: 'From', name: 'from', type: 'string', default: '', required: true, placeholder: 'e.g. security@example.com', description: 'The sender address the test email shows' },
	additionalFieldsCollection([
		{ displayName: 'From Name', name: 'fromName', type: 'string', default: '', placeholder: 'e.g. IT Security' },
		{ displayName: 'Message', name: 'message', type: 'string', default: '', typeOptions: { rows: 3 }, description: 'Body of the test email' },
	]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		return {
			...readDecTarget(this, session, itemIndex),
			mail: {
				from: requiredEmail(this, this.getNodeParameter('from', itemIndex, ''), 'From', itemIndex),
				fromName: optionalString(this, additionalFields.fromName, 'From Name', itemIndex, { max: 256 }) ?? '',
				to: requiredEmail(this, this.getNodeParameter('to', itemIndex, ''), 'To', itemIndex),
				message: optionalString(this, additionalFields.message, 'Message', itemIndex, { max: 4000 }) ?? 'Keepnet Direct Email Creation test',
			},
		};
	},
	identifyBy: ['directEmailSettingId'],
	async run(prepared, itemIndex, session) {
		// Keepnet's test call wants the setting's tenant and platform as well: read them from the setting.
		const setting = await getDecSetting(session, prepared, itemIndex);
		await session.request({
			method: 'POST',
			path: '/api/companies/direct-email-settings/test',
			body: { resourceId: prepared.settingId, ...prepared.mail, tenantId: setting.tenantId, type: setting.type },
			companyId: prepared.companyId,
			// It sends an email: never sent twice.
			retry: 'never',
			itemIndex,
			notFoundSubject: notFoundDec(prepared),
		});
		return [{ json: { tested: true, resourceId: prepared.settingId, companyId: prepared.companyId, to: prepared.mail.to } }];
	},
};
