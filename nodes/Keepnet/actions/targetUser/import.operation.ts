import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { toCsv } from '../../helpers/csv';
import { buildMultipartBody } from '../../helpers/multipart';
import { inputError, keepnetIdList } from '../../helpers/validation';
import { keepnetApiRequest, type KeepnetRunState } from '../../transport/request';
import { buildFilter, searchRecords } from '../../transport/search';
import { MAX_PAGE_SIZE, companyLocator, readCompanyId } from '../common';
import type { BatchOperation } from '../types';
import { readTargetUserFields } from './create.operation';
import { mappingModeNotice, mappingModeProperty, targetUserBodyFromFields, targetUserOptionalFields } from './fields';

const displayOptions = { show: { resource: ['targetUser'], operation: ['import'] } };
const mappedBelow = { show: { ...displayOptions.show, mappingMode: ['defineBelow'] } };

/** Columns of the file handed to Keepnet: CSV header → the body field it carries → Keepnet's mapping field. */
const IMPORT_COLUMNS = [
	{ header: 'Email', field: 'email' },
	{ header: 'PhoneNumber', field: 'phoneNumber' },
	{ header: 'FirstName', field: 'firstName' },
	{ header: 'LastName', field: 'lastName' },
	{ header: 'Department', field: 'department' },
	{ header: 'Priority', field: 'priority' },
	{ header: 'ManagerFirstName', field: 'managerFirstName' },
	{ header: 'ManagerLastName', field: 'managerLastName' },
	{ header: 'ManagerEmail', field: 'managerEmail' },
	{ header: 'TimeZone', field: 'timeZoneId' },
	{ header: 'PreferredLanguage', field: 'preferredLanguageId' },
] as const;

/** Keepnet's import types, as its web console sends them. */
const IMPORT_MODES = ['ImportAll', 'OnlyNew', 'OnlyUpdateExisting'] as const;
type ImportMode = (typeof IMPORT_MODES)[number];

/** Polling of Keepnet's asynchronous steps: quick at first (small files finish at once), then every 2.5 s like its web console. */
const POLL_FIRST_DELAY_MS = 25;
const POLL_MAX_DELAY_MS = 2500;
const DEFAULT_MAX_WAIT_SECONDS = 600;

const importableOptionalFields = targetUserOptionalFields.filter(
	(field) => field.name !== 'isActive' && field.name !== 'targetGroupIds',
);

const description: INodeProperties[] = [
	{
		displayName:
			'Sends all input items to Keepnet as one file through its bulk import: thousands of users in a handful of requests. Each output item says whether its row was created, updated, skipped or invalid.',
		name: 'importNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	companyLocator(displayOptions),
	mappingModeProperty(['import'], 'autoMapInputData'),
	mappingModeNotice(['import']),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. jane.doe@example.com',
		default: '',
		required: true,
		description: 'Email of the user in this row; users are matched by email, so an existing one is updated',
		displayOptions: mappedBelow,
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		placeholder: 'e.g. +441234567890',
		default: '',
		description: 'Phone number with country code (max 20 characters)',
		displayOptions: mappedBelow,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: importableOptionalFields,
		displayOptions: mappedBelow,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Group Names or IDs',
				name: 'targetGroupIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
				default: [],
				description:
					'Target groups every imported user is added to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Import Mode',
				name: 'importMode',
				type: 'options',
				options: [
					{ name: 'Create New and Update Existing', value: 'ImportAll' },
					{ name: 'Only Create New Users', value: 'OnlyNew' },
					{ name: 'Only Update Existing Users', value: 'OnlyUpdateExisting' },
				],
				default: 'ImportAll',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 10 },
				default: DEFAULT_MAX_WAIT_SECONDS,
				description: 'How long to wait for Keepnet to process the file before giving up',
			},
		],
	},
];

interface ImportRow {
	itemIndex: number;
	email: string;
	body: IDataObject;
}

type RowOutcome = { outcome: 'created' | 'updated' | 'skipped' | 'invalid' | 'failed'; reason?: string; resourceId?: string };

interface ImportSettings {
	companyId: string;
	mode: ImportMode;
	targetGroupIds: string[];
	maxWaitMs: number;
}

function readSettings(ctx: IExecuteFunctions): ImportSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const mode = (options.importMode ?? 'ImportAll') as string;
	if (!IMPORT_MODES.includes(mode as ImportMode)) {
		throw inputError(ctx, 0, `Import Mode "${mode}" is not one Keepnet knows`, `Use one of: ${IMPORT_MODES.join(', ')}.`);
	}
	const maxWaitSeconds = Number(options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS);
	return {
		companyId: readCompanyId(ctx, 0),
		mode: mode as ImportMode,
		targetGroupIds: keepnetIdList(ctx, options.targetGroupIds ?? [], 'Target Group', 0),
		maxWaitMs: Math.max(10, Number.isFinite(maxWaitSeconds) ? maxWaitSeconds : DEFAULT_MAX_WAIT_SECONDS) * 1000,
	};
}

