import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { CALLBACK_CAMPAIGN_SEARCH_PATH, CHANNELS } from '../helpers/simulationChannels';
import { SCENARIO_CATALOGUE_SEARCH, scenarioSearchBody, TRAINING_CATALOGUE_SEARCH, trainingSearchBody } from '../helpers/catalogue';
import { keepnetApiRequest, newRunState } from '../transport/request';
import { buildFilter, resultsOf, searchPage, type PagedResults } from '../transport/search';
import { PICKER_PAGE_SIZE, selectedCompanyId } from './shared';

function pageNumberFrom(token: string | undefined): number {
	const page = Number(token);
	return Number.isInteger(page) && page > 1 ? page : 1;
}

/** The next page number as n8n's pagination token, or undefined on the last page. */
function nextToken(pageNumber: number, totalPages: unknown, returned: number): string | undefined {
	const hasMore = typeof totalPages === 'number' ? pageNumber < totalPages : returned >= PICKER_PAGE_SIZE;
	return hasMore ? String(pageNumber + 1) : undefined;
}

export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFrom(paginationToken);
	const page = await searchPage<IDataObject>(
		this,
		newRunState(),
		{
			path: '/api/companies/search',
			body: { filter: buildFilter([], filter ?? '', ['Name']), orderBy: 'companyName', ascending: true, isClustered: false, isTargetUserCountExceededLimit: false },
		},
		pageNumber,
		PICKER_PAGE_SIZE,
	);
	const companies = resultsOf(page);
	const results: INodeListSearchItems[] = companies
		.filter((company) => typeof company.companyResourceId === 'string')
		.map((company) => ({ name: String(company.companyName ?? company.companyResourceId), value: String(company.companyResourceId) }));
	return { results, paginationToken: nextToken(pageNumber, page.totalNumberOfPages, companies.length) };
}

function personLabel(person: IDataObject): string {
	const name = [person.firstName, person.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
	return name === '' ? String(person.email ?? person.resourceId) : `${name} <${String(person.email ?? '')}>`;
}

async function searchPeople(
	ctx: ILoadOptionsFunctions,
	path: string,
	textFields: string[],
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	return await searchPicker(ctx, { path, textFields, orderBy: 'Email', companyId: selectedCompanyId(ctx) }, personLabel, filter, paginationToken);
}

export async function searchTargetUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPeople(this, '/api/target-users/search', ['FirstName', 'LastName', 'Email'], filter, paginationToken);
}

export async function searchSystemUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPeople(this, '/api/system-users/search', ['FirstName', 'LastName', 'Email'], filter, paginationToken);
}

/** Target groups of the selected company, by name; Keepnet's own groups (Repeat Offenders and the like) included, as they can be read. */
export async function searchTargetGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFrom(paginationToken);
	const page = await searchPage<IDataObject>(
		this,
		newRunState(),
		{
			path: '/api/target-groups/search',
			body: { filter: buildFilter([], filter ?? '', ['Name']), orderBy: 'Name', ascending: true, systemGeneratedGroups: true },
			companyId: selectedCompanyId(this),
		},
		pageNumber,
		PICKER_PAGE_SIZE,
	);
	const groups = resultsOf(page);
	return {
		results: groups
			.filter((group) => typeof group.resourceId === 'string')
			.map((group) => ({ name: String(group.name ?? group.resourceId), value: String(group.resourceId) })),
		paginationToken: nextToken(pageNumber, page.totalNumberOfPages, groups.length),
	};
}

/** Trainings of Keepnet's catalogue as the selected company sees it (POST /api/trainings/search), by name. */
export async function searchTrainings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFrom(paginationToken);
	const page = await searchPage<IDataObject>(
		this,
		newRunState(),
		{
			path: TRAINING_CATALOGUE_SEARCH.path,
			body: trainingSearchBody(filter ?? ''),
			companyId: selectedCompanyId(this),
		},
		pageNumber,
		PICKER_PAGE_SIZE,
	);
	const trainings = resultsOf(page);
	return {
		results: trainings
			.filter((training) => typeof training.trainingId === 'string')
			.map((training) => ({ name: String(training.trainingName ?? training.trainingId), value: String(training.trainingId) })),
		paginationToken: nextToken(pageNumber, page.totalNumberOfPages, trainings.length),
	};
}

/** Training enrollments of the selected company, newest first, by name. */
export async function searchEnrollments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFrom(paginationToken);
	const companyId = selectedCompanyId(this);
	// DOCS want x-ir-company-id as well on this one search (docs/keepnet-api.md#company-scope-headers), as the Get Many operation sends it.
	const page =
		(await keepnetApiRequest<PagedResults<IDataObject> | undefined>(this, newRunState(), {
			method: 'POST',
			path: '/api/enrollments/search',
			body: {
				filter: buildFilter([], filter ?? '', ['Name', 'TrainingName']),
				orderBy: 'CreateTime',
				ascending: false,
				enrollmentType: null,
				pageNumber,
				pageSize: PICKER_PAGE_SIZE,
			},
			companyId,
			headers: { 'x-ir-company-id': companyId },
			retry: 'safe',
		})) ?? {};
	const enrollments = resultsOf(page);
	return {
		results: enrollments
			.filter((enrollment) => typeof enrollment.enrollmentId === 'string')
			.map((enrollment) => ({ name: String(enrollment.name ?? enrollment.enrollmentId), value: String(enrollment.enrollmentId) })),
		paginationToken: nextToken(pageNumber, page.totalNumberOfPages, enrollments.length),
	};
}

