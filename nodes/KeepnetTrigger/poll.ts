/**
 * One poll of the trigger: what it reads for the chosen event (events/index.ts) and how the stored state moves
 * (docs/trigger.md). Timed events walk each company's sources from its cursor (cursor.ts); state events compare the
 * companies in the state now with those remembered.
 */
import type { IDataObject } from 'n8n-workflow';

import { ACROSS_COMPANIES_CONCURRENCY, isForbidden, runPaced } from '../Keepnet/actions/fanOut';
import { DAY_MS } from './checks';
import { advanceCursor, collectNewEvents, emptyCursor, type FoundEvent, type TimedCursor } from './cursor';
import type { StateEvent, TimedEvent } from './events/types';
import { configKey, type TriggerSettings } from './settings';
import { companyOfRow, listCompanies, POLL_PAGE_SIZE, RESELLER, type CompanyRef, type PollEnv, type TimedSource } from './sources';

/**
 * What the node keeps in its static data between polls. `config` is the event and scope the cursors were
 * made for: a changed trigger starts over as a first activation instead of reading a cursor of another event.
 */
export interface TriggerState extends IDataObject {
	config: string;
	activatedAt: string;
	/** Timestamped events: one cursor per company (or 'reseller'). */
	cursors: Record<string, TimedCursor>;
	/** State events: company id → the value that was emitted (true, or the license end date). */
	members: Record<string, string>;
}

export interface PollOutcome {
	events: FoundEvent[];
	next: TriggerState;
}

/** The companies a per-company event polls: the chosen one, or every customer of the Reseller. */
async function companiesToPoll(env: PollEnv, settings: TriggerSettings): Promise<CompanyRef[]> {
	if (settings.companies !== 'all') return [settings.companies];
	return (await listCompanies(env)).map(companyOfRow);
}

/** The companies a timed event is polled as: RESELLER for an event of the Reseller account. */
async function pollTargets(env: PollEnv, settings: TriggerSettings): Promise<CompanyRef[]> {
	return settings.definition.scope === 'reseller' ? [RESELLER] : await companiesToPoll(env, settings);
}

/**
 * Runs one part of a poll per company, ACROSS_COMPANIES_CONCURRENCY at a time with the node's pacing under 429 (the
 * fan-out of "All Companies I Manage", docs/all-companies.md). For All Companies, a company answering 403 (privacy
 * settings, or no longer managed; docs/keepnet-api.md#reseller-and-company-admin-credentials) yields undefined; any
 * other failure fails the whole poll, once the parts in flight have finished, so no cursor moves.
 */
async function perCompany<T>(env: PollEnv, settings: TriggerSettings, companies: CompanyRef[], run: (company: CompanyRef, index: number) => Promise<T>): Promise<Array<{ value: T } | undefined>> {
	const allowSkip = settings.definition.scope === 'company' && settings.companies === 'all';
	const settled = await runPaced(env.session, ACROSS_COMPANIES_CONCURRENCY, companies.length, async (index) => await run(companies[index], index), (error) => !(allowSkip && isForbidden(error)));
	const failure = settled.find((outcome) => outcome !== undefined && !outcome.ok && !(allowSkip && isForbidden(outcome.error)));
	if (failure !== undefined && !failure.ok) throw failure.error;
	return settled.map((outcome) => (outcome?.ok ? { value: outcome.value } : undefined));
}

async function sourcesOf(env: PollEnv, settings: TriggerSettings, definition: TimedEvent<unknown>, company: CompanyRef, now: number): Promise<TimedSource[]> {
	return await definition.sources({ env, event: settings.event, company, settings: settings.own, activeSinceMs: now - settings.activeWithinDays * DAY_MS });
}

/** The events of one cursor's sources, walked against that cursor; the cursor that results. */
async function collectForCursor(sources: TimedSource[], cursor: TimedCursor, lateWindowMs: number): Promise<{ events: FoundEvent[]; cursor: TimedCursor }> {
	const found = new Map<string, FoundEvent>();
	for (const source of sources) {
		const result = await collectNewEvents(source.readPage, source.toEvent, { cursor, lateWindowMs, ordered: source.ordered, pageSize: POLL_PAGE_SIZE });
		for (const event of result.events) if (!found.has(event.key)) found.set(event.key, event);
	}
	const events = Array.from(found.values()).sort((a, b) => a.timeMs - b.timeMs || a.key.localeCompare(b.key));
	return { events, cursor: advanceCursor(cursor, events, lateWindowMs) };
}

