/**
 * The "…/search" contract (docs/keepnet-api.md#search-bodies-and-paging, docs/keepnet-api.md#filter-format): request validation, the recursive Filter (free text + groups of
 * FilterItems), case-insensitive orderBy, stable sorting and 1-based paging.
 */
import { getField, inputError, internalServerError, isJsonObject, JsonReader, notFound, type JsonObject } from './http';

export type FieldKind = 'string' | 'number' | 'date' | 'boolean';
export type FieldValue = string | number | boolean | null | undefined;

export interface FieldSpec<T> {
	kind: FieldKind;
	get(row: T): FieldValue;
	/** Lower-cased filter value → lower-cased row value it stands for (e.g. Status "1" → "active"). */
	valueAliases?: Record<string, string>;
	/** Sort by this number instead of the value (enum order, e.g. priority). */
	sortRank?(row: T): number;
	sortable?: boolean;
	filterable?: boolean;
	/** A field holding several values (e.g. a company's license modules): Include/Exclude match any of them. */
	values?(row: T): string[];
}

export interface SearchSchema<T> {
	/** Lower-cased field name → spec. Aliases are extra keys pointing to the same spec. */
	fields: Record<string, FieldSpec<T>>;
	/** Used when orderBy is "" (the UI sends that). */
	defaultSortField: string;
	/** Values searched by filter.searchInputTextValue (case-insensitive "contains"). */
	freeText(row: T): Array<string | null>;
	/** Insertion order: the tie-breaker of every sort. */
	seq(row: T): number;
}

export interface SearchRequest {
	pageNumber: number;
	pageSize: number;
	/** Lower-cased field name actually used to sort. */
	sortField: string;
	ascending: boolean;
	filter: JsonObject | null;
}

export interface PagedResults<R> {
	pageNumber: number;
	pageSize: number;
	totalNumberOfPages: number;
	totalNumberOfRecords: number;
	results: R[];
}

export type RowPredicate<T> = (row: T) => boolean;

/**
 * Reads pageNumber / pageSize / orderBy / ascending / filter. Errors: missing orderBy → 400; pageNumber or
 * pageSize < 1 → 400; filter null or absent → 500 INTERNAL_SERVER_ERROR when filterRequired (the platform
 * dereferences it; the DOCS warn about exactly this).
 */
export function readSearchRequest<T>(reader: JsonReader, schema: SearchSchema<T>, options: { filterRequired: boolean }): SearchRequest {
	const pageNumber = reader.int('pageNumber');
	const pageSize = reader.int('pageSize');
	if (pageNumber === null || pageNumber < 1) {
		if (!reader.errors.some((message) => message.includes('$.pageNumber'))) reader.error("'Page Number' must be greater than '0'.");
	}
	if (pageSize === null || pageSize < 1) {
		if (!reader.errors.some((message) => message.includes('$.pageSize'))) reader.error("'Page Size' must be greater than '0'.");
	}
	const orderByValue = reader.raw('orderBy');
	let sortField = schema.defaultSortField;
	if (orderByValue === undefined || orderByValue === null) {
		reader.error('The OrderBy field is required.');
	} else if (typeof orderByValue !== 'string') {
		reader.error('The JSON value could not be converted to System.String. Path: $.orderBy');
	} else if (orderByValue.trim() !== '') {
		const spec = schema.fields[orderByValue.trim().toLowerCase()];
		if (!spec || spec.sortable === false) reader.error(`'${orderByValue}' is not a valid OrderBy field.`);
		else sortField = orderByValue.trim().toLowerCase();
	}
	const ascending = reader.bool('ascending') ?? false;
	const filterValue = reader.raw('filter');
	let filter: JsonObject | null = null;
	if (filterValue !== undefined && filterValue !== null) {
		if (!isJsonObject(filterValue)) reader.error('The JSON value could not be converted to KeepnetLabs.Common.Core.Models.Filter. Path: $.filter');
		else filter = filterValue;
	}
	reader.throwIfErrors();
	if (filter === null && options.filterRequired) {
		throw internalServerError('Object reference not set to an instance of an object.');
	}
	return { pageNumber: pageNumber as number, pageSize: pageSize as number, sortField, ascending, filter };
}

