import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { operationProperties } from '../../nodes/Keepnet/actions/registry';
import { nodeProperties, resources } from '../../nodes/Keepnet/actions/resources';
import { defineResource, type OperationModule } from '../../nodes/Keepnet/actions/types';
import { codeOf, importCycles, importGraph, REPOSITORY_ROOT, sourceFiles, type ImportGraph } from './sourceGraph';

const NODE_ROOT = resolve(__dirname, '../../nodes/Keepnet');

/** Every file (any kind) under `dir`, absolute. */
function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

const handlerModule: OperationModule = {
	description: [],
	handler: { kind: 'item', concurrent: false, prepare: () => ({}), run: async () => [] },
};

describe('one typed source for the Operation menu and its handlers', () => {
	it('rejects a menu entry without a module, at compile time and at run time', () => {
		expect(() =>
			defineResource({
				name: 'Example',
				description: 'An example resource',
				defaultOperation: 'get',
				operations: {
					// @ts-expect-error a menu entry without `module` (its description and handler) does not type-check
					get: { name: 'Get', action: 'Get an example', description: 'Get one' },
				},
			}),
		).toThrow('Operation "get" of resource "Example" has no description and handler');
	});

	it('rejects a default operation that is not in the menu, at compile time and at run time', () => {
		expect(() =>
			defineResource({
				name: 'Example',
				description: 'An example resource',
				// @ts-expect-error the default must be one of the menu's operations
				defaultOperation: 'getAll',
				operations: { get: { name: 'Get', action: 'Get an example', description: 'Get one', module: handlerModule } },
			}),
		).toThrow('The default operation "getAll" of resource "Example" is not in its menu');
	});

	it('builds each Operation menu from its resource: sorted by name, every entry with its handler', () => {
		const properties = nodeProperties();
		for (const [resource, definition] of Object.entries(resources)) {
			const menu = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource);
			const options = (menu?.options ?? []) as Array<{ name: string; value: string }>;
			expect(options.map((option) => option.name)).toEqual([...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
			expect(options.map((option) => option.value).sort()).toEqual(Object.keys(definition.operations).sort());
			expect(menu?.default).toBe(definition.defaultOperation);
		}
	});

	it("shows each operation's fields only for that resource and operation", () => {
		for (const [resource, definition] of Object.entries(resources)) {
			for (const [operation, entry] of Object.entries(definition.operations)) {
				expect(entry.module.description.length).toBeGreaterThan(0);
				// The module declares its fields without resource and operation; the registry adds them (registry.test.ts).
				for (const property of operationProperties(resource, operation, entry.module)) {
					expect({ field: property.name, resource: property.displayOptions?.show?.resource }).toEqual({ field: property.name, resource: [resource] });
					expect({ field: property.name, operations: property.displayOptions?.show?.operation }).toEqual({ field: property.name, operations: [operation] });
				}
			}
		}
	});
});

describe('layout', () => {
	const files = sourceFiles('nodes/Keepnet').map((file) => join(REPOSITORY_ROOT, file));

	it('every <operation>.operation.ts exports exactly `description` and `handler`', () => {
		const operationFiles = files.filter((file) => file.endsWith('.operation.ts'));
		expect(operationFiles.length).toBeGreaterThan(20);
		for (const file of operationFiles) {
			const exported = [...readFileSync(file, 'utf8').matchAll(/^export (?:const|function|async function|interface|type) (\w+)/gm)].map((match) => match[1]);
			expect({ file: relative(NODE_ROOT, file), exported: exported.sort() }).toEqual({ file: relative(NODE_ROOT, file), exported: ['description', 'handler'] });
		}
	});

	it('every operation file is in its resource\'s menu (no handler without a menu entry)', async () => {
		const inMenus = new Set<unknown>(Object.values(resources).flatMap((resource) => Object.values(resource.operations).map((entry) => entry.module.handler)));
		for (const file of files.filter((path) => path.endsWith('.operation.ts'))) {
			const module = (await import(file)) as OperationModule;
			expect({ file: relative(NODE_ROOT, file), inMenu: inMenus.has(module.handler) }).toEqual({ file: relative(NODE_ROOT, file), inMenu: true });
		}
	});
});

/** The shipped code: both nodes and the credential. */
const PACKAGE_SOURCES = [...sourceFiles('nodes'), ...sourceFiles('credentials')];

// ---------------------------------------------------------------------------------------------------------------
// No import cycles

describe('no import cycles in nodes/ and credentials/ (type-only imports count: they tie the files together too)', () => {
	const cycles = importCycles(importGraph(PACKAGE_SOURCES));

	it('finds a cycle when there is one, and names its path (the check itself)', () => {
		const graph: ImportGraph = new Map([
			['a.ts', ['b.ts']],
			['b.ts', ['c.ts']],
			['c.ts', ['a.ts', 'd.ts']],
			['d.ts', []],
			['e.ts', ['e.ts']],
		]);
		expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts'], ['e.ts', 'e.ts']]);
		expect(importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
	});

	it('has none', () => {
		expect(cycles.map((cycle) => cycle.join(' -> '))).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Layers

type Layer = 'transport' | 'helpers' | 'operation kit' | 'resources' | 'actions runtime' | 'methods' | 'node' | 'trigger' | 'trigger node' | 'credentials';

/**
 * actions/*.ts files that run the operations (registry, router, runner, the across-companies fan-out): above the
 * resources, which never import them. Every other actions/*.ts file is the operation kit (types.ts, shared
 * operation builders such as catalogueSearch.ts, pacing.ts) that resources build on.
 */
const ACTIONS_RUNTIME = ['resources.ts', 'registry.ts', 'router.ts', 'node.type.ts', 'acrossCompanies.ts'];

function layerOf(file: string): Layer {
	if (file.startsWith('credentials/')) return 'credentials';
	if (file === 'nodes/KeepnetTrigger/KeepnetTrigger.node.ts') return 'trigger node';
	if (file.startsWith('nodes/KeepnetTrigger/')) return 'trigger';
	const [folder, name, ...rest] = file.slice('nodes/Keepnet/'.length).split('/');
	if (name === undefined) return 'node';
	if (folder === 'transport' || folder === 'helpers' || folder === 'methods') return folder;
	if (folder === 'actions' && rest.length === 0) return ACTIONS_RUNTIME.includes(name) ? 'actions runtime' : 'operation kit';
	if (folder === 'actions') return 'resources';
	throw new Error(`${file} is in no layer: add its folder to layerOf in test/conventions/layout.test.ts`);
}

/** A resource's `api.ts`: the Keepnet queries its operations share with pickers and the trigger. */
const RESOURCE_API = 'resource api';

/**
 * What each layer may import. nodes/Keepnet, lowest first: transport < helpers < operation kit (actions/*.ts the
 * resources use) < resources (actions/<resource>/) < actions runtime (registry, router, the All Companies fan-out) < node
 * (Keepnet.node.ts); methods/ (pickers) read through transport, helpers and the resources' api.ts only. The
 * trigger reads through transport, helpers, the operation kit (the fan-out) and the resources' api.ts (its node file also offers the pickers);
 * nothing in nodes/Keepnet imports the trigger. The credential is a declaration over transport/.
 */
const MAY_IMPORT: Record<Layer, Array<Layer | typeof RESOURCE_API>> = {
	transport: ['transport'],
	helpers: ['transport', 'helpers'],
	'operation kit': ['transport', 'helpers', 'operation kit'],
	resources: ['transport', 'helpers', 'operation kit', 'resources'],
	'actions runtime': ['transport', 'helpers', 'operation kit', 'resources', 'actions runtime'],
	methods: ['transport', 'helpers', RESOURCE_API, 'methods'],
	node: ['transport', 'helpers', 'operation kit', 'resources', 'actions runtime', 'methods', 'node'],
	trigger: ['transport', 'helpers', 'operation kit', RESOURCE_API, 'trigger'],
	'trigger node': ['transport', 'helpers', 'operation kit', RESOURCE_API, 'methods', 'trigger', 'trigger node'],
	credentials: ['transport', 'credentials'],
};

function mayImport(file: string, target: string): boolean {
	const allowed = MAY_IMPORT[layerOf(file)];
	const targetLayer = layerOf(target);
	return allowed.includes(targetLayer) || (targetLayer === 'resources' && target.endsWith('/api.ts') && allowed.includes(RESOURCE_API));
}

describe('lower layers never import higher ones', () => {
	const graph = importGraph(PACKAGE_SOURCES);
	const imports = [...graph].flatMap(([file, targets]) => targets.map((target) => ({ file, target, edge: `${file} -> ${target}` })));

	it('places every source file in a layer', () => {
		for (const file of PACKAGE_SOURCES) expect(() => layerOf(file)).not.toThrow();
	});

	it('knows the layers (the check itself)', () => {
		expect(mayImport('nodes/Keepnet/actions/company/get.operation.ts', 'nodes/Keepnet/transport/request.ts')).toBe(true);
		expect(mayImport('nodes/Keepnet/actions/company/get.operation.ts', 'nodes/Keepnet/actions/types.ts')).toBe(true);
		expect(mayImport('nodes/Keepnet/actions/company/get.operation.ts', 'nodes/Keepnet/actions/router.ts')).toBe(false);
		expect(mayImport('nodes/Keepnet/transport/request.ts', 'nodes/Keepnet/helpers/validation.ts')).toBe(false);
		expect(mayImport('nodes/Keepnet/helpers/lookups.ts', 'nodes/Keepnet/actions/company/api.ts')).toBe(false);
		expect(mayImport('nodes/Keepnet/methods/listSearch.ts', 'nodes/Keepnet/actions/company/api.ts')).toBe(true);
		expect(mayImport('nodes/Keepnet/methods/listSearch.ts', 'nodes/Keepnet/actions/company/get.operation.ts')).toBe(false);
		expect(mayImport('nodes/KeepnetTrigger/sources.ts', 'nodes/Keepnet/actions/trainingEnrollment/api.ts')).toBe(true);
		expect(mayImport('nodes/KeepnetTrigger/sources.ts', 'nodes/Keepnet/actions/fanOut.ts')).toBe(true);
		expect(mayImport('nodes/KeepnetTrigger/sources.ts', 'nodes/Keepnet/actions/router.ts')).toBe(false);
		expect(mayImport('nodes/Keepnet/actions/company/create.operation.ts', 'nodes/Keepnet/actions/registry.ts')).toBe(false);
		expect(mayImport('nodes/Keepnet/actions/simulation/api.ts', 'nodes/KeepnetTrigger/cursor.ts')).toBe(false);
		expect(mayImport('credentials/KeepnetApi.credentials.ts', 'nodes/Keepnet/transport/request.ts')).toBe(true);
		expect(mayImport('credentials/KeepnetApi.credentials.ts', 'nodes/Keepnet/helpers/validation.ts')).toBe(false);
		expect(mayImport('nodes/Keepnet/transport/request.ts', 'credentials/KeepnetApi.credentials.ts')).toBe(false);
	});

	it('has no import against the layers', () => {
		const against = imports.filter(({ file, target }) => !mayImport(file, target));
		expect(against.map(({ file, target, edge }) => `${edge} (${layerOf(file)} may import ${MAY_IMPORT[layerOf(file)].join(', ')}; not ${layerOf(target)})`)).toEqual([]);
	});

});

// ---------------------------------------------------------------------------------------------------------------
// One page iterator

/** The page iterator, and the adapter that reads a ServiceResult's paged object for it. */
const PAGE_ITERATOR = 'nodes/Keepnet/transport/paging.ts';
const PAGED_OBJECT_ADAPTER = 'nodes/Keepnet/transport/search.ts';
/** The paged object's type, which names the page count it reads. */
const PAGED_OBJECT_TYPE = 'nodes/Keepnet/transport/types.ts';

/** Ways code decides by itself where a paged answer ends (paging.ts's isLastPage is the one place for them). */
const LAST_PAGE_LOGIC: Array<{ what: string; pattern: RegExp; adapterMay: boolean }> = [
	{ what: "reads Keepnet's page count (totalNumberOfPages)", pattern: /\btotalNumberOfPages\b/, adapterMay: true },
	{ what: 'compares a page length with the page size', pattern: /(?:length|returned|count)\s*(?:<|>=)\s*[\w.]*page_?size\b/i, adapterMay: false },
	{ what: 'compares a page number with a page count', pattern: /\bpageNumber\s*(?:>=|>|<|<=)\s*[\w.?]*total\w*/i, adapterMay: false },
	{ what: 'compares pages read with a record count', pattern: /\bpageNumber\s*\*\s*\w*page_?size\s*>=/i, adapterMay: false },
];

/** What last-page logic `file` has of its own: one line per kind, with the first line of code that has it. */
function lastPageLogicIn(file: string, source = readFileSync(join(REPOSITORY_ROOT, file), 'utf8')): string[] {
	if (file === PAGE_ITERATOR) return [];
	const lines = codeOf(source).split('\n');
	return LAST_PAGE_LOGIC.filter(({ adapterMay }) => !(adapterMay && (file === PAGED_OBJECT_ADAPTER || file === PAGED_OBJECT_TYPE))).flatMap(({ what, pattern }) => {
		const line = lines.find((code) => pattern.test(code));
		return line === undefined ? [] : [`${file} ${what}: ${line.trim()}`];
	});
}

describe('one page iterator: no "is this the last page" logic outside transport/paging.ts', () => {
	it('recognises last-page logic (the check itself)', () => {
		expect(lastPageLogicIn('x.ts', 'const last = pageNumber >= page.totalNumberOfPages;')).toHaveLength(2);
		expect(lastPageLogicIn('x.ts', 'if (rows.length < PAGE_SIZE) break;')).toHaveLength(1);
		expect(lastPageLogicIn('x.ts', 'const hasMore = pageNumber < totalPages || returned >= PICKER_PAGE_SIZE;')).toHaveLength(2);
		expect(lastPageLogicIn('x.ts', 'for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {}')).toEqual([]);
		expect(lastPageLogicIn('x.ts', 'const done = pageNumber * pageSize >= total;')).toHaveLength(1);
		expect(lastPageLogicIn('x.ts', '// a comment on totalNumberOfPages\nfor await (const page of pages(read, { pageSize })) rows.push(...page.rows);')).toEqual([]);
		expect(lastPageLogicIn(PAGED_OBJECT_ADAPTER, 'totalPages: page.totalNumberOfPages')).toEqual([]);
	});

	const offenders = PACKAGE_SOURCES.map((file) => ({ file, logic: lastPageLogicIn(file) })).filter(({ logic }) => logic.length > 0);

	it('has none outside the iterator', () => {
		expect(offenders.flatMap(({ logic }) => logic)).toEqual([]);
	});

});

// ---------------------------------------------------------------------------------------------------------------
// One session per run: operations call its methods, and nothing else keeps state at module level

/**
 * The free functions that once stood between operations and the run's KeepnetSession (issue 22). Operations call
 * `session.request`, `session.binary`, `session.search`, `session.searchPage`, `session.pageReader`,
 * `session.withoutCustomerSecrets`, …; the session was once found from the n8n context through `sessionOf`.
 */
const REMOVED_SESSION_WRAPPERS = [
	'keepnetApiRequest',
	'keepnetBinaryRequest',
	'searchRecords',
	'searchPages',
	'searchPage',
	'withoutCustomerSecrets',
	'rememberCustomerSecrets',
	'answerTextRedactor',
	'newRunState',
	'KeepnetRunState',
	'sessionOf',
	'isPreparingForAllCompanies',
];

/** Calls or imports of a removed wrapper in `source` (a method of the same name, `session.searchPage(…)`, is not one). */
function wrapperUsesIn(file: string, source = readFileSync(join(REPOSITORY_ROOT, file), 'utf8')): string[] {
	const code = codeOf(source);
	return REMOVED_SESSION_WRAPPERS.filter((name) => new RegExp(`(?<![\\w$.])${name}\\b`).test(code)).map((name) => `${file} uses ${name}`);
}

/**
 * Module-level state: a Map, Set, WeakMap or WeakSet made at the top level of a file. Allowed are
 * - constant lookup tables: a `const` the file never changes (no `.set(`, `.add(`, `.delete(`, `.clear(` on it) —
 *   frozen data such as the spellings of true/false or the network error codes, built once from literals;
 * - MODULE_STATE_EXCEPTIONS, each with the reason it must outlive a run.
 * Everything a run learns lives in its KeepnetSession (transport/session.ts).
 */
const MODULE_STATE_EXCEPTIONS: Record<string, { name: string; why: string }> = {
	'nodes/Keepnet/transport/token.ts': {
		name: 'renewals',
		why: "n8n calls the credential's preAuthentication once per request that answers 401, outside any run's session, and concurrent runs (and the requests of one run in flight) must share one token renewal; keys are hashes, entries expire after a minute",
	},
};

function moduleStateIn(file: string, source = readFileSync(join(REPOSITORY_ROOT, file), 'utf8')): string[] {
	const code = codeOf(source);
	const found: string[] = [];
	for (const match of code.matchAll(/^(?:export\s+)?(const|let|var)\s+([\w$]+)\s*(?::[^=\n]*)?=\s*new\s+(WeakMap|WeakSet|Map|Set)\b/gm)) {
		const [, keyword, name, kind] = match;
		if (MODULE_STATE_EXCEPTIONS[file]?.name === name) continue;
		const changed = new RegExp(`(?<![\\w$.])${name}\\s*\\.\\s*(set|add|delete|clear)\\s*\\(`).test(code);
		if (keyword === 'const' && !changed && kind !== 'WeakMap' && kind !== 'WeakSet') continue;
		found.push(`${file}: ${keyword} ${name} = new ${kind}${changed ? ', changed by the code' : ''}`);
	}
	for (const match of code.matchAll(/^(?:export\s+)?(let|var)\s+([\w$]+)/gm)) found.push(`${file}: module-level ${match[1]} ${match[2]}`);
	return found;
}

describe('one session per run', () => {
	it('recognises a removed wrapper and module-level state (the checks themselves)', () => {
		expect(wrapperUsesIn('x.ts', "const user = await keepnetApiRequest<IDataObject>(this, state, { method: 'GET', path });")).toEqual(['x.ts uses keepnetApiRequest']);
		expect(wrapperUsesIn('x.ts', "import { searchRecords } from '../../transport/search';")).toEqual(['x.ts uses searchRecords']);
		expect(wrapperUsesIn('x.ts', 'const page = await session.searchPage(spec, 1, 50);\nreturn session.withoutCustomerSecrets(client);')).toEqual([]);
		expect(wrapperUsesIn('x.ts', '// keepnetApiRequest was a wrapper\nconst flag = session.preparingForAllCompanies;')).toEqual([]);
		expect(moduleStateIn('x.ts', 'const seen = new WeakMap<object, number>();')).toHaveLength(1);
		expect(moduleStateIn('x.ts', "const cache = new Map<string, string>();\nexport function put(key: string) { cache.set(key, key); }")).toHaveLength(1);
		expect(moduleStateIn('x.ts', "const SPELLINGS = new Set(['yes', 'no']);\nexport const known = (text: string) => SPELLINGS.has(text);")).toEqual([]);
		expect(moduleStateIn('x.ts', 'let calls = 0;')).toHaveLength(1);
		expect(moduleStateIn('x.ts', 'function f() {\n\tconst local = new Map();\n\tlocal.set(1, 2);\n}')).toEqual([]);
	});

	it('no file outside transport/ calls or imports a removed wrapper (operations call the session)', () => {
		expect(PACKAGE_SOURCES.filter((file) => !file.startsWith('nodes/Keepnet/transport/')).flatMap((file) => wrapperUsesIn(file))).toEqual([]);
	});

	it('transport/ no longer defines them either', () => {
		const defined = PACKAGE_SOURCES.filter((file) => file.startsWith('nodes/Keepnet/transport/')).flatMap((file) =>
			REMOVED_SESSION_WRAPPERS.filter((name) => new RegExp(`(?:function|type|const)\\s+${name}\\b`).test(codeOf(readFileSync(join(REPOSITORY_ROOT, file), 'utf8')))).map((name) => `${file} defines ${name}`),
		);
		expect(defined).toEqual([]);
	});

	it('keeps no module-level state in nodes/ or credentials/ but the documented exceptions', () => {
		expect(PACKAGE_SOURCES.flatMap((file) => moduleStateIn(file))).toEqual([]);
		for (const [file, { name }] of Object.entries(MODULE_STATE_EXCEPTIONS)) expect(codeOf(readFileSync(join(REPOSITORY_ROOT, file), 'utf8'))).toMatch(new RegExp(`^const ${name} = new Map`, 'm'));
	});
});

// ---------------------------------------------------------------------------------------------------------------
// The test tree mirrors the code

/** test/<folder>: what lives there. Nothing else sits under test/. */
const TEST_FOLDERS: Record<string, string> = {
	actions: 'operation tests through the node: actions/<resource>/ per resource folder of nodes/Keepnet/actions/, actions/*.test.ts for actions/*.ts',
	conventions: 'rules over the whole package: this layout test, the node description, the example workflows',
	credentials: 'the credential (credentials/)',
	data: 'data files tests read (the subset of the Keepnet spec)',
	e2e: 'end-to-end runners in a real n8n (npm run test:e2e; not jest)',
	helpers: 'nodes/Keepnet/helpers/',
	methods: 'the pickers (nodes/Keepnet/methods/)',
	package: 'the packed tarball: pack, load with n8n-core, replay the verification scanner',
	reliability: 'cross-cutting reliability suites: faults, secrets, hostile input, soak',
	sandbox: 'the stateful fake Keepnet; its own tests in sandbox/tests/',
	support: 'code shared by tests, bench and scripts: fixture, secrets, harness/ (its own tests in harness/tests/)',
	transport: 'nodes/Keepnet/transport/',
	trigger: 'the Keepnet Trigger (nodes/KeepnetTrigger/)',
};

/** Where jest tests (*.test.ts) may sit; elsewhere in the folders above is code and data only. */
const TEST_FILE_FOLDERS = ['actions', 'conventions', 'credentials', 'helpers', 'methods', 'package', 'reliability', 'sandbox/tests', 'support/harness/tests', 'transport', 'trigger'];

/** Resource folders whose operations are tested in another resource's folder: the file, what it names, why. */
const TESTED_ELSEWHERE: Record<string, { file: string; names: string; why: string }> = {
	callbackCampaign: { file: 'test/actions/simulation/reports.test.ts', names: "describe('Callback Campaign'", why: 'its operations are the simulation channels\' shared ones (actions/simulation/)' },
	phishingScenario: { file: 'test/actions/simulation/reports.test.ts', names: 'Phishing Scenario → Get Many', why: 'read with the campaign reports it feeds, on the same sandbox setup' },
	scheduledReport: { file: 'test/actions/executiveReport/reports.test.ts', names: "describe('Scheduled Report'", why: 'it schedules executive reports; one file shares their sandbox setup' },
	simulationChannel: { file: 'test/actions/simulation/reports.test.ts', names: 'Smishing Campaign → Get Report', why: 'its operations are the simulation channels\' shared ones (actions/simulation/)' },
	training: { file: 'test/actions/phishingCampaign/campaignPreviewAndTrainings.test.ts', names: 'Training → Get Many', why: 'one catalogue search with Phishing Scenario, tested beside Get Preview on the same setup' },
};

describe('the test tree mirrors the code', () => {
	const testRoot = join(REPOSITORY_ROOT, 'test');
	const testFiles = filesUnder(testRoot).map((file) => relative(testRoot, file).split('\\').join('/'));
	const resourceFolders = readdirSync(join(NODE_ROOT, 'actions')).filter((name) => statSync(join(NODE_ROOT, 'actions', name)).isDirectory());

	it('keeps every file under test/ in one of the agreed folders', () => {
		expect(testFiles.filter((file) => !(file.split('/')[0] in TEST_FOLDERS) || !file.includes('/'))).toEqual([]);
	});

	it('keeps jest tests only where tests belong (not in sandbox/ or support/ code, e2e or data)', () => {
		const misplaced = testFiles.filter((file) => file.endsWith('.test.ts') && !TEST_FILE_FOLDERS.some((folder) => file.startsWith(`${folder}/`)));
		expect(misplaced).toEqual([]);
	});

	it('has a test/actions/<resource>/ folder only for a resource folder of nodes/Keepnet/actions/', () => {
		const testFolders = [...new Set(testFiles.filter((file) => file.startsWith('actions/') && file.split('/').length > 2).map((file) => file.split('/')[1]))];
		expect(testFolders.filter((folder) => !resourceFolders.includes(folder))).toEqual([]);
	});

	it('has tests for each resource folder in test/actions/<resource>/, or names in TESTED_ELSEWHERE the file that has them', () => {
		const tested = (resource: string) => testFiles.some((file) => file.startsWith(`actions/${resource}/`) && file.endsWith('.test.ts'));
		expect(resourceFolders.filter((resource) => !tested(resource) && !(resource in TESTED_ELSEWHERE))).toEqual([]);
		for (const [resource, { file, names }] of Object.entries(TESTED_ELSEWHERE)) {
			expect({ resource, hasItsOwnFolder: tested(resource) }).toEqual({ resource, hasItsOwnFolder: false }); // then drop the entry
			expect({ resource, file, names: readFileSync(join(REPOSITORY_ROOT, file), 'utf8').includes(names) }).toEqual({ resource, file, names: true });
		}
	});
});
