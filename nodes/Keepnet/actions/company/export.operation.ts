import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { binaryPropertyNameProperty, EXPORT_FORMATS, type ExportFormat, fileFormatProperty, LIST_AND_PDF_FORMATS, readExportFormat, safeFileName } from '../../helpers/exportFile';
import { optionsCollection, sortOption } from '../../helpers/descriptions';
import { readBinaryPropertyName, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { companySortFields } from './fields';
import { companyListFilterOptions, companyListQuery } from './filters';

interface Prepared {
	format: ExportFormat;
	body: IDataObject;
	binaryPropertyName: string;
	fileName: string;
}

export const description: INodeProperties[] = [
	fileFormatProperty(LIST_AND_PDF_FORMATS),
	binaryPropertyNameProperty(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Leave empty to export every company you manage. Date ranges are on Get Many only (see the README).',
		options: companyListFilterOptions,
	},
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. customers',
			description: 'Name of the file without extension. Defaults to "Companies", with the month when one is chosen (e.g. "Companies 2026-01").',
		},
		sortOption(companySortFields, 'createTime'),
	]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const format = readExportFormat(this, itemIndex, LIST_AND_PDF_FORMATS);
		const binaryPropertyName = readBinaryPropertyName(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const chosenName = optionalString(this, options.fileName, 'File Name', itemIndex, { max: 200 });
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = companyListQuery(this, filters, itemIndex, sortFrom(options, 'createTime'));
		const exportFormat = EXPORT_FORMATS[format];
		return {
			format,
			binaryPropertyName,
			fileName: `${chosenName === undefined ? `Companies${query.month ? ` ${query.month}` : ''}` : safeFileName(chosenName)}.${exportFormat.extension}`,
			// Enriched spec: paging, orderBy, filter and exportType required; reportAllPages asks for every page.
			body: { ...query.body, pageNumber: 1, pageSize: 10, reportAllPages: true, exportType: exportFormat.exportType },
		};
	},
	async run(prepared, itemIndex, session) {
		// Reseller-wide: no company header (docs/all-companies.md). The file goes straight into n8n's binary storage.
		const file = await session.binary({ method: 'POST', path: '/api/companies/search/export', body: prepared.body, retry: 'safe', itemIndex });
		const format = EXPORT_FORMATS[prepared.format];
		const binary = await this.helpers.prepareBinaryData(file.body, prepared.fileName, format.mimeType);
		return [
			{
				json: { fileName: prepared.fileName, fileFormat: prepared.format, fileSize: file.body.length },
				binary: { [prepared.binaryPropertyName]: binary },
			},
		];
	},
};
