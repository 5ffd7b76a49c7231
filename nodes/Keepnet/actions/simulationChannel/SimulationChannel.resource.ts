import { CHANNELS, type ChannelSpec } from '../../helpers/simulationChannels';
import { campaignsOperation, reportFileOperation, reportOperation, runsOperation, runSummaryOperation } from '../simulation/operations';
import { defineResource } from '../types';

/**
 * Smishing Campaign and Quishing Campaign: the read side of Keepnet's SMS and QR-code simulations. Their API has the
 * shape of email phishing's with another base path, so both resources are built here from their ChannelSpec.
 */
function channelResource(spec: ChannelSpec, medium: string) {
	const noun = spec.noun;
	return defineResource({
		name: `${spec.label} Campaign`,
		description: `A ${medium} simulation sent to a company's target groups, with its runs and per-user results`,
		defaultOperation: 'getAll',
		operations: {
			getAll: { name: 'Get Many', action: `Get many ${noun}s`, description: `List the ${noun}s of a company`, module: campaignsOperation(spec) },
			getReport: {
				name: 'Get Report',
				action: `Get the per-user report of a ${noun} run`,
				description: 'List the users of a run by behaviour (all, clicked, submitted data…), human activity or all activity',
				module: reportOperation(spec),
			},
			getReportFile: {
				name: 'Get Report File',
				action: `Download the report file of a ${noun} run`,
				description: 'Download the detailed report of a run as the file Keepnet serves',
				module: reportFileOperation(spec),
			},
			getRuns: {
				name: 'Get Runs',
				action: `Get the runs of all ${noun}s`,
				description: 'List every run of every campaign with its totals; filter by start date and status',
				module: runsOperation(spec),
			},
			getRunSummary: {
				name: 'Get Run Summary',
				action: `Get the summary of a ${noun} run`,
				description: 'The figures of one run: sent, delivered, delivery errors, clicked, submitted, reported, no response',
				module: runSummaryOperation(spec),
			},
		},
	});
}

export const smishingCampaignResource = channelResource(CHANNELS.smishing, 'SMS (smishing)');
export const quishingCampaignResource = channelResource(CHANNELS.quishing, 'QR-code (quishing)');
