import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { BULK_CREATE_MIN_USERS, MAX_PAGE_SIZE } from '../../../helpers/limits';
import { pages } from '../../../transport/paging';
import { parseKeepnetDate } from '../../../helpers/dates';
import { type BeforeSendingOutcome, type PhasedItemOperation, withSendPhases } from '../../sendPhases';
import type { BatchOperation, OperationOutput } from '../../types';
import { liveTargetUsersSearch } from '../api';
import type { PreparedTargetUserWrite } from '../body';
import { claimCreated, SEARCH_VIEW_FIELDS, storedAsSent } from './createdByRun';
import { indexExistingUsers } from './existingUsers';
import { IMPORT_COLUMNS } from './csvFile';
import { runImport } from './job';
import { failedEmails, previewByEmail } from './outcomes';
import { DEFAULT_MAX_WAIT_SECONDS, type ImportRow } from './types';
import type { KeepnetSession } from '../../../transport/session';

/**
 * Create and Create or Update of many new users for one company go through Keepnet's bulk import (upload, mapping,
 * preview, import job: about ten requests) instead of one POST per user, which is what makes a large onboarding
 * fast and cheap on Keepnet's rate limit. It is only a faster way to do what the per-item path does, so:
 * - only new users go this way (`OnlyNew`): an update always reads the stored record and PUTs it whole, since
 *   what an import does to the columns it is not given is not documented (docs/keepnet-api.md#bulk-import);
 * - only rows the import carries completely (every field has an import column; Active unset or on, as the import
 *   creates users active; target groups become the import's groups, one import per set of groups);
 * - every item still gets its own result, paired to it: a row is reported created only when the import created it
 *   from that row: its user, read back from the company's newest users, was created once the import job had started
 *   and holds what the row sent (createdByRun.ts); a user another client made meanwhile fails that test;
 * - whatever the import does not settle (an invalid or existing row, a failed row, a flow that broke off, a user
 *   that may be another client's) goes on to the per-item path with a `BulkImportHint` for its run (by item index,
 *   never written onto the prepared value): `importMayHaveCreated` where the import may have written it, so that
 *   the item looks the email up before creating, never makes the same user twice, and reports created (without
 *   writing it again) only a user holding what its row sent, and `existedAtPreview` where Keepnet's preview found
 *   the user already there;
 * - when a row would fail and the run is not set to continue on fail, nothing is imported: all items go one by
 *   one, so the run stops at that item exactly as it would have without the bulk path.
 */

/** One user of one company: emails are matched case-insensitively, as Keepnet does. */
function emailKey(prepared: PreparedTargetUserWrite): string {
	return `${prepared.companyId}\u0000${String(prepared.body.email).toLowerCase()}`;
}

interface BulkCandidate {
	itemIndex: number;
	prepared: PreparedTargetUserWrite;
}

/** What the import settled: itemIndex → resourceId of each user it created. */
type BulkCreated = Map<number, string>;

/**
 * What the bulk import learnt about an item it left to the per-item path, handed to that item's run by item index:
 * - `importMayHaveCreated`: Keepnet's preview saw the row as new and the import may have written it: look the email
 *   up before creating; a user found holding what the row sent is this run's (createdFromRow), not written again;
 * - `existedAtPreview`: the preview found the email already in the company: the index read before is out of date,
 *   look the email up (Create fails on it as Keepnet says).
 * No hint: the import never touched the item.
 */
export type BulkImportHint = 'importMayHaveCreated' | 'existedAtPreview';

/** The bulk step's hand-off: outputs of the items it created, hints for the items it left (sendPhases.ts). */
export type BulkSendOutcome = BeforeSendingOutcome<BulkImportHint>;

/** One user's prepare and run, its run told what the bulk import left it (undefined: nothing). */
export type BulkItemOperation = PhasedItemOperation<PreparedTargetUserWrite, BulkImportHint>;

const IMPORTED_FIELDS = new Set<string>(['email', 'targetGroupResourceIds', ...IMPORT_COLUMNS.map((column) => column.field)]);

/** Whether the import can write this body exactly as the per-item create would. */
function importCarriesWholly(body: IDataObject): boolean {
	for (const [field, value] of Object.entries(body)) {
		if (field === 'isActive') {
			if (value !== true) return false;
			continue;
		}
		if (!IMPORTED_FIELDS.has(field)) return false;
	}
	return true;
}

/**
 * The candidates grouped by import (company and groups), without any email that appears more than once (those run
 * one after another on the per-item path) and without groups too small to be worth an import.
 */
