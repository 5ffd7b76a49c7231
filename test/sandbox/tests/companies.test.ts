import { LOOKUP_TYPE, LOOKUPS, startSandbox, type Sandbox } from '..';
import { api, companyForm, emptyFilter, filterWith, getToken, searchBody, type Paged, type ServiceResultBody } from './helpers';

interface SearchCompanyRow {
	companyResourceId: string;
	companyName: string;
	resellerName: string;
	targetUserCount: number;
	numberOfUsers: string | null;
	licenceExpired: boolean;
	createTime: string;
}
type CompanyPage = ServiceResultBody<Paged<SearchCompanyRow> & { limitExceededCompanyCount: number }>;

const lookupId = (typeId: number, name: string): string => {
	const item = LOOKUPS[typeId].find((entry) => entry.name === name);
	if (!item) throw new Error(`no lookup ${name}`);
	return item.resourceId;
};

function requiredCompanyFields(name: string): Record<string, string | number> {
	return {
		Name: name,
		CountryResourceId: lookupId(LOOKUP_TYPE.country, 'Germany'),
		IndustryResourceId: lookupId(LOOKUP_TYPE.industry, 'Healthcare'),
		LicenseTypeResourceId: lookupId(LOOKUP_TYPE.licenseType, 'Standard'),
		LicensePeriodTypeResourceId: lookupId(LOOKUP_TYPE.licensePeriod, '1 Year'),
		NumberOfUsers: 150,
		TimeZoneId: 'W. Europe Standard Time',
		DateFormat: 'dd/MM/yyyy',
		TimeFormat: '24h',
	};
}

