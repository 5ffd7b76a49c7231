import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { buildFilter } from '../transport/search';
import { MAX_PAGE_SIZE } from './limits';
import { inputError } from './validation';
import type { KeepnetSession } from '../transport/session';

/**
 * A record given by name instead of ID (a resource locator's "By Name" mode), for catalogue content whose IDs
 * differ between Keepnet tenants while the names stay: the one record of the search whose name is exactly this
 * one, ignoring case. None, or more than one, is an error naming the field, before anything is written.
 */
export interface RecordByNameSpec {
	path: string;
	/** The search body without its filter (sort, extra flags). */
	body: IDataObject;
	companyId: string;
	nameField: string;
	idField: string;
	/** The field's label in the editor, e.g. "Training". */
	label: string;
}

export async function findRecordIdByName(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	session: KeepnetSession,
	spec: RecordByNameSpec,
	name: string,
	itemIndex: number | undefined,
): Promise<string> {
	const wanted = name.trim();
	if (wanted === '') throw inputError(ctx, itemIndex, `${spec.label} is empty`, `Enter the ${spec.label.toLowerCase()}'s name, or pick it from the list.`);
	const found = await session.search<IDataObject>(
		{ path: spec.path, body: { ...spec.body, filter: buildFilter([], wanted, ['Name']) }, companyId: spec.companyId, itemIndex },
		Number.POSITIVE_INFINITY,
		MAX_PAGE_SIZE,
	);
	const exact = found.filter((record) => String(record[spec.nameField] ?? '').trim().toLowerCase() === wanted.toLowerCase() && typeof record[spec.idField] === 'string');
	if (exact.length === 1) return String(exact[0][spec.idField]);
	if (exact.length > 1) {
		throw inputError(
			ctx,
			itemIndex,
			`${spec.label} "${wanted}" names ${exact.length} records in company "${spec.companyId}"`,
			`Their IDs are ${exact.map((record) => String(record[spec.idField])).join(', ')}. Pick one from the list, or give its ID.`,
		);
	}
	const similar = found.slice(0, 5).map((record) => `"${String(record[spec.nameField] ?? '')}"`);
	throw inputError(
		ctx,
		itemIndex,
		`${spec.label} "${wanted}" is not the name of any ${spec.label.toLowerCase()} company "${spec.companyId}" can use`,
		similar.length === 0 ? `Check the spelling, or pick the ${spec.label.toLowerCase()} from the list.` : `Names containing it: ${similar.join(', ')}. Use the exact name, or pick it from the list.`,
	);
}
