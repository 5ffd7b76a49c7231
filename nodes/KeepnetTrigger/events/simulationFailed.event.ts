import type { INodeProperties } from 'n8n-workflow';

import { CHANNELS } from '../../Keepnet/helpers/simulationChannels';
import { settingsError } from '../checks';
import { BEHAVIOURS, channelField, readChannel, simulationSources, type Behaviour, type SimulationSettings } from './simulation';
import type { TimedEvent } from './types';

const failedBehavioursField: INodeProperties = {
	displayName: 'Failed Behaviours',
	name: 'behaviours',
	type: 'multiOptions',
	default: ['clicked', 'submitteddata'],
	description: 'What counts as failing a simulation. Each behaviour of each user in each run is one event; a repeat later is a new event.',
	options: [
		{ name: 'Clicked Link', value: 'clicked' },
		{ name: 'Opened Attachment', value: 'attachmentopened' },
		{ name: 'Submitted Data', value: 'submitteddata' },
		{ name: 'Submitted MFA Code', value: 'mfa' },
	],
};

/** Simulation failed: the chosen failing behaviours in the channel's recent runs (events/simulation.ts). */
export const simulationFailed: TimedEvent<SimulationSettings> = {
	kind: 'timed',
	label: 'Simulation Failed',
	description: 'A target user clicks a phishing link or submits data in a simulation',
	scope: 'company',
	fields: [channelField, failedBehavioursField],
	readSettings(ctx) {
		const channel = readChannel(ctx);
		const spec = CHANNELS[channel];
		const behaviours = (ctx.getNodeParameter('behaviours', []) as string[]).filter((value): value is Behaviour => value in BEHAVIOURS && value !== 'reported');
		if (behaviours.length === 0) throw settingsError(ctx, 'Failed Behaviours is empty', 'Choose at least one behaviour that counts as failing the simulation, e.g. Clicked Link.');
		const unavailable = behaviours.filter((behaviour) => !spec.failBehaviours.includes(behaviour));
		if (unavailable.length > 0) {
			throw settingsError(
				ctx,
				`${unavailable.map((behaviour) => BEHAVIOURS[behaviour].label).join(', ')} cannot happen in a ${spec.noun}`,
				`Choose among ${spec.failBehaviours.map((behaviour) => BEHAVIOURS[behaviour as Behaviour].label).join(', ')} for ${spec.label}.`,
			);
		}
		return { channel, behaviours };
	},
	cursorConfig: (settings) => ({ behaviours: settings.behaviours }),
	sources: simulationSources,
};
