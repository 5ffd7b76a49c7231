/**
 * The simulation channels whose campaigns share one API shape (docs/results-reporting.md): email phishing,
 * smishing (SMS) and quishing (QR code). Smishing and quishing reuse the phishing request schemas and the run
 * summary; only the base path, the campaign-id field of a run row and the delivery count differ.
 */

export type SimulationChannel = 'phishing' | 'smishing' | 'quishing';

export interface ReportUsersOption {
	name: string;
	/** The `{searchType}` path value (the web app's lower-case spelling; the enum is shared by the three channels). */
	value: string;
	description?: string;
}

export interface ChannelSpec {
	channel: SimulationChannel;
	/** Resource value in the node, e.g. smishingCampaign. */
	resource: string;
	/** Capitalised name used in texts, e.g. "Smishing". */
	label: string;
	/** Lower-case noun for messages, e.g. "smishing campaign". */
	noun: string;
	/** `/api/<channel>-simulator/<channel>-campaign`. */
	campaignBase: string;
	/** `/api/<channel>-simulator/<channel>-campaign-job-report`. */
	reportBase: string;
	/** Field of a cross-campaign run row that holds the campaign's ID. */
	campaignIdField: string;
	/** Field of a run row that counts delivered messages. */
	deliveredField: string;
	/** The picker method listing this channel's campaigns. */
	searchListMethod: string;
	/** Which users Get Report can list. */
	reportUsers: ReportUsersOption[];
	/** The failing behaviours (user-list searchTypes) the trigger's Simulation Failed can watch in this channel. */
	failBehaviours: string[];
	/** Whether users can report this channel's simulation (an SMS has no report button). */
	canBeReported: boolean;
}

const ALL_USERS: ReportUsersOption = { name: 'All Users', value: 'all', description: 'Everyone the run sent to' };
const NO_RESPONSE: ReportUsersOption = { name: 'Did Not Respond', value: 'noresponse' };
const CLICKED: ReportUsersOption = { name: 'Clicked the Link', value: 'clicked' };
const SUBMITTED: ReportUsersOption = { name: 'Submitted Data', value: 'submitteddata' };
const OPENED: ReportUsersOption = { name: 'Opened the Email', value: 'opened' };
const REPORTED: ReportUsersOption = { name: 'Reported the Email', value: 'reported' };

function channelSpec(
	channel: SimulationChannel,
	label: string,
	deliveredField: string,
	searchListMethod: string,
	reportUsers: ReportUsersOption[],
	failBehaviours: string[],
	canBeReported: boolean,
): ChannelSpec {
	return {
		channel,
		resource: `${channel}Campaign`,
		label,
		noun: `${channel} campaign`,
		campaignBase: `/api/${channel}-simulator/${channel}-campaign`,
		reportBase: `/api/${channel}-simulator/${channel}-campaign-job-report`,
		campaignIdField: `${channel}CampaignResourceId`,
		deliveredField,
		searchListMethod,
		// Sorted by name, as n8n's lint rules want option lists.
		reportUsers: [...reportUsers].sort((a, b) => a.name.localeCompare(b.name)),
		failBehaviours,
		canBeReported,
	};
}

export const CHANNELS: Record<SimulationChannel, ChannelSpec> = {
	phishing: channelSpec('phishing', 'Phishing', 'emailDeliveredUserCount', 'searchPhishingCampaigns', [
		ALL_USERS,
		CLICKED,
		NO_RESPONSE,
		{ name: 'Opened an Attachment', value: 'attachmentopened' },
		OPENED,
		REPORTED,
		SUBMITTED,
	], ['clicked', 'submitteddata', 'attachmentopened', 'mfa'], true),
	// An SMS has no email to open, attachment or report button: the behaviours that exist are the link and the form.
	smishing: channelSpec('smishing', 'Smishing', 'smsDeliveredUserCount', 'searchSmishingCampaigns', [ALL_USERS, CLICKED, NO_RESPONSE, SUBMITTED], ['clicked', 'submitteddata', 'mfa'], false),
	// A quishing email carries a QR code: opened, scanned (counted as clicked), submitted, reported.
	quishing: channelSpec('quishing', 'Quishing', 'emailDeliveredUserCount', 'searchQuishingCampaigns', [ALL_USERS, { ...CLICKED, name: 'Scanned the QR Code' }, NO_RESPONSE, OPENED, REPORTED, SUBMITTED], ['clicked', 'submitteddata', 'mfa'], true),
};

/** Run statuses (docs/keepnet-api.md#campaign-runs), for the Get Runs status filter. */
export const RUN_STATUSES = ['Canceled', 'Completed', 'Error', 'Idle', 'Paused', 'Running', 'Scheduled'] as const;

/** Callback simulations have their own API shape (actions/callbackCampaign); the pickers need their campaign search. */
export const CALLBACK_CAMPAIGN_SEARCH_PATH = '/api/callback-simulator/campaign/search';
