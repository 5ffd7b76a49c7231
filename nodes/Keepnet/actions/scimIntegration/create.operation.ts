import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { leaveCredentialOutOption, readLeaveCredentialOut, withCredential } from '../../helpers/customerCredentials';
import { additionalFieldsCollection, companyLocator, optionsCollection } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import { optionalBoolean, requireKeepnetId } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { readScimName, scimUrlOf, searchScimIntegrations, tokenOf } from './api';
import { scimNameField } from './fields';

interface Prepared {
	companyId: string;
	body: IDataObject;
	leaveTokenOut: boolean;
}

export const description: INodeProperties[] = [
	companyLocator("The customer company whose users the customer's identity provider will keep in step"),
	scimNameField('Name of the integration, e.g. the identity provider (max 30 characters)'),
	additionalFieldsCollection([
		{
			displayName: 'Field Mappings',
			name: 'fieldMappings',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			description: "Custom fields of the company filled from SCIM attributes",
			options: [
				{
					displayName: 'Mapping',
					name: 'mapping',
					values: [
						{ displayName: 'Custom Field ID', name: 'customFieldId', type: 'string', default: '', placeholder: 'e.g. Ab12Cd34Ef56' },
						{
							displayName: 'SCIM Field Name or ID',
							name: 'scimFieldId',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getScimFields', loadOptionsDependsOn: ['companyId.value'] },
							default: '',
							description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
					],
				},
			],
		},
		{
			displayName: 'Group By SCIM Field Name or ID',
			name: 'groupByScimFieldId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getScimFields', loadOptionsDependsOn: ['companyId.value'] },
			default: '',
			description:
				'Put synced users into target groups by this attribute (e.g. Department). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Sync Platform Group',
			name: 'syncPlatformGroup',
			type: 'boolean',
			default: false,
			description: 'Whether to sync the identity provider\'s groups as target groups (Keepnet does not document this flag further)',
		},
		{
			displayName: 'Target Group Name or ID',
			name: 'targetGroupId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
			default: '',
			description:
				'The target group synced users join; without one they are only under Target Users. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
	optionsCollection([leaveCredentialOutOption('Token')]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { name: readScimName(this, itemIndex) };
		if (fields.targetGroupId) body.groupResourceId = requireKeepnetId(this, fields.targetGroupId, 'Target Group', itemIndex);
		if (fields.groupByScimFieldId) body.groupBySCIMFieldResourceId = requireKeepnetId(this, fields.groupByScimFieldId, 'Group By SCIM Field', itemIndex);
		const sync = optionalBoolean(this, fields.syncPlatformGroup, 'Sync Platform Group', itemIndex);
		if (sync !== undefined) body.syncPlatformGroup = sync;
		const mappings = ((fields.fieldMappings as IDataObject | undefined)?.mapping ?? []) as IDataObject[];
		if (mappings.length > 0) {
			body.fieldMappings = mappings.map((mapping) => ({
				customFieldResourceId: requireKeepnetId(this, mapping.customFieldId, 'Field Mappings → Custom Field ID', itemIndex),
				scimFieldResourceId: requireKeepnetId(this, mapping.scimFieldId, 'Field Mappings → SCIM Field', itemIndex),
			}));
		}
		return { companyId: readCompanyId(session, itemIndex), body, leaveTokenOut: readLeaveCredentialOut(this, itemIndex) };
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, session) {
		const answer = await session.request<IDataObject | undefined>({
			method: 'POST',
			path: '/api/scim',
			body: prepared.body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
		});
		const name = String(prepared.body.name);
		const json: IDataObject = { resourceId: null, name, companyId: prepared.companyId, scimUrl: scimUrlOf(answer, session.target?.baseUrl) };
		// Keepnet answers the token only; the integration's ID is found by its name (names are unique per company).
		// The token is shown once, so a failed lookup must not lose it: the item reports the failure instead.
		try {
			const matches = (await searchScimIntegrations(session, prepared.companyId, { text: name, orderBy: 'CreateTime', ascending: false }, 50, itemIndex)).filter(
				(row) => String(row.name ?? '').toLowerCase() === name.toLowerCase(),
			);
			if (matches.length === 1) json.resourceId = String(matches[0].resourceId ?? '');
			else json.resourceIdError = `Found ${matches.length} SCIM integrations named "${name}"; use SCIM Integration → Get Many to find its ID.`;
		} catch (error) {
			json.resourceIdError = `The integration was created, but its ID could not be read: ${error instanceof Error ? error.message : String(error)}`;
		}
		return [{ json: withCredential(json, 'token', tokenOf(answer), prepared.leaveTokenOut) }];
	},
};
