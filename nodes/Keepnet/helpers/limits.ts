/** Limits the node applies to every operation (Options → Concurrency, search paging). */

/** Items sent to Keepnet at the same time when Options → Concurrency is not set. */
export const DEFAULT_CONCURRENCY = 20;
export const MAX_CONCURRENCY = 50;
/** Largest page Keepnet's own clients ask for; fewer round trips for Return All. */
export const MAX_PAGE_SIZE = 1000;
/**
 * Create / Create or Update: from this many new users for one company (and one set of groups) they go through the
 * bulk import (about ten requests) instead of one request each; below it one request each is about as quick.
 */
export const BULK_CREATE_MIN_USERS = 50;
