import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { refuseStoredValuesOverUpdateLimits } from '../../helpers/updateCarry';
import { inputError } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { getTargetUser, updateTargetUser } from './api';
import { normaliseTargetUserBody, TARGET_USER_PROPERTY_LABELS, targetUserBodyFromFields, writableFieldsOf } from './body';
import { targetUserLocator, targetUserOptionalFields } from './fields';

const contactFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. jane.doe@example.com',
		default: '',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		placeholder: 'e.g. +441234567890',
		default: '',
	},
];
const updateFieldOptions: INodeProperties[] = [...contactFields, ...targetUserOptionalFields].sort((a, b) =>
	a.displayName.localeCompare(b.displayName),
);

interface Prepared {
	companyId: string;
	targetUserId: string;
	changes: IDataObject;
}

export const description: INodeProperties[] = [
	companyLocator(),
	targetUserLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateFieldOptions,
	},
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	async prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const targetUserId = readRecordId(this, 'targetUserId', 'Target User', itemIndex);
		const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes = await normaliseTargetUserBody(this, session, targetUserBodyFromFields(this, updateFields, itemIndex, 'update'), itemIndex);
		if (Object.keys(changes).length === 0) {
			throw inputError(this, itemIndex, 'No field to update', 'Add at least one field under Update Fields.');
		}
		return { companyId, targetUserId, changes };
	},
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, session) {
		// Keepnet's PUT replaces the whole record: read it, change only what was set, write it back.
		const stored = await getTargetUser(session, prepared.companyId, prepared.targetUserId, itemIndex);
		const body = { ...writableFieldsOf(stored), ...prepared.changes };
		refuseStoredValuesOverUpdateLimits(this, 'targetUser', body, new Set(Object.keys(prepared.changes)), {
			itemIndex,
			record: `target user "${prepared.targetUserId}"`,
			labels: TARGET_USER_PROPERTY_LABELS,
		});
		await updateTargetUser(session, prepared.companyId, prepared.targetUserId, body, itemIndex);
		return [{ json: { resourceId: prepared.targetUserId, companyId: prepared.companyId, ...body } }];
	},
};
