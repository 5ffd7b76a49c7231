#!/usr/bin/env node
/**
 * Builds and packs the package the way a release does, without touching the working tree's dist/:
 * the repository is copied to a temporary folder (node_modules linked, not copied), `npm run build`
 * and `npm pack` run there, and the tarball is unpacked the way n8n's verification scanner unpacks
 * a downloaded package (`tar -xzf … --strip-components=1`).
 *
 * As a script it prints one JSON object (see `packPackage`) to stdout; progress goes to stderr.
 * The caller removes `workDir` when done.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Top-level entries that are machine-local or generated: never part of a fresh checkout. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', '.n8n-local', 'coverage', 'test-results']);

function run(command, args, cwd) {
	try {
		return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (error) {
		const output = [error.stdout, error.stderr].filter(Boolean).join('\n');
		throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${output}`);
	}
}

/**
 * @returns {{ workDir: string, stageDir: string, tarballPath: string, packageDir: string,
 *   packedFiles: string[], packResult: Record<string, unknown> }}
 *   workDir: the temporary folder holding everything below; stageDir: the built copy of the repository;
 *   packageDir: the unpacked tarball; packedFiles: every path in the tarball, relative to the package root.
 */
export function packPackage() {
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-keepnet-pack-'));
	const stageDir = join(workDir, 'source');
	cpSync(repositoryRoot, stageDir, {
		recursive: true,
		filter: (source) => {
			const topLevel = relative(repositoryRoot, source).split(sep)[0];
			return !NOT_COPIED.has(topLevel) && !source.endsWith('.tgz');
		},
	});
	symlinkSync(join(repositoryRoot, 'node_modules'), join(stageDir, 'node_modules'), 'dir');

	process.stderr.write('pack-package: npm run build\n');
	run('npm', ['run', 'build'], stageDir);

	process.stderr.write('pack-package: npm pack\n');
	const [packResult] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', workDir], stageDir));
	const tarballPath = join(workDir, packResult.filename);

	const packageDir = join(workDir, 'package');
	mkdirSync(packageDir);
	run('tar', ['-xzf', tarballPath, '-C', packageDir, '--strip-components=1'], workDir);

	return {
		workDir,
		stageDir,
		tarballPath,
		packageDir,
		packedFiles: packResult.files.map((file) => file.path).sort(),
		packResult,
	};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.stdout.write(`${JSON.stringify(packPackage(), null, 2)}\n`);
}
