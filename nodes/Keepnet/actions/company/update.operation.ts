import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { buildMultipartBody } from '../../helpers/multipart';
import { readCompanyId } from '../../helpers/parameters';
import { refuseStoredValuesOverUpdateLimits } from '../../helpers/updateCarry';
import { inputError } from '../../helpers/validation';
import { keepnetApiRequest } from '../../transport/request';
import type { ItemOperation } from '../types';
import { getCompany, notFound } from './api';
import { COMPANY_PROPERTY_LABELS, companyFieldsFromParameters, companyFieldsFromStored, resolveCompanyLookupsBeforeSending } from './body';
import { companyPathLocator, optionalCompanyProperties, requiredCompanyProperties, show } from './fields';

export const description: INodeProperties[] = [
	companyPathLocator('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('update'),
		options: [...requiredCompanyProperties, ...optionalCompanyProperties].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const handler: ItemOperation<{ companyId: string; changes: ReturnType<typeof companyFieldsFromParameters>; lookupFailure?: unknown }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const companyId = readCompanyId(this, itemIndex);
		const changes = companyFieldsFromParameters(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
		if (Object.keys(changes).length === 0) {
			throw inputError(this, itemIndex, 'No field to update', 'Add at least one field under Update Fields.');
		}
		return { companyId, changes };
	},
	async beforeSending(prepared, state) {
		await resolveCompanyLookupsBeforeSending(this, state, prepared, (item) => item.changes);
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, state) {
		if (prepared.lookupFailure !== undefined) throw prepared.lookupFailure;
		// Keepnet's PUT replaces the whole company (same required fields as create): read, merge, write back.
		const stored = await getCompany(this, state, prepared.companyId, itemIndex);
		const fields = { ...companyFieldsFromStored(stored), ...prepared.changes };
		refuseStoredValuesOverUpdateLimits(this, 'company', fields, new Set(Object.keys(prepared.changes)), {
			itemIndex,
			record: `company "${prepared.companyId}"`,
			labels: COMPANY_PROPERTY_LABELS,
		});
		const multipart = buildMultipartBody(fields);
		await keepnetApiRequest(this, state, {
			method: 'PUT',
			path: `/api/companies/${prepared.companyId}`,
			body: multipart.body,
			headers: { 'Content-Type': multipart.contentType },
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFound(prepared.companyId),
		});
		return [{ json: { resourceId: prepared.companyId, ...fields } }];
	},
};
