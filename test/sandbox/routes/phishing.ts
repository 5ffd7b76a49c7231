/**
 * Phishing reports (docs/keepnet-api.md#campaign-and-run-lists, docs/keepnet-api.md#per-behaviour-user-reports): the run list across campaigns and the per-behaviour user
 * lists of one run, scoped to the company of the call.
 */
import { inputError, JsonReader, notFound, ok, requireJsonObject } from '../http';
import { BEHAVIOUR_FIELDS, journeyOf, PHISHING_BEHAVIOURS, type PhishingBehaviour, type PhishingCampaignRecord, type PhishingRunRecord, type PhishingUserRow } from '../journey';
import { scopedCompany, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';

interface RunRow {
	campaign: PhishingCampaignRecord;
	run: PhishingRunRecord;
}

/**
 * Sortable as in the UI (`CreatedDate` default) and DOCS (`Name`); `CreateTime` is not a field of the row
 * and is refused with 400, as DOCS warn for this endpoint (docs/keepnet-api.md#campaign-and-run-lists).
 */
export const runSchema: SearchSchema<RunRow> = {
	fields: fieldTable<RunRow>([
		[['name'], { kind: 'string', get: (row) => row.campaign.name }],
		[['startDate'], { kind: 'date', get: (row) => row.run.startDate }],
		[['createdDate'], { kind: 'date', get: (row) => row.run.createdDate }],
		[['status'], { kind: 'string', get: (row) => row.run.status }],
		[['totalTargetUserCount'], { kind: 'number', get: (row) => row.run.users.size }],
	]),
	defaultSortField: 'createddate',
	freeText: (row) => [row.campaign.name],
	seq: (row) => row.run.seq,
};

export function total(run: PhishingRunRecord, behaviour: PhishingBehaviour): number {
	let sum = 0;
	for (const row of run.users.values()) if (Number(row[BEHAVIOUR_FIELDS[behaviour].count]) > 0) sum++;
	return sum;
}

/** PhishingCampaignJobReportSearchView. */
export function toRunSearchView(row: RunRow): Record<string, unknown> {
	return {
		phishingCampaignResourceId: row.campaign.resourceId,
		instanceGroup: row.run.instanceGroup,
		name: row.campaign.name,
		startDate: row.run.startDate,
		createdDate: row.run.createdDate,
		status: row.run.status,
		method: 'Email',
		createdBy: row.campaign.createdBy,
		totalTargetUserCount: row.run.users.size,
		totalOpenedCount: total(row.run, 'opened'),
		totalClickedCount: total(row.run, 'clicked'),
		totalSubmittedCount: total(row.run, 'submitteddata'),
		totalAttachmentOpenedCount: total(row.run, 'attachmentopened'),
		totalSubmittedMFACount: total(row.run, 'mfa'),
		emailDeliveredUserCount: deliveredCount(row.run),
		totalNoResponseCount: noResponseCount(row.run),
	};
}

/**
 * Delivery outcome of a run row, from its status: "Not Delivered" (the mail server refused it) and "Failed To Send"
 * (Keepnet could not send it) are the run summary's delivery errors (docs/results-reporting.md#run-summary-and-run-list); anything else was delivered.
 */
export const NOT_DELIVERED_STATUS = 'Not Delivered';
export const FAILED_TO_SEND_STATUS = 'Failed To Send';

export function deliveredCount(run: PhishingRunRecord): number {
	let sum = 0;
	for (const row of run.users.values()) if (row.status !== NOT_DELIVERED_STATUS && row.status !== FAILED_TO_SEND_STATUS) sum++;
	return sum;
}

export function noResponseCount(run: PhishingRunRecord): number {
	let sum = 0;
	for (const row of run.users.values()) if (PHISHING_BEHAVIOURS.every((name) => Number(row[BEHAVIOUR_FIELDS[name].count]) === 0)) sum++;
	return sum;
}

export const phishingUserSchema: SearchSchema<PhishingUserRow> = {
	fields: fieldTable<PhishingUserRow>([
		[['firstName'], { kind: 'string', get: (row) => row.firstName }],
		[['lastName'], { kind: 'string', get: (row) => row.lastName }],
		[['email'], { kind: 'string', get: (row) => row.email }],
		[['department'], { kind: 'string', get: (row) => row.department }],
		[['lastSendingTime'], { kind: 'date', get: (row) => row.lastSendingTime }],
		[['lastOpenedTime', 'openedTime'], { kind: 'date', get: (row) => row.lastOpenedTime }],
		[['lastClickedTime', 'clickedTime'], { kind: 'date', get: (row) => row.lastClickedTime }],
		[['lastSubmittedTime', 'submittedTime'], { kind: 'date', get: (row) => row.lastSubmittedTime }],
		[['lastAttachmentOpenedTime'], { kind: 'date', get: (row) => row.lastAttachmentOpenedTime }],
		[['mfaLastSubmittedTime'], { kind: 'date', get: (row) => row.mfaLastSubmittedTime }],
		[['lastReportedTime', 'reportedTime'], { kind: 'date', get: (row) => row.lastReportedTime }],
	]),
	defaultSortField: 'firstname',
	freeText: (row) => [row.firstName, row.lastName, row.email],
	seq: (row) => row.seq,
};

/** PhishingCampaignJobUsersSearchView: no targetUserResourceId (docs/keepnet-api.md#per-behaviour-user-reports). */
export function toPhishingUserView(row: PhishingUserRow): Record<string, unknown> {
	const { seq: _seq, targetUserResourceId: _id, lastRepliedTime: _replied, ...view } = row;
	return view;
}

/** Path values as the UI sends them, case-insensitive; DOCS' `Submitted` is refused (docs/keepnet-api.md#per-behaviour-user-reports). */
export function behaviourOf(searchType: string): PhishingBehaviour | 'all' | 'noresponse' {
	const value = searchType.toLowerCase();
	if (value === 'all' || value === 'noresponse') return value;
	if ((PHISHING_BEHAVIOURS as readonly string[]).includes(value)) return value as PhishingBehaviour;
	throw inputError([`The value '${searchType}' is not valid for searchType.`], 'Invalid request');
}

/** The users of a run with a behaviour; activityType 0 = human activity only (UI default), 2 = bot/sandbox activity too. */
export function runUsersBy(run: PhishingRunRecord, behaviour: PhishingBehaviour | 'all' | 'noresponse', activityType: number): PhishingUserRow[] {
	return Array.from(run.users.values()).filter((row) => {
		if (behaviour === 'all') return true;
		if (behaviour === 'noresponse') return PHISHING_BEHAVIOURS.every((name) => Number(row[BEHAVIOUR_FIELDS[name].count]) === 0);
		return Number(row[BEHAVIOUR_FIELDS[behaviour].count]) > 0 && (activityType === 2 || row.activityType === 0);
	});
}

export function registerPhishingRoutes(router: Router): void {
	router.add('POST', '/api/phishing-simulator/phishing-campaign-job-report/search', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, runSchema, { filterRequired: true });
		reader.throwIfErrors();
		return ok(searchCollection(journeyOf(ctx.app.store).runsOf(company.resourceId), runSchema, request, toRunSearchView));
	});

	router.add('POST', '/api/phishing-simulator/phishing-campaign-job-report/{searchType}/search/{campaignId}/{instanceGroup}', (ctx) => {
		const company = scopedCompany(ctx);
		const behaviour = behaviourOf(ctx.params.searchType);
		const campaign = journeyOf(ctx.app.store).campaigns.get(ctx.params.campaignId);
		const run = campaign?.companyId === company.resourceId ? campaign.runs.get(Number(ctx.params.instanceGroup)) : undefined;
		if (!run) throw notFound('Phishing campaign instance not found.');
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, phishingUserSchema, { filterRequired: true });
		const activityType = reader.int('activityType') ?? 0;
		reader.throwIfErrors();
		return ok(searchCollection(runUsersBy(run, behaviour, activityType), phishingUserSchema, request, toPhishingUserView));
	});
}
