import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, optionsCollection, returnAllAndLimit, simplifyToggle } from '../../helpers/descriptions';
import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { readPaging } from '../../helpers/parameters';
import { inputError, optionalString } from '../../helpers/validation';
import { buildFilter, searchRecords } from '../../transport/search';
import type { ItemOperation } from '../types';
import { campaignNotFound, resolveRun } from './api';
import { readCampaignTarget, readRun, simplifyReportRow, type CampaignTarget } from './body';
import { campaignLocator, phishingCampaignDisplay, includeBotActivityOption, REPORT_SEARCH_TYPES, type ReportSearchType, runFields } from './fields';

const displayOptions = phishingCampaignDisplay('getReport');

export const description: INodeProperties[] = [
	companyLocator(displayOptions),
	campaignLocator('getReport'),
	...runFields('getReport'),
	{
		displayName: 'Users',
		name: 'searchType',
		type: 'options',
		options: [
			{ name: 'All Users', value: 'all', description: 'Everyone the run sent to' },
			{ name: 'Clicked the Link', value: 'clicked' },
			{ name: 'Did Not Respond', value: 'noresponse' },
			{ name: 'Opened an Attachment', value: 'attachmentopened' },
			{ name: 'Opened the Email', value: 'opened' },
			{ name: 'Reported the Email', value: 'reported' },
			{ name: 'Submitted Data', value: 'submitteddata' },
		],
		default: 'all',
		description: 'Which users of the run to list',
		displayOptions,
	},
	...returnAllAndLimit(displayOptions),
	simplifyToggle(displayOptions),
	optionsCollection(displayOptions, [
		includeBotActivityOption,
		{
			displayName: 'Search Text',
			name: 'searchText',
			type: 'string',
			default: '',
			placeholder: 'e.g. jane',
			description: 'Free text matched against first name, last name and email',
		},
	]),
];

interface Prepared extends CampaignTarget {
	instanceGroup: number | undefined;
	searchType: ReportSearchType;
	body: IDataObject;
	limit: number;
	simplify: boolean;
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const target = readCampaignTarget(this, itemIndex);
		const searchType = this.getNodeParameter('searchType', itemIndex, 'all') as string;
		if (!(REPORT_SEARCH_TYPES as readonly string[]).includes(searchType)) {
			throw inputError(this, itemIndex, `Users "${searchType}" is not one the node knows`, `Use one of: ${REPORT_SEARCH_TYPES.join(', ')}.`);
		}
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, options.searchText, 'Options → Search Text', itemIndex, { max: 256 }) ?? '';
		const { limit } = readPaging(this, itemIndex);
		return {
			...target,
			instanceGroup: readRun(this, itemIndex),
			searchType: searchType as ReportSearchType,
			limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			// activityType 0 = human activity only (UI default), 2 = with bot/sandbox activity (JOURNEY §3.6).
			body: { filter: buildFilter([], searchText, ['FirstName', 'LastName', 'Email']), orderBy: 'Email', ascending: true, activityType: options.includeBotActivity === true ? 2 : 0 },
		};
	},
	identifyBy: ['campaignId'],
	async run(prepared, itemIndex, state) {
		const instanceGroup = await resolveRun(this, state, prepared.companyId, prepared.campaignId, prepared.instanceGroup, itemIndex);
		const rows = await searchRecords<IDataObject>(
			this,
			state,
			{
				path: `/api/phishing-simulator/phishing-campaign-job-report/${prepared.searchType}/search/${prepared.campaignId}/${instanceGroup}`,
				body: prepared.body,
				companyId: prepared.companyId,
				itemIndex,
				notFoundSubject: `run ${instanceGroup} of ${campaignNotFound(prepared.companyId, prepared.campaignId)}`,
			},
			prepared.limit,
			MAX_PAGE_SIZE,
		);
		return rows.map((row) => ({
			json: { campaignId: prepared.campaignId, instanceGroup, ...(prepared.simplify ? simplifyReportRow(row) : row) },
		}));
	},
};