function isExpression(parameter: unknown): boolean {
	const value = parameter !== null && typeof parameter === 'object' ? (parameter as { value?: unknown }).value : parameter;
	return typeof value === 'string' && value.startsWith('=');
}

/** Reads and checks every row; rows that cannot be valid never go into the file. */
function readRows(ctx: IExecuteFunctions, items: INodeExecutionData[], settings: ImportSettings) {
	const continueOnFail = ctx.continueOnFail();
	const rows: ImportRow[] = [];
	const refused = new Map<number, RowOutcome>();
	const firstItemByEmail = new Map<string, number>();
	// A fixed Company is the same for every item; only an expression can differ per item.
	const companyPerItem = isExpression(ctx.getNode().parameters.companyId);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let rowFailed = false;
		let rowError: unknown;
		try {
			if (companyPerItem && readCompanyId(ctx, itemIndex) !== settings.companyId) {
				throw inputError(ctx, itemIndex, 'Company differs from the first item', 'A bulk import goes to one company: use the same Company for all items, or split the items per company.');
			}
			// Rows may update existing users, so the stricter update limits apply.
			const fields = readTargetUserFields(ctx, itemIndex, false);
			delete fields.isActive; // Keepnet's import has no column for it
			const body = targetUserBodyFromFields(ctx, fields, itemIndex, 'update');
			const email = String(body.email);
			const key = email.toLowerCase();
			const earlier = firstItemByEmail.get(key);
			if (earlier !== undefined) {
				refused.set(itemIndex, { outcome: 'invalid', reason: `Same email as item ${earlier}; each user can appear once in an import` });
				continue;
			}
			firstItemByEmail.set(key, itemIndex);
			rows.push({ itemIndex, email, body });
		} catch (error) {
			rowFailed = true;
			rowError = error;
		}
		if (!rowFailed) continue;
		// The checks above raise NodeOperationErrors that name the item and the field: passed on unchanged.
		if (!continueOnFail) throw rowError;
		refused.set(itemIndex, { outcome: 'invalid', reason: rowError instanceof Error ? rowError.message : String(rowError) });
	}
	return { rows, refused };
}

function importFile(rows: ImportRow[]): { csv: Buffer; headers: string[] } {
	const used = IMPORT_COLUMNS.filter((column) => rows.some((row) => row.body[column.field] !== undefined));
	const csv = toCsv(
		used.map((column) => column.header),
		rows.map((row) => used.map((column) => (row.body[column.field] === undefined ? '' : String(row.body[column.field])))),
	);
	return { csv, headers: used.map((column) => column.header) };
}

/** Polls until `isDone` says so, waiting a little longer each time, within the overall deadline. */
async function pollUntil<T>(
	ctx: IExecuteFunctions,
	what: string,
	deadline: number,
	fetch: () => Promise<T>,
	isDone: (value: T) => boolean,
): Promise<T> {
	let delay = POLL_FIRST_DELAY_MS;
	for (;;) {
		const value = await fetch();
		if (isDone(value)) return value;
		if (Date.now() + delay > deadline) {
			throw new NodeOperationError(ctx.getNode(), `Keepnet did not finish ${what} in time`, {
				description: 'The import may still complete in Keepnet. Check its job log, or raise Options → Max Wait (Seconds).',
			});
		}
		await sleep(delay);
		delay = Math.min(delay * 2, POLL_MAX_DELAY_MS);
	}
}

function rowReason(row: IDataObject): string {
	const details = Array.isArray(row.validationDetail) ? (row.validationDetail as IDataObject[]) : [];
	const text = details
		.map((detail) => [detail.fieldName, detail.message].filter((part) => typeof part === 'string' && part !== '').join(': '))
		.filter((part) => part !== '')
		.join('; ');
	return text === '' ? 'Keepnet marked the row as invalid' : text;
}

