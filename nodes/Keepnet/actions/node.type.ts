import type { resources } from './resources';

/**
 * Every resource and operation pair the node knows, derived from the resource map, e.g.
 * `{ resource: 'company'; operation: 'getLicenseStatus' }`. A new operation becomes part of it by being
 * added to its resource's menu, nowhere else.
 */
export type KeepnetType = {
	[Resource in keyof typeof resources]: { resource: Resource; operation: keyof (typeof resources)[Resource]['operations'] & string };
}[keyof typeof resources];
