import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Input checks that run before any request: a bad row is refused with the item, the field and the fix,
 * and nothing reaches Keepnet. Limits are the ones Keepnet's OpenAPI spec declares.
 */

/** Keepnet resource IDs are short ids of letters and digits; `-` and `_` are tolerated. They end up in headers and paths. */
export const KEEPNET_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const KEEPNET_ID_REGEX_SOURCE = '^[A-Za-z0-9_-]{1,64}$';

// Deliberately plain: one @, no spaces or control characters, a dot in the domain. Keepnet decides the rest.
const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;

export const TARGET_USER_PRIORITIES = ['VeryLow', 'Low', 'Medium', 'High', 'VeryHigh'] as const;

type Ctx = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export function inputError(ctx: Ctx, itemIndex: number | undefined, message: string, description: string): NodeOperationError {
	const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
	return new NodeOperationError(ctx.getNode(), `${message}${where}`, { itemIndex, description });
}

function shown(value: string): string {
	const printable = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	return printable;
}

export function requireKeepnetId(ctx: Ctx, value: unknown, field: string, itemIndex: number | undefined): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') {
		throw inputError(ctx, itemIndex, `${field} is empty`, `Set ${field}: pick it from the list or enter the Keepnet ID.`);
	}
	if (!KEEPNET_ID_PATTERN.test(text)) {
		throw inputError(
			ctx,
			itemIndex,
			`${field} ${shown(text)} is not a Keepnet ID`,
			`Keepnet IDs are 1 to 64 letters, digits, "-" or "_" (for example xC5kfGz7w2Nz). Pick ${field} from the list instead of typing it, or check the expression that sets it.`,
		);
	}
	return text;
}

export function optionalString(
	ctx: Ctx,
	value: unknown,
	field: string,
	itemIndex: number,
	limits: { max?: number; min?: number },
): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = textOf(ctx, value, field, itemIndex).trim();
	if (text === '') return undefined;
	checkLength(ctx, text, field, itemIndex, limits);
	return text;
}

export function requiredString(
	ctx: Ctx,
	value: unknown,
	field: string,
	itemIndex: number,
	limits: { max?: number; min?: number },
): string {
	const text = value === undefined || value === null ? '' : textOf(ctx, value, field, itemIndex).trim();
	if (text === '') {
		throw inputError(ctx, itemIndex, `${field} is required`, `Set ${field}, e.g. map it from the incoming data with an expression.`);
	}
	checkLength(ctx, text, field, itemIndex, limits);
	return text;
}

/**
 * A text value: strings, numbers and booleans as written. An object or array (e.g. a whole input item
 * mapped by mistake) is refused: sent on, it would arrive as "[object Object]" or "a,b".
 */
function textOf(ctx: Ctx, value: unknown, field: string, itemIndex: number): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
	throw inputError(
		ctx,
		itemIndex,
		`${field} is ${kind}, not text`,
		`Map ${field} to a single text value (e.g. {{ $json.email }}), not to a whole object or list.`,
	);
}

const TRUE_SPELLINGS = new Set(['true', 'yes', 'y', '1', 'on', 'active']);
const FALSE_SPELLINGS = new Set(['false', 'no', 'n', '0', 'off', 'inactive']);

/**
 * A true/false value as n8n or a spreadsheet gives it: a boolean, 1/0, or the usual spellings (true/false,
 * yes/no, y/n, on/off, active/inactive, any case). Empty means not set; anything else is refused.
 */
export function optionalBoolean(ctx: Ctx, value: unknown, field: string, itemIndex: number): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
	if (typeof value === 'string') {
		const spelling = value.trim().toLowerCase();
		if (spelling === '') return undefined;
		if (TRUE_SPELLINGS.has(spelling)) return true;
		if (FALSE_SPELLINGS.has(spelling)) return false;
	}
	const printable = typeof value === 'string' ? shown(value) : typeof value === 'object' ? (Array.isArray(value) ? 'a list' : 'an object') : String(value);
	throw inputError(ctx, itemIndex, `${field} ${printable} is not true or false`, `Set ${field} to true or false (yes/no, 1/0 and on/off are accepted too).`);
}

