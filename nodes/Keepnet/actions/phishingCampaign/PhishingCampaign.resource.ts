import { defineResource } from '../types';
import * as create from './create.operation';
import * as exportList from './export.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getPreview from './getPreview.operation';
import * as getReport from './getReport.operation';
import * as getReportFile from './getReportFile.operation';
import * as getRuns from './getRuns.operation';
import * as getRunSummary from './getRunSummary.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';

export { create, exportList, get, getAll, getPreview, getReport, getReportFile, getRuns, getRunSummary, start, stop };

/** Phishing Campaign: a simulated phishing email sent to a customer's target groups, in runs. */
export const phishingCampaignResource = defineResource({
	name: 'Phishing Campaign',
	description: "A phishing simulation sent to a company's target groups, with a per-user report",
	defaultOperation: 'getAll',
	operations: {
		create: {
			name: 'Create',
			action: 'Create a phishing campaign',
			description: "Creates a phishing simulation from a scenario for a company's target groups (saved, scheduled or sent now) and returns the campaign",
			module: create,
		},
		export: {
			name: 'Export',
			action: 'Export phishing campaigns or runs to a file',
			description: 'Exports the campaign list or the run list of a company and returns the CSV or Excel file Keepnet serves, in a binary field',
			module: exportList,
		},
		get: { name: 'Get', action: 'Get a phishing campaign', description: 'Returns the settings of a phishing campaign and its runs, newest first', module: get },
		getAll: { name: 'Get Many', action: 'Get many phishing campaigns', description: 'Returns the phishing campaigns of a company, one item each', module: getAll },
		getPreview: {
			name: 'Get Preview',
			action: 'Get the preview of a phishing campaign',
			description: "Returns what a campaign sends: each scenario's email subject, sender and landing page, its delivery setting and categories",
			module: getPreview,
		},
		getReport: {
			name: 'Get Report',
			action: 'Get the per-user report of a phishing campaign run',
			description: 'Returns one item per user of a campaign run with whether and when they opened, clicked, submitted data or reported',
			module: getReport,
		},
		getReportFile: {
			name: 'Get Report File',
			action: 'Download the report file of a phishing campaign run',
			description: "Returns a campaign run's detailed report as the file Keepnet serves, in a binary field",
			module: getReportFile,
		},
		getRuns: {
			name: 'Get Runs',
			action: 'Get the runs of all phishing campaigns',
			description: 'Returns every run of every phishing campaign of a company with its totals, newest first, filtered by start date and status',
			module: getRuns,
		},
		getRunSummary: {
			name: 'Get Run Summary',
			action: 'Get the summary of a phishing campaign run',
			description: "Returns the figures of a campaign's latest or chosen run: delivered, delivery errors, opened, clicked, submitted, reported",
			module: getRunSummary,
		},
		start: { name: 'Start', action: 'Start a phishing campaign', description: 'Starts a new run of a phishing campaign, now or on a schedule, and returns the run number', module: start },
		stop: { name: 'Stop', action: 'Stop a phishing campaign run', description: 'Stops the latest or a chosen run of a phishing campaign and returns the campaign ID and the stopped run number', module: stop },
	},
});
