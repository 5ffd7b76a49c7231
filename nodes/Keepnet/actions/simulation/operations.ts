import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryPropertyNameProperty, EXPORT_FORMATS, type ExportFormat, fileFormatProperty, LIST_FORMATS, readExportFormat, safeFileName } from '../../helpers/exportFile';
import { companyLocator, filtersCollection, optionsCollection, recordLocator, returnAllAndLimit, searchTextFilter, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readBinaryPropertyName, readCompanyId, readPaging } from '../../helpers/parameters';
import { inputError, optionalString } from '../../helpers/validation';
import { baseContentType } from '../../transport/request';
import { buildFilter } from '../../transport/search';
import { readCampaignTarget, readRun, simplifyReportRow, type CampaignTarget } from '../phishingCampaign/body';
import { optionalDate } from '../trainingEnrollment/body';
import { searchOperation } from '../searchOperation';
import type { ItemOperation, OperationModule } from '../types';
import { channelCampaignNotFound, getRunSummary, listChannelRuns, resolveRunNumber, searchRunsAcrossCampaigns, simplifyRunRow, simplifyRunSummary, type RunWindow } from './api';
import { RUN_STATUSES, type ChannelSpec } from '../../helpers/simulationChannels';
import type { KeepnetSession } from '../../transport/session';

/**
 * The read operations of a simulation channel, built once per channel (phishing, smishing, quishing) from its
 * ChannelSpec: the editor fields are the same for every channel (the registry shows them under the channel's resource),
 * the handlers carry the channel's paths.
 */

export function campaignLocatorFor(spec: Pick<ChannelSpec, 'searchListMethod' | 'noun'>): INodeProperties {
	return recordLocator({
		name: 'campaignId',
		displayName: 'Campaign',
		searchListMethod: spec.searchListMethod,
		description: `The ${spec.noun}, searchable by name within the selected company`,
	});
}

/** Which run ("campaign job", identified by its instanceGroup number) an operation acts on. */
export function runFieldsFor(): INodeProperties[] {
	return [
		{
			displayName: 'Run',
			name: 'run',
			type: 'options',
			options: [
				{ name: 'Latest Run', value: 'latest', description: 'The run started last' },
				{ name: 'Run Number', value: 'number', description: 'A run by its number (instance group)' },
			],
			default: 'latest',
			description: 'Each start of a campaign makes a new run',
		},
		{
			displayName: 'Run Number',
			name: 'instanceGroup',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: "The run's instance group number (Get Runs lists them)",
			displayOptions: { show: { run: ['number'] } },
		},
	];
}

/** Report option of Get Report and Get Report File: Keepnet leaves scanner (bot) activity out unless asked. */
export const includeBotActivityOption: INodeProperties = {
	displayName: 'Include Bot Activity',
	name: 'includeBotActivity',
	type: 'boolean',
	default: false,
	description: 'Whether opens and clicks by mail-security scanners (bots, sandboxes) count, not only human ones',
};

async function runOf(ctx: IExecuteFunctions, session: KeepnetSession, spec: ChannelSpec, target: CampaignTarget, instanceGroup: number | undefined, itemIndex: number): Promise<number> {
	return await resolveRunNumber(ctx, async () => await listChannelRuns(session, spec, target.companyId, target.campaignId, itemIndex), spec.label, target.campaignId, instanceGroup, itemIndex);
}

const runNotFound = (spec: ChannelSpec, target: CampaignTarget, instanceGroup: number) => `run ${instanceGroup} of ${channelCampaignNotFound(spec, target.companyId, target.campaignId)}`;

// -----------------------------------------------------------------------------------------------------------------
// Get Many (campaigns)

export const SIMPLIFIED_CHANNEL_CAMPAIGN_FIELDS = ['resourceId', 'name', 'status', 'instanceGroup', 'instanceCount', 'scenarioCount', 'targetUsers', 'createTime', 'lastLaunch', 'createdBy', 'templateType'] as const;

export function campaignsOperation(spec: Pick<ChannelSpec, 'resource' | 'campaignBase'>): OperationModule {
	return searchOperation({
		path: `${spec.campaignBase}/search`,
		searchText: { fields: ['Name'], placeholder: 'e.g. parcel', description: 'Only campaigns whose name contains this text', max: 200 },
		sort: {
			fields: [
				{ name: 'Create Time', value: 'CreateTime' },
				{ name: 'Name', value: 'Name' },
				{ name: 'Status', value: 'Status' },
			],
			default: 'CreateTime',
		},
		simplify: SIMPLIFIED_CHANNEL_CAMPAIGN_FIELDS,
	});
}

// -----------------------------------------------------------------------------------------------------------------
// Get Runs (every campaign)

