/**
 * The Companies and Company fields, shown for every event of scope 'company' (events/types.ts): which customers
 * a poll reads, all of the Reseller's or one.
 */
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { KEEPNET_ID_PATTERN, KEEPNET_ID_REGEX_SOURCE } from '../../Keepnet/helpers/validation';
import { settingsError } from '../checks';
import type { CompanyRef } from '../sources';

export const COMPANY_SCOPE_FIELDS: INodeProperties[] = [
	{
		displayName: 'Companies',
		name: 'companyScope',
		type: 'options',
		default: 'all',
		description: 'Which customers to watch. With all companies, each poll lists your customers and polls each one.',
		options: [
			{ name: 'All Companies I Manage', value: 'all' },
			{ name: 'One Company', value: 'one' },
		],
	},
	{
		displayName: 'Company',
		name: 'companyId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The customer company to watch; every request of the poll acts in it (scope header)',
		displayOptions: { show: { companyScope: ['one'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a company...',
				typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. xC5kfGz7w2Nz',
				validation: [{ type: 'regex', properties: { regex: KEEPNET_ID_REGEX_SOURCE, errorMessage: 'Not a valid Keepnet company ID' } }],
			},
		],
	},
];

/** The companies chosen: 'all', or the one company (checked before any request). */
export function readCompanies(ctx: IPollFunctions): 'all' | CompanyRef {
	if (ctx.getNodeParameter('companyScope', 'all') !== 'one') return 'all';
	const locator = ctx.getNodeParameter('companyId', {}) as IDataObject;
	const id = typeof locator.value === 'string' ? locator.value.trim() : '';
	if (!KEEPNET_ID_PATTERN.test(id)) {
		throw settingsError(
			ctx,
			id === '' ? 'Company is empty' : `Company ${JSON.stringify(id.slice(0, 60))} is not a Keepnet ID`,
			'Pick the company from the list, enter its Keepnet ID (for example xC5kfGz7w2Nz), or choose "All Companies I Manage".',
		);
	}
	return { resourceId: id, name: typeof locator.cachedResultName === 'string' ? locator.cachedResultName : null };
}
