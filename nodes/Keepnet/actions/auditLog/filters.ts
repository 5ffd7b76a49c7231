import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { searchTextFilter } from '../../helpers/descriptions';
import { inputError, optionalString, requireKeepnetId } from '../../helpers/validation';
import { buildFilter, type FilterItem } from '../../transport/search';

/** Audit-log filters (docs/keepnet-api.md#audit-logs fields) shared by Get Many and Export. */

/** Keepnet's operation values, as its console filters them (`Include` of the numbers). */
export const AUDIT_OPERATIONS = ['Create', 'Update', 'Delete', 'CreateMany', 'UpdateMany', 'DeleteMany'] as const;

export const auditLogFilterOptions: INodeProperties[] = [
	{ displayName: 'Entity', name: 'entityName', type: 'string', default: '', placeholder: 'e.g. TargetUser', description: 'Only entries about entities whose type name contains this text' },
	{ displayName: 'Entity ID', name: 'entityResourceId', type: 'string', default: '', placeholder: 'e.g. Ab12Cd34Ef56', description: 'Only entries about this record' },
	{
		displayName: 'Operations',
		name: 'operations',
		type: 'multiOptions',
		default: [],
		options: AUDIT_OPERATIONS.map((name, index) => ({ name: name.replace(/([a-z])([A-Z])/g, '$1 $2'), value: String(index) })),
		description: 'Only entries of these operations',
	},
	searchTextFilter('e.g. password', 'Free text matched against user, entity and description'),
	{ displayName: 'User', name: 'userName', type: 'string', default: '', placeholder: 'e.g. admin@example.com', description: 'Only entries by users whose name contains this text' },
];

export const auditLogDateOptions: INodeProperties[] = [
	{ displayName: 'Logged After', name: 'loggedAfter', type: 'dateTime', default: '', description: 'Only entries logged at or after this time' },
	{ displayName: 'Logged Before', name: 'loggedBefore', type: 'dateTime', default: '', description: 'Only entries logged at or before this time' },
];

export interface AuditLogQuery {
	filter: IDataObject;
	fromMs: number;
	toMs: number;
}

function readDate(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(ms)) throw inputError(ctx, itemIndex, `Filters → ${field} "${String(value)}" is not a date`, 'Pick a date and time, e.g. 2026-01-31T00:00:00.');
	return ms;
}

/** Reads and checks one item's filters; nothing is sent. */
export function auditLogQuery(ctx: IExecuteFunctions, filters: IDataObject, itemIndex: number): AuditLogQuery {
	const items: FilterItem[] = [];
	const text = (name: string, label: string, fieldName: string, operator: string) => {
		const value = optionalString(ctx, filters[name], `Filters → ${label}`, itemIndex, { max: 200 });
		if (value !== undefined) items.push({ FieldName: fieldName, Operator: operator, Value: value });
	};
	text('userName', 'User', 'UserName', 'Contains');
	text('entityName', 'Entity', 'EntityName', 'Contains');
	if (filters.entityResourceId !== undefined && filters.entityResourceId !== '') {
		items.push({ FieldName: 'EntityResourceId', Operator: '=', Value: requireKeepnetId(ctx, filters.entityResourceId, 'Filters → Entity ID', itemIndex) });
	}
	const operations = Array.isArray(filters.operations) ? filters.operations.map(String) : [];
	for (const operation of operations) {
		if (!/^[0-5]$/.test(operation)) throw inputError(ctx, itemIndex, `Filters → Operations "${operation}" is not an operation Keepnet logs`, `Choose from ${AUDIT_OPERATIONS.join(', ')}.`);
	}
	if (operations.length > 0) items.push({ FieldName: 'Operation', Operator: 'Include', Value: operations.join(',') });
	const searchText = optionalString(ctx, filters.searchText, 'Filters → Search Text', itemIndex, { max: 200 }) ?? '';
	const fromMs = readDate(ctx, filters.loggedAfter, 'Logged After', itemIndex) ?? Number.NEGATIVE_INFINITY;
	const toMs = readDate(ctx, filters.loggedBefore, 'Logged Before', itemIndex) ?? Number.POSITIVE_INFINITY;
	if (fromMs > toMs) throw inputError(ctx, itemIndex, 'Filters → Logged After is later than Logged Before', 'Swap the two dates, or clear one of them.');
	return { filter: buildFilter(items, searchText, []), fromMs, toMs };
}
