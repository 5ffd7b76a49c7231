import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CHANNELS, type SimulationChannel } from '../Keepnet/helpers/simulationChannels';
import { KEEPNET_ID_PATTERN, KEEPNET_ID_REGEX_SOURCE } from '../Keepnet/helpers/validation';
import { ACROSS_COMPANIES_CONCURRENCY, isForbidden, runPaced } from '../Keepnet/actions/acrossCompanies';
import { searchCompanies } from '../Keepnet/methods/listSearch';
import { newRunState } from '../Keepnet/transport/request';
import { KEEPNET_CREDENTIAL_TYPE } from '../Keepnet/transport/credentialType';
import { advanceCursor, collectNewEvents, emptyCursor, parseKeepnetDate, type FoundEvent, type TimedCursor } from './cursor';
import {
	BEHAVIOURS,
	auditLogSource,
	listCompanies,
	newCompanySource,
	newTargetUserSource,
	simulationSources,
	targetUserUpdatedSource,
	trainingCompletedSources,
	type Behaviour,
	type CompanyRef,
	type PollEnv,
	type TimedSource,
} from './sources';

type TriggerEvent =
	| 'newCompany'
	| 'companyOverLicenseLimit'
	| 'licenseEndsSoon'
	| 'newTargetUser'
	| 'targetUserUpdated'
	| 'trainingCompleted'
	| 'simulationFailed'
	| 'simulationReported'
	| 'newAuditLogEntry';

/** Events polled once per customer company. */
const COMPANY_EVENTS: TriggerEvent[] = ['newTargetUser', 'targetUserUpdated', 'trainingCompleted', 'simulationFailed', 'simulationReported', 'newAuditLogEntry'];
/** Events that are a state of a company (not timestamped): emitted on entry into the state. */
const STATE_EVENTS: TriggerEvent[] = ['companyOverLicenseLimit', 'licenseEndsSoon'];

const DAY_MS = 86_400_000;
const DEFAULT_LATE_WINDOW_MINUTES = 5;
const DEFAULT_ACTIVE_WITHIN_DAYS = 30;
const DEFAULT_LICENSE_WITHIN_DAYS = 30;

const EVENT_LABELS: Record<TriggerEvent, string> = {
	newCompany: 'New Company',
	companyOverLicenseLimit: 'Company Over License Limit',
	licenseEndsSoon: 'License Ends Within N Days',
	newTargetUser: 'New Target User',
	targetUserUpdated: 'Target User Updated',
	trainingCompleted: 'Training Completed',
	simulationFailed: 'Simulation Failed',
	simulationReported: 'Simulation Reported',
	newAuditLogEntry: 'New Audit Log Entry',
};

/**
 * What the node keeps in its static data between polls. `config` is the event and scope the cursors were
 * made for: a changed trigger starts over as a first activation instead of reading a cursor of another event.
 */
interface TriggerState extends IDataObject {
	config: string;
	activatedAt: string;
	/** Timestamped events: one cursor per company (or 'reseller'). */
	cursors: Record<string, TimedCursor>;
	/** State events: company id → the value that was emitted (true, or the license end date). */
	members: Record<string, string>;
}

interface Settings {
	event: TriggerEvent;
	companies: 'all' | CompanyRef;
	behaviours: Behaviour[];
	/** The simulation channel Simulation Failed / Reported watch. */
	channel: SimulationChannel;
	licenseWithinDays: number;
	lateWindowMs: number;
	activeWithinDays: number;
	startFrom: string | null;
}

function settingsError(ctx: IPollFunctions, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { description });
}

function positiveWholeNumber(ctx: IPollFunctions, value: unknown, field: string, max: number): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1 || number > max) {
		throw settingsError(ctx, `${field} must be a whole number from 1 to ${max}`, `Set ${field} to a number of days between 1 and ${max}.`);
	}
	return number;
}

