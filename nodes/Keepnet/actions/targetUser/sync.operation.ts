import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { companyLocator, optionsCollection } from '../../helpers/descriptions';
import { BULK_CREATE_MIN_USERS, DEFAULT_CONCURRENCY, MAX_CONCURRENCY, MAX_PAGE_SIZE } from '../../helpers/limits';
import { readCompanyId } from '../../helpers/parameters';
import { refuseStoredValuesOverUpdateLimits } from '../../helpers/updateCarry';
import { inputError } from '../../helpers/validation';
import { failedAfterRateLimit, writeOutcomeInDoubt } from '../../transport/request';
import { collectRows } from '../../transport/paging';
import { buildFilter, type SearchSpec } from '../../transport/search';
import { ItemSlots } from '../pacing';
import type { BatchOperation } from '../types';
import { findTargetUserByEmail, getTargetUser, liveTargetUsersSearch, updateTargetUser } from './api';
import {
	normaliseTargetUserBody,
	type PreparedTargetUserWrite,
	readTargetUserFields,
	TARGET_USER_PROPERTY_LABELS,
	targetUserBodyFromFields,
	writableFieldsOf,
} from './body';
import { createChecked, createdFromRow, sendNewUsersInBulk } from './bulkImport';
import { mappingModeNotice, mappingModeProperty, targetUserOptionalFields } from './fields';
import {
	differences,
	FIELDS_IN_SEARCH_VIEW,
	FIELDS_NEEDING_RECORD,
	type FieldChange,
	guardRemovals,
	type LeaverAction,
	type ManagedUser,
	personNeedsRecord,
	removalLimit,
	type RemovalLimitSetting,
	type SourcePerson,
} from './sync/plan';
import type { KeepnetSession } from '../../transport/session';

/**
 * Target User → Sync (Mirror a List): the input items are the complete list of a company's people (an HR export, a
 * sheet); Keepnet's managed users are made to match it. Joiners are created, changed people updated losslessly,
 * people inactive in Keepnet reactivated, and managed users absent from the list (leavers) deactivated, deleted or
 * only reported, behind a guard against a broken source. Dry Run outputs the whole plan and writes nothing.
 * Everything the run does is in docs/target-user-sync.md.
 */

const mappedBelow = { show: { mappingMode: ['defineBelow'] } };

/** The fields a source row may set. Active and groups are the sync's own business (reactivation, the managed group). */
const syncFieldOptions = targetUserOptionalFields.filter((field) => field.name !== 'isActive' && field.name !== 'targetGroupIds');

const ALL_SYNCED_FIELDS = [...FIELDS_IN_SEARCH_VIEW, ...FIELDS_NEEDING_RECORD];

export const description: INodeProperties[] = [
	companyLocator(),
	{
		displayName: 'Managed Users',
		name: 'managedUsers',
		type: 'options',
		noDataExpression: true,
		required: true,
		options: [
			{
				name: 'Members of One Target Group',
				value: 'groupMembers',
				description: 'Only members of the chosen group can be leavers; new users are added to it. Users from SCIM, another source or the console stay untouched.',
			},
			{
				name: 'All Target Users of the Company',
				value: 'allUsers',
				description: 'Every target user of the company not in the list is a leaver, whoever created it',
			},
		],
		default: 'groupMembers',
		description: 'Which Keepnet users this sync owns: only these are ever deactivated or deleted',
	},
	{
		displayName: 'Target Group Name or ID',
		name: 'targetGroupId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
		default: '',
		required: true,
		description:
			'The group whose members this sync manages (an expression may also give its exact name). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { managedUsers: ['groupMembers'] } },
	},
	{
		displayName: 'Leavers',
		name: 'leaverAction',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Deactivate', value: 'deactivate', description: 'Set them inactive: history kept, no more simulations or training' },
			{ name: 'Delete', value: 'delete', description: 'Delete them (Keepnet keeps them as deleted and frees their seat)' },
			{ name: 'Report Only', value: 'reportOnly', description: 'Output them without changing anything in Keepnet' },
		],
		default: 'deactivate',
		description: 'What happens to managed users who are not in the input list',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only output the plan (who would be created, updated with which fields, reactivated, deactivated or deleted) without writing anything',
	},
	{
		displayName:
			'The input items must be the complete list of people for this company: each run makes Keepnet match it. Leavers are removed only within the limit under Options.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
	},
	{ ...mappingModeProperty('autoMapInputData') },
	mappingModeNotice(),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. jane.doe@example.com',
		default: '',
		required: true,
		description: 'The email address that identifies the person (matched trimmed and without case)',
		displayOptions: mappedBelow,
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		placeholder: 'e.g. +441234567890',
		default: '',
		description: 'Phone number with country code. Needed to create a person Keepnet does not have yet; left empty, an existing user keeps its number.',
		displayOptions: mappedBelow,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: syncFieldOptions,
		displayOptions: mappedBelow,
	},
	optionsCollection([
		{
			displayName: 'Create New Users in Bulk',
			name: 'bulkCreate',
			type: 'boolean',
			default: true,
			description: `Whether ${BULK_CREATE_MIN_USERS} or more joiners are created through Keepnet's bulk import (about ten requests in all) instead of one request each`,
		},
		{
			displayName: 'Removal Limit',
			name: 'removalLimit',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 10,
			description:
				'The most leavers one run may deactivate or delete, in the unit below (a percentage is at least 1 user). More than that and nobody is removed. 0 means no limit.',
		},
		{
			displayName: 'Removal Limit Unit',
			name: 'removalLimitUnit',
			type: 'options',
			options: [
				{ name: 'Percent of Managed Users', value: 'percent' },
				{ name: 'Users', value: 'users' },
			],
			default: 'percent',
		},
		{
			displayName: 'Stop All Writes When the Limit Is Exceeded',
			name: 'stopAllOnLimit',
			type: 'boolean',
			default: false,
			description: 'Whether joiners and changes are also held back when the leavers exceed the Removal Limit (by default they are still applied)',
		},
	]),
];

