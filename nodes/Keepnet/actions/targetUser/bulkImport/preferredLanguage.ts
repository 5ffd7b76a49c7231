import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { refuseStoredValuesOverUpdateLimits } from '../../../helpers/updateCarry';
import { findTargetUserByEmail, getTargetUser, updateTargetUser } from '../api';
import { TARGET_USER_PROPERTY_LABELS, writableFieldsOf } from '../body';
import type { ImportRow } from './types';
import type { KeepnetSession } from '../../../transport/session';

/**
 * Import (bulk), step 5: the preferred language. No Keepnet client is shown mapping a language column in an import
 * (docs/keepnet-api.md#bulk-import lists the field names its web app sends, and a language is not among them), so a mapping could be
 * refused, failing the whole import, or silently ignored. The file therefore leaves the column out, and each
 * created or updated user that has a Preferred Language gets it by an update afterwards: the stored record read, the
 * language set, the record written back whole, then read again and compared.
 */
export async function setPreferredLanguageAfterImport(
	ctx: IExecuteFunctions,
	session: KeepnetSession,
	companyId: string,
	row: ImportRow,
): Promise<{ preferredLanguageSet: boolean; preferredLanguageError?: string }> {
	const wanted = String(row.body.preferredLanguageId);
	try {
		const stored = await findTargetUserByEmail(session, companyId, row.email, row.itemIndex);
		if (!stored?.resourceId) return { preferredLanguageSet: false, preferredLanguageError: `Keepnet does not list ${row.email} after the import` };
		const resourceId = String(stored.resourceId);
		// Keepnet's PUT replaces the whole record: everything stored goes back unchanged, only the language is set.
		const body: IDataObject = { ...writableFieldsOf(stored), preferredLanguageId: wanted };
		refuseStoredValuesOverUpdateLimits(ctx, 'targetUser', body, new Set(['preferredLanguageId']), {
			itemIndex: row.itemIndex,
			record: `target user ${row.email} ("${resourceId}")`,
			labels: TARGET_USER_PROPERTY_LABELS,
		});
		await updateTargetUser(session, companyId, resourceId, body, row.itemIndex);
		const readBack = await getTargetUser(session, companyId, resourceId, row.itemIndex);
		if (readBack.preferredLanguageId !== wanted) {
			return { preferredLanguageSet: false, preferredLanguageError: `Keepnet stored preferred language "${String(readBack.preferredLanguageId ?? '')}" instead of "${wanted}"` };
		}
		return { preferredLanguageSet: true };
	} catch (error) {
		return { preferredLanguageSet: false, preferredLanguageError: error instanceof Error ? error.message : String(error) };
	}
}