/** Reads and checks the parameters before any request. */
function readSettings(ctx: IPollFunctions): Settings {
	const event = ctx.getNodeParameter('event') as TriggerEvent;
	if (!(event in EVENT_LABELS)) throw settingsError(ctx, `Unknown event "${String(event)}"`, 'Pick an event from the Event list.');
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	let companies: Settings['companies'] = 'all';
	if (COMPANY_EVENTS.includes(event) && ctx.getNodeParameter('companyScope', 'all') === 'one') {
		const locator = ctx.getNodeParameter('companyId', {}) as IDataObject;
		const id = typeof locator.value === 'string' ? locator.value.trim() : '';
		if (!KEEPNET_ID_PATTERN.test(id)) {
			throw settingsError(
				ctx,
				id === '' ? 'Company is empty' : `Company ${JSON.stringify(id.slice(0, 60))} is not a Keepnet ID`,
				'Pick the company from the list, enter its Keepnet ID (for example xC5kfGz7w2Nz), or choose "All Companies I Manage".',
			);
		}
		companies = { resourceId: id, name: typeof locator.cachedResultName === 'string' ? locator.cachedResultName : null };
	}
	let behaviours: Behaviour[] = [];
	let channel: SimulationChannel = 'phishing';
	if (event === 'simulationFailed' || event === 'simulationReported') {
		const chosen = ctx.getNodeParameter('channel', 'phishing') as string;
		if (!Object.prototype.hasOwnProperty.call(CHANNELS, chosen)) throw settingsError(ctx, `Channel "${chosen}" is not one the trigger knows`, 'Choose Email Phishing, Smishing or Quishing.');
		channel = chosen as SimulationChannel;
	}
	const spec = CHANNELS[channel];
	if (event === 'simulationFailed') {
		behaviours = (ctx.getNodeParameter('behaviours', []) as string[]).filter((value): value is Behaviour => value in BEHAVIOURS && value !== 'reported');
		if (behaviours.length === 0) throw settingsError(ctx, 'Failed Behaviours is empty', 'Choose at least one behaviour that counts as failing the simulation, e.g. Clicked Link.');
		const unavailable = behaviours.filter((behaviour) => !spec.failBehaviours.includes(behaviour));
		if (unavailable.length > 0) {
			throw settingsError(
				ctx,
				`${unavailable.map((behaviour) => BEHAVIOURS[behaviour].label).join(', ')} cannot happen in a ${spec.noun}`,
				`Choose among ${spec.failBehaviours.map((behaviour) => BEHAVIOURS[behaviour as Behaviour].label).join(', ')} for ${spec.label}.`,
			);
		}
	}
	if (event === 'simulationReported') {
		if (!spec.canBeReported) throw settingsError(ctx, `A ${spec.noun} cannot be reported`, 'An SMS has no report button: watch Simulation Failed for smishing, or choose Email Phishing or Quishing.');
		behaviours = ['reported'];
	}
	const licenseWithinDays = event === 'licenseEndsSoon' ? positiveWholeNumber(ctx, ctx.getNodeParameter('licenseWithinDays', DEFAULT_LICENSE_WITHIN_DAYS), 'Days Before License End', 3650) : 0;
	const lateWindowMinutes = Number(options.lateWindowMinutes ?? DEFAULT_LATE_WINDOW_MINUTES);
	if (!Number.isInteger(lateWindowMinutes) || lateWindowMinutes < 0 || lateWindowMinutes > 1440) {
		throw settingsError(ctx, 'Late Arrival Window must be a whole number of minutes from 0 to 1440', 'Set Options → Late Arrival Window (Minutes), e.g. 5.');
	}
	const activeWithinDays = positiveWholeNumber(ctx, options.activeWithinDays ?? DEFAULT_ACTIVE_WITHIN_DAYS, 'Watch Runs and Enrollments Created Within (Days)', 3650);
	let startFrom: string | null = null;
	if (typeof options.startFrom === 'string' && options.startFrom.trim() !== '') {
		const ms = parseKeepnetDate(options.startFrom);
		if (ms === undefined) throw settingsError(ctx, `Emit Events Since "${options.startFrom}" is not a date`, 'Pick a date and time, or clear the option.');
		startFrom = new Date(ms).toISOString();
	}
	return { event, companies, behaviours, channel, licenseWithinDays, lateWindowMs: lateWindowMinutes * 60_000, activeWithinDays, startFrom };
}

function configKey(settings: Settings): string {
	return JSON.stringify({
		event: settings.event,
		companies: settings.companies === 'all' ? 'all' : settings.companies.resourceId,
		behaviours: [...settings.behaviours].sort(),
		licenseWithinDays: settings.licenseWithinDays,
	});
}

function item(json: IDataObject): INodeExecutionData {
	return { json };
}

/** The companies a per-company event polls: the chosen one, or every customer of the Reseller. */
async function companiesToPoll(env: PollEnv, settings: Settings): Promise<CompanyRef[]> {
	if (settings.companies !== 'all') return [settings.companies];
	const rows = await listCompanies(env);
	return rows.map((row) => ({ resourceId: String(row.companyResourceId), name: typeof row.companyName === 'string' ? row.companyName : null }));
}

