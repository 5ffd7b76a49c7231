/**
 * What the event files (events/*.event.ts) build their sources from: the run they poll in, a source of timestamped
 * rows, an event at a row's time, and the whole-list reads (companies, a company's recent enrollments or runs).
 * Every page walk goes through the page iterator (transport/paging.ts); nothing here decides where a list ends.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { COMPANY_LIST_PAGE_SIZE } from '../Keepnet/actions/fanOut';
import { companySearchPages, type CompanySearch } from '../Keepnet/actions/company/api';
import { pages } from '../Keepnet/transport/paging';
import { parseKeepnetDate, type FoundEvent, type PageReader, type RowToEvent } from './cursor';
import type { KeepnetSession } from '../Keepnet/transport/session';

/** Rows per page when walking a source: the UI pickers' size; most polls need one page. */
export const POLL_PAGE_SIZE = 100;

export interface CompanyRef {
	resourceId: string;
	name: string | null;
}

/** The company an event of the Reseller account (scope 'reseller') is polled as; also its cursor's key. */
export const RESELLER: CompanyRef = { resourceId: 'reseller', name: null };

/** One source of timestamped events inside one company (or Reseller-wide), read POLL_PAGE_SIZE rows a page. */
export interface TimedSource {
	readPage: PageReader;
	toEvent: RowToEvent;
	/** Newest first: paging stops at the first row older than the cursor's window (cursor.ts, CollectOptions). */
	ordered: boolean;
}

/** The execution a poll runs in: n8n's poll context and the run's state (created once, in KeepnetTrigger.poll). */
export interface PollEnv {
	ctx: IPollFunctions;
	session: KeepnetSession;
}

/** The event of a row at its time `timeValue`, or undefined when the row has no readable time (then it is no event). */
export function eventAt(key: string, timeValue: unknown, json: IDataObject): FoundEvent | undefined {
	const timeMs = parseKeepnetDate(timeValue);
	if (timeMs === undefined) return undefined;
	return { key, timeMs, time: String(timeValue), json };
}

/**
 * Every page of a search, for the short lists the trigger needs whole (companies, enrollments, runs). `keep` may
 * skip a row or stop the walk (rows come newest first, so the first one older than the window ends it).
 */
export async function allRows(readPage: PageReader, pageSize: number, keep: (row: IDataObject) => 'keep' | 'skip' | 'stop' = () => 'keep'): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for await (const page of pages(readPage, { pageSize })) {
		for (const row of page.rows) {
			const decision = keep(row);
			if (decision === 'stop') return rows;
			if (decision === 'keep') rows.push(row);
		}
	}
	return rows;
}

export function companyOfRow(row: IDataObject): CompanyRef {
	return { resourceId: String(row.companyResourceId), name: typeof row.companyName === 'string' ? row.companyName : null };
}

/** The customers of the Reseller credential (the company search of actions/company/api.ts), by name unless asked otherwise. */
export async function listCompanies(env: PollEnv, query: CompanySearch = {}): Promise<IDataObject[]> {
	return await allRows(companySearchPages(env.session, query), COMPANY_LIST_PAGE_SIZE, (row) => (typeof row.companyResourceId === 'string' ? 'keep' : 'skip'));
}
