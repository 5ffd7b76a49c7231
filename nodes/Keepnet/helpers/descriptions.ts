import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './limits';
import { KEEPNET_ID_REGEX_SOURCE } from './validation';

/**
 * Editor fields many operations share (pickers, paging, Simplify, Options). None says which resource and operation
 * it belongs to: the registry (actions/registry.ts) adds that when it builds the node's properties.
 */

/**
 * The customer every request of a Target User, Target Group, System User, Training Enrollment or Phishing Campaign
 * operation acts in (sent as the X-KEEPNET-Company-Id header). The tooltip says what that means for the user.
 */
export function companyLocator(
	description = 'The customer company to work in: this operation reads and writes records of this company only, and the lists below (groups, users, roles, trainings, scenarios, campaigns) show its entries',
): INodeProperties {
	return {
		displayName: 'Company',
		name: 'companyId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
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
	/** Adds a "By Name" mode, for records whose IDs differ per tenant while their names do not (e.g. catalogue content). */
	byNamePlaceholder?: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
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
			...(options.byNamePlaceholder === undefined ? [] : [{ displayName: 'By Name', name: 'name', type: 'string' as const, placeholder: options.byNamePlaceholder }]),
		],
	};
}

export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export function simplifyToggle(): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
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

/** The "Options" collection of an operation. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/** The "Additional Fields" collection of a create-like operation: its optional fields. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options };
}

/** The "Filters" collection of a search operation (Get Many, Export, reports). */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** The free-text filter of a search: what Keepnet's `searchInputTextValue` is matched against. */
export function searchTextFilter(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Search Text', name: 'searchText', type: 'string', default: '', placeholder, description };
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

/**
 * `options` with `option` put in its alphabetical place by display name (before the first option whose name sorts
 * after it), the order n8n's lint rules ask of a collection's items; `options` are themselves in that order.
 */
export function withOptionInPlace(options: INodeProperties[], option: INodeProperties): INodeProperties[] {
	const at = options.findIndex((existing) => existing.displayName.localeCompare(option.displayName) > 0);
	return at < 0 ? [...options, option] : [...options.slice(0, at), option, ...options.slice(at)];
}
