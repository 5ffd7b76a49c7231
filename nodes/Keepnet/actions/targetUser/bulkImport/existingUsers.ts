import type { IDataObject } from 'n8n-workflow';

import { pages } from '../../../transport/paging';
import { MAX_PAGE_SIZE } from '../../../helpers/limits';
import { findTargetUserByEmail, getTargetUser, liveTargetUsersSearch } from '../api';
import type { KeepnetSession } from '../../../transport/session';

/**
 * Which emails already exist in a company, read once in pages instead of one search-email per item, for Create or
 * Update when many items go to one company. `/search` returns a view, not the full record (docs/keepnet-api.md#search-view-and-full-record), so the index only says whether an email exists and under which id; the caller still reads the full record
 * (GET) before a PUT, so an update keeps every stored field.
 *
 * The index is kept current by the run itself: a user this run creates is added at once, so a later item with the
 * same email (those run one after another) updates it instead of creating it a second time.
 */

/** Fewer items than this for one company: the per-item lookup is as cheap as reading the company. */
export const EXISTING_USERS_MIN_ITEMS = 20;
/** Read at most one page per this many items of the company; a larger company is looked up per item. */
export const ITEMS_PER_PAGE_READ = 4;

interface CompanyIndex {
	/** Lower-cased email → resourceId of every user of the company that is not deleted. */
	byEmail: Map<string, string>;
}

/** The run's indexes by company, kept in its session. */
function indexesOf(session: KeepnetSession): Map<string, CompanyIndex> {
	return session.cache('targetUser.existingUsers', () => new Map<string, CompanyIndex>());
}

/**
 * Reads the users of every company that `emailsByCompany` sends enough items to. A company whose read fails, or
 * whose size would make the read dearer than the per-item lookups, is simply left out (looked up per item).
 */
export async function indexExistingUsers(
	session: KeepnetSession,
	itemCountByCompany: Map<string, number>,
): Promise<void> {
	const indexes = indexesOf(session);
	for (const [companyId, itemCount] of itemCountByCompany) {
		if (itemCount < EXISTING_USERS_MIN_ITEMS || indexes.has(companyId)) continue;
		const maxPages = Math.floor(itemCount / ITEMS_PER_PAGE_READ);
		const spec = liveTargetUsersSearch(companyId, 'oldestFirst');
		const byEmail = new Map<string, string>();
		let complete = false;
		try {
			for await (const page of pages(session.pageReader<IDataObject>(spec), { pageSize: MAX_PAGE_SIZE, maxPages })) {
				for (const user of page.rows) {
					if (typeof user.email !== 'string' || user.resourceId === undefined || user.resourceId === null) continue;
					// A deleted user is not found by search-email either; the filter should already leave them out.
					if (String(user.status ?? '').toLowerCase() === 'deleted') continue;
					byEmail.set(user.email.toLowerCase(), String(user.resourceId));
				}
				// More pages than the read may take: this company is looked up per item instead.
				if (page.totalPages !== undefined && page.totalPages > maxPages) break;
				complete = page.last;
			}
		} catch {
			// Not worth failing the run for: every item of this company is then looked up on its own, as without it.
			complete = false;
		}
		if (complete) indexes.set(companyId, { byEmail });
	}
}

/**
 * What the index knows about `email` in the company: `{ resourceId }` when it exists, `null` when it does not,
 * `undefined` when the company was not indexed (look it up).
 */
export function knownExistingUser(session: KeepnetSession, companyId: string, email: string): { resourceId: string } | null | undefined {
	const index = indexesOf(session).get(companyId);
	if (!index) return undefined;
	const resourceId = index.byEmail.get(email.toLowerCase());
	return resourceId === undefined ? null : { resourceId };
}

/** Records a user this run created, so that a later item with the same email updates it. */
export function rememberCreatedUser(session: KeepnetSession, companyId: string, email: string, resourceId: string): void {
	indexesOf(session).get(companyId)?.byEmail.set(email.toLowerCase(), resourceId);
}

/**
 * The full record of the company's user with this email, or undefined: from the index (then one GET for the full
 * record, which the update needs) or, for a company not indexed, one search-email as before.
 */
export async function findExistingUser(
	session: KeepnetSession,
	companyId: string,
	email: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const known = knownExistingUser(session, companyId, email);
	if (known === undefined) return await findTargetUserByEmail(session, companyId, email, itemIndex);
	if (known === null) return undefined;
	return await getTargetUser(session, companyId, known.resourceId, itemIndex);
}
