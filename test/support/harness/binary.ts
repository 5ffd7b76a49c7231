/**
 * Binary data in and out of the harness, through n8n-core's own binary helpers and `BinaryDataService`
 * (configured in `default` mode: the bytes travel base64-encoded inside the item, as on an n8n instance
 * with N8N_DEFAULT_BINARY_DATA_MODE=default).
 */
import { getBinaryDataBuffer, prepareBinaryData } from 'n8n-core';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { newExecutionId } from './execution-setup';
import { ensureN8nRuntime } from './runtime';

/** Reads the bytes of `item.binary[property]` the way a node's `helpers.getBinaryDataBuffer` does. */
export async function binaryBuffer(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	await ensureN8nRuntime();
	if (item.binary?.[property] === undefined) {
		const present = Object.keys(item.binary ?? {}).join(', ') || 'none';
		throw new UserError(`The item has no binary property "${property}" (binary properties: ${present})`);
	}
	return await getBinaryDataBuffer({ main: [[item]] }, 0, property, 0);
}

export interface BinaryItemOptions {
	fileName: string;
	mimeType?: string;
	/** Binary property name; default 'data', n8n's usual name. */
	property?: string;
	json?: IDataObject;
}

/** An input item carrying a file, as a previous node (e.g. "Read/Write Files from Disk") would emit it. */
export async function binaryItem(content: Buffer | string, options: BinaryItemOptions): Promise<INodeExecutionData> {
	await ensureN8nRuntime();
	const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
	const binaryData = await prepareBinaryData(bytes, newExecutionId(), 'harness-workflow', undefined, options.mimeType);
	binaryData.fileName = options.fileName;
	return { json: options.json ?? {}, binary: { [options.property ?? 'data']: binaryData } };
}
