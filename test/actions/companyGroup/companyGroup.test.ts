/**
 * Company Group, run through the node's execute against the sandbox under both readings of "participants"
 * (docs/reseller-integrations.md#company-groups: the spec adds, the docs replace). Assertions are on what the sandbox stores and receives.
 */
import { resellerOf, type ParticipantsReading } from '../../sandbox/reseller';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let customers: string[];

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	customers = fixture.sandbox.ids.customerCompanyIds;
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	fixture.sandbox.clearRequests();
	resellerOf(fixture.sandbox.store).participantsReading = 'add';
});

const reseller = () => resellerOf(fixture.sandbox.store);
const membersOf = (groupId: string) => reseller().membersOf(groupId).map((company) => company.resourceId).sort();
const newGroup = (name: string, members: string[]) => reseller().addGroup(fixture.sandbox.ids.resellerCompanyId, name, members).resourceId;
const writes = () => fixture.apiRequests().filter((request) => request.method !== 'GET' && !request.path.endsWith('/search'));

describe.each<ParticipantsReading>(['add', 'replace'])('Company Group → Add Companies, Keepnet reading participants as "%s"', (reading) => {
	it('adds the new companies and keeps every member, sending the union once and verifying it', async () => {
		const groupId = newGroup(`Union ${reading}`, [customers[0], customers[1]]);
		reseller().participantsReading = reading;
		const [result] = jsonOf(
			await fixture.run({ resource: 'companyGroup', operation: 'addCompanies', companyGroupId: locator(groupId, 'id'), companyIds: [customers[2], customers[1]] }),
		);
		expect(membersOf(groupId)).toEqual([customers[0], customers[1], customers[2]].sort());
		expect(result).toEqual({ companyGroupId: groupId, added: [customers[2]], alreadyMembers: [customers[1]], companyCount: 3 });
		const puts = writes();
		expect(puts.map((request) => `${request.method} ${request.path}`)).toEqual([`PUT /api/company-groups/${groupId}/participants`]);
		expect((puts[0].body as { companyResourceIdArray: string[] }).companyResourceIdArray.sort()).toEqual([customers[0], customers[1], customers[2]].sort());
		// Company groups belong to the reseller: no customer header.
		expect(fixture.apiRequests().every((request) => request.headers['x-keepnet-company-id'] === undefined)).toBe(true);
	});

	it('Rename keeps the members', async () => {
		const groupId = newGroup(`Rename ${reading}`, [customers[0], customers[3]]);
		reseller().participantsReading = reading;
		await fixture.run({ resource: 'companyGroup', operation: 'rename', companyGroupId: locator(groupId, 'id'), name: `Renamed ${reading}` });
		expect(reseller().companyGroups.get(groupId)?.name).toBe(`Renamed ${reading}`);
		expect(membersOf(groupId)).toEqual([customers[0], customers[3]].sort());
	});

	it('several items adding to the same group one after the other lose no one', async () => {
		const groupId = newGroup(`Serial ${reading}`, []);
		reseller().participantsReading = reading;
		await fixture.run(
			{ resource: 'companyGroup', operation: 'addCompanies', companyGroupId: locator(groupId, 'id'), companyIds: '={{ [$json.companyId] }}', options: { concurrency: 5 } },
			{ items: items(...customers.slice(0, 4).map((companyId) => ({ companyId }))) },
		);
		expect(membersOf(groupId)).toEqual(customers.slice(0, 4).sort());
	});
});

