import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from './validation';

/**
 * Keepnet's export endpoints take the file type as its web console sends it (`exportType`), and each answers the file
 * itself (docs/keepnet-api.md#report-files). One table for every Export operation of the node, and the editor fields
 * they all show, so that a new export is its endpoint and body only.
 */
export const EXPORT_FORMATS = {
	csv: { name: 'CSV', exportType: 'CSV', extension: 'csv', mimeType: 'text/csv' },
	excel: { name: 'Excel (XLSX)', exportType: 'Excel', extension: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	pdf: { name: 'PDF', exportType: 'PDF', extension: 'pdf', mimeType: 'application/pdf' },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The formats Keepnet's list exports serve; the company and target-user lists add PDF. */
export const LIST_FORMATS: readonly ExportFormat[] = ['csv', 'excel'];
export const LIST_AND_PDF_FORMATS: readonly ExportFormat[] = ['csv', 'excel', 'pdf'];

export function fileFormatProperty(formats: readonly ExportFormat[]): INodeProperties {
	return {
		displayName: 'File Format',
		name: 'fileFormat',
		type: 'options',
		options: formats.map((format) => ({ name: EXPORT_FORMATS[format].name, value: format })),
		default: 'csv',
		description: 'Format of the exported file',
	};
}

export function binaryPropertyNameProperty(): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	};
}

/** The File Format of an item, refused before any request when it is not one of `formats` (e.g. from an expression). */
export function readExportFormat(ctx: IExecuteFunctions, itemIndex: number, formats: readonly ExportFormat[]): ExportFormat {
	const format = ctx.getNodeParameter('fileFormat', itemIndex, 'csv') as string;
	const known = (formats as readonly string[]).includes(format);
	if (!known) {
		const names = formats.map((candidate) => EXPORT_FORMATS[candidate].name);
		const choices = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
		throw inputError(ctx, itemIndex, `File Format "${format}" is not one Keepnet can export`, `Choose ${choices}.`);
	}
	return format as ExportFormat;
}

/** A file name a user typed, without the characters file systems refuse. */
export const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|\r\n]/g, '_').trim();
