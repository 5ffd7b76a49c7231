/**
 * The bulk-import library: Keepnet's target-user import flow (upload, column mapping, preview, import job) and
 * what Target User Import, Create and Create or Update build on it (Sync creates its joiners with it too). They
 * import from this file only; the modules behind it are its own:
 *
 *   types.ts             the shapes the steps share (settings, rows, outcomes, a failed flow)
 *   createdByRun.ts      whether a user found by email is the one this run's row created
 *   existingUsers.ts     which emails a company has, read once for Create or Update
 *   createChecked.ts     one create whose outcome, when in doubt, is checked by looking the email up
 *   parameters.ts        Import step 1: settings and rows read and checked before anything is sent
 *   csvFile.ts           step 2: the rows as the CSV file the import reads
 *   job.ts               step 3: the job flow against Keepnet
 *   outcomes.ts          step 4: each row's outcome from the preview and the job
 *   preferredLanguage.ts step 5: the language the file cannot carry, set per user afterwards
 *   importUsers.ts       Target User → Import: the steps above for all input items
 *   bulkWrite.ts         Create / Create or Update (and Sync's joiners): new users created by one import, the
 *                        rest item by item, each run given the import's hint for its item (BulkImportHint)
 *
 * A module imports only modules listed above it (no import cycles).
 */
export { importTargetUsers } from './importUsers';
export { DEFAULT_MAX_WAIT_SECONDS } from './types';
export {
	bulkWriteOperation,
	sendNewUsersInBulk,
	type BulkCreateUse,
	type BulkImportHint,
	type BulkItemOperation,
	type BulkSendOutcome,
	type BulkWrite,
} from './bulkWrite';
export { findExistingUser, knownExistingUser, rememberCreatedUser } from './existingUsers';
export { claimCreated, createdFromRow } from './createdByRun';
export { createChecked } from './createChecked';