function bulkGroups(candidates: BulkCandidate[]): BulkCandidate[][] {
	const countByEmail = new Map<string, number>();
	for (const candidate of candidates) {
		const key = emailKey(candidate.prepared);
		countByEmail.set(key, (countByEmail.get(key) ?? 0) + 1);
	}
	const groups = new Map<string, BulkCandidate[]>();
	for (const candidate of candidates) {
		const { companyId, body } = candidate.prepared;
		if (countByEmail.get(emailKey(candidate.prepared)) !== 1) continue;
		if (!importCarriesWholly(body)) continue;
		const groupIds = Array.isArray(body.targetGroupResourceIds) ? [...(body.targetGroupResourceIds as string[])].sort() : [];
		const key = `${companyId}\u0000${groupIds.join(',')}`;
		const group = groups.get(key) ?? [];
		group.push(candidate);
		groups.set(key, group);
	}
	return [...groups.values()].filter((group) => group.length >= BULK_CREATE_MIN_USERS);
}

/**
 * The given emails among the company's users (as the search shows them), newest first (the users just imported are
 * the newest), reading pages until every email is found, the company has no more users, or one page more than the
 * emails fill has been read (users created meanwhile by others); an email not found is looked up on its own.
 */
async function readBack(session: KeepnetSession, companyId: string, emails: Set<string>): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const spec = liveTargetUsersSearch(companyId, 'newestFirst');
	const maxPages = Math.ceil(emails.size / MAX_PAGE_SIZE) + 1;
	for await (const page of pages(session.pageReader<IDataObject>(spec), { pageSize: MAX_PAGE_SIZE, maxPages })) {
		for (const user of page.rows) {
			const email = typeof user.email === 'string' ? user.email.toLowerCase() : undefined;
			if (email !== undefined && emails.has(email) && user.resourceId !== undefined && user.resourceId !== null) found.set(email, user);
		}
		if (found.size >= emails.size) break;
	}
	return found;
}

/**
 * Imports one group (one company, one set of groups) of new users. `rowMayFail(status)` says whether a preview
 * status other than New would make that item fail (Create: an existing user; both: an invalid row): without
 * Continue On Fail such a row means nothing is imported.
 */
async function importGroup(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	group: BulkCandidate[],
	created: BulkCreated,
	hints: Map<number, BulkImportHint>,
	rowMayFail: (status: string) => boolean,
): Promise<void> {
	const { companyId, body } = group[0].prepared;
	const rows: ImportRow[] = group.map(({ itemIndex, prepared }) => ({ itemIndex, email: String(prepared.body.email), body: prepared.body }));
	const settings = {
		companyId,
		mode: 'OnlyNew' as const,
		targetGroupIds: Array.isArray(body.targetGroupResourceIds) ? (body.targetGroupResourceIds as string[]) : [],
		maxWaitMs: DEFAULT_MAX_WAIT_SECONDS * 1000,
		stopOnInvalidRow: false,
	};
	const stopOnFailure = !ctx.continueOnFail();
	const flow = await runImport(ctx, session, settings, rows, (preview) => {
		if (!stopOnFailure) return true;
		const statusByEmail = previewByEmail(preview);
		return !rows.some((row) => rowMayFail(String(statusByEmail.get(row.email.toLowerCase())?.status ?? 'Missing')));
	});
	if (!flow.ok && !flow.failure.mayHaveWritten) return; // nothing was written: one by one, as without the bulk path
	if (flow.ok && !flow.result.imported) return;
	const preview = flow.ok ? flow.result.preview : flow.failure.preview;
	const job = flow.ok ? flow.result.job : undefined;
	const previewRows = previewByEmail(preview ?? []);
	const failures = job ? failedEmails(job) : new Map<string, string>();
	// Users the import may have created: rows Keepnet's preview saw as new (all rows when the preview is unknown).
	const mayBeCreated = new Set<string>();
	for (const { itemIndex, prepared } of group) {
		const email = String(prepared.body.email).toLowerCase();
		const status = preview ? previewRows.get(email)?.status : 'New';
		// Existing now: Create fails on it as Keepnet says; Create or Update must find it, not trust its own index.
		if (status === 'Exists') hints.set(itemIndex, 'existedAtPreview');
		else if (status === 'New') {
			// Looked up before anything is written on the per-item path, unless settled below.
			hints.set(itemIndex, 'importMayHaveCreated');
			if (!failures.has(email)) mayBeCreated.add(email);
		}
	}
	// Only a followed job dates the import (Keepnet's clock): without it, each item compares the whole record instead.
	const jobStartedMs = parseKeepnetDate(job?.createTime);
	if (jobStartedMs === undefined || mayBeCreated.size === 0) return;
	let users = new Map<string, IDataObject>();
	try {
		users = await readBack(session, companyId, mayBeCreated);
	} catch {
		// Each unread user is looked up by email on the per-item path instead.
	}
	for (const { itemIndex, prepared } of group) {
		const user = users.get(String(prepared.body.email).toLowerCase());
		if (user === undefined) continue;
		const createdMs = parseKeepnetDate(user.createTime);
		// Created after the job started and holding what the row sent (as far as the search shows): the import's.
		// Anything else (another client's user, made before or during the import) is settled on the per-item path.
		if (createdMs === undefined || createdMs < jobStartedMs || !storedAsSent(user, prepared.body, SEARCH_VIEW_FIELDS)) continue;
		if (!claimCreated(session, String(user.resourceId))) continue;
		hints.delete(itemIndex);
		created.set(itemIndex, String(user.resourceId));
	}
}

