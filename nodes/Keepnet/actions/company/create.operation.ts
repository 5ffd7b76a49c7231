import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { buildMultipartBody } from '../../helpers/multipart';
import { companyGroupEntries, resolveCompanyGroupIds } from '../companyGroup/api';
import { type PhasedItemOperation, withSendPhases } from '../sendPhases';
import { type CompanyLookupHint, companyFieldsFromParameters, fieldsWithLookups, requireCompanyFields, resolveCompanyLookupsBeforeSending } from './body';
import { optionalCompanyProperties, requiredCompanyProperties } from './fields';

export const description: INodeProperties[] = [
	...requiredCompanyProperties.map((property) => ({ ...property, required: true })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalCompanyProperties,
	},
];

interface PreparedCompanyCreate {
	readonly fields: Readonly<ReturnType<typeof companyFieldsFromParameters>>;
	readonly groupEntries: string[];
}

const operation: PhasedItemOperation<PreparedCompanyCreate, CompanyLookupHint> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const values: IDataObject = { ...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) };
		for (const property of requiredCompanyProperties) values[property.name] = this.getNodeParameter(property.name, itemIndex, '');
		const fields = companyFieldsFromParameters(this, values, itemIndex);
		requireCompanyFields(this, fields, itemIndex);
		if (fields.IsNumberOfUsersLimited === undefined) fields.IsNumberOfUsersLimited = true;
		fields.StatusId = 1;
		return { fields, groupEntries: companyGroupEntries(this, values.companyGroupIds, itemIndex) };
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, session, lookups) {
		const fields = fieldsWithLookups(prepared.fields, lookups);
		if (prepared.groupEntries.length > 0) fields.CompanyGroupResourceIdArray = await resolveCompanyGroupIds(this, session, prepared.groupEntries, itemIndex);
		const multipart = buildMultipartBody(fields);
		const created = await session.request<{ resourceId?: string } | undefined>({
			method: 'POST',
			path: '/api/companies',
			body: multipart.body,
			headers: { 'Content-Type': multipart.contentType },
			retry: 'never',
			itemIndex,
		});
		return [{ json: { resourceId: String(created?.resourceId ?? ''), ...fields } }];
	},
};

export const handler = withSendPhases(operation, {
	// The lookup names of every item become IDs once, before the first company is written (body.ts).
	async beforeSending(prepared, session) {
		return { settled: new Map(), hints: await resolveCompanyLookupsBeforeSending(this, session, prepared, (item) => item.fields) };
	},
});
