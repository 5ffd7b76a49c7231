import { CHANNELS } from '../../Keepnet/helpers/simulationChannels';
import { settingsError } from '../checks';
import { channelField, readChannel, simulationSources, type SimulationSettings } from './simulation';
import type { TimedEvent } from './types';

/** Simulation reported: the users who reported the channel's recent runs (events/simulation.ts). */
export const simulationReported: TimedEvent<SimulationSettings> = {
	kind: 'timed',
	label: 'Simulation Reported',
	description: 'A target user reports a simulated phishing email',
	scope: 'company',
	fields: [channelField],
	readSettings(ctx) {
		const channel = readChannel(ctx);
		const spec = CHANNELS[channel];
		if (!spec.canBeReported) throw settingsError(ctx, `A ${spec.noun} cannot be reported`, 'An SMS has no report button: watch Simulation Failed for smishing, or choose Email Phishing or Quishing.');
		return { channel, behaviours: ['reported'] };
	},
	cursorConfig: (settings) => ({ behaviours: settings.behaviours }),
	sources: simulationSources,
};
