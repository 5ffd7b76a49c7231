import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { buildMultipartBody } from '../../helpers/multipart';
import { readCompanyId } from '../../helpers/parameters';
import { refuseStoredValuesOverUpdateLimits } from '../../helpers/updateCarry';
import { inputError } from '../../helpers/validation';
import { companyGroupEntries, resolveCompanyGroupIds } from '../companyGroup/api';
import { type PhasedItemOperation, withSendPhases } from '../sendPhases';
import { getCompany, notFound } from './api';
import {
	COMPANY_PROPERTY_LABELS,
	type CompanyLookupHint,
	companyFieldsFromParameters,
	companyFieldsFromStored,
	fieldsWithLookups,
	resolveCompanyLookupsBeforeSending,
} from './body';
import { companyPathLocator, optionalCompanyProperties, requiredCompanyProperties } from './fields';

export const description: INodeProperties[] = [
	companyPathLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...requiredCompanyProperties, ...optionalCompanyProperties].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

interface PreparedCompanyUpdate {
	readonly companyId: string;
	readonly changes: Readonly<ReturnType<typeof companyFieldsFromParameters>>;
	readonly groupEntries?: string[];
}

const operation: PhasedItemOperation<PreparedCompanyUpdate, CompanyLookupHint> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes = companyFieldsFromParameters(this, updateFields, itemIndex);
		const groupEntries = updateFields.companyGroupIds === undefined ? undefined : companyGroupEntries(this, updateFields.companyGroupIds, itemIndex);
		if (groupEntries?.length === 0) {
			// An empty list would take the company out of every group: not something to do by leaving a field blank.
			throw inputError(
				this,
				itemIndex,
				'Company Group Names or IDs is empty',
				'Choose the groups the company should belong to, or remove the field from Update Fields to keep its groups. To take the company out of a group, use Company Group → Remove Companies.',
			);
		}
		if (Object.keys(changes).length === 0 && groupEntries === undefined) {
			throw inputError(this, itemIndex, 'No field to update', 'Add at least one field under Update Fields.');
		}
		return { companyId, changes, groupEntries };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, session, lookups) {
		const changes = fieldsWithLookups(prepared.changes, lookups);
		// Keepnet's PUT replaces the whole company (same required fields as create): read, merge, write back.
		const stored = await getCompany(session, prepared.companyId, itemIndex);
		if (prepared.groupEntries) changes.CompanyGroupResourceIdArray = await resolveCompanyGroupIds(this, session, prepared.groupEntries, itemIndex);
		const fields = { ...companyFieldsFromStored(stored), ...changes };
		refuseStoredValuesOverUpdateLimits(this, 'company', fields, new Set(Object.keys(changes)), {
			itemIndex,
			record: `company "${prepared.companyId}"`,
			labels: COMPANY_PROPERTY_LABELS,
		});
		const multipart = buildMultipartBody(fields);
		await session.request({
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

export const handler = withSendPhases(operation, {
	// The lookup names of every item become IDs once, before the first company is written (body.ts).
	async beforeSending(prepared, session) {
		return { settled: new Map(), hints: await resolveCompanyLookupsBeforeSending(this, session, prepared, (item) => item.changes) };
	},
});
