/**
 * The published package, checked from the outside: the repository is built and packed in a temporary copy
 * (pack-package.mjs), the tarball is unpacked, and then
 *  - its contents and package.json are held to n8n's community-package rules;
 *  - n8n-core's own PackageDirectoryLoader (the class n8n uses to load an installed community package)
 *    loads it with nothing but `n8n-workflow` next to it, as on an n8n instance;
 *  - the lint step of n8n's verification scanner is replayed on the source and the tarball (scan-package.mjs).
 */
import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, INodeTypeDescription, Themed } from 'n8n-workflow';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';

interface PackedPackage {
	workDir: string;
	stageDir: string;
	tarballPath: string;
	packageDir: string;
	packedFiles: string[];
}

interface PackageJson {
	name: string;
	version: string;
	license?: string;
	keywords?: string[];
	files?: string[];
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n?: { n8nNodesApiVersion?: number; strict?: boolean; nodes?: string[]; credentials?: string[] };
}

interface Codex {
	node: string;
	categories?: string[];
	resources?: { primaryDocumentation?: Array<{ url: string }>; credentialDocumentation?: Array<{ url: string }> };
}

const repositoryRoot = resolve(__dirname, '..', '..');
const packScript = join(repositoryRoot, 'test', 'package', 'pack-package.mjs');
const scanScript = join(repositoryRoot, 'test', 'package', 'scan-package.mjs');

let packed: PackedPackage;
let packageJson: PackageJson;

function packedText(relativePath: string): string {
	return readFileSync(join(packed.packageDir, relativePath), 'utf8');
}

function isFullHttpsUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		return new URL(value).protocol === 'https:';
	} catch {
		return false;
	}
}

/** The `icon` of a description as light/dark file paths relative to the file that declares it (`file:` removed). */
function themedIconFiles(icon: unknown): { light: string; dark: string } {
	expect(icon).toEqual({ light: expect.stringMatching(/^file:.+\.svg$/), dark: expect.stringMatching(/^file:.+\.svg$/) });
	const { light, dark } = icon as { light: string; dark: string };
	return { light: light.slice('file:'.length), dark: dark.slice('file:'.length) };
}

/** n8n serves package icons at `icons/<package name>/<path inside the package>`: map back to the unpacked file. */
function servedIconFile(iconUrl: string): string {
	const prefix = `icons/${packageJson.name}/`;
	expect(iconUrl.startsWith(prefix)).toBe(true);
	return join(packed.packageDir, iconUrl.slice(prefix.length));
}

