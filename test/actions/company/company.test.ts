import type { IDataObject } from 'n8n-workflow';

import { LICENSE_MODULES, LOOKUP_TYPE, LOOKUPS } from '../../sandbox/lookups';
import type { CompanyRecord } from '../../sandbox/store';
import type { MultipartBody } from '../../sandbox/types';
import { items, jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
});
afterAll(async () => await fixture.close());
beforeEach(() => fixture.sandbox.clearRequests());

async function firstOption(method: string): Promise<string> {
	const options = await fixture.loadOptions(method);
	expect(options.length).toBeGreaterThan(0);
	return String(options[0].value);
}

describe('Company → Get Many', () => {
	it('lists the managed companies with their companyResourceId, simplified by default', async () => {
		const companies = jsonOf(await fixture.run({ resource: 'company', operation: 'getAll', returnAll: true }));
		const managed = fixture.sandbox.ids.customerCompanyIds;
		expect(companies.map((company) => company.companyResourceId).sort()).toEqual([...managed].sort());
		expect(Object.keys(companies[0]).length).toBeLessThanOrEqual(11);
		const request = fixture.apiRequests()[0];
		expect(request.path).toBe('/api/companies/search');
		expect(request.headers).not.toHaveProperty('x-keepnet-company-id');
		expect(request.body).toMatchObject({ pageNumber: 1, pageSize: 1000, isTargetUserCountExceededLimit: false });
		expect((request.body as IDataObject).filter).toEqual(expect.objectContaining({ Condition: 'AND' }));
	});

	it('filters by search text and by license limit exceeded, and sorts', async () => {
		const byName = jsonOf(
			await fixture.run({ resource: 'company', operation: 'getAll', returnAll: true, filters: { searchText: 'globex' }, simplify: false }),
		);
		expect(byName.map((company) => company.companyName)).toEqual(['Globex Corporation']);

		const over = jsonOf(await fixture.run({ resource: 'company', operation: 'getAll', returnAll: true, filters: { overLicenseLimit: true } }));
		expect(over.map((company) => company.companyResourceId)).toEqual([fixture.sandbox.ids.overLicenseCompanyId]);

		fixture.sandbox.clearRequests();
		const sorted = jsonOf(
			await fixture.run({ resource: 'company', operation: 'getAll', returnAll: true, options: { sort: { value: { field: 'companyName', direction: 'asc' } } } }),
		);
		const names = sorted.map((company) => String(company.companyName));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(fixture.apiRequests()[0].body).toMatchObject({ orderBy: 'companyName', ascending: true });
	});

	it('a Company Admin credential gets a clear 403 on Reseller operations', async () => {
		const { KeepnetApi } = await import('../../../credentials/KeepnetApi.credentials');
		const { CredentialStore } = await import('../../support/harness');
		const credentials = new CredentialStore(new KeepnetApi(), {
			baseUrl: fixture.sandbox.url,
			clientId: fixture.sandbox.clients.companyAdmin.clientId,
			clientSecret: fixture.sandbox.clients.companyAdmin.clientSecret,
			accessToken: '',
		});
		await expect(fixture.run({ resource: 'company', operation: 'getAll', returnAll: true }, { credentials })).rejects.toThrow(
			'The credential is not allowed to do this (HTTP 403)',
		);
	});
});

describe('Company → Get', () => {
	it('uses the company in the path', async () => {
		const companyId = fixture.sandbox.ids.overLicenseCompanyId;
		const [company] = jsonOf(await fixture.run({ resource: 'company', operation: 'get', companyId: locator(companyId), simplify: false }));
		expect(company).toMatchObject({ resourceId: companyId });
		expect(fixture.apiRequests().map((request) => request.path)).toEqual([`/api/companies/${companyId}`]);
	});
});

describe('Company → Get License Status', () => {
	it('uses the company in the path', async () => {
		const companyId = fixture.sandbox.ids.overLicenseCompanyId;
		const [license] = jsonOf(await fixture.run({ resource: 'company', operation: 'getLicenseStatus', companyId: locator(companyId) }));
		expect(license).toMatchObject({ companyId, isLicenseExceeded: true });
		expect(fixture.apiRequests().map((request) => request.path)).toEqual([`/api/companies/${companyId}/license-check`]);
	});
});

