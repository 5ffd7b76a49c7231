import * as getAll from './getAll.operation';
import * as getData from './getData.operation';
import * as listWidgets from './listWidgets.operation';
import { defineResource } from '../types';

export { getAll, getData, listWidgets };

/** Executive Report: a customer's saved widget layouts and their figures (no PDF: Keepnet's console renders it). */
export const executiveReportResource = defineResource({
	name: 'Executive Report',
	description: "A customer's executive report: saved widgets and their data",
	defaultOperation: 'getData',
	operations: {
		getAll: { name: 'Get Many', action: 'Get many executive reports', description: "Returns a company's executive reports, one item each", module: getAll },
		getData: { name: 'Get Data', action: 'Get the data of an executive report', description: "Returns one item per widget of an executive report, with the widget's figures for the chosen period", module: getData },
		listWidgets: { name: 'List Widgets', action: 'List the widgets executive reports can show', description: 'Returns the widgets executive reports can show, one item per widget', module: listWidgets },
	},
});