interface SyncSettings {
	companyId: string;
	/** The managed group as given: its ID (picked from the list) or its exact name (an expression); resolved when the run reads Keepnet. */
	scope: { kind: 'allUsers' } | { kind: 'groupMembers'; group: string };
	leaverAction: LeaverAction;
	dryRun: boolean;
	concurrency: number;
	limit: RemovalLimitSetting;
	stopAllOnLimit: boolean;
}

function readSettings(ctx: IExecuteFunctions, session: KeepnetSession): SyncSettings {
	const companyId = readCompanyId(session, 0);
	const scopeKind = ctx.getNodeParameter('managedUsers', 0) as string;
	let scope: SyncSettings['scope'];
	if (scopeKind === 'allUsers') scope = { kind: 'allUsers' };
	else if (scopeKind === 'groupMembers') {
		const raw = ctx.getNodeParameter('targetGroupId', 0, '');
		if (raw === '' || raw === undefined || raw === null) {
			throw inputError(ctx, 0, 'No target group chosen for Managed Users', 'Choose the group whose members this sync manages under Target Group, or set Managed Users to All Target Users of the Company.');
		}
		if (typeof raw !== 'string' || raw.trim().length > 100) {
			throw inputError(ctx, 0, 'Target Group must be one group, by ID or by its name', 'Pick the group from the list, or give its exact name with an expression such as {{ "HR Sync" }}.');
		}
		scope = { kind: 'groupMembers', group: raw.trim() };
	} else throw inputError(ctx, 0, `Managed Users "${scopeKind}" is not a known choice`, 'Choose Members of One Target Group or All Target Users of the Company.');
	const leaverAction = ctx.getNodeParameter('leaverAction', 0, 'deactivate') as LeaverAction;
	if (!['deactivate', 'delete', 'reportOnly'].includes(leaverAction)) {
		throw inputError(ctx, 0, `Leavers "${String(leaverAction)}" is not a known choice`, 'Choose Deactivate, Delete or Report Only.');
	}
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
	if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
		throw inputError(ctx, 0, `Concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, not ${String(options.concurrency)}`, 'Set Options → Concurrency to a number such as 10.');
	}
	const unit = (options.removalLimitUnit ?? 'percent') as RemovalLimitSetting['unit'];
	const value = Number(options.removalLimit ?? 10);
	if (!Number.isInteger(value) || value < 0 || (unit === 'percent' && value > 100) || (unit !== 'percent' && unit !== 'users')) {
		throw inputError(
			ctx,
			0,
			`Removal Limit must be a whole number from 0 to ${unit === 'percent' ? '100 (percent)' : 'any number of users'}, not ${String(options.removalLimit)}`,
			'Set Options → Removal Limit, e.g. 10 (percent of managed users), or 0 for no limit.',
		);
	}
	return {
		companyId,
		scope,
		leaverAction,
		dryRun: ctx.getNodeParameter('dryRun', 0, false) === true,
		concurrency,
		limit: { unit, value },
		stopAllOnLimit: options.stopAllOnLimit === true,
	};
}

interface RefusedRow {
	itemIndex: number;
	email?: string;
	message: string;
	description?: string;
	/** The original error, thrown as it is when the run does not continue on fail. */
	error?: unknown;
}