/**
 * Runs one part of a poll per company, ACROSS_COMPANIES_CONCURRENCY at a time with the node's pacing under 429 (the
 * fan-out of "All Companies I Manage", docs/all-companies.md). With `allowSkip`, a company answering 403 (privacy
 * settings, or no longer managed; docs/keepnet-api.md#reseller-and-company-admin-credentials) yields undefined; any other failure fails the whole poll, once the
 * parts in flight have finished, so no cursor moves.
 */
async function perCompany<T>(env: PollEnv, companies: Array<CompanyRef | undefined>, allowSkip: boolean, run: (company: CompanyRef | undefined, index: number) => Promise<T>): Promise<Array<{ value: T } | undefined>> {
	const settled = await runPaced(env.state, ACROSS_COMPANIES_CONCURRENCY, companies.length, async (index) => await run(companies[index], index), (error) => !(allowSkip && isForbidden(error)));
	const failure = settled.find((outcome) => outcome !== undefined && !outcome.ok && !(allowSkip && isForbidden(outcome.error)));
	if (failure !== undefined && !failure.ok) throw failure.error;
	return settled.map((outcome) => (outcome?.ok ? { value: outcome.value } : undefined));
}

async function sourcesOf(env: PollEnv, settings: Settings, company: CompanyRef, now: number): Promise<TimedSource[]> {
	const activeSinceMs = now - settings.activeWithinDays * DAY_MS;
	switch (settings.event) {
		case 'newTargetUser':
			return [newTargetUserSource(env, company)];
		case 'targetUserUpdated':
			return [targetUserUpdatedSource(env, company)];
		case 'newAuditLogEntry':
			return [auditLogSource(env, company)];
		case 'trainingCompleted':
			return await trainingCompletedSources(env, company, activeSinceMs);
		case 'simulationFailed':
		case 'simulationReported':
			return await simulationSources(env, company, settings.behaviours, activeSinceMs, settings.event, CHANNELS[settings.channel]);
		default:
			return [newCompanySource(env)];
	}
}

/** The events of one cursor's sources, walked against that cursor; the cursor that results. */
async function collectForCursor(sources: TimedSource[], cursor: TimedCursor, lateWindowMs: number): Promise<{ events: FoundEvent[]; cursor: TimedCursor }> {
	const found = new Map<string, FoundEvent>();
	for (const source of sources) {
		const result = await collectNewEvents(source.fetchPage, source.toEvent, { cursor, lateWindowMs, ordered: source.ordered });
		for (const event of result.events) if (!found.has(event.key)) found.set(event.key, event);
	}
	const events = Array.from(found.values()).sort((a, b) => a.timeMs - b.timeMs || a.key.localeCompare(b.key));
	return { events, cursor: advanceCursor(cursor, events, lateWindowMs) };
}

interface PollOutcome {
	events: FoundEvent[];
	next: TriggerState;
}

/** Timestamped events: walk every company's sources from its cursor. */
async function pollTimed(env: PollEnv, settings: Settings, previous: TriggerState | undefined, now: number): Promise<PollOutcome> {
	const firstActivation = previous === undefined;
	const activatedAt = previous?.activatedAt ?? new Date(now).toISOString();
	const cursors: Record<string, TimedCursor> = {};
	const companies = settings.event === 'newCompany' ? [undefined] : await companiesToPoll(env, settings);
	const emitted: FoundEvent[] = [];
	const startCursors = companies.map((company) => {
		// First activation: learn the newest events (or start at the chosen date). A company that appears
		// later starts at the activation time, so its events since then are not lost.
		return previous?.cursors[company?.resourceId ?? 'reseller'] ?? emptyCursor(firstActivation ? settings.startFrom : (settings.startFrom ?? activatedAt));
	});
	const attempts = await perCompany(env, companies, settings.event !== 'newCompany' && settings.companies === 'all', async (company, index) => {
		const sources = await sourcesOf(env, settings, company ?? { resourceId: 'reseller', name: null }, now);
		return await collectForCursor(sources, startCursors[index], settings.lateWindowMs);
	});
	for (const [index, company] of companies.entries()) {
		const cursorKey = company?.resourceId ?? 'reseller';
		const attempt = attempts[index];
		if (attempt === undefined) {
			env.ctx.logger.warn(`Keepnet Trigger: skipped company "${cursorKey}" (access refused, HTTP 403); its cursor is unchanged`);
			continue;
		}
		const result = attempt.value;
		const learningOnly = firstActivation && settings.startFrom === null;
		if (!learningOnly) emitted.push(...result.events);
		let next = result.cursor;
		// A source with no events yet: from now on, everything counts (minus the late-arrival window for clock skew).
		if (next.highWater === null && next.notBefore === null) next = { ...next, notBefore: new Date(now - settings.lateWindowMs).toISOString() };
		cursors[cursorKey] = next;
	}
	// A company that is not listed now (the reseller no longer manages it, or Keepnet left it out of one answer)
	// keeps its cursor, for as long as the trigger keeps its settings: when it is listed again it resumes from
	// there instead of starting at the activation time, which would emit its events since then a second time.
	for (const [cursorKey, cursor] of Object.entries(previous?.cursors ?? {})) {
		if (cursors[cursorKey] === undefined) cursors[cursorKey] = cursor;
	}
	emitted.sort((a, b) => a.timeMs - b.timeMs || a.key.localeCompare(b.key));
	return { events: emitted, next: { config: configKey(settings), activatedAt, cursors, members: {} } };
}

