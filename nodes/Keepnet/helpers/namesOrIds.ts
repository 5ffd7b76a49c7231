import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { matchIdOrName, namedEntries } from './lookups';
import { inputError } from './validation';

/**
 * Fields that take records "by name or ID" (Role Names or IDs, Company Group Names or IDs): the editor stores IDs
 * picked from a list, while an expression may give names, so a workflow can refer to a record created moments
 * earlier, whose ID nobody could pick. Entries are checked here before any request; they are matched to the
 * records read from Keepnet when the item runs.
 */

/** Longer than any name Keepnet's editor allows; a longer entry is a mapping mistake. */
const ENTRY_MAX = 100;

/** A name or ID never holds a control character; a pasted line break or NUL would. */
const hasControlCharacter = (text: string): boolean =>
	[...text].some((character) => {
		const code = character.charCodeAt(0);
		return code < 0x20 || code === 0x7f;
	});

export interface NamesOrIdsField {
	/** The field as the editor shows it, e.g. "Role Names or IDs". */
	label: string;
	/** What one entry is, e.g. "role". */
	noun: string;
	/** An example expression and text for the messages, e.g. `{{ ['Company Admin'] }} or "Company Admin, Auditor"`. */
	example: string;
}

/**
 * The entries of a names-or-IDs field: a list (as the editor stores it) or comma-separated text (an expression).
 * Entries that can never be valid are refused: objects and lists, control characters, overlong text.
 */
export function namesOrIdsEntries(ctx: IExecuteFunctions, field: NamesOrIdsField, value: unknown, itemIndex: number): string[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined || value === null ? [] : [value];
	return raw
		.map((entry) => {
			if (entry === undefined || entry === null) return '';
			if (typeof entry !== 'string' && typeof entry !== 'number') {
				const kind = Array.isArray(entry) ? 'a list' : typeof entry === 'object' ? 'an object' : `a ${typeof entry}`;
				throw inputError(
					ctx,
					itemIndex,
					`${field.label} holds ${kind}, not a ${field.noun} name or ID`,
					`Map ${field.label} to ${field.noun} names or IDs (e.g. ${field.example}), not to a whole object.`,
				);
			}
			return String(entry).trim();
		})
		.filter((entry) => entry !== '')
		.map((entry) => {
			if (hasControlCharacter(entry)) {
				throw inputError(ctx, itemIndex, `${field.label} entry ${JSON.stringify(entry)} contains a control character`, `Remove line breaks, tabs and other control characters from the ${field.noun} name or ID.`);
			}
			if (entry.length > ENTRY_MAX) {
				throw inputError(ctx, itemIndex, `${field.label} entry is too long: ${entry.length} characters, at most ${ENTRY_MAX}`, `Enter a ${field.noun} name or ID, not a longer text.`);
			}
			return entry;
		});
}

/**
 * The IDs of the records the entries name: each entry is a record's ID (exact) or its name (any case). An entry
 * that matches no record, or a name shared by several, fails the item before anything is written.
 */
export function resolveNamesOrIds(
	ctx: IExecuteFunctions,
	field: NamesOrIdsField,
	entries: string[],
	records: IDataObject[],
	options: { where: string; itemIndex: number },
): string[] {
	const names = records.length === 0 ? 'none' : records.map((record) => `"${String(record.name ?? '')}"`).join(', ');
	const named = namedEntries(records);
	const resolved = entries.map((entry) => {
		// One matcher for every by-name-or-ID field (helpers/lookups.ts): the exact ID, else the name in any case.
		const matches = matchIdOrName(named, entry);
		if (matches.length > 1) {
			throw inputError(ctx, options.itemIndex, `${field.label}: ${matches.length} ${field.noun}s ${options.where} are named "${entry}"`, `Give the ${field.noun}'s ID instead of its name, or pick it from the list.`);
		}
		const record = matches[0];
		if (!record) {
			throw inputError(
				ctx,
				options.itemIndex,
				`${field.label}: "${entry}" is neither the name nor the ID of a ${field.noun} ${options.where}`,
				`The ${field.noun}s ${options.where} are ${names}. Use one of these names, or pick the ${field.noun} from the list.`,
			);
		}
		return String(record.resourceId);
	});
	return [...new Set(resolved)];
}