/** The Started After / Started Before / Status filters of Get Runs, checked before any request. */
export function readRunWindow(ctx: IExecuteFunctions, filters: IDataObject, itemIndex: number): RunWindow {
	const from = optionalDate(ctx, filters.startedAfter, 'Filters → Started After', itemIndex);
	const to = optionalDate(ctx, filters.startedBefore, 'Filters → Started Before', itemIndex);
	const fromMs = from === undefined ? undefined : Date.parse(from);
	const toMs = to === undefined ? undefined : Date.parse(to);
	if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) {
		throw inputError(ctx, itemIndex, 'Filters → Started Before is not after Started After', 'Set Started Before to a later date than Started After, or leave one of them empty.');
	}
	const statuses = Array.isArray(filters.status) ? filters.status.map((status) => String(status)) : [];
	for (const status of statuses) {
		if (!(RUN_STATUSES as readonly string[]).includes(status)) throw inputError(ctx, itemIndex, `Filters → Status "${status}" is not a run status`, `Use some of: ${RUN_STATUSES.join(', ')}.`);
	}
	return { fromMs, toMs, statuses: statuses.map((status) => status.toLowerCase()) };
}

export const runWindowFilters: INodeProperties[] = [
	searchTextFilter('e.g. quarterly', 'Only runs of campaigns whose name contains this text'),
	{
		displayName: 'Started After',
		name: 'startedAfter',
		type: 'dateTime',
		default: '',
		description: 'Only runs that started at or after this time',
	},
	{
		displayName: 'Started Before',
		name: 'startedBefore',
		type: 'dateTime',
		default: '',
		description: 'Only runs that started before this time',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: RUN_STATUSES.map((status) => ({ name: status, value: status })),
		default: [],
		description: 'Only runs in these statuses',
	},
];

export function runsOperation(spec: ChannelSpec): OperationModule {
	const description: INodeProperties[] = [companyLocator(), ...returnAllAndLimit(), simplifyToggle(), filtersCollection(runWindowFilters)];
	const handler: ItemOperation<{ companyId: string; searchText: string; window: RunWindow; limit: number; simplify: boolean }> = {
		kind: 'item',
		acrossCompanies: true,
		concurrent: false,
		prepare(itemIndex, session) {
			const companyId = readCompanyId(session, itemIndex);
			const { limit } = readPaging(this, itemIndex);
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 200 }) ?? '';
			return { companyId, limit, searchText, window: readRunWindow(this, filters, itemIndex), simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
		},
		async run(prepared, itemIndex, session) {
			const rows = await searchRunsAcrossCampaigns(session, `${spec.reportBase}/search`, prepared.companyId, prepared.searchText, prepared.window, prepared.limit, itemIndex);
			return rows.map((row) => ({ json: prepared.simplify ? { channel: spec.channel, ...simplifyRunRow(row, spec) } : row }));
		},
	};
	return { description, handler };
}

// -----------------------------------------------------------------------------------------------------------------
// Get Run Summary

