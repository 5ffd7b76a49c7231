/**
 * REST API Client for a customer (docs/reseller-integrations.md#rest-api-clients), through the node's execute against the sandbox: what the
 * sandbox stores and receives, and where the client's secret may appear (Create's output only).
 */
import { resellerOf } from '../../sandbox/reseller';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';
import { REDACTED } from '../../../nodes/Keepnet/transport/redaction';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[1];
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	fixture.sandbox.clearRequests();
	resellerOf(fixture.sandbox.store).clientSecretInGet = 'plain';
});

const reseller = () => resellerOf(fixture.sandbox.store);
const roles = () => fixture.sandbox.ids.rolesByCompany[companyId];
const company = () => locator(companyId);
const calls = () => fixture.apiRequests().map((request) => `${request.method} ${request.path}`);

describe('REST API Client → Create', () => {
	it('generates the credentials, gives roles by name, stores the client and returns its secret once', async () => {
		const [created] = jsonOf(
			await fixture.run({
				resource: 'restApiClient',
				operation: 'create',
				companyId: company(),
				name: 'Customer automation',
				roleIds: '={{ ["company admin"] }}',
				additionalFields: { allowedIpAddresses: '203.0.113.10, 198.51.100.*' },
			}),
		);
		const stored = reseller().restApiClients.get(String(created.resourceId))!;
		expect(stored).toMatchObject({
			companyId,
			name: 'Customer automation',
			statusId: 1,
			hasIpAddressRestriction: true,
			allowedIpAddresses: ['203.0.113.10', '198.51.100.*'],
			roleResourceIdList: [roles().companyAdmin],
		});
		expect(created).toEqual({
			resourceId: stored.resourceId,
			companyId,
			name: 'Customer automation',
			clientId: stored.clientId,
			clientSecret: stored.clientSecret,
			statusId: 1,
			hasIpAddressRestriction: true,
			allowedIpAddresses: ['203.0.113.10', '198.51.100.*'],
			roleResourceIdList: [roles().companyAdmin],
		});
		expect(calls()).toEqual(['GET /api/roles', 'GET /api/companies/clients/generate-client-credentials', 'POST /api/companies/clients']);
		expect(fixture.apiRequests().every((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(true);
	});

	it('Leave Client Secret Out of Output: the client is created, the output says the secret was left out', async () => {
		const [created] = jsonOf(
			await fixture.run({ resource: 'restApiClient', operation: 'create', companyId: company(), name: 'No secret shown', roleIds: [roles().companyAdmin], options: { leaveCredentialOut: true } }),
		);
		const stored = reseller().restApiClients.get(String(created.resourceId))!;
		expect(created.clientSecretLeftOut).toBe(true);
		expect(JSON.stringify(created)).not.toContain(stored.clientSecret);
	});

	it('refuses a missing role, a bad IP address or a name over 64 characters before any request', async () => {
		const base = { resource: 'restApiClient', operation: 'create', companyId: company(), name: 'Bad', roleIds: [roles().companyAdmin] };
		await expect(fixture.run({ ...base, roleIds: '={{ [] }}' })).rejects.toThrow('No role chosen (item 0)');
		await expect(fixture.run({ ...base, additionalFields: { allowedIpAddresses: '10.0.0.1, not-an-ip' } })).rejects.toThrow(
			'Allowed IP Addresses entry "not-an-ip" is not an IP address (item 0)',
		);
		await expect(fixture.run({ ...base, name: 'n'.repeat(65) })).rejects.toThrow('Name is too long: 65 characters, Keepnet accepts at most 64 (item 0)');
		expect(fixture.apiRequests()).toEqual([]);
	});

	it('an unknown role name fails the item before the credentials are generated', async () => {
		await expect(fixture.run({ resource: 'restApiClient', operation: 'create', companyId: company(), name: 'X', roleIds: '={{ ["Auditor"] }}' })).rejects.toThrow(
			'Role Names or IDs: "Auditor" is neither the name nor the ID of a role',
		);
		expect(calls()).toEqual(['GET /api/roles']);
	});
});

describe('REST API Client → Get, Get Many', () => {
	it('Get returns the client with its secret redacted; Get Many lists it', async () => {
		const client = reseller().addRestApiClient(companyId, { name: 'Read me', roleResourceIdList: [roles().companyAdmin] });
		const [got] = jsonOf(await fixture.run({ resource: 'restApiClient', operation: 'get', companyId: company(), restApiClientId: locator(client.resourceId, 'id') }));
		expect(got).toMatchObject({ resourceId: client.resourceId, name: 'Read me', clientId: client.clientId, clientSecret: REDACTED, companyId });
		expect(JSON.stringify(got)).not.toContain(client.clientSecret);

		const listed = jsonOf(await fixture.run({ resource: 'restApiClient', operation: 'getAll', companyId: company(), returnAll: true, filters: { searchText: 'read me' } }));
		expect(listed).toEqual([expect.objectContaining({ resourceId: client.resourceId, clientName: 'Read me', statusName: 'Active' })]);
	});

	it('the picker lists the clients of the selected company by name', async () => {
		const client = reseller().addRestApiClient(companyId, { name: 'Picker entry' });
		const result = await fixture.listSearch('searchRestApiClients', { companyId: company() }, 'picker');
		expect(result.results).toEqual([{ name: 'Picker entry', value: client.resourceId }]);
	});
});

describe('REST API Client → Update', () => {
	it('merges the change into the stored client and sends the stored secret back unchanged', async () => {
		const client = reseller().addRestApiClient(companyId, {
			name: 'Before',
			roleResourceIdList: [roles().companyAdmin],
			hasIpAddressRestriction: true,
			allowedIpAddresses: ['192.0.2.1'],
		});
		const secret = client.clientSecret;
		const [updated] = jsonOf(
			await fixture.run({ resource: 'restApiClient', operation: 'update', companyId: company(), restApiClientId: locator(client.resourceId, 'id'), updateFields: { name: 'After', statusId: 0 } }),
		);
		expect(reseller().restApiClients.get(client.resourceId)).toMatchObject({
			name: 'After',
			statusId: 0,
			clientSecret: secret,
			clientId: client.clientId,
			allowedIpAddresses: ['192.0.2.1'],
			roleResourceIdList: [roles().companyAdmin],
		});
		const put = fixture.apiRequests().find((request) => request.method === 'PUT')!;
		expect(put.body).toEqual({
			name: 'After',
			clientId: client.clientId,
			clientSecret: secret,
			statusId: 0,
			hasIpAddressRestriction: true,
			allowedIpAddresses: ['192.0.2.1'],
			roleResourceIdList: [roles().companyAdmin],
		});
		// Update's output never carries the secret.
		expect(JSON.stringify(updated)).not.toContain(secret);
		expect(updated).toMatchObject({ resourceId: client.resourceId, name: 'After', statusId: 0 });
	});

	it('refuses to update when Keepnet returns the secret masked: nothing is sent, the stored secret stays', async () => {
		const client = reseller().addRestApiClient(companyId, { name: 'Masked', roleResourceIdList: [roles().companyAdmin] });
		const secret = client.clientSecret;
		reseller().clientSecretInGet = 'masked';
		await expect(
			fixture.run({ resource: 'restApiClient', operation: 'update', companyId: company(), restApiClientId: locator(client.resourceId, 'id'), updateFields: { name: 'Changed' } }),
		).rejects.toThrow(`Keepnet did not return the secret of REST API client "${client.resourceId}" (item 0)`);
		expect(fixture.apiRequests().filter((request) => request.method === 'PUT')).toEqual([]);
		expect(reseller().restApiClients.get(client.resourceId)).toMatchObject({ name: 'Masked', clientSecret: secret });
	});

	it('refuses an empty update before any request', async () => {
		await expect(
			fixture.run({ resource: 'restApiClient', operation: 'update', companyId: company(), restApiClientId: locator('Ab12Cd34Ef56', 'id'), updateFields: {} }),
		).rejects.toThrow('No field to update (item 0)');
		expect(fixture.apiRequests()).toEqual([]);
	});
});

describe('REST API Client → Delete', () => {
	it('deletes the client', async () => {
		const client = reseller().addRestApiClient(companyId, { name: 'Doomed' });
		const [result] = jsonOf(await fixture.run({ resource: 'restApiClient', operation: 'delete', companyId: company(), restApiClientId: locator(client.resourceId, 'id') }));
		expect(result).toEqual({ deleted: true, id: client.resourceId, companyId });
		expect(reseller().restApiClients.has(client.resourceId)).toBe(false);
	});

	it('refuses to delete the client the node signs in with', async () => {
		const own = reseller().addRestApiClient(companyId, { name: 'Same client ID as the credential', clientId: fixture.sandbox.clients.reseller.clientId });
		await expect(fixture.run({ resource: 'restApiClient', operation: 'delete', companyId: company(), restApiClientId: locator(own.resourceId, 'id') })).rejects.toThrow(
			'is the one this node signs in with (item 0)',
		);
		expect(reseller().restApiClients.has(own.resourceId)).toBe(true);
		expect(fixture.apiRequests().filter((request) => request.method === 'DELETE')).toEqual([]);
	});
});
