/**
 * Child-process entry whose only job is Target User → Export (CSV) through n8n's engine, so that its
 * memory high-water mark belongs to the export alone (the sandbox runs in yet another process).
 *
 * Sequence: load n8n and the node, export a small company once (loads every code path and fetches the
 * token), collect garbage, note the resident set size, then export the big company while sampling memory,
 * and report. The process's maximum RSS (getrusage) is a high-water mark over its whole life, so it only
 * says something about the export when it rose during the export; the sampled peak covers the other case.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { KeepnetApi } from '../credentials/KeepnetApi.credentials';
import { Keepnet } from './keepnet-node';
import { CredentialStore, binaryBuffer, runNode } from '../test/support/harness';

export interface ExportJob {
	url: string;
	clientId: string;
	clientSecret: string;
	companyId: string;
	warmUpCompanyId: string;
}

export interface ExportMeasurement {
	fileSizeBytes: number;
	/** Data lines in the CSV (header excluded). */
	csvRows: number;
	wallMs: number;
	/** Resident set size after warm-up and garbage collection, just before the export. */
	rssBeforeBytes: number;
	/** Highest resident set size seen during the export (see peakSource). */
	peakRssBytes: number;
	peakSource: 'getrusage maxRSS (rose during the export)' | 'sampled every 2 ms';
	/** Highest heapUsed + external (Buffers and strings outside the heap) seen during the export, and before it. */
	peakHeapAndExternalBytes: number;
	heapAndExternalBeforeBytes: number;
	/** Highest RSS of the process over its whole life (getrusage), for reference. */
	lifetimeMaxRssBytes: number;
	/** Where the file sits in the output item: n8n's binary data mode the harness uses. */
	binaryStorage: string;
}

export type ExportWorkerReply = { ok: true; measurement: ExportMeasurement } | { ok: false; error: string };

const maxRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('Run the export worker with --expose-gc');
	gc();
	gc();
}

function heapAndExternal(): number {
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.external;
}

function countLines(buffer: Buffer): number {
	let lines = 0;
	for (let index = buffer.indexOf(10); index !== -1; index = buffer.indexOf(10, index + 1)) lines++;
	if (buffer.length > 0 && buffer[buffer.length - 1] !== 10) lines++;
	return lines;
}

async function exportCsv(credentials: CredentialStore, companyId: string): Promise<INodeExecutionData> {
	const { output } = await runNode({
		node: new Keepnet(),
		parameters: {
			resource: 'targetUser',
			operation: 'export',
			companyId: { __rl: true, mode: 'list', value: companyId },
			fileFormat: 'csv',
			binaryPropertyName: 'data',
		},
		credentials,
	});
	const item = output[0]?.[0];
	if (!item?.binary?.data) throw new Error('The export produced no file');
	return item;
}

async function measure(job: ExportJob): Promise<ExportMeasurement> {
	const credentials = new CredentialStore(new KeepnetApi(), { baseUrl: job.url, clientId: job.clientId, clientSecret: job.clientSecret, accessToken: '' });
	await exportCsv(credentials, job.warmUpCompanyId);

	collectGarbage();
	const rssBeforeBytes = process.memoryUsage().rss;
	const heapAndExternalBeforeBytes = heapAndExternal();
	const maxRssBeforeBytes = maxRssBytes();
	let sampledPeakRss = rssBeforeBytes;
	let peakHeapAndExternalBytes = heapAndExternalBeforeBytes;
	const sample = (): void => {
		sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage().rss);
		peakHeapAndExternalBytes = Math.max(peakHeapAndExternalBytes, heapAndExternal());
	};
	const sampler = setInterval(sample, 2);

	const start = performance.now();
	const item = await exportCsv(credentials, job.companyId);
	const wallMs = performance.now() - start;
	sample();
	clearInterval(sampler);
	const maxRssAfterBytes = maxRssBytes();

	// Checked after the measurement: reading the file back makes another copy.
	const file = await binaryBuffer(item, 'data');
	const fileSizeBytes = Number(item.json.fileSize);
	if (fileSizeBytes !== file.length) throw new Error(`fileSize ${fileSizeBytes} differs from the binary's ${file.length} bytes`);
	const rose = maxRssAfterBytes > maxRssBeforeBytes;
	return {
		fileSizeBytes,
		csvRows: countLines(file) - 1,
		wallMs,
		rssBeforeBytes,
		peakRssBytes: rose ? Math.max(maxRssAfterBytes, sampledPeakRss) : sampledPeakRss,
		peakSource: rose ? 'getrusage maxRSS (rose during the export)' : 'sampled every 2 ms',
		peakHeapAndExternalBytes,
		heapAndExternalBeforeBytes,
		lifetimeMaxRssBytes: maxRssAfterBytes,
		binaryStorage: item.binary?.data?.id ? `n8n binary data service (id ${item.binary.data.id.split(':')[0]})` : 'in the output item as base64 (the harness runs n8n\'s binary data mode "default")',
	};
}

process.once('message', (job: ExportJob) => {
	measure(job).then(
		(measurement) => process.send?.({ ok: true, measurement } satisfies ExportWorkerReply, () => process.exit(0)),
		(error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ExportWorkerReply, () => process.exit(1)),
	);
});
