import { defineResource } from '../types';
import * as create from './create.operation';
import * as exportList from './export.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getReport from './getReport.operation';
import * as getReportFile from './getReportFile.operation';
import * as getRuns from './getRuns.operation';
import * as getRunSummary from './getRunSummary.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';

export { create, exportList, get, getAll, getReport, getReportFile, getRuns, getRunSummary, start, stop };

/** Phishing Campaign: a simulated phishing email sent to a customer's target groups, in runs. */
export const phishingCampaignResource = defineResource({
	name: 'Phishing Campaign',
	description: "A phishing simulation sent to a company's target groups, with a per-user report",
	defaultOperation: 'getAll',
	operations: {
		create: {
			name: 'Create',
			action: 'Create a phishing campaign',
			description: 'Create a phishing simulation from a scenario for target groups, saved for later, scheduled or sent now',
			module: create,
		},
		export: {
			name: 'Export',
			action: 'Export phishing campaigns or runs to a file',
			description: 'The campaign list, or every run with its totals, as the CSV or Excel file Keepnet exports',
			module: exportList,
		},
		get: { name: 'Get', action: 'Get a phishing campaign', description: 'Get the settings of a campaign and its runs', module: get },
		getAll: { name: 'Get Many', action: 'Get many phishing campaigns', description: 'List the phishing campaigns of a company', module: getAll },
		getReport: {
			name: 'Get Report',
			action: 'Get the per-user report of a phishing campaign run',
			description: 'List each user of a run with whether and when they opened, clicked, submitted data or reported',
			module: getReport,
		},
		getReportFile: {
			name: 'Get Report File',
			action: 'Download the report file of a phishing campaign run',
			description: 'Download the detailed report of a run as the file Keepnet serves',
			module: getReportFile,
		},
		getRuns: {
			name: 'Get Runs',
			action: 'Get the runs of all phishing campaigns',
			description: 'List every run of every campaign with its sent, opened, clicked and submitted totals; filter by start date and status',
			module: getRuns,
		},
		getRunSummary: {
			name: 'Get Run Summary',
			action: 'Get the summary of a phishing campaign run',
			description: 'The figures of one run: sent, delivered, delivery errors, opened, clicked, submitted, reported, no response',
			module: getRunSummary,
		},
		start: { name: 'Start', action: 'Start a phishing campaign', description: 'Start a new run of a campaign, now or on a schedule', module: start },
		stop: { name: 'Stop', action: 'Stop a phishing campaign run', description: 'Stop a running or scheduled run of a campaign', module: stop },
	},
});
