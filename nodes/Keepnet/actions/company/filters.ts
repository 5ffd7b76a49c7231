import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseKeepnetDate } from '../../helpers/dates';
import { searchTextFilter } from '../../helpers/descriptions';
import { inputError, keepnetIdList, optionalString } from '../../helpers/validation';
import { buildFilter, type FilterItem } from '../../transport/search';

/**
 * The filters of the company list (Get Many, Export, Get Usage Summary), as Keepnet's own console sends them
 * (docs/billing-and-reports.md): lookups as `Include` of comma-joined IDs, the billing month as
 * `MonthlyActiveUser = YYYY-MM`. Date ranges are applied by the node to the dates Keepnet returns, because the date
 * format Keepnet expects inside a filter value is unverified (see the doc).
 */

const idsField = (displayName: string, name: string, method: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: method },
	default: [],
	description: `Only companies with one of these ${what}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
});

/** The billing columns of a company row (docs/billing-and-reports.md#endpoints-per-operation; the last two are read by Keepnet's console, not in its spec). */
export const BILLING_COLUMNS = [
	'targetUserCount',
	'inactiveTargetUserCount',
	'deletedTargetUserCount',
	'monthlyActiveUserCount',
	'numberOfUsers',
	'isNumberOfUsersLimited',
	'monthlyEnrolled',
	'monthlyConsumption',
] as const;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const monthField: INodeProperties = {
	displayName: 'Month',
	name: 'month',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2026-01',
	description:
		'The billing month (YYYY-MM) that Monthly Users (monthlyActiveUserCount) and the training columns count. Empty: Keepnet chooses (the current month, unverified).',
};

/** Filters Get Many, Export and Get Usage Summary share. */
export const companyListFilterOptions: INodeProperties[] = [
	idsField('Industry Names or IDs', 'industryIds', 'getIndustries', 'industries'),
	idsField('License Type Names or IDs', 'licenseTypeIds', 'getLicenseTypes', 'license types'),
	idsField('Module Names or IDs', 'moduleIds', 'getLicenseModules', 'license modules'),
	monthField,
	{
		displayName: 'Only Over License Limit',
		name: 'overLicenseLimit',
		type: 'boolean',
		default: true,
		description: 'Whether to return only companies with more target users than their license allows',
	},
	searchTextFilter('e.g. globex', 'Only companies whose name contains this text'),
];

const dateField = (displayName: string, name: string, description: string): INodeProperties => ({ displayName, name, type: 'dateTime', default: '', description });

/** Get Many's date ranges (applied by the node, see above). */
export const companyDateRangeOptions: INodeProperties[] = [
	dateField('Created After', 'createdAfter', 'Only companies created at or after this time'),
	dateField('Created Before', 'createdBefore', 'Only companies created at or before this time'),
	dateField('License Ends After', 'licenseEndsAfter', 'Only companies whose license ends at or after this time'),
	dateField('License Ends Before', 'licenseEndsBefore', 'Only companies whose license ends at or before this time (expired licenses included)'),
];

export interface DateRange {
	field: 'createTime' | 'licenseEndDate';
	fromMs: number;
	toMs: number;
}

export interface CompanyListQuery {
	/** The body of POST /api/companies/search (and …/export), without paging. */
	body: IDataObject;
	month?: string;
	ranges: DateRange[];
}

function readDate(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(ms)) throw inputError(ctx, itemIndex, `Filters → ${field} "${String(value)}" is not a date`, 'Pick a date and time, e.g. 2026-01-31T00:00:00.');
	return ms;
}

export function readMonth(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string | undefined {
	const month = optionalString(ctx, value, field, itemIndex, { max: 7 });
	if (month === undefined) return undefined;
	if (!MONTH_PATTERN.test(month)) throw inputError(ctx, itemIndex, `${field} "${month}" is not a month`, 'Write the month as YYYY-MM, e.g. 2026-01.');
	return month;
}

/** Reads and checks the filters of one item; nothing is sent. */
export function companyListQuery(ctx: IExecuteFunctions, filters: IDataObject, itemIndex: number, sort: { orderBy: string; ascending: boolean }): CompanyListQuery {
	const items: FilterItem[] = [];
	const include = (fieldName: string, value: unknown, label: string) => {
		const ids = keepnetIdList(ctx, value ?? [], `Filters → ${label}`, itemIndex);
		if (ids.length > 0) items.push({ FieldName: fieldName, Operator: 'Include', Value: ids.join(',') });
	};
	include('IndustryResourceId', filters.industryIds, 'Industry');
	include('LicenseTypeResourceId', filters.licenseTypeIds, 'License Type');
	include('ModuleResourceId', filters.moduleIds, 'Module');
	const month = readMonth(ctx, filters.month, 'Filters → Month', itemIndex);
	if (month !== undefined) items.push({ FieldName: 'MonthlyActiveUser', Operator: '=', Value: month });
	const searchText = optionalString(ctx, filters.searchText, 'Filters → Search Text', itemIndex, { max: 64 }) ?? '';

	const ranges: DateRange[] = [];
	const range = (field: DateRange['field'], from: unknown, to: unknown, label: string) => {
		const fromMs = readDate(ctx, from, `${label} After`, itemIndex);
		const toMs = readDate(ctx, to, `${label} Before`, itemIndex);
		if (fromMs === undefined && toMs === undefined) return;
		if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
			throw inputError(ctx, itemIndex, `Filters → ${label} After is later than ${label} Before`, 'Swap the two dates, or clear one of them.');
		}
		ranges.push({ field, fromMs: fromMs ?? Number.NEGATIVE_INFINITY, toMs: toMs ?? Number.POSITIVE_INFINITY });
	};
	range('createTime', filters.createdAfter, filters.createdBefore, 'Created');
	range('licenseEndDate', filters.licenseEndsAfter, filters.licenseEndsBefore, 'License Ends');

	return {
		body: {
			filter: buildFilter(items, searchText, ['Name']),
			orderBy: sort.orderBy,
			ascending: sort.ascending,
			isClustered: false,
			isTargetUserCountExceededLimit: filters.overLicenseLimit === true,
		},
		month,
		ranges,
	};
}

/** Whether a company row lies in every date range (a row without the date is outside a range on it). */
export function inRanges(row: IDataObject, ranges: DateRange[]): boolean {
	return ranges.every((range) => {
		const ms = parseKeepnetDate(row[range.field]);
		return ms !== undefined && ms >= range.fromMs && ms <= range.toMs;
	});
}
