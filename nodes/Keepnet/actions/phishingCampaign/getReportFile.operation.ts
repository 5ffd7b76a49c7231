import type { INodeProperties } from 'n8n-workflow';

import { companyLocator, optionsCollection } from '../../helpers/descriptions';
import { readBinaryPropertyName } from '../../helpers/parameters';
import { answerTextRedactor, baseContentType, keepnetBinaryRequest } from '../../transport/request';
import type { ItemOperation } from '../types';
import { campaignNotFound, resolveRun } from './api';
import { readCampaignTarget, readRun, type CampaignTarget } from './body';
import { campaignLocator, phishingCampaignDisplay, includeBotActivityOption, runFields } from './fields';

const displayOptions = phishingCampaignDisplay('getReportFile');

export const description: INodeProperties[] = [
	companyLocator(displayOptions),
	campaignLocator('getReportFile'),
	...runFields('getReportFile'),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions,
	},
	optionsCollection(displayOptions, [
		includeBotActivityOption,
	]),
];

interface Prepared extends CampaignTarget {
	instanceGroup: number | undefined;
	binaryPropertyName: string;
	excludeBotActivity: boolean;
}

/**
 * What Keepnet serves the report as (its format is not documented: a spreadsheet or CSV). Anything else, such as a
 * proxy's HTML page answered with 200, is an error rather than a report file.
 */
const REPORT_FILE_TYPES = [
	'text/csv',
	'application/csv',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.ms-excel',
	'application/octet-stream',
] as const;

/** The file name Keepnet gives in Content-Disposition (passed through `redact`, as it is built from the answer), else one of our own. */
function fileNameOf(contentDisposition: string | undefined, fallback: string, redact: (text: string) => string): string {
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '');
	let name = '';
	try {
		name = match ? decodeURIComponent(match[1]).trim() : '';
	} catch {
		name = ''; // not valid percent-encoding: our own name instead
	}
	return redact(name === '' ? fallback : name).replace(/[\\/:*?"<>|]/g, '_');
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const binaryPropertyName = readBinaryPropertyName(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as { includeBotActivity?: boolean };
		return { ...readCampaignTarget(this, itemIndex), instanceGroup: readRun(this, itemIndex), binaryPropertyName, excludeBotActivity: options.includeBotActivity !== true };
	},
	identifyBy: ['campaignId'],
	async run(prepared, itemIndex, state) {
		const instanceGroup = await resolveRun(this, state, prepared.companyId, prepared.campaignId, prepared.instanceGroup, itemIndex);
		const file = await keepnetBinaryRequest(this, state, {
			method: 'GET',
			path: `/api/phishing-simulator/phishing-campaign-job-report/export/${prepared.campaignId}/${instanceGroup}?excludeBotActivity=${String(prepared.excludeBotActivity)}`,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: `run ${instanceGroup} of ${campaignNotFound(prepared.companyId, prepared.campaignId)}`,
			fileTypes: REPORT_FILE_TYPES,
		});
		// The file format is not documented: its type is taken from Content-Type as served (one of REPORT_FILE_TYPES).
		const mimeType = baseContentType(file.headers);
		const extension = mimeType.includes('csv') ? 'csv' : mimeType.includes('sheet') || mimeType.includes('excel') ? 'xlsx' : 'bin';
		const redact = await answerTextRedactor(this, state);
		const fileName = fileNameOf(file.headers['content-disposition'], `Phishing report ${prepared.campaignId} run ${instanceGroup}.${extension}`, redact);
		const binary = await this.helpers.prepareBinaryData(file.body, fileName, mimeType);
		return [
			{
				json: { campaignId: prepared.campaignId, companyId: prepared.companyId, instanceGroup, fileName, mimeType, fileSize: file.body.length },
				binary: { [prepared.binaryPropertyName]: binary },
			},
		];
	},
};