function normalizeRowValue(value: FieldValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value.toLowerCase();
	return String(value).toLowerCase();
}

function toMillis(value: FieldValue): number | null {
	if (value === null || value === undefined || value === '') return null;
	const ms = typeof value === 'number' ? value : Date.parse(String(value));
	return Number.isNaN(ms) ? null : ms;
}

function compileItem<T>(item: unknown, schema: SearchSchema<T>, path: string): RowPredicate<T> {
	if (!isJsonObject(item)) throw inputError([`The JSON value could not be converted to FilterItem. Path: ${path}`]);
	const fieldName = getField(item, 'fieldName');
	const operatorValue = getField(item, 'operator');
	const rawValue = getField(item, 'value');
	if (typeof fieldName !== 'string' || fieldName.trim() === '') throw inputError([`'Field Name' must not be empty. Path: ${path}.fieldName`]);
	if (typeof operatorValue !== 'string' || operatorValue.trim() === '') throw inputError([`'Operator' must not be empty. Path: ${path}.operator`]);
	if (rawValue !== undefined && rawValue !== null && typeof rawValue !== 'string') {
		throw inputError([`The JSON value could not be converted to System.String. Path: ${path}.value`]);
	}
	const spec = schema.fields[fieldName.trim().toLowerCase()];
	if (!spec || spec.filterable === false) throw inputError([`Filter field '${fieldName}' is not supported.`]);
	const operator = operatorValue.trim().toLowerCase();
	const text = (rawValue ?? '').trim();
	const alias = (value: string): string => {
		const lower = value.toLowerCase();
		return spec.valueAliases?.[lower] ?? lower;
	};
	const wanted = alias(text);
	const rowText = (row: T): string => normalizeRowValue(spec.get(row));

	const compare = (row: T): number | null => {
		const rowValue = spec.get(row);
		if (spec.kind === 'number') {
			const wantedNumber = Number(text);
			if (text === '' || Number.isNaN(wantedNumber)) throw inputError([`The value '${text}' is not a valid number for '${fieldName}'.`]);
			if (rowValue === null || rowValue === undefined) return null;
			return Number(rowValue) - wantedNumber;
		}
		if (spec.kind === 'date') {
			const wantedMs = toMillis(text);
			if (wantedMs === null) throw inputError([`The value '${text}' is not a valid date for '${fieldName}'.`]);
			const rowMs = toMillis(rowValue);
			return rowMs === null ? null : rowMs - wantedMs;
		}
		const a = rowText(row);
		return a < wanted ? -1 : a > wanted ? 1 : 0;
	};
	// Validate number/date values once up front so that a bad value is a 400 even when no row is scanned.
	if ((spec.kind === 'number' || spec.kind === 'date') && ['>', '<', '>=', '<='].includes(operator)) {
		if (spec.kind === 'number' && (text === '' || Number.isNaN(Number(text)))) throw inputError([`The value '${text}' is not a valid number for '${fieldName}'.`]);
		if (spec.kind === 'date' && toMillis(text) === null) throw inputError([`The value '${text}' is not a valid date for '${fieldName}'.`]);
	}

	const equals = (row: T): boolean => {
		if (spec.kind === 'date') {
			const rowValue = spec.get(row);
			if (rowValue === null || rowValue === undefined) return text === '';
			// A date without a time part matches the whole day.
			if (!text.includes('T')) return String(rowValue).slice(0, 10) === text.slice(0, 10);
			return toMillis(rowValue) === toMillis(text);
		}
		if (spec.kind === 'number') return text !== '' && Number(spec.get(row)) === Number(text);
		return rowText(row) === wanted;
	};

	switch (operator) {
		case 'contains':
			return spec.kind === 'boolean' ? equals : (row) => rowText(row).includes(wanted);
		case 'notcontains':
		case 'doesnotcontain':
			return (row) => !rowText(row).includes(wanted);
		case 'startswith':
			return (row) => rowText(row).startsWith(wanted);
		case 'endswith':
			return (row) => rowText(row).endsWith(wanted);
		case 'include':
		case 'in':
		case 'exclude':
		case 'notin': {
			const set = new Set(
				text
					.split(',')
					.map((part) => part.trim())
					.filter((part) => part !== '')
					.map(alias),
			);
			const negate = operator === 'exclude' || operator === 'notin';
			const many = spec.values;
			if (many) return (row) => many(row).some((value) => set.has(alias(value))) !== negate;
			return (row) => set.has(rowText(row)) !== negate;
		}
		case '=':
		case '==':
		case 'equals':
		case 'equal':
		case 'eq':
			return equals;
		case '!=':
		case '<>':
		case 'notequals':
		case 'notequal':
		case 'ne':
			return (row) => !equals(row);
		case '>':
			return (row) => (compare(row) ?? -Infinity) > 0;
		case '<':
			return (row) => (compare(row) ?? Infinity) < 0;
		case '>=':
			return (row) => (compare(row) ?? -Infinity) >= 0;
		case '<=':
			return (row) => (compare(row) ?? Infinity) <= 0;
		default:
			throw inputError([`Filter operator '${operatorValue}' is not supported.`]);
	}
}

