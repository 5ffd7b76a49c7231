import type { IDataObject } from 'n8n-workflow';

/** The listed fields of a record, for Simplify: the ones that are set, in the listed order. */
export function pick(source: IDataObject, keys: readonly string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) {
		if (source[key] !== undefined) result[key] = source[key];
	}
	return result;
}

/** Drops undefined values, so an output item only carries what is known. */
export function compact<T extends IDataObject>(object: T): T {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (value !== undefined) result[key] = value;
	}
	return result as T;
}
