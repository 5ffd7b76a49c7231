import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { binaryPropertyNameProperty, EXPORT_FORMATS, type ExportFormat, fileFormatProperty, LIST_FORMATS, readExportFormat, safeFileName } from '../../helpers/exportFile';
import { companyLocator, optionsCollection, recordLocator } from '../../helpers/descriptions';
import { readBinaryPropertyName, readCompanyId, readRecordId } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { periodFields, readPeriod } from './api';

export const description: INodeProperties[] = [
	companyLocator(),
	recordLocator({ name: 'targetUserId', displayName: 'Target User', searchListMethod: 'searchTargetUsers', description: 'The person, searchable by name or email' }),
	...periodFields(),
	fileFormatProperty(LIST_FORMATS),
	binaryPropertyNameProperty(),
	optionsCollection([
		{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', placeholder: 'e.g. timeline', description: 'Name of the file without extension. Defaults to "Timeline" and the target user ID.' },
		{ displayName: 'Only Failed Events', name: 'onlyFailed', type: 'boolean', default: false, description: 'Whether to export only the simulations the user failed' },
	]),
];

interface Prepared {
	companyId: string;
	targetUserId: string;
	format: ExportFormat;
	binaryPropertyName: string;
	fileName: string;
	body: IDataObject;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const targetUserId = readRecordId(this, 'targetUserId', 'Target User', itemIndex);
		const format = readExportFormat(this, itemIndex, LIST_FORMATS);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const chosen = optionalString(this, options.fileName, 'Options → File Name', itemIndex, { max: 200 });
		const exportFormat = EXPORT_FORMATS[format];
		return {
			companyId,
			targetUserId,
			format,
			binaryPropertyName: readBinaryPropertyName(this, itemIndex),
			fileName: `${chosen === undefined ? `Timeline ${targetUserId}` : safeFileName(chosen)}.${exportFormat.extension}`,
			// The timeline body (as Get User Timeline sends it) plus exportType and reportAllPages.
			body: {
				targetUserResourceId: targetUserId,
				actionTypes: [],
				difficultyTypes: [],
				products: [],
				...readPeriod(this, itemIndex),
				showOnlyFailedEvents: options.onlyFailed === true,
				pagination: { pageNumber: 1, pageSize: 10, orderBy: 'ActionTime', ascending: false },
				reportAllPages: true,
				exportType: exportFormat.exportType,
			},
		};
	},
	identifyBy: ['targetUserId'],
	async run(prepared, itemIndex, session) {
		const file = await session.binary({ method: 'POST', path: '/api/leaderboard/get-user-timeline/export', body: prepared.body, companyId: prepared.companyId, retry: 'safe', itemIndex });
		const binary = await this.helpers.prepareBinaryData(file.body, prepared.fileName, EXPORT_FORMATS[prepared.format].mimeType);
		return [{ json: { companyId: prepared.companyId, targetUserResourceId: prepared.targetUserId, fileName: prepared.fileName, fileFormat: prepared.format, fileSize: file.body.length }, binary: { [prepared.binaryPropertyName]: binary } }];
	},
};
