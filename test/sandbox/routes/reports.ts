/**
 * Executive reports and scheduled reports (docs/billing-and-reports.md#endpoints-per-operation), scoped to the company of the call.
 *
 * Executive reports: `POST /api/executive-report/search` ({name}, an unpaged list), `GET …/metrics` (the widget
 * catalogue, answered 201 as the spec declares), `GET …/{id}`, `POST …/get-widget-datas`. Scheduled reports:
 * `POST /api/report-scheduling/search` (paged), `GET …/{id}` (the recipient lists as comma-joined strings),
 * `POST /api/report-scheduling` (the lists as arrays; 201), `PUT …/{id}/status/{0|1}`, `DELETE …/{id}/{reportType}`.
 *
 * Where the contract is unverified the readings decide (types.ts): `widgetsPerCall` (several widgetIds in one call,
 * docs/billing-and-reports.md#unverified-and-what-the-node-does-under-each-reading) and `scheduledReportDeleteType` (the `{reportType}` of a delete as the number 2 or the name,
 * docs/billing-and-reports.md). Enums are accepted as the web console's numbers and as the spec's names.
 */
import { failed, getField, idResult, inputError, isValidEmail, jsonResponse, JsonReader, notFound, ok, requireJsonObject } from '../http';
import { TIME_ZONE_IDS } from '../lookups';
import { scopedCompany, type RouteContext, type Router } from '../router';
import { fieldTable, readSearchRequest, searchCollection, type SearchSchema } from '../search';
import type { SandboxStore } from '../store';

export const DATE_PERIODS = ['LastMonth', 'Last3Months', 'Last6Months', 'LastYear', 'ThisYear', 'Custom'] as const;
export const FREQUENCIES = ['OneTime', 'Weekly', 'EveryTwoWeeks', 'Monthly', 'Quarterly'] as const;
const EXECUTIVE_REPORT_TYPE = 2;

export interface WidgetRecord {
	resourceId: string;
	name: string;
	description: string;
	widgetType: string;
	chartType: string;
	metric: string;
	isSupportManager: boolean;
}

export interface ExecutiveReportRecord {
	resourceId: string;
	companyId: string;
	name: string;
	description: string;
	widgetIds: string[];
	datePeriod: number;
	isEditable: boolean;
	isDeletable: boolean;
	isSupportManager: boolean;
	dateCreated: string;
}

export interface ScheduledReportRecord {
	resourceId: string;
	companyId: string;
	reportResourceId: string;
	name: string;
	frequency: number;
	status: number;
	schedule: string;
	scheduledDateTimeZoneId: string;
	isRegionAwareTimeZone: boolean;
	emailAddresses: string[];
	managerEmails: string[];
	targetGroupResourceIds: string[];
	createTime: string;
	seq: number;
}

const CATALOGUE: Array<Omit<WidgetRecord, 'resourceId'>> = [
	{ metric: 'Training', name: 'TrainingCompletionWidget', description: 'Training completion', widgetType: 'Chart', chartType: 'Donut', isSupportManager: false },
	{ metric: 'Training', name: 'TrainingEnrollmentActivityWidget', description: 'Enrollment activity', widgetType: 'Table', chartType: 'Table', isSupportManager: true },
	{ metric: 'Simulation', name: 'SimulationCoverageWidget', description: 'Simulation coverage', widgetType: 'Chart', chartType: 'Bar', isSupportManager: false },
	{ metric: 'Simulation', name: 'PhishingActivityWidget', description: 'Phishing activity', widgetType: 'Table', chartType: 'Table', isSupportManager: true },
	{ metric: 'Risk', name: 'SecurityCultureScoreGaugeWidget', description: 'Security culture score', widgetType: 'Chart', chartType: 'Gauge', isSupportManager: false },
];

/** The reports state of one sandbox: the widget catalogue (the same in every company) and each company's reports. */
export class ReportsState {
	readonly widgets: WidgetRecord[];
	readonly executiveReports = new Map<string, ExecutiveReportRecord>();
	readonly schedules = new Map<string, ScheduledReportRecord>();
	private readonly seeded = new Set<string>();

	constructor(private readonly store: SandboxStore) {
		this.widgets = CATALOGUE.map((widget) => ({ ...widget, resourceId: store.newId() }));
	}

	/** A company's executive reports; two are there from the start ("Monthly Summary", "Board Pack"). */
	reportsOf(companyId: string): ExecutiveReportRecord[] {
		if (!this.seeded.has(companyId)) {
			this.seeded.add(companyId);
			this.addReport(companyId, 'Monthly Summary', this.widgets.slice(0, 3).map((widget) => widget.resourceId), 0);
			this.addReport(companyId, 'Board Pack', this.widgets.map((widget) => widget.resourceId), 1);
		}
		return [...this.executiveReports.values()].filter((report) => report.companyId === companyId);
	}

