/** Target groups (docs/keepnet-api.md#target-groups): list/search/create/update/delete and membership (add, remove, list members). */
import { idResult, inputError, JsonReader, notFound, ok, requireJsonObject } from '../http';
import { parsePriority, PRIORITIES, type Priority } from '../lookups';
import { scopedCompany, type RouteContext, type Router } from '../router';
import { compileFilter, fieldTable, pageOf, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import type { CompanyRecord, SandboxStore, TargetGroupRecord } from '../store';
import { queryTargetUsers, targetUserSchema, toTargetUserSearchView } from './targetUsers';

export function makeGroupSchema(store: SandboxStore): SearchSchema<TargetGroupRecord> {
	return {
		fields: fieldTable<TargetGroupRecord>([
			[['name'], { kind: 'string', get: (group) => group.name }],
			[['priority'], { kind: 'string', get: (group) => group.priority, sortRank: (group) => PRIORITIES.indexOf(group.priority) }],
			[['createTime', 'createDate'], { kind: 'date', get: (group) => group.createTime }],
			[['updateTime'], { kind: 'date', get: (group) => group.updateTime }],
			[['userCount'], { kind: 'number', get: (group) => store.groupMemberCount(group) }],
			[['resourceId'], { kind: 'string', get: (group) => group.resourceId, sortable: false }],
		]),
		defaultSortField: 'createtime',
		freeText: (group) => [group.name],
		seq: (group) => group.seq,
	};
}

/** TargetGroupSearchView. */
export function toGroupSearchView(store: SandboxStore, company: CompanyRecord, group: TargetGroupRecord, selectedUserId?: string | null): Record<string, unknown> {
	const data = store.data(company.resourceId);
	let userCount = 0;
	let withPhone = 0;
	for (const userId of group.memberIds) {
		const user = data.targetUsers.get(userId);
		if (!user || user.isDeleted) continue;
		userCount++;
		if (user.phoneNumber) withPhone++;
	}
	return {
		resourceId: group.resourceId,
		name: group.name,
		companyName: company.name,
		userCount,
		userCountWithPhoneNumber: withPhone,
		priority: group.priority,
		createTime: group.createTime,
		updateTime: group.updateTime,
		isEditable: group.isEditable,
		scimSettingName: null,
		ldapConfigName: null,
		isSelected: selectedUserId ? group.memberIds.has(selectedUserId) : false,
		isScimGroup: false,
		isGoogleGroup: false,
	};
}

function toGroupDto(group: TargetGroupRecord): Record<string, unknown> {
	return { resourceId: group.resourceId, name: group.name, priority: group.priority, createDate: group.createTime, isEditable: group.isEditable, isScimGroup: false, isGoogleGroup: false };
}

function readGroupFields(ctx: RouteContext, companyGroups: Iterable<TargetGroupRecord>, self: TargetGroupRecord | null): { name: string; priority: Priority; isActive?: boolean } {
	const reader = new JsonReader(requireJsonObject(ctx.body));
	const name = reader.string('name', { required: true, maxLength: 64 });
	const priorityValue = reader.raw('priority');
	let priority: Priority | undefined;
	if (priorityValue === undefined || priorityValue === null || priorityValue === '') reader.error("'Priority' must not be empty.");
	else if (typeof priorityValue !== 'string') reader.error('The JSON value could not be converted to KeepnetLabs.DistributedService.Rest.Models.TargetGroup.TargetGroupPriority. Path: $.priority');
	else {
		priority = parsePriority(priorityValue);
		if (!priority) reader.error(`'Priority' has a range of values which does not include '${priorityValue}'.`);
	}
	const isActive = reader.bool('isActive');
	reader.throwIfErrors();
	const trimmed = (name as string).trim();
	for (const group of companyGroups) {
		if (group !== self && group.name.toLowerCase() === trimmed.toLowerCase()) throw inputError([`A target group named '${trimmed}' already exists.`]);
	}
	return { name: trimmed, priority: priority as Priority, ...(typeof isActive === 'boolean' ? { isActive } : {}) };
}

function groupOf(ctx: RouteContext, company: CompanyRecord): TargetGroupRecord {
	const group = ctx.app.store.data(company.resourceId).targetGroups.get(ctx.params.resourceId);
	if (!group) throw notFound(`Target group '${ctx.params.resourceId}' was not found.`);
	return group;
}

export function registerTargetGroupRoutes(router: Router): void {
	router.add('GET', '/api/target-groups', (ctx) => {
		const company = scopedCompany(ctx);
		const groups = Array.from(ctx.app.store.data(company.resourceId).targetGroups.values()).sort((a, b) => a.seq - b.seq);
		return ok(groups.map(toGroupDto));
	});

	router.add('POST', '/api/target-groups', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const data = store.data(company.resourceId);
		const { name, priority } = readGroupFields(ctx, data.targetGroups.values(), null);
		const group: TargetGroupRecord = {
			resourceId: store.newId(),
			companyId: company.resourceId,
			name,
			priority,
			createTime: new Date().toISOString(),
			updateTime: null,
			isEditable: true,
			isSystemGenerated: false,
			isActive: true,
			memberIds: new Set(),
			seq: store.newSeq(),
		};
		data.targetGroups.set(group.resourceId, group);
		return idResult(group.resourceId);
	});

	router.add('GET', '/api/target-groups/{resourceId}', (ctx) => ok(toGroupDto(groupOf(ctx, scopedCompany(ctx)))));

	router.add('PUT', '/api/target-groups/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const group = groupOf(ctx, company);
		// The web console refuses to edit Keepnet's own groups; the sandbox's server does the same (unverified).
		if (!group.isEditable) throw inputError([`The ${group.name} group is can not be edited.`]);
		// A PUT replaces name and priority (both required); isActive changes only when sent.
		const fields = readGroupFields(ctx, ctx.app.store.data(company.resourceId).targetGroups.values(), group);
		Object.assign(group, fields, { updateTime: new Date().toISOString() });
		return idResult(group.resourceId);
	});

	router.add('DELETE', '/api/target-groups/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const group = groupOf(ctx, company);
		if (group.isSystemGenerated) throw inputError([`The ${group.name} group is can not be deleted.`]);
		ctx.app.store.deleteTargetGroup(company.resourceId, group.resourceId);
		return idResult(group.resourceId);
	});

	router.add('POST', '/api/target-groups/search', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const schema = makeGroupSchema(store);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, schema, { filterRequired: true });
		const selectedUserId = reader.string('selectTargetUserResourceIds');
		// Keepnet's own groups (Repeat Offenders and the like) are listed only when asked for (unverified; the web console's call sites suggest it).
		const withSystemGroups = reader.bool('systemGeneratedGroups') === true;
		reader.throwIfErrors();
		const groups = Array.from(store.data(company.resourceId).targetGroups.values()).filter((group) => withSystemGroups || !group.isSystemGenerated);
		return ok(searchCollection(groups, schema, request, (group) => toGroupSearchView(store, company, group, selectedUserId)));
	});

	// Add users to groups. Answers one entry per group with the number of users newly added.
	router.add('PUT', '/api/target-groups/users', (ctx) => {
		const company = scopedCompany(ctx);
		const store = ctx.app.store;
		const data = store.data(company.resourceId);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const userIds = reader.stringArray('targetUserResourceIds') ?? [];
		const groupIds = reader.stringArray('targetGroupResourceIds') ?? [];
		const selectAll = reader.bool('selectAll') ?? false;
		const filter = reader.object('filter');
		const excluded = new Set(reader.stringArray('excludedResourceIdList') ?? []);
		if (groupIds.length === 0) reader.error("'Target Group Resource Ids' must not be empty.");
		if (!selectAll && userIds.length === 0) reader.error("'Target User Resource Ids' must not be empty.");
		for (const groupId of groupIds) if (!data.targetGroups.has(groupId)) reader.error(`Target group '${groupId}' was not found.`);
		for (const userId of userIds) if (data.targetUsers.get(userId)?.isDeleted !== false) reader.error(`Target user '${userId}' was not found.`);
		reader.throwIfErrors();
		let targets = userIds;
		if (selectAll) {
			const predicate = compileFilter(filter, targetUserSchema);
			targets = Array.from(data.targetUsers.values())
				.filter((user) => !user.isDeleted && !excluded.has(user.resourceId) && (!predicate || predicate(user)))
				.map((user) => user.resourceId);
		}
		const results = groupIds.map((groupId) => {
			let added = 0;
			for (const userId of targets) if (store.addMembership(company.resourceId, groupId, userId)) added++;
			return { targetGroupResourceId: groupId, addedUserCount: added };
		});
		return ok(results);
	});

	// Lists a group's members (or, with excludeGroupUsers, the users NOT in it). Not "add".
	router.add('POST', '/api/target-groups/{resourceId}/users', (ctx) => {
		const company = scopedCompany(ctx);
		const group = groupOf(ctx, company);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, targetUserSchema, { filterRequired: true });
		const exclude = reader.bool('excludeGroupUsers') ?? false;
		reader.throwIfErrors();
		const rows = queryTargetUsers(ctx.app.store, company.resourceId, request, (user) => group.memberIds.has(user.resourceId) !== exclude);
		return ok(pageOf(rows, request.pageNumber, request.pageSize, toTargetUserSearchView));
	});

	router.add('DELETE', '/api/target-groups/{resourceId}/users', (ctx) => {
		const company = scopedCompany(ctx);
		const group = groupOf(ctx, company);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const userIds = reader.stringArray('targetUserResourceIds');
		if (!userIds || userIds.length === 0) reader.error("'Target User Resource Ids' must not be empty.");
		reader.throwIfErrors();
		for (const userId of userIds as string[]) ctx.app.store.removeMembership(company.resourceId, group.resourceId, userId);
		return idResult(group.resourceId);
	});
}