/** Values for a company's required lookups, each the first entry Keepnet offers. */
async function lookupValues() {
	return {
		countryId: await firstOption('getCountries'),
		industryId: await firstOption('getIndustries'),
		licenseTypeId: await firstOption('getLicenseTypes'),
		licensePeriodTypeId: await firstOption('getLicensePeriods'),
		timeZoneId: await firstOption('getTimeZones'),
		dateFormat: await firstOption('getDateFormats'),
		timeFormat: await firstOption('getTimeFormats'),
	};
}

/** Creates a company through the node (Company → Create) and returns its ID. */
async function createCompany(name: string): Promise<string> {
	const [created] = jsonOf(
		await fixture.run({
			resource: 'company',
			operation: 'create',
			name,
			numberOfUsers: 250,
			...(await lookupValues()),
			additionalFields: { description: 'New customer', tags: 'gold, emea' },
		}),
	);
	fixture.sandbox.clearRequests();
	return String(created.resourceId);
}

describe('Company → Create', () => {
	it('creates a company as multipart with values from Keepnet lookups', async () => {
		const values = await lookupValues();
		expect((await fixture.loadOptions('getTimeFormats')).map((option) => option.value).sort()).toEqual(['12h', '24h']);
		fixture.sandbox.clearRequests();
		const [created] = jsonOf(
			await fixture.run({
				resource: 'company',
				operation: 'create',
				name: 'Hooli Europe',
				numberOfUsers: 250,
				...values,
				additionalFields: { description: 'New customer', tags: 'gold, emea' },
			}),
		);
		// Each lookup field's list is read once (its value may be a name), then the company is written.
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /api/lookups/1',
			'GET /api/lookups/2',
			'GET /api/lookups/3',
			'GET /api/lookups/4',
			'POST /api/companies',
		]);
		const createRequest = fixture.apiRequests()[4];
		expect(createRequest.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const fields = (createRequest.body as MultipartBody).fields;
		expect(fields).toMatchObject({
			Name: 'Hooli Europe',
			CountryResourceId: values.countryId,
			IndustryResourceId: values.industryId,
			NumberOfUsers: '250',
			DateFormat: values.dateFormat,
			TimeFormat: values.timeFormat,
			Description: 'New customer',
			Tags: ['gold', 'emea'],
		});
		const companyId = String(created.resourceId);
		expect(fixture.sandbox.store.companies.get(companyId)?.name).toBe('Hooli Europe');
	});

	it('refuses a company name over 64 characters before any request', async () => {
		await expect(
			fixture.run({
				resource: 'company',
				operation: 'create',
				name: 'n'.repeat(65),
				countryId: 'Ab12Cd34Ef56',
				industryId: 'Ab12Cd34Ef56',
				licenseTypeId: 'Ab12Cd34Ef56',
				licensePeriodTypeId: 'Ab12Cd34Ef56',
				numberOfUsers: 10,
				timeZoneId: 'UTC',
				dateFormat: 'dd/MM/yyyy',
				timeFormat: '24h',
			}),
		).rejects.toThrow('Name is too long: 65 characters, Keepnet accepts at most 64 (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Company → Create and Update: lookups by name', () => {
	const lookupId = (type: number, name: string) => LOOKUPS[type].find((entry) => entry.name === name)!.resourceId;
	const required = { numberOfUsers: 20, timeZoneId: 'GMT Standard Time', dateFormat: 'dd/MM/yyyy', timeFormat: '24h' };
	const fromItem = {
		countryId: '={{ $json.country }}',
		industryId: '={{ $json.industry }}',
		licenseTypeId: '={{ $json.licenseType }}',
		licensePeriodTypeId: '={{ $json.period }}',
	};
	const storedNamed = (name: string) => [...fixture.sandbox.store.companies.values()].filter((company) => company.name === name);

	it('Create stores the IDs of named entries (any case), takes IDs as before, and reads each list once for all items', async () => {
		const result = await fixture.run(
			{ resource: 'company', operation: 'create', name: '={{ $json.name }}', ...required, ...fromItem, additionalFields: { licenseModuleIds: '={{ $json.modules }}', preferredLanguageId: '={{ $json.language }}' } },
			{
				items: items(
					{ name: 'Named Lookups Ltd', country: 'United States', industry: 'technology', licenseType: ' Enterprise ', period: '1 Year', modules: ['Phishing Simulator', 'Awareness Educator'], language: 'German' },
					{
						name: 'Lookup IDs Ltd',
						country: lookupId(LOOKUP_TYPE.country, 'Germany'),
						industry: lookupId(LOOKUP_TYPE.industry, 'Retail'),
						licenseType: lookupId(LOOKUP_TYPE.licenseType, 'Standard'),
						period: lookupId(LOOKUP_TYPE.licensePeriod, '3 Years'),
						modules: LICENSE_MODULES[2].resourceId,
						language: lookupId(LOOKUP_TYPE.language, 'English'),
					},
				),
			},
		);
		const [named, byId] = jsonOf(result);
		expect(fixture.sandbox.store.companies.get(String(named.resourceId))).toMatchObject({
			name: 'Named Lookups Ltd',
			countryResourceId: lookupId(LOOKUP_TYPE.country, 'United States'),
			industryResourceId: lookupId(LOOKUP_TYPE.industry, 'Technology'),
			licenseTypeResourceId: lookupId(LOOKUP_TYPE.licenseType, 'Enterprise'),
			licensePeriodTypeResourceId: lookupId(LOOKUP_TYPE.licensePeriod, '1 Year'),
			licenseModules: [LICENSE_MODULES[0].resourceId, LICENSE_MODULES[1].resourceId],
			preferredLanguageTypeResourceId: lookupId(LOOKUP_TYPE.language, 'German'),
		});
		expect(named.CountryResourceId).toBe(lookupId(LOOKUP_TYPE.country, 'United States'));
		expect(fixture.sandbox.store.companies.get(String(byId.resourceId))).toMatchObject({
			name: 'Lookup IDs Ltd',
			countryResourceId: lookupId(LOOKUP_TYPE.country, 'Germany'),
			industryResourceId: lookupId(LOOKUP_TYPE.industry, 'Retail'),
			licenseTypeResourceId: lookupId(LOOKUP_TYPE.licenseType, 'Standard'),
			licensePeriodTypeResourceId: lookupId(LOOKUP_TYPE.licensePeriod, '3 Years'),
			licenseModules: [LICENSE_MODULES[2].resourceId],
			preferredLanguageTypeResourceId: lookupId(LOOKUP_TYPE.language, 'English'),
		});
		const paths = fixture.apiRequests().map((request) => `${request.method} ${request.path}`);
		expect(paths.filter((path) => path.startsWith('GET /api/lookups')).sort()).toEqual(
			['GET /api/lookups/1', 'GET /api/lookups/2', 'GET /api/lookups/21', 'GET /api/lookups/3', 'GET /api/lookups/4', 'GET /api/lookups/licenses'].sort(),
		);
		expect(paths.slice(-2)).toEqual(['POST /api/companies', 'POST /api/companies']);
	});

	it('Create refuses a name Keepnet does not list before any company is written, naming some that it does', async () => {
		const run = fixture.run(
			{ resource: 'company', operation: 'create', name: '={{ $json.name }}', ...required, ...fromItem, additionalFields: {} },
			{
				items: items(
					{ name: 'Good Lookups Ltd', country: 'United States', industry: 'Technology', licenseType: 'Enterprise', period: '1 Year' },
					{ name: 'Bad Lookups Ltd', country: 'United', industry: 'Technology', licenseType: 'Enterprise', period: '1 Year' },
				),
			},
		);
		await expect(run).rejects.toThrow('Country "United" is neither the name nor the ID of any country Keepnet lists (item 1)');
		await expect(run).rejects.toMatchObject({ description: expect.stringContaining('"United Arab Emirates", "United Kingdom", "United States"') });
		expect(fixture.apiRequests().filter((request) => request.method !== 'GET')).toEqual([]);
		expect([...storedNamed('Good Lookups Ltd'), ...storedNamed('Bad Lookups Ltd')]).toEqual([]);
	});

	it('Create under Continue On Fail: the item with an unknown name fails without a write, the others are created', async () => {
		const result = await fixture.run(
			{ resource: 'company', operation: 'create', name: '={{ $json.name }}', ...required, ...fromItem, additionalFields: {} },
			{
				continueOnFail: true,
				items: items(
					{ name: 'Unknown Period Ltd', country: 'Canada', industry: 'Energy', licenseType: 'Trial', period: 'Forever' },
					{ name: 'Known Period Ltd', country: 'Canada', industry: 'Energy', licenseType: 'Trial', period: 'custom' },
				),
			},
		);
		const [failed, created] = jsonOf(result);
		expect(failed).toMatchObject({ error: 'License Period "Forever" is neither the name nor the ID of any license period Keepnet lists (item 0)', name: 'Unknown Period Ltd' });
		expect(String(failed.description)).toContain('"1 Year"');
		expect(storedNamed('Unknown Period Ltd')).toEqual([]);
		expect(fixture.sandbox.store.companies.get(String(created.resourceId))?.licensePeriodTypeResourceId).toBe(lookupId(LOOKUP_TYPE.licensePeriod, 'Custom'));
		expect(fixture.apiRequests().filter((request) => request.method === 'POST').length).toBe(1);
	});

	it('Update takes names too, and refuses an unknown one before reading or writing the company', async () => {
		const companyId = await createCompany('Hooli Lookup Update');
		await fixture.run({
			resource: 'company',
			operation: 'update',
			companyId: locator(companyId, 'id'),
			updateFields: { industryId: '=HEALTHCARE', licenseModuleIds: '=Vishing Simulator, Smishing Simulator' },
		});
		expect(fixture.sandbox.store.companies.get(companyId)).toMatchObject({
			name: 'Hooli Lookup Update',
			industryResourceId: lookupId(LOOKUP_TYPE.industry, 'Healthcare'),
			licenseModules: [LICENSE_MODULES.find((module) => module.name === 'Vishing Simulator')!.resourceId, LICENSE_MODULES.find((module) => module.name === 'Smishing Simulator')!.resourceId],
		});
		fixture.sandbox.clearRequests();
		const before = structuredClone(fixture.sandbox.store.companies.get(companyId));
		await expect(
			fixture.run({ resource: 'company', operation: 'update', companyId: locator(companyId, 'id'), updateFields: { industryId: '=Aerospace' } }),
		).rejects.toThrow('Industry "Aerospace" is neither the name nor the ID of any industry Keepnet lists (item 0)');
		expect(fixture.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/lookups/2']);
		expect(fixture.sandbox.store.companies.get(companyId)).toEqual(before);
	});
});

describe('Company → Update', () => {
	it('updates one field and keeps the rest (read, merge, write back)', async () => {
		const companyId = await createCompany('Hooli Update');
		await fixture.run({ resource: 'company', operation: 'update', companyId: locator(companyId, 'id'), updateFields: { numberOfUsers: 300 } });
		expect(fixture.apiRequests().map((request) => request.method)).toEqual(['GET', 'PUT']);
		const stored = fixture.sandbox.store.companies.get(companyId)!;
		expect(stored.numberOfUsers).toBe(300);
		expect(stored.name).toBe('Hooli Update');
		expect(stored.description).toBe('New customer');
		expect(stored.tags).toEqual(['gold', 'emea']);
	});
});

describe('Company → Delete', () => {
	it('deletes the company and returns { deleted: true, id }', async () => {
		const companyId = await createCompany('Hooli Delete');
		const deleted = jsonOf(await fixture.run({ resource: 'company', operation: 'delete', companyId: locator(companyId, 'id') }));
		expect(deleted).toEqual([{ deleted: true, id: companyId }]);
		expect(fixture.sandbox.store.companies.has(companyId)).toBe(false);
	});

});

describe('Company → Update: everything Keepnet stored goes back, changed only where asked', () => {
	function customer(index: number): CompanyRecord {
		return fixture.sandbox.store.companies.get(fixture.sandbox.ids.customerCompanyIds[index])!;
	}

	it('keeps visibility flags, release notes URL, company groups, callback bookings, modules and lookups when only the description changes', async () => {
		const company = customer(0);
		Object.assign(company, {
			isVersionVisible: true,
			isReleaseNotesVisible: true,
			releaseNotesUrl: 'https://example.com/notes',
			companyGroupResourceIds: ['GrpEmea00001'],
			callBackNumberBookingCount: 7,
			licenseModules: LICENSE_MODULES.slice(0, 2).map((module) => module.resourceId),
			notificationTemplateTypeResourceId: LOOKUPS[LOOKUP_TYPE.notificationTemplateType][0].resourceId,
			trainingContentTypeResourceId: LOOKUPS[LOOKUP_TYPE.trainingContentType][0].resourceId,
			smtpConfigurationTypeResourceId: LOOKUPS[LOOKUP_TYPE.smtpConfigurationType][0].resourceId,
			preferredLanguageTypeResourceId: LOOKUPS[LOOKUP_TYPE.language][0].resourceId,
			tags: ['gold'],
			statusId: 1,
		});
		const before = structuredClone(company);
		await fixture.run({ resource: 'company', operation: 'update', companyId: locator(company.resourceId, 'id'), updateFields: { description: 'Only this changes' } });
		const after = fixture.sandbox.store.companies.get(company.resourceId)!;
		expect(after).toEqual({ ...before, description: 'Only this changes', licenseStartDate: after.licenseStartDate, licenseEndDate: after.licenseEndDate });
		// Dates go back as the day Keepnet stored (the UI sends YYYY-MM-DD).
		expect(after.licenseStartDate?.slice(0, 10)).toBe(before.licenseStartDate?.slice(0, 10));
		expect(after.licenseEndDate?.slice(0, 10)).toBe(before.licenseEndDate?.slice(0, 10));
	});

	it('updates a company with an unlimited license (numberOfUsers null): NumberOfUsers is sent, the license stays unlimited', async () => {
		const company = [...fixture.sandbox.store.companies.values()].find((candidate) => candidate.isNumberOfUsersLimited === false && candidate.numberOfUsers === null)!;
		expect(company).toBeDefined();
		fixture.sandbox.clearRequests();
		await fixture.run({ resource: 'company', operation: 'update', companyId: locator(company.resourceId, 'id'), updateFields: { address: '1 Main Street' } });
		const put = fixture.apiRequests().find((request) => request.method === 'PUT')!;
		expect((put.body as MultipartBody).fields).toMatchObject({ NumberOfUsers: '0', IsNumberOfUsersLimited: 'false' });
		const after = fixture.sandbox.store.companies.get(company.resourceId)!;
		expect(after.isNumberOfUsersLimited).toBe(false);
		expect(after.address).toBe('1 Main Street');
	});

	it('Create sets license modules, notification template, training content, SMTP and language types, visibility and tags; Update merges only what is set', async () => {
		const modules = await fixture.loadOptions('getLicenseModules');
		expect(modules.map((option) => option.value).sort()).toEqual(LICENSE_MODULES.map((module) => module.resourceId).sort());
		const pick = async (method: string) => String((await fixture.loadOptions(method))[0].value);
		const lookups = {
			notificationTemplateTypeId: await pick('getNotificationTemplateTypes'),
			trainingContentTypeId: await pick('getTrainingContentTypes'),
			smtpConfigurationTypeId: await pick('getSmtpConfigurationTypes'),
			preferredLanguageId: await pick('getLanguages'),
		};
		const [created] = jsonOf(
			await fixture.run({
				resource: 'company',
				operation: 'create',
				name: 'Initrode Works',
				numberOfUsers: 40,
				countryId: await pick('getCountries'),
				industryId: await pick('getIndustries'),
				licenseTypeId: await pick('getLicenseTypes'),
				licensePeriodTypeId: await pick('getLicensePeriods'),
				timeZoneId: await pick('getTimeZones'),
				dateFormat: 'dd/MM/yyyy',
				timeFormat: '24h',
				additionalFields: {
					licenseModuleIds: [String(modules[0].value), String(modules[1].value)],
					...lookups,
					isVersionVisible: true,
					isReleaseNotesVisible: 'yes',
					releaseNotesUrl: 'https://example.com/rn',
					callBackNumberBookingCount: 3,
					tags: 'silver',
				},
			}),
		);
		const companyId = String(created.resourceId);
		const stored = fixture.sandbox.store.companies.get(companyId)!;
		expect(stored).toMatchObject({
			licenseModules: [modules[0].value, modules[1].value],
			notificationTemplateTypeResourceId: lookups.notificationTemplateTypeId,
			trainingContentTypeResourceId: lookups.trainingContentTypeId,
			smtpConfigurationTypeResourceId: lookups.smtpConfigurationTypeId,
			preferredLanguageTypeResourceId: lookups.preferredLanguageId,
			isVersionVisible: true,
			isReleaseNotesVisible: true,
			releaseNotesUrl: 'https://example.com/rn',
			callBackNumberBookingCount: 3,
			tags: ['silver'],
		});
		const before = structuredClone(stored);
		await fixture.run({ resource: 'company', operation: 'update', companyId: locator(companyId, 'id'), updateFields: { licenseModuleIds: [String(modules[2].value)], isVersionVisible: 'false' } });
		expect(fixture.sandbox.store.companies.get(companyId)).toEqual({ ...before, licenseModules: [modules[2].value], isVersionVisible: false });
	});

	it('refuses a true/false field given as other text, naming field and item, before any request', async () => {
		await expect(
			fixture.run({ resource: 'company', operation: 'update', companyId: locator(customer(0).resourceId, 'id'), updateFields: { isVersionVisible: 'maybe' } }),
		).rejects.toThrow('Show Version "maybe" is not true or false (item 0)');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});