describe('Company Group → Add Companies sends only the new ids, verified: what the "add" reading alone would need', () => {
	it('a node that sent only the new companies would empty the group under "replace" (the sandbox models it)', async () => {
		const groupId = newGroup('Proof of hazard', [customers[0], customers[1]]);
		reseller().participantsReading = 'replace';
		// What Keepnet's own web client sends: only the new company.
		const warmUp = await fixture.run({ resource: "company", operation: "get", companyId: locator(customers[0]) });
		expect(jsonOf(warmUp)).toHaveLength(1);
		const response = await fetch(`${fixture.sandbox.url}/api/company-groups/${groupId}/participants`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${String(fixture.credentials.data.accessToken)}`, 'content-type': 'application/json' },
			body: JSON.stringify({ companyResourceIdArray: [customers[2]] }),
		});
		expect(response.status).toBe(200);
		expect(membersOf(groupId)).toEqual([customers[2]]);
	});

	it('when every company is already a member, nothing is written', async () => {
		const groupId = newGroup('Already there', [customers[0]]);
		const [result] = jsonOf(await fixture.run({ resource: 'companyGroup', operation: 'addCompanies', companyGroupId: locator(groupId, 'id'), companyIds: [customers[0]] }));
		expect(result).toMatchObject({ added: [], alreadyMembers: [customers[0]] });
		expect(writes()).toEqual([]);
	});

	it('a member lost during the change is reported, naming it', async () => {
		const groupId = newGroup('Lost member', [customers[0], customers[1]]);
		// Another client takes customer 1 out between the node's write and its read-back.
		fixture.sandbox.faults.beforeHandling = (method, path) => {
			if (method === 'PUT' && path.endsWith('/participants')) setImmediate(() => reseller().removeMember(groupId, customers[1]));
		};
		try {
			await expect(
				fixture.run({ resource: 'companyGroup', operation: 'addCompanies', companyGroupId: locator(groupId, 'id'), companyIds: [customers[2]] }),
			).rejects.toThrow(`not members although they should be: ${customers[1]}`);
		} finally {
			fixture.sandbox.faults.beforeHandling = null;
		}
	});
});

describe('Company Group → Remove Companies', () => {
	it.each<ParticipantsReading>(['add', 'replace'])('removes exactly the given members (reading "%s"), reports the non-members', async (reading) => {
		const groupId = newGroup(`Remove ${reading}`, [customers[0], customers[1], customers[2]]);
		reseller().participantsReading = reading;
		const [result] = jsonOf(
			await fixture.run({ resource: 'companyGroup', operation: 'removeCompanies', companyGroupId: locator(groupId, 'id'), companyIds: [customers[1], customers[4]] }),
		);
		expect(membersOf(groupId)).toEqual([customers[0], customers[2]].sort());
		expect(result).toEqual({ companyGroupId: groupId, removed: [customers[1]], notMembers: [customers[4]], companyCount: 2 });
		const [removal] = writes();
		expect(removal).toMatchObject({ method: 'DELETE', path: `/api/company-groups/${groupId}/participants`, body: { companyResourceIdArray: [customers[1]] } });
	});

	it('refuses an empty company list or a bad ID before any request', async () => {
		const groupId = newGroup('Guarded', [customers[0]]);
		const base = { resource: 'companyGroup', operation: 'removeCompanies', companyGroupId: locator(groupId, 'id') };
		await expect(fixture.run({ ...base, companyIds: '={{ [] }}' })).rejects.toThrow('No company to remove (item 0)');
		await expect(fixture.run({ ...base, companyIds: '={{ ["not an id!"] }}' })).rejects.toThrow('Company Names or IDs "not an id!" is not a Keepnet ID (item 0)');
		expect(fixture.apiRequests()).toEqual([]);
		expect(membersOf(groupId)).toEqual([customers[0]]);
	});
});

describe('Company Group → Create, Get, Get Many, Get Companies, Delete', () => {
	it('creates a group with members, reads it, lists it, lists its companies and deletes it', async () => {
		const [created] = jsonOf(await fixture.run({ resource: 'companyGroup', operation: 'create', name: 'Gold Customers', companyIds: [customers[3]] }));
		const groupId = String(created.resourceId);
		expect(reseller().companyGroups.get(groupId)?.name).toBe('Gold Customers');
		expect(membersOf(groupId)).toEqual([customers[3]]);
		expect(fixture.apiRequests()[0].body).toEqual({ name: 'Gold Customers', companyResourceIdArray: [customers[3]] });

		expect(jsonOf(await fixture.run({ resource: 'companyGroup', operation: 'get', companyGroupId: locator(groupId, 'id') }))[0]).toMatchObject({ resourceId: groupId, name: 'Gold Customers', companyCount: 1 });
		const listed = jsonOf(await fixture.run({ resource: 'companyGroup', operation: 'getAll', returnAll: true, filters: { searchText: 'gold' } }));
		expect(listed.map((group) => group.resourceId)).toEqual([groupId]);
		const companies = jsonOf(await fixture.run({ resource: 'companyGroup', operation: 'getCompanies', companyGroupId: locator(groupId, 'id'), returnAll: true }));
		expect(companies.map((company) => company.companyResourceId)).toEqual([customers[3]]);

		await fixture.run({ resource: 'companyGroup', operation: 'delete', companyGroupId: locator(groupId, 'id') });
		expect(reseller().companyGroups.has(groupId)).toBe(false);
		expect(fixture.sandbox.store.companies.get(customers[3])?.companyGroupResourceIds).not.toContain(groupId);
	});

	it('refuses a name over 64 characters and an empty name before any request', async () => {
		await expect(fixture.run({ resource: 'companyGroup', operation: 'create', name: 'g'.repeat(65) })).rejects.toThrow('Name is too long: 65 characters, Keepnet accepts at most 64 (item 0)');
		await expect(fixture.run({ resource: 'companyGroup', operation: 'create', name: '={{ "" }}' })).rejects.toThrow('Name is required (item 0)');
		expect(fixture.apiRequests()).toEqual([]);
	});

	it('the Company Group picker lists the groups by name', async () => {
		const result = await fixture.listSearch('searchCompanyGroups', {}, 'managed');
		expect(result.results.map((entry) => entry.name)).toEqual(['Managed Customers']);
	});
});

describe('Company → Create and Update, Company Groups field', () => {
	const companyFields = {
		countryId: 'moJzbtVHBtjg',
		industryId: 'AfiSHBHTfm7C',
		licenseTypeId: 'DFM1IOJ8RBYX',
		licensePeriodTypeId: 'HTHpWWXGJshG',
		numberOfUsers: 25,
		timeZoneId: 'Dateline Standard Time',
		dateFormat: 'dd/MM/yyyy',
		timeFormat: '24h',
	};

	it('Create puts the new company in the groups given by name', async () => {
		const emea = reseller().groupsOf(fixture.sandbox.ids.resellerCompanyId).find((group) => group.name === 'EMEA')!;
		const [created] = jsonOf(
			await fixture.run({ resource: 'company', operation: 'create', name: 'Grouped Co', ...companyFields, additionalFields: { companyGroupIds: '={{ ["emea"] }}' } }),
		);
		expect(membersOf(emea.resourceId)).toContain(created.resourceId);
		expect(created.CompanyGroupResourceIdArray).toEqual([emea.resourceId]);
	});

	it('Update replaces the groups with the ones given; an unknown group name or an empty list is refused before any write', async () => {
		const companyId = customers[4];
		const groups = reseller().groupsOf(fixture.sandbox.ids.resellerCompanyId);
		const managed = groups.find((group) => group.name === 'Managed Customers')!;
		const update = (companyGroupIds: string | string[]) => fixture.run({ resource: 'company', operation: 'update', companyId: locator(companyId, 'id'), updateFields: { companyGroupIds } });
		await update([managed.resourceId]);
		expect(fixture.sandbox.store.companies.get(companyId)?.companyGroupResourceIds).toEqual([managed.resourceId]);

		fixture.sandbox.clearRequests();
		await expect(update('={{ ["No Such Group"] }}')).rejects.toThrow('Company Group Names or IDs: "No Such Group" is neither the name nor the ID of a company group you manage (item 0)');
		await expect(update('={{ [] }}')).rejects.toThrow('Company Group Names or IDs is empty (item 0)');
		expect(fixture.apiRequests().filter((request) => request.method === 'PUT')).toEqual([]);
		expect(fixture.sandbox.store.companies.get(companyId)?.companyGroupResourceIds).toEqual([managed.resourceId]);
	});
});
