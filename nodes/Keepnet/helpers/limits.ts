/** Limits the node applies to every operation (Options → Concurrency, search paging). */

/** Items sent to Keepnet at the same time when Options → Concurrency is not set. */
export const DEFAULT_CONCURRENCY = 20;
export const MAX_CONCURRENCY = 50;
/** Largest page Keepnet's own clients ask for; fewer round trips for Return All. */
export const MAX_PAGE_SIZE = 1000;