function combine<T>(condition: unknown, parts: Array<RowPredicate<T>>, path: string): RowPredicate<T> | null {
	if (parts.length === 0) return null;
	let useOr = false;
	if (condition !== undefined && condition !== null) {
		if (typeof condition !== 'string' || !['and', 'or'].includes(condition.trim().toLowerCase())) {
			throw inputError([`'Condition' must be AND or OR. Path: ${path}.condition`]);
		}
		useOr = condition.trim().toLowerCase() === 'or';
	}
	if (parts.length === 1) return parts[0];
	return useOr ? (row) => parts.some((part) => part(row)) : (row) => parts.every((part) => part(row));
}

function compileGroup<T>(group: unknown, schema: SearchSchema<T>, path: string): RowPredicate<T> | null {
	if (!isJsonObject(group)) throw inputError([`The JSON value could not be converted to FilterGroup. Path: ${path}`]);
	const parts: Array<RowPredicate<T>> = [];
	const items = getField(group, 'filterItems');
	if (items !== undefined && items !== null) {
		if (!Array.isArray(items)) throw inputError([`The JSON value could not be converted to a FilterItem list. Path: ${path}.filterItems`]);
		items.forEach((item, index) => parts.push(compileItem(item, schema, `${path}.filterItems[${index}]`)));
	}
	const groups = getField(group, 'filterGroups');
	if (groups !== undefined && groups !== null) {
		if (!Array.isArray(groups)) throw inputError([`The JSON value could not be converted to a FilterGroup list. Path: ${path}.filterGroups`]);
		groups.forEach((child, index) => {
			const predicate = compileGroup(child, schema, `${path}.filterGroups[${index}]`);
			if (predicate) parts.push(predicate);
		});
	}
	return combine(getField(group, 'condition'), parts, path);
}

/**
 * Compiles a Filter into a row predicate (null = no constraint). Empty groups are ignored; free text is
 * AND-ed with the groups, which are joined by the filter's own condition.
 */
export function compileFilter<T>(filter: JsonObject | null, schema: SearchSchema<T>): RowPredicate<T> | null {
	if (!filter) return null;
	const groupsValue = getField(filter, 'filterGroups');
	const groupPredicates: Array<RowPredicate<T>> = [];
	if (groupsValue !== undefined && groupsValue !== null) {
		if (!Array.isArray(groupsValue)) throw inputError(['The JSON value could not be converted to a FilterGroup list. Path: $.filter.filterGroups']);
		groupsValue.forEach((group, index) => {
			const predicate = compileGroup(group, schema, `$.filter.filterGroups[${index}]`);
			if (predicate) groupPredicates.push(predicate);
		});
	}
	const groupsPredicate = combine(getField(filter, 'condition'), groupPredicates, '$.filter');
	const textValue = getField(filter, 'searchInputTextValue');
	if (textValue !== undefined && textValue !== null && typeof textValue !== 'string') {
		throw inputError(['The JSON value could not be converted to System.String. Path: $.filter.searchInputTextValue']);
	}
	const text = (textValue ?? '').trim().toLowerCase();
	const textPredicate: RowPredicate<T> | null =
		text === '' ? null : (row) => schema.freeText(row).some((value) => value !== null && value.toLowerCase().includes(text));
	if (groupsPredicate && textPredicate) return (row) => textPredicate(row) && groupsPredicate(row);
	return groupsPredicate ?? textPredicate;
}