function stateEvent(kind: TriggerEvent, row: IDataObject, extra: IDataObject): FoundEvent {
	const company = { resourceId: String(row.companyResourceId), name: typeof row.companyName === 'string' ? row.companyName : null };
	return { key: company.resourceId, timeMs: Date.now(), time: new Date().toISOString(), json: { event: kind, ...extra, company, record: row } };
}

/**
 * State events. Over the license limit: the companies Keepnet lists with isTargetUserCountExceededLimit.
 * License ending: companies whose licenseEndDate lies between now and now + N days. A company is emitted
 * when it enters the state (for the license: with a new end date), remembered while it stays, and forgotten
 * when it leaves, so it fires again on its next entry.
 */
async function pollState(env: PollEnv, settings: Settings, previous: TriggerState | undefined, now: number): Promise<PollOutcome> {
	const members: Record<string, string> = {};
	const current: FoundEvent[] = [];
	if (settings.event === 'companyOverLicenseLimit') {
		for (const row of await listCompanies(env, true)) {
			members[String(row.companyResourceId)] = 'overLimit';
			current.push(stateEvent(settings.event, row, { eventTime: new Date(now).toISOString() }));
		}
	} else {
		const until = now + settings.licenseWithinDays * DAY_MS;
		for (const row of await listCompanies(env, false, 'licenseEndDate', true)) {
			const end = parseKeepnetDate(row.licenseEndDate);
			if (end === undefined || end < now || end > until || row.licenceExpired === true) continue;
			members[String(row.companyResourceId)] = String(row.licenseEndDate);
			current.push(
				stateEvent(settings.event, row, { eventTime: new Date(now).toISOString(), licenseEndDate: row.licenseEndDate, daysLeft: Math.ceil((end - now) / DAY_MS) }),
			);
		}
	}
	const known = previous?.members ?? {};
	const events = previous === undefined ? [] : current.filter((event) => known[event.key] !== members[event.key]);
	return {
		events,
		next: { config: configKey(settings), activatedAt: previous?.activatedAt ?? new Date(now).toISOString(), cursors: {}, members },
	};
}

/** Fetch Test Event: the newest real event, whatever the cursor says; nothing is stored. */
async function newestEvent(env: PollEnv, settings: Settings, now: number): Promise<FoundEvent | undefined> {
	if (STATE_EVENTS.includes(settings.event)) return (await currentStateEvents(env, settings, now))[0];
	const companies = settings.event === 'newCompany' ? [undefined] : await companiesToPoll(env, settings);
	let newest: FoundEvent | undefined;
	const attempts = await perCompany(env, companies, settings.event !== 'newCompany' && settings.companies === 'all', async (company) => {
		const sources = await sourcesOf(env, settings, company ?? { resourceId: 'reseller', name: null }, now);
		const pages = [];
		for (const source of sources) pages.push({ source, page: await source.fetchPage(1) });
		return pages;
	});
	for (const attempt of attempts) {
		if (attempt === undefined) continue;
		for (const { source, page } of attempt.value) {
			for (const row of page.rows) {
				const event = source.toEvent(row);
				if (event !== undefined && (newest === undefined || event.timeMs > newest.timeMs)) newest = event;
			}
		}
	}
	return newest;
}

