import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { binaryPropertyNameProperty, safeFileName } from '../../helpers/exportFile';
import { companyLocator, optionsCollection } from '../../helpers/descriptions';
import { readBinaryPropertyName, readCompanyId } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { auditLogFilterOptions, auditLogQuery } from './filters';

interface Prepared {
	companyId: string;
	body: IDataObject;
	binaryPropertyName: string;
	chosenFileName?: string;
	companyName?: string;
}

export const description: INodeProperties[] = [
	companyLocator('The customer company whose audit log to export (sent as the scope header)'),
	binaryPropertyNameProperty(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Leave empty to export the whole log. For a date range use Get Many and Convert to File (see the README).',
		options: auditLogFilterOptions,
	},
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. audit-log',
			description: 'Name of the file without extension. Defaults to "Audit Log", with the company\'s name when all companies are exported.',
		},
	]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	forCompany: (prepared, company) => ({ ...prepared, companyId: company.resourceId, companyName: company.name ?? company.resourceId }),
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const binaryPropertyName = readBinaryPropertyName(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const chosenName = optionalString(this, options.fileName, 'File Name', itemIndex, { max: 200 });
		const query = auditLogQuery(this, this.getNodeParameter('filters', itemIndex, {}) as IDataObject, itemIndex);
		return {
			companyId,
			binaryPropertyName,
			chosenFileName: chosenName === undefined ? undefined : safeFileName(chosenName),
			// ExportRequest; Keepnet's console offers CSV only for the audit log (docs/keepnet-api.md#audit-logs).
			body: { filter: query.filter, pageNumber: 1, pageSize: 10, orderBy: 'LogDate', ascending: false, reportAllPages: true, exportType: 'CSV' },
		};
	},
	async run(prepared, itemIndex, session) {
		const file = await session.binary({
			method: 'POST',
			path: '/api/audit-logs/search/export',
			body: prepared.body,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
		});
		const base = prepared.chosenFileName ?? (prepared.companyName === undefined ? 'Audit Log' : `Audit Log ${safeFileName(prepared.companyName)}`);
		const fileName = `${base}.csv`;
		const binary = await this.helpers.prepareBinaryData(file.body, fileName, 'text/csv');
		return [{ json: { companyId: prepared.companyId, fileName, fileSize: file.body.length }, binary: { [prepared.binaryPropertyName]: binary } }];
	},
};
