import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { binaryPropertyNameProperty, EXPORT_FORMATS, type ExportFormat, fileFormatProperty, LIST_FORMATS, readExportFormat, safeFileName } from '../../helpers/exportFile';
import { companyLocator, filtersCollection, optionsCollection, searchTextFilter } from '../../helpers/descriptions';
import { readBinaryPropertyName, readCompanyId } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { enrollmentStatusFilterItems, readEnrollmentType } from './body';
import { enrollmentStatusFilter, enrollmentTypeFilter } from './fields';

export const description: INodeProperties[] = [
	companyLocator(),
	fileFormatProperty(LIST_FORMATS),
	binaryPropertyNameProperty(),
	filtersCollection([searchTextFilter('e.g. onboarding', 'Only enrollments whose name or training name contains this text'), enrollmentStatusFilter, enrollmentTypeFilter]),
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. enrollments',
			description: 'Name of the file without extension. Defaults to "Training Enrollments" and the company ID.',
		},
	]),
];

interface Prepared {
	companyId: string;
	format: ExportFormat;
	binaryPropertyName: string;
	fileName: string;
	body: IDataObject;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	acrossCompanies: true,
	concurrent: false,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const format = readExportFormat(this, itemIndex, LIST_FORMATS);
		const binaryPropertyName = readBinaryPropertyName(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 256 }) ?? '';
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const chosen = optionalString(this, options.fileName, 'Options → File Name', itemIndex, { max: 200 });
		const exportFormat = EXPORT_FORMATS[format];
		return {
			companyId,
			format,
			binaryPropertyName,
			fileName: `${chosen === undefined ? `Training Enrollments ${companyId}` : safeFileName(chosen)}.${exportFormat.extension}`,
			// The enrollment search body plus reportAllPages and exportType (docs/keepnet-api.md#enrollment-search-and-statuses).
			body: {
				filter: buildFilter(enrollmentStatusFilterItems(filters.status), searchText, ['Name', 'TrainingName']),
				pageNumber: 1,
				pageSize: 10,
				orderBy: 'CreateTime',
				ascending: false,
				enrollmentType: readEnrollmentType(this, filters.type, itemIndex),
				reportAllPages: true,
				exportType: exportFormat.exportType,
			},
		};
	},
	async run(prepared, itemIndex, session) {
		const file = await session.binary({
			method: 'POST',
			path: '/api/enrollments/search/export',
			body: prepared.body,
			companyId: prepared.companyId,
			// DOCS want x-ir-company-id beside X-KEEPNET-Company-Id on the enrollment list (docs/keepnet-api.md#company-scope-headers).
			headers: { 'x-ir-company-id': prepared.companyId },
			retry: 'safe',
			itemIndex,
		});
		const binary = await this.helpers.prepareBinaryData(file.body, prepared.fileName, EXPORT_FORMATS[prepared.format].mimeType);
		return [{ json: { companyId: prepared.companyId, fileName: prepared.fileName, fileFormat: prepared.format, fileSize: file.body.length }, binary: { [prepared.binaryPropertyName]: binary } }];
	},
};
