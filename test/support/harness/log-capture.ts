/**
 * Collects what n8n's Logger emits, per harness call. n8n has one process-wide Logger (in the DI
 * container) and one LoggerProxy; several harness calls may run at once (Promise.all in a test), so each
 * call runs inside an AsyncLocalStorage scope holding its own list, and the transport appends to the list
 * of the scope the log call came from.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import TransportStream from 'winston-transport';

export interface CapturedLogEntry {
	level: string;
	message: string;
	/** Everything n8n attached to the entry: the caller's metadata plus the Logger's `file`/`function`. */
	meta?: unknown;
}

const currentRunLogs = new AsyncLocalStorage<CapturedLogEntry[]>();

/** Entries logged outside any harness call (e.g. by a timer a node left behind); kept for inspection. */
export const unattributedLogs: CapturedLogEntry[] = [];

/** Runs `run` with its log entries going to `logs` (a new list unless the caller passes its own). */
export async function withLogCapture<T>(
	run: (logs: CapturedLogEntry[]) => Promise<T>,
	logs: CapturedLogEntry[] = [],
): Promise<T> {
	return await currentRunLogs.run(logs, async () => await run(logs));
}

interface WinstonInfo {
	level: string;
	message: unknown;
	[key: string]: unknown;
}

/** A winston transport, added to n8n's Logger next to (here: instead of) its console and file outputs. */
export class LogCaptureTransport extends TransportStream {
	constructor() {
		super({ level: 'debug' });
	}

	override log(info: WinstonInfo, next: () => void): void {
		const { level, message } = info;
		const entry: CapturedLogEntry = {
			level,
			message: typeof message === 'string' ? message : JSON.stringify(message),
		};
		// String keys only (object rest would also copy winston's bookkeeping under symbol keys).
		const meta: Record<string, unknown> = {};
		for (const key of Object.keys(info)) {
			if (key !== 'level' && key !== 'message') meta[key] = info[key];
		}
		if (Object.keys(meta).length > 0) entry.meta = meta;
		(currentRunLogs.getStore() ?? unattributedLogs).push(entry);
		next();
	}
}
