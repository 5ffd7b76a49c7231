import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { reportTrainingType } from '../Keepnet/actions/trainingEnrollment/api';
import { CHANNELS, type ChannelSpec } from '../Keepnet/helpers/simulationChannels';
import { keepnetApiRequest, type KeepnetRunState } from '../Keepnet/transport/request';
import { buildFilter, resultsOf, searchPage, type FilterItem, type PagedResults } from '../Keepnet/transport/search';
import { parseKeepnetDate, type FetchPage, type FoundEvent, type RowToEvent } from './cursor';

/** Rows per page when walking a source: the UI pickers' size; most polls need one page. */
export const POLL_PAGE_SIZE = 100;
/** Companies per page when listing the customers to poll (AGENT uses pages of up to 1000). */
export const COMPANY_PAGE_SIZE = 1000;

export interface CompanyRef {
	resourceId: string;
	name: string | null;
}

/** One source of timestamped events inside one company (or Reseller-wide). */
export interface TimedSource {
	/** Key under which its cursor is stored. */
	cursorKey: string;
	fetchPage: FetchPage;
	toEvent: RowToEvent;
	ordered: boolean;
}

export interface PollEnv {
	ctx: IPollFunctions;
	state: KeepnetRunState;
}

function event(key: string, timeValue: unknown, json: IDataObject): FoundEvent | undefined {
	const timeMs = parseKeepnetDate(timeValue);
	if (timeMs === undefined) return undefined;
	return { key, timeMs, time: String(timeValue), json };
}

function pager(env: PollEnv, path: string, body: IDataObject, companyId: string | undefined, extraHeaders?: Record<string, string>): FetchPage {
	return async (pageNumber) => {
		const data = await keepnetApiRequest<PagedResults<IDataObject> | undefined>(env.ctx, env.state, {
			method: 'POST',
			path,
			body: { ...body, pageNumber, pageSize: POLL_PAGE_SIZE },
			companyId,
			headers: extraHeaders,
			retry: 'safe',
		});
		const rows = resultsOf(data);
		const lastPage = typeof data?.totalNumberOfPages === 'number' ? pageNumber >= data.totalNumberOfPages : rows.length < POLL_PAGE_SIZE;
		return { rows, lastPage };
	};
}

/** Every page of a search, for the short lists the trigger needs whole (companies, enrollments, runs). */
export async function allRows(fetchPage: FetchPage, keep: (row: IDataObject) => 'keep' | 'skip' | 'stop' = () => 'keep'): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for (let pageNumber = 1; ; pageNumber++) {
		const page = await fetchPage(pageNumber);
		let stop = false;
		for (const row of page.rows) {
			const decision = keep(row);
			if (decision === 'stop') {
				stop = true;
				break;
			}
			if (decision === 'keep') rows.push(row);
		}
		if (stop || page.lastPage || page.rows.length === 0) return rows;
	}
}

function companyOfRow(row: IDataObject): CompanyRef {
	return { resourceId: String(row.companyResourceId), name: typeof row.companyName === 'string' ? row.companyName : null };
}

