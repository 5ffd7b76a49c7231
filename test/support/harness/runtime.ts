/**
 * One-time set-up of the n8n-core services that node execution reaches through dependency injection
 * (`Container.get(...)` inside n8n-core). Everything here is n8n's own class, constructed the way the n8n
 * server constructs it at start-up; only configuration values are changed so that nothing leaves the
 * process or the temporary folder:
 * - InstanceSettings: its n8n folder is a fixed folder in the OS temp directory (see below).
 * - Logger: n8n's real Logger at level `debug` with no console/file output; a winston transport of ours
 *   collects every entry for the run that is in progress (see `log-capture.ts`).
 * - BinaryDataService: mode `default` (binary data kept in memory, base64 in the item), initialised as
 *   the server does.
 * - OutboundHttp, ErrorReporter, ExecutionContextService: built by the container from their defaults.
 *
 * Jest gives every test file a fresh module registry, so this runs once per test file; within a file it
 * runs once however many times the harness is used.
 */
import { Logger } from '@n8n/backend-common';
import { GlobalConfig, InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService, InstanceSettings } from 'n8n-core';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LogCaptureTransport } from './log-capture';

/**
 * n8n's user folder for the harness: one fixed folder in the OS temp directory, shared by every test
 * process (jest workers included) and left in place between runs. It holds n8n's small `config` file
 * (an encryption key, which nothing in the harness persists anything with) and an empty binary-data
 * `storage` folder. A fixed folder, because jest's sandboxed `process` runs no 'exit' listeners, so a
 * per-process folder could not be removed afterwards.
 */
const HARNESS_N8N_FOLDER = join(tmpdir(), 'n8n-nodes-keepnet-harness');

let ready: Promise<void> | undefined;

/**
 * Writes n8n's settings file before InstanceSettings looks for it, atomically (write, then rename), so
 * that parallel test processes never read a half-written file; InstanceSettings then only reads it.
 */
function ensureSettingsFile(): void {
	mkdirSync(HARNESS_N8N_FOLDER, { recursive: true });
	const settingsFile = join(HARNESS_N8N_FOLDER, 'config');
	if (existsSync(settingsFile)) return;
	const partialFile = `${settingsFile}.${process.pid}.tmp`;
	writeFileSync(partialFile, JSON.stringify({ encryptionKey: randomBytes(24).toString('base64') }), 'utf8');
	renameSync(partialFile, settingsFile);
}

/** Points n8n's instance settings at the harness folder; must run before anything builds InstanceSettings. */
function configureInstanceSettingsConfig(): void {
	ensureSettingsFile();
	const instanceSettingsConfig = Container.get(InstanceSettingsConfig);
	// Read-only in its type because n8n derives them from N8N_USER_FOLDER when the config is built; set
	// here instead so the harness does not change the test process's environment.
	Object.assign(instanceSettingsConfig, { n8nFolder: HARNESS_N8N_FOLDER, userHome: HARNESS_N8N_FOLDER });
	// Empty: InstanceSettings takes the key from the settings file (a key given here would have to match it).
	instanceSettingsConfig.encryptionKey = '';
	instanceSettingsConfig.enforceSettingsFilePermissions = false;
}

function configureLogger(): void {
	const globalConfig = Container.get(GlobalConfig);
	// `debug` so that tests see (and can scan for secrets) everything n8n would log at any level.
	globalConfig.logging.level = 'debug';
	globalConfig.logging.outputs = [];
	globalConfig.logging.scopes = [];
	// The constructor also points n8n-workflow's LoggerProxy (used by the execution engine) at it.
	const logger = new Logger(globalConfig, Container.get(InstanceSettingsConfig));
	logger.getInternalLogger().add(new LogCaptureTransport());
	Container.set(Logger, logger);
}

/*
 * Expressions: n8n 2.40.7 evaluates them in a sandbox by default (N8N_EXPRESSION_ENGINE=vm, on
 * isolated-vm, which cannot be built on Node 20). The harness leaves n8n-workflow on its in-process
 * `legacy` evaluator: the same expression language, with the same results for ordinary expressions such
 * as `={{$credentials.accessToken}}` or `={{ $json.email }}`. (The `quickjs` engine does run here, but
 * needs jest's --experimental-vm-modules and costs 100-300 ms per execution; see the README.)
 */

async function configureBinaryData(): Promise<void> {
	Container.get(BinaryDataConfig).mode = 'default';
	await Container.get(BinaryDataService).init();
}

/** Idempotent; every harness entry point awaits it. */
export async function ensureN8nRuntime(): Promise<void> {
	ready ??= (async () => {
		configureInstanceSettingsConfig();
		// Before any other n8n service: they take the Logger from the container when first built.
		configureLogger();
		Container.get(InstanceSettings);
		await configureBinaryData();
	})();
	await ready;
}
