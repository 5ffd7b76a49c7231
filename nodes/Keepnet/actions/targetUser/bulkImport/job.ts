import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../../helpers/limits';
import { buildMultipartBody } from '../../../helpers/multipart';
import { writeOutcomeInDoubt } from '../../../transport/request';
import { buildFilter } from '../../../transport/search';
import { importFile } from './csvFile';
import type { ImportFlowFailure, ImportRow, ImportSettings } from './types';
import type { KeepnetSession } from '../../../transport/session';

/**
 * Import (bulk), step 3: Keepnet's job flow. Upload the file, map its columns, wait for the mapping job,
 * read Keepnet's verdict per row (the preview), start the import and wait for its job.
 */

/** Polling of Keepnet's asynchronous steps: quick at first (small files finish at once: each wait is a whole round trip of the import), then every 2.5 s like its web console. */
const POLL_FIRST_DELAY_MS = 10;
const POLL_MAX_DELAY_MS = 2500;

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

/** The import job's ID in the answer to POST …/import; SPEC leaves the answer untyped, so each plausible shape is read. */
function importJobIdOf(answer: unknown): string | undefined {
	const candidates: unknown[] = [answer];
	if (answer !== null && typeof answer === 'object') {
		const record = answer as IDataObject;
		candidates.push(record.resourceId, record.jobResourceId, record.jobId, record.id);
	}
	return candidates.find((value): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value));
}

export async function runImport(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	settings: ImportSettings,
	rows: ImportRow[],
	proceedAfterPreview?: (preview: IDataObject[]) => boolean,
) {
	let transactionId: string | undefined;
	let importJobId: string | undefined;
	let importRequested = false;
	let importAccepted = false;
	let preview: IDataObject[] | undefined;
	try {
		const result = await runImportSteps(ctx, session, settings, rows, {
			transaction: (id) => (transactionId = id),
			previewRead: (rows) => (preview = rows),
			importRequested: () => (importRequested = true),
			importAccepted: (id) => {
				importAccepted = true;
				importJobId = id;
			},
			proceedAfterPreview,
		});
		return { ok: true as const, result };
	} catch (error) {
		const failure: ImportFlowFailure = {
			message: error instanceof Error ? error.message : String(error),
			cause: error,
			mayHaveWritten: importAccepted || (importRequested && writeOutcomeInDoubt(error)),
			ids: { transactionId, importJobId },
			preview,
		};
		return { ok: false as const, failure };
	}
}

export async function runImportSteps(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	settings: ImportSettings,
	rows: ImportRow[],
	progress: {
		transaction(id: string): void;
		previewRead?(preview: IDataObject[]): void;
		importRequested(): void;
		importAccepted(jobId: string | undefined): void;
		/** Told Keepnet's verdict per row before anything is imported; false stops the flow there, nothing written. */
		proceedAfterPreview?(preview: IDataObject[]): boolean;
	},
) {
	const { companyId } = settings;
	const deadline = Date.now() + settings.maxWaitMs;
	const getStatus = async (path: string): Promise<IDataObject> =>
		(await session.request<IDataObject | undefined>({ method: 'GET', path, companyId, retry: 'safe' })) ?? {};
	const { csv, columns } = importFile(rows);
	const upload = buildMultipartBody({}, { File: { filename: 'n8n-target-users.csv', contentType: 'text/csv', data: csv } });
	const uploaded = await session.request<IDataObject | undefined>({
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

	const mapping = await session.request<IDataObject | undefined>({
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
	// Only its end matters: the preview below is what says how each row fared.
	await pollUntil(
		ctx,
		'checking the import file',
		deadline,
		async () => await getStatus(`/api/target-users/mapping-job/${encodeURIComponent(mappingJobId)}`),
		(job) => job.status === 'Finished' || job.status === 'FinishedWithError',
	);

	// Keepnet's verdict for each row: New, Exists (an update) or Error with the reasons.
	const preview = await session.search<IDataObject>(
		{
			path: `/api/target-users/${transactionId}/search`,
			body: { filter: buildFilter([{ FieldName: 'Status', Operator: 'Include', Value: 'New,Exists,Error' }]), orderBy: 'CreateTime', ascending: true },
			companyId,
			pageIn: 'items',
		},
		Number.POSITIVE_INFINITY,
		MAX_PAGE_SIZE,
	);

	progress.previewRead?.(preview);
	if (progress.proceedAfterPreview && !progress.proceedAfterPreview(preview)) {
		return { transactionId, jobId: undefined, preview, job: undefined, imported: false as const };
	}
	progress.importRequested();
	const started = await session.request<unknown>({
		method: 'POST',
		path: `/api/target-users/${transactionId}/import`,
		body: { importType: settings.mode, selectedResourceIds: [] },
		companyId,
		retry: 'never',
	});
	const jobId = importJobIdOf(started);
	progress.importAccepted(jobId);
	// Without a job ID there is nothing to follow: the outcome of each row cannot be known here.
	if (jobId === undefined) return { transactionId, jobId, preview, job: undefined, imported: true as const };
	const job = await pollUntil(
		ctx,
		'importing the users',
		deadline,
		async () => await getStatus(`/api/jobs/${encodeURIComponent(jobId)}`),
		(current) => current.isFinished === true,
	);
	return { transactionId, jobId, preview, job, imported: true as const };
}
