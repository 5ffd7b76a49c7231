import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, keepnetIdList, requiredEmail, requiredString } from '../../helpers/validation';
import { keepnetApiRequest, type KeepnetRunState } from '../../transport/request';
import { buildFilter, searchRecords } from '../../transport/search';
import { MAX_PAGE_SIZE, recordLocator } from '../common';

/** System user limits from Keepnet's OpenAPI spec (same for create and update). */
export const SYSTEM_USER_LIMITS = { name: 40, email: 320, phoneNumber: 20 } as const;

export const systemUserLocator = (operations: string[]) =>
	recordLocator({
		name: 'systemUserId',
		displayName: 'System User',
		searchListMethod: 'searchSystemUsers',
		description: 'The system user (platform administrator), searchable by name or email within the selected company',
		displayOptions: { show: { resource: ['systemUser'], operation: operations } },
	});

export const roleIdsField = (operations: string[], required: boolean): INodeProperties => ({
	displayName: 'Role Names or IDs',
	name: 'roleIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRoles', loadOptionsDependsOn: ['companyId.value'] },
	default: [],
	required,
	description:
		'Roles of the selected company to give the user, e.g. Company Admin. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	displayOptions: { show: { resource: ['systemUser'], operation: operations } },
});

/**
 * Where a system-user update (PUT, which replaces the record) takes each stored value from: the
 * SystemUserSearchDto of the search (there is no GET by ID, contract §3.2, §3.4). Keyed by the update
 * schema's property (helpers/updateSchemas.generated.ts). roleResourceIdList is carried by
 * currentRoleIds, which matches the stored role names to the company's role IDs.
 */
export const SYSTEM_USER_CARRIED_ON_UPDATE: Record<string, string> = {
	firstName: 'firstName',
	lastName: 'lastName',
	email: 'email',
	phoneNumber: 'phoneNumber',
	statusId: 'statusId',
	roleResourceIdList: 'roles',
};

export const statusOptions = [
	{ name: 'Active', value: 1 },
	{ name: 'Inactive', value: 0 },
];

export function systemUserBody(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number): IDataObject {
	const body: IDataObject = {
		firstName: requiredString(ctx, fields.firstName, 'First Name', itemIndex, { max: SYSTEM_USER_LIMITS.name }),
		lastName: requiredString(ctx, fields.lastName, 'Last Name', itemIndex, { max: SYSTEM_USER_LIMITS.name }),
		email: requiredEmail(ctx, fields.email, 'Email', itemIndex),
		phoneNumber: requiredString(ctx, fields.phoneNumber, 'Phone Number', itemIndex, { max: SYSTEM_USER_LIMITS.phoneNumber }),
	};
	if (fields.statusId !== undefined) {
		const statusId = Number(fields.statusId);
		if (statusId !== 0 && statusId !== 1) {
			throw inputError(ctx, itemIndex, `Status "${String(fields.statusId)}" is not one Keepnet knows`, 'Use Active or Inactive.');
		}
		body.statusId = statusId;
	}
	if (fields.roleIds !== undefined) {
		body.roleResourceIdList = keepnetIdList(ctx, fields.roleIds, 'Role', itemIndex);
	}
	return body;
}

/**
 * Keepnet has no GET for one system user, so it is found through the search, page by page
 * (a company has few administrators).
 */
export async function findSystemUser(
	ctx: IExecuteFunctions,
	state: KeepnetRunState,
	companyId: string,
	systemUserId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const users = await searchRecords<IDataObject>(
		ctx,
		state,
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
	ctx: IExecuteFunctions,
	state: KeepnetRunState,
	companyId: string,
	systemUserId: string,
	itemIndex: number,
): Promise<void> {
	await keepnetApiRequest(ctx, state, {
		method: 'POST',
		path: `/api/system-users/${systemUserId}/send-information-email`,
		body: {},
		companyId,
		retry: 'never',
		itemIndex,
		notFoundSubject: `system user "${systemUserId}" in company "${companyId}"`,
	});
}

/**
 * The role IDs a stored system user has. The search shows roles only as names ("Company Admin, Auditor"),
 * while a PUT takes IDs and replaces the roles, so the names are matched against the company's roles.
 */
export async function currentRoleIds(
	ctx: IExecuteFunctions,
	state: KeepnetRunState,
	companyId: string,
	stored: IDataObject,
	itemIndex: number,
): Promise<string[]> {
	const names = String(stored.roles ?? '')
		.split(',')
		.map((name) => name.trim().toLowerCase())
		.filter((name) => name !== '');
	if (names.length === 0) return [];
	const roles =
		(await keepnetApiRequest<IDataObject[] | undefined>(ctx, state, {
			method: 'GET',
			path: '/api/roles',
			companyId,
			retry: 'safe',
			itemIndex,
		})) ?? [];
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