describe('sandbox: companies', () => {
	let sandbox: Sandbox;
	let token: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { customerCount: 7 } });
		token = await getToken(sandbox);
	});
	afterAll(() => sandbox.close());

	const search = (overrides: Record<string, unknown>) => api<CompanyPage>(sandbox, token, 'POST', '/api/companies/search', { body: searchBody(overrides) });

	it('lists the managed customers with companyResourceId and the limitExceededCompanyCount', async () => {
		const answer = await search({ pageSize: 100 });
		expect(answer.status).toBe(200);
		expect(answer.json.status).toBe('SUCCESS');
		const rows = answer.json.data.results;
		expect(rows.map((row) => row.companyResourceId).sort()).toEqual([...sandbox.ids.customerCompanyIds].sort());
		expect(rows.every((row) => row.resellerName === 'Acme MSSP')).toBe(true);
		expect(rows.map((row) => row.companyName)).toEqual(expect.arrayContaining(['Globex Corporation', 'Initech', 'Umbrella Health']));
		expect(answer.json.data.limitExceededCompanyCount).toBe(1);
		const expired = rows.find((row) => row.companyResourceId === sandbox.ids.expiredLicenseCompanyId);
		expect(expired?.licenceExpired).toBe(true);
		expect(typeof rows[0].numberOfUsers === 'string' || rows[0].numberOfUsers === null).toBe(true);
	});

	it('pages 1-based with totals', async () => {
		const first = await search({ pageNumber: 1, pageSize: 3, orderBy: 'companyName', ascending: true });
		const third = await search({ pageNumber: 3, pageSize: 3, orderBy: 'companyName', ascending: true });
		expect(first.json.data).toMatchObject({ pageNumber: 1, pageSize: 3, totalNumberOfRecords: 7, totalNumberOfPages: 3 });
		expect(first.json.data.results).toHaveLength(3);
		expect(third.json.data.results).toHaveLength(1);
		const all = await search({ pageSize: 100, orderBy: 'companyName', ascending: true });
		expect([...first.json.data.results, ...third.json.data.results].map((row) => row.companyName)).toEqual([
			...all.json.data.results.slice(0, 3).map((row) => row.companyName),
			all.json.data.results[6].companyName,
		]);
	});

	it('sorts by any contract field, case-insensitively, both directions', async () => {
		const names = (await search({ pageSize: 100, orderBy: 'COMPANYNAME', ascending: true })).json.data.results.map((row) => row.companyName);
		expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
		const desc = (await search({ pageSize: 100, orderBy: 'companyName', ascending: false })).json.data.results.map((row) => row.companyName);
		expect(desc).toEqual([...names].reverse());
		const created = (await search({ pageSize: 100, orderBy: 'CreateTime', ascending: true })).json.data.results.map((row) => Date.parse(row.createTime));
		expect(created).toEqual([...created].sort((a, b) => a - b));
		for (const field of ['resellerName', 'industryName', 'licenseTypeName', 'targetUserCount', 'inactiveTargetUserCount', 'deletedTargetUserCount', 'monthlyActiveUserCount', 'numberOfUsers', 'tags', 'licenseEndDate', '']) {
			expect((await search({ orderBy: field })).status).toBe(200);
		}
		const bad = await search({ orderBy: 'noSuchField' });
		expect(bad.status).toBe(400);
		expect(bad.json.status).toBe('INPUT_ERROR');
	});

	it('filters by free text (searchInputTextValue) and by Name / CompanyName Contains', async () => {
		const byText = await search({ filter: { ...emptyFilter(), SearchInputTextValue: 'glob' } });
		expect(byText.json.data.results.map((row) => row.companyName)).toEqual(['Globex Corporation']);
		const byName = await search({ filter: filterWith([{ FieldName: 'Name', Operator: 'Contains', Value: 'health' }]) });
		expect(byName.json.data.results.map((row) => row.companyName)).toEqual(['Umbrella Health']);
		// Free-text terms in the OR group (how the AGENT sends them).
		const orGroup = {
			Condition: 'AND',
			SearchInputTextValue: '',
			FilterGroups: [
				{ Condition: 'AND', FilterItems: [], FilterGroups: [] },
				{
					Condition: 'OR',
					FilterItems: [
						{ FieldName: 'CompanyName', Operator: 'Contains', Value: 'initech' },
						{ FieldName: 'CompanyName', Operator: 'Contains', Value: 'stark' },
					],
					FilterGroups: [],
				},
			],
		};
		const either = await search({ filter: orGroup, orderBy: 'companyName', ascending: true });
		expect(either.json.data.results.map((row) => row.companyName)).toEqual(['Initech', 'Stark Logistics']);
		const minimal = await search({ filter: { Condition: 'AND', SearchInputTextValue: '' } });
		expect(minimal.json.data.totalNumberOfRecords).toBe(7);
	});

	it('filters isTargetUserCountExceededLimit to the customers over their license', async () => {
		const answer = await search({ isTargetUserCountExceededLimit: true });
		expect(answer.json.data.results.map((row) => row.companyResourceId)).toEqual([sandbox.ids.overLicenseCompanyId]);
		const row = answer.json.data.results[0];
		expect(row.targetUserCount).toBeGreaterThan(Number(row.numberOfUsers));
	});

	it('rejects filter:null with 500, a missing orderBy or an empty body with 400', async () => {
		const nullFilter = await search({ filter: null });
		expect(nullFilter.status).toBe(500);
		expect(nullFilter.json.status).toBe('INTERNAL_SERVER_ERROR');
		const body = searchBody();
		delete body.orderBy;
		const noOrder = await api<ServiceResultBody>(sandbox, token, 'POST', '/api/companies/search', { body });
		expect(noOrder.status).toBe(400);
		expect(noOrder.json.validationMessages?.join(' ')).toContain('OrderBy');
		const empty = await api<ServiceResultBody>(sandbox, token, 'POST', '/api/companies/search', { headers: { 'content-type': 'application/json' } });
		expect(empty.status).toBe(400);
		expect(empty.json.status).toBe('INPUT_ERROR');
	});

	it('GET /api/companies/my returns the reseller with its customers as children', async () => {
		const answer = await api<ServiceResultBody<Array<{ resourceId: string; name: string; children: Array<{ resourceId: string }> }>>>(sandbox, token, 'GET', '/api/companies/my');
		expect(answer.json.data).toHaveLength(1);
		expect(answer.json.data[0].resourceId).toBe(sandbox.ids.resellerCompanyId);
		expect(answer.json.data[0].children.map((child) => child.resourceId).sort()).toEqual([...sandbox.ids.customerCompanyIds].sort());
	});

	it('GET /api/companies/{id} returns the CompanyDto; license-check reports the overrun', async () => {
		const id = sandbox.ids.overLicenseCompanyId;
		const dto = await api<ServiceResultBody<Record<string, unknown>>>(sandbox, token, 'GET', `/api/companies/${id}`);
		expect(dto.json.data).toMatchObject({ resourceId: id, name: 'Umbrella Health', industryName: 'Healthcare', countryName: 'United Kingdom', isNumberOfUsersLimited: true });
		expect(typeof dto.json.data.numberOfUsers).toBe('number');
		const check = await api<ServiceResultBody<Record<string, unknown>>>(sandbox, token, 'GET', `/api/companies/${id}/license-check`);
		expect(check.json.data).toMatchObject({ isLimited: true, isLicenseExceeded: true });
		expect(Number(check.json.data.totalUserCount)).toBeGreaterThan(Number(check.json.data.licenseLimit));
	});

	it('creates a company from multipart PascalCase fields (arrays as repeated keys)', async () => {
		const modules = (await api<ServiceResultBody<{ allLicenseModules: Array<{ resourceId: string }> }>>(sandbox, token, 'GET', '/api/lookups/licenses')).json.data.allLicenseModules;
		const form = companyForm({ ...requiredCompanyFields('Pied Piper'), Tags: ['startup', 'compression'], LicenseModuleResourceIdArray: [modules[0].resourceId, modules[1].resourceId], IsNumberOfUsersLimited: true });
		const created = await api<ServiceResultBody<{ resourceId: string }>>(sandbox, token, 'POST', '/api/companies', { body: form });
		expect(created.status).toBe(200);
		const id = created.json.data.resourceId;
		expect(id).toMatch(/^[A-Za-z0-9]{12}$/);
		const stored = sandbox.store.companies.get(id);
		expect(stored).toMatchObject({ name: 'Pied Piper', parentResourceId: sandbox.ids.resellerCompanyId, numberOfUsers: 150, tags: ['startup', 'compression'] });
		expect(stored?.licenseModules).toEqual([modules[0].resourceId, modules[1].resourceId]);
		const recorded = sandbox.requests.filter((request) => request.path === '/api/companies' && request.method === 'POST').pop();
		expect(recorded?.body).toMatchObject({ fields: { Name: 'Pied Piper', Tags: ['startup', 'compression'] }, files: [] });
		// A duplicate name is refused (what a retried, already-succeeded create would meet).
		const again = await api<ServiceResultBody>(sandbox, token, 'POST', '/api/companies', { body: companyForm(requiredCompanyFields('pied piper')) });
		expect(again.status).toBe(400);
		expect(again.json.validationMessages?.[0]).toContain('already exists');
	});

	it('refuses a create that misses required fields, listing each one', async () => {
		const answer = await api<ServiceResultBody>(sandbox, token, 'POST', '/api/companies', { body: companyForm({ Name: 'Half Done Inc', Description: 'x' }) });
		expect(answer.status).toBe(400);
		expect(answer.json.status).toBe('INPUT_ERROR');
		const messages = answer.json.validationMessages ?? [];
		for (const field of ['Country Resource Id', 'Industry Resource Id', 'License Type Resource Id', 'License Period Type Resource Id', 'Number Of Users', 'Time Zone Id', 'Date Format', 'Time Format']) {
			expect(messages).toContain(`'${field}' must not be empty.`);
		}
		expect(messages.some((message) => message.includes("'Name'"))).toBe(false);
	});

	it('refuses unknown lookup ids, over-long values and bad formats', async () => {
		const answer = await api<ServiceResultBody>(sandbox, token, 'POST', '/api/companies', {
			body: companyForm({ ...requiredCompanyFields('N'.repeat(65)), CountryResourceId: 'ZZZZZZZZZZZZ', NumberOfUsers: 'many' as unknown as number, DateFormat: 'yyyy-MM-dd' }),
		});
		expect(answer.status).toBe(400);
		const messages = (answer.json.validationMessages ?? []).join('\n');
		expect(messages).toContain("The length of 'Name' must be 64 characters or fewer. You entered 65 characters.");
		expect(messages).toContain('Country Resource Id');
		expect(messages).toContain("The value 'many' is not valid for NumberOfUsers.");
		expect(messages).toContain('Date Format');
	});

	it('refuses a JSON body on the multipart endpoints (415 ProblemDetails, as ASP.NET sends it)', async () => {
		const answer = await api<{ status: number; title: string }>(sandbox, token, 'POST', '/api/companies', { body: requiredCompanyFields('Json Corp') });
		expect(answer.status).toBe(415);
		expect(answer.headers.get('content-type')).toContain('application/problem+json');
		expect(answer.json).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
		const urlEncoded = await api(sandbox, token, 'POST', '/api/companies', { body: 'Name=X', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(urlEncoded.status).toBe(415);
	});

	it('exports the company list as a file (CSV), JSON 400 for a bad exportType, 403 for a Company Admin', async () => {
		const response = await fetch(`${sandbox.url}/api/companies/search/export`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...searchBody({ orderBy: 'companyName', ascending: true }), exportType: 'Csv', reportAllPages: true }),
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toContain('filename="Companies.csv"');
		const lines = (await response.text()).split('\r\n').filter((line) => line !== '');
		expect(lines[0].startsWith('Company Name,')).toBe(true);
		expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
			sandbox.store
				.managedCompanies(sandbox.ids.resellerCompanyId)
				.map((company) => company.name)
				.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
		);
		const bad = await api<ServiceResultBody>(sandbox, token, 'POST', '/api/companies/search/export', { body: { ...searchBody(), exportType: 'Docx' } });
		expect(bad.status).toBe(400);
		const admin = await getToken(sandbox, 'companyAdmin');
		expect((await api(sandbox, admin, 'POST', '/api/companies/search/export', { body: { ...searchBody(), exportType: 'Csv' } })).status).toBe(403);
	});

	it('updates with the full required set (replace), and refuses a partial update', async () => {
		const id = sandbox.ids.customerCompanyIds[4];
		const partial = await api<ServiceResultBody>(sandbox, token, 'PUT', `/api/companies/${id}`, { body: companyForm({ Name: 'Renamed Only' }) });
		expect(partial.status).toBe(400);
		expect(sandbox.store.companies.get(id)?.name).not.toBe('Renamed Only');
		const full = await api(sandbox, token, 'PUT', `/api/companies/${id}`, { body: companyForm({ ...requiredCompanyFields('Wayne Enterprises'), Description: 'new text' }) });
		expect(full.status).toBe(200);
		expect(sandbox.store.companies.get(id)).toMatchObject({ name: 'Wayne Enterprises', description: 'new text', address: null, timeZoneId: 'W. Europe Standard Time' });
		expect((await api(sandbox, token, 'PUT', `/api/companies/${sandbox.ids.unmanagedCompanyId}`, { body: companyForm(requiredCompanyFields('X')) })).status).toBe(403);
		expect((await api(sandbox, token, 'PUT', '/api/companies/ZZZZZZZZZZZZ', { body: companyForm(requiredCompanyFields('X')) })).status).toBe(404);
	});

	it('deletes a managed company and all its data; 403 unmanaged / own, 404 afterwards', async () => {
		const id = sandbox.ids.customerCompanyIds[6];
		expect((await api(sandbox, token, 'DELETE', `/api/companies/${sandbox.ids.unmanagedCompanyId}`)).status).toBe(403);
		expect((await api(sandbox, token, 'DELETE', `/api/companies/${sandbox.ids.resellerCompanyId}`)).status).toBe(403);
		const deleted = await api<ServiceResultBody<{ resourceId: string }>>(sandbox, token, 'DELETE', `/api/companies/${id}`);
		expect(deleted.json).toMatchObject({ status: 'SUCCESS', data: { resourceId: id } });
		expect(sandbox.store.companies.has(id)).toBe(false);
		expect((await api(sandbox, token, 'GET', `/api/companies/${id}`)).status).toBe(404);
		expect((await api(sandbox, token, 'POST', '/api/target-users/search', { companyId: id, body: searchBody() })).status).toBe(404);
	});

	it('serves lookups (POST with typeIdList, GET by type) and time zones', async () => {
		const both = await api<ServiceResultBody<Array<{ genericCodeTypeId: number; resourceId: string; name: string }>>>(sandbox, token, 'POST', '/api/lookups', { body: { typeIdList: [1, 2] } });
		expect(new Set(both.json.data.map((item) => item.genericCodeTypeId))).toEqual(new Set([1, 2]));
		const lowerCase = await api<ServiceResultBody<unknown[]>>(sandbox, token, 'POST', '/api/lookups', { body: { typeidlist: [21] } });
		expect(lowerCase.json.data.length).toBeGreaterThan(0);
		const periods = await api<ServiceResultBody<Array<{ resourceId: string }>>>(sandbox, token, 'GET', '/api/lookups/4');
		expect(periods.json.data.map((item) => item.resourceId)).toEqual(expect.arrayContaining(['MaR9NJslgSGW', 'HTHpWWXGJshG', '6EXwfaM5ZDT4']));
		const zones = await api<ServiceResultBody<{ timeZoneList: Array<{ id: string; displayName: string }>; dateFormatList: string[]; timeFormatList: string[] }>>(sandbox, token, 'GET', '/api/timezone/timezones');
		expect(zones.json.data.timeZoneList.map((zone) => zone.id)).toContain('GMT Standard Time');
		expect(zones.json.data.dateFormatList).toEqual(['dd/MM/yyyy', 'MM/dd/yyyy', 'yyyy/MM/dd']);
		expect(zones.json.data.timeFormatList).toEqual(['24h', '12h']);
	});
});