/** Reads and checks every row before any write: the same fields, limits and normalisation as Create or Update. */
async function readSource(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	items: INodeExecutionData[],
): Promise<{ people: SourcePerson[]; refused: Map<number, RefusedRow>; refusedKeys: Set<string> }> {
	const people: SourcePerson[] = [];
	const refused = new Map<number, RefusedRow>();
	const firstByKey = new Map<string, SourcePerson>();
	const refusedKeys = new Set<string>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const fields = readTargetUserFields(ctx, session, itemIndex, false);
			delete fields.isActive;
			delete fields.targetGroupIds;
			const body = await normaliseTargetUserBody(ctx, session, targetUserBodyFromFields(ctx, fields, itemIndex, 'update'), itemIndex);
			const key = String(body.email).toLowerCase();
			const first = firstByKey.get(key);
			if (first !== undefined) {
				// Which row is right cannot be told: both are refused, each naming the other.
				const message = `Email ${String(body.email)} appears more than once in the source list: items ${first.itemIndex} and ${itemIndex}`;
				const description = 'Each person may appear once in the source list, and which row is right cannot be told. Remove or merge the duplicate row, then run again.';
				if (!refused.has(first.itemIndex)) refused.set(first.itemIndex, { itemIndex: first.itemIndex, email: String(first.body.email), message, description });
				refused.set(itemIndex, { itemIndex, email: String(body.email), message, description });
				refusedKeys.add(key);
				continue;
			}
			const person = { itemIndex, key, body };
			firstByKey.set(key, person);
			people.push(person);
		} catch (error) {
			const details = error as { message?: unknown; description?: unknown };
			refused.set(itemIndex, {
				itemIndex,
				email: rawEmail(items[itemIndex]),
				message: typeof details.message === 'string' ? details.message : String(error),
				description: typeof details.description === 'string' ? details.description : undefined,
				error,
			});
		}
	}
	return { people: people.filter((person) => !refusedKeys.has(person.key)), refused, refusedKeys };
}

function rawEmail(item: INodeExecutionData | undefined): string | undefined {
	const value = Object.entries(item?.json ?? {}).find(([name]) => /^e-?mail([\s_-]?address)?$/i.test(name))?.[1];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Every user a search returns, pages of 1000 read through the one page iterator (transport/paging.ts). */
async function readAll(session: KeepnetSession, spec: SearchSpec): Promise<IDataObject[]> {
	return await collectRows(session.pageReader<IDataObject>(spec), Infinity, MAX_PAGE_SIZE);
}

function asManaged(view: IDataObject): ManagedUser | undefined {
	if (typeof view.email !== 'string' || view.resourceId === undefined || view.resourceId === null) return undefined;
	const status = String(view.status ?? '').toLowerCase();
	if (status === 'deleted') return undefined;
	return { resourceId: String(view.resourceId), key: view.email.trim().toLowerCase(), view, active: status !== 'inactive' };
}

/** The company's users by email, and those the sync manages (all of them, or the group's members). */
/** The managed group's ID: the entry given is a group's ID, or else the exact name (ignoring case) of exactly one group. */
async function resolveGroup(ctx: IExecuteFunctions, session: KeepnetSession, companyId: string, given: string): Promise<string> {
	const groups = (await session.request<IDataObject[] | undefined>({ method: 'GET', path: '/api/target-groups', companyId, retry: 'safe' })) ?? [];
	const byId = groups.find((group) => group.resourceId === given);
	if (byId) return given;
	const named = groups.filter((group) => typeof group.name === 'string' && group.name.trim().toLowerCase() === given.toLowerCase());
	if (named.length === 1 && typeof named[0].resourceId === 'string') return named[0].resourceId;
	throw new NodeOperationError(
		ctx.getNode(),
		named.length > 1 ? `Target Group "${given}" names ${named.length} groups in company "${companyId}"` : `Target Group "${given}" is neither the ID nor the name of a group of company "${companyId}"`,
		{ description: named.length > 1 ? 'Pick the group from the list (by ID) instead.' : 'Pick the group from the list, or create it first (Target Group → Create). Nothing was written.' },
	);
}

async function readKeepnet(
	session: KeepnetSession,
	settings: SyncSettings,
	groupId: string | undefined,
): Promise<{ byKey: Map<string, ManagedUser>; managed: Map<string, ManagedUser> }> {
	const byKey = new Map<string, ManagedUser>();
	for (const view of await readAll(session, liveTargetUsersSearch(settings.companyId, 'oldestFirst'))) {
		const user = asManaged(view);
		if (user) byKey.set(user.key, user);
	}
	if (groupId === undefined) return { byKey, managed: new Map(byKey) };
	const members = await readAll(session, {
		path: `/api/target-groups/${groupId}/users`,
		body: { filter: buildFilter([{ FieldName: 'IsDeleted', Operator: 'Contains', Value: 'false' }]), orderBy: 'createTime', ascending: true, excludeGroupUsers: false },
		companyId: settings.companyId,
		notFoundSubject: `target group "${groupId}" in company "${settings.companyId}"`,
	});
	const managed = new Map<string, ManagedUser>();
	for (const view of members) {
		const user = asManaged(view);
		if (user) managed.set(user.key, byKey.get(user.key) ?? user);
	}
	return { byKey, managed };
}

type PersonPlan =
	| { kind: 'create'; person: SourcePerson }
	| { kind: 'existing'; person: SourcePerson; user: ManagedUser; changes: Record<string, FieldChange>; reactivate: boolean; addToGroup: boolean }
	| { kind: 'invalid'; person: SourcePerson; message: string; description: string };

interface LeaverPlan {
	user: ManagedUser;
}

const PLANNED: Record<string, string> = { create: 'create', update: 'update', reactivate: 'reactivate', unchanged: 'unchanged' };

function plannedActionOf(plan: PersonPlan): string {
	if (plan.kind === 'create') return PLANNED.create;
	if (plan.kind === 'invalid') return 'invalid';
	if (plan.reactivate) return PLANNED.reactivate;
	if (Object.keys(plan.changes).length > 0 || plan.addToGroup) return PLANNED.update;
	return PLANNED.unchanged;
}

/** Runs tasks with at most `concurrency` at once (item slots); their requests follow the run's pacing, as the item runner's do. */
async function runPool<T>(session: KeepnetSession, concurrency: number, tasks: Array<() => Promise<T>>, stopOnFailure: () => boolean): Promise<void> {
	const pacer = new ItemSlots(concurrency);
	const running = new Set<Promise<void>>();
	await session.withItemSlots(pacer, async () => {
		for (const task of tasks) {
			if (stopOnFailure()) break;
			await pacer.acquireSlot();
			if (stopOnFailure()) {
				pacer.releaseSlot();
				break;
			}
			const promise: Promise<void> = task()
				.then(() => undefined)
				.catch(() => undefined)
				.then(() => {
					pacer.releaseSlot();
					running.delete(promise);
				});
			running.add(promise);
		}
		await Promise.all(running);
	});
}

interface Failure {
	error: unknown;
	mayHaveBeenWritten: boolean;
}

function failureJson(failure: Failure): IDataObject {
	const details = failure.error as { message?: unknown; description?: unknown; httpCode?: unknown };
	const json: IDataObject = { error: typeof details.message === 'string' ? details.message : String(failure.error) };
	if (typeof details.description === 'string' && details.description !== '') json.description = details.description;
	if (details.httpCode !== undefined && details.httpCode !== null) json.httpCode = String(details.httpCode);
	json.mayHaveBeenWritten = failure.mayHaveBeenWritten;
	return json;
}

const changedValues = (changes: Record<string, FieldChange>): IDataObject =>
	Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])) as IDataObject;

