import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../helpers/limits';
import { compact } from '../../helpers/output';
import { requiredString, inputError } from '../../helpers/validation';
import { buildFilter } from '../../transport/search';
import type { ItemOperation } from '../types';
import { MONTH_PATTERN } from './filters';

export const description: INodeProperties[] = [
	{
		displayName: 'Month',
		name: 'month',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-01',
		description: "The billing month, as YYYY-MM. For last month: {{ $now.minus(1, 'month').toFormat('yyyy-MM') }}.",
	},
];

const numberOrUndefined = (value: unknown): number | undefined => {
	if (value === null || value === undefined || value === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
};

/** One customer's figures for the month (docs/billing-and-reports.md#endpoints-per-operation). The training columns only where Keepnet returns them. */
function customerSummary(month: string, row: IDataObject): IDataObject {
	const targetUsers = numberOrUndefined(row.targetUserCount) ?? 0;
	const licenseLimit = numberOrUndefined(row.numberOfUsers);
	const limited = row.isNumberOfUsersLimited === true;
	return compact({
		summary: 'company',
		month,
		company: { resourceId: String(row.companyResourceId), name: typeof row.companyName === 'string' ? row.companyName : null },
		targetUsers,
		inactiveTargetUsers: numberOrUndefined(row.inactiveTargetUserCount) ?? 0,
		deletedTargetUsers: numberOrUndefined(row.deletedTargetUserCount) ?? 0,
		monthlyUsers: numberOrUndefined(row.monthlyActiveUserCount) ?? 0,
		licenseLimit: limited ? (licenseLimit ?? null) : null,
		licenseType: row.licenseTypeName ?? null,
		// Keepnet's console's rule (docs/billing-and-reports.md#endpoints-per-operation): seats limited and more target users than the limit.
		overLicenseLimit: limited && licenseLimit !== undefined && targetUsers > licenseLimit,
		licenseEndDate: row.licenseEndDate ?? null,
		licenceExpired: row.licenceExpired === true,
		monthlyEnrolled: numberOrUndefined(row.monthlyEnrolled),
		monthlyConsumption: numberOrUndefined(row.monthlyConsumption),
	});
}

const SUMMED = ['targetUsers', 'inactiveTargetUsers', 'deletedTargetUsers', 'monthlyUsers', 'monthlyEnrolled', 'monthlyConsumption'] as const;

function totals(month: string, customers: IDataObject[]): IDataObject {
	const total: IDataObject = { summary: 'total', month, companies: customers.length };
	for (const field of SUMMED) {
		const values = customers.map((customer) => customer[field]).filter((value): value is number => typeof value === 'number');
		// A training column Keepnet did not return for any customer stays out of the totals too.
		if (values.length > 0 || !['monthlyEnrolled', 'monthlyConsumption'].includes(field)) total[field] = values.reduce((sum, value) => sum + value, 0);
	}
	total.companiesOverLicenseLimit = customers.filter((customer) => customer.overLicenseLimit === true).length;
	total.companiesWithExpiredLicense = customers.filter((customer) => customer.licenceExpired === true).length;
	return total;
}

export const handler: ItemOperation<{ month: string }> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex) {
		const month = requiredString(this, this.getNodeParameter('month', itemIndex, ''), 'Month', itemIndex, { max: 7 });
		if (!MONTH_PATTERN.test(month)) throw inputError(this, itemIndex, `Month "${month}" is not a month`, 'Write the month as YYYY-MM, e.g. 2026-01.');
		return { month };
	},
	async run(prepared, itemIndex, session) {
		// One paged company search serves every customer's figures: 1 request per 1,000 customers, none per customer.
		const rows = await session.search<IDataObject>(
			{
				path: '/api/companies/search',
				body: {
					filter: buildFilter([{ FieldName: 'MonthlyActiveUser', Operator: '=', Value: prepared.month }]),
					orderBy: 'companyName',
					ascending: true,
					isClustered: false,
					isTargetUserCountExceededLimit: false,
				},
				itemIndex,
			},
			Number.POSITIVE_INFINITY,
			MAX_PAGE_SIZE,
		);
		const customers = rows.filter((row) => typeof row.companyResourceId === 'string').map((row) => customerSummary(prepared.month, row));
		return [...customers, totals(prepared.month, customers)].map((json) => ({ json }));
	},
};
