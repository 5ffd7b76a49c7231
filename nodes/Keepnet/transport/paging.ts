/**
 * The one page iterator: every paged read of the package (operations, pickers, the trigger's poll, the reads a
 * bulk write makes first) walks Keepnet's pages through `pages`, and asks `isLastPage` whether another page
 * follows. No other code decides where a paged answer ends (test/conventions/layout.test.ts checks it).
 *
 * Keepnet's paged answers say where they end in one of three ways (docs/keepnet-api.md#search-bodies-and-paging): a page count
 * (`totalNumberOfPages`, the ServiceResult's paged object), a record count (`totalRowCount` on every row of the
 * leaderboard's plain list), or nothing, when only a short page tells. An empty page always ends the walk, so a
 * server that keeps promising pages it never fills cannot keep a run reading forever.
 */

/** One page as its reader found it. */
export interface FetchedPage<Row> {
	rows: Row[];
	/** The answer's page count, when it gives one. */
	totalPages?: number;
	/** The answer's record count, when it gives one instead of a page count. */
	totalRecords?: number;
}

/** What a page reader is asked for. */
export interface PageRequest {
	pageNumber: number;
	pageSize: number;
}

/** Whether no page follows `page`, read as page `pageNumber` of size `pageSize`. */
export function isLastPage(page: FetchedPage<unknown>, pageNumber: number, pageSize: number): boolean {
	if (page.rows.length === 0) return true;
	if (typeof page.totalPages === 'number') return pageNumber >= page.totalPages;
	if (typeof page.totalRecords === 'number') return pageNumber * pageSize >= page.totalRecords;
	return page.rows.length < pageSize;
}

/** n8n's pagination token for the page after `pageNumber` (pickers), or undefined on the last page. */
export function nextPageToken(page: FetchedPage<unknown>, pageNumber: number, pageSize: number): string | undefined {
	return isLastPage(page, pageNumber, pageSize) ? undefined : String(pageNumber + 1);
}

/** The page number an n8n pagination token asks for (1 without a token). */
export function pageNumberFromToken(token: string | undefined): number {
	const pageNumber = Number(token);
	return Number.isInteger(pageNumber) && pageNumber > 1 ? pageNumber : 1;
}

export interface PagesOptions {
	pageSize: number;
	/** Reads at most this many pages; the walk then ends without `complete` (e.g. a read bounded by its cost). */
	maxPages?: number;
}

/** A page as `pages` yields it: the rows, where it sits, and whether it is the last one. */
export interface WalkedPage<Row> extends FetchedPage<Row> {
	pageNumber: number;
	last: boolean;
}

/**
 * Yields page after page from page 1 until the last one (or `maxPages`). A caller that has enough (a Limit, a
 * found record) simply stops iterating; no further page is read.
 */
export async function* pages<Row>(readPage: (request: PageRequest) => Promise<FetchedPage<Row>>, options: PagesOptions): AsyncGenerator<WalkedPage<Row>> {
	const maxPages = options.maxPages ?? Infinity;
	for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
		const page = await readPage({ pageNumber, pageSize: options.pageSize });
		const last = isLastPage(page, pageNumber, options.pageSize);
		yield { ...page, pageNumber, last };
		if (last) return;
	}
}

/** Up to `limit` rows (Infinity for all) from `pages`; the page size is the limit when that is smaller. */
export async function collectRows<Row>(readPage: (request: PageRequest) => Promise<FetchedPage<Row>>, limit: number, maxPageSize: number): Promise<Row[]> {
	const rows: Row[] = [];
	if (limit <= 0) return rows;
	for await (const page of pages(readPage, { pageSize: Math.max(1, Math.min(maxPageSize, limit)) })) {
		rows.push(...page.rows.slice(0, limit - rows.length));
		if (rows.length >= limit) break;
	}
	return rows;
}

/** The rows of Keepnet's paged object (none when it has none). */
export function resultsOf<T>(page: { results?: T[] } | undefined): T[] {
	return Array.isArray(page?.results) ? page.results : [];
}

/** Keepnet's paged object (a search's ServiceResult data) as the page iterator takes it. */
export function fetchedPage<T>(page: { results?: T[]; totalNumberOfPages?: number } | undefined): FetchedPage<T> {
	return { rows: resultsOf(page), totalPages: typeof page?.totalNumberOfPages === 'number' ? page.totalNumberOfPages : undefined };
}