async function currentStateEvents(env: PollEnv, settings: Settings, now: number): Promise<FoundEvent[]> {
	const outcome = await pollState(env, settings, { config: '', activatedAt: '', cursors: {}, members: {} }, now);
	return outcome.events;
}

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
				default: 'newTargetUser',
				options: [
					{ name: 'Company Over License Limit', value: 'companyOverLicenseLimit', description: 'A customer starts using more seats than its license allows' },
					{ name: 'License Ends Within N Days', value: 'licenseEndsSoon', description: 'A customer license end date comes within the chosen number of days' },
					{ name: 'New Audit Log Entry', value: 'newAuditLogEntry', description: 'Someone changes something in a company (audit log)' },
					{ name: 'New Company', value: 'newCompany', description: 'A customer company is created under your Reseller account' },
					{ name: 'New Target User', value: 'newTargetUser', description: 'A target user is added to a company' },
					{ name: 'Simulation Failed', value: 'simulationFailed', description: 'A target user clicks a phishing link or submits data in a simulation' },
					{ name: 'Simulation Reported', value: 'simulationReported', description: 'A target user reports a simulated phishing email' },
					{ name: 'Target User Updated', value: 'targetUserUpdated', description: 'A target user record changes' },
					{ name: 'Training Completed', value: 'trainingCompleted', description: 'A target user completes an enrolled training' },
				],
			},
			{
				displayName: 'Companies',
				name: 'companyScope',
				type: 'options',
				default: 'all',
				description: 'Which customers to watch. With all companies, each poll lists your customers and polls each one.',
				displayOptions: { show: { event: COMPANY_EVENTS } },
				options: [
					{ name: 'All Companies I Manage', value: 'all' },
					{ name: 'One Company', value: 'one' },
				],
			},
			{
				displayName: 'Company',
				name: 'companyId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				description: 'The customer company to watch; every request of the poll acts in it (scope header)',
				displayOptions: { show: { event: COMPANY_EVENTS, companyScope: ['one'] } },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						placeholder: 'Select a company...',
						typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
					},
					{
						displayName: 'By ID',
						name: 'id',
						type: 'string',
						placeholder: 'e.g. xC5kfGz7w2Nz',
						validation: [{ type: 'regex', properties: { regex: KEEPNET_ID_REGEX_SOURCE, errorMessage: 'Not a valid Keepnet company ID' } }],
					},
				],
			},
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				default: 'phishing',
				description: 'Which kind of simulation to watch',
				displayOptions: { show: { event: ['simulationFailed', 'simulationReported'] } },
				options: [
					{ name: 'Email Phishing', value: 'phishing' },
					{ name: 'Quishing (QR Code)', value: 'quishing' },
					{ name: 'Smishing (SMS)', value: 'smishing', description: 'Cannot be reported: Simulation Failed only' },
				],
			},
			{
				displayName: 'Failed Behaviours',
				name: 'behaviours',
				type: 'multiOptions',
				default: ['clicked', 'submitteddata'],
				description: 'What counts as failing a simulation. Each behaviour of each user in each run is one event; a repeat later is a new event.',
				displayOptions: { show: { event: ['simulationFailed'] } },
				options: [
					{ name: 'Clicked Link', value: 'clicked' },
					{ name: 'Opened Attachment', value: 'attachmentopened' },
					{ name: 'Submitted Data', value: 'submitteddata' },
					{ name: 'Submitted MFA Code', value: 'mfa' },
				],
			},
			{
				displayName: 'Days Before License End',
				name: 'licenseWithinDays',
				type: 'number',
				default: DEFAULT_LICENSE_WITHIN_DAYS,
				typeOptions: { minValue: 1, maxValue: 3650 },
				description: 'Emit a company once when its license end date comes within this many days. A renewal with a new end date can fire again.',
				displayOptions: { show: { event: ['licenseEndsSoon'] } },
			},
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
		const env: PollEnv = { ctx: this, state: newRunState(this) };
		const now = Date.now();

		if (this.getMode() === 'manual') {
			const newest = await newestEvent(env, settings, now);
			if (newest === undefined) {
				throw new NodeOperationError(this.getNode(), `No "${EVENT_LABELS[settings.event]}" event found in Keepnet yet`, {
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
		const outcome = STATE_EVENTS.includes(settings.event) ? await pollState(env, settings, previous, now) : await pollTimed(env, settings, previous, now);
		staticData.keepnetTrigger = outcome.next;
		if (outcome.events.length === 0) return null;
		return [outcome.events.map((event) => item(event.json))];
	}
}