/** The PUT of an existing person: the stored record read now, with the changed fields (and reactivation) on top. */
async function writeExisting(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	person: SourcePerson,
	resourceId: string,
): Promise<{ changes: Record<string, FieldChange>; reactivated: boolean; written: boolean }> {
	const record = await getTargetUser(session, companyId, resourceId, person.itemIndex);
	// Compared again on what is stored now: another writer may have made the change meanwhile.
	const changes = differences(person.body, record, ALL_SYNCED_FIELDS);
	const reactivated = record.isActive === false;
	if (Object.keys(changes).length === 0 && !reactivated) return { changes, reactivated, written: false };
	const body: IDataObject = { ...writableFieldsOf(record), ...changedValues(changes), isActive: true };
	refuseStoredValuesOverUpdateLimits(ctx, 'targetUser', body, new Set(Object.keys(changes)), {
		itemIndex: person.itemIndex,
		record: `target user ${String(person.body.email)} ("${resourceId}")`,
		labels: TARGET_USER_PROPERTY_LABELS,
	});
	await updateTargetUser(session, companyId, resourceId, body, person.itemIndex);
	return { changes, reactivated, written: true };
}

export const handler: BatchOperation = {
	kind: 'batch',
	concurrent: true,
	async execute(items, session) {
		const progress = { writesStarted: false };
		try {
			return await sync.call(this, items, session, progress);
		} catch (error) {
			// A failure of the whole run (settings, the reads; writes fail item by item): with Continue On Fail every
			// item says so, paired, instead of n8n passing the input items through with no outcome.
			if (!this.continueOnFail()) {
				// The errors raised here already name the field or item and how to fix it: passed on as they are.
				throw error instanceof NodeOperationError || error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error instanceof Error ? error.message : String(error));
			}
			return items.map((_item, itemIndex) => ({ json: { action: 'failed', ...failureJson({ error, mayHaveBeenWritten: progress.writesStarted }) }, pairedItem: { item: itemIndex } }));
		}
	},
};

