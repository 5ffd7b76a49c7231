import type { IDataObject } from 'n8n-workflow';

import { failedAfterRateLimit, writeOutcomeInDoubt } from '../../../transport/request';
import { createTargetUser, findTargetUserByEmail } from '../api';
import type { PreparedTargetUserWrite } from '../body';
import { claimCreated, createdFromRow } from './createdByRun';
import type { KeepnetSession } from '../../../transport/session';

/** Attempts at the create step; before each repeat the email is looked up again. */
const CREATE_ATTEMPTS = 3;

/**
 * Creates the user; after a create whose outcome is in doubt (a 5xx or lost connection, or a refusal after a 429 the
 * gateway may have given the answer rather than the request) the email is looked up first. The user found is the
 * one this item created when it holds what the row sent (createdByRun.ts): `created`; otherwise it is another
 * client's, written meanwhile: `existing`, to be updated. Nothing found after a 5xx: the create is tried again.
 */
export async function createChecked(
	session: KeepnetSession,
	prepared: PreparedTargetUserWrite,
	email: string,
	itemIndex: number,
): Promise<{ created: string } | { existing: IDataObject }> {
	for (let attempt = 1; ; attempt++) {
		let createFailure: unknown;
		try {
			const resourceId = await createTargetUser(session, prepared.companyId, prepared.body, itemIndex);
			claimCreated(session, resourceId);
			return { created: resourceId };
		} catch (error) {
			createFailure = error;
		}
		// The transport already raised a NodeApiError/NodeOperationError naming the item: pass it on as it is.
		const inDoubt = writeOutcomeInDoubt(createFailure);
		if (!inDoubt && !failedAfterRateLimit(createFailure)) throw createFailure;
		const existing = await findTargetUserByEmail(session, prepared.companyId, email, itemIndex);
		if (existing?.resourceId) {
			const ours = createdFromRow(session, existing, prepared.body);
			return ours === undefined ? { existing } : { created: ours };
		}
		// Looked before trying again, so a retry can never make a second user with the same email.
		if (!inDoubt || attempt >= CREATE_ATTEMPTS) throw createFailure;
	}
}

