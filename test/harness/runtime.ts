/**
 * One-time set-up of the n8n-core services that node execution reaches through dependency injection
 * (`Container.get(...)` inside n8n-core). Everything here is n8n's own class, constructed the way the n8n
 * server constructs it at start-up; only configuration values are changed so that nothing leaves the
 * process or the temporary folder:
 * - InstanceSettings: its n8n folder is a per-process temporary folder (it writes a `config` file there).
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
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LogCaptureTransport } from './log-capture';

/** One folder per process, reused by every test file a jest worker runs, removed when the process exits. */
const HARNESS_N8N_FOLDER = join(tmpdir(), `n8n-nodes-keepnet-harness-${process.pid}`);

let ready: Promise<void> | undefined;

// A named function so that it can be recognised among the process's exit listeners: each test file has
// its own copy of this module, but the folder must be cleaned (and the listener added) once per process.
function removeN8nHarnessFolder(): void {
	rmSync(HARNESS_N8N_FOLDER, { recursive: true, force: true });
}

function registerFolderCleanup(): void {
	const alreadyRegistered = process
		.listeners('exit')
		.some((listener) => listener.name === removeN8nHarnessFolder.name);
	if (!alreadyRegistered) process.once('exit', removeN8nHarnessFolder);
}

function configureInstanceSettings(): void {
	mkdirSync(HARNESS_N8N_FOLDER, { recursive: true });
	registerFolderCleanup();
	const instanceSettingsConfig = Container.get(InstanceSettingsConfig);
	// Read-only in its type because n8n derives them from N8N_USER_FOLDER when the config is built; set
	// here instead so the harness does not change the test process's environment.
	Object.assign(instanceSettingsConfig, { n8nFolder: HARNESS_N8N_FOLDER, userHome: HARNESS_N8N_FOLDER });
	// Empty: InstanceSettings generates a key into <folder>/config, or reads the one an earlier test file
	// of this process wrote (a key given here would have to match that file).
	instanceSettingsConfig.encryptionKey = '';
	instanceSettingsConfig.enforceSettingsFilePermissions = false;
	Container.get(InstanceSettings);
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

async function configureBinaryData(): Promise<void> {
	Container.get(BinaryDataConfig).mode = 'default';
	await Container.get(BinaryDataService).init();
}

/** Idempotent; every harness entry point awaits it. */
export async function ensureN8nRuntime(): Promise<void> {
	ready ??= (async () => {
		configureInstanceSettings();
		configureLogger();
		await configureBinaryData();
	})();
	await ready;
}
