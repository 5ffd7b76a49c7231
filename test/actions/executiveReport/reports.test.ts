import type { IDataObject } from 'n8n-workflow';

import { reportsOf } from '../../sandbox';
import { jsonOf, locator, startKeepnetFixture, type KeepnetFixture } from '../../support/fixture';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[1];
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	fixture.sandbox.clearRequests();
	fixture.sandbox.readings.widgetsPerCall = 'many';
	fixture.sandbox.readings.scheduledReportDeleteType = 'number';
});

const reports = () => reportsOf(fixture.sandbox.store);
const companyReports = (id = companyId) => reports().reportsOf(id);
const report = (name: string, id = companyId) => companyReports(id).find((entry) => entry.name === name)!;

describe('Executive Report → Get Many and List Widgets', () => {
	it("lists the company's reports in its scope, by name text", async () => {
		const output = jsonOf(await fixture.run({ resource: 'executiveReport', operation: 'getAll', companyId: locator(companyId), returnAll: true, filters: { searchText: 'monthly' } }));
		expect(output).toEqual([{ resourceId: report('Monthly Summary').resourceId, name: 'Monthly Summary', description: expect.any(String), isSupportManager: expect.any(Boolean) }]);
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ method: 'POST', path: '/api/executive-report/search', body: { name: 'monthly' } });
		expect(request.headers['x-keepnet-company-id']).toBe(companyId);
	});

	it('gives one item per widget of the catalogue (Keepnet answers 201)', async () => {
		const output = jsonOf(await fixture.run({ resource: 'executiveReport', operation: 'listWidgets', companyId: locator(companyId) }));
		expect(output.map((widget) => widget.resourceId)).toEqual(reports().widgets.map((widget) => widget.resourceId));
		expect(output[0]).toMatchObject({ metric: 'Training', name: 'TrainingCompletionWidget' });
		expect(fixture.apiRequests()[0].status).toBe(201);
	});
});

