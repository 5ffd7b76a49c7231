import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { resolveNamesOrIds } from '../../helpers/namesOrIds';
import { inputError } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import { ROLES_FIELD } from './body';
import type { KeepnetSession } from '../../transport/session';

/** Keepnet calls more than one System User operation makes. */

/**
 * Keepnet has no GET for one system user, so it is found through the search, page by page
 * (a company has few administrators).
 */
export async function findSystemUser(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	systemUserId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const users = await session.search<IDataObject>(
		{
			path: '/api/system-users/search',
			body: { filter: buildFilter(), orderBy: 'CreateTime', ascending: true },
			companyId,
			itemIndex,
		},
		Number.POSITIVE_INFINITY,
		MAX_PAGE_SIZE,
	);
	const user = users.find((candidate) => candidate.resourceId === systemUserId);
	if (!user) {
		throw inputError(
			ctx,
			itemIndex,
			`Company "${companyId}" has no system user "${systemUserId}"`,
			'Pick the system user from the list, or use System User → Get Many to find its ID.',
		);
	}
	return user;
}

export async function sendInformationEmail(
	session: KeepnetSession,
	companyId: string,
	systemUserId: string,
	itemIndex: number,
): Promise<void> {
	await session.request({
		method: 'POST',
		path: `/api/system-users/${systemUserId}/send-information-email`,
		body: {},
		companyId,
		retry: 'never',
		itemIndex,
		notFoundSubject: `system user "${systemUserId}" in company "${companyId}"`,
	});
}

/** The roles of a company, as GET /api/roles lists them ({resourceId, name}). */
async function companyRoles(session: KeepnetSession, companyId: string, itemIndex: number): Promise<IDataObject[]> {
	const roles = await session.request<IDataObject[] | undefined>({
		method: 'GET',
		path: '/api/roles',
		companyId,
		retry: 'safe',
		itemIndex,
	});
	return Array.isArray(roles) ? roles : [];
}

/**
 * The role IDs for the entries of Role Names or IDs: each entry is a role's ID (exact) or its name (any
 * case), of the company the user belongs to (see helpers/namesOrIds.ts). The company's roles are read once
 * (one GET /api/roles per item); an entry that matches no role fails the item before anything is written.
 */
export async function resolveRoleIds(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	entries: string[],
	itemIndex: number,
): Promise<string[]> {
	const roles = await companyRoles(session, companyId, itemIndex);
	return resolveNamesOrIds(ctx, ROLES_FIELD, entries, roles, { where: `of company "${companyId}"`, itemIndex });
}

/**
 * The role IDs a stored system user has. The search shows roles only as names ("Company Admin, Auditor"),
 * while a PUT takes IDs and replaces the roles, so the names are matched against the company's roles.
 */
export async function currentRoleIds(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	stored: IDataObject,
	itemIndex: number,
): Promise<string[]> {
	const names = String(stored.roles ?? '')
		.split(',')
		.map((name) => name.trim().toLowerCase())
		.filter((name) => name !== '');
	if (names.length === 0) return [];
	const roles = await companyRoles(session, companyId, itemIndex);
	return names.map((name) => {
		const role = roles.find((candidate) => String(candidate.name ?? '').toLowerCase() === name);
		if (!role?.resourceId) {
			throw inputError(
				ctx,
				itemIndex,
				`The system user's current role "${name}" is not among the roles of company "${companyId}"`,
				'Set Role Names or IDs under Update Fields, so the update does not depend on the current roles.',
			);
		}
		return String(role.resourceId);
	});
}
