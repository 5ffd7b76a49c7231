import type { IDataObject } from 'n8n-workflow';

/**
 * The shapes the steps of a bulk import share (settings, rows, outcomes, a failed flow). They live here, apart from
 * the steps, so that each step depends on this file and none on another step's module for a type: no import cycles.
 */

/** Keepnet's import types, as its web console sends them. */
export const IMPORT_MODES = ['ImportAll', 'OnlyNew', 'OnlyUpdateExisting'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const DEFAULT_MAX_WAIT_SECONDS = 600;

export interface ImportRow {
	itemIndex: number;
	email: string;
	body: IDataObject;
}

export interface ImportSettings {
	companyId: string;
	mode: ImportMode;
	targetGroupIds: string[];
	maxWaitMs: number;
	stopOnInvalidRow: boolean;
}

/** What happened to one row, as the Import operation outputs it. */
export type RowOutcome = { outcome: 'created' | 'updated' | 'skipped' | 'invalid' | 'failed' | 'unknown'; reason?: string; resourceId?: string; email?: string };

/**
 * A failure of the import flow, with whether Keepnet may already have written users: false up to the
 * import call (upload, mapping and preview only stage the file), true once the import call may have
 * reached Keepnet (its answer was a 5xx or lost, or it was accepted and following the job failed).
 */
export interface ImportFlowFailure {
	message: string;
	cause: unknown;
	mayHaveWritten: boolean;
	ids: { transactionId?: string; importJobId?: string };
	/** Keepnet's verdict per row, when the flow got as far as reading it. */
	preview?: IDataObject[];
}