export function runSummaryOperation(spec: ChannelSpec): OperationModule {
	const description: INodeProperties[] = [companyLocator(), campaignLocatorFor(spec), ...runFieldsFor(), simplifyToggle()];
	const handler: ItemOperation<CampaignTarget & { instanceGroup: number | undefined; simplify: boolean }> = {
		kind: 'item',
		concurrent: false,
		prepare(itemIndex, session) {
			return { ...readCampaignTarget(this, session, itemIndex), instanceGroup: readRun(this, itemIndex), simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
		},
		identifyBy: ['campaignId'],
		async run(prepared, itemIndex, session) {
			const instanceGroup = await runOf(this, session, spec, prepared, prepared.instanceGroup, itemIndex);
			const summary = await getRunSummary(session, `${spec.reportBase}/summary/${prepared.campaignId}/${instanceGroup}`, prepared.companyId, runNotFound(spec, prepared, instanceGroup), itemIndex);
			const head = { channel: spec.channel, campaignId: prepared.campaignId, instanceGroup };
			return [{ json: prepared.simplify ? { ...head, ...simplifyRunSummary(summary) } : { ...head, ...summary } }];
		},
	};
	return { description, handler };
}

// -----------------------------------------------------------------------------------------------------------------
// Get Report (users of a run by behaviour)

export function reportOperation(spec: ChannelSpec): OperationModule {
	const searchTypes = spec.reportUsers.map((option) => option.value);
	const description: INodeProperties[] = [
		companyLocator(),
		campaignLocatorFor(spec),
		...runFieldsFor(),
		{
			displayName: 'Users',
			name: 'searchType',
			type: 'options',
			options: spec.reportUsers,
			default: 'all',
			description: 'Which users of the run to list',
		},
		...returnAllAndLimit(),
		simplifyToggle(),
		optionsCollection([
			includeBotActivityOption,
			{ displayName: 'Search Text', name: 'searchText', type: 'string', default: '', placeholder: 'e.g. jane', description: 'Free text matched against first name, last name and email' },
		]),
	];
	const handler: ItemOperation<CampaignTarget & { instanceGroup: number | undefined; searchType: string; body: IDataObject; limit: number; simplify: boolean }> = {
		kind: 'item',
		concurrent: false,
		prepare(itemIndex, session) {
			const target = readCampaignTarget(this, session, itemIndex);
			const searchType = this.getNodeParameter('searchType', itemIndex, 'all') as string;
			if (!searchTypes.includes(searchType)) {
				throw inputError(this, itemIndex, `Users "${searchType}" is not one the node knows for a ${spec.noun}`, `Use one of: ${searchTypes.join(', ')}.`);
			}
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const searchText = optionalString(this, options.searchText, 'Options → Search Text', itemIndex, { max: 256 }) ?? '';
			const { limit } = readPaging(this, itemIndex);
			return {
				...target,
				instanceGroup: readRun(this, itemIndex),
				searchType,
				limit,
				simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
				// activityType 0 = human activity only (web app default), 2 = with bot/sandbox activity (docs/keepnet-api.md#per-behaviour-user-reports).
				body: { filter: buildFilter([], searchText, ['FirstName', 'LastName', 'Email']), orderBy: 'Email', ascending: true, activityType: options.includeBotActivity === true ? 2 : 0 },
			};
		},
		identifyBy: ['campaignId'],
		async run(prepared, itemIndex, session) {
			const instanceGroup = await runOf(this, session, spec, prepared, prepared.instanceGroup, itemIndex);
			const rows = await session.search<IDataObject>(
				{
					path: `${spec.reportBase}/${prepared.searchType}/search/${prepared.campaignId}/${instanceGroup}`,
					body: prepared.body,
					companyId: prepared.companyId,
					itemIndex,
					notFoundSubject: runNotFound(spec, prepared, instanceGroup),
				},
				prepared.limit,
				MAX_PAGE_SIZE,
			);
			return rows.map((row) => ({ json: { campaignId: prepared.campaignId, instanceGroup, ...(prepared.simplify ? simplifyReportRow(row) : row) } }));
		},
	};
	return { description, handler };
}

// -----------------------------------------------------------------------------------------------------------------
// Get Report File (GET …/export/{id}/{run})

/**
 * What Keepnet serves a run report as (its format is not documented: a spreadsheet or CSV). Anything else, such as
 * a proxy's HTML page answered with 200, is an error rather than a report file.
 */
const REPORT_FILE_TYPES = [
	'text/csv',
	'application/csv',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.ms-excel',
	'application/octet-stream',
] as const;

/** The file name Keepnet gives in Content-Disposition (passed through `redact`, as it is built from the answer), else one of our own. */
export function fileNameOf(contentDisposition: string | undefined, fallback: string, redact: (text: string) => string): string {
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '');
	let name = '';
	try {
		name = match ? decodeURIComponent(match[1]).trim() : '';
	} catch {
		name = ''; // not valid percent-encoding: our own name instead
	}
	return redact(name === '' ? fallback : name).replace(/[\\/:*?"<>|]/g, '_');
}

export function reportFileOperation(spec: ChannelSpec): OperationModule {
	const description: INodeProperties[] = [
		companyLocator(),
		campaignLocatorFor(spec),
		...runFieldsFor(),
		binaryPropertyNameProperty(),
		optionsCollection([includeBotActivityOption]),
	];
	const handler: ItemOperation<CampaignTarget & { instanceGroup: number | undefined; binaryPropertyName: string; excludeBotActivity: boolean }> = {
		kind: 'item',
		concurrent: false,
		prepare(itemIndex, session) {
			const binaryPropertyName = readBinaryPropertyName(this, itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as { includeBotActivity?: boolean };
			return { ...readCampaignTarget(this, session, itemIndex), instanceGroup: readRun(this, itemIndex), binaryPropertyName, excludeBotActivity: options.includeBotActivity !== true };
		},
		identifyBy: ['campaignId'],
		async run(prepared, itemIndex, session) {
			const instanceGroup = await runOf(this, session, spec, prepared, prepared.instanceGroup, itemIndex);
			const file = await session.binary({
				method: 'GET',
				path: `${spec.reportBase}/export/${prepared.campaignId}/${instanceGroup}?excludeBotActivity=${String(prepared.excludeBotActivity)}`,
				companyId: prepared.companyId,
				retry: 'safe',
				itemIndex,
				notFoundSubject: runNotFound(spec, prepared, instanceGroup),
				fileTypes: REPORT_FILE_TYPES,
			});
			// The file format is not documented: its type is taken from Content-Type as served (one of REPORT_FILE_TYPES).
			const mimeType = baseContentType(file.headers);
			const extension = mimeType.includes('csv') ? 'csv' : mimeType.includes('sheet') || mimeType.includes('excel') ? 'xlsx' : 'bin';
			const redact = await session.answerTextRedactor();
			const fileName = fileNameOf(file.headers['content-disposition'], `${spec.label} report ${prepared.campaignId} run ${instanceGroup}.${extension}`, redact);
			const binary = await this.helpers.prepareBinaryData(file.body, fileName, mimeType);
			return [
				{
					json: { campaignId: prepared.campaignId, companyId: prepared.companyId, instanceGroup, fileName, mimeType, fileSize: file.body.length },
					binary: { [prepared.binaryPropertyName]: binary },
				},
			];
		},
	};
	return { description, handler };
}

// -----------------------------------------------------------------------------------------------------------------
// Export (campaign list or run list, as a file)

/** Keepnet's export types (as its web console sends them) and the file each one produces. */
export const LIST_EXPORT_FORMATS = {
	csv: { exportType: 'CSV', extension: 'csv', mimeType: 'text/csv' },
	excel: { exportType: 'Excel', extension: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const;
export function listExportOperation(spec: ChannelSpec): OperationModule {
	const description: INodeProperties[] = [
		companyLocator(),
		{
			displayName: 'List',
			name: 'list',
			type: 'options',
			options: [
				{ name: 'Campaigns', value: 'campaigns', description: 'The campaign list, as Get Many reads it' },
				{ name: 'Runs', value: 'runs', description: 'Every run of every campaign, with its totals, as Get Runs reads it' },
			],
			default: 'campaigns',
			description: 'Which list to export',
		},
		fileFormatProperty(LIST_FORMATS),
		binaryPropertyNameProperty(),
		filtersCollection([searchTextFilter('e.g. quarterly', 'Only campaigns (or runs of campaigns) whose name contains this text')]),
		optionsCollection([
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. phishing-campaigns',
				description: `Name of the file without extension. Defaults to "${spec.label} Campaigns" or "${spec.label} Runs" and the company ID.`,
			},
		]),
	];
	const handler: ItemOperation<{ companyId: string; list: 'campaigns' | 'runs'; format: ExportFormat; binaryPropertyName: string; fileName: string; body: IDataObject }> = {
		kind: 'item',
		acrossCompanies: true,
		concurrent: false,
		prepare(itemIndex, session) {
			const companyId = readCompanyId(session, itemIndex);
			const list = this.getNodeParameter('list', itemIndex, 'campaigns') as string;
			if (list !== 'campaigns' && list !== 'runs') throw inputError(this, itemIndex, `List "${list}" is not one the node can export`, 'Choose Campaigns or Runs.');
			const format = readExportFormat(this, itemIndex, LIST_FORMATS);
			const binaryPropertyName = readBinaryPropertyName(this, itemIndex);
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 200 }) ?? '';
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const chosen = optionalString(this, options.fileName, 'Options → File Name', itemIndex, { max: 200 });
			const exportFormat = EXPORT_FORMATS[format];
			return {
				companyId,
				list,
				format,
				binaryPropertyName,
				fileName: `${chosen === undefined ? `${spec.label} ${list === 'campaigns' ? 'Campaigns' : 'Runs'} ${companyId}` : safeFileName(chosen)}.${exportFormat.extension}`,
				// The list's own search body plus reportAllPages and exportType (docs/results-reporting.md#run-summary-and-run-list); runs sort by CreatedDate (web app).
				body: {
					filter: buildFilter([], searchText, ['Name']),
					pageNumber: 1,
					pageSize: 10,
					orderBy: list === 'campaigns' ? 'CreateTime' : 'CreatedDate',
					ascending: false,
					reportAllPages: true,
					exportType: exportFormat.exportType,
				},
			};
		},
		async run(prepared, itemIndex, session) {
			const file = await session.binary({
				method: 'POST',
				path: prepared.list === 'campaigns' ? `${spec.campaignBase}/search/export` : `${spec.reportBase}/search/export`,
				body: prepared.body,
				companyId: prepared.companyId,
				retry: 'safe',
				itemIndex,
			});
			const format = EXPORT_FORMATS[prepared.format];
			const binary = await this.helpers.prepareBinaryData(file.body, prepared.fileName, format.mimeType);
			return [
				{
					json: { companyId: prepared.companyId, list: prepared.list, fileName: prepared.fileName, fileFormat: prepared.format, fileSize: file.body.length },
					binary: { [prepared.binaryPropertyName]: binary },
				},
			];
		},
	};
	return { description, handler };
}
