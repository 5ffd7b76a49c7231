import { searchOperation } from '../searchOperation';
import { campaignSortFields, SIMPLIFIED_CAMPAIGN_FIELDS } from './fields';

const operation = searchOperation({
	path: '/api/phishing-simulator/phishing-campaign/search',
	searchText: { fields: ['Name'], placeholder: 'e.g. onboarding', description: 'Only campaigns whose name contains this text', max: 200 },
	sort: { fields: campaignSortFields, default: 'CreateTime' },
	simplify: SIMPLIFIED_CAMPAIGN_FIELDS,
});

export const description = operation.description;
export const handler = operation.handler;
