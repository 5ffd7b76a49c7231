import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './validation';
import type { KeepnetSession } from '../transport/session';

/**
 * Keepnet's reference lists that a field may name an entry of instead of giving its ID: the lookups a company is
 * created with (countries, industries, license types and periods…), the license modules, a company's roles. The
 * editor's pickers list them (methods/loadOptions.ts) and the operations read the same lists to turn a name into
 * its ID, so a workflow that names "United States" runs unchanged in every tenant, whose IDs differ.
 */

/** One entry of such a list. */
export interface NamedEntry {
	resourceId: string;
	name: string;
}

/** The entries of a list Keepnet answered ({resourceId, name} records; others left out). */
export function namedEntries(records: unknown): NamedEntry[] {
	return (Array.isArray(records) ? (records as unknown[]) : [])
		.filter((record): record is IDataObject => record !== null && typeof record === 'object' && typeof (record as IDataObject).resourceId === 'string' && (record as IDataObject).resourceId !== '')
		.map((record) => ({ resourceId: String(record.resourceId), name: String(record.name ?? record.resourceId) }));
}

/**
 * The entries `text` stands for: the one whose ID it is exactly, else those whose name it is, ignoring case and
 * surrounding spaces (more than one only where Keepnet lists a name twice).
 */
export function matchIdOrName(entries: NamedEntry[], text: string): NamedEntry[] {
	const wanted = text.trim();
	const byId = entries.find((entry) => entry.resourceId === wanted);
	if (byId) return [byId];
	const lower = wanted.toLowerCase();
	return entries.filter((entry) => entry.name.trim().toLowerCase() === lower);
}

/** A Keepnet list read with one request, not per company (the reseller's own lists). */
export interface LookupList {
	/** Identifies the list in a run's cache. */
	key: string;
	/** What one entry is, for messages: "country", "license module". */
	what: string;
	read(session: KeepnetSession, itemIndex?: number): Promise<NamedEntry[]>;
}

/** A lookup list: GET /api/lookups/{typeId} → LookupDto[] (docs/keepnet-api.md#company-lookups). */
function lookupType(typeId: number, what: string): LookupList {
	return {
		key: `lookup:${typeId}`,
		what,
		read: async (session, itemIndex) =>
			namedEntries(await session.request<IDataObject[] | undefined>({ method: 'GET', path: `/api/lookups/${typeId}`, retry: 'safe', itemIndex })),
	};
}

/** Keepnet's lookup lists by type id (1, 2, 3, 4, 5, 6, 7, 21) and the license modules (GET /api/lookups/licenses → allLicenseModules). */
export const LOOKUP_LISTS = {
	country: lookupType(1, 'country'),
	industry: lookupType(2, 'industry'),
	licenseType: lookupType(3, 'license type'),
	licensePeriod: lookupType(4, 'license period'),
	notificationTemplateType: lookupType(5, 'notification template type'),
	trainingContentType: lookupType(6, 'training content type'),
	smtpConfigurationType: lookupType(7, 'SMTP configuration type'),
	language: lookupType(21, 'language'),
	licenseModule: {
		key: 'licenses',
		what: 'license module',
		read: async (session, itemIndex) => {
			const licenses = await session.request<IDataObject | undefined>({ method: 'GET', path: '/api/lookups/licenses', retry: 'safe', itemIndex });
			return namedEntries(licenses?.allLicenseModules);
		},
	},
} satisfies Record<string, LookupList>;

/** The list as read once in this run (the session's cache): every item that names an entry of it shares the one request. */
function listOfRun(session: KeepnetSession, list: LookupList, itemIndex: number): Promise<NamedEntry[]> {
	const key = `lookups.${list.key}`;
	return session.cache(key, () => {
		const entries = list.read(session, itemIndex);
		// A read that failed is not kept: the next item that needs the list asks again.
		entries.catch(() => session.forget(key));
		return entries;
	});
}

/** A few names of the list for a message: those like the one given, else the first ones. */
function someNames(entries: NamedEntry[], given: string): string {
	const lower = given.trim().toLowerCase();
	const like = lower === '' ? [] : entries.filter((entry) => entry.name.toLowerCase().includes(lower) || lower.includes(entry.name.toLowerCase()));
	const shown = (like.length > 0 ? like : entries)
		.map((entry) => entry.name)
		.sort((a, b) => a.localeCompare(b))
		.slice(0, 5)
		.map((name) => `"${name}"`);
	return `${shown.join(', ')}${entries.length > shown.length ? ` (${entries.length} in all)` : ''}`;
}

/**
 * The ID for a value of a lookup field: an entry's ID as it is, or an entry's name (any case). A value that is
 * neither fails the item, naming some of the list's names; nothing has been written for the item then.
 */
export async function resolveLookupValue(ctx: IExecuteFunctions, session: KeepnetSession, list: LookupList, label: string, value: string, itemIndex: number): Promise<string> {
	const entries = await listOfRun(session, list, itemIndex);
	const found = matchIdOrName(entries, value);
	if (found.length === 1) return found[0].resourceId;
	if (found.length > 1) {
		throw inputError(
			ctx,
			itemIndex,
			`${label} "${value}" names ${found.length} entries of Keepnet's ${list.what} list`,
			`Their IDs are ${found.map((entry) => entry.resourceId).join(', ')}. Pick the one you mean from the list, or give its ID.`,
		);
	}
	throw inputError(
		ctx,
		itemIndex,
		`${label} "${value}" is neither the name nor the ID of any ${list.what} Keepnet lists`,
		entries.length === 0
			? `Keepnet lists no ${list.what} for this credential. Check the credential's account, or pick the ${list.what} from the list.`
			: `Keepnet's ${list.what} names include ${someNames(entries, value)}. Use one of these names exactly (case does not matter), or pick the ${list.what} from the list.`,
	);
}
