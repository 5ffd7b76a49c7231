import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../../helpers/limits';
import { buildMultipartBody } from '../../../helpers/multipart';
import { keepnetApiRequest, type KeepnetRunState } from '../../../transport/request';
import { buildFilter, searchRecords } from '../../../transport/search';
import { importFile } from './csvFile';
import type { ImportRow, ImportSettings } from './parameters';

/**
 * Import (bulk), step 3: Keepnet's job flow. Upload the file, map its columns, wait for the mapping job,
 * read Keepnet's verdict per row (the preview), start the import and wait for its job.
 */

/** Polling of Keepnet's asynchronous steps: quick at first (small files finish at once), then every 2.5 s like its web console. */
const POLL_FIRST_DELAY_MS = 25;
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

export async function runImport(ctx: IExecuteFunctions, state: KeepnetRunState, settings: ImportSettings, rows: ImportRow[]) {
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
	// Only its end matters: the preview below is what says how each row fared.
	await pollUntil(
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
	return { transactionId, jobId, preview, job };
}