/** A sorted copy (stable: ties keep insertion order, reversed together with the direction). */
export function sortRows<T>(rows: T[], schema: SearchSchema<T>, sortField: string, ascending: boolean): T[] {
	const spec = schema.fields[sortField];
	const direction = ascending ? 1 : -1;
	const keyed = rows.map((row) => {
		let key: number | string;
		if (spec.sortRank) key = spec.sortRank(row);
		else {
			const value = spec.get(row);
			if (spec.kind === 'number') key = value === null || value === undefined ? -Infinity : Number(value);
			else if (spec.kind === 'date') key = toMillis(value) ?? -Infinity;
			else if (spec.kind === 'boolean') key = value ? 1 : 0;
			else key = normalizeRowValue(value);
		}
		return { key, seq: schema.seq(row), row };
	});
	keyed.sort((a, b) => {
		if (a.key < b.key) return -direction;
		if (a.key > b.key) return direction;
		return (a.seq - b.seq) * direction;
	});
	return keyed.map((entry) => entry.row);
}

export function filterRows<T>(rows: T[], predicate: RowPredicate<T> | null): T[] {
	return predicate ? rows.filter(predicate) : rows;
}

export function pageOf<T, R>(rows: T[], pageNumber: number, pageSize: number, toResult: (row: T) => R): PagedResults<R> {
	const start = (pageNumber - 1) * pageSize;
	return {
		pageNumber,
		pageSize,
		totalNumberOfPages: Math.ceil(rows.length / pageSize),
		totalNumberOfRecords: rows.length,
		results: rows.slice(start, start + pageSize).map(toResult),
	};
}

/** Filter → sort → page in one go, for small collections (companies, groups, system users, roles). */
export function searchCollection<T, R>(rows: T[], schema: SearchSchema<T>, request: SearchRequest, toResult: (row: T) => R, extra?: RowPredicate<T>): PagedResults<R> {
	const predicate = compileFilter(request.filter, schema);
	const filtered = rows.filter((row) => (!extra || extra(row)) && (!predicate || predicate(row)));
	return pageOf(sortRows(filtered, schema, request.sortField, request.ascending), request.pageNumber, request.pageSize, toResult);
}

/** Build a schema field table where each entry is also reachable by its alias names. */
export function fieldTable<T>(entries: Array<[names: string[], spec: FieldSpec<T>]>): Record<string, FieldSpec<T>> {
	const table: Record<string, FieldSpec<T>> = {};
	for (const [names, spec] of entries) for (const name of names) table[name.toLowerCase()] = spec;
	return table;
}


/**
 * The rows a bulk request (TargetUserDeleteRequest shape) selects: the listed `items` (404 for an unknown one),
 * or with `selectAll` every row matching `filter` except `excludedItems`.
 */
export function selectBulkRows<T>(body: JsonObject, rowsById: Map<string, T>, schema: SearchSchema<T>, idOf: (row: T) => string, notFoundMessage: (id: string) => string): T[] {
	const reader = new JsonReader(body);
	const items = reader.stringArray('items') ?? [];
	const selectAll = reader.bool('selectAll') ?? false;
	const excluded = new Set(reader.stringArray('excludedItems') ?? []);
	const filter = reader.object('filter');
	reader.throwIfErrors();
	if (selectAll) {
		const predicate = compileFilter(filter, schema);
		return Array.from(rowsById.values()).filter((row) => !excluded.has(idOf(row)) && (!predicate || predicate(row)));
	}
	return items.map((id) => {
		const row = rowsById.get(id);
		if (row === undefined) throw notFound(notFoundMessage(id));
		return row;
	});
}