/** Timestamped events: walk every company's sources from its cursor. */
async function pollTimed(env: PollEnv, settings: TriggerSettings, definition: TimedEvent<unknown>, previous: TriggerState | undefined, now: number): Promise<PollOutcome> {
	const firstActivation = previous === undefined;
	const activatedAt = previous?.activatedAt ?? new Date(now).toISOString();
	const cursors: Record<string, TimedCursor> = {};
	const companies = await pollTargets(env, settings);
	const emitted: FoundEvent[] = [];
	const startCursors = companies.map((company) => {
		// First activation: learn the newest events (or start at the chosen date). A company that appears
		// later starts at the activation time, so its events since then are not lost.
		return previous?.cursors[company.resourceId] ?? emptyCursor(firstActivation ? settings.startFrom : (settings.startFrom ?? activatedAt));
	});
	const attempts = await perCompany(env, settings, companies, async (company, index) => {
		const sources = await sourcesOf(env, settings, definition, company, now);
		return await collectForCursor(sources, startCursors[index], settings.lateWindowMs);
	});
	for (const [index, company] of companies.entries()) {
		const cursorKey = company.resourceId;
		const attempt = attempts[index];
		if (attempt === undefined) {
			env.ctx.logger.warn(`Keepnet Trigger: skipped company "${cursorKey}" (access refused, HTTP 403); its cursor is unchanged`);
			continue;
		}
		const result = attempt.value;
		const learningOnly = firstActivation && settings.startFrom === null;
		if (!learningOnly) emitted.push(...result.events);
		let next = result.cursor;
		// A source with no events yet: from now on, everything counts (minus the late-arrival window for clock skew).
		if (next.highWater === null && next.notBefore === null) next = { ...next, notBefore: new Date(now - settings.lateWindowMs).toISOString() };
		cursors[cursorKey] = next;
	}
	// A company that is not listed now (the reseller no longer manages it, or Keepnet left it out of one answer)
	// keeps its cursor, for as long as the trigger keeps its settings: when it is listed again it resumes from
	// there instead of starting at the activation time, which would emit its events since then a second time.
	for (const [cursorKey, cursor] of Object.entries(previous?.cursors ?? {})) {
		if (cursors[cursorKey] === undefined) cursors[cursorKey] = cursor;
	}
	emitted.sort((a, b) => a.timeMs - b.timeMs || a.key.localeCompare(b.key));
	return { events: emitted, next: { config: configKey(settings), activatedAt, cursors, members: {} } };
}

/**
 * State events (no time in Keepnet): the companies the event lists now (its `members`). A company is emitted when
 * it enters the state (or its remembered value changes, e.g. a new license end date), remembered while it stays,
 * and forgotten when it leaves, so it fires again on its next entry.
 */
async function pollState(env: PollEnv, settings: TriggerSettings, definition: StateEvent<unknown>, previous: TriggerState | undefined, now: number): Promise<PollOutcome> {
	const members: Record<string, string> = {};
	const current: FoundEvent[] = [];
	for (const member of await definition.members({ env, settings: settings.own, now })) {
		const company = companyOfRow(member.row);
		members[company.resourceId] = member.value;
		current.push({
			key: company.resourceId,
			timeMs: Date.now(),
			time: new Date().toISOString(),
			json: { event: settings.event, eventTime: new Date(now).toISOString(), ...member.details, company, record: member.row },
		});
	}
	const known = previous?.members ?? {};
	const events = previous === undefined ? [] : current.filter((event) => known[event.key] !== members[event.key]);
	return {
		events,
		next: { config: configKey(settings), activatedAt: previous?.activatedAt ?? new Date(now).toISOString(), cursors: {}, members },
	};
}

/** A poll of an activated trigger: the new events, and the state to store (only once every request succeeded). */
export async function pollEvents(env: PollEnv, settings: TriggerSettings, previous: TriggerState | undefined, now: number): Promise<PollOutcome> {
	const definition = settings.definition;
	return definition.kind === 'state' ? await pollState(env, settings, definition, previous, now) : await pollTimed(env, settings, definition, previous, now);
}

/** Fetch Test Event: the newest real event, whatever the cursor says; nothing is stored. */
export async function newestEvent(env: PollEnv, settings: TriggerSettings, now: number): Promise<FoundEvent | undefined> {
	const definition = settings.definition;
	if (definition.kind === 'state') return (await pollState(env, settings, definition, { config: '', activatedAt: '', cursors: {}, members: {} }, now)).events[0];
	const companies = await pollTargets(env, settings);
	let newest: FoundEvent | undefined;
	const attempts = await perCompany(env, settings, companies, async (company) => {
		const sources = await sourcesOf(env, settings, definition, company, now);
		const firstPages = [];
		for (const source of sources) firstPages.push({ source, page: await source.readPage({ pageNumber: 1, pageSize: POLL_PAGE_SIZE }) });
		return firstPages;
	});
	for (const attempt of attempts) {
		if (attempt === undefined) continue;
		for (const { source, page } of attempt.value) {
			for (const row of page.rows) {
				const event = source.toEvent(row);
				if (event !== undefined && (newest === undefined || event.timeMs > newest.timeMs)) newest = event;
			}
		}
	}
	return newest;
}
