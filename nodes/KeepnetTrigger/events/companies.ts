/**
 * The Companies and Company fields, shown for every event of scope 'company' (events/types.ts): which customers
 * a poll reads, all of the Reseller's or one.
 */
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { companyLocator } from '../../Keepnet/helpers/descriptions';
import { KEEPNET_ID_PATTERN } from '../../Keepnet/helpers/validation';
import { settingsError } from '../checks';
import type { CompanyRef } from '../sources';

/** The node's Company picker, shown only with Companies → One Company (its displayOptions before its modes, as ever). */
function shownForOneCompany(picker: INodeProperties): INodeProperties {
	const { modes, ...field } = picker;
	return { ...field, displayOptions: { show: { companyScope: ['one'] } }, modes };
}

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
	shownForOneCompany(companyLocator('The customer company to watch; every request of the poll acts in it (scope header)')),
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