	addReport(companyId: string, name: string, widgetIds: string[], datePeriod: number): ExecutiveReportRecord {
		const report: ExecutiveReportRecord = {
			resourceId: this.store.newId(),
			companyId,
			name,
			description: `${name} for the board`,
			widgetIds,
			datePeriod,
			isEditable: true,
			isDeletable: true,
			isSupportManager: widgetIds.some((id) => this.widgets.find((widget) => widget.resourceId === id)?.isSupportManager),
			dateCreated: '2026-01-02T09:00:00Z',
		};
		this.executiveReports.set(report.resourceId, report);
		return report;
	}

	schedulesOf(companyId: string): ScheduledReportRecord[] {
		return [...this.schedules.values()].filter((schedule) => schedule.companyId === companyId);
	}

	/** Deterministic figures for one widget, company and period. */
	dataOf(widget: WidgetRecord, companyId: string, datePeriod: number): Record<string, unknown> {
		const seed = [...`${companyId}${widget.resourceId}${datePeriod}`].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 997, 7);
		const users = this.store.data(companyId).counts.active;
		const completed = seed % Math.max(1, users + 1);
		return {
			resourceId: widget.resourceId,
			name: widget.name,
			description: widget.description,
			chartType: widget.chartType,
			widgetType: widget.widgetType,
			widgetDatas: [
				{
					date: '01/01/2026 00:00',
					dataObject: null,
					values: [
						{ value: completed, label: 'Completed', name: 'Completed', annotations: null },
						{ value: users - completed, label: 'In Progress', name: 'InProgress', annotations: null },
					],
					tableValues: [],
					tableDefinitions: [{ label: 'Completed', name: 'Completed' }],
				},
			],
		};
	}
}

const states = new WeakMap<SandboxStore, ReportsState>();

export function reportsOf(store: SandboxStore): ReportsState {
	let state = states.get(store);
	if (!state) {
		state = new ReportsState(store);
		states.set(store, state);
	}
	return state;
}

/** An enum sent as the console's number or the spec's name; null when it is neither. */
function enumValue(value: unknown, names: readonly string[]): number | null {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < names.length) return value;
	if (typeof value === 'string') {
		const byNumber = /^\d+$/.test(value) ? Number(value) : -1;
		if (byNumber >= 0 && byNumber < names.length) return byNumber;
		const index = names.findIndex((name) => name.toLowerCase() === value.trim().toLowerCase());
		if (index >= 0) return index;
	}
	return null;
}

function reportOf(ctx: RouteContext, companyId: string, id: string): ExecutiveReportRecord {
	const report = reportsOf(ctx.app.store).reportsOf(companyId).find((entry) => entry.resourceId === id);
	if (!report) throw notFound(`Executive report '${id}' was not found.`);
	return report;
}

function scheduleOf(ctx: RouteContext, companyId: string, id: string): ScheduledReportRecord {
	const schedule = reportsOf(ctx.app.store).schedules.get(id);
	if (!schedule || schedule.companyId !== companyId) throw notFound(`Report scheduling '${id}' was not found.`);
	return schedule;
}

const scheduleSchema: SearchSchema<{ schedule: ScheduledReportRecord; reportName: string }> = {
	fields: fieldTable([
		[['name'], { kind: 'string', get: (row) => row.schedule.name }],
		[['reportName'], { kind: 'string', get: (row) => row.reportName }],
		[['createTime'], { kind: 'date', get: (row) => row.schedule.createTime }],
		[['status'], { kind: 'number', get: (row) => row.schedule.status }],
	]),
	defaultSortField: 'createtime',
	freeText: (row) => [row.schedule.name, row.reportName],
	seq: (row) => row.schedule.seq,
};

