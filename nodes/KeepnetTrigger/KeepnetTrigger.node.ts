import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { searchCompanies } from '../Keepnet/methods/listSearch';
import { KEEPNET_CREDENTIAL_TYPE } from '../Keepnet/transport/credentialType';
import { eventFields, eventOptions, type TriggerEventName } from './events/index';
import { newestEvent, pollEvents, type TriggerState } from './poll';
import { configKey, DEFAULT_ACTIVE_WITHIN_DAYS, DEFAULT_LATE_WINDOW_MINUTES, readSettings } from './settings';
import type { PollEnv } from './sources';
import { KeepnetSession } from '../Keepnet/transport/session';

/** The event a new trigger node starts with. */
const DEFAULT_EVENT: TriggerEventName = 'newTargetUser';

function item(json: IDataObject): INodeExecutionData {
	return { json };
}

/**
 * Keepnet Trigger: polls Keepnet for the chosen event. The events, their fields and what a poll reads for each live
 * in events/ (one file per event, one map); this file assembles the description and runs a poll (docs/trigger.md).
 */
export class KeepnetTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keepnet Trigger',
		name: 'keepnetTrigger',
		icon: { light: 'file:keepnet.svg', dark: 'file:keepnet.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Keepnet events occur',
		defaults: { name: 'Keepnet Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: KEEPNET_CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				default: DEFAULT_EVENT,
				options: eventOptions(),
			},
			// Each event's own fields, and the Companies and Company fields for the events polled per company (events/index.ts).
			...eventFields(),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Emit Events Since',
						name: 'startFrom',
						type: 'dateTime',
						default: '',
						description: 'On first activation, emit the events since this date instead of starting from now. Ignored once the trigger has a cursor, and for the state events (license limit and license end).',
					},
					{
						displayName: 'Late Arrival Window (Minutes)',
						name: 'lateWindowMinutes',
						type: 'number',
						default: DEFAULT_LATE_WINDOW_MINUTES,
						typeOptions: { minValue: 0, maxValue: 1440 },
						description: 'Events dated up to this long before the newest event already emitted are still picked up once (clock skew, late writes)',
					},
					{
						displayName: 'Watch Runs and Enrollments Created Within (Days)',
						name: 'activeWithinDays',
						type: 'number',
						default: DEFAULT_ACTIVE_WITHIN_DAYS,
						typeOptions: { minValue: 1, maxValue: 3650 },
						description: 'For Training Completed and the simulation events: only enrollments and simulation runs created this recently are polled',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchCompanies } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		// The run's state (token, pacing) for every request of this poll: created here, once per poll.
		const env: PollEnv = { ctx: this, session: new KeepnetSession(this) };
		const now = Date.now();

		if (this.getMode() === 'manual') {
			const newest = await newestEvent(env, settings, now);
			if (newest === undefined) {
				throw new NodeOperationError(this.getNode(), `No "${settings.definition.label}" event found in Keepnet yet`, {
					description: 'Make the event happen in Keepnet (or choose another company or event) and fetch again. The trigger cursor was not changed.',
				});
			}
			return [[item(newest.json)]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const stored = staticData.keepnetTrigger as TriggerState | undefined;
		const previous = stored !== undefined && stored.config === configKey(settings) ? stored : undefined;
		// Every request of the poll must succeed before the cursor moves: a failure throws above this line,
		// so nothing is emitted and the next poll repeats the same window.
		const outcome = await pollEvents(env, settings, previous, now);
		staticData.keepnetTrigger = outcome.next;
		if (outcome.events.length === 0) return null;
		return [outcome.events.map((event) => item(event.json))];
	}
}
