import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../nodes/Keepnet/actions/registry';
import { nodeProperties, resources } from '../../nodes/Keepnet/actions/resources';
import { searchOperation } from '../../nodes/Keepnet/actions/searchOperation';
import type { OperationEntry, OperationModule, ResourceDefinition } from '../../nodes/Keepnet/actions/types';

const ACTIONS = resolve(__dirname, '../../nodes/Keepnet/actions');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** Every (resource, operation, module) of the resource map. */
function everyOperation(): Array<{ resource: string; operation: string; module: OperationModule }> {
	return (Object.entries(resources) as Array<[string, ResourceDefinition]>).flatMap(([resource, definition]) =>
		(Object.entries(definition.operations) as Array<[string, OperationEntry]>).map(([operation, entry]) => ({ resource, operation, module: entry.module })),
	);
}

/** A field and every field nested in its collections, so a condition deep inside is found too. */
function withNested(field: INodeProperties): INodeProperties[] {
	const nested = ((field.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>).flatMap((option) =>
		'values' in option && Array.isArray(option.values) ? option.values : 'type' in option ? [option as INodeProperties] : [],
	);
	return [field, ...nested.flatMap(withNested)];
}

const concurrencyOptionsOf = (properties: INodeProperties[]): INodeProperties[] =>
	properties.filter((property) => property.name === 'options').flatMap((property) => ((property.options ?? []) as INodeProperties[]).filter((option) => option.name === 'concurrency'));

describe('the registry places every operation field (actions/registry.ts)', () => {
	it('no operation module says its own resource or operation: the registry adds them', () => {
		const offenders = everyOperation().flatMap(({ resource, operation, module }) =>
			module.description
				.flatMap(withNested)
				.filter((field) => field.displayOptions?.show?.resource !== undefined || field.displayOptions?.show?.operation !== undefined)
				.map((field) => `${resource} → ${operation}: ${field.name}`),
		);
		expect(offenders).toEqual([]);
	});

	it('no source file under actions/ writes a resource or operation condition by hand (only the registry and the menus)', () => {
		const offenders = sourceFiles(ACTIONS)
			.filter((file) => !['registry.ts', 'resources.ts'].includes(relative(ACTIONS, file)))
			.filter((file) => /show: \{[^}]*\b(resource|operation): /.test(readFileSync(file, 'utf8')))
			.map((file) => relative(ACTIONS, file));
		expect(offenders).toEqual([]);
	});

	it("shows every field of the node only for its resource and operation, keeping the field's own conditions", () => {
		const properties = nodeProperties();
		for (const { resource, operation, module } of everyOperation()) {
			const built = operationProperties(resource, operation, module);
			for (const field of built) {
				expect({ field: field.name, resource: field.displayOptions?.show?.resource, operation: field.displayOptions?.show?.operation }).toEqual({
					field: field.name,
					resource: [resource],
					operation: [operation],
				});
				expect(properties).toContainEqual(field);
			}
		}
		// A field's own condition survives next to the registry's (Limit shows for Return All off only).
		const limit = properties.find((property) => property.name === 'limit' && property.displayOptions?.show?.resource?.[0] === 'companyGroup');
		expect(limit?.displayOptions?.show).toEqual({ resource: ['companyGroup'], operation: ['getAll'], returnAll: [false] });
		// So does the Companies field's: the Company picker of an operation across companies shows for One Company only.
		const picker = properties.find((property) => property.name === 'companyId' && property.displayOptions?.show?.resource?.[0] === 'targetGroup' && property.displayOptions?.show?.operation?.[0] === 'getAll');
		expect(picker?.displayOptions?.show).toEqual({ resource: ['targetGroup'], operation: ['getAll'], companyScope: ['one'] });
	});

	it('gives every concurrent operation exactly one Concurrency option, and a sequential one none', () => {
		let concurrent = 0;
		for (const { resource, operation, module } of everyOperation()) {
			if (module.handler.kind !== 'item') continue;
			if (module.handler.concurrent) concurrent++;
			const found = concurrencyOptionsOf(operationProperties(resource, operation, module));
			expect({ resource, operation, concurrencyOptions: found.length }).toEqual({ resource, operation, concurrencyOptions: module.handler.concurrent ? 1 : 0 });
			// Declared by the registry only: no module hand-adds it.
			expect({ resource, operation, declared: concurrencyOptionsOf(module.description).length }).toEqual({ resource, operation, declared: 0 });
		}
		expect(concurrent).toBeGreaterThan(10);
	});

	it('adds the Options collection for a concurrent operation that has none, and puts Concurrency in its alphabetical place in one that has', () => {
		const run = async () => [];
		const bare: OperationModule = { description: [{ displayName: 'Name', name: 'name', type: 'string', default: '' }], handler: { kind: 'item', concurrent: true, prepare: () => ({}), run } };
		const built = operationProperties('example', 'rename', bare);
		expect(built.map((field) => field.name)).toEqual(['name', 'options']);
		expect(((built[1].options ?? []) as INodeProperties[]).map((option) => option.name)).toEqual(['concurrency']);
		const withOptions: OperationModule = {
			description: [
				{
					displayName: 'Options',
					name: 'options',
					type: 'collection',
					default: {},
					options: [
						{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 1 },
						{ displayName: 'Other', name: 'other', type: 'boolean', default: false },
					],
				},
			],
			handler: { kind: 'item', concurrent: true, prepare: () => ({}), run },
		};
		expect(((operationProperties('example', 'rename', withOptions)[0].options ?? []) as INodeProperties[]).map((option) => option.name)).toEqual(['batchSize', 'concurrency', 'other']);
		const batch: OperationModule = { description: [], handler: { kind: 'batch', concurrent: true, execute: async () => [] } };
		expect(((operationProperties('example', 'sync', batch)[0].options ?? []) as INodeProperties[]).map((option) => option.name)).toEqual(['concurrency']);
	});

	it('refuses a field that names its own resource or operation', () => {
		const module: OperationModule = {
			description: [{ displayName: 'Name', name: 'name', type: 'string', default: '', displayOptions: { show: { resource: ['example'] } } }],
			handler: { kind: 'item', concurrent: false, prepare: () => ({}), run: async () => [] },
		};
		expect(() => operationProperties('example', 'get', module)).toThrow('Field "name" of example → get says its own resource or operation');
	});
});

describe('searchOperation (actions/searchOperation.ts)', () => {
	const search = { fields: ['Name'], placeholder: 'e.g. x', description: 'Only records whose name contains this text', max: 50 };

	it('writes the fields a Get Many repeats, in the order every list shows them', () => {
		const list = searchOperation({ path: '/api/examples/search', searchText: search, sort: { fields: [{ name: 'Name', value: 'Name' }], default: 'Name' }, simplify: ['name'] });
		expect(list.description.map((field) => field.name)).toEqual(['companyId', 'returnAll', 'limit', 'simplify', 'filters', 'options']);
		expect(list.handler).toMatchObject({ kind: 'item', concurrent: false, acrossCompanies: true });
	});

	it('places Search Text by name among further filters, and leaves Filters out when there are none', () => {
		const withFilters = searchOperation({
			path: '/api/examples/search',
			searchText: search,
			filters: { options: ['Include Archived', 'Type'].map((displayName) => ({ displayName, name: displayName, type: 'boolean' as const, default: false })) },
		});
		const filters = withFilters.description.find((field) => field.name === 'filters');
		expect(((filters?.options ?? []) as INodeProperties[]).map((option) => option.displayName)).toEqual(['Include Archived', 'Search Text', 'Type']);
		const members = searchOperation({
			path: (id) => `/api/examples/${id}/members`,
			company: false,
			record: { field: { displayName: 'Example', name: 'exampleId', type: 'string', default: '' }, name: 'exampleId', read: () => 'x' },
		});
		expect(members.description.map((field) => field.name)).toEqual(['exampleId', 'returnAll', 'limit']);
		expect(members.handler).toMatchObject({ acrossCompanies: false, identifyBy: ['exampleId'] });
	});
});
