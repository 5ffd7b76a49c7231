/** Companies (docs/keepnet-api.md#companies): search, my, get, license check, create/update (multipart) and delete. */
import { FormReader, forbidden, getField, idResult, inputError, isJsonObject, JsonReader, ok, requireJsonObject, unsupportedMediaType, type JsonObject } from '../http';
import { DATE_FORMATS, findLookup, LICENSE_MODULE_IDS, LOOKUP_TYPE, TIME_FORMATS, TIME_ZONE_IDS } from '../lookups';
import { accessibleCompany, requireReseller, type RouteContext, type Router } from '../router';
import { fieldTable, pageOf, compileFilter, readSearchRequest, sortRows, type SearchSchema } from '../search';
import type { CompanyRecord, SandboxStore } from '../store';
import type { ExportColumn } from '../exporters';
import { resellerOf } from '../reseller';
import { exportFile, readExportType } from './targetUsers';

export interface SearchCompanyDto {
	companyName: string;
	companyResourceId: string;
	resellerName: string | null;
	industryName: string | null;
	industryResourceId: string;
	licenseTypeName: string | null;
	licenseTypeResourceId: string;
	isNumberOfUsersLimited: boolean;
	numberOfUsers: string | null;
	privacyDurationId: number;
	licenceExpired: boolean;
	licenseEndDate: string | null;
	createTime: string;
	targetUserCount: number;
	children: SearchCompanyDto[];
	tags: string[];
	deletedTargetUserCount: number;
	inactiveTargetUserCount: number;
	monthlyActiveUserCount: number;
}

interface CompanyRow {
	company: CompanyRecord;
	dto: SearchCompanyDto;
	exceeded: boolean;
}

export function isLicenceExpired(company: CompanyRecord): boolean {
	return company.licenseEndDate !== null && Date.parse(company.licenseEndDate + (company.licenseEndDate.endsWith('Z') ? '' : 'Z')) < Date.now();
}

/** Seats in use (active + inactive; deleted users free their seat). */
export function usedSeats(store: SandboxStore, companyId: string): number {
	const counts = store.data(companyId).counts;
	return counts.active + counts.inactive;
}

export function isOverLicence(store: SandboxStore, company: CompanyRecord): boolean {
	return company.isNumberOfUsersLimited && company.numberOfUsers !== null && usedSeats(store, company.resourceId) > company.numberOfUsers;
}

function monthlyActiveNow(store: SandboxStore, companyId: string): number {
	return store.data(companyId).monthlyActiveUsers.find((entry) => entry.monthsAgo === 0)?.count ?? 0;
}

/** Months back from the current one (UTC) of a `YYYY-MM` month. */
function monthsAgoOf(month: string): number {
	const now = new Date();
	const [year, monthNumber] = month.split('-').map(Number);
	return now.getUTCFullYear() * 12 + now.getUTCMonth() - (year * 12 + monthNumber - 1);
}

/**
 * Takes the month items out of a company-search filter (docs/billing-and-reports.md#filters-as-keepnets-console-sends-them): `MonthlyActiveUser = YYYY-MM` chooses the
 * month the billing columns count (it filters no row). Without one the current month is counted (unverified,
 * docs/billing-and-reports.md#unverified-and-what-the-node-does-under-each-reading). A value not `YYYY-MM` is a 400.
 */
function takeMonth(request: { filter: JsonObject | null }): string | null {
	// The month items leave a copy of the filter (the request as received stays in the request log).
	const filter = request.filter === null ? null : structuredClone(request.filter);
	request.filter = filter;
	let month: string | null = null;
	const groups = filter ? getField(filter, 'filterGroups') : undefined;
	if (!Array.isArray(groups)) return null;
	for (const group of groups) {
		if (!isJsonObject(group)) continue;
		const itemsKey = Object.keys(group).find((key) => key.toLowerCase() === 'filteritems');
		const items = itemsKey ? group[itemsKey] : undefined;
		if (!itemsKey || !Array.isArray(items)) continue;
		group[itemsKey] = items.filter((item) => {
			if (!isJsonObject(item) || String(getField(item, 'fieldName') ?? '').toLowerCase() !== 'monthlyactiveuser') return true;
			const value = String(getField(item, 'value') ?? '');
			if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw inputError([`The value '${value}' is not a valid month for 'MonthlyActiveUser'.`]);
			month = value;
			return false;
		});
	}
	return month;
}