/** Phishing scenarios the selected company can send, by name. */
export async function searchPhishingScenarios(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFrom(paginationToken);
	const page = await searchPage<IDataObject>(
		this,
		newRunState(),
		{
			path: SCENARIO_CATALOGUE_SEARCH.path,
			body: scenarioSearchBody(filter ?? ''),
			companyId: selectedCompanyId(this),
		},
		pageNumber,
		PICKER_PAGE_SIZE,
	);
	const scenarios = resultsOf(page);
	return {
		results: scenarios
			.filter((scenario) => typeof scenario.resourceId === 'string')
			.map((scenario) => ({ name: String(scenario.name ?? scenario.resourceId), value: String(scenario.resourceId) })),
		paginationToken: nextToken(pageNumber, page.totalNumberOfPages, scenarios.length),
	};
}

/** Campaigns of a simulation channel (POST <campaign base>/search) for the selected company, newest first, by name. */
async function searchSimulationCampaigns(ctx: ILoadOptionsFunctions, path: string, filter: string | undefined, paginationToken: string | undefined): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFrom(paginationToken);
	const page = await searchPage<IDataObject>(
		ctx,
		newRunState(),
		{ path, body: { filter: buildFilter([], filter ?? '', ['Name']), orderBy: 'CreateTime', ascending: false }, companyId: selectedCompanyId(ctx) },
		pageNumber,
		PICKER_PAGE_SIZE,
	);
	const campaigns = resultsOf(page);
	return {
		results: campaigns
			.filter((campaign) => typeof campaign.resourceId === 'string')
			.map((campaign) => ({ name: String(campaign.name ?? campaign.resourceId), value: String(campaign.resourceId) })),
		paginationToken: nextToken(pageNumber, page.totalNumberOfPages, campaigns.length),
	};
}

/** Phishing campaigns of the selected company, newest first, by name. */
export async function searchPhishingCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchSimulationCampaigns(this, `${CHANNELS.phishing.campaignBase}/search`, filter, paginationToken);
}

/** Smishing (SMS) campaigns of the selected company, newest first, by name. */
export async function searchSmishingCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchSimulationCampaigns(this, `${CHANNELS.smishing.campaignBase}/search`, filter, paginationToken);
}

/** Quishing (QR-code) campaigns of the selected company, newest first, by name. */
export async function searchQuishingCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchSimulationCampaigns(this, `${CHANNELS.quishing.campaignBase}/search`, filter, paginationToken);
}

/** Callback campaigns of the selected company, newest first, by name. */
export async function searchCallbackCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchSimulationCampaigns(this, CALLBACK_CAMPAIGN_SEARCH_PATH, filter, paginationToken);
}

/** One page of a search shown as a picker: `label` names each row, rows without a resourceId are left out. */
async function searchPicker(
	ctx: ILoadOptionsFunctions,
	spec: { path: string; textFields: string[]; orderBy: string; companyId?: string },
	label: (row: IDataObject) => unknown,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFrom(paginationToken);
	const page = await searchPage<IDataObject>(
		ctx,
		newRunState(),
		{ path: spec.path, body: { filter: buildFilter([], filter ?? '', spec.textFields), orderBy: spec.orderBy, ascending: true }, companyId: spec.companyId },
		pageNumber,
		PICKER_PAGE_SIZE,
	);
	const rows = resultsOf(page);
	return {
		results: rows
			.filter((row) => typeof row.resourceId === 'string')
			.map((row) => ({ name: String(label(row) ?? row.resourceId), value: String(row.resourceId) })),
		paginationToken: nextToken(pageNumber, page.totalNumberOfPages, rows.length),
	};
}

/** The reseller's company groups, by name (no company: groups belong to the reseller). */
export async function searchCompanyGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPicker(this, { path: '/api/company-groups/search', textFields: ['Name'], orderBy: 'Name' }, (row) => row.name, filter, paginationToken);
}

/** REST API clients of the selected company, by name. */
export async function searchRestApiClients(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const spec = { path: '/api/companies/clients/search', textFields: ['ClientName'], orderBy: 'clientName', companyId: selectedCompanyId(this) };
	return await searchPicker(this, spec, (row) => row.clientName, filter, paginationToken);
}

/** SCIM integrations of the selected company, by name. */
export async function searchScimIntegrations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPicker(this, { path: '/api/scim/search', textFields: ['Name'], orderBy: 'Name', companyId: selectedCompanyId(this) }, (row) => row.name, filter, paginationToken);
}

/** Direct Email Creation settings of the selected company, by name. */
export async function searchDirectEmailSettings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const spec = { path: '/api/companies/direct-email-settings/search', textFields: ['Name'], orderBy: 'Name', companyId: selectedCompanyId(this) };
	return await searchPicker(this, spec, (row) => row.name, filter, paginationToken);
}

/** Executive reports of the selected company, by name (Keepnet answers the whole list at once). */
export async function searchExecutiveReports(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const data = await keepnetApiRequest<IDataObject[] | undefined>(this, newRunState(), {
		method: 'POST',
		path: '/api/executive-report/search',
		body: { name: filter ?? '' },
		companyId: selectedCompanyId(this),
		retry: 'safe',
	});
	const reports = Array.isArray(data) ? data : [];
	return {
		results: reports
			.filter((report) => typeof report.resourceId === 'string')
			.map((report) => ({ name: String(report.name ?? report.resourceId), value: String(report.resourceId) })),
	};
}

/** Scheduled reports of the selected company, by name. */
export async function searchScheduledReports(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPicker(this, { path: '/api/report-scheduling/search', textFields: [], orderBy: 'Name', companyId: selectedCompanyId(this) }, (row) => row.name, filter, paginationToken);
}