/** The customers of the Reseller credential (POST /api/companies/search), by name. */
export async function listCompanies(env: PollEnv, onlyOverLimit = false, orderBy = 'companyName', ascending = true): Promise<IDataObject[]> {
	return await allRows(async (pageNumber) => {
		const page = await searchPage<IDataObject>(
			env.ctx,
			env.state,
			{ path: '/api/companies/search', body: { filter: buildFilter(), orderBy, ascending, isClustered: false, isTargetUserCountExceededLimit: onlyOverLimit } },
			pageNumber,
			COMPANY_PAGE_SIZE,
		);
		const rows = resultsOf(page).filter((row) => typeof row.companyResourceId === 'string');
		const lastPage = typeof page.totalNumberOfPages === 'number' ? pageNumber >= page.totalNumberOfPages : rows.length < COMPANY_PAGE_SIZE;
		return { rows, lastPage };
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Timestamped sources (docs/keepnet-api.md#trigger-events)

/** New company: companies/search by CreateTime, newest first (docs/keepnet-api.md#trigger-events). */
export function newCompanySource(env: PollEnv): TimedSource {
	return {
		cursorKey: 'reseller',
		ordered: true,
		fetchPage: pager(env, '/api/companies/search', { filter: buildFilter(), orderBy: 'CreateTime', ascending: false, isClustered: false, isTargetUserCountExceededLimit: false }, undefined),
		toEvent: (row) =>
			typeof row.companyResourceId === 'string'
				? event(row.companyResourceId, row.createTime, { event: 'newCompany', eventTime: row.createTime ?? null, company: { ...companyOfRow(row) }, record: row })
				: undefined,
	};
}

const NOT_DELETED: FilterItem = { FieldName: 'IsDeleted', Operator: 'Contains', Value: 'false' };

/** New target user: target-users/search by CreateTime, deleted users left out (docs/keepnet-api.md#trigger-events). */
export function newTargetUserSource(env: PollEnv, company: CompanyRef): TimedSource {
	return {
		cursorKey: company.resourceId,
		ordered: true,
		fetchPage: pager(env, '/api/target-users/search', { filter: buildFilter([NOT_DELETED]), orderBy: 'CreateTime', ascending: false }, company.resourceId),
		toEvent: (row) =>
			typeof row.resourceId === 'string'
				? event(row.resourceId, row.createTime, { event: 'newTargetUser', eventTime: row.createTime ?? null, company: { ...company }, record: row })
				: undefined,
	};
}

/** Target user updated: target-users/search by UpdateTime; each (user, updateTime) is one event (docs/keepnet-api.md#trigger-events). */
export function targetUserUpdatedSource(env: PollEnv, company: CompanyRef): TimedSource {
	return {
		cursorKey: company.resourceId,
		ordered: true,
		fetchPage: pager(env, '/api/target-users/search', { filter: buildFilter(), orderBy: 'UpdateTime', ascending: false }, company.resourceId),
		toEvent: (row) =>
			typeof row.resourceId === 'string' && typeof row.updateTime === 'string'
				? event(`${row.resourceId}@${row.updateTime}`, row.updateTime, { event: 'targetUserUpdated', eventTime: row.updateTime, company: { ...company }, record: row })
				: undefined,
	};
}

/** New audit-log entry: audit-logs/search by LogDate, newest first; append-only (docs/keepnet-api.md#audit-logs). */
export function auditLogSource(env: PollEnv, company: CompanyRef): TimedSource {
	return {
		cursorKey: company.resourceId,
		ordered: true,
		fetchPage: pager(env, '/api/audit-logs/search', { filter: buildFilter(), orderBy: 'LogDate', ascending: false }, company.resourceId),
		toEvent: (row) =>
			typeof row.resourceId === 'string'
				? event(row.resourceId, row.logDate, { event: 'newAuditLogEntry', eventTime: row.logDate ?? null, company: { ...company }, record: row })
				: undefined,
	};
}

/** Both scope headers for the Awareness Educator calls (docs/keepnet-api.md#company-scope-headers, docs/keepnet-api.md#enrollment-search-and-statuses). */
function educatorHeaders(companyId: string): Record<string, string> {
	return { 'x-ir-company-id': companyId };
}

/** Enrollment statuses that cannot produce completions (docs/keepnet-api.md#enrollment-search-and-statuses): not yet sent, failed, or in the Trash. */
const ENROLLMENTS_WITHOUT_COMPLETIONS = new Set(['scheduled', 'error', 'archived', 'deleted']);

/**
 * Training completed (docs/keepnet-api.md#training-completed-events, option A): the company's enrollments created within the active window,
 * then each one's users with status Completed by firstCompletionDate, newest first. One cursor per company;
 * key = enrollment + target user, so a user completes a given enrollment once.
 */
export async function trainingCompletedSources(env: PollEnv, company: CompanyRef, activeSinceMs: number): Promise<TimedSource[]> {
	const enrollments = await allRows(
		pager(env, '/api/enrollments/search', { filter: buildFilter(), orderBy: 'CreateTime', ascending: false, enrollmentType: null }, company.resourceId, educatorHeaders(company.resourceId)),
		(row) => {
			const created = parseKeepnetDate(row.createTime);
			if (created !== undefined && created < activeSinceMs) return 'stop';
			if (typeof row.enrollmentId !== 'string') return 'skip';
			return ENROLLMENTS_WITHOUT_COMPLETIONS.has(String(row.status ?? '').toLowerCase()) ? 'skip' : 'keep';
		},
	);
	const fetchers = enrollments.map((enrollment) => {
		const enrollmentId = String(enrollment.enrollmentId);
		const context = { enrollmentId, name: enrollment.name ?? null, trainingName: enrollment.trainingName ?? null };
		return {
			fetchPage: pager(
				env,
				`/api/training-reports/${encodeURIComponent(enrollmentId)}/users/search`,
				{
					filter: buildFilter([{ FieldName: 'status', Operator: 'Include', Value: 'Completed' }]),
					orderBy: 'firstCompletionDate',
					ascending: false,
					// The enrollment's own content type: asked as a training, a poster's report lists no one (docs/keepnet-api.md#per-user-training-report).
					trainingType: reportTrainingType(enrollment.type),
				},
				company.resourceId,
				educatorHeaders(company.resourceId),
			),
			toEvent: (row: IDataObject) =>
				typeof row.targetUserResourceId === 'string'
					? event(`${enrollmentId}:${row.targetUserResourceId}`, row.firstCompletionDate, {
							event: 'trainingCompleted',
							eventTime: row.firstCompletionDate ?? null,
							company: { ...company },
							enrollment: context,
							record: row,
						})
					: undefined,
		};
	});
	return fetchers.map((fetcher) => ({ cursorKey: company.resourceId, ordered: true, ...fetcher }));
}

/** Simulation behaviours the trigger can watch, with the row's time field (docs/keepnet-api.md#per-behaviour-user-reports). */
export const BEHAVIOURS = {
	clicked: { searchType: 'clicked', timeField: 'lastClickedTime', label: 'Clicked link' },
	submitteddata: { searchType: 'submitteddata', timeField: 'lastSubmittedTime', label: 'Submitted data' },
	attachmentopened: { searchType: 'attachmentopened', timeField: 'lastAttachmentOpenedTime', label: 'Opened attachment' },
	mfa: { searchType: 'mfa', timeField: 'mfaLastSubmittedTime', label: 'Submitted MFA code' },
	reported: { searchType: 'reported', timeField: 'lastReportedTime', label: 'Reported' },
} as const;
export type Behaviour = keyof typeof BEHAVIOURS;

/** Run statuses that record no user activity (docs/keepnet-api.md#campaign-runs). */
const RUNS_WITHOUT_ACTIVITY = new Set(['idle', 'scheduled', 'canceled', 'cancelled', 'error']);

/**
 * Simulation failed / reported (docs/keepnet-api.md#simulation-behaviour-events, option A) in one channel (email phishing, smishing or quishing: the
 * same run list and user lists as the Keepnet node's Get Runs and Get Report, under the channel's base path): runs
 * created within the active window, then per run and behaviour the users who did it. Those lists are sorted by name in Keepnet's UI; sorting by event time
 * is unverified, so every page is read and the time window decides. Key = run + row + behaviour + last time:
 * a user who clicks again later is a new event.
 */
export async function simulationSources(
	env: PollEnv,
	company: CompanyRef,
	behaviours: Behaviour[],
	activeSinceMs: number,
	eventName: string,
	spec: ChannelSpec = CHANNELS.phishing,
): Promise<TimedSource[]> {
	const runs = await allRows(
		pager(env, `${spec.reportBase}/search`, { filter: buildFilter(), orderBy: 'CreatedDate', ascending: false }, company.resourceId),
		(row) => {
			const created = parseKeepnetDate(row.createdDate);
			if (created !== undefined && created < activeSinceMs) return 'stop';
			if (typeof row[spec.campaignIdField] !== 'string' || typeof row.instanceGroup !== 'number') return 'skip';
			return RUNS_WITHOUT_ACTIVITY.has(String(row.status ?? '').toLowerCase()) ? 'skip' : 'keep';
		},
	);
	const sources: TimedSource[] = [];
	for (const run of runs) {
		const campaignId = String(run[spec.campaignIdField]);
		const instanceGroup = Number(run.instanceGroup);
		const campaign = { [spec.campaignIdField]: campaignId, instanceGroup, name: run.name ?? null };
		for (const behaviour of behaviours) {
			const watched = BEHAVIOURS[behaviour];
			sources.push({
				cursorKey: company.resourceId,
				ordered: false,
				fetchPage: pager(
					env,
					`${spec.reportBase}/${watched.searchType}/search/${encodeURIComponent(campaignId)}/${instanceGroup}`,
					{ filter: buildFilter(), orderBy: 'FirstName', ascending: true, activityType: 0 },
					company.resourceId,
				),
				toEvent: (row) =>
					typeof row.resourceId === 'string' && typeof row[watched.timeField] === 'string'
						? event(`${campaignId}:${instanceGroup}:${row.resourceId}:${behaviour}@${String(row[watched.timeField])}`, row[watched.timeField], {
								event: eventName,
								channel: spec.channel,
								behaviour,
								eventTime: row[watched.timeField] ?? null,
								company: { ...company },
								campaign,
								record: row,
							})
						: undefined,
			});
		}
	}
	return sources;
}
