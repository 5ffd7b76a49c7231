import type { IExecuteFunctions } from 'n8n-workflow';

import { keepnetApiRequest } from '../../transport/request';
import { companyLocator, concurrencyOption, readCompanyId, readRecordId, optionsCollection } from '../common';
import type { ItemOperation } from '../types';
import { sendInformationEmail, systemUserLocator } from './api';

interface Prepared {
	companyId: string;
	systemUserId: string;
}

function systemUserIdOperation(operation: 'delete' | 'sendInformationEmail') {
	const displayOptions = { show: { resource: ['systemUser'], operation: [operation] } };
	return {
		description: [
			companyLocator(displayOptions),
			systemUserLocator([operation]),
			optionsCollection(displayOptions, [concurrencyOption]),
		],
		prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
			return {
				companyId: readCompanyId(this, itemIndex),
				systemUserId: readRecordId(this, 'systemUserId', 'System User', itemIndex),
			};
		},
	};
}

const deleteShape = systemUserIdOperation('delete');
export const deleteSystemUser: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	...deleteShape,
	identifyBy: ['systemUserId'],
	async run(prepared, itemIndex, state) {
		await keepnetApiRequest(this, state, {
			method: 'DELETE',
			path: `/api/system-users/${prepared.systemUserId}`,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
			notFoundSubject: `system user "${prepared.systemUserId}" in company "${prepared.companyId}"`,
		});
		return [{ json: { deleted: true, id: prepared.systemUserId, companyId: prepared.companyId } }];
	},
};

const emailShape = systemUserIdOperation('sendInformationEmail');
export const sendInformationEmailOperation: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	...emailShape,
	identifyBy: ['systemUserId'],
	async run(prepared, itemIndex, state) {
		await sendInformationEmail(this, state, prepared.companyId, prepared.systemUserId, itemIndex);
		return [{ json: { informationEmailSent: true, id: prepared.systemUserId, companyId: prepared.companyId } }];
	},
};
