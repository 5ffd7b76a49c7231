/**
 * What the two simulation events (Simulation Failed, Simulation Reported) share: the Channel field and its reading,
 * the behaviours Keepnet reports per user, and the sources that read them.
 */
import type { INodeProperties, IPollFunctions } from 'n8n-workflow';

import { CHANNELS, type ChannelSpec, type SimulationChannel } from '../../Keepnet/helpers/simulationChannels';
import { buildFilter } from '../../Keepnet/transport/search';
import { settingsError } from '../checks';
import { parseKeepnetDate } from '../cursor';
import { allRows, eventAt, POLL_PAGE_SIZE, type TimedSource } from '../sources';
import type { SourcesRequest } from './types';

/** Simulation behaviours the trigger can watch, with the row's time field (docs/keepnet-api.md#per-behaviour-user-reports). */
export const BEHAVIOURS = {
	clicked: { searchType: 'clicked', timeField: 'lastClickedTime', label: 'Clicked link' },
	submitteddata: { searchType: 'submitteddata', timeField: 'lastSubmittedTime', label: 'Submitted data' },
	attachmentopened: { searchType: 'attachmentopened', timeField: 'lastAttachmentOpenedTime', label: 'Opened attachment' },
	mfa: { searchType: 'mfa', timeField: 'mfaLastSubmittedTime', label: 'Submitted MFA code' },
	reported: { searchType: 'reported', timeField: 'lastReportedTime', label: 'Reported' },
} as const;
export type Behaviour = keyof typeof BEHAVIOURS;

/** What a simulation event watches. */
export interface SimulationSettings {
	channel: SimulationChannel;
	behaviours: Behaviour[];
}

/** The Channel field: one object both simulation events list, so it shows once, for both. */
export const channelField: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'options',
	default: 'phishing',
	description: 'Which kind of simulation to watch',
	options: [
		{ name: 'Email Phishing', value: 'phishing' },
		{ name: 'Quishing (QR Code)', value: 'quishing' },
		{ name: 'Smishing (SMS)', value: 'smishing', description: 'Cannot be reported: Simulation Failed only' },
	],
};

export function readChannel(ctx: IPollFunctions): SimulationChannel {
	const chosen = ctx.getNodeParameter('channel', 'phishing') as string;
	if (!Object.prototype.hasOwnProperty.call(CHANNELS, chosen)) throw settingsError(ctx, `Channel "${chosen}" is not one the trigger knows`, 'Choose Email Phishing, Smishing or Quishing.');
	return chosen as SimulationChannel;
}

/** Run statuses that record no user activity (docs/keepnet-api.md#campaign-runs). */
const RUNS_WITHOUT_ACTIVITY = new Set(['idle', 'scheduled', 'canceled', 'cancelled', 'error']);

/**
 * Simulation failed / reported (docs/keepnet-api.md#simulation-behaviour-events, option A) in one channel (email
 * phishing, smishing or quishing: the same run list and user lists as the Keepnet node's Get Runs and Get Report,
 * under the channel's base path): runs created within the active window, then per run and behaviour the users who
 * did it. Those lists are sorted by name in Keepnet's UI; sorting by event time is unverified, so every page is read
 * and the time window decides. Key = run + row + behaviour + last time: a user who clicks again later is a new event.
 */
export async function simulationSources({ env, event, company, settings, activeSinceMs }: SourcesRequest<SimulationSettings>): Promise<TimedSource[]> {
	const spec: ChannelSpec = CHANNELS[settings.channel];
	const runs = await allRows(
		env.session.pageReader({ path: `${spec.reportBase}/search`, body: { filter: buildFilter(), orderBy: 'CreatedDate', ascending: false }, companyId: company.resourceId }),
		POLL_PAGE_SIZE,
		(row) => {
			const created = parseKeepnetDate(row.createdDate);
			if (created !== undefined && created < activeSinceMs) return 'stop';
			if (typeof row[spec.campaignIdField] !== 'string' || typeof row.instanceGroup !== 'number') return 'skip';
			return RUNS_WITHOUT_ACTIVITY.has(String(row.status ?? '').toLowerCase()) ? 'skip' : 'keep';
		},
	);
	const sources: TimedSource[] = [];
	for (const run of runs) {
		const campaignId = String(run[spec.campaignIdField]);
		const instanceGroup = Number(run.instanceGroup);
		const campaign = { [spec.campaignIdField]: campaignId, instanceGroup, name: run.name ?? null };
		for (const behaviour of settings.behaviours) {
			const watched = BEHAVIOURS[behaviour];
			sources.push({
				ordered: false,
				readPage: env.session.pageReader({
					path: `${spec.reportBase}/${watched.searchType}/search/${encodeURIComponent(campaignId)}/${instanceGroup}`,
					body: { filter: buildFilter(), orderBy: 'FirstName', ascending: true, activityType: 0 },
					companyId: company.resourceId,
				}),
				toEvent: (row) =>
					typeof row.resourceId === 'string' && typeof row[watched.timeField] === 'string'
						? eventAt(`${campaignId}:${instanceGroup}:${row.resourceId}:${behaviour}@${String(row[watched.timeField])}`, row[watched.timeField], {
								event,
								channel: spec.channel,
								behaviour,
								eventTime: row[watched.timeField] ?? null,
								company: { ...company },
								campaign,
								record: row,
							})
						: undefined,
			});
		}
	}
	return sources;
}
