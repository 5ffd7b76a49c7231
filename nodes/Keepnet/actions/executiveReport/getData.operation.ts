import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { companyLocator, recordLocator } from '../../helpers/descriptions';
import { readCompanyId, readRecordReference, type RecordReference } from '../../helpers/parameters';
import { inputError } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { DATE_PERIOD_OPTIONS, executiveReportIdByName } from './api';

interface Prepared {
	companyId: string;
	report: RecordReference;
	/** A number 0–4, or undefined for the report's own period. */
	datePeriod?: number;
}

export const description: INodeProperties[] = [
	companyLocator('The customer company of the report (sent as the scope header)'),
	recordLocator({
		name: 'reportId',
		displayName: 'Executive Report',
		searchListMethod: 'searchExecutiveReports',
		description: 'The report whose widgets to read. For All Companies I Manage give it By Name: each customer has its own report IDs.',
		byNamePlaceholder: 'e.g. Monthly Summary',
	}),
	{
		displayName: 'Date Period',
		name: 'datePeriod',
		type: 'options',
		options: DATE_PERIOD_OPTIONS,
		default: 'saved',
		description: "The period the figures cover. As Saved uses the report's own period (and its dates, for a custom one).",
	},
];

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	acrossCompanies: true,
	prepare(itemIndex, session) {
		const companyId = readCompanyId(session, itemIndex);
		const report = readRecordReference(this, 'reportId', 'Executive Report', itemIndex);
		if (session.preparingForAllCompanies && 'id' in report) {
			throw inputError(this, itemIndex, 'Executive Report is given by ID while Companies is All Companies I Manage', "A report ID belongs to one customer: give the report By Name, e.g. Monthly Summary.");
		}
		const period = this.getNodeParameter('datePeriod', itemIndex, 'saved') as string;
		if (period !== 'saved' && !/^[0-4]$/.test(period)) throw inputError(this, itemIndex, `Date Period "${period}" is not one Keepnet offers`, 'Choose a period from the list.');
		return { companyId, report, datePeriod: period === 'saved' ? undefined : Number(period) };
	},
	async run(prepared, itemIndex, session) {
		const reportId = 'id' in prepared.report ? prepared.report.id : await executiveReportIdByName(this, session, prepared.companyId, prepared.report.name, itemIndex);
		const report = await session.request<IDataObject | undefined>({
			method: 'GET',
			path: `/api/executive-report/${reportId}`,
			companyId: prepared.companyId,
			retry: 'safe',
			itemIndex,
			notFoundSubject: `executive report "${reportId}"`,
		});
		const widgets = (Array.isArray(report?.widgets) ? report.widgets : []) as IDataObject[];
		const saved = report?.datePeriod;
		const datePeriod = prepared.datePeriod ?? (typeof saved === 'number' || typeof saved === 'string' ? saved : 0);
		// A custom period (5) is sent back with the report's own dates, in whatever form Keepnet gave them.
		const dates = prepared.datePeriod === undefined && report?.startDate && report?.endDate ? { startDate: report.startDate, endDate: report.endDate } : {};
		const outputs = [];
		// One widget per call, as Keepnet's console asks (several per call: unverified, docs/billing-and-reports.md#unverified-and-what-the-node-does-under-each-reading).
		for (const widget of widgets) {
			if (typeof widget.resourceId !== 'string') continue;
			const data = await session.request<IDataObject[] | undefined>({
				method: 'POST',
				path: '/api/executive-report/get-widget-datas',
				body: { widgetIds: [widget.resourceId], datePeriod, ...dates },
				companyId: prepared.companyId,
				retry: 'safe',
				itemIndex,
			});
			const result = (Array.isArray(data) ? data : []).find((entry) => entry.resourceId === widget.resourceId) ?? (Array.isArray(data) ? data[0] : undefined);
			outputs.push({
				json: {
					report: { resourceId: reportId, name: report?.name ?? null },
					widget: { resourceId: widget.resourceId, name: widget.name ?? null, description: widget.description ?? null, chartType: widget.chartType ?? null, widgetType: widget.widgetType ?? null },
					datePeriod,
					data: (result?.widgetDatas ?? []) as IDataObject[],
				},
			});
		}
		return outputs;
	},
};
