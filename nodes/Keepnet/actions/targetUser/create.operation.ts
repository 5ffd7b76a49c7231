import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { concurrencyOption, companyLocator, readCompanyId, optionsCollection } from '../common';
import type { ItemOperation } from '../types';
import { createTargetUser } from './api';
import { inputError } from '../../helpers/validation';
import { AUTO_MAP_FIELD_LIST, mappingModeNotice, mappingModeProperty, targetUserBodyFromFields, targetUserFieldsFromInput, targetUserOptionalFields } from './fields';

const showFor = (operations: string[]) => ({ show: { resource: ['targetUser'], operation: operations } });

/** Email, phone number and optional fields: the form Create and Create or Update share. */
export function targetUserWriteFields(operation: string): INodeProperties[] {
	const displayOptions = showFor([operation]);
	const mappedBelow = { show: { ...displayOptions.show, mappingMode: ['defineBelow'] } };
	return [
		companyLocator(displayOptions),
		mappingModeProperty([operation], 'defineBelow'),
		mappingModeNotice([operation]),
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. jane.doe@example.com',
			default: '',
			required: true,
			description: "The user's email address (max 320 characters); its domain must be one the customer has verified in Keepnet",
			displayOptions: mappedBelow,
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			placeholder: 'e.g. +441234567890',
			default: '',
			// Create or Update only needs it for a user that does not exist yet; an existing one keeps its stored number.
			required: operation === 'create',
			description:
				operation === 'create'
					? 'Phone number with country code (max 20 characters); Keepnet requires it for every new user'
					: 'Phone number with country code (max 20 characters). Needed when no user with this email exists yet in the company (Keepnet requires it to create one); for an existing user, leave it empty to keep the stored number.',
			displayOptions: mappedBelow,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: targetUserOptionalFields,
			displayOptions: mappedBelow,
		},
		optionsCollection(displayOptions, [concurrencyOption]),
	];
}

/**
 * The target user fields of one item: from the fields below (each maybe an expression), or with Map
 * Automatically straight from the input item's fields of the same names.
 */
export function readTargetUserFields(ctx: IExecuteFunctions, itemIndex: number, phoneRequired: boolean): IDataObject {
	if (ctx.getNodeParameter('mappingMode', itemIndex, 'defineBelow') === 'autoMapInputData') {
		const fields = targetUserFieldsFromInput(ctx.getInputData()[itemIndex]?.json ?? {});
		for (const [field, label] of [['email', 'email'], ['phoneNumber', 'phone number']] as const) {
			if (fields[field] === undefined && (field === 'email' || phoneRequired)) {
				throw inputError(
					ctx,
					itemIndex,
					`The input item has no ${label} field to map`,
					`With Mapping Mode "Map Automatically", name the input fields ${AUTO_MAP_FIELD_LIST} (any case, spaces or underscores allowed), or choose "Map Each Field Below".`,
				);
			}
		}
		return fields;
	}
	const fields: IDataObject = {
		...(ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		email: ctx.getNodeParameter('email', itemIndex, ''),
	};
	const phoneNumber = ctx.getNodeParameter('phoneNumber', itemIndex, '');
	if (phoneRequired || phoneNumber !== '') fields.phoneNumber = phoneNumber;
	return fields;
}

export interface PreparedTargetUserWrite {
	companyId: string;
	body: IDataObject;
}

export function prepareTargetUserWrite(
	ctx: IExecuteFunctions,
	itemIndex: number,
	limitSet: 'create' | 'update',
	phoneRequired = true,
): PreparedTargetUserWrite {
	const companyId = readCompanyId(ctx, itemIndex);
	return { companyId, body: targetUserBodyFromFields(ctx, readTargetUserFields(ctx, itemIndex, phoneRequired), itemIndex, limitSet) };
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
