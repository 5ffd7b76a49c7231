import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import type { ItemOperation } from '../types';

export const description: INodeProperties[] = [companyLocator('The customer company whose widget catalogue to list (sent as the scope header)')];

export const handler: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex, session) {
		return { companyId: readCompanyId(session, itemIndex) };
	},
	async run(prepared, itemIndex, session) {
		// Declared 201 in the spec; any 2xx ServiceResult is read the same way.
		const data = await session.request<{ metrics?: Array<{ name?: unknown; widgets?: IDataObject[] }> } | undefined>({
			method: 'GET',
			path: '/api/executive-report/metrics',
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
		});
		// One item per widget, with the metric (group) it is listed under.
		return (data?.metrics ?? []).flatMap((metric) => (metric.widgets ?? []).map((widget) => ({ json: { metric: metric.name ?? null, ...widget } })));
	},
};
