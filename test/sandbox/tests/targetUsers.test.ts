import { startSandbox, type Sandbox } from '..';
import { api, filterWith, getToken, searchBody, type Paged, type ServiceResultBody } from './helpers';

interface UserRow {
	resourceId: string;
	email: string;
	firstName: string | null;
	lastName: string | null;
	department: string | null;
	priority: string;
	status: string;
	createTime: string;
}

describe('sandbox: target users', () => {
	let sandbox: Sandbox;
	let token: string;
	let companyId: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { targetUsersPerCompany: 60 } });
		token = await getToken(sandbox);
		companyId = sandbox.ids.customerCompanyIds[1];
	});
	afterAll(() => sandbox.close());

	const call = <T = ServiceResultBody>(method: string, path: string, body?: unknown) => api<T>(sandbox, token, method, path, { companyId, body });
	const search = (overrides: Record<string, unknown>) => call<ServiceResultBody<Paged<UserRow>>>('POST', '/api/target-users/search', searchBody(overrides));
	const createUser = (body: Record<string, unknown>) => call<ServiceResultBody<{ resourceId: string } | null>>('POST', '/api/target-users', body);

	describe('create / get / update / delete', () => {
		it('creates with email + phoneNumber, stores it, and GET returns the TargetUserDto', async () => {
			const created = await createUser({ email: 'Grace.Hopper@initech.example', phoneNumber: '+15550001', firstName: 'Grace', lastName: 'Hopper', department: 'Engineering', priority: 'high' });
			expect(created.status).toBe(200);
			expect(created.json.status).toBe('SUCCESS');
			const id = (created.json.data as { resourceId: string }).resourceId;
			expect(id).toMatch(/^[A-Za-z0-9]{12}$/);
			const stored = sandbox.store.findTargetUserByEmail(companyId, 'grace.hopper@INITECH.example');
			expect(stored).toMatchObject({ resourceId: id, priority: 'High', isActive: true, isDeleted: false });
			const dto = await call<ServiceResultBody<Record<string, unknown>>>('GET', `/api/target-users/${id}`);
			expect(dto.json.data).toMatchObject({ resourceId: id, email: 'Grace.Hopper@initech.example', firstName: 'Grace', priority: 'High', isActive: true, phoneNumber: '+15550001' });
			expect((await call('GET', '/api/target-users/ZZZZZZZZZZZZ')).status).toBe(404);
		});

		it('accepts PascalCase property names (case-insensitive binding)', async () => {
			const created = await createUser({ Email: 'pascal.case@initech.example', PhoneNumber: '+1555', FirstName: 'Pascal' });
			expect(created.status).toBe(200);
			expect(sandbox.store.findTargetUserByEmail(companyId, 'pascal.case@initech.example')?.firstName).toBe('Pascal');
		});

		it('refuses missing required fields with FluentValidation-style messages', async () => {
			const answer = await createUser({ firstName: 'No Email' });
			expect(answer.status).toBe(400);
			expect(answer.json).toMatchObject({ status: 'INPUT_ERROR', data: null });
			expect(answer.json.validationMessages).toEqual(expect.arrayContaining(["'Email' must not be empty.", "'Phone Number' must not be empty."]));
		});

		it('refuses malformed emails, unknown priorities and wrong JSON types', async () => {
			const answer = await createUser({ email: 'not-an-email', phoneNumber: '1', priority: 'Urgent', isActive: 'yes' });
			expect(answer.status).toBe(400);
			const messages = answer.json.validationMessages ?? [];
			expect(messages).toContain("'Email' is not a valid email address.");
			expect(messages).toContain("'Priority' has a range of values which does not include 'Urgent'.");
			expect(messages.some((message) => message.includes('System.Boolean') && message.includes('$.isActive'))).toBe(true);
		});

		it('uses the CREATE limits (256) on create and the stricter UPDATE limits (40/64) on update', async () => {
			const name41 = 'A'.repeat(41);
			const created = await createUser({ email: 'long.names@initech.example', phoneNumber: '+1', firstName: name41, department: 'D'.repeat(65) });
			expect(created.status).toBe(200);
			const tooLongForCreate = await createUser({ email: 'too.long@initech.example', phoneNumber: '+1', lastName: 'L'.repeat(257) });
			expect(tooLongForCreate.status).toBe(400);
			expect(tooLongForCreate.json.validationMessages).toEqual(["The length of 'Last Name' must be 256 characters or fewer. You entered 257 characters."]);

			const id = (created.json.data as { resourceId: string }).resourceId;
			const update = await call<ServiceResultBody>('PUT', `/api/target-users/${id}`, { email: 'long.names@initech.example', phoneNumber: '+1', firstName: name41, department: 'D'.repeat(65), managerLastName: 'M'.repeat(41) });
			expect(update.status).toBe(400);
			expect(update.json.validationMessages).toEqual(
				expect.arrayContaining([
					"The length of 'First Name' must be 40 characters or fewer. You entered 41 characters.",
					"The length of 'Department' must be 64 characters or fewer. You entered 65 characters.",
					"The length of 'Manager Last Name' must be 40 characters or fewer. You entered 41 characters.",
				]),
			);
			const fine = await call('PUT', `/api/target-users/${id}`, { email: 'long.names@initech.example', phoneNumber: '+1', firstName: 'A'.repeat(40), department: 'D'.repeat(64), isActive: true });
			expect(fine.status).toBe(200);
			expect(sandbox.store.findTargetUserByEmail(companyId, 'long.names@initech.example')?.firstName).toBe('A'.repeat(40));
		});

		it('refuses a duplicate email in the same company (any case), but allows it in another company', async () => {
			const existing = sandbox.store.targetUsersOf(companyId).find((user) => !user.isDeleted);
			if (!existing) throw new Error('seed has users');
			const duplicate = await createUser({ email: existing.email.toUpperCase(), phoneNumber: '+1' });
			expect(duplicate.status).toBe(400);
			expect(duplicate.json.status).toBe('INPUT_ERROR');
			expect(duplicate.json.validationMessages?.[0]).toContain('already exists');
			const elsewhere = await api(sandbox, token, 'POST', '/api/target-users', { companyId: sandbox.ids.customerCompanyIds[2], body: { email: existing.email, phoneNumber: '+1' } });
			expect(elsewhere.status).toBe(200);
		});

		it('PUT replaces the record: fields left out are cleared', async () => {
			const created = await createUser({ email: 'replace.me@initech.example', phoneNumber: '+1', firstName: 'Keep', department: 'Sales', isActive: true });
			const id = (created.json.data as { resourceId: string }).resourceId;
			const updated = await call<ServiceResultBody<{ resourceId: string }>>('PUT', `/api/target-users/${id}`, { email: 'replace.me@initech.example', phoneNumber: '+2', firstName: 'Kept', isActive: true });
			expect(updated.json.data.resourceId).toBe(id);
			const stored = sandbox.store.findTargetUserByEmail(companyId, 'replace.me@initech.example');
			expect(stored).toMatchObject({ firstName: 'Kept', phoneNumber: '+2', department: null, isActive: true });
			expect(stored?.updateTime).not.toBeNull();
		});

		it('deletes softly: the user stays listed with status Deleted and frees the email', async () => {
			const created = await createUser({ email: 'soft.delete@initech.example', phoneNumber: '+1' });
			const id = (created.json.data as { resourceId: string }).resourceId;
			const deleted = await call<ServiceResultBody<{ resourceId: string }>>('DELETE', `/api/target-users/${id}`);
			expect(deleted.json).toMatchObject({ status: 'SUCCESS', data: { resourceId: id } });
			expect(sandbox.store.data(companyId).targetUsers.get(id)?.isDeleted).toBe(true);
			const listed = await search({ filter: filterWith([{ FieldName: 'Email', Operator: 'Equals', Value: 'soft.delete@initech.example' }]) });
			expect(listed.json.data.results.map((row) => [row.resourceId, row.status])).toEqual([[id, 'Deleted']]);
			expect((await call('DELETE', `/api/target-users/${id}`)).status).toBe(404);
			expect((await createUser({ email: 'soft.delete@initech.example', phoneNumber: '+1' })).status).toBe(200);
		});
	});

	it('bulk-deletes listed users (404 for an unknown one) or every filter match with selectAll minus excludedItems', async () => {
		const ids: string[] = [];
		for (const name of ['bulk.one', 'bulk.two', 'bulk.three', 'bulk.keep']) {
			const created = await createUser({ email: `${name}@initech.example`, phoneNumber: '+1', department: 'BulkDept' });
			ids.push((created.json.data as { resourceId: string }).resourceId);
		}
		const users = sandbox.store.data(companyId).targetUsers;
		expect((await call('DELETE', '/api/target-users/bulk-delete', { items: [ids[0], 'ZZZZZZZZZZZZ'], selectAll: false, excludedItems: [] })).status).toBe(404);
		expect(users.get(ids[0])?.isDeleted).toBe(false);
		expect((await call('DELETE', '/api/target-users/bulk-delete', { items: [ids[0]], selectAll: false, excludedItems: [] })).status).toBe(200);
		expect(users.get(ids[0])?.isDeleted).toBe(true);
		const bySelectAll = await call('DELETE', '/api/target-users/bulk-delete', {
			items: [],
			selectAll: true,
			excludedItems: [ids[3]],
			filter: filterWith([{ FieldName: 'Department', Operator: 'Equals', Value: 'BulkDept' }]),
		});
		expect(bySelectAll.status).toBe(200);
		expect(ids.map((id) => users.get(id)?.isDeleted)).toEqual([true, true, true, false]);
	});

	describe('search', () => {
		it('pages 1-based over all users of the company', async () => {
			const total = sandbox.store.targetUsersOf(companyId).length;
			const seen = new Set<string>();
			const pageSize = 7;
			const first = await search({ pageSize });
			expect(first.json.data).toMatchObject({ pageNumber: 1, pageSize, totalNumberOfRecords: total, totalNumberOfPages: Math.ceil(total / pageSize) });
			for (let page = 1; page <= first.json.data.totalNumberOfPages; page++) {
				for (const row of (await search({ pageNumber: page, pageSize })).json.data.results) seen.add(row.resourceId);
			}
			expect(seen.size).toBe(total);
			expect((await search({ pageNumber: first.json.data.totalNumberOfPages + 1, pageSize })).json.data.results).toEqual([]);
		});

		it('sorts by contract fields in both directions', async () => {
			const emails = (await search({ pageSize: 1000, orderBy: 'email', ascending: true })).json.data.results.map((row) => row.email.toLowerCase());
			expect(emails).toEqual([...emails].sort());
			const lastNames = (await search({ pageSize: 1000, orderBy: 'LastName', ascending: false })).json.data.results.map((row) => (row.lastName ?? '').toLowerCase());
			expect(lastNames).toEqual([...lastNames].sort().reverse());
			const order = ['VeryLow', 'Low', 'Medium', 'High', 'VeryHigh'];
			const priorities = (await search({ pageSize: 1000, orderBy: 'priority', ascending: true })).json.data.results.map((row) => order.indexOf(row.priority));
			expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
			const created = (await search({ pageSize: 1000, orderBy: 'createTime', ascending: true })).json.data.results.map((row) => Date.parse(row.createTime));
			expect(created).toEqual([...created].sort((a, b) => a - b));
			for (const field of ['firstName', 'phoneNumber', 'department', 'status', 'updateTime', 'preferredLanguage', 'managerFullName', 'managerEmail', '']) {
				expect((await search({ orderBy: field })).status).toBe(200);
			}
		});

		it('filters by Email Equals / Contains, Department, Priority, Status Include, IsDeleted, names and free text', async () => {
			const users = sandbox.store.targetUsersOf(companyId);
			const target = users.find((user) => !user.isDeleted && user.isActive) ?? users[0];
			const byEmail = await search({ filter: filterWith([{ FieldName: 'email', Operator: 'Equals', Value: target.email.toUpperCase() }]) });
			expect(byEmail.json.data.results.map((row) => row.resourceId)).toEqual([target.resourceId]);
			const domain = await search({ pageSize: 1000, filter: filterWith([{ FieldName: 'Email', Operator: 'Contains', Value: '@initech.example' }]) });
			expect(domain.json.data.totalNumberOfRecords).toBe(users.filter((user) => user.email.includes('@initech.example')).length);

			const finance = await search({ pageSize: 1000, filter: filterWith([{ FieldName: 'Department', Operator: 'Contains', Value: 'finance' }]) });
			expect(finance.json.data.totalNumberOfRecords).toBe(users.filter((user) => user.department === 'Finance').length);
			expect(finance.json.data.totalNumberOfRecords).toBeGreaterThan(0);

			const high = await search({ pageSize: 1000, filter: filterWith([{ FieldName: 'Priority', Operator: 'Include', Value: 'High,VeryHigh' }]) });
			expect(high.json.data.totalNumberOfRecords).toBe(users.filter((user) => user.priority === 'High' || user.priority === 'VeryHigh').length);

			const active = await search({ pageSize: 1000, filter: filterWith([{ FieldName: 'Status', Operator: 'Include', Value: '1' }]) });
			expect(active.json.data.results.every((row) => row.status === 'Active')).toBe(true);
			expect(active.json.data.totalNumberOfRecords).toBe(sandbox.store.data(companyId).counts.active);
			const inactive = await search({ pageSize: 1000, filter: filterWith([{ FieldName: 'Status', Operator: 'Include', Value: '0' }]) });
			expect(inactive.json.data.totalNumberOfRecords).toBe(sandbox.store.data(companyId).counts.inactive);
			expect(inactive.json.data.totalNumberOfRecords).toBeGreaterThan(0);

			const notDeleted = await search({ pageSize: 1000, filter: filterWith([{ FieldName: 'IsDeleted', Operator: 'Contains', Value: 'false' }]) });
			expect(notDeleted.json.data.results.some((row) => row.status === 'Deleted')).toBe(false);
			expect(notDeleted.json.data.totalNumberOfRecords).toBe(users.filter((user) => !user.isDeleted).length);

			const named = await search({ pageSize: 1000, filter: filterWith([{ FieldName: 'FirstName', Operator: 'Contains', Value: target.firstName ?? '' }, { FieldName: 'LastName', Operator: 'Contains', Value: target.lastName ?? '' }]) });
			expect(named.json.data.results.map((row) => row.resourceId)).toContain(target.resourceId);
			expect(named.json.data.results.every((row) => row.firstName?.includes(target.firstName ?? '') && row.lastName?.includes(target.lastName ?? ''))).toBe(true);

			const text = await search({ pageSize: 1000, filter: filterWith([], (target.lastName ?? '').toUpperCase()) });
			expect(text.json.data.results.map((row) => row.resourceId)).toContain(target.resourceId);
		});

		it('rejects unknown filter fields / operators, bad values, filter:null, missing orderBy, empty body', async () => {
			expect((await search({ filter: filterWith([{ FieldName: 'ShoeSize', Operator: 'Contains', Value: '9' }]) })).status).toBe(400);
			expect((await search({ filter: filterWith([{ FieldName: 'Email', Operator: 'Resembles', Value: 'x' }]) })).status).toBe(400);
			expect((await search({ filter: filterWith([{ FieldName: 'Email', Operator: 'Contains', Value: 5 as unknown as string }]) })).status).toBe(400);
			const nullFilter = await search({ filter: null });
			expect(nullFilter.status).toBe(500);
			expect(nullFilter.json.status).toBe('INTERNAL_SERVER_ERROR');
			const body = searchBody();
			delete body.orderBy;
			expect((await call('POST', '/api/target-users/search', body)).status).toBe(400);
			expect((await search({ pageNumber: 0 })).status).toBe(400);
			const empty = await api<ServiceResultBody>(sandbox, token, 'POST', '/api/target-users/search', { companyId, headers: { 'content-type': 'application/json' } });
			expect(empty.status).toBe(400);
			expect(empty.json.validationMessages).toEqual(['A non-empty request body is required.']);
			const notJson = await api(sandbox, token, 'POST', '/api/target-users/search', { companyId, body: 'x', headers: { 'content-type': 'text/plain' } });
			expect(notJson.status).toBe(415);
		});

		it('search-email returns exact case-insensitive matches as TargetUserDto', async () => {
			const user = sandbox.store.targetUsersOf(companyId).find((entry) => !entry.isDeleted);
			if (!user) throw new Error('seed has users');
			const found = await call<ServiceResultBody<Paged<Record<string, unknown>>>>('POST', '/api/target-users/search-email', { email: user.email.toUpperCase(), pageNumber: 1, pageSize: 10, orderBy: '', ascending: true });
			expect(found.json.data.totalNumberOfRecords).toBe(1);
			expect(found.json.data.results[0]).toMatchObject({ resourceId: user.resourceId, email: user.email, isActive: user.isActive });
			expect(found.json.data.results[0]).toHaveProperty('managerFullName');
			const partial = await call<ServiceResultBody<Paged<unknown>>>('POST', '/api/target-users/search-email', { email: user.email.slice(0, 5), pageNumber: 1, pageSize: 10, orderBy: '', ascending: true });
			expect(partial.json.data.totalNumberOfRecords).toBe(0);
		});
	});

	it('count-summary reports active / inactive / deleted and monthly active users', async () => {
		const answer = await call<ServiceResultBody<{ totalNumberOfActiveUsers: number; totalNumberOfInActiveUsers: number; totalNumberOfDeletedUsers: number; monthlyActiveUsers: Array<{ period: string; periodStart: string; count: number }> }>>(
			'GET',
			'/api/target-users/count-summary',
		);
		const users = sandbox.store.targetUsersOf(companyId);
		expect(answer.json.data.totalNumberOfActiveUsers).toBe(users.filter((user) => !user.isDeleted && user.isActive).length);
		expect(answer.json.data.totalNumberOfInActiveUsers).toBe(users.filter((user) => !user.isDeleted && !user.isActive).length);
		expect(answer.json.data.totalNumberOfDeletedUsers).toBe(users.filter((user) => user.isDeleted).length);
		expect(answer.json.data.monthlyActiveUsers).toHaveLength(6);
		expect(answer.json.data.monthlyActiveUsers[0].period).toMatch(/^\d{4}-\d{2}$/);
	});

	describe('groups and membership', () => {
		it('creates a group (name + priority required), lists it, and rejects bad input', async () => {
			const created = await call<ServiceResultBody<{ resourceId: string }>>('POST', '/api/target-groups', { name: 'Phishing Pilots', priority: 'High' });
			expect(created.status).toBe(200);
			const groups = await call<ServiceResultBody<Array<{ resourceId: string; name: string; priority: string }>>>('GET', '/api/target-groups');
			expect(groups.json.data).toContainEqual(expect.objectContaining({ resourceId: created.json.data.resourceId, name: 'Phishing Pilots', priority: 'High' }));
			const missing = await call<ServiceResultBody>('POST', '/api/target-groups', { name: 'No priority' });
			expect(missing.status).toBe(400);
			expect(missing.json.validationMessages).toContain("'Priority' must not be empty.");
			const tooLong = await call<ServiceResultBody>('POST', '/api/target-groups', { name: 'G'.repeat(65), priority: 'Low' });
			expect(tooLong.json.validationMessages).toContain("The length of 'Name' must be 64 characters or fewer. You entered 65 characters.");
			expect((await call('POST', '/api/target-groups', { name: '', priority: 'Low' })).status).toBe(400);
		});

		it('adds users (PUT /target-groups/users), lists members, lists a user\'s groups, removes users', async () => {
			const group = await call<ServiceResultBody<{ resourceId: string }>>('POST', '/api/target-groups', { name: 'Membership Test', priority: 'Medium' });
			const groupId = group.json.data.resourceId;
			const members = sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted).slice(0, 3);
			const added = await call<ServiceResultBody<Array<{ targetGroupResourceId: string; addedUserCount: number }>>>('PUT', '/api/target-groups/users', {
				targetUserResourceIds: members.map((user) => user.resourceId),
				targetGroupResourceIds: [groupId],
				selectAll: false,
				excludedResourceIdList: [],
			});
			expect(added.json.data).toEqual([{ targetGroupResourceId: groupId, addedUserCount: 3 }]);

			const listed = await call<ServiceResultBody<Paged<UserRow>>>('POST', `/api/target-groups/${groupId}/users`, { ...searchBody({ pageSize: 100 }), excludeGroupUsers: false });
			expect(listed.json.data.results.map((row) => row.resourceId).sort()).toEqual(members.map((user) => user.resourceId).sort());
			const outside = await call<ServiceResultBody<Paged<UserRow>>>('POST', `/api/target-groups/${groupId}/users`, { ...searchBody({ pageSize: 1000 }), excludeGroupUsers: true });
			expect(outside.json.data.totalNumberOfRecords).toBe(sandbox.store.targetUsersOf(companyId).length - 3);

			const userGroups = await call<ServiceResultBody<Paged<{ resourceId: string; name: string }>>>('POST', `/api/target-users/${members[0].resourceId}/groups`, searchBody({ pageSize: 100 }));
			expect(userGroups.json.data.results.map((row) => row.name)).toContain('Membership Test');

			const searchGroups = await call<ServiceResultBody<Paged<{ resourceId: string; userCount: number }>>>('POST', '/api/target-groups/search', searchBody({ filter: filterWith([{ FieldName: 'Name', Operator: 'Contains', Value: 'membership' }]) }));
			expect(searchGroups.json.data.results).toEqual([expect.objectContaining({ resourceId: groupId, userCount: 3 })]);

			const removed = await call<ServiceResultBody<{ resourceId: string }>>('DELETE', `/api/target-groups/${groupId}/users`, { targetUserResourceIds: [members[0].resourceId] });
			expect(removed.status).toBe(200);
			const after = await call<ServiceResultBody<Paged<UserRow>>>('POST', `/api/target-groups/${groupId}/users`, { ...searchBody({ pageSize: 100 }), excludeGroupUsers: false });
			expect(after.json.data.totalNumberOfRecords).toBe(2);
			expect(sandbox.store.data(companyId).targetUsers.get(members[0].resourceId)?.groupIds.has(groupId)).toBe(false);

			expect((await call('PUT', '/api/target-groups/users', { targetUserResourceIds: [members[0].resourceId], targetGroupResourceIds: ['ZZZZZZZZZZZZ'] })).status).toBe(400);
			expect((await call('POST', '/api/target-groups/ZZZZZZZZZZZZ/users', searchBody())).status).toBe(404);
		});

		it('lists Keepnet\'s own groups only with systemGeneratedGroups true, and refuses to edit or delete them', async () => {
			const systemGroupId = sandbox.ids.systemGroupByCompany[companyId];
			const ids = async (systemGeneratedGroups: boolean) =>
				(await call<ServiceResultBody<Paged<{ resourceId: string }>>>('POST', '/api/target-groups/search', { ...searchBody({ pageSize: 100 }), systemGeneratedGroups })).json.data.results.map(
					(row) => row.resourceId,
				);
			expect(await ids(false)).not.toContain(systemGroupId);
			expect(await ids(true)).toContain(systemGroupId);
			const edit = await call<ServiceResultBody>('PUT', `/api/target-groups/${systemGroupId}`, { name: 'Mine now', priority: 'Low' });
			expect(edit.status).toBe(400);
			expect(edit.json.validationMessages).toEqual(['The Repeat Offenders group is can not be edited.']);
			expect((await call('DELETE', `/api/target-groups/${systemGroupId}`)).status).toBe(400);
			expect(sandbox.store.data(companyId).targetGroups.get(systemGroupId)).toMatchObject({ name: 'Repeat Offenders', priority: 'VeryHigh' });
		});

		it('PUT replaces name and priority (both required) and changes isActive only when sent', async () => {
			const group = await call<ServiceResultBody<{ resourceId: string }>>('POST', '/api/target-groups', { name: 'Put Test', priority: 'Low' });
			const groupId = group.json.data.resourceId;
			const stored = () => sandbox.store.data(companyId).targetGroups.get(groupId);
			expect((await call<ServiceResultBody>('PUT', `/api/target-groups/${groupId}`, { priority: 'High' })).status).toBe(400);
			expect(stored()).toMatchObject({ name: 'Put Test', priority: 'Low', isActive: true });
			expect((await call('PUT', `/api/target-groups/${groupId}`, { name: 'Put Test', priority: 'High', isActive: false })).status).toBe(200);
			expect(stored()).toMatchObject({ priority: 'High', isActive: false });
			expect((await call('PUT', `/api/target-groups/${groupId}`, { name: 'Put Test 2', priority: 'High' })).status).toBe(200);
			expect(stored()).toMatchObject({ name: 'Put Test 2', isActive: false });
		});

		it('adds users to groups at creation with targetGroupResourceIds', async () => {
			const groupId = sandbox.ids.targetGroupsByCompany[companyId]['Finance'];
			const created = await createUser({ email: 'new.finance@initech.example', phoneNumber: '+1', targetGroupResourceIds: [groupId] });
			expect(created.status).toBe(200);
			expect(sandbox.store.findTargetUserByEmail(companyId, 'new.finance@initech.example')?.groupIds.has(groupId)).toBe(true);
			expect((await createUser({ email: 'bad.group@initech.example', phoneNumber: '+1', targetGroupResourceIds: ['ZZZZZZZZZZZZ'] })).status).toBe(400);
		});
	});
});
