/**
 * Gamification (docs/results-reporting.md#gamification): leaderboard, top performers, user performance, user timeline, export.
 *
 * Points come from events a test adds (`addGamificationEvent`); the leaderboard of a period sums the events inside
 * it (Last Month = the last 30 days, Last 3/6 Months = 90/180 days, Last Year = 365 days, This Year = since 1 January
 * UTC, Custom = startDate…endDate). Every active, not deleted target user is ranked, with 0 points when they have no
 * event. `sandbox.readings.leaderboardEnvelope` picks the answer shape of get-all and get-top-performers (the spec's
 * list or the web app's paged object).
 */
import { inputError, isJsonObject, JsonReader, ok, requireJsonObject, type JsonObject } from '../http';
import { scopedCompany, type Router } from '../router';
import { compileFilter, fieldTable, filterRows, type SearchSchema } from '../search';
import type { SandboxStore, TargetUserRecord } from '../store';
import { exportFile, readExportType } from './targetUsers';

export interface GamificationEvent {
	resourceId: string;
	targetUserId: string;
	time: string;
	points: number;
	name: string;
	productType: 'Phishing' | 'Smishing' | 'Quishing' | 'Callback' | 'Training';
	failed: boolean;
}

const eventsByStore = new WeakMap<SandboxStore, GamificationEvent[]>();

function eventsOf(store: SandboxStore): GamificationEvent[] {
	let events = eventsByStore.get(store);
	if (!events) {
		events = [];
		eventsByStore.set(store, events);
	}
	return events;
}

export function addGamificationEvent(store: SandboxStore, event: Omit<GamificationEvent, 'resourceId'>): GamificationEvent {
	const stored = { resourceId: store.newId(), ...event };
	eventsOf(store).push(stored);
	return stored;
}

const DAY = 86_400_000;

/** The [from, to] window of a request's datePeriod (0…5, docs/results-reporting.md#gamification); 400 for anything else. */
function readWindow(reader: JsonReader): { from: number; to: number } {
	const period = reader.int('datePeriod', { required: true, label: 'Date Period' });
	const now = Date.now();
	const start = reader.string('startDate');
	const end = reader.string('endDate');
	switch (period) {
		case 0:
			return { from: now - 30 * DAY, to: now };
		case 1:
			return { from: now - 90 * DAY, to: now };
		case 2:
			return { from: now - 180 * DAY, to: now };
		case 3:
			return { from: now - 365 * DAY, to: now };
		case 4:
			return { from: Date.UTC(new Date(now).getUTCFullYear(), 0, 1), to: now };
		case 5: {
			const from = start === null ? NaN : Date.parse(start);
			const to = end === null ? NaN : Date.parse(end);
			if (Number.isNaN(from) || Number.isNaN(to)) reader.error("'Start Date' and 'End Date' must be valid dates for a custom period.");
			return { from, to };
		}
		default:
			if (period !== null) reader.error(`The value '${period}' is not valid for datePeriod.`);
			return { from: 0, to: 0 };
	}
}

function readPagination(reader: JsonReader, field: string): { pageNumber: number; pageSize: number } {
	const value = reader.raw(field);
	if (!isJsonObject(value)) {
		reader.error(`'${field}' must not be empty.`);
		return { pageNumber: 1, pageSize: 10 };
	}
	const pageNumber = Number((value as JsonObject).pageNumber);
	const pageSize = Number((value as JsonObject).pageSize);
	if (!Number.isInteger(pageNumber) || pageNumber < 1 || !Number.isInteger(pageSize) || pageSize < 1) reader.error(`'${field}' needs a pageNumber and pageSize of 1 or more.`);
	return { pageNumber, pageSize };
}

interface LeaderRow {
	user: TargetUserRecord;
	points: number;
	performance: number;
	rank: number;
}