/** The search rows with the billing columns of `month` (null: current month, no training columns). */
function companyRows(store: SandboxStore, resellerId: string, month: string | null): CompanyRow[] {
	return store.managedCompanies(resellerId).map((company) => {
		const dto: SearchCompanyDto & { monthlyEnrolled?: number; monthlyConsumption?: number } = toSearchCompanyDto(store, company);
		if (month !== null) {
			const monthsAgo = monthsAgoOf(month);
			dto.monthlyActiveUserCount = store.data(company.resourceId).monthlyActiveUsers.find((entry) => entry.monthsAgo === monthsAgo)?.count ?? 0;
			// Columns the web console reads with a month (not in the spec, docs/billing-and-reports.md#endpoints-per-operation); made-up but stable figures.
			dto.monthlyEnrolled = Math.floor(dto.monthlyActiveUserCount / 2);
			dto.monthlyConsumption = Math.floor(dto.monthlyActiveUserCount / 3);
		}
		return { company, dto, exceeded: isOverLicence(store, company) };
	});
}

export function toSearchCompanyDto(store: SandboxStore, company: CompanyRecord): SearchCompanyDto {
	const counts = store.data(company.resourceId).counts;
	const parent = company.parentResourceId ? store.companies.get(company.parentResourceId) : undefined;
	return {
		companyName: company.name,
		companyResourceId: company.resourceId,
		resellerName: parent?.name ?? null,
		industryName: findLookup(LOOKUP_TYPE.industry, company.industryResourceId)?.name ?? null,
		industryResourceId: company.industryResourceId,
		licenseTypeName: findLookup(LOOKUP_TYPE.licenseType, company.licenseTypeResourceId)?.name ?? null,
		licenseTypeResourceId: company.licenseTypeResourceId,
		isNumberOfUsersLimited: company.isNumberOfUsersLimited,
		numberOfUsers: company.numberOfUsers === null ? null : String(company.numberOfUsers),
		privacyDurationId: company.privacyDurationId,
		licenceExpired: isLicenceExpired(company),
		licenseEndDate: company.licenseEndDate,
		createTime: company.createTime,
		targetUserCount: counts.active + counts.inactive,
		children: [],
		tags: company.tags,
		deletedTargetUserCount: counts.deleted,
		inactiveTargetUserCount: counts.inactive,
		monthlyActiveUserCount: monthlyActiveNow(store, company.resourceId),
	};
}

export function toCompanyDto(store: SandboxStore, company: CompanyRecord): Record<string, unknown> {
	const country = findLookup(LOOKUP_TYPE.country, company.countryResourceId);
	const status = company.statusId === 1 ? 'Active' : 'Passive';
	return {
		resourceId: company.resourceId,
		name: company.name,
		description: company.description,
		industryResourceId: company.industryResourceId,
		industryName: findLookup(LOOKUP_TYPE.industry, company.industryResourceId)?.name ?? null,
		countryResourceId: company.countryResourceId,
		countryName: country?.name ?? null,
		countryCode: country?.code ?? null,
		address: company.address,
		websiteUrl: company.websiteUrl,
		logoUrl: company.logoUrl,
		licenseTypeResourceId: company.licenseTypeResourceId,
		licenseTypeName: findLookup(LOOKUP_TYPE.licenseType, company.licenseTypeResourceId)?.name ?? null,
		licensePeriodTypeResourceId: company.licensePeriodTypeResourceId,
		licensePeriodTypeName: findLookup(LOOKUP_TYPE.licensePeriod, company.licensePeriodTypeResourceId)?.name ?? null,
		licenseStartDate: company.licenseStartDate,
		licenseEndDate: company.licenseEndDate,
		isNumberOfUsersLimited: company.isNumberOfUsersLimited,
		numberOfUsers: company.numberOfUsers,
		notificationTemplateTypeResourceId: company.notificationTemplateTypeResourceId,
		notificationTemplateTypeName: findLookup(LOOKUP_TYPE.notificationTemplateType, company.notificationTemplateTypeResourceId)?.name ?? null,
		trainingContentTypeResourceId: company.trainingContentTypeResourceId,
		trainingContentTypeName: findLookup(LOOKUP_TYPE.trainingContentType, company.trainingContentTypeResourceId)?.name ?? null,
		smtpConfigurationTypeResourceId: company.smtpConfigurationTypeResourceId,
		smtpConfigurationTypeName: findLookup(LOOKUP_TYPE.smtpConfigurationType, company.smtpConfigurationTypeResourceId)?.name ?? null,
		preferredLanguageTypeResourceId: company.preferredLanguageTypeResourceId,
		preferredLanguageTypeName: findLookup(LOOKUP_TYPE.language, company.preferredLanguageTypeResourceId)?.name ?? null,
		isVersionVisible: company.isVersionVisible,
		isReleaseNotesVisible: company.isReleaseNotesVisible,
		releaseNotesUrl: company.releaseNotesUrl,
		companyGroups: company.companyGroupResourceIds.map((resourceId) => ({ resourceId, name: resellerOf(store).companyGroups.get(resourceId)?.name ?? `Group ${resourceId}` })),
		parentId: company.parentResourceId ? (store.companies.get(company.parentResourceId)?.numericId ?? null) : null,
		baseManHourCost: company.baseManHourCost,
		baseManHour: company.baseManHour,
		statusId: company.statusId,
		statusName: status,
		licenseModules: company.licenseModules,
		targetUserCount: usedSeats(store, company.resourceId),
		timeZoneId: company.timeZoneId,
		callBackNumberBookingCount: company.callBackNumberBookingCount,
		dateFormat: company.dateFormat,
		timeFormat: company.timeFormat,
		tags: company.tags,
		hasAgenticAILicense: company.hasAgenticAILicense,
	};
}