describe('Executive Report → Get Data', () => {
	it('reads the report and asks for each widget in its own call, one item per widget with its figures', async () => {
		const monthly = report('Monthly Summary');
		const output = jsonOf(await fixture.run({ resource: 'executiveReport', operation: 'getData', companyId: locator(companyId), reportId: locator(monthly.resourceId, 'id'), datePeriod: '1' }));
		const requests = fixture.apiRequests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /api/executive-report/${monthly.resourceId}`,
			...monthly.widgetIds.map(() => 'POST /api/executive-report/get-widget-datas'),
		]);
		expect(requests.slice(1).map((request) => request.body)).toEqual(monthly.widgetIds.map((id) => ({ widgetIds: [id], datePeriod: 1 })));
		expect(output).toHaveLength(monthly.widgetIds.length);
		for (const [index, item] of output.entries()) {
			const widget = reports().widgets.find((entry) => entry.resourceId === monthly.widgetIds[index])!;
			expect(item).toMatchObject({ report: { resourceId: monthly.resourceId, name: 'Monthly Summary' }, widget: { resourceId: widget.resourceId, name: widget.name }, datePeriod: 1 });
			expect(item.data).toEqual((reports().dataOf(widget, companyId, 1) as { widgetDatas: unknown }).widgetDatas);
		}
	});

	it("uses the report's own period by default, and works when Keepnet takes one widget per call", async () => {
		fixture.sandbox.readings.widgetsPerCall = 'one';
		const board = report('Board Pack');
		const output = jsonOf(await fixture.run({ resource: 'executiveReport', operation: 'getData', companyId: locator(companyId), reportId: locator('Board Pack', 'name') }));
		expect(output).toHaveLength(board.widgetIds.length);
		expect(output.every((item) => item.datePeriod === board.datePeriod)).toBe(true);
	});

	it('runs for every customer by report name, and refuses a report ID there before any request', async () => {
		const result = await fixture.run({ resource: 'executiveReport', operation: 'getData', companyScope: 'all', reportId: locator('Monthly Summary', 'name') });
		const managed = fixture.sandbox.store.managedCompanies(fixture.sandbox.ids.resellerCompanyId);
		expect(new Set(jsonOf(result).map((item) => (item.company as IDataObject).resourceId))).toEqual(new Set(managed.map((company) => company.resourceId)));
		expect(jsonOf(result)).toHaveLength(managed.length * report('Monthly Summary').widgetIds.length);
		fixture.sandbox.clearRequests();
		await expect(
			fixture.run({ resource: 'executiveReport', operation: 'getData', companyScope: 'all', reportId: locator(report('Monthly Summary').resourceId, 'id') }),
		).rejects.toThrow('Executive Report is given by ID while Companies is All Companies I Manage');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('names the reports a company has when a name matches none', async () => {
		await expect(fixture.run({ resource: 'executiveReport', operation: 'getData', companyId: locator(companyId), reportId: locator('Quarterly', 'name') })).rejects.toThrow(
			'Executive Report "Quarterly" is not the name of a report',
		);
	});
});

describe('Scheduled Report', () => {
	const createParameters = (extra: IDataObject = {}) => ({
		resource: 'scheduledReport',
		operation: 'create',
		companyId: locator(companyId),
		reportId: locator(report('Monthly Summary').resourceId, 'id'),
		name: 'Board monthly',
		frequency: 3,
		schedule: '2026-02-01T08:00:00.000Z',
		timeZoneId: 'GMT Standard Time',
		emailAddresses: ['ciso@initech.example', 'cfo@initech.example'],
		...extra,
	});
	const groupId = () => fixture.sandbox.ids.targetGroupsByCompany[companyId]['Finance'];

	async function create(extra: IDataObject = {}): Promise<string> {
		const [created] = jsonOf(await fixture.run(createParameters(extra)));
		fixture.sandbox.clearRequests();
		return String(created.resourceId);
	}

	it('creates a schedule for an executive report with the lists as arrays, and stores what was sent', async () => {
		const [created] = jsonOf(await fixture.run(createParameters({ additionalFields: { targetGroupIds: [groupId()], isRegionAwareTimeZone: true } })));
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ method: 'POST', path: '/api/report-scheduling', status: 201 });
		expect(request.body).toEqual({
			reportType: 2,
			reportResourceId: report('Monthly Summary').resourceId,
			name: 'Board monthly',
			frequency: 3,
			schedule: '2026-02-01T08:00:00.000Z',
			scheduledDateTimeZoneId: 'GMT Standard Time',
			isRegionAwareTimeZone: true,
			emailAddresses: ['ciso@initech.example', 'cfo@initech.example'],
			managerEmails: [],
			targetGroupResourceIds: [groupId()],
		});
		const stored = reports().schedules.get(String(created.resourceId));
		expect(stored).toMatchObject({ companyId, name: 'Board monthly', frequency: 3, status: 1, emailAddresses: ['ciso@initech.example', 'cfo@initech.example'], targetGroupResourceIds: [groupId()] });
	});

	it('refuses a schedule without recipients, or with a bad email, before any request', async () => {
		await expect(fixture.run(createParameters({ emailAddresses: [] }))).rejects.toThrow('The schedule has no recipient');
		await expect(fixture.run(createParameters({ emailAddresses: ['not-an-email'] }))).rejects.toThrow(/Email Addresses/);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it('Get splits the comma-joined recipient lists, Get Many lists the schedules', async () => {
		const id = await create({ additionalFields: { targetGroupIds: [groupId()] } });
		const [schedule] = jsonOf(await fixture.run({ resource: 'scheduledReport', operation: 'get', companyId: locator(companyId), scheduledReportId: locator(id, 'id') }));
		expect(schedule).toMatchObject({
			resourceId: id,
			emailAddresses: ['ciso@initech.example', 'cfo@initech.example'],
			managerEmails: [],
			targetGroupResourceIds: [groupId()],
			frequency: 'Monthly',
			active: true,
		});
		const list = jsonOf(await fixture.run({ resource: 'scheduledReport', operation: 'getAll', companyId: locator(companyId), returnAll: true }));
		expect(list.map((row) => row.resourceId)).toContain(id);
		expect(list.find((row) => row.resourceId === id)).toMatchObject({ reportName: 'Monthly Summary', status: 1 });
	});

	it('Deactivate and Activate set the stored status', async () => {
		const id = await create();
		await fixture.run({ resource: 'scheduledReport', operation: 'deactivate', companyId: locator(companyId), scheduledReportId: locator(id, 'id') });
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'PUT', path: `/api/report-scheduling/${id}/status/0` });
		expect(reports().schedules.get(id)?.status).toBe(0);
		await fixture.run({ resource: 'scheduledReport', operation: 'activate', companyId: locator(companyId), scheduledReportId: locator(id, 'id') });
		expect(reports().schedules.get(id)?.status).toBe(1);
	});

	it.each(['number', 'name'] as const)('Delete removes the schedule when Keepnet takes the report type as a %s', async (reading) => {
		fixture.sandbox.readings.scheduledReportDeleteType = reading;
		const id = await create();
		const [deleted] = jsonOf(await fixture.run({ resource: 'scheduledReport', operation: 'delete', companyId: locator(companyId), scheduledReportId: locator(id, 'id') }));
		expect(deleted).toEqual({ deleted: true, id, companyId });
		expect(reports().schedules.has(id)).toBe(false);
		expect(fixture.apiRequests().map((request) => request.path)).toEqual(
			reading === 'number' ? [`/api/report-scheduling/${id}/2`] : [`/api/report-scheduling/${id}/2`, `/api/report-scheduling/${id}/ExecutiveReport`],
		);
		expect(report('Monthly Summary')).toBeDefined();
	});

	it('Delete of an unknown schedule says so and tries nothing else', async () => {
		await expect(fixture.run({ resource: 'scheduledReport', operation: 'delete', companyId: locator(companyId), scheduledReportId: locator('Zz99Zz99Zz99', 'id') })).rejects.toThrow();
		expect(fixture.apiRequests()).toHaveLength(1);
	});
});