beforeAll(() => {
	const output = execFileSync(process.execPath, [packScript], { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	packed = JSON.parse(output) as PackedPackage;
	packageJson = JSON.parse(packedText('package.json')) as PackageJson;
	// An n8n instance provides n8n-workflow (the peer dependency) and nothing else; the scanner does not
	// look into node_modules, so this link changes nothing for it.
	const peerLink = join(packed.packageDir, 'node_modules', 'n8n-workflow');
	mkdirSync(dirname(peerLink), { recursive: true });
	symlinkSync(join(repositoryRoot, 'node_modules', 'n8n-workflow'), peerLink, 'dir');
}, 180_000);

afterAll(() => {
	if (packed?.workDir) rmSync(packed.workDir, { recursive: true, force: true });
});

describe('tarball contents', () => {
	it('holds only the build output, README.md, LICENSE and package.json', () => {
		const unexpected = packed.packedFiles.filter(
			(file) => !file.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(file),
		);
		expect(unexpected).toEqual([]);
		expect(packed.packedFiles).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
	});

	it('ships no TypeScript sources and no test code', () => {
		const sources = packed.packedFiles.filter((file) => (file.endsWith('.ts') && !file.endsWith('.d.ts')) || /(^|\/)test\//.test(file));
		expect(sources).toEqual([]);
	});

	it('contains every node and credential file that package.json names', () => {
		const declared = [...(packageJson.n8n?.nodes ?? []), ...(packageJson.n8n?.credentials ?? [])];
		expect(packageJson.n8n?.nodes?.length).toBeGreaterThan(0);
		expect(packageJson.n8n?.credentials?.length).toBeGreaterThan(0);
		for (const file of declared) expect(packed.packedFiles).toContain(file);
	});
});

describe('package.json of the tarball', () => {
	it('is a community node package: n8n-nodes-* name, keyword, MIT license, strict n8n API 1', () => {
		expect(packageJson.name).toMatch(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/);
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		expect(packageJson.files).toEqual(['dist']);
		expect(packageJson.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	// n8n's verification compares the npm package's repository with the GitHub repository its provenance names.
	it('names one GitHub repository in repository.url and homepage, and ships the MIT license text', () => {
		const manifest = packageJson as { repository?: { type?: string; url?: string }; homepage?: string };
		const repository = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)\.git$/.exec(manifest.repository?.url ?? '')?.[1];
		expect(manifest.repository?.type).toBe('git');
		expect(repository).toBeDefined();
		expect(manifest.homepage).toBe(`https://github.com/${repository}#readme`);
		expect(packed.packedFiles).toContain('LICENSE');
		expect(readFileSync(join(__dirname, '../../LICENSE'), 'utf8')).toMatch(/^MIT License/);
	});

	it('has no runtime dependencies and takes n8n-workflow from the n8n instance', () => {
		expect(Object.keys(packageJson.dependencies ?? {})).toEqual([]);
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});

describe('icons and codex next to the node', () => {
	function nodeFile(): string {
		const [file] = packageJson.n8n?.nodes ?? [];
		return file;
	}

	it('has light and dark SVG icons, different files with different drawings, square and self-contained', () => {
		const { Keepnet } = require(join(packed.packageDir, nodeFile())) as { Keepnet: new () => INodeType };
		const { light, dark } = themedIconFiles(new Keepnet().description.icon);
		expect(light).not.toBe(dark);
		const lightPath = posix.join(posix.dirname(nodeFile()), light);
		const darkPath = posix.join(posix.dirname(nodeFile()), dark);
		expect(packed.packedFiles).toEqual(expect.arrayContaining([lightPath, darkPath]));

		const lightSvg = packedText(lightPath);
		const darkSvg = packedText(darkPath);
		expect(lightSvg).not.toBe(darkSvg);
		for (const svg of [lightSvg, darkSvg]) {
			const viewBox = /<svg[^>]*\sviewBox="([^"]+)"/.exec(svg)?.[1].trim().split(/[\s,]+/).map(Number);
			expect(viewBox).toHaveLength(4);
			expect(viewBox?.[2]).toBeGreaterThan(0);
			expect(viewBox?.[2]).toBe(viewBox?.[3]);
			// Nothing fetched from elsewhere and nothing executable.
			expect(svg).not.toMatch(/<script|<image|<foreignObject|href=|url\((?!#)/i);
		}
	});

	it('has a codex file naming this package and node, with a category and full documentation URLs', () => {
		const codexPath = `${nodeFile()}on`;
		expect(packed.packedFiles).toContain(codexPath);
		const codex = JSON.parse(packedText(codexPath)) as Codex;
		expect(codex.node).toBe(`${packageJson.name}.keepnet`);
		expect(codex.categories?.length).toBeGreaterThan(0);
		const urls = [...(codex.resources?.primaryDocumentation ?? []), ...(codex.resources?.credentialDocumentation ?? [])];
		expect(codex.resources?.primaryDocumentation?.length).toBeGreaterThan(0);
		expect(codex.resources?.credentialDocumentation?.length).toBeGreaterThan(0);
		for (const { url } of urls) expect(isFullHttpsUrl(url)).toBe(true);
	});
});

describe('loaded by n8n-core the way an n8n instance loads a community package', () => {
	let loader: PackageDirectoryLoader;

	beforeAll(async () => {
		loader = new PackageDirectoryLoader(packed.packageDir);
		await loader.loadAll();
	});

	it('loads exactly the declared node and credential', () => {
		expect(loader.packageName).toBe(packageJson.name);
		expect(Object.keys(loader.nodeTypes)).toEqual(['keepnet', 'keepnetTrigger']);
		expect(Object.keys(loader.credentialTypes)).toEqual(['keepnetApi']);
	});

	it('gives the node a description n8n accepts: name, credential, tool use, subtitle, main input and output, codex', () => {
		const description: INodeTypeDescription = (loader.nodeTypes.keepnet.type as INodeType).description;
		expect(description).toMatchObject({
			name: 'keepnet',
			displayName: 'Keepnet',
			usableAsTool: true,
			inputs: ['main'],
			outputs: ['main'],
			communityNodePackageVersion: packageJson.version,
		});
		expect(description.subtitle).toEqual(expect.any(String));
		expect(description.credentials).toEqual([expect.objectContaining({ name: 'keepnetApi', required: true })]);
		expect(description.codex?.categories?.length).toBeGreaterThan(0);
		// The loader swapped the `file:` icons for served URLs; both must point at files in the package.
		const iconUrl = description.iconUrl as Themed<string>;
		expect(iconUrl).toEqual({ light: expect.any(String), dark: expect.any(String) });
		const { light, dark } = iconUrl as { light: string; dark: string };
		expect(existsSync(servedIconFile(light))).toBe(true);
		expect(existsSync(servedIconFile(dark))).toBe(true);
		const operations = description.properties.filter((property) => property.name === 'operation');
		expect(operations.length).toBeGreaterThan(0);
		for (const property of [description.properties.find((p) => p.name === 'resource'), ...operations]) {
			expect(property?.noDataExpression).toBe(true);
		}
	});

	it('gives the trigger a polling description n8n accepts: name ending in Trigger, no input, main output, no tool use, icons, codex', () => {
		const description: INodeTypeDescription = (loader.nodeTypes.keepnetTrigger.type as INodeType).description;
		expect(description).toMatchObject({
			name: 'keepnetTrigger',
			displayName: 'Keepnet Trigger',
			polling: true,
			group: ['trigger'],
			inputs: [],
			outputs: ['main'],
			communityNodePackageVersion: packageJson.version,
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(typeof (loader.nodeTypes.keepnetTrigger.type as INodeType).poll).toBe('function');
		expect(description.credentials).toEqual([expect.objectContaining({ name: 'keepnetApi', required: true })]);
		expect(description.codex?.categories?.length).toBeGreaterThan(0);
		const { light, dark } = description.iconUrl as { light: string; dark: string };
		expect(existsSync(servedIconFile(light))).toBe(true);
		expect(existsSync(servedIconFile(dark))).toBe(true);
		expect(description.properties.find((property) => property.name === 'event')?.noDataExpression).toBe(true);
	});

	it('gives the credential a full documentation URL, a test request and icons that exist', () => {
		const credential: ICredentialType = loader.credentialTypes.keepnetApi.type;
		expect(credential.displayName).toBe('Keepnet API');
		expect(isFullHttpsUrl(credential.documentationUrl)).toBe(true);
		expect(credential.test).toBeDefined();
		expect(credential.supportedNodes).toEqual(['keepnet', 'keepnetTrigger']);
		const { light, dark } = credential.iconUrl as { light: string; dark: string };
		expect(existsSync(servedIconFile(light))).toBe(true);
		expect(existsSync(servedIconFile(dark))).toBe(true);
	});
});

describe("n8n's verification scanner, lint step replayed offline", () => {
	it('finds no error and no warning in the source or in the packed tarball', () => {
		const result = spawnSync(process.execPath, [scanScript, packed.stageDir, packed.packageDir], {
			cwd: repositoryRoot,
			encoding: 'utf8',
		});
		const summaryLine = result.stdout.split('\n').find((line) => line.startsWith('SCAN-SUMMARY '));
		expect(summaryLine).toBeDefined();
		const legs = JSON.parse((summaryLine ?? '').slice('SCAN-SUMMARY '.length)) as Array<{
			name: string;
			linted: number;
			errors: number;
			warnings: number;
		}>;
		expect(legs.map((leg) => leg.name)).toEqual(['source', 'tarball']);
		for (const leg of legs) expect(leg.linted).toBeGreaterThan(0);
		const legsWithFindings = legs.filter((leg) => leg.errors + leg.warnings > 0).map((leg) => leg.name);
		// On failure the scanner's own report is the useful message, so it becomes the error.
		if (legsWithFindings.length > 0) throw new Error(`Scanner findings in ${legsWithFindings.join(' and ')}:\n${result.stdout}`);
		expect(result.status).toBe(0);
	}, 60_000);
});