/** C0 control characters (U+0000–U+001F) and DEL (U+007F), checked by code unit instead of a regex range of control characters. */
function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code <= 0x1f || code === 0x7f) return true;
	}
	return false;
}

/**
 * A UTF-16 surrogate without its pair (a broken export, an emoji cut in half). JSON would carry it as an escape and
 * Keepnet store it as given, while the UTF-8 file of a bulk import can only carry it as U+FFFD ("\uFFFD"): refused, so that
 * what is stored never depends on the path a row takes.
 */
function hasLoneSurrogate(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0xd800 && code <= 0xdbff) {
			const next = text.charCodeAt(index + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				index++;
				continue;
			}
			return true;
		}
		if (code >= 0xdc00 && code <= 0xdfff) return true;
	}
	return false;
}

function checkLength(ctx: Ctx, text: string, field: string, itemIndex: number, limits: { max?: number; min?: number }) {
	if (hasControlCharacter(text)) {
		throw inputError(ctx, itemIndex, `${field} contains a control character (such as a line break or tab)`, `Remove line breaks and tabs from ${field}.`);
	}
	if (hasLoneSurrogate(text)) {
		throw inputError(
			ctx,
			itemIndex,
			`${field} contains a broken character (half of a UTF-16 pair, often from a damaged export or an emoji cut in two)`,
			`Fix ${field} in the source data, or remove the character (it shows as \uFFFD or a box).`,
		);
	}
	if (limits.max !== undefined && text.length > limits.max) {
		throw inputError(
			ctx,
			itemIndex,
			`${field} is too long: ${text.length} characters, Keepnet accepts at most ${limits.max}`,
			`Shorten ${field} to ${limits.max} characters or fewer.`,
		);
	}
	if (limits.min !== undefined && text.length < limits.min) {
		throw inputError(ctx, itemIndex, `${field} is too short: Keepnet needs at least ${limits.min} characters`, `Lengthen ${field}.`);
	}
}

export function requiredEmail(ctx: Ctx, value: unknown, field: string, itemIndex: number): string {
	const email = requiredString(ctx, value, field, itemIndex, { max: 320 });
	return checkEmail(ctx, email, field, itemIndex);
}

export function optionalEmail(ctx: Ctx, value: unknown, field: string, itemIndex: number): string | undefined {
	const email = optionalString(ctx, value, field, itemIndex, { max: 320 });
	return email === undefined ? undefined : checkEmail(ctx, email, field, itemIndex);
}

function checkEmail(ctx: Ctx, email: string, field: string, itemIndex: number): string {
	if (!EMAIL_PATTERN.test(email)) {
		throw inputError(ctx, itemIndex, `${field} ${shown(email)} is not a valid email address`, `Use an address like jane.doe@example.com in ${field}.`);
	}
	return email;
}

export function optionalPriority(ctx: Ctx, value: unknown, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = textOf(ctx, value, 'Priority', itemIndex).trim();
	const match = TARGET_USER_PRIORITIES.find((priority) => priority.toLowerCase() === text.replace(/[\s_-]/g, '').toLowerCase());
	if (!match) {
		throw inputError(ctx, itemIndex, `Priority ${shown(text)} is not one Keepnet knows`, `Use one of: ${TARGET_USER_PRIORITIES.join(', ')}.`);
	}
	return match;
}

export function keepnetIdList(ctx: Ctx, value: unknown, field: string, itemIndex: number): string[] {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) textOf(ctx, value, field, itemIndex);
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined || value === null ? [] : [value];
	return raw
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '' && entry !== undefined && entry !== null)
		.map((entry) => requireKeepnetId(ctx, entry, field, itemIndex));
}
