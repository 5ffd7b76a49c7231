import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { operationProperties } from '../../nodes/Keepnet/actions/registry';
import { nodeProperties, resources } from '../../nodes/Keepnet/actions/resources';
import { defineResource, type OperationModule } from '../../nodes/Keepnet/actions/types';

const NODE_ROOT = resolve(__dirname, '../../nodes/Keepnet');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** The folders (relative to nodes/Keepnet) a file imports from, e.g. `helpers` or `actions`. */
function importedLayers(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	const layers: string[] = [];
	for (const match of source.matchAll(/from '(\.[^']+)'/g)) {
		const target = relative(NODE_ROOT, resolve(file, '..', match[1]));
		layers.push(target.split('/')[0]);
	}
	return layers;
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
	const files = sourceFiles(NODE_ROOT);

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

	it('lower layers never import from higher ones (transport and helpers never from actions or methods; methods from transport and helpers only)', () => {
		const allowed: Record<string, string[]> = {
			transport: ['transport'],
			helpers: ['helpers', 'transport'],
			methods: ['methods', 'helpers', 'transport'],
		};
		for (const file of files) {
			const layer = relative(NODE_ROOT, file).split('/')[0];
			if (!(layer in allowed)) continue;
			for (const imported of importedLayers(file)) {
				expect({ file: relative(NODE_ROOT, file), imports: imported, allowed: allowed[layer].includes(imported) }).toEqual({
					file: relative(NODE_ROOT, file),
					imports: imported,
					allowed: true,
				});
			}
		}
	});
});