const companySchema: SearchSchema<CompanyRow> = {
	fields: fieldTable<CompanyRow>([
		[['companyName', 'name'], { kind: 'string', get: (row) => row.dto.companyName }],
		[['resellerName'], { kind: 'string', get: (row) => row.dto.resellerName }],
		[['industryName'], { kind: 'string', get: (row) => row.dto.industryName }],
		[['industryResourceId'], { kind: 'string', get: (row) => row.dto.industryResourceId }],
		[['licenseTypeName'], { kind: 'string', get: (row) => row.dto.licenseTypeName }],
		[['licenseTypeResourceId'], { kind: 'string', get: (row) => row.dto.licenseTypeResourceId }],
		[['moduleResourceId'], { kind: 'string', get: (row) => row.company.licenseModules.join(','), values: (row) => row.company.licenseModules, sortable: false }],
		[['targetUserCount'], { kind: 'number', get: (row) => row.dto.targetUserCount }],
		[['inactiveTargetUserCount'], { kind: 'number', get: (row) => row.dto.inactiveTargetUserCount }],
		[['deletedTargetUserCount'], { kind: 'number', get: (row) => row.dto.deletedTargetUserCount }],
		[['monthlyActiveUserCount', 'monthlyActiveUser'], { kind: 'number', get: (row) => row.dto.monthlyActiveUserCount }],
		[['numberOfUsers'], { kind: 'number', get: (row) => row.company.numberOfUsers }],
		[['tags'], { kind: 'string', get: (row) => row.dto.tags.join(',') }],
		[['licenseEndDate'], { kind: 'date', get: (row) => row.dto.licenseEndDate }],
		[['createTime'], { kind: 'date', get: (row) => row.dto.createTime }],
		[['licenceExpired', 'licenseExpired'], { kind: 'boolean', get: (row) => row.dto.licenceExpired }],
		[['companyResourceId', 'resourceId'], { kind: 'string', get: (row) => row.dto.companyResourceId, sortable: false }],
	]),
	defaultSortField: 'createtime',
	freeText: (row) => [row.dto.companyName, row.dto.resellerName],
	seq: (row) => row.company.numericId,
};

const COMPANY_EXPORT_COLUMNS: Array<ExportColumn<CompanyRow>> = [
	{ header: 'Company Name', value: (row) => row.dto.companyName, width: 28 },
	{ header: 'Reseller', value: (row) => row.dto.resellerName, width: 20 },
	{ header: 'Industry', value: (row) => row.dto.industryName, width: 18 },
	{ header: 'License Type', value: (row) => row.dto.licenseTypeName, width: 12 },
	{ header: 'Target Users', value: (row) => row.dto.targetUserCount, width: 12 },
	{ header: 'Inactive Users', value: (row) => row.dto.inactiveTargetUserCount, width: 12 },
	{ header: 'Deleted Users', value: (row) => row.dto.deletedTargetUserCount, width: 12 },
	{ header: 'Monthly Users', value: (row) => row.dto.monthlyActiveUserCount, width: 12 },
	{ header: 'Number Of Users', value: (row) => row.dto.numberOfUsers, width: 14 },
	{ header: 'License End Date', value: (row) => row.dto.licenseEndDate, width: 20 },
	{ header: 'Create Time', value: (row) => row.dto.createTime, width: 24 },
];

