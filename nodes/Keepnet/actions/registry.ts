import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption, optionsCollection, withOptionInPlace } from '../helpers/descriptions';
import { withCompanyScope } from './acrossCompanies';
import type { OperationModule } from './types';

/**
 * How an operation's fields become node properties. An operation module declares its fields as they look inside
 * the operation: without `show: { resource, operation }` (its place in the resource map says that) and without the
 * Concurrency option (its handler's `concurrent` says that). The registry adds both here, once for every operation,
 * so a field can only show where its module is, and a concurrent operation always offers Concurrency exactly once.
 */
export function operationProperties(resource: string, operation: string, module: OperationModule): INodeProperties[] {
	const handler = module.handler;
	let fields = module.description;
	if (handler.concurrent === true) fields = withConcurrencyOption(fields);
	// An operation that opted in to All Companies I Manage gets the Companies field (acrossCompanies.ts).
	if (handler.kind === 'item' && handler.acrossCompanies) fields = withCompanyScope(fields);
	return fields.map((field) => shownOnlyFor(field, resource, operation));
}

/** The field with its own conditions (e.g. `returnAll: [false]`) kept and the resource and operation put in front. */
function shownOnlyFor(field: INodeProperties, resource: string, operation: string): INodeProperties {
	const own = field.displayOptions;
	if (own?.show?.resource !== undefined || own?.show?.operation !== undefined) {
		throw new Error(`Field "${field.name}" of ${resource} → ${operation} says its own resource or operation: leave that to the registry`);
	}
	return { ...field, displayOptions: { ...own, show: { resource: [resource], operation: [operation], ...own?.show } } };
}

/**
 * Concurrency in the operation's Options collection, in the alphabetical place n8n's lint rules ask of collection
 * items (the module's own options are sorted), or an Options collection of its own at the end.
 */
function withConcurrencyOption(fields: INodeProperties[]): INodeProperties[] {
	const index = fields.findIndex((field) => field.name === 'options' && field.type === 'collection');
	if (index < 0) return [...fields, optionsCollection([concurrencyOption])];
	const options = (fields[index].options ?? []) as INodeProperties[];
	if (options.some((option) => option.name === concurrencyOption.name)) {
		throw new Error('An Options collection declares Concurrency itself: leave that to the registry (handler.concurrent)');
	}
	return fields.map((field, at) => (at === index ? { ...field, options: withOptionInPlace(options, concurrencyOption) } : field));
}
