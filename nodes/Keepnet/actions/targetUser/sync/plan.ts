import type { IDataObject } from 'n8n-workflow';

/**
 * Target User → Sync, the pure part: which person of the source list is a joiner, changed, unchanged or to be
 * reactivated, which managed user is a leaver, and whether the guard holds the removals back. No request is made
 * here; sync.operation.ts reads Keepnet, calls this, and carries the plan out (docs/target-user-sync.md).
 */

/** One person of the source list, checked: its target user body (update limits, as Create or Update uses). */
export interface SourcePerson {
	itemIndex: number;
	/** Trimmed, lower-cased email: the match key. */
	key: string;
	body: IDataObject;
}

/** A Keepnet user as the company or group search shows it (TargetUserSearchView). */
export interface ManagedUser {
	resourceId: string;
	key: string;
	view: IDataObject;
	/** Whether the user is active (status "Active"). */
	active: boolean;
}

/** The fields the search view shows, compared without a read of the full record. */
export const FIELDS_IN_SEARCH_VIEW = ['firstName', 'lastName', 'department', 'phoneNumber', 'priority'] as const;
/** Fields the search view does not show (or shows by name, not ID): a person setting one is compared on the full record (GET). */
export const FIELDS_NEEDING_RECORD = ['managerFirstName', 'managerLastName', 'managerEmail', 'timeZoneId', 'preferredLanguageId'] as const;

/** How a field's stored and wanted values are compared: after trimming; emails and priorities without case; phones without spaces. */
export function normalisedValue(field: string, value: unknown): string | null {
	if (value === undefined || value === null) return null;
	let text = String(value).trim();
	if (text === '') return null;
	if (field === 'email' || field === 'managerEmail' || field === 'priority') text = text.toLowerCase();
	if (field === 'phoneNumber') text = text.replace(/[\s().-]/g, '');
	return text;
}

export interface FieldChange {
	from: unknown;
	to: unknown;
}

/**
 * The fields the person's row sets that differ from what Keepnet stores, after normalisation. A field the row leaves
 * empty keeps its stored value (as Create or Update does), so it is never a difference. The email is the match key,
 * so a difference in its case or spaces is not a change either.
 */
export function differences(body: IDataObject, stored: IDataObject, fields: readonly string[]): Record<string, FieldChange> {
	const changes: Record<string, FieldChange> = {};
	for (const field of fields) {
		if (!(field in body)) continue;
		if (normalisedValue(field, body[field]) !== normalisedValue(field, stored[field])) {
			changes[field] = { from: stored[field] ?? null, to: body[field] };
		}
	}
	return changes;
}

export function personNeedsRecord(body: IDataObject): boolean {
	return FIELDS_NEEDING_RECORD.some((field) => field in body);
}

export type LeaverAction = 'deactivate' | 'delete' | 'reportOnly';

export interface RemovalLimitSetting {
	unit: 'percent' | 'users';
	/** 0 = no limit. */
	value: number;
}

/** The most leavers one run may deactivate or delete; undefined = no limit. */
export function removalLimit(setting: RemovalLimitSetting, managedCount: number): number | undefined {
	if (setting.value === 0) return undefined;
	if (setting.unit === 'users') return setting.value;
	return Math.max(1, Math.floor((managedCount * setting.value) / 100));
}

export interface GuardDecision {
	/** Whether removals are held back this run. */
	tripped: boolean;
	/** Why, for the summary and the held leavers' items. */
	reason?: string;
	/** How to go ahead when the source list is right. */
	howToConfirm?: string;
}

/**
 * The guard against a broken source: an empty list, or a list with refused rows, never removes anyone; more removals
 * than the limit removes none of them.
 */
export function guardRemovals(options: {
	removals: number;
	validPeople: number;
	refusedRows: number;
	managedCount: number;
	limit: number | undefined;
	setting: RemovalLimitSetting;
}): GuardDecision {
	const { removals, validPeople, refusedRows, managedCount, limit, setting } = options;
	if (removals === 0) return { tripped: false };
	if (validPeople === 0) {
		return {
			tripped: true,
			reason: `The source list has no valid person, so nobody is removed (${removals} managed users would have been)`,
			howToConfirm: 'An empty source list is never treated as "everyone left". Check the step that reads the source; to remove users on purpose, use Target User → Delete or Update.',
		};
	}
	if (refusedRows > 0) {
		return {
			tripped: true,
			reason: `${refusedRows} row(s) of the source list were refused, so nobody is removed (${removals} managed users would have been): a refused row may be one of them`,
			howToConfirm: 'Fix the refused rows (see their items) and run again.',
		};
	}
	if (limit !== undefined && removals > limit) {
		const limitText = setting.unit === 'percent' ? `${setting.value}% of ${managedCount} managed users, i.e. ${limit}` : `${limit}`;
		const needed = setting.unit === 'percent' ? `Removal Limit to at least ${Math.ceil((removals * 100) / Math.max(1, managedCount))} (%)` : `Removal Limit to at least ${removals}`;
		return {
			tripped: true,
			reason: `${removals} managed users would have been removed, more than the Removal Limit (${limitText}); nobody was removed`,
			howToConfirm: `If the source list is complete, set Options → ${needed}, or 0 for no limit, and run again (Dry Run first shows who).`,
		};
	}
	return { tripped: false };
}