const COMPANY_LIMITS = { Name: 64, Description: 300, Address: 200, WebsiteUrl: 2000, ReleaseNotesUrl: 2000 };
const LOGO_EXTENSIONS = /\.(gif|png|jpe?g|svg)$/i;

type CompanyFormFields = Omit<CompanyRecord, 'resourceId' | 'numericId' | 'isReseller' | 'parentResourceId' | 'createTime' | 'privacyDurationId' | 'hasAgenticAILicense'>;

/** Validates the multipart body of POST/PUT /api/companies (same required set for both; PUT replaces the record). */
function readCompanyForm(ctx: RouteContext, existing: CompanyRecord | null): CompanyFormFields {
	const body = ctx.body;
	if (body.kind !== 'multipart') {
		throw unsupportedMediaType();
	}
	if (!body.multipart) throw inputError([`The multipart body could not be read: ${body.multipartError ?? 'unknown error'}`]);
	const form = new FormReader(body.multipart.fields);
	const name = form.string('Name', { required: true, maxLength: COMPANY_LIMITS.Name });
	const description = form.string('Description', { maxLength: COMPANY_LIMITS.Description });
	const address = form.string('Address', { maxLength: COMPANY_LIMITS.Address });
	const websiteUrl = form.string('WebsiteUrl', { maxLength: COMPANY_LIMITS.WebsiteUrl });
	const releaseNotesUrl = form.string('ReleaseNotesUrl', { maxLength: COMPANY_LIMITS.ReleaseNotesUrl });
	const lookup = (field: string, typeId: number, required: boolean): string | null => {
		const value = form.string(field, { required });
		if (value !== null && !findLookup(typeId, value)) form.error(`'${field.replace(/([a-z])([A-Z])/g, '$1 $2')}' has no item with id '${value}'.`);
		return value;
	};
	const countryResourceId = lookup('CountryResourceId', LOOKUP_TYPE.country, true);
	const industryResourceId = lookup('IndustryResourceId', LOOKUP_TYPE.industry, true);
	const licenseTypeResourceId = lookup('LicenseTypeResourceId', LOOKUP_TYPE.licenseType, true);
	const licensePeriodTypeResourceId = lookup('LicensePeriodTypeResourceId', LOOKUP_TYPE.licensePeriod, true);
	const notificationTemplateTypeResourceId = lookup('NotificationTemplateTypeResourceId', LOOKUP_TYPE.notificationTemplateType, false);
	const trainingContentTypeResourceId = lookup('TrainingContentTypeResourceId', LOOKUP_TYPE.trainingContentType, false);
	const smtpConfigurationTypeResourceId = lookup('SmtpConfigurationTypeResourceId', LOOKUP_TYPE.smtpConfigurationType, false);
	const preferredLanguageTypeResourceId = lookup('PreferredLanguageTypeResourceId', LOOKUP_TYPE.language, false);
	const numberOfUsers = form.int('NumberOfUsers', { required: true });
	if (numberOfUsers !== null && numberOfUsers < 0) form.error("'Number Of Users' must be greater than or equal to '0'.");
	const timeZoneId = form.string('TimeZoneId', { required: true });
	if (timeZoneId !== null && !TIME_ZONE_IDS.has(timeZoneId)) form.error(`'Time Zone Id' '${timeZoneId}' is not a known time zone.`);
	const dateFormat = form.string('DateFormat', { required: true });
	if (dateFormat !== null && !DATE_FORMATS.includes(dateFormat)) form.error(`'Date Format' must be one of ${DATE_FORMATS.join(', ')}.`);
	const timeFormat = form.string('TimeFormat', { required: true });
	if (timeFormat !== null && !TIME_FORMATS.includes(timeFormat)) form.error(`'Time Format' must be one of ${TIME_FORMATS.join(', ')}.`);
	const licenseModules = form.stringArray('LicenseModuleResourceIdArray');
	for (const moduleId of licenseModules) if (!LICENSE_MODULE_IDS.has(moduleId)) form.error(`'License Module Resource Id Array' has no module with id '${moduleId}'.`);
	const companyGroupResourceIds = form.stringArray('CompanyGroupResourceIdArray');
	// A group is known when the reseller owns it (routes/companyGroups.ts), or when the company already belongs to it (set by tests).
	const ownGroups = resellerOf(ctx.app.store).groupsOf(ctx.caller.company.resourceId);
	for (const groupId of companyGroupResourceIds) {
		const known = ownGroups.some((group) => group.resourceId === groupId) || existing?.companyGroupResourceIds.includes(groupId);
		if (!known) form.error(`'Company Group Resource Id Array' has no company group with id '${groupId}'.`);
	}
	const licenseStartDate = form.date('LicenseStartDate');
	const licenseEndDate = form.date('LicenseEndDate');
	if (licenseStartDate && licenseEndDate && licenseEndDate < licenseStartDate) form.error("'License End Date' must be after 'License Start Date'.");
	const isNumberOfUsersLimited = form.bool('IsNumberOfUsersLimited');
	const isVersionVisible = form.bool('IsVersionVisible');
	const isReleaseNotesVisible = form.bool('IsReleaseNotesVisible');
	const statusId = form.int('StatusId');
	const callBackNumberBookingCount = form.int('CallBackNumberBookingCount');
	const baseManHourCost = existing ? null : form.int('BaseManHourCost');
	const baseManHour = existing ? null : form.int('BaseManHour');
	const tags = form.stringArray('Tags');
	const regionCode = form.string('RegionCode');
	let logoUrl = existing ? form.string('LogoUrl') : null;
	const logo = body.multipart.files.find((file) => file.field.toLowerCase() === 'file');
	if (logo) {
		if (!LOGO_EXTENSIONS.test(logo.filename)) form.error("'File' must be a .gif, .png, .jpg or .svg image.");
		else if (logo.data.length > 2 * 1024 * 1024) form.error("'File' must be 2 MB or smaller.");
		else logoUrl = `${ctx.app.baseUrl()}/static/logos/${encodeURIComponent(logo.filename)}`;
	}
	form.throwIfErrors();
	return {
		name: name as string,
		description,
		industryResourceId: industryResourceId as string,
		countryResourceId: countryResourceId as string,
		address,
		websiteUrl,
		logoUrl,
		licenseTypeResourceId: licenseTypeResourceId as string,
		licensePeriodTypeResourceId: licensePeriodTypeResourceId as string,
		licenseStartDate,
		licenseEndDate,
		isNumberOfUsersLimited: isNumberOfUsersLimited ?? true,
		numberOfUsers,
		notificationTemplateTypeResourceId,
		trainingContentTypeResourceId,
		smtpConfigurationTypeResourceId,
		preferredLanguageTypeResourceId,
		isVersionVisible: isVersionVisible ?? false,
		isReleaseNotesVisible: isReleaseNotesVisible ?? false,
		releaseNotesUrl,
		companyGroupResourceIds,
		baseManHourCost: baseManHourCost ?? existing?.baseManHourCost ?? 0,
		baseManHour: baseManHour ?? existing?.baseManHour ?? 0,
		statusId: statusId ?? 1,
		licenseModules,
		timeZoneId: timeZoneId as string,
		callBackNumberBookingCount,
		dateFormat: dateFormat as string,
		timeFormat: timeFormat as string,
		tags,
		regionCode,
	};
}

