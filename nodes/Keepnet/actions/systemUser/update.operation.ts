import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { inputError } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { currentRoleIds, findSystemUser, resolveRoleIds } from './api';
import { roleEntries, storedSystemUserFields, systemUserBody } from './body';
import { statusOptions, systemUserLocator } from './fields';

interface Prepared {
	companyId: string;
	systemUserId: string;
	changes: IDataObject;
}

export const description: INodeProperties[] = [
	companyLocator(),
	systemUserLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'e.g. jane.doe@example.com' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'Max 40 characters' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: 'Max 40 characters' },
			{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', description: 'Max 20 characters' },
			{
				displayName: 'Role Names or IDs',
				name: 'roleIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getRoles', loadOptionsDependsOn: ['companyId.value'] },
				default: [],
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: "Replaces the user's roles. An expression may give role names instead of IDs (e.g. Company Admin, Security Analyst), matched to the company's roles when the node runs.",
			},
			{ displayName: 'Status', name: 'statusId', type: 'options', options: statusOptions, default: 1 },
		],
	},
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: true,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const systemUserId = readRecordId(this, 'systemUserId', 'System User', itemIndex);
		const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		if (Object.keys(changes).length === 0) {
			throw inputError(this, itemIndex, 'No field to update', 'Add at least one field under Update Fields.');
		}
		// Check the changed values now, with placeholders for the fields that will come from Keepnet.
		systemUserBody(this, { firstName: 'x', lastName: 'x', email: 'x@x.io', phoneNumber: '1', ...changes }, itemIndex);
		return { companyId, systemUserId, changes };
	},
	identifyBy: ['systemUserId'],
	async run(prepared, itemIndex, session) {
		// Keepnet's PUT needs every required field: read the user, change only what was set, write back.
		const stored = await findSystemUser(this, session, prepared.companyId, prepared.systemUserId, itemIndex);
		const roleIds =
			prepared.changes.roleIds !== undefined
				? await resolveRoleIds(this, session, prepared.companyId, roleEntries(this, prepared.changes.roleIds, itemIndex), itemIndex)
				: await currentRoleIds(this, session, prepared.companyId, stored, itemIndex);
		const body = systemUserBody(
			this,
			{ ...storedSystemUserFields(stored), ...prepared.changes, roleIds },
			itemIndex,
		);
		await session.request({
			method: 'PUT',
			path: `/api/system-users/${prepared.systemUserId}`,
			body,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: `system user "${prepared.systemUserId}" in company "${prepared.companyId}"`,
		});
		return [{ json: { resourceId: prepared.systemUserId, companyId: prepared.companyId, ...body } }];
	},
};
