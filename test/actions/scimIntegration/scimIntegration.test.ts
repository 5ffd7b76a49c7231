/**
 * SCIM Integration (docs/reseller-integrations.md#scim) through the node's execute against the sandbox, with both answers the
 * sources describe for create (token only / token and URL) and for revoke (token / page of tokens).
 */
import { resellerOf } from '../../sandbox/reseller';
import { SCIM_FIELDS } from '../../sandbox/routes/customerIntegrations';
import { scimUrlOf } from '../../../nodes/Keepnet/actions/scimIntegration/api';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[3];
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	fixture.sandbox.clearRequests();
	reseller().scimCreateAnswer = 'token';
	reseller().scimRevokeAnswer = 'token';
});

const reseller = () => resellerOf(fixture.sandbox.store);
const company = () => locator(companyId);
const integrations = () => [...reseller().scimIntegrations.values()].filter((scim) => scim.companyId === companyId);

describe('SCIM Integration → Create', () => {
	it('creates the integration with its group and mappings, and returns its ID (found by name), name, token and SCIM URL', async () => {
		const groupId = fixture.sandbox.ids.targetGroupsByCompany[companyId]['IT Department'];
		reseller().scimCreateAnswer = 'tokenAndUrl';
		const [created] = jsonOf(
			await fixture.run({
				resource: 'scimIntegration',
				operation: 'create',
				companyId: company(),
				name: 'Entra ID',
				additionalFields: {
					targetGroupId: groupId,
					groupByScimFieldId: '9fd0afec416c',
					fieldMappings: { mapping: [{ customFieldId: 'CustomField01', scimFieldId: 'ScimJobTitle' }] },
				},
			}),
		);
		const stored = integrations().find((scim) => scim.name === 'Entra ID')!;
		expect(stored).toMatchObject({ groupResourceId: groupId, groupBySCIMFieldResourceId: '9fd0afec416c', fieldMappings: [{ customFieldResourceId: 'CustomField01', scimFieldResourceId: 'ScimJobTitle' }] });
		expect(created).toEqual({ resourceId: stored.resourceId, name: 'Entra ID', companyId, scimUrl: `${fixture.sandbox.url}/scim`, token: stored.token });
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/scim', 'POST /api/scim/search']);
		expect(fixture.apiRequests().every((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(true);
	});

	it('without a URL in the answer, the SCIM URL follows from the Base URL only for an api. host (else null); Leave Token Out of Output works', async () => {
		const [created] = jsonOf(await fixture.run({ resource: 'scimIntegration', operation: 'create', companyId: company(), name: 'Okta', options: { leaveCredentialOut: true } }));
		const stored = integrations().find((scim) => scim.name === 'Okta')!;
		expect(created).toEqual({ resourceId: stored.resourceId, name: 'Okta', companyId, scimUrl: null, tokenLeftOut: true });
		expect(JSON.stringify(created)).not.toContain(stored.token);
	});

	it('a duplicate name (409) fails the item with Keepnet’s message; a name over 30 characters is refused before any request', async () => {
		reseller().addScimIntegration(companyId, 'Google');
		await expect(fixture.run({ resource: 'scimIntegration', operation: 'create', companyId: company(), name: 'Google' })).rejects.toThrow("A SCIM integration named 'Google' already exists.");
		fixture.sandbox.clearRequests();
		await expect(fixture.run({ resource: 'scimIntegration', operation: 'create', companyId: company(), name: 's'.repeat(31) })).rejects.toThrow(
			'Name is too long: 31 characters, Keepnet accepts at most 30 (item 0)',
		);
		expect(fixture.apiRequests()).toEqual([]);
	});

	it('when the ID lookup fails after the create, the token is still returned and the item says why the ID is missing', async () => {
		fixture.sandbox.faults.failNext = [1, 2, 3, 4].map(() => ({ match: { path: '/api/scim/search' }, status: 503 }));
		const [created] = jsonOf(await fixture.run({ resource: 'scimIntegration', operation: 'create', companyId: company(), name: 'Lookup fails' }));
		fixture.sandbox.faults.failNext = [];
		const stored = integrations().find((scim) => scim.name === 'Lookup fails')!;
		expect(created).toMatchObject({ resourceId: null, token: stored.token });
		expect(String(created.resourceIdError)).toContain('its ID could not be read');
	});
});

describe('the SCIM URL without one in the answer', () => {
	it("is the scim-api. host beside Keepnet's api. host, and unknown for any other host", () => {
		expect(scimUrlOf({ token: 't' }, 'https://api.keepnetlabs.com')).toBe('https://scim-api.keepnetlabs.com/scim');
		expect(scimUrlOf(undefined, 'https://api.keepnet.customer.example')).toBe('https://scim-api.keepnet.customer.example/scim');
		expect(scimUrlOf(undefined, 'https://keepnet.customer.example')).toBeNull();
		expect(scimUrlOf({ baseUrl: 'https://given.example/scim' }, 'https://api.keepnetlabs.com')).toBe('https://given.example/scim');
	});
});

describe('SCIM Integration → Get Fields, Get, Get Many, Rename, Delete', () => {
	it('reads, lists, renames and deletes, and the token never appears', async () => {
		const scim = reseller().addScimIntegration(companyId, 'Lifecycle');
		const fields = jsonOf(await fixture.run({ resource: 'scimIntegration', operation: 'getFields', companyId: company() }));
		expect(fields).toEqual(SCIM_FIELDS);
		const [got] = jsonOf(await fixture.run({ resource: 'scimIntegration', operation: 'get', companyId: company(), scimIntegrationId: locator(scim.resourceId, 'id') }));
		expect(got).toMatchObject({ resourceId: scim.resourceId, name: 'Lifecycle', companyId });
		const listed = jsonOf(await fixture.run({ resource: 'scimIntegration', operation: 'getAll', companyId: company(), returnAll: true, filters: { searchText: 'lifecycle' } }));
		expect(listed.map((row) => row.resourceId)).toEqual([scim.resourceId]);
		await fixture.run({ resource: 'scimIntegration', operation: 'rename', companyId: company(), scimIntegrationId: locator(scim.resourceId, 'id'), name: 'Lifecycle 2' });
		expect(scim.name).toBe('Lifecycle 2');
		expect(fixture.apiRequests().find((request) => request.method === 'PUT')?.body).toEqual({ name: 'Lifecycle 2' });
		const token = scim.token;
		await fixture.run({ resource: 'scimIntegration', operation: 'delete', companyId: company(), scimIntegrationId: locator(scim.resourceId, 'id') });
		expect(reseller().scimIntegrations.has(scim.resourceId)).toBe(false);
		expect(JSON.stringify([got, listed, fields])).not.toContain(token);
	});
});

describe('SCIM Integration → Revoke Token', () => {
	it.each<'token' | 'paged'>(['token', 'paged'])('returns the new token (answer shaped as %s); the old one is revoked', async (shape) => {
		const scim = reseller().addScimIntegration(companyId, `Revoke ${shape}`);
		const old = scim.token;
		reseller().scimRevokeAnswer = shape;
		const [result] = jsonOf(await fixture.run({ resource: 'scimIntegration', operation: 'revokeToken', companyId: company(), scimIntegrationId: locator(scim.resourceId, 'id') }));
		expect(scim.revokedTokens).toEqual([old]);
		expect(result).toEqual({ resourceId: scim.resourceId, companyId, scimUrl: null, token: scim.token });
		expect(JSON.stringify(result)).not.toContain(old);
	});

	it('a failed revoke is not replayed (a second revoke would kill the token of the first)', async () => {
		const scim = reseller().addScimIntegration(companyId, 'Revoke once');
		fixture.sandbox.faults.failNext = [{ match: { pathSuffix: '/revoke' }, status: 500, applyAfterWrite: true }];
		await expect(fixture.run({ resource: 'scimIntegration', operation: 'revokeToken', companyId: company(), scimIntegrationId: locator(scim.resourceId, 'id') })).rejects.toMatchObject({
			description: expect.stringContaining('may or may not have been carried out'),
		});
		expect(fixture.apiRequests().filter((request) => request.path.endsWith('/revoke'))).toHaveLength(1);
		expect(scim.revokedTokens).toHaveLength(1);
	});
});
