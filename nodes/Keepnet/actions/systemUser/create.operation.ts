import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import { inputError } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { resolveRoleIds, sendInformationEmail } from './api';
import { systemUserBody } from './body';
import { roleIdsField, statusOptions } from './fields';

interface Prepared {
	companyId: string;
	body: IDataObject;
	sendEmail: boolean;
}

export const description: INodeProperties[] = [
	companyLocator(),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Jane',
		description: 'Max 40 characters',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Doe',
		description: 'Max 40 characters',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. jane.doe@example.com',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +441234567890',
		description: 'Used for multi-factor authentication (max 20 characters)',
	},
	roleIdsField(true),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Send Information Email',
				name: 'sendInformationEmail',
				type: 'boolean',
				default: false,
				description: 'Whether to send the user the welcome email with sign-in information right after creating them',
			},
			{
				displayName: 'Status',
				name: 'statusId',
				type: 'options',
				options: statusOptions,
				default: 1,
			},
		],
	},
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = systemUserBody(
			this,
			{
				firstName: this.getNodeParameter('firstName', itemIndex, ''),
				lastName: this.getNodeParameter('lastName', itemIndex, ''),
				email: this.getNodeParameter('email', itemIndex, ''),
				phoneNumber: this.getNodeParameter('phoneNumber', itemIndex, ''),
				roleIds: this.getNodeParameter('roleIds', itemIndex, []),
				statusId: additionalFields.statusId ?? 1,
			},
			itemIndex,
		);
		if (!Array.isArray(body.roleResourceIdList) || body.roleResourceIdList.length === 0) {
			throw inputError(this, itemIndex, 'No role chosen', 'Keepnet needs at least one role for a system user: choose one under Role Names or IDs (e.g. Company Admin).');
		}
		return { companyId, body, sendEmail: additionalFields.sendInformationEmail === true };
	},
	identifyBy: ['email'],
	async run(prepared, itemIndex, session) {
		const roleResourceIdList = await resolveRoleIds(this, session, prepared.companyId, prepared.body.roleResourceIdList as string[], itemIndex);
		const body: IDataObject = { ...prepared.body, roleResourceIdList };
		const created = await session.request<{ resourceId?: string } | undefined>({
			method: 'POST',
			path: '/api/system-users',
			body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
		});
		const resourceId = String(created?.resourceId ?? '');
		const json: IDataObject = { resourceId, companyId: prepared.companyId, ...body };
		if (prepared.sendEmail) {
			// The user exists now whatever happens to the email; failing the item would invite a
			// re-run that tries to create the same user again. So the email's failure is reported
			// on the item instead (and System User → Send Information Email can resend it).
			try {
				await sendInformationEmail(session, prepared.companyId, resourceId, itemIndex);
				json.informationEmailSent = true;
			} catch (error) {
				json.informationEmailSent = false;
				json.informationEmailError = error instanceof Error ? error.message : String(error);
			}
		}
		return [{ json }];
	},
};