export function registerReportRoutes(router: Router): void {
	router.add('POST', '/api/executive-report/search', (ctx) => {
		const company = scopedCompany(ctx);
		const body = requireJsonObject(ctx.body);
		const name = String(getField(body, 'name') ?? '').trim().toLowerCase();
		const reports = reportsOf(ctx.app.store)
			.reportsOf(company.resourceId)
			.filter((report) => name === '' || report.name.toLowerCase().includes(name));
		return ok(
			reports.map((report) => ({
				resourceId: report.resourceId,
				companyId: company.numericId,
				name: report.name,
				isEditable: report.isEditable,
				isDeletable: report.isDeletable,
				description: report.description,
				isSupportManager: report.isSupportManager,
			})),
		);
	});

	router.add('GET', '/api/executive-report/metrics', (ctx) => {
		scopedCompany(ctx);
		const state = reportsOf(ctx.app.store);
		const metrics = [...new Set(state.widgets.map((widget) => widget.metric))].map((metric) => ({
			name: metric,
			widgets: state.widgets
				.filter((widget) => widget.metric === metric)
				.map((widget) => ({ resourceId: widget.resourceId, name: widget.name, description: widget.description, widgetType: widget.widgetType, chartType: widget.chartType, imageUrl: null, isSupportManager: widget.isSupportManager })),
		}));
		// The spec declares 201 for this GET.
		return jsonResponse(201, { status: 'SUCCESS', message: null, data: { metrics }, validationMessages: null });
	});

	router.add('POST', '/api/executive-report/get-widget-datas', (ctx) => {
		const company = scopedCompany(ctx);
		const body = requireJsonObject(ctx.body);
		const state = reportsOf(ctx.app.store);
		const ids = getField(body, 'widgetIds');
		if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) throw inputError(["'Widget Ids' must not be empty."]);
		if (ctx.app.readings.widgetsPerCall === 'one' && ids.length > 1) throw inputError(['Only one widget can be requested at a time.']);
		const datePeriod = enumValue(getField(body, 'datePeriod'), DATE_PERIODS);
		if (datePeriod === null) throw inputError(["'Date Period' has a range of values which does not include the value sent."]);
		if (datePeriod === 5 && (!getField(body, 'startDate') || !getField(body, 'endDate'))) throw inputError(["'Start Date' and 'End Date' are required for a custom period."]);
		return ok(
			(ids as string[]).map((id) => {
				const widget = state.widgets.find((entry) => entry.resourceId === id);
				if (!widget) throw notFound(`Widget '${id}' was not found.`);
				return state.dataOf(widget, company.resourceId, datePeriod);
			}),
		);
	});

	router.add('GET', '/api/executive-report/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const report = reportOf(ctx, company.resourceId, ctx.params.resourceId);
		const state = reportsOf(ctx.app.store);
		return ok({
			resourceId: report.resourceId,
			companyId: company.numericId,
			name: report.name,
			companyName: company.name,
			description: report.description,
			dateCreated: report.dateCreated,
			widgetLayout: JSON.stringify(report.widgetIds.map((id, index) => ({ resourceId: id, x: 0, y: index * 4, w: 12, h: 4 }))),
			widgets: report.widgetIds.map((id) => {
				const widget = state.widgets.find((entry) => entry.resourceId === id) as WidgetRecord;
				return { resourceId: widget.resourceId, name: widget.name, description: widget.description, widgetType: widget.widgetType, chartType: widget.chartType, imageUrl: null, isSupportManager: widget.isSupportManager };
			}),
			datePeriod: report.datePeriod,
			dateRange: null,
			startDate: null,
			endDate: null,
			isSupportManager: report.isSupportManager,
		});
	});

	router.add('POST', '/api/report-scheduling/search', (ctx) => {
		const company = scopedCompany(ctx);
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, scheduleSchema, { filterRequired: true });
		reader.throwIfErrors();
		const state = reportsOf(ctx.app.store);
		const rows = state.schedulesOf(company.resourceId).map((schedule) => ({ schedule, reportName: state.executiveReports.get(schedule.reportResourceId)?.name ?? '' }));
		return ok(
			searchCollection(rows, scheduleSchema, request, (row) => ({
				resourceId: row.schedule.resourceId,
				name: row.schedule.name,
				reportName: row.reportName,
				reportResourceId: row.schedule.reportResourceId,
				frequency: FREQUENCIES[row.schedule.frequency],
				status: row.schedule.status,
				createTime: row.schedule.createTime,
				lastSendDate: null,
				nextSendDate: row.schedule.status === 1 ? row.schedule.schedule : null,
			})),
		);
	});

	router.add('GET', '/api/report-scheduling/{resourceId}', (ctx) => {
		const company = scopedCompany(ctx);
		const schedule = scheduleOf(ctx, company.resourceId, ctx.params.resourceId);
		return ok({
			resourceId: schedule.resourceId,
			reportTypeId: EXECUTIVE_REPORT_TYPE,
			reportResourceId: schedule.reportResourceId,
			name: schedule.name,
			status: schedule.status,
			frequencyTypeId: schedule.frequency,
			schedule: schedule.schedule,
			isRegionAwareTimeZone: schedule.isRegionAwareTimeZone,
			scheduledDateTimeZoneId: schedule.scheduledDateTimeZoneId,
			lastSendDate: null,
			nextSendDate: schedule.status === 1 ? schedule.schedule : null,
			// The model joins the three lists with commas (docs/billing-and-reports.md#endpoints-per-operation).
			emailAddresses: schedule.emailAddresses.join(','),
			managerEmails: schedule.managerEmails.join(','),
			targetGroupResourceIds: schedule.targetGroupResourceIds.join(','),
		});
	});

	router.add('POST', '/api/report-scheduling', (ctx) => {
		const company = scopedCompany(ctx);
		const body = requireJsonObject(ctx.body);
		const reader = new JsonReader(body);
		const errors: string[] = [];
		if (enumValue(getField(body, 'reportType'), ['', '', 'ExecutiveReport']) !== EXECUTIVE_REPORT_TYPE) errors.push("'Report Type' must be an executive report (2).");
		const name = reader.string('name', { required: true, maxLength: 100 });
		const reportResourceId = reader.string('reportResourceId', { required: true });
		const frequency = enumValue(getField(body, 'frequency'), FREQUENCIES);
		if (frequency === null) errors.push("'Frequency' has a range of values which does not include the value sent.");
		const schedule = reader.string('schedule', { required: true });
		if (schedule !== null && Number.isNaN(Date.parse(schedule))) errors.push("'Schedule' is not a valid date.");
		const zone = reader.string('scheduledDateTimeZoneId', { required: true });
		if (zone !== null && !TIME_ZONE_IDS.has(zone)) errors.push(`'Scheduled Date Time Zone Id' '${zone}' is not a known time zone.`);
		const list = (field: string): string[] => {
			const value = getField(body, field);
			if (value === undefined || value === null) return [];
			if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
				errors.push(`The JSON value could not be converted to System.String[]. Path: $.${field}`);
				return [];
			}
			return value as string[];
		};
		const emailAddresses = list('emailAddresses');
		const managerEmails = list('managerEmails');
		const targetGroupResourceIds = list('targetGroupResourceIds');
		for (const email of [...emailAddresses, ...managerEmails]) if (!isValidEmail(email)) errors.push(`'${email}' is not a valid email address.`);
		const groups = ctx.app.store.data(company.resourceId).targetGroups;
		for (const id of targetGroupResourceIds) if (!groups.has(id)) errors.push(`Target group '${id}' was not found.`);
		if (emailAddresses.length + managerEmails.length + targetGroupResourceIds.length === 0) errors.push('At least one recipient is required.');
		reader.throwIfErrors();
		if (errors.length > 0) throw inputError(errors);
		reportOf(ctx, company.resourceId, reportResourceId as string);
		const state = reportsOf(ctx.app.store);
		const record: ScheduledReportRecord = {
			resourceId: ctx.app.store.newId(),
			companyId: company.resourceId,
			reportResourceId: reportResourceId as string,
			name: name as string,
			frequency: frequency as number,
			status: 1,
			schedule: new Date(Date.parse(schedule as string)).toISOString(),
			scheduledDateTimeZoneId: zone as string,
			isRegionAwareTimeZone: getField(body, 'isRegionAwareTimeZone') === true,
			emailAddresses,
			managerEmails,
			targetGroupResourceIds,
			createTime: new Date().toISOString(),
			seq: ctx.app.store.newSeq(),
		};
		state.schedules.set(record.resourceId, record);
		return jsonResponse(201, { status: 'SUCCESS', message: null, data: { resourceId: record.resourceId }, validationMessages: null });
	});

	router.add('PUT', '/api/report-scheduling/{resourceId}/status/{statusId}', (ctx) => {
		const company = scopedCompany(ctx);
		const schedule = scheduleOf(ctx, company.resourceId, ctx.params.resourceId);
		if (ctx.params.statusId !== '0' && ctx.params.statusId !== '1') throw inputError([`'Status Id' must be 0 or 1.`]);
		schedule.status = Number(ctx.params.statusId);
		return idResult(schedule.resourceId);
	});

	router.add('DELETE', '/api/report-scheduling/{resourceId}/{reportType}', (ctx) => {
		const company = scopedCompany(ctx);
		const schedule = scheduleOf(ctx, company.resourceId, ctx.params.resourceId);
		const accepted = ctx.app.readings.scheduledReportDeleteType === 'number' ? String(EXECUTIVE_REPORT_TYPE) : 'ExecutiveReport';
		if (ctx.params.reportType.toLowerCase() !== accepted.toLowerCase()) throw failed(400, `The value '${ctx.params.reportType}' is not valid for ReportType.`, 'INPUT_ERROR');
		reportsOf(ctx.app.store).schedules.delete(schedule.resourceId);
		return idResult(schedule.resourceId);
	});
}

