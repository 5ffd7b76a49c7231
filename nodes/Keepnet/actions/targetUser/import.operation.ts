import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { toCsv } from '../../helpers/csv';
import { buildMultipartBody } from '../../helpers/multipart';
import { inputError, keepnetIdList } from '../../helpers/validation';
import { keepnetApiRequest, writeOutcomeInDoubt, type KeepnetRunState } from '../../transport/request';
import { buildFilter, searchRecords } from '../../transport/search';
import { MAX_PAGE_SIZE, compact, companyLocator, readCompanyId } from '../common';
import type { BatchOperation } from '../types';
import { readTargetUserFields } from './create.operation';
import { mappingModeProperty, targetUserBodyFromFields, targetUserOptionalFields } from './fields';

const displayOptions = { show: { resource: ['targetUser'], operation: ['import'] } };
const mappedBelow = { show: { ...displayOptions.show, mappingMode: ['defineBelow'] } };

/**
 * Columns of the file handed to Keepnet: CSV header → the body field it carries → the mapping `fieldName`
 * Keepnet maps it to (contract §2.11: the PascalCase names its web client sends). The language column is
 * the exception: Keepnet's client maps it by its label "Preferred Language" (the value is the language
 * lookup ID), since PreferredLanguage is not a target-user field Keepnet maps.
 */
const IMPORT_COLUMNS = [
	{ header: 'Email', field: 'email', mapping: 'Email' },
	{ header: 'PhoneNumber', field: 'phoneNumber', mapping: 'PhoneNumber' },
	{ header: 'FirstName', field: 'firstName', mapping: 'FirstName' },
	{ header: 'LastName', field: 'lastName', mapping: 'LastName' },
	{ header: 'Department', field: 'department', mapping: 'Department' },
	{ header: 'Priority', field: 'priority', mapping: 'Priority' },
	{ header: 'ManagerFirstName', field: 'managerFirstName', mapping: 'ManagerFirstName' },
	{ header: 'ManagerLastName', field: 'managerLastName', mapping: 'ManagerLastName' },
	{ header: 'ManagerEmail', field: 'managerEmail', mapping: 'ManagerEmail' },
	{ header: 'TimeZone', field: 'timeZoneId', mapping: 'TimeZone' },
	{ header: 'Preferred Language', field: 'preferredLanguageId', mapping: 'Preferred Language' },
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
				displayName: 'Add to Target Group Names or IDs',
				name: 'targetGroupIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTargetGroups', loadOptionsDependsOn: ['companyId.value'] },
				default: [],
				description:
					'Groups every imported user is put in. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
				displayName: 'Stop on Invalid Row',
				name: 'stopOnInvalidRow',
				type: 'boolean',
				default: false,
				description:
					'Whether one invalid row (e.g. a malformed email) stops the whole import before anything is sent. Off: the valid rows are imported and each invalid one is reported as outcome "invalid" with the reason.',
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

type RowOutcome = { outcome: 'created' | 'updated' | 'skipped' | 'invalid' | 'failed' | 'unknown'; reason?: string; resourceId?: string; email?: string };

interface ImportSettings {
	companyId: string;
	mode: ImportMode;
	targetGroupIds: string[];
	maxWaitMs: number;
	stopOnInvalidRow: boolean;
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
		stopOnInvalidRow: options.stopOnInvalidRow === true,
	};
}

function isExpression(parameter: unknown): boolean {
	const value = parameter !== null && typeof parameter === 'object' ? (parameter as { value?: unknown }).value : parameter;
	return typeof value === 'string' && value.startsWith('=');
}

/** Reads and checks every row; rows that cannot be valid never go into the file. */
function readRows(ctx: IExecuteFunctions, items: INodeExecutionData[], settings: ImportSettings) {
	const stopOnInvalid = settings.stopOnInvalidRow && !ctx.continueOnFail();
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
				refused.set(itemIndex, { outcome: 'invalid', reason: `Same email as item ${earlier}; each user can appear once in an import`, email });
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
		if (stopOnInvalid) throw rowError;
		refused.set(itemIndex, { outcome: 'invalid', reason: rowError instanceof Error ? rowError.message : String(rowError), email: rawEmailOf(ctx, items[itemIndex], itemIndex) });
	}
	return { rows, refused };
}

