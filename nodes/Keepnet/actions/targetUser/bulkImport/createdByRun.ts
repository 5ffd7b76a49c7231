import type { IDataObject } from 'n8n-workflow';
import type { KeepnetSession } from '../../../transport/session';


/**
 * Whether a user found by email is one this run created from this item's row. Create and Create or Update must
 * report "created" only for such a user: after a write whose outcome the run could not see (the import's answer,
 * job or read-back lost; a create answered 429 by a gateway after Keepnet carried it out) the email is looked up,
 * and the user found may as well be another client's, created in between (a race). Keepnet does not say which rows
 * an import created, so the evidence is the record itself: it holds exactly what the row sent, and no other item of
 * this run has claimed it. A user that fails either test is someone else's: Create fails on it as one request per
 * user would ("already exists"), Create or Update updates it.
 */

/** Fields Keepnet leaves empty when a create does not send them: a stored value there was written by someone else. */
const FIELDS_EMPTY_UNLESS_SENT = [
	'email',
	'phoneNumber',
	'firstName',
	'lastName',
	'department',
	'timeZoneId',
	'preferredLanguageId',
	'managerFirstName',
	'managerLastName',
	'managerEmail',
] as const;
/** Fields a create fills with a default when not sent (Medium, active): compared only when the row sets them. */
const FIELDS_WITH_DEFAULT = ['priority', 'isActive'] as const;
/** What the company's user search (TargetUserSearchView) shows of a user, as the bulk path reads it back. */
export const SEARCH_VIEW_FIELDS = ['email', 'phoneNumber', 'firstName', 'lastName', 'department'] as const;

function valueOf(value: unknown): unknown {
	return value === undefined || value === null || value === '' ? null : value;
}

/**
 * Whether `stored` holds what `body` sent, field by field. `shown` is what the record shows: the whole record
 * (GET, search-email) or the search view's fields.
 */
export function storedAsSent(stored: IDataObject, body: IDataObject, shown: 'record' | readonly string[]): boolean {
	const fields: readonly string[] = shown === 'record' ? [...FIELDS_EMPTY_UNLESS_SENT, ...FIELDS_WITH_DEFAULT.filter((field) => field in body)] : shown;
	return fields.every((field) => {
		const [kept, sent] = [valueOf(stored[field]), valueOf(body[field])];
		return field === 'email' ? String(kept).toLowerCase() === String(sent).toLowerCase() : kept === sent;
	});
}

/** Records that an item of this run reports this user as created; false when another item already did. */
export function claimCreated(session: KeepnetSession, resourceId: string): boolean {
	const claimed = session.cache('targetUser.claimedCreated', () => new Set<string>());
	if (claimed.has(resourceId)) return false;
	claimed.add(resourceId);
	return true;
}

/** The resourceId of `stored` when it is the user this item's row created (see above), claimed for the item; else undefined. */
export function createdFromRow(session: KeepnetSession, stored: IDataObject | undefined, body: IDataObject): string | undefined {
	if (stored?.resourceId === undefined || stored.resourceId === null) return undefined;
	const resourceId = String(stored.resourceId);
	return storedAsSent(stored, body, 'record') && claimCreated(session, resourceId) ? resourceId : undefined;
}
