import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { binaryPropertyNameProperty, EXPORT_FORMATS, type ExportFormat, fileFormatProperty, LIST_FORMATS, readExportFormat, safeFileName } from '../../helpers/exportFile';
import { companyLocator, optionsCollection } from '../../helpers/descriptions';
import { readBinaryPropertyName, readCompanyId } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { periodFields, readPeriod } from './api';

export const description: INodeProperties[] = [
	companyLocator(),
	...periodFields(),
	fileFormatProperty(LIST_FORMATS),
	binaryPropertyNameProperty(),
	optionsCollection([
		{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', placeholder: 'e.g. leaderboard', description: 'Name of the file without extension. Defaults to "Leaderboard" and the company ID.' },
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
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const chosen = optionalString(this, options.fileName, 'Options → File Name', itemIndex, { max: 200 });
		const exportFormat = EXPORT_FORMATS[format];
		return {
			companyId,
			format,
			binaryPropertyName: readBinaryPropertyName(this, itemIndex),
			fileName: `${chosen === undefined ? `Leaderboard ${companyId}` : safeFileName(chosen)}.${exportFormat.extension}`,
			body: {
				...readPeriod(this, itemIndex),
				filter: buildFilter(),
				pagination: { pageNumber: 1, pageSize: 10, orderBy: 'rank', ascending: true },
				reportAllPages: true,
				exportType: exportFormat.exportType,
			},
		};
	},
	async run(prepared, itemIndex, session) {
		const file = await session.binary({ method: 'POST', path: '/api/leaderboard/get-all/export', body: prepared.body, companyId: prepared.companyId, retry: 'safe', itemIndex });
		const binary = await this.helpers.prepareBinaryData(file.body, prepared.fileName, EXPORT_FORMATS[prepared.format].mimeType);
		return [{ json: { companyId: prepared.companyId, fileName: prepared.fileName, fileFormat: prepared.format, fileSize: file.body.length }, binary: { [prepared.binaryPropertyName]: binary } }];
	},
};