/** The email of a refused row as it was given (so a report can say which row it was), when there is one. */
function rawEmailOf(ctx: IExecuteFunctions, item: INodeExecutionData | undefined, itemIndex: number): string | undefined {
	let value: unknown;
	try {
		value = readTargetUserFields(ctx, itemIndex, false).email;
	} catch {
		// The row could not even be read (e.g. no email column): fall back to an input field named like one.
		const json = item?.json ?? {};
		value = Object.entries(json).find(([name]) => /^e-?mail([\s_-]?address)?$/i.test(name))?.[1];
	}
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

function importFile(rows: ImportRow[]): { csv: Buffer; columns: Array<(typeof IMPORT_COLUMNS)[number]> } {
	const used = IMPORT_COLUMNS.filter((column) => rows.some((row) => row.body[column.field] !== undefined));
	const csv = toCsv(
		used.map((column) => column.header),
		rows.map((row) => used.map((column) => (row.body[column.field] === undefined ? '' : String(row.body[column.field])))),
	);
	return { csv, columns: used };
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

/**
 * A failure of the import flow, with whether Keepnet may already have written users: false up to the
 * import call (upload, mapping and preview only stage the file), true once the import call may have
 * reached Keepnet (its answer was a 5xx or lost, or it was accepted and following the job failed).
 */
interface ImportFlowFailure {
	message: string;
	cause: unknown;
	mayHaveWritten: boolean;
	ids: { transactionId?: string; importJobId?: string };
}

/** The import job's ID in the answer to POST …/import; SPEC leaves the answer untyped, so each plausible shape is read. */
function importJobIdOf(answer: unknown): string | undefined {
	const candidates: unknown[] = [answer];
	if (answer !== null && typeof answer === 'object') {
		const record = answer as IDataObject;
		candidates.push(record.resourceId, record.jobResourceId, record.jobId, record.id);
	}
	return candidates.find((value): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value));
}

async function runImport(ctx: IExecuteFunctions, state: KeepnetRunState, settings: ImportSettings, rows: ImportRow[]) {
	let transactionId: string | undefined;
	let importJobId: string | undefined;
	let importRequested = false;
	let importAccepted = false;
	try {
		const result = await runImportSteps(ctx, state, settings, rows, {
			transaction: (id) => (transactionId = id),
			importRequested: () => (importRequested = true),
			importAccepted: (id) => {
				importAccepted = true;
				importJobId = id;
			},
		});
		return { ok: true as const, result };
	} catch (error) {
		const failure: ImportFlowFailure = {
			message: error instanceof Error ? error.message : String(error),
			cause: error,
			mayHaveWritten: importAccepted || (importRequested && writeOutcomeInDoubt(error)),
			ids: { transactionId, importJobId },
		};
		return { ok: false as const, failure };
	}
}

async function runImportSteps(
	ctx: IExecuteFunctions,
	state: KeepnetRunState,
	settings: ImportSettings,
	rows: ImportRow[],
	progress: { transaction(id: string): void; importRequested(): void; importAccepted(jobId: string | undefined): void },
) {
	const { companyId } = settings;
	const deadline = Date.now() + settings.maxWaitMs;
	const getStatus = async (path: string): Promise<IDataObject> =>
		(await keepnetApiRequest<IDataObject | undefined>(ctx, state, { method: 'GET', path, companyId, retry: 'safe' })) ?? {};
	const { csv, columns } = importFile(rows);
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
	progress.transaction(transactionId);

	const mapping = await keepnetApiRequest<IDataObject | undefined>(ctx, state, {
		method: 'POST',
		path: '/api/target-users/create-mapping',
		body: {
			transactionId,
			fieldMappings: columns.map((column) => ({ excelColumnName: column.header, fieldName: column.mapping })),
			targetGroupResourceIds: settings.targetGroupIds,
		},
		companyId,
		retry: 'safe',
	});
	const mappingJobId = importJobIdOf(mapping);
	if (mappingJobId === undefined) {
		throw new NodeOperationError(ctx.getNode(), 'Keepnet accepted the column mapping but returned no mapping job ID to follow', {
			description: 'Nothing was imported. Run the import again; if this keeps happening, import the file in the Keepnet console.',
		});
	}
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

	progress.importRequested();
	const started = await keepnetApiRequest<unknown>(ctx, state, {
		method: 'POST',
		path: `/api/target-users/${transactionId}/import`,
		body: { importType: settings.mode, selectedResourceIds: [] },
		companyId,
		retry: 'never',
	});
	const jobId = importJobIdOf(started);
	progress.importAccepted(jobId);
	// Without a job ID there is nothing to follow: the outcome of each row cannot be known here.
	if (jobId === undefined) return { transactionId, jobId, mappingJob, preview, job: undefined };
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

const NO_JOB_ID_REASON =
	"Keepnet started the import but returned no job ID, so this row's result cannot be known here. Check Keepnet's job log (the console's Job Logs, or GET /api/jobs), or look the user up by email (Target User → Get Many).";

function outcomeOf(previewRow: IDataObject | undefined, mode: ImportMode, failure: string | undefined, jobFollowed: boolean): RowOutcome {
	if (previewRow?.status === 'Error') return { outcome: 'invalid', reason: rowReason(previewRow) };
	if (!jobFollowed) {
		const expected = previewRow?.status === 'Exists' ? 'updated' : 'created';
		const skipped = (expected === 'updated' && mode === 'OnlyNew') || (expected === 'created' && mode === 'OnlyUpdateExisting');
		if (!skipped) return { outcome: 'unknown', reason: `${NO_JOB_ID_REASON} Keepnet's preview said it would be ${expected}.` };
	}
	if (failure !== undefined) return { outcome: 'failed', reason: failure };
	if (!previewRow) return { outcome: 'failed', reason: 'Keepnet did not report this row back' };
	if (previewRow.status === 'Exists') return mode === 'OnlyNew' ? { outcome: 'skipped', reason: 'User exists; Import Mode only creates new users' } : { outcome: 'updated' };
	return mode === 'OnlyUpdateExisting' ? { outcome: 'skipped', reason: 'User does not exist; Import Mode only updates existing users' } : { outcome: 'created' };
}

/**
 * The import flow failed. With Continue On Fail every input item gets an error item (paired) saying what
 * happened and whether its row may have been written; invalid rows keep their outcome. Without it, one
 * error says the same for the whole import.
 */
function importFailureOutput(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: ImportSettings,
	rows: ImportRow[],
	refused: Map<number, RowOutcome>,
	failure: ImportFlowFailure,
): INodeExecutionData[] {
	const cause = failure.cause as { description?: unknown; httpCode?: unknown };
	const message = failure.mayHaveWritten
		? `Keepnet's import of ${rows.length} user(s) was started, but the node could not follow it to the end: ${failure.message}. The users may already be written.`
		: `The import failed before anything was written: ${failure.message}`;
	const jobHint = failure.ids.importJobId ? ` (import job ${failure.ids.importJobId})` : '';
	const description = failure.mayHaveWritten
		? `Check before running again: Keepnet's job log${jobHint} in the console (Job Logs) or GET /api/jobs shows the result, and Target User → Get Many with the emails shows who is there. Running the import again with "Create New and Update Existing" writes the same values again, but does not undo anything.${typeof cause.description === 'string' ? ` ${cause.description}` : ''}`
		: `No user was written. Fix the cause and run again.${typeof cause.description === 'string' ? ` ${cause.description}` : ''}`;
	if (!ctx.continueOnFail()) {
		throw new NodeOperationError(ctx.getNode(), message, { description });
	}
	const rowByItem = new Map(rows.map((row) => [row.itemIndex, row]));
	return items.map((_item, itemIndex) => {
		const row = rowByItem.get(itemIndex);
		const refusedRow = refused.get(itemIndex);
		const json: IDataObject = row
			? compact({
					error: message,
					description,
					httpCode: cause.httpCode === undefined || cause.httpCode === null ? undefined : String(cause.httpCode),
					email: row.email,
					companyId: settings.companyId,
					mayHaveBeenWritten: failure.mayHaveWritten,
					transactionId: failure.ids.transactionId,
					importJobId: failure.ids.importJobId,
				})
			: compact({ companyId: settings.companyId, ...(refusedRow ?? { outcome: 'invalid' as const, reason: 'Not processed' }) });
		return { json, pairedItem: { item: itemIndex } };
	});
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
		let settings: ImportSettings;
		try {
			settings = readSettings(this);
		} catch (error) {
			// A setting shared by all rows is wrong (e.g. Company): nothing was sent. With Continue every item
			// says so, paired, instead of n8n passing the input items through with no outcome.
			if (!this.continueOnFail()) {
				throw error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error instanceof Error ? error.message : String(error));
			}
			const message = error instanceof Error ? error.message : String(error);
			const description = (error as { description?: unknown }).description;
			return items.map((_item, itemIndex) => ({
				json: compact({ error: message, description: typeof description === 'string' ? description : undefined, mayHaveBeenWritten: false }),
				pairedItem: { item: itemIndex },
			}));
		}
		const { rows, refused } = readRows(this, items, settings);
		const outcomes = new Map<number, RowOutcome>(refused);
		let importIds: IDataObject = {};
		if (rows.length > 0) {
			const flow = await runImport(this, state, settings, rows);
			if (!flow.ok) return importFailureOutput(this, items, settings, rows, outcomes, flow.failure);
			const result = flow.result;
			importIds = compact({ transactionId: result.transactionId, importJobId: result.jobId });
			const previewByEmail = new Map(result.preview.map((row) => [String(row.email ?? '').toLowerCase(), row]));
			const failures = result.job ? failedEmails(result.job) : new Map<string, string>();
			for (const row of rows) {
				const key = row.email.toLowerCase();
				outcomes.set(row.itemIndex, outcomeOf(previewByEmail.get(key), settings.mode, failures.get(key), result.job !== undefined));
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
