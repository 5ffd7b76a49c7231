import type { INodeParameterResourceLocator } from 'n8n-workflow';

/**
 * A resource locator parameter as a saved workflow holds it, typed as n8n-workflow types it (so it fits
 * `INodeParameters` without casts): `{ __rl: true, mode, value }`.
 */
export function resourceLocator(value: string, mode = 'list'): INodeParameterResourceLocator {
	return { __rl: true, mode, value };
}