async function sync(this: IExecuteFunctions, items: INodeExecutionData[], session: KeepnetSession, progress: { writesStarted: boolean }): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const settings = readSettings(this, session);
	const { companyId } = settings;
	const { people, refused } = await readSource(this, session, items);
	// Bad rows stop the run before any request (a dry run shows them instead, as part of the plan).
	if (refused.size > 0 && !continueOnFail && !settings.dryRun) {
		const first = [...refused.values()].sort((a, b) => a.itemIndex - b.itemIndex)[0];
		if (first.error instanceof Error && 'node' in first.error) throw first.error;
		throw new NodeOperationError(this.getNode(), first.message, { itemIndex: first.itemIndex, description: first.description });
	}

	const groupId = settings.scope.kind === 'groupMembers' ? await resolveGroup(this, session, companyId, settings.scope.group) : undefined;
	const { byKey, managed } = await readKeepnet(session, settings, groupId);
	const listed = new Set(people.map((person) => person.key));

	// The plan of every person. Fields the search does not show are compared on the full record (one GET each).
	const plans = new Map<number, PersonPlan>();
	const needRecord: Array<{ person: SourcePerson; user: ManagedUser }> = [];
	for (const person of people) {
		const user = byKey.get(person.key);
		if (!user) {
			if (person.body.phoneNumber === undefined) {
				plans.set(person.itemIndex, {
					kind: 'invalid',
					person,
					message: `Phone Number is required to create ${String(person.body.email)} (item ${person.itemIndex})`,
					description: 'The company has no target user with this email yet, and Keepnet needs a phone number to create one. Add a phone column to the source list.',
				});
				continue;
			}
			plans.set(person.itemIndex, { kind: 'create', person });
			continue;
		}
		const changes = differences(person.body, user.view, FIELDS_IN_SEARCH_VIEW);
		const addToGroup = groupId !== undefined && !managed.has(person.key);
		plans.set(person.itemIndex, { kind: 'existing', person, user, changes, reactivate: !user.active, addToGroup });
		if (personNeedsRecord(person.body)) needRecord.push({ person, user });
	}
	let readFailure: { error: unknown } | undefined;
	await runPool(
		session,
		settings.concurrency,
		needRecord.map(({ person, user }) => async () => {
			try {
				const record = await getTargetUser(session, companyId, user.resourceId, person.itemIndex);
				const plan = plans.get(person.itemIndex);
				if (plan?.kind === 'existing') plans.set(person.itemIndex, { ...plan, changes: differences(person.body, record, ALL_SYNCED_FIELDS), reactivate: record.isActive === false });
			} catch (error) {
				readFailure ??= { error };
			}
		}),
		() => readFailure !== undefined,
	);
	// A read that failed leaves the plan unknown: nothing has been written yet, so the run stops here.
	if (readFailure) throw readFailure.error;
	const invalidAfterRead = [...plans.values()].filter((plan) => plan.kind === 'invalid');
	if (invalidAfterRead.length > 0 && !continueOnFail && !settings.dryRun) {
		const first = invalidAfterRead[0] as Extract<PersonPlan, { kind: 'invalid' }>;
		throw new NodeOperationError(this.getNode(), first.message, { itemIndex: first.person.itemIndex, description: first.description });
	}

	// Leavers: managed users absent from the list. With Deactivate, one already inactive needs nothing.
	const leavers: LeaverPlan[] = [];
	let alreadyInactive = 0;
	// A refused row's email (as given) is no leaver either; the guard holds all removals anyway while rows are refused.
	const refusedEmails = new Set([...refused.values()].flatMap((row) => (row.email === undefined ? [] : [row.email.trim().toLowerCase()])));
	for (const user of managed.values()) {
		if (listed.has(user.key) || refusedEmails.has(user.key)) continue;
		if (settings.leaverAction !== 'delete' && !user.active) {
			alreadyInactive++;
			continue;
		}
		leavers.push({ user });
	}
	const refusedRows = refused.size + invalidAfterRead.length;
	const removing = settings.leaverAction === 'reportOnly' ? 0 : leavers.length;
	const limit = removalLimit(settings.limit, managed.size);
	const guard = guardRemovals({ removals: removing, validPeople: people.length, refusedRows, managedCount: managed.size, limit, setting: settings.limit });
	const holdAll = guard.tripped && settings.stopAllOnLimit;

	const personOutputs = new Map<number, IDataObject>();
	const leaverOutputs: IDataObject[] = [];
	const counts: Record<string, number> = {};
	const count = (action: string) => (counts[action] = (counts[action] ?? 0) + 1);
	const base = (person: SourcePerson): IDataObject => ({ email: person.body.email, companyId });

	const planOutput = (plan: PersonPlan): IDataObject => {
		const action = plannedActionOf(plan);
		const json: IDataObject = { action, ...base(plan.person) };
		if (plan.kind === 'existing') {
			json.resourceId = plan.user.resourceId;
			if (Object.keys(plan.changes).length > 0) json.changes = plan.changes as unknown as IDataObject;
			if (plan.addToGroup) json.addToGroup = groupId;
		}
		if (plan.kind === 'create') json.fields = plan.person.body;
		if (plan.kind === 'invalid') Object.assign(json, { error: plan.message, description: plan.description, mayHaveBeenWritten: false });
		return json;
	};
	for (const row of refused.values()) {
		personOutputs.set(row.itemIndex, { action: 'invalid', email: row.email, companyId, error: row.message, description: row.description, mayHaveBeenWritten: false });
		count('invalid');
	}

	const leaverBase = (user: ManagedUser): IDataObject => ({
		leaver: true,
		email: user.view.email,
		resourceId: user.resourceId,
		firstName: user.view.firstName ?? null,
		lastName: user.view.lastName ?? null,
		status: user.view.status ?? null,
		companyId,
	});
	const plannedLeaverAction = settings.leaverAction === 'reportOnly' ? 'report' : settings.leaverAction;

	if (settings.dryRun || holdAll) {
		for (const plan of plans.values()) {
			const json = planOutput(plan);
			if (holdAll && plan.kind !== 'invalid' && json.action !== 'unchanged') Object.assign(json, { held: true, reason: guard.reason, howToConfirm: guard.howToConfirm });
			personOutputs.set(plan.person.itemIndex, json);
			count(String(json.action));
		}
		for (const { user } of leavers) {
			const json: IDataObject = { ...leaverBase(user), action: guard.tripped && plannedLeaverAction !== 'report' ? 'held' : plannedLeaverAction };
			if (guard.tripped && plannedLeaverAction !== 'report') Object.assign(json, { wouldHaveBeen: plannedLeaverAction, reason: guard.reason, howToConfirm: guard.howToConfirm });
			leaverOutputs.push(json);
			count(`leaver:${String(json.action)}`);
		}
		return assemble(items, personOutputs, leaverOutputs, summaryOf(settings, counts, { groupId, managed: managed.size, listed: people.length, leavers: leavers.length, alreadyInactive, limit, guard, removing, holdAll }));
	}

	// Writes. Without Continue On Fail the first failure stops the run once the writes in flight end (a rerun converges).
	let failed: { itemIndex?: number; error: unknown } | undefined;
	const stop = () => failed !== undefined && !continueOnFail;
	const fail = (itemIndex: number | undefined, error: unknown, write: boolean): Failure => {
		const mayHaveBeenWritten = write && (writeOutcomeInDoubt(error) || failedAfterRateLimit(error));
		if (!failed) failed = { itemIndex, error };
		return { error, mayHaveBeenWritten };
	};

	progress.writesStarted = true;
	// 1. Joiners: many through the bulk import (as Create does), the rest (and what the import did not settle) one by one.
	const joiners = [...plans.values()].filter((plan): plan is Extract<PersonPlan, { kind: 'create' }> => plan.kind === 'create');
	const prepared: Array<PreparedTargetUserWrite | undefined> = new Array(items.length);
	for (const { person } of joiners) {
		prepared[person.itemIndex] = { companyId, body: groupId === undefined ? { ...person.body } : { ...person.body, targetGroupResourceIds: [groupId] } };
	}
	const { settled: createdInBulk, hints: bulkHints } = await sendNewUsersInBulk(this, session, prepared, {
		isCandidate: () => true,
		rowMayFail: (status) => status !== 'New',
		createdOutput: (_item, resourceId) => ({ json: { resourceId } }),
	});
	const addToGroup: Array<{ itemIndex: number; resourceId: string }> = [];
	for (const [itemIndex, outputs] of createdInBulk) {
		const plan = plans.get(itemIndex) as Extract<PersonPlan, { kind: 'create' }>;
		personOutputs.set(itemIndex, { action: 'created', ...base(plan.person), resourceId: outputs[0].json.resourceId, fields: plan.person.body });
		count('created');
	}
	const existingTasks: Array<() => Promise<void>> = [];
	const updateExisting = async (person: SourcePerson, resourceId: string, alsoAddToGroup: boolean, createdOnRetry = false) => {
		const result = await writeExisting(this, session, companyId, person, resourceId);
		if (alsoAddToGroup) addToGroup.push({ itemIndex: person.itemIndex, resourceId });
		const action = createdOnRetry ? 'updated' : result.reactivated ? 'reactivated' : result.written || alsoAddToGroup ? 'updated' : 'unchanged';
		const json: IDataObject = { action, ...base(person), resourceId };
		if (Object.keys(result.changes).length > 0) json.changes = result.changes as unknown as IDataObject;
		if (alsoAddToGroup) json.addedToGroup = groupId;
		personOutputs.set(person.itemIndex, json);
		count(action);
	};
	for (const { person } of joiners) {
		if (createdInBulk.has(person.itemIndex)) continue;
		const item = prepared[person.itemIndex] as PreparedTargetUserWrite;
		const bulkHint = bulkHints.get(person.itemIndex);
		existingTasks.push(async () => {
			try {
				const email = String(person.body.email);
				if (bulkHint !== undefined) {
					// The import may have written it: look before creating, so the same person is never created twice.
					const found = await findTargetUserByEmail(session, companyId, email, person.itemIndex);
					if (found?.resourceId) {
						const ours = bulkHint === 'importMayHaveCreated' ? createdFromRow(session, found, item.body) : undefined;
						if (ours !== undefined) {
							personOutputs.set(person.itemIndex, { action: 'created', ...base(person), resourceId: ours, fields: person.body });
							count('created');
						} else await updateExisting(person, String(found.resourceId), groupId !== undefined, true);
						return;
					}
				}
				const outcome = await createChecked(session, item, email, person.itemIndex);
				if ('existing' in outcome) return await updateExisting(person, String(outcome.existing.resourceId), groupId !== undefined, true);
				personOutputs.set(person.itemIndex, { action: 'created', ...base(person), resourceId: outcome.created, fields: person.body });
				count('created');
			} catch (error) {
				personOutputs.set(person.itemIndex, { action: 'failed', plannedAction: 'create', ...base(person), ...failureJson(fail(person.itemIndex, error, true)) });
				count('failed');
			}
		});
	}
	// 2. Changed and reactivated people (unchanged ones cost nothing more).
	for (const plan of plans.values()) {
		if (plan.kind === 'invalid') {
			personOutputs.set(plan.person.itemIndex, planOutput(plan));
			count('invalid');
			continue;
		}
		if (plan.kind !== 'existing') continue;
		const planned = plannedActionOf(plan);
		if (planned === 'unchanged') {
			personOutputs.set(plan.person.itemIndex, { action: 'unchanged', ...base(plan.person), resourceId: plan.user.resourceId });
			count('unchanged');
			continue;
		}
		if (Object.keys(plan.changes).length === 0 && !plan.reactivate) {
			// Only the group membership is missing: no PUT, the membership is added below.
			addToGroup.push({ itemIndex: plan.person.itemIndex, resourceId: plan.user.resourceId });
			personOutputs.set(plan.person.itemIndex, { action: 'updated', ...base(plan.person), resourceId: plan.user.resourceId, addedToGroup: groupId });
			count('updated');
			continue;
		}
		existingTasks.push(async () => {
			try {
				await updateExisting(plan.person, plan.user.resourceId, plan.addToGroup);
			} catch (error) {
				personOutputs.set(plan.person.itemIndex, {
					action: 'failed',
					plannedAction: planned,
					...base(plan.person),
					resourceId: plan.user.resourceId,
					...failureJson(fail(plan.person.itemIndex, error, true)),
				});
				count('failed');
			}
		});
	}
	await runPool(session, settings.concurrency, existingTasks, stop);

	// 3. Group membership of existing people the group lacked: one request per 1000 users.
	if (groupId !== undefined && addToGroup.length > 0 && !stop()) {
		for (let start = 0; start < addToGroup.length && !stop(); start += MAX_PAGE_SIZE) {
			const chunk = addToGroup.slice(start, start + MAX_PAGE_SIZE);
			try {
				await session.request({
					method: 'PUT',
					path: '/api/target-groups/users',
					body: { targetUserResourceIds: chunk.map((entry) => entry.resourceId), targetGroupResourceIds: [groupId], selectAll: false, excludedResourceIdList: [] },
					companyId,
					// Adding a member twice leaves one membership: safe to retry.
					retry: 'safe',
					itemIndex: chunk[0].itemIndex,
				});
			} catch (error) {
				for (const entry of chunk) {
					const previous = personOutputs.get(entry.itemIndex) ?? {};
					if (previous.action !== 'failed') count('failed');
					personOutputs.set(entry.itemIndex, { ...previous, action: 'failed', plannedAction: previous.action, ...failureJson(fail(entry.itemIndex, error, true)) });
				}
			}
		}
	}

	// 4. Leavers, unless the guard holds them (or an earlier failure stopped the run).
	const leaverTasks: Array<() => Promise<void>> = [];
	for (const { user } of leavers) {
		const json = leaverBase(user);
		if (settings.leaverAction === 'reportOnly') {
			leaverOutputs.push({ ...json, action: 'reported' });
			count('leaver:reported');
			continue;
		}
		if (guard.tripped) {
			leaverOutputs.push({ ...json, action: 'held', wouldHaveBeen: settings.leaverAction, reason: guard.reason, howToConfirm: guard.howToConfirm });
			count('leaver:held');
			continue;
		}
		const slot = leaverOutputs.push(json) - 1;
		leaverTasks.push(async () => {
			try {
				const action = await removeLeaver(this, session, companyId, user, settings.leaverAction);
				leaverOutputs[slot] = { ...json, action };
				count(`leaver:${action}`);
			} catch (error) {
				leaverOutputs[slot] = { ...json, action: 'failed', plannedAction: settings.leaverAction, ...failureJson(fail(undefined, error, true)) };
				count('leaver:failed');
			}
		});
	}
	if (!stop()) await runPool(session, settings.concurrency, leaverTasks, stop);

	if (failed && !continueOnFail) {
		const { itemIndex, error } = failed;
		if (error instanceof Error && 'node' in error) throw error;
		throw new NodeOperationError(this.getNode(), error instanceof Error ? error.message : String(error), itemIndex === undefined ? {} : { itemIndex });
	}
	for (let slot = 0; slot < leaverOutputs.length; slot++) {
		if (leaverOutputs[slot].action === undefined) leaverOutputs[slot] = { ...leaverOutputs[slot], action: 'notProcessed' };
	}
	return assemble(items, personOutputs, leaverOutputs, summaryOf(settings, counts, { groupId, managed: managed.size, listed: people.length, leavers: leavers.length, alreadyInactive, limit, guard, removing, holdAll }));
}

