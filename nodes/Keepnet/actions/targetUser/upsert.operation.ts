import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { refuseStoredValuesOverUpdateLimits } from '../../helpers/updateCarry';
import { inputError } from '../../helpers/validation';
import type { OperationOutput } from '../types';
import { findTargetUserByEmail, updateTargetUser } from './api';
import { type PreparedTargetUserWrite, prepareTargetUserWrite, TARGET_USER_PROPERTY_LABELS, writableFieldsOf } from './body';
import { type BulkItemOperation, bulkWriteOperation, createChecked, createdFromRow, findExistingUser, knownExistingUser, rememberCreatedUser } from './bulkImport';
import { targetUserWriteFields } from './fields';

const createdOutput = (prepared: PreparedTargetUserWrite, resourceId: string): OperationOutput => ({
	json: { action: 'created', resourceId, companyId: prepared.companyId, ...prepared.body },
});

/**
 * Create or Update, matched by email within the selected company: the existing user is updated (fields
 * not set here keep their stored values), otherwise a user is created. Rows with the same email run one
 * after another, so a batch can never create the same person twice.
 */
export const description: INodeProperties[] = targetUserWriteFields('upsert');

/** One row: the user with its email updated, or created when the company has none (after the bulk import, what it left). */
const createOrUpdateOne: BulkItemOperation = {
	kind: 'item',
	concurrent: true,
	async prepare(itemIndex, session) {
		// The row may end up as an update, whose limits are stricter: check against those up front.
		// The phone number may stay empty: an existing user keeps its stored one (checked in run for a new user).
		return await prepareTargetUserWrite(this, session, itemIndex, 'update', false);
	},
	identifyBy: ['email'],
	async run(prepared, itemIndex, session, bulkHint) {
		const email = String(prepared.body.email);
		// After the bulk import saw or may have written this email, the index read before it is out of date.
		const existing =
			bulkHint !== undefined
				? await findTargetUserByEmail(session, prepared.companyId, email, itemIndex)
				: await findExistingUser(session, prepared.companyId, email, itemIndex);
		const update = async (stored: IDataObject): Promise<OperationOutput[]> => {
			const resourceId = String(stored.resourceId);
			const body: IDataObject = { ...writableFieldsOf(stored), ...prepared.body };
			refuseStoredValuesOverUpdateLimits(this, 'targetUser', body, new Set(Object.keys(prepared.body)), {
				itemIndex,
				record: `target user ${email} ("${resourceId}")`,
				labels: TARGET_USER_PROPERTY_LABELS,
			});
			await updateTargetUser(session, prepared.companyId, resourceId, body, itemIndex);
			return [{ json: { action: 'updated', resourceId, companyId: prepared.companyId, ...body } }];
		};
		if (existing?.resourceId) {
			// The bulk import may have created it before its answer was lost: then it is reported created, not written again.
			const ours = bulkHint === 'importMayHaveCreated' ? createdFromRow(session, existing, prepared.body) : undefined;
			if (ours === undefined) return await update(existing);
			rememberCreatedUser(session, prepared.companyId, email, ours);
			return [createdOutput(prepared, ours)];
		}
		if (prepared.body.phoneNumber === undefined) {
			throw inputError(
				this,
				itemIndex,
				`Phone Number is required to create ${email}`,
				'No target user with this email exists in the company yet, and Keepnet needs a phone number to create one. Set Phone Number (or a phone column with Map Automatically).',
			);
		}
		const outcome = await createChecked(session, prepared, email, itemIndex);
		if ('existing' in outcome) return await update(outcome.existing);
		rememberCreatedUser(session, prepared.companyId, email, outcome.created);
		return [createdOutput(prepared, outcome.created)];
	},
};

export const handler = bulkWriteOperation({
	perItem: createOrUpdateOne,
	readExistingUsers: true,
	oneAtATimePerEmail: true,
	// Only users the company does not have yet (by the index read before); updates always go one by one.
	isCandidate: (item, session) => item.body.phoneNumber !== undefined && knownExistingUser(session, item.companyId, String(item.body.email)) === null,
	// An existing user is updated on the per-item path; only an invalid row fails.
	rowMayFail: (status) => status !== 'New' && status !== 'Exists',
	createdOutput: (item, resourceId, session) => {
		rememberCreatedUser(session, item.companyId, String(item.body.email), resourceId);
		return createdOutput(item, resourceId);
	},
});
