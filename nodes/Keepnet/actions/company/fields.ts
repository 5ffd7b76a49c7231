import type { INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';

/** Editor fields of the Company operations. */

export const companyPathLocator = () =>
	companyLocator('The customer company, from the companies you manage');

/** The description's wording is fixed by the n8n lint rule; that names work too is said in the hint. */
const LOOKUP_NAME_HINT =
	"An expression may give the name instead of the ID (e.g. United States for Country, 1 Year for License Period): it is matched to Keepnet's list when the node runs, so the workflow works in any Keepnet account.";

const lookupField = (displayName: string, name: string, method: string, description: string, acceptsNames = true): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	typeOptions: { loadOptionsMethod: method },
	default: '',
	description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	...(acceptsNames ? { hint: LOOKUP_NAME_HINT } : {}),
});

export const requiredCompanyProperties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Globex Corporation', description: 'Company name (max 64 characters)' },
	lookupField('Country Name or ID', 'countryId', 'getCountries', 'Country of the company'),
	lookupField('Industry Name or ID', 'industryId', 'getIndustries', 'Industry of the company'),
	lookupField('License Type Name or ID', 'licenseTypeId', 'getLicenseTypes', 'Keepnet license type'),
	lookupField('License Period Name or ID', 'licensePeriodTypeId', 'getLicensePeriods', 'Length of the license'),
	{
		displayName: 'Number of Users',
		name: 'numberOfUsers',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description: 'Licensed seats (target users)',
	},
	// Keepnet's time zone IDs are Windows time zone IDs (e.g. GMT Standard Time), the same in every account.
	lookupField('Time Zone Name or ID', 'timeZoneId', 'getTimeZones', 'Time zone of the company', false),
	{
		displayName: 'Date Format Name or ID',
		name: 'dateFormat',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDateFormats' },
		default: 'dd/MM/yyyy',
		description:
			'How dates are shown to the company. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Time Format Name or ID',
		name: 'timeFormat',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimeFormats' },
		default: '24h',
		description:
			'12-hour or 24-hour clock. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const optionalCompanyProperties: INodeProperties[] = [
	{ displayName: 'Address', name: 'address', type: 'string', default: '', description: 'Max 200 characters' },
	{
		displayName: 'Company Group Names or IDs',
		name: 'companyGroupIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCompanyGroups' },
		default: [],
		description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: "The company groups the company belongs to. On Update the list replaces the company's groups; to add it to one group and keep the others, use Company Group → Add Companies. An expression may give group names (e.g. EMEA Customers).",
	},
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Max 300 characters' },
	{
		displayName: 'Limit Number of Users',
		name: 'isNumberOfUsersLimited',
		type: 'boolean',
		default: true,
		description: 'Whether the license stops at Number of Users (off means unlimited)',
	},
	{
		displayName: 'Callback Number Booking Count',
		name: 'callBackNumberBookingCount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'How many callback numbers the company may book (vishing)',
	},
	{ displayName: 'License End Date', name: 'licenseEndDate', type: 'dateTime', default: '' },
	{
		displayName: 'License Module Names or IDs',
		name: 'licenseModuleIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getLicenseModules' },
		default: [],
		description:
			'The Keepnet modules the company may use (e.g. Phishing Simulator); without any, the customer can do nothing. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: "An expression may give module names instead of IDs (e.g. Phishing Simulator, Awareness Educator): they are matched to Keepnet's list when the node runs.",
	},
	{ displayName: 'License Start Date', name: 'licenseStartDate', type: 'dateTime', default: '' },
	lookupField('Notification Template Type Name or ID', 'notificationTemplateTypeId', 'getNotificationTemplateTypes', 'Which notification templates the company uses'),
	lookupField('Preferred Language Name or ID', 'preferredLanguageId', 'getLanguages', 'Default language of the company'),
	{ displayName: 'Release Notes URL', name: 'releaseNotesUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com/release-notes', description: 'Max 2000 characters' },
	{ displayName: 'Show Release Notes', name: 'isReleaseNotesVisible', type: 'boolean', default: false, description: 'Whether the company sees release notes in Keepnet' },
	{ displayName: 'Show Version', name: 'isVersionVisible', type: 'boolean', default: false, description: 'Whether the company sees the Keepnet version' },
	lookupField('SMTP Configuration Type Name or ID', 'smtpConfigurationTypeId', 'getSmtpConfigurationTypes', 'Which SMTP configuration the company sends with'),
	{ displayName: 'Tags', name: 'tags', type: 'string', default: '', placeholder: 'e.g. gold, emea', description: 'Comma-separated tags' },
	lookupField('Training Content Type Name or ID', 'trainingContentTypeId', 'getTrainingContentTypes', 'Which training content the company gets'),
	{ displayName: 'Website URL', name: 'websiteUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com', description: 'Max 2000 characters' },
];

export const companySortFields = [
	{ name: 'Company Name', value: 'companyName' },
	{ name: 'Create Time', value: 'createTime' },
	{ name: 'Industry', value: 'industryName' },
	{ name: 'License End Date', value: 'licenseEndDate' },
	{ name: 'License Type', value: 'licenseTypeName' },
	{ name: 'Number of Users', value: 'numberOfUsers' },
	{ name: 'Target User Count', value: 'targetUserCount' },
];
