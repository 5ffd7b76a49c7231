import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { namesOrIdsEntries, resolveNamesOrIds, type NamesOrIdsField } from '../../helpers/namesOrIds';
import { keepnetIdList } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { KeepnetSession } from '../../transport/session';

/**
 * Keepnet calls of the Company Group operations (and of Company → Create/Update's Company Groups field).
 *
 * Membership writes are built so that they cannot take a company out of a group by accident, whichever way Keepnet
 * reads `PUT /company-groups/{id}/participants` (its spec: "adds the given companies"; its docs: "replaces the member
 * list"), and whichever way `PUT /company-groups/{id}` treats its `companyResourceIdArray`: the node reads the members
 * first, sends the full list it wants to keep (members plus new ones), then reads the members again and checks.
 */

export const notFoundGroup = (groupId: string) => `company group "${groupId}"`;

/** Company Group Names or IDs, as helpers/namesOrIds.ts reads and resolves it. */
export const COMPANY_GROUPS_FIELD: NamesOrIdsField = { label: 'Company Group Names or IDs', noun: 'company group', example: `{{ ['EMEA Customers'] }} or "EMEA Customers, Gold"` };

export function companyGroupEntries(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	return namesOrIdsEntries(ctx, COMPANY_GROUPS_FIELD, value, itemIndex);
}

/** The company groups of the reseller (GET /api/company-groups: one unpaged list). */
export async function listCompanyGroups(session: KeepnetSession, itemIndex: number): Promise<IDataObject[]> {
	const groups = await session.request<IDataObject[] | undefined>({ method: 'GET', path: '/api/company-groups', retry: 'safe', itemIndex });
	return Array.isArray(groups) ? groups : [];
}

/** The IDs of the company groups the entries name (names matched to the reseller's groups, read once). */
export async function resolveCompanyGroupIds(ctx: IExecuteFunctions, session: KeepnetSession, entries: string[], itemIndex: number): Promise<string[]> {
	const groups = await listCompanyGroups(session, itemIndex);
	return resolveNamesOrIds(ctx, COMPANY_GROUPS_FIELD, entries, groups, { where: 'you manage', itemIndex });
}

