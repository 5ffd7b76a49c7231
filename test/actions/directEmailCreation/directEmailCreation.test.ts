/** Direct Email Creation (docs/reseller-integrations.md#direct-email-creation) through the node's execute against the sandbox. */
import { resellerOf } from '../../sandbox/reseller';
import { DEC_GOOGLE_CLIENT, DEC_MICROSOFT_APP } from '../../sandbox/routes/customerIntegrations';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[2];
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

const reseller = () => resellerOf(fixture.sandbox.store);
const company = () => locator(companyId);
const create = (name: string, type: number, extra: Record<string, string> = {}) =>
	fixture.run({ resource: 'directEmailCreation', operation: 'create', companyId: company(), name, type, tenantId: 'tenant-0001', allowedDomains: 'Initech.example, initech.co.example', ...extra });

describe('Direct Email Creation → Create', () => {
	it('Microsoft 365: stores the setting and returns the admin-consent address of Keepnet’s application', async () => {
		const [created] = jsonOf(await create('M365', 1));
		const stored = reseller().directEmailSettings.get(String(created.resourceId))!;
		expect(stored).toMatchObject({ companyId, name: 'M365', tenantId: 'tenant-0001', allowedDomains: ['initech.example', 'initech.co.example'], type: 1 });
		const consent = new URL(String(created.consentUrl));
		expect(`${consent.origin}${consent.pathname}`).toBe('https://login.microsoftonline.com/common/adminconsent');
		expect(Object.fromEntries(consent.searchParams)).toEqual({ client_id: DEC_MICROSOFT_APP.applicationId, redirect_uri: DEC_MICROSOFT_APP.redirectUri });
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/companies/direct-email-settings',
			'GET /api/companies/direct-email-settings/settings',
		]);
		expect(fixture.apiRequests().every((request) => request.headers['x-keepnet-company-id'] === companyId)).toBe(true);
	});

	it('Google Workspace: no address, the client ID to authorise instead', async () => {
		const [created] = jsonOf(await create('Google', 2));
		expect(created).toMatchObject({ consentUrl: null, googleClientId: DEC_GOOGLE_CLIENT.applicationId });
	});

	it('refuses a bad domain or an empty tenant before any request; a duplicate name gets Keepnet’s 409 message', async () => {
		await expect(create('Bad', 1, { allowedDomains: 'https://initech.example' })).rejects.toThrow('Allowed Domains entry "https://initech.example" is not a domain name (item 0)');
		await expect(create('Bad', 1, { tenantId: '={{ "" }}' })).rejects.toThrow('Tenant ID is required (item 0)');
		expect(fixture.apiRequests()).toEqual([]);
		await create('Twice', 1);
		await expect(create('Twice', 1)).rejects.toThrow("A direct email setting named 'Twice' already exists.");
	});
});

describe('Direct Email Creation → Test, Make Default, Get Many', () => {
	it('sends one test email with the setting’s tenant and platform, makes it the default and lists it', async () => {
		const [created] = jsonOf(await create('Tested', 1));
		const settingId = String(created.resourceId);
		fixture.sandbox.clearRequests();
		const [tested] = jsonOf(
			await fixture.run({ resource: 'directEmailCreation', operation: 'test', companyId: company(), directEmailSettingId: locator(settingId, 'id'), to: 'it@initech.example', from: 'security@initech.example' }),
		);
		expect(tested).toEqual({ tested: true, resourceId: settingId, companyId, to: 'it@initech.example' });
		expect(fixture.apiRequests().find((request) => request.path.endsWith('/test'))?.body).toEqual({
			resourceId: settingId,
			from: 'security@initech.example',
			fromName: '',
			to: 'it@initech.example',
			message: 'Keepnet Direct Email Creation test',
			tenantId: 'tenant-0001',
			type: 1,
		});
		expect(reseller().sentTestEmails.filter((sent) => sent.settingResourceId === settingId)).toHaveLength(1);

		await fixture.run({ resource: 'directEmailCreation', operation: 'makeDefault', companyId: company(), directEmailSettingId: locator(settingId, 'id') });
		const defaults = [...reseller().directEmailSettings.values()].filter((dec) => dec.companyId === companyId && dec.isDefault);
		expect(defaults.map((dec) => dec.resourceId)).toEqual([settingId]);

		const listed = jsonOf(await fixture.run({ resource: 'directEmailCreation', operation: 'getAll', companyId: company(), returnAll: true, filters: { searchText: 'tested' } }));
		expect(listed).toEqual([expect.objectContaining({ resourceId: settingId, isDefault: true, status: 'Running' })]);
	});

	it('refuses a test email to a bad address before any request', async () => {
		await expect(
			fixture.run({ resource: 'directEmailCreation', operation: 'test', companyId: company(), directEmailSettingId: locator('Ab12Cd34Ef56', 'id'), to: 'not-an-email', from: 'a@b.example' }),
		).rejects.toThrow('To "not-an-email" is not a valid email address (item 0)');
		expect(fixture.apiRequests()).toEqual([]);
	});
});
