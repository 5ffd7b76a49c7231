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
			getAll: { name: 'Get Many', action: `Get many ${noun}s`, description: `Returns the ${noun}s of a company, one item each`, module: campaignsOperation(spec) },
			getReport: {
				name: 'Get Report',
				action: `Get the per-user report of a ${noun} run`,
				description: 'Returns one item per user of a run who did the chosen thing (clicked, submitted data…), human activity only or all activity',
				module: reportOperation(spec),
			},
			getReportFile: {
				name: 'Get Report File',
				action: `Download the report file of a ${noun} run`,
				description: "Returns a campaign run's detailed report as the file Keepnet serves, in a binary field",
				module: reportFileOperation(spec),
			},
			getRuns: {
				name: 'Get Runs',
				action: `Get the runs of all ${noun}s`,
				description: 'Returns every run of every campaign of a company with its totals, newest first, filtered by start date and status',
				module: runsOperation(spec),
			},
			getRunSummary: {
				name: 'Get Run Summary',
				action: `Get the summary of a ${noun} run`,
				description: "Returns the figures of a campaign's latest or chosen run: delivered, delivery errors, clicked, submitted, reported",
				module: runSummaryOperation(spec),
			},
		},
	});
}

export const smishingCampaignResource = channelResource(CHANNELS.smishing, 'SMS (smishing)');
export const quishingCampaignResource = channelResource(CHANNELS.quishing, 'QR-code (quishing)');
