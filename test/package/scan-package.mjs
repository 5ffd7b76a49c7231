#!/usr/bin/env node
/**
 * Offline replay of the lint step of n8n's verification scanner (@n8n/scan-community-package).
 * The scanner downloads the published tarball and the provenance-attested source from the internet;
 * here the tarball comes from a local `npm pack` (see pack-package.mjs) and the source is the built
 * copy of this repository. What is replayed, as the scanner does it:
 *  - inline configuration is ignored (`allowInlineConfig: false`): eslint-disable comments count for nothing;
 *  - this repository's eslint.config.mjs is NOT used: the rule set is built here, independently of it:
 *    @n8n/eslint-plugin-community-nodes `recommended` on every linted file, plus no-console, plus
 *    eslint-plugin-n8n-nodes-base's `community` rules on package.json and its `credentials`/`nodes`
 *    rules on .ts files under credentials/ and nodes/ (with the same rules switched off that the
 *    scanner switches off), @typescript-eslint/parser for .ts and .json;
 *  - source leg: package.json and {nodes,credentials}/**\/*.{js,ts,json};
 *    tarball leg: every .js file of the unpacked tarball plus its package.json;
 *  - a leg fails on any error; warnings are reported too, and this script fails on them as well,
 *    because the package aims at zero findings.
 *
 * Usage: node test/package/scan-package.mjs [<sourceDir> <packageDir>]
 * Without arguments it packs the repository first (pack-package.mjs) and removes the temporary folder after.
 * Prints a stylish report per leg and a JSON summary line; exit code 0 only when both legs are clean.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { packPackage } from './pack-package.mjs';

// eslint-plugin-n8n-nodes-base reads NODE_ENV once, when it is loaded: under 'test' (as jest sets it) it
// treats every file as `Test.node.ts` and every node as a trigger, and reports things that are not there.
// The scanner runs without it, so it is removed before the plugins are loaded (hence dynamic imports).
delete process.env.NODE_ENV;
const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
const { default: tsParser } = await import('@typescript-eslint/parser');
const { ESLint } = await import('eslint');
const { default: n8nNodesBase } = await import('eslint-plugin-n8n-nodes-base');

/** Rules the scanner itself switches off for community packages (each contradicts a community-nodes rule or does not apply). */
const SWITCHED_OFF_BY_SCANNER = {
	credentials: [
		'n8n-nodes-base/cred-class-field-documentation-url-miscased',
		'n8n-nodes-base/cred-class-field-type-options-password-missing',
	],
	nodes: [
		'n8n-nodes-base/node-class-description-inputs-wrong-regular-node',
		'n8n-nodes-base/node-class-description-outputs-wrong',
		'n8n-nodes-base/node-param-type-options-max-value-present',
	],
};

function withRulesOff(rules, names) {
	return { ...rules, ...Object.fromEntries(names.map((name) => [name, 'off'])) };
}

/** The flat config the scanner lints with, assembled from the installed plugins. */
export function scannerConfig() {
	return [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: withRulesOff(n8nNodesBase.configs.credentials.rules, SWITCHED_OFF_BY_SCANNER.credentials),
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: withRulesOff(n8nNodesBase.configs.nodes.rules, SWITCHED_OFF_BY_SCANNER.nodes),
		},
		{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: tsParser } },
	];
}

/** Files under `root` (node_modules and package-lock.json excluded), relative with '/' separators. */
function listFiles(root) {
	const found = [];
	const walk = (directory) => {
		for (const entry of readdirSync(directory, { withFileTypes: true })) {
			if (entry.name === 'node_modules') continue;
			const full = join(directory, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile() && entry.name !== 'package-lock.json') found.push(relative(root, full).split(sep).join('/'));
		}
	};
	walk(root);
	return found;
}

const isSourceFile = (path) => path === 'package.json' || /^(nodes|credentials)\/.+\.(js|ts|json)$/.test(path);
const isTarballFile = (path) => path === 'package.json' || path.endsWith('.js');

/** Lints the chosen files of one directory with the scanner's rules; returns counts and a stylish report. */
export async function lintLeg(name, directory, select) {
	const files = listFiles(directory).filter(select);
	const eslint = new ESLint({
		cwd: directory,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: scannerConfig(),
	});
	const results = await eslint.lintFiles(files.map((file) => join(directory, file)));
	const formatter = await eslint.loadFormatter('stylish');
	return {
		name,
		directory,
		files: files.length,
		linted: results.length,
		errors: results.reduce((sum, result) => sum + result.errorCount, 0),
		warnings: results.reduce((sum, result) => sum + result.warningCount, 0),
		report: await formatter.format(results),
	};
}

export async function scan(sourceDir, packageDir) {
	return [
		await lintLeg('source', sourceDir, isSourceFile),
		await lintLeg('tarball', packageDir, isTarballFile),
	];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	let [sourceDir, packageDir] = process.argv.slice(2);
	let workDir;
	if (!sourceDir || !packageDir) {
		const packed = packPackage();
		({ workDir, stageDir: sourceDir, packageDir } = packed);
	}
	try {
		const legs = await scan(resolve(sourceDir), resolve(packageDir));
		for (const leg of legs) {
			process.stdout.write(`${leg.name} (${leg.directory}): ${leg.linted} files, ${leg.errors} errors, ${leg.warnings} warnings\n`);
			if (leg.report.trim()) process.stdout.write(`${leg.report}\n`);
		}
		const summary = legs.map(({ name, files, linted, errors, warnings }) => ({ name, files, linted, errors, warnings }));
		process.stdout.write(`SCAN-SUMMARY ${JSON.stringify(summary)}\n`);
		process.exitCode = legs.every((leg) => leg.linted > 0 && leg.errors === 0 && leg.warnings === 0) ? 0 : 1;
	} finally {
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	}
}
