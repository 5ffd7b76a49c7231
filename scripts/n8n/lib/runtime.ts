/**
 * Locating (and on first use installing) the real n8n that `npm start` and the end-to-end tests run.
 * The install itself lives in scripts/n8n/install.sh so that there is exactly one install path, usable from a
 * shell as well as from here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const INSTALL_SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'n8n', 'install.sh');

/** The n8n release `npm start` and the e2e tests use unless KEEPNET_N8N_VERSION says otherwise. */
export const DEFAULT_N8N_VERSION = '2.40.7';

export interface N8nRuntime {
	/** Exact n8n version, as `n8n --version` printed it when the install was verified. */
	version: string;
	major: number;
	installDir: string;
	/** Wrapper script that runs this n8n with the Node it was installed for. */
	n8nBin: string;
}

export function runtimeHome(): string {
	const home = process.env.HOME ?? '/tmp';
	return process.env.KEEPNET_N8N_HOME ?? path.join(home, '.cache', 'n8n-nodes-keepnet');
}

/**
 * Returns the installed runtime, installing it first when needed (minutes the first time; install progress is
 * shown on this process's stderr). `requestedVersion` accepts what install.sh accepts: 2.40.7, 1.123.x, ...
 */
export function ensureN8nRuntime(requestedVersion = process.env.KEEPNET_N8N_VERSION ?? DEFAULT_N8N_VERSION): N8nRuntime {
	const result = spawnSync('bash', [INSTALL_SCRIPT, '--version', requestedVersion, '--print-dir'], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
		env: process.env,
	});
	if (result.status !== 0) {
		throw new Error(`scripts/n8n/install.sh --version ${requestedVersion} failed (exit ${String(result.status)})`);
	}
	const installDir = result.stdout.trim().split('\n').pop() ?? '';
	const marker = path.join(installDir, '.install-complete');
	if (!existsSync(marker)) {
		throw new Error(`install.sh reported ${installDir}, which has no ${path.basename(marker)}`);
	}
	// The marker's first line is "n8n <version>", written only after `n8n --version` printed that version.
	const versionLine = readFileSync(marker, 'utf8').split('\n')[0] ?? '';
	const version = versionLine.replace(/^n8n\s+/, '').trim();
	return {
		version,
		major: Number(version.split('.')[0]),
		installDir,
		n8nBin: path.join(installDir, 'bin', 'n8n'),
	};
}
