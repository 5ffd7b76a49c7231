import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { KEEPNET_ID_REGEX_SOURCE, requireKeepnetId } from '../helpers/validation';

export const DEFAULT_CONCURRENCY = 20;
export const MAX_CONCURRENCY = 50;
/** Largest page Keepnet's own clients ask for; fewer round trips for Return All. */
export const MAX_PAGE_SIZE = 1000;

/** The customer every Target User and System User request acts in (the X-KEEPNET-Company-Id header). */
export function companyLocator(
	displayOptions: INodeProperties['displayOptions'],
	description = 'The customer company to work in: users are read and written in this company, and the lists below (groups, roles, users) show its entries',
): INodeProperties {
	return {
		displayName: 'Company',
		name: 'companyId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a company...',
				typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. xC5kfGz7w2Nz',
				validation: [
					{
						type: 'regex',
						properties: { regex: KEEPNET_ID_REGEX_SOURCE, errorMessage: 'Not a valid Keepnet company ID' },
					},
				],
			},
		],
	};
}

export function recordLocator(options: {
	name: string;
	displayName: string;
	searchListMethod: string;
	description: string;
	displayOptions: INodeProperties['displayOptions'];
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		displayOptions: options.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${options.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. Ab12Cd34Ef56',
				validation: [
					{
						type: 'regex',
						properties: { regex: KEEPNET_ID_REGEX_SOURCE, errorMessage: 'Not a valid Keepnet ID' },
					},
				],
			},
		],
	};
}

export function returnAllAndLimit(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: {
				...displayOptions,
				show: { ...displayOptions?.show, returnAll: [false] },
			},
		},
	];
}

export function simplifyToggle(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions,
	};
}

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many items are sent to Keepnet at the same time. 1 sends them one after another. Results always come back in input order.',
};

export function readCompanyId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('companyId', itemIndex, '', { extractValue: true });
	return requireKeepnetId(ctx, value, 'Company', itemIndex);
}

export function readRecordId(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requireKeepnetId(ctx, value, label, itemIndex);
}

export function readPaging(ctx: IExecuteFunctions, itemIndex: number): { returnAll: boolean; limit: number } {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(Number(ctx.getNodeParameter('limit', itemIndex, 50))));
	return { returnAll, limit };
}

/** Drops undefined values so a request body only carries what the user set. */
export function compact<T extends IDataObject>(object: T): T {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (value !== undefined) result[key] = value;
	}
	return result as T;
}

export function pick(source: IDataObject, keys: readonly string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) {
		if (source[key] !== undefined) result[key] = source[key];
	}
	return result;
}

/** The Sort option of Get Many and Export: a field and a direction. */
export function sortOption(fields: Array<{ name: string; value: string }>, defaultField: string): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		placeholder: 'Add Sort',
		default: {},
		options: [
			{
				displayName: 'Sort',
				name: 'value',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						options: fields,
						default: defaultField,
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
						default: 'desc',
					},
				],
			},
		],
	};
}

/** Keepnet's orderBy/ascending from the Sort option of an Options collection; newest first when unset. */
export function sortFrom(options: IDataObject, defaultField: string): { orderBy: string; ascending: boolean } {
	const sort = ((options.sort as IDataObject | undefined)?.value ?? {}) as IDataObject;
	return {
		orderBy: typeof sort.field === 'string' && sort.field !== '' ? sort.field : defaultField,
		ascending: sort.direction === 'asc',
	};
}

/** The "Options" collection of an operation. */
export function optionsCollection(displayOptions: INodeProperties['displayOptions'], options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options, displayOptions };
}

/** The Status filter of Get Many and Export: active or inactive records. */
export function statusFilterOption(description: string): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Inactive', value: 'inactive' },
		],
		default: 'active',
		description,
	};
}