export async function getCompanyGroup(session: KeepnetSession, groupId: string, itemIndex: number): Promise<IDataObject> {
	const group = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/company-groups/${groupId}`,
		retry: 'safe',
		itemIndex,
		notFoundSubject: notFoundGroup(groupId),
	});
	return group ?? {};
}

/** The member companies of a group (SearchGroupCompanyDto rows), up to `limit`. */
export async function groupCompanies(session: KeepnetSession, groupId: string, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await session.search<IDataObject>(
		{
			path: `/api/company-groups/${groupId}/companies/search`,
			body: { filter: buildFilter(), orderBy: 'CreateTime', ascending: true },
			itemIndex,
			notFoundSubject: notFoundGroup(groupId),
		},
		limit,
		MAX_PAGE_SIZE,
	);
}

/** The IDs of every member company of a group. */
export async function groupMemberIds(session: KeepnetSession, groupId: string, itemIndex: number): Promise<string[]> {
	const rows = await groupCompanies(session, groupId, Number.POSITIVE_INFINITY, itemIndex);
	return rows.map((row) => String(row.companyResourceId ?? '')).filter((id) => id !== '');
}

/** The company IDs of Company Names or IDs (picked from the list, or given by an expression). */
export function readCompanyIds(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	return [...new Set(keepnetIdList(ctx, value, 'Company Names or IDs', itemIndex))];
}

/** After a membership write: the companies that should be members and are not, and those that should not be and are. */
function checkMembers(
	ctx: IExecuteFunctions,
	groupId: string,
	after: string[],
	expected: { present: string[]; absent: string[] },
	itemIndex: number,
): void {
	const missing = expected.present.filter((id) => !after.includes(id));
	const stillThere = expected.absent.filter((id) => after.includes(id));
	if (missing.length === 0 && stillThere.length === 0) return;
	const parts = [
		missing.length > 0 ? `not members although they should be: ${missing.join(', ')}` : '',
		stillThere.length > 0 ? `still members although they should not be: ${stillThere.join(', ')}` : '',
	].filter((part) => part !== '');
	throw new NodeOperationError(ctx.getNode(), `Company group "${groupId}" does not hold the expected companies after the change (${parts.join('; ')}) (item ${itemIndex})`, {
		itemIndex,
		description:
			'Keepnet accepted the change but the members read back differ, so another change may have run at the same time, or Keepnet behaves in a way neither its spec nor its docs describe. Check the group in Keepnet (Company Group → Get Companies) and add back any company that is missing.',
	});
}

export interface MembershipChange {
	/** Companies whose membership this operation changed. */
	changed: string[];
	/** Companies that were already as asked (members for Add, not members for Remove). */
	unchanged: string[];
	/** The group's members after the change. */
	members: string[];
}

/**
 * Adds companies to a group without ever removing one: reads the members, sends members + new companies (right
 * under the "add" and the "replace" reading alike), reads the members again and checks that everyone who was a
 * member still is and every new company is. Nothing is sent when every company is already a member.
 */
export async function addCompaniesToGroup(ctx: IExecuteFunctions, session: KeepnetSession, groupId: string, companyIds: string[], itemIndex: number): Promise<MembershipChange> {
	const before = await groupMemberIds(session, groupId, itemIndex);
	const added = companyIds.filter((id) => !before.includes(id));
	const unchanged = companyIds.filter((id) => before.includes(id));
	if (added.length === 0) return { changed: [], unchanged, members: before };
	const union = [...before, ...added];
	await session.request({
		method: 'PUT',
		path: `/api/company-groups/${groupId}/participants`,
		body: { companyResourceIdArray: union },
		// Sending the same full list twice leaves the same members under either reading.
		retry: 'safe',
		itemIndex,
		notFoundSubject: notFoundGroup(groupId),
	});
	const after = await groupMemberIds(session, groupId, itemIndex);
	checkMembers(ctx, groupId, after, { present: union, absent: [] }, itemIndex);
	return { changed: added, unchanged, members: after };
}

/**
 * Removes exactly the given companies from a group: only those that are members are sent, and the members read
 * back afterwards must be the ones before minus those (nobody else removed, none of them left).
 */
export async function removeCompaniesFromGroup(ctx: IExecuteFunctions, session: KeepnetSession, groupId: string, companyIds: string[], itemIndex: number): Promise<MembershipChange> {
	const before = await groupMemberIds(session, groupId, itemIndex);
	const removed = companyIds.filter((id) => before.includes(id));
	const unchanged = companyIds.filter((id) => !before.includes(id));
	if (removed.length === 0) return { changed: [], unchanged, members: before };
	await session.request({
		method: 'DELETE',
		path: `/api/company-groups/${groupId}/participants`,
		body: { companyResourceIdArray: removed },
		retry: 'safe',
		itemIndex,
		notFoundSubject: notFoundGroup(groupId),
	});
	const after = await groupMemberIds(session, groupId, itemIndex);
	checkMembers(ctx, groupId, after, { present: before.filter((id) => !removed.includes(id)), absent: removed }, itemIndex);
	return { changed: removed, unchanged, members: after };
}

/**
 * Renames a group and keeps its members: the PUT carries the current member list, so a Keepnet that reads the
 * array as the new member list (or a missing array as "none") keeps them all; the members are checked afterwards.
 */
export async function renameCompanyGroup(ctx: IExecuteFunctions, session: KeepnetSession, groupId: string, name: string, itemIndex: number): Promise<string[]> {
	const members = await groupMemberIds(session, groupId, itemIndex);
	await session.request({
		method: 'PUT',
		path: `/api/company-groups/${groupId}`,
		body: { name, companyResourceIdArray: members },
		retry: 'safe',
		itemIndex,
		notFoundSubject: notFoundGroup(groupId),
	});
	const after = await groupMemberIds(session, groupId, itemIndex);
	checkMembers(ctx, groupId, after, { present: members, absent: [] }, itemIndex);
	return after;
}
