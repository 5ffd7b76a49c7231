import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { companySearchPage } from '../actions/company/api';
import { CALLBACK_CAMPAIGN_SEARCH_PATH, CHANNELS } from '../helpers/simulationChannels';
import { SCENARIO_CATALOGUE_SEARCH, scenarioSearchBody, TRAINING_CATALOGUE_SEARCH, trainingSearchBody } from '../helpers/catalogue';
import { fetchedPage, nextPageToken, pageNumberFromToken } from '../transport/paging';
import { KeepnetSession } from '../transport/session';
import { buildFilter } from '../transport/search';
import type { PagedResults, SearchSpec } from '../transport/types';
import { PICKER_PAGE_SIZE, selectedCompanyId } from './shared';

/**
 * The page of a search that n8n's pagination token asks for, shown as a picker: `toItem` names each row (rows it
 * gives undefined for are left out). One session per picker call; whether a page follows is the page iterator's
 * answer (transport/paging.ts).
 */
async function pickerPage(
	ctx: ILoadOptionsFunctions,
	spec: SearchSpec,
	paginationToken: string | undefined,
	toItem: (row: IDataObject) => INodeListSearchItems | undefined,
): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFromToken(paginationToken);
	const page = fetchedPage(await new KeepnetSession(ctx).searchPage<IDataObject>(spec, pageNumber, PICKER_PAGE_SIZE));
	return { results: page.rows.flatMap((row) => toItem(row) ?? []), paginationToken: nextPageToken(page, pageNumber, PICKER_PAGE_SIZE) };
}

/** A row as a picker item: its `idField` as the value, `name` (or the ID) as the label; undefined without an ID. */
function itemOf(row: IDataObject, idField: string, name: unknown): INodeListSearchItems | undefined {
	const id = row[idField];
	return typeof id === 'string' ? { name: String(name ?? id), value: id } : undefined;
}

export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFromToken(paginationToken);
	const page = await companySearchPage(new KeepnetSession(this), { text: filter ?? '', pageNumber, pageSize: PICKER_PAGE_SIZE });
	return {
		results: page.rows.flatMap((company) => itemOf(company, 'companyResourceId', company.companyName) ?? []),
		paginationToken: nextPageToken(page, pageNumber, PICKER_PAGE_SIZE),
	};
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
	const spec = {
		path: '/api/target-groups/search',
		body: { filter: buildFilter([], filter ?? '', ['Name']), orderBy: 'Name', ascending: true, systemGeneratedGroups: true },
		companyId: selectedCompanyId(this),
	};
	return await pickerPage(this, spec, paginationToken, (group) => itemOf(group, 'resourceId', group.name));
}

/** Trainings of Keepnet's catalogue as the selected company sees it (POST /api/trainings/search), by name. */
export async function searchTrainings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const spec = { path: TRAINING_CATALOGUE_SEARCH.path, body: trainingSearchBody(filter ?? ''), companyId: selectedCompanyId(this) };
	return await pickerPage(this, spec, paginationToken, (training) => itemOf(training, 'trainingId', training.trainingName));
}

/** Training enrollments of the selected company, newest first, by name. */
export async function searchEnrollments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const pageNumber = pageNumberFromToken(paginationToken);
	const companyId = selectedCompanyId(this);
	// DOCS want x-ir-company-id as well on this one search (docs/keepnet-api.md#company-scope-headers), as the Get Many operation sends it.
	const data = await new KeepnetSession(this).request<PagedResults<IDataObject> | undefined>({
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
	});
	const page = fetchedPage(data);
	return {
		results: page.rows.flatMap((enrollment) => itemOf(enrollment, 'enrollmentId', enrollment.name) ?? []),
		paginationToken: nextPageToken(page, pageNumber, PICKER_PAGE_SIZE),
	};
}

/** Phishing scenarios the selected company can send, by name. */
export async function searchPhishingScenarios(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const spec = { path: SCENARIO_CATALOGUE_SEARCH.path, body: scenarioSearchBody(filter ?? ''), companyId: selectedCompanyId(this) };
	return await pickerPage(this, spec, paginationToken, (scenario) => itemOf(scenario, 'resourceId', scenario.name));
}

/** Campaigns of a simulation channel (POST <campaign base>/search) for the selected company, newest first, by name. */
async function searchSimulationCampaigns(ctx: ILoadOptionsFunctions, path: string, filter: string | undefined, paginationToken: string | undefined): Promise<INodeListSearchResult> {
	const spec = { path, body: { filter: buildFilter([], filter ?? '', ['Name']), orderBy: 'CreateTime', ascending: false }, companyId: selectedCompanyId(ctx) };
	return await pickerPage(ctx, spec, paginationToken, (campaign) => itemOf(campaign, 'resourceId', campaign.name));
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
	const search = { path: spec.path, body: { filter: buildFilter([], filter ?? '', spec.textFields), orderBy: spec.orderBy, ascending: true }, companyId: spec.companyId };
	return await pickerPage(ctx, search, paginationToken, (row) => itemOf(row, 'resourceId', label(row)));
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
	const data = await new KeepnetSession(this).request<IDataObject[] | undefined>({
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
