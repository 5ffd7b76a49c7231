import type { IDataObject } from 'n8n-workflow';

import { buildFilter, resultsOf, type PagedResults, type SearchSpec } from '../../transport/search';
import type { KeepnetSession } from '../../transport/session';

export interface IdResult {
	resourceId?: string;
}

export async function createTargetUser(
	session: KeepnetSession,
	companyId: string,
	body: IDataObject,
	itemIndex: number,
): Promise<string> {
	const created = await session.request<IdResult | undefined>({
		method: 'POST',
		path: '/api/target-users',
		body,
		companyId,
		retry: 'never',
		itemIndex,
	});
	return String(created?.resourceId ?? '');
}

/** The customer's target user with this email (case-insensitive), or undefined. */
export async function findTargetUserByEmail(
	session: KeepnetSession,
	companyId: string,
	email: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const page = await session.request<PagedResults<IDataObject> | undefined>({
		method: 'POST',
		path: '/api/target-users/search-email',
		body: { email, pageNumber: 1, pageSize: 10, orderBy: 'Email', ascending: true },
		companyId,
		retry: 'safe',
		itemIndex,
	});
	const wanted = email.toLowerCase();
	return resultsOf(page).find((user) => String(user.email ?? '').toLowerCase() === wanted);
}

/**
 * The stored record of one user. `itemIndex` is the input item the read is for; a Sync leaver is none, and is named
 * by `email` in a 404 instead.
 */
export async function getTargetUser(
	session: KeepnetSession,
	companyId: string,
	targetUserId: string,
	itemIndex: number | undefined,
	email?: string,
): Promise<IDataObject> {
	const user = await session.request<IDataObject | undefined>({
		method: 'GET',
		path: `/api/target-users/${targetUserId}`,
		companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: targetUserSubject(companyId, targetUserId, email),
	});
	return user ?? {};
}

/** Writes the whole record (Keepnet's PUT replaces it). `itemIndex` and `email` as for getTargetUser. */
export async function updateTargetUser(
	session: KeepnetSession,
	companyId: string,
	targetUserId: string,
	body: IDataObject,
	itemIndex: number | undefined,
	email?: string,
): Promise<string> {
	// A PUT carries the whole record, so sending it twice leaves the same result: safe to retry.
	const updated = await session.request<IdResult | undefined>({
		method: 'PUT',
		path: `/api/target-users/${targetUserId}`,
		body,
		companyId,
		retry: 'safe',
		itemIndex,
		notFoundSubject: targetUserSubject(companyId, targetUserId, email),
	});
	return String(updated?.resourceId ?? targetUserId);
}

/** How a 404 names the user: by email too when the caller knows it. */
function targetUserSubject(companyId: string, targetUserId: string, email: string | undefined): string {
	return email === undefined ? `target user "${targetUserId}" in company "${companyId}"` : `target user ${email} ("${targetUserId}") in company "${companyId}"`;
}

/** The search for a company's users that are not deleted, oldest or newest first (paged by the caller). */
export function liveTargetUsersSearch(companyId: string, order: 'oldestFirst' | 'newestFirst'): SearchSpec {
	return {
		path: '/api/target-users/search',
		body: { filter: buildFilter([{ FieldName: 'IsDeleted', Operator: 'Contains', Value: 'false' }]), orderBy: 'createTime', ascending: order === 'oldestFirst' },
		companyId,
	};
}
