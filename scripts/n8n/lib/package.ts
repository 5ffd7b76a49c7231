/**
 * Packs this project exactly as `npm publish` would (`npm pack`), so n8n gets what users get from the registry:
 * only the files listed in package.json "files", with its "n8n" section pointing at them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { PROJECT_ROOT } from './runtime';

export interface PackedPackage {
	name: string;
	version: string;
	tarballPath: string;
	/** Paths inside the tarball, e.g. "dist/nodes/Keepnet/Keepnet.node.js". */
	files: string[];
}

export function readProjectPackageJson(): { name: string; version: string; n8n?: { nodes?: string[]; credentials?: string[] } } {
	return JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
}

/** Requires a built dist/ (npm run build); fails with a clear message when a file n8n will look for is missing. */
export async function packProject(destination: string): Promise<PackedPackage> {
	const packageJson = readProjectPackageJson();
	const declared = [...(packageJson.n8n?.nodes ?? []), ...(packageJson.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !existsSync(path.join(PROJECT_ROOT, file)));
	if (missing.length > 0) {
		throw new Error(`package.json "n8n" lists files that do not exist (run npm run build?): ${missing.join(', ')}`);
	}
	await mkdir(destination, { recursive: true });
	const result = spawnSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: PROJECT_ROOT,
		encoding: 'utf8',
		// prepack/prepare scripts would rebuild; the caller has just built, and .npmrc ignores scripts anyway.
		env: { ...process.env, npm_config_ignore_scripts: 'true' },
	});
	if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
	const [packed] = JSON.parse(result.stdout) as Array<{ name: string; version: string; filename: string; files: Array<{ path: string }> }>;
	if (!packed) throw new Error(`npm pack printed nothing usable:\n${result.stdout}`);
	return {
		name: packed.name,
		version: packed.version,
		tarballPath: path.join(destination, packed.filename),
		files: packed.files.map((file) => file.path),
	};
}
