import type { IDataObject } from 'n8n-workflow';

/** The listed fields of a record, for Simplify: the ones that are set, in the listed order. */
export function pick(source: IDataObject, keys: readonly string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) {
		if (source[key] !== undefined) result[key] = source[key];
	}
	return result;
}
