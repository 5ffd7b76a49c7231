import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { concurrencyOption, companyLocator, readCompanyId, optionsCollection } from '../common';
import type { ItemOperation } from '../types';
import { createTargetUser } from './api';
import { targetUserBodyFromFields, targetUserOptionalFields } from './fields';

const showFor = (operations: string[]) => ({ show: { resource: ['targetUser'], operation: operations } });

/** Email, phone number and optional fields: the form Create and Create or Update share. */
export function targetUserWriteFields(operation: string): INodeProperties[] {
	const displayOptions = showFor([operation]);
	return [
		companyLocator(displayOptions),
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. jane.doe@example.com',
			default: '',
			required: true,
			description: "The user's email address (max 320 characters); its domain must be one the customer has verified in Keepnet",
			displayOptions,
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			placeholder: 'e.g. +441234567890',
			default: '',
			required: true,
			description: 'Phone number with country code (max 20 characters); Keepnet requires it',
			displayOptions,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: targetUserOptionalFields,
			displayOptions,
		},
		optionsCollection(displayOptions, [concurrencyOption]),
	];
}

export interface PreparedTargetUserWrite {
	companyId: string;
	body: IDataObject;
}

export function prepareTargetUserWrite(
	ctx: IExecuteFunctions,
	itemIndex: number,
	limitSet: 'create' | 'update',
): PreparedTargetUserWrite {
	const companyId = readCompanyId(ctx, itemIndex);
	const additionalFields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields: IDataObject = {
		...additionalFields,
		email: ctx.getNodeParameter('email', itemIndex, ''),
		phoneNumber: ctx.getNodeParameter('phoneNumber', itemIndex, ''),
	};
	return { companyId, body: targetUserBodyFromFields(ctx, fields, itemIndex, limitSet) };
}

export const create: ItemOperation<PreparedTargetUserWrite> = {
	kind: 'item',
	concurrent: true,
	description: targetUserWriteFields('create'),
	prepare(itemIndex) {
		return prepareTargetUserWrite(this, itemIndex, 'create');
	},
	identifyBy: ['email'],
	async run(prepared, itemIndex, state) {
		// Never retried after a 5xx or a dropped connection: the first attempt may have created the user.
		const resourceId = await createTargetUser(this, state, prepared.companyId, prepared.body, itemIndex);
		return [{ json: { resourceId, companyId: prepared.companyId, ...prepared.body } }];
	},
};