/** A company the reseller manages (not its own): 404 unknown, 403 otherwise. */
function managedCompany(ctx: RouteContext, companyId: string): CompanyRecord {
	const company = accessibleCompany(ctx, companyId);
	if (company.resourceId === ctx.caller.company.resourceId) throw forbidden('You cannot modify or delete your own company through this endpoint.');
	return company;
}

function assertUniqueName(store: SandboxStore, resellerId: string, name: string, exceptId: string | null): void {
	const lower = name.trim().toLowerCase();
	const clash = store.managedCompanies(resellerId).find((company) => company.resourceId !== exceptId && company.name.trim().toLowerCase() === lower);
	if (clash) throw inputError([`A company named '${name}' already exists.`]);
}

export function registerCompanyRoutes(router: Router): void {
	router.add('POST', '/api/companies/search', (ctx) => {
		requireReseller(ctx);
		const store = ctx.app.store;
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const request = readSearchRequest(reader, companySchema, { filterRequired: true });
		const onlyExceeded = reader.bool('isTargetUserCountExceededLimit') ?? false;
		reader.bool('isClustered');
		reader.throwIfErrors();
		const rows = companyRows(store, ctx.caller.company.resourceId, takeMonth(request));
		const predicate = compileFilter(request.filter, companySchema);
		const filtered = rows.filter((row) => (!onlyExceeded || row.exceeded) && (!predicate || predicate(row)));
		const paged = pageOf(sortRows(filtered, companySchema, request.sortField, request.ascending), request.pageNumber, request.pageSize, (row) => row.dto);
		return ok({ ...paged, limitExceededCompanyCount: rows.filter((row) => row.exceeded).length });
	});

	router.add('POST', '/api/companies/search/export', (ctx) => {
		requireReseller(ctx);
		const store = ctx.app.store;
		const reader = new JsonReader(requireJsonObject(ctx.body));
		const exportType = readExportType(reader);
		const request = readSearchRequest(reader, companySchema, { filterRequired: true });
		const allPages = reader.bool('reportAllPages') ?? false;
		const onlyExceeded = reader.bool('isTargetUserCountExceededLimit') ?? false;
		reader.throwIfErrors();
		const month = takeMonth(request);
		const predicate = compileFilter(request.filter, companySchema);
		const rows = companyRows(store, ctx.caller.company.resourceId, month)
			.filter((row) => (!onlyExceeded || row.exceeded) && (!predicate || predicate(row)));
		const sorted = sortRows(rows, companySchema, request.sortField, request.ascending);
		const start = (request.pageNumber - 1) * request.pageSize;
		return exportFile(exportType, allPages ? sorted : sorted.slice(start, start + request.pageSize), COMPANY_EXPORT_COLUMNS, 'Companies');
	});

	router.add('GET', '/api/companies/my', (ctx) => {
		const store = ctx.app.store;
		const toMy = (company: CompanyRecord, children: CompanyRecord[]): Record<string, unknown> => ({
			name: company.name,
			resourceId: company.resourceId,
			logoUrl: company.logoUrl,
			privacyDurationId: company.privacyDurationId,
			licenceExpired: isLicenceExpired(company),
			privacyDurationStartTime: null,
			privacyDurationEndTime: null,
			children: children.map((child) => toMy(child, [])),
		});
		const own = ctx.caller.company;
		const children = ctx.caller.client.role === 'Reseller' ? store.managedCompanies(own.resourceId) : [];
		return ok([toMy(own, children)]);
	});

	router.add('GET', '/api/companies/{resourceId}', (ctx) => ok(toCompanyDto(ctx.app.store, accessibleCompany(ctx, ctx.params.resourceId))));

	router.add('GET', '/api/companies/{resourceId}/license-check', (ctx) => {
		const company = accessibleCompany(ctx, ctx.params.resourceId);
		const store = ctx.app.store;
		const counts = store.data(company.resourceId).counts;
		return ok({
			isLimited: company.isNumberOfUsersLimited,
			licenseLimit: company.isNumberOfUsersLimited ? company.numberOfUsers : null,
			activeUserCount: counts.active,
			totalUserCount: counts.active + counts.inactive,
			isLicenseExceeded: isOverLicence(store, company),
		});
	});

	router.add('POST', '/api/companies', (ctx) => {
		requireReseller(ctx);
		const store = ctx.app.store;
		const fields = readCompanyForm(ctx, null);
		assertUniqueName(store, ctx.caller.company.resourceId, fields.name, null);
		const company: CompanyRecord = {
			...fields,
			resourceId: store.newId(),
			numericId: store.newCompanyNumericId(),
			isReseller: false,
			parentResourceId: ctx.caller.company.resourceId,
			createTime: new Date().toISOString(),
			hasAgenticAILicense: false,
			privacyDurationId: 0,
		};
		const data = store.addCompany(company);
		for (const [name, description] of [
			['Company Admin', 'Full access to the company'],
			['Reseller', 'Manages customer companies'],
		]) {
			const role = { resourceId: store.newId(), companyId: company.resourceId, name, description, typeName: 'System' as const, createTime: company.createTime, permissionResourceIdList: [], seq: store.newSeq() };
			data.roles.set(role.resourceId, role);
		}
		data.monthlyActiveUsers = Array.from({ length: 6 }, (_unused, monthsAgo) => ({ monthsAgo, count: 0 }));
		return idResult(company.resourceId);
	});

	router.add('PUT', '/api/companies/{resourceId}', (ctx) => {
		requireReseller(ctx);
		const company = managedCompany(ctx, ctx.params.resourceId);
		const fields = readCompanyForm(ctx, company);
		assertUniqueName(ctx.app.store, ctx.caller.company.resourceId, fields.name, company.resourceId);
		Object.assign(company, fields);
		return idResult(company.resourceId);
	});

	router.add('DELETE', '/api/companies/{resourceId}', (ctx) => {
		requireReseller(ctx);
		const company = managedCompany(ctx, ctx.params.resourceId);
		ctx.app.store.deleteCompany(company.resourceId);
		return idResult(company.resourceId);
	});
}