/** Deactivates (lossless PUT with isActive false) or deletes one leaver; the action done. */
async function removeLeaver(ctx: IExecuteFunctions, session: KeepnetSession, companyId: string, user: ManagedUser, action: LeaverAction): Promise<string> {
	if (action === 'delete') {
		await session.request({
			method: 'DELETE',
			path: `/api/target-users/${user.resourceId}`,
			companyId,
			retry: 'never',
			notFoundSubject: `target user ${String(user.view.email)} ("${user.resourceId}") in company "${companyId}"`,
		});
		return 'deleted';
	}
	// A leaver is no input item: its requests and errors name the user, not an item index.
	const email = String(user.view.email);
	const record = await getTargetUser(session, companyId, user.resourceId, undefined, email);
	if (record.isActive === false) return 'alreadyInactive';
	const body: IDataObject = { ...writableFieldsOf(record), isActive: false };
	refuseStoredValuesOverUpdateLimits(ctx, 'targetUser', body, new Set(['isActive']), {
		record: `target user ${email} ("${user.resourceId}")`,
		labels: TARGET_USER_PROPERTY_LABELS,
	});
	await updateTargetUser(session, companyId, user.resourceId, body, undefined, email);
	return 'deactivated';
}

function summaryOf(
	settings: SyncSettings,
	counts: Record<string, number>,
	figures: { groupId: string | undefined; managed: number; listed: number; leavers: number; alreadyInactive: number; limit: number | undefined; guard: ReturnType<typeof guardRemovals>; removing: number; holdAll: boolean },
): IDataObject {
	const people: IDataObject = {};
	const leavers: IDataObject = {};
	for (const [action, value] of Object.entries(counts)) {
		if (action.startsWith('leaver:')) leavers[action.slice('leaver:'.length)] = value;
		else people[action] = value;
	}
	const summary: IDataObject = {
		summary: true,
		dryRun: settings.dryRun,
		companyId: settings.companyId,
		managedUsers: figures.groupId === undefined ? 'allUsers' : `groupMembers:${figures.groupId}`,
		managedCount: figures.managed,
		listCount: figures.listed,
		people,
		leaverAction: settings.leaverAction,
		leaverCount: figures.leavers,
		leavers,
		alreadyInactiveNotInList: figures.alreadyInactive,
		removalLimit: figures.limit ?? null,
		guardTripped: figures.guard.tripped,
	};
	if (figures.guard.tripped) {
		Object.assign(summary, { wouldHaveRemoved: figures.removing, reason: figures.guard.reason, howToConfirm: figures.guard.howToConfirm, joinersAndChangesHeld: figures.holdAll });
	}
	return summary;
}

/** One item per input item (paired to it, in input order), then one per leaver, then the summary. */
function assemble(items: INodeExecutionData[], personOutputs: Map<number, IDataObject>, leaverOutputs: IDataObject[], summary: IDataObject): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		output.push({ json: personOutputs.get(itemIndex) ?? { action: 'notProcessed' }, pairedItem: { item: itemIndex } });
	}
	// Leavers and the summary come from Keepnet and from the whole list, not from one input item.
	// A leaver is paired to no input item (it is the one absent from them); the summary to all of them.
	for (const json of leaverOutputs) output.push({ json });
	output.push({ json: summary, pairedItem: items.map((_item, itemIndex) => ({ item: itemIndex })) });
	return output;
}