const leaderSchema: SearchSchema<LeaderRow> = {
	fields: fieldTable<LeaderRow>([
		[['firstName'], { kind: 'string', get: (row) => row.user.firstName }],
		[['lastName'], { kind: 'string', get: (row) => row.user.lastName }],
		[['email'], { kind: 'string', get: (row) => row.user.email }],
	]),
	defaultSortField: 'email',
	freeText: (row) => [row.user.firstName, row.user.lastName, row.user.email],
	seq: (row) => row.user.seq,
};

function ranking(store: SandboxStore, companyId: string, window: { from: number; to: number }): LeaderRow[] {
	const events = eventsOf(store).filter((event) => {
		const time = Date.parse(event.time);
		return time >= window.from && time <= window.to;
	});
	const rows = [...store.data(companyId).targetUsers.values()]
		.filter((user) => user.isActive && !user.isDeleted)
		.map((user) => {
			const mine = events.filter((event) => event.targetUserId === user.resourceId);
			const points = mine.reduce((sum, event) => sum + event.points, 0);
			const performance = mine.length === 0 ? 0 : Math.round((mine.filter((event) => !event.failed).length / mine.length) * 1000) / 10;
			return { user, points, performance, rank: 0 };
		})
		.sort((a, b) => b.points - a.points || a.user.email.localeCompare(b.user.email));
	rows.forEach((row, index) => (row.rank = index + 1));
	return rows;
}

function leaderView(row: LeaderRow, total: number): Record<string, unknown> {
	return {
		rank: row.rank,
		targetUserResourceId: row.user.resourceId,
		firstName: row.user.firstName,
		lastName: row.user.lastName,
		email: row.user.email,
		department: row.user.department,
		preferredLanguage: 'English',
		phoneNumber: row.user.phoneNumber,
		points: row.points,
		performance: row.performance,
		totalRowCount: total,
	};
}

function leaderboardRequest(ctx: Parameters<Parameters<Router['add']>[2]>[0]) {
	const company = scopedCompany(ctx);
	const reader = new JsonReader(requireJsonObject(ctx.body));
	const window = readWindow(reader);
	const paging = readPagination(reader, 'pagination');
	const filter = reader.raw('filter');
	reader.raw('exportType');
	reader.raw('reportAllPages');
	const predicate = compileFilter(isJsonObject(filter) ? (filter as JsonObject) : null, leaderSchema);
	reader.throwIfErrors();
	return { company, paging, rows: filterRows(ranking(ctx.app.store, company.resourceId, window), predicate), reader };
}

