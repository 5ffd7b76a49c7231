import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readCompanyId, readRecordId } from '../../helpers/parameters';
import { inputError } from '../../helpers/validation';
import type { FilterItem } from '../../transport/search';
import { ENROLLMENT_TYPES } from './fields';
import type { KeepnetSession } from '../../transport/session';

/** Checks and conversions of the Training Enrollment parameters, before any request. */

export interface EnrollmentTarget {
	companyId: string;
	enrollmentId: string;
}

/** The company and enrollment of an operation that acts on one enrollment. Enrollment IDs are GUIDs (docs/keepnet-api.md#identifiers). */
export function readEnrollmentTarget(ctx: IExecuteFunctions, session: KeepnetSession, itemIndex: number): EnrollmentTarget {
	return { companyId: readCompanyId(session, itemIndex), enrollmentId: readRecordId(ctx, 'enrollmentId', 'Enrollment', itemIndex) };
}

/**
 * A date parameter as ISO 8601 UTC, the form DOCS send in `enrollmentScheduler` (docs/keepnet-api.md#dates-in-requests), or
 * undefined when empty. n8n's date picker gives ISO text; expressions may give a Date or a Luxon DateTime.
 */
export function optionalDate(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : String(value);
	const time = Date.parse(text);
	if (text === '' || Number.isNaN(time)) {
		throw inputError(ctx, itemIndex, `${field} "${text.slice(0, 40)}" is not a date`, `Set ${field} to a date and time such as 2026-04-01T09:00:00Z.`);
	}
	return new Date(time).toISOString();
}

export function requiredDate(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number, why: string): string {
	const date = optionalDate(ctx, value, field, itemIndex);
	if (date === undefined) throw inputError(ctx, itemIndex, `${field} is required ${why}`, `Set ${field}, e.g. 2026-04-01T09:00:00Z.`);
	return date;
}

/** A whole number within bounds, or undefined when empty. */
export function optionalWholeNumber(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number, min: number, max: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < min || number > max) {
		throw inputError(ctx, itemIndex, `${field} must be a whole number from ${min} to ${max}`, `Set ${field} to a whole number from ${min} to ${max}.`);
	}
	return number;
}

/**
 * Per-user statuses by progress (docs/keepnet-api.md#per-user-training-report node implication): the report returns display text with spaces;
 * the filter takes enum names (spaces removed).
 */
export const STATUSES_BY_PROGRESS = {
	notStarted: ['InQueue', 'SendingError', 'NotResponded', 'NoResponded', 'OpenedEmail', 'ClickedLink', 'NotStarted'],
	inProgress: ['InProgress', 'NotCompleted'],
	completed: ['Completed', 'Downloaded'],
} as const;

export type Progress = keyof typeof STATUSES_BY_PROGRESS;

const PROGRESS_LABELS: Record<Progress, string> = { notStarted: 'Not Started', inProgress: 'In Progress', completed: 'Completed' };

/** "Not Started", "In Progress" or "Completed" for a row's status text; undefined for a status outside the map (passed through). */
export function progressOf(status: unknown): string | undefined {
	if (typeof status !== 'string') return undefined;
	const key = status.replace(/\s+/g, '').toLowerCase();
	for (const [progress, statuses] of Object.entries(STATUSES_BY_PROGRESS) as Array<[Progress, readonly string[]]>) {
		if (statuses.some((name) => name.toLowerCase() === key)) return PROGRESS_LABELS[progress];
	}
	return undefined;
}

/** Filters → Progress of Get Report as Keepnet's `status Include` filter item, or none when all are wanted. */
export function progressFilter(ctx: IExecuteFunctions, value: unknown, itemIndex: number): FilterItem[] {
	const chosen = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
	const statuses: string[] = [];
	for (const entry of chosen) {
		if (!Object.prototype.hasOwnProperty.call(STATUSES_BY_PROGRESS, String(entry))) {
			throw inputError(ctx, itemIndex, `Filters → Progress "${String(entry)}" is not one the node knows`, 'Use notStarted, inProgress or completed.');
		}
		statuses.push(...STATUSES_BY_PROGRESS[String(entry) as Progress]);
	}
	return statuses.length === 0 ? [] : [{ FieldName: 'status', Operator: 'Include', Value: statuses.join(',') }];
}

/** Keepnet's answer to a create: the new enrollment's ID is `id` (SPEC), `resourceId` or `enrollmentId` per DOCS (docs/keepnet-api.md#enrollment-create). */
export function createdEnrollmentId(data: IDataObject | undefined): string {
	const id = data?.id ?? data?.resourceId ?? data?.enrollmentId;
	return typeof id === 'string' ? id : '';
}

/** Filters → Type as Keepnet's enrollmentType, or null for every type (checked before any request). */
export function readEnrollmentType(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string | null {
	if (value === undefined || value === null || value === '') return null;
	const known = ENROLLMENT_TYPES.map((entry) => entry.value);
	if (typeof value !== 'string' || !known.includes(value)) {
		throw inputError(ctx, itemIndex, `Filters → Type "${String(value)}" is not an enrollment type`, `Use one of: ${known.join(', ')}, or leave it empty for every type.`);
	}
	return value;
}

/** Filters → Status of the enrollment list as a `status Include` filter item (none when empty). */
export function enrollmentStatusFilterItems(value: unknown): FilterItem[] {
	const statuses = Array.isArray(value) ? value.map(String) : [];
	return statuses.length === 0 ? [] : [{ FieldName: 'status', Operator: 'Include', Value: statuses.join(',') }];
}