async function runImport(ctx: IExecuteFunctions, state: KeepnetRunState, settings: ImportSettings, rows: ImportRow[]) {
	const { companyId } = settings;
	const deadline = Date.now() + settings.maxWaitMs;
	const getStatus = async (path: string): Promise<IDataObject> =>
		(await keepnetApiRequest<IDataObject | undefined>(ctx, state, { method: 'GET', path, companyId, retry: 'safe' })) ?? {};
	const { csv, headers } = importFile(rows);
	const upload = buildMultipartBody({}, { File: { filename: 'n8n-target-users.csv', contentType: 'text/csv', data: csv } });
	const uploaded = await keepnetApiRequest<IDataObject | undefined>(ctx, state, {
		method: 'POST',
		path: '/api/target-users/upload',
		body: upload.body,
		headers: { 'Content-Type': upload.contentType },
		companyId,
		retry: 'safe', // an upload only stages the file; nothing is imported until the last step
	});
	const transactionId = String(uploaded?.transactionId ?? '');
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(transactionId)) {
		throw new NodeOperationError(ctx.getNode(), 'Keepnet accepted the import file but returned no usable transaction ID');
	}

	const mapping = await keepnetApiRequest<IDataObject | undefined>(ctx, state, {
		method: 'POST',
		path: '/api/target-users/create-mapping',
		body: {
			transactionId,
			fieldMappings: headers.map((header) => ({ excelColumnName: header, fieldName: header })),
			targetGroupResourceIds: settings.targetGroupIds,
		},
		companyId,
		retry: 'safe',
	});
	const mappingJobId = String(mapping?.resourceId ?? '');
	const mappingJob = await pollUntil(
		ctx,
		'checking the import file',
		deadline,
		async () => await getStatus(`/api/target-users/mapping-job/${encodeURIComponent(mappingJobId)}`),
		(job) => job.status === 'Finished' || job.status === 'FinishedWithError',
	);

	// Keepnet's verdict for each row: New, Exists (an update) or Error with the reasons.
	const preview = await searchRecords<IDataObject>(
		ctx,
		state,
		{
			path: `/api/target-users/${transactionId}/search`,
			body: { filter: buildFilter([{ FieldName: 'Status', Operator: 'Include', Value: 'New,Exists,Error' }]), orderBy: 'CreateTime', ascending: true },
			companyId,
			pageIn: 'items',
		},
		Number.POSITIVE_INFINITY,
		MAX_PAGE_SIZE,
	);

	const started = await keepnetApiRequest<IDataObject | undefined>(ctx, state, {
		method: 'POST',
		path: `/api/target-users/${transactionId}/import`,
		body: { importType: settings.mode, selectedResourceIds: [] },
		companyId,
		retry: 'never',
	});
	const jobId = String(started?.resourceId ?? '');
	const job = await pollUntil(
		ctx,
		'importing the users',
		deadline,
		async () => await getStatus(`/api/jobs/${encodeURIComponent(jobId)}`),
		(current) => current.isFinished === true,
	);
	return { transactionId, jobId, mappingJob, preview, job };
}

function failedEmails(job: IDataObject): Map<string, string> {
	const failed = new Map<string, string>();
	const results = Array.isArray(job.processResults) ? (job.processResults as IDataObject[]) : [];
	for (const result of results) {
		const errors = Array.isArray(result.processErrors) ? (result.processErrors as IDataObject[]) : [];
		for (const error of errors) {
			if (typeof error.inputData === 'string') failed.set(error.inputData.toLowerCase(), String(error.errorMessage ?? 'Import failed'));
		}
	}
	return failed;
}

function outcomeOf(previewRow: IDataObject | undefined, mode: ImportMode, failure: string | undefined): RowOutcome {
	if (previewRow?.status === 'Error') return { outcome: 'invalid', reason: rowReason(previewRow) };
	if (failure !== undefined) return { outcome: 'failed', reason: failure };
	if (!previewRow) return { outcome: 'failed', reason: 'Keepnet did not report this row back' };
	if (previewRow.status === 'Exists') return mode === 'OnlyNew' ? { outcome: 'skipped', reason: 'User exists; Import Mode only creates new users' } : { outcome: 'updated' };
	return mode === 'OnlyUpdateExisting' ? { outcome: 'skipped', reason: 'User does not exist; Import Mode only updates existing users' } : { outcome: 'created' };
}

/**
 * Target User → Import (bulk): all input items become one CSV file that goes through Keepnet's import
 * flow (upload, column mapping, mapping job, preview, import job). Output: one item per input item with
 * its outcome (created, updated, skipped, invalid with the reason, failed), paired to that item.
 */
export const importTargetUsers: BatchOperation = {
	kind: 'batch',
	description,
	async execute(items, state) {
		if (items.length === 0) return [];
		const settings = readSettings(this);
		const { rows, refused } = readRows(this, items, settings);
		const outcomes = new Map<number, RowOutcome>(refused);
		let importIds: IDataObject = {};
		if (rows.length > 0) {
			const result = await runImport(this, state, settings, rows);
			importIds = { transactionId: result.transactionId, importJobId: result.jobId };
			const previewByEmail = new Map(result.preview.map((row) => [String(row.email ?? '').toLowerCase(), row]));
			const failures = failedEmails(result.job);
			for (const row of rows) {
				const key = row.email.toLowerCase();
				outcomes.set(row.itemIndex, outcomeOf(previewByEmail.get(key), settings.mode, failures.get(key)));
			}
		}
		const rowByItem = new Map(rows.map((row) => [row.itemIndex, row]));
		return items.map((_item, itemIndex) => {
			const row = rowByItem.get(itemIndex);
			const outcome = outcomes.get(itemIndex) ?? { outcome: 'failed' as const, reason: 'Not processed' };
			return {
				json: { ...(row?.body ?? {}), companyId: settings.companyId, ...outcome, ...importIds },
				pairedItem: { item: itemIndex },
			};
		});
	},
};