export function registerGamificationRoutes(router: Router): void {
	const answer = (ctx: { app: { readings: { leaderboardEnvelope: 'list' | 'paged' } } }, rows: LeaderRow[], pageNumber: number, pageSize: number) => {
		const page = rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((row) => leaderView(row, rows.length));
		if (ctx.app.readings.leaderboardEnvelope === 'list') return ok(page);
		return ok({ pageNumber, pageSize, totalNumberOfPages: Math.ceil(rows.length / pageSize), totalNumberOfRecords: rows.length, results: page });
	};

	router.add('POST', '/api/leaderboard/get-all', (ctx) => {
		const { rows, paging } = leaderboardRequest(ctx);
		return answer(ctx, rows, paging.pageNumber, paging.pageSize);
	});

	router.add('POST', '/api/leaderboard/get-top-performers', (ctx) => {
		const { rows } = leaderboardRequest(ctx);
		const podium = rows.filter((row) => row.points > 0).slice(0, 3);
		return answer(ctx, podium, 1, 3);
	});

	router.add('POST', '/api/leaderboard/get-all/export', (ctx) => {
		const { rows } = leaderboardRequest(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const exportType = readExportType(reader);
		const columns = [
			{ header: 'Rank', value: (row: LeaderRow) => row.rank, width: 6 },
			{ header: 'Email', value: (row: LeaderRow) => row.user.email, width: 30 },
			{ header: 'First Name', value: (row: LeaderRow) => row.user.firstName, width: 16 },
			{ header: 'Last Name', value: (row: LeaderRow) => row.user.lastName, width: 16 },
			{ header: 'Points', value: (row: LeaderRow) => row.points, width: 8 },
			{ header: 'Performance', value: (row: LeaderRow) => row.performance, width: 8 },
		];
		return exportFile(exportType, rows, columns, 'Leaderboard');
	});

	router.add('POST', '/api/leaderboard/user-performance', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const userId = reader.string('targetUserResourceId', { required: true });
		const window = readWindow(reader);
		reader.throwIfErrors();
		const user = userId === null ? undefined : ctx.app.store.data(company.resourceId).targetUsers.get(userId);
		if (!user) throw inputError([`Target user '${String(userId)}' was not found.`]);
		const overall = ranking(ctx.app.store, company.resourceId, window).find((row) => row.user.resourceId === user.resourceId);
		const mine = eventsOf(ctx.app.store).filter((event) => event.targetUserId === user.resourceId && Date.parse(event.time) >= window.from && Date.parse(event.time) <= window.to);
		const types = [...new Set(mine.map((event) => event.productType))].sort();
		return ok(
			types.map((type, index) => {
				const ofType = mine.filter((event) => event.productType === type);
				return {
					rank: overall?.rank ?? null,
					phishingTypeId: index + 1,
					phishingType: type,
					performance: Math.round((ofType.filter((event) => !event.failed).length / ofType.length) * 1000) / 10,
					totalPerformance: overall?.performance ?? 0,
					totalPoints: ofType.reduce((sum, event) => sum + event.points, 0),
				};
			}),
		);
	});

	const timelineRequest = (ctx: Parameters<Parameters<Router['add']>[2]>[0]) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const userId = reader.string('targetUserResourceId', { required: true });
		const window = readWindow(reader);
		const paging = readPagination(reader, 'pagination');
		const onlyFailed = reader.bool('showOnlyFailedEvents') ?? false;
		for (const list of ['actionTypes', 'difficultyTypes', 'products', 'reportAllPages']) reader.raw(list);
		const exportType = reader.raw('exportType') === undefined ? null : readExportType(reader);
		reader.throwIfErrors();
		if (userId === null || !ctx.app.store.data(company.resourceId).targetUsers.get(userId)) throw inputError([`Target user '${String(userId)}' was not found.`]);
		const events = eventsOf(ctx.app.store)
			.filter((event) => event.targetUserId === userId && Date.parse(event.time) >= window.from && Date.parse(event.time) <= window.to && (!onlyFailed || event.failed))
			.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
		return { paging, events, exportType };
	};

	router.add('POST', '/api/leaderboard/get-user-timeline/export', (ctx) => {
		const { events, exportType } = timelineRequest(ctx);
		if (exportType === null) throw inputError(["'Export Type' must not be empty."]);
		const columns = [
			{ header: 'Time', value: (event: GamificationEvent) => event.time, width: 24 },
			{ header: 'Name', value: (event: GamificationEvent) => event.name, width: 30 },
			{ header: 'Product', value: (event: GamificationEvent) => event.productType, width: 12 },
			{ header: 'Result', value: (event: GamificationEvent) => (event.failed ? 'Failed' : 'Passed'), width: 8 },
			{ header: 'Points', value: (event: GamificationEvent) => event.points, width: 8 },
		];
		return exportFile(exportType, events, columns, 'Timeline');
	});

	router.add('POST', '/api/leaderboard/get-user-timeline', (ctx) => {
		const { paging, events } = timelineRequest(ctx);
		// SPEC: a plain list (TimelineDto[]), with the capitalised ActionTime / ActionType of the spec.
		return ok(
			events.slice((paging.pageNumber - 1) * paging.pageSize, paging.pageNumber * paging.pageSize).map((event) => ({
				resourceId: event.resourceId,
				name: event.name,
				points: event.points,
				ActionTime: event.time,
				productType: event.productType,
				campaignType: event.productType,
				result: event.failed ? 'Failed' : 'Passed',
				ActionType: event.failed ? 'Clicked' : 'Reported',
			})),
		);
	});
}
