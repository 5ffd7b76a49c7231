import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

/**
 * Per-item parameter reads without paying n8n's expression engine where its answer is known beforehand.
 *
 * n8n 2.x evaluates every expression in an isolated VM (about 0.3 ms each, measured with `npm run bench --
 * --profile keepnetCreate`): with six mapped fields that is most of Create's time for 1,000 items. Two cases need no
 * evaluation: a value with no expression in it (a company picked from the list, a mapping mode) is the same for
 * every item, so it is read once per execution; and `{{ $json.field }}`, the mapping the editor writes when a field
 * is dragged in, is the input item's field, read from the item directly when it is a string, number or boolean, or
 * absent (undefined, as n8n gives it). Everything else (other expressions, fields set to undefined, null, objects, lists) goes through
 * getNodeParameter, so what the checks in validation.ts see is exactly what n8n's evaluation gives
 * (test/helpers/parameterFastPath.test.ts runs every case both ways). The values read once are kept in the run's
 * session (KeepnetSession.parameter passes its cache as `fixed`).
 */
/** `={{ $json.a }}`, `={{ $json.a.b }}`, `={{ $json["a b"] }}`: the path, else undefined. */
const JSON_PATH_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])+)\s*\}\}$/;
const PATH_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;
/** Names n8n's expression sandbox treats specially: left to n8n. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function inputFieldPath(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = JSON_PATH_EXPRESSION.exec(raw);
	if (!match) return undefined;
	const path = Array.from(match[1].matchAll(PATH_SEGMENT), (segment) => segment[1] ?? segment[2] ?? segment[3] ?? '');
	return path.some((key) => RESERVED_KEYS.has(key)) ? undefined : path;
}

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(containsExpression);
	return false;
}

/** What reading `path` from the item gives: a primitive, the field's absence, or nothing known (n8n evaluates it). */
type DirectRead = { value: string | number | boolean | undefined } | undefined;

/**
 * The value at `path` in the item's json, or undefined when n8n should resolve it (undefined, null, object, list).
 * A field absent from an object whose parents all exist is what n8n's evaluation gives as undefined too (a column
 * left blank in half the rows is the common case); a name that objects inherit (toString…) is left to n8n.
 */
function readAt(ctx: IExecuteFunctions, itemIndex: number, path: string[]): DirectRead {
	let value: unknown = ctx.getInputData()[itemIndex]?.json;
	for (const [depth, key] of path.entries()) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		if (!Object.prototype.hasOwnProperty.call(value, key)) {
			return depth === path.length - 1 && !(key in Object.prototype) ? { value: undefined } : undefined;
		}
		value = (value as IDataObject)[key];
	}
	return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' ? { value } : undefined;
}

function rawParameter(ctx: IExecuteFunctions, name: string): unknown {
	let value: unknown = ctx.getNode().parameters;
	for (const key of name.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** What `ctx.getNodeParameter(name, itemIndex, fallback, options)` returns, without evaluating where the answer is known. */
export function readItemParameter(
	ctx: IExecuteFunctions,
	fixed: Map<string, unknown>,
	name: string,
	itemIndex: number,
	fallback: unknown,
	options?: { extractValue?: boolean },
): NodeParameterValueType | object {
	const raw = rawParameter(ctx, name);
	const path = options?.extractValue ? undefined : inputFieldPath(raw);
	if (path) {
		const direct = readAt(ctx, itemIndex, path);
		if (direct) return direct.value as NodeParameterValueType;
	}
	if (containsExpression(raw)) return ctx.getNodeParameter(name, itemIndex, fallback, options);
	const key = `${name}\u0000${options?.extractValue === true ? 'extract' : 'raw'}\u0000${JSON.stringify(fallback) ?? 'undefined'}`;
	// Only a value n8n gave is kept: a refusal is raised again, naming each item it concerns.
	if (!fixed.has(key)) fixed.set(key, ctx.getNodeParameter(name, itemIndex, fallback, options));
	const value = fixed.get(key);
	// Callers may change what they get (e.g. a collection they add fields to): each gets its own copy.
	return typeof value === 'object' && value !== null ? structuredClone(value) : (value as NodeParameterValueType);
}

/** A collection parameter (e.g. Additional Fields) for one item, each of its fields read as getItemParameter does. */
export function readItemCollection(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const raw = rawParameter(ctx, name);
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ctx.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const collection: IDataObject = {};
	for (const [field, value] of Object.entries(raw as IDataObject)) {
		const path = inputFieldPath(value);
		const direct = path ? readAt(ctx, itemIndex, path) : undefined;
		if (direct) collection[field] = direct.value;
		else if (containsExpression(value)) collection[field] = ctx.getNodeParameter(`${name}.${field}`, itemIndex, undefined) as IDataObject[string];
		else collection[field] = (typeof value === 'object' && value !== null ? structuredClone(value) : value) as IDataObject[string];
	}
	return collection;
}