/**
 * Target User Create or Create or Update as the router runs it: the operation's own prepare and run for one user,
 * with the bulk path in front. After every item was prepared and checked, Create or Update reads which users each
 * company has (existingUsers.ts), then the new users worth it are created through the bulk import; every other
 * item then runs one by one through the runner, with Concurrency and its pacing, items of the same company and
 * email one after the other when `oneAtATimePerEmail`.
 */
export interface BulkWrite extends BulkCreateUse {
	/** Prepare and run of one user: what the item does without the bulk path, and after it for what it left. */
	perItem: BulkItemOperation;
	/** Read each company's users once before sending, when many items go to it (Create or Update). */
	readExistingUsers: boolean;
	/** Items with the same company and email run one after the other (Create or Update: never two creates). */
	oneAtATimePerEmail: boolean;
}

/** Which items the bulk import may create, and what their outputs are. */
export interface BulkCreateUse {
	/** Whether this item may be created in bulk (Create: every item; Create or Update: those the company lacks). */
	isCandidate(item: PreparedTargetUserWrite, session: KeepnetSession): boolean;
	/** Whether a preview status other than New would make the item fail (see importGroup). */
	rowMayFail(status: string): boolean;
	/** The item's output once created: the same as its per-item path gives. */
	createdOutput(item: PreparedTargetUserWrite, resourceId: string, session: KeepnetSession): OperationOutput;
}

export function bulkWriteOperation(write: BulkWrite): BatchOperation {
	return withSendPhases<PreparedTargetUserWrite, BulkImportHint>(write.perItem, {
		async beforeSending(prepared, session) {
			if (write.readExistingUsers) {
				// Many items for one company: read which emails it has once, instead of one lookup per item.
				const itemCountByCompany = new Map<string, number>();
				for (const item of prepared) if (item) itemCountByCompany.set(item.companyId, (itemCountByCompany.get(item.companyId) ?? 0) + 1);
				await indexExistingUsers(session, itemCountByCompany);
			}
			return await sendNewUsersInBulk(this, session, prepared, write);
		},
		serialKey: write.oneAtATimePerEmail ? emailKey : undefined,
	});
}

/**
 * Creates the candidates through the bulk import where worthwhile (Options → Create New Users in Bulk on) and returns
 * the outputs of the items it created and the hints for the items it left, by item index (Create, Create or Update,
 * and Sync's joiners).
 */
export async function sendNewUsersInBulk(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	prepared: ReadonlyArray<PreparedTargetUserWrite | undefined>,
	write: BulkCreateUse,
): Promise<BulkSendOutcome> {
	const settled = new Map<number, OperationOutput[]>();
	const hints = new Map<number, BulkImportHint>();
	if (!bulkCreateEnabled(ctx)) return { settled, hints };
	const candidates = prepared.flatMap((item, itemIndex) => (item && write.isCandidate(item, session) ? [{ itemIndex, prepared: item }] : []));
	const created: BulkCreated = new Map();
	for (const group of bulkGroups(candidates)) await importGroup(ctx, session, group, created, hints, write.rowMayFail);
	for (const [itemIndex, resourceId] of created) {
		const item = prepared[itemIndex];
		if (item) settled.set(itemIndex, [write.createdOutput(item, resourceId, session)]);
	}
	return { settled, hints };
}

/** Options → Create New Users in Bulk (on unless switched off), read once per run like Concurrency. */
function bulkCreateEnabled(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter('options.bulkCreate', 0, true) !== false;
}
