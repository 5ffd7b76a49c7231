import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { binaryPropertyNameProperty, EXPORT_FORMATS, type ExportFormat, fileFormatProperty, LIST_AND_PDF_FORMATS, readExportFormat, safeFileName } from '../../helpers/exportFile';
import { companyLocator, optionsCollection, sortOption } from '../../helpers/descriptions';
import { readBinaryPropertyName, readCompanyId, sortFrom } from '../../helpers/parameters';
import { optionalString } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { targetUserFilter, targetUserFilterOptions, targetUserSortFields } from './filters';
import type { KeepnetSession } from '../../transport/session';

interface Prepared {
	companyId: string;
	format: ExportFormat;
	body: IDataObject;
	binaryPropertyName: string;
	/** The name the user chose (sanitised, without extension), or undefined: then "Target Users <company name>". */
	chosenFileName?: string;
	/** The company's name as the picker showed it, when it was picked from the list. */
	pickedCompanyName?: string;
}

/** The company's name for the default file name: the picker's, else Keepnet's; its ID if neither is available. */
async function companyNameForFile(session: KeepnetSession, prepared: Prepared, itemIndex: number): Promise<string> {
	if (prepared.pickedCompanyName) return prepared.pickedCompanyName;
	try {
		const company = await session.request<IDataObject | undefined>({
			method: 'GET',
			path: `/api/companies/${prepared.companyId}`,
			retry: 'safe',
			itemIndex,
		});
		if (typeof company?.name === 'string' && company.name.trim() !== '') return company.name;
	} catch {
		// Only the file name depends on it (a Company Admin credential may not read companies): the ID will do.
	}
	return prepared.companyId;
}

export const description: INodeProperties[] = [
	companyLocator(),
	fileFormatProperty(LIST_AND_PDF_FORMATS),
	binaryPropertyNameProperty(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Leave empty to export the whole list',
		options: targetUserFilterOptions,
	},
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. target-users',
			description: 'Name of the file without extension. Defaults to "Target Users" and the company\'s name, e.g. "Target Users Globex Corporation".',
		},
		sortOption(targetUserSortFields, 'createTime'),
	]),
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	// For all companies each file is named after its customer (unless a File Name was chosen).
	forCompany: (prepared, company) => ({ ...prepared, companyId: company.resourceId, pickedCompanyName: company.name === null ? undefined : safeFileName(company.name) }),
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const format = readExportFormat(this, itemIndex, LIST_AND_PDF_FORMATS);
		const binaryPropertyName = readBinaryPropertyName(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const chosenName = optionalString(this, options.fileName, 'File Name', itemIndex, { max: 200 });
		const sort = sortFrom(options, 'createTime');
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const exportFormat = EXPORT_FORMATS[format];
		const locatorValue = this.getNodeParameter('companyId', itemIndex, {}) as IDataObject;
		const cachedName = typeof locatorValue.cachedResultName === 'string' ? safeFileName(locatorValue.cachedResultName) : '';
		return {
			companyId,
			format,
			binaryPropertyName,
			chosenFileName: chosenName === undefined ? undefined : safeFileName(chosenName),
			pickedCompanyName: locatorValue.mode === 'list' && cachedName !== '' ? cachedName : undefined,
			body: {
				filter: targetUserFilter(this, filters, itemIndex),
				pageNumber: 1,
				pageSize: 10,
				orderBy: sort.orderBy,
				ascending: sort.ascending,
				reportAllPages: true,
				exportType: exportFormat.exportType,
			},
		};
	},
	async run(prepared, itemIndex, session) {
		// The file arrives as bytes and goes straight into n8n's binary storage: no row is parsed into JSON.
		const file = await session.binary({
			method: 'POST',
			path: '/api/target-users/search/export',
			body: prepared.body,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
		});
		const format = EXPORT_FORMATS[prepared.format];
		const baseName = prepared.chosenFileName ?? `Target Users ${safeFileName(await companyNameForFile(session, prepared, itemIndex))}`;
		const fileName = `${baseName}.${format.extension}`;
		const binary = await this.helpers.prepareBinaryData(file.body, fileName, format.mimeType);
		return [
			{
				json: { companyId: prepared.companyId, fileName, fileFormat: prepared.format, fileSize: file.body.length },
				binary: { [prepared.binaryPropertyName]: binary },
			},
		];
	},
};
