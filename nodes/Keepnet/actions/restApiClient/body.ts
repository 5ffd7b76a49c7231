import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError, optionalString, requiredString } from '../../helpers/validation';
import { roleEntries } from '../systemUser/body';

/** Limits of Keepnet's CreateClientRequest / UpdateClientRequest. */
export const CLIENT_LIMITS = { name: 64, clientId: 32, clientSecret: 100 } as const;

/**
 * Where a client update (PUT, which replaces the record and requires the secret) takes each stored value from:
 * the ClientDto of GET /api/companies/clients/{id}. Keyed by the update schema's property
 * (helpers/updateSchemas.generated.ts). The secret goes back exactly as read: never a placeholder.
 */
export const CLIENT_CARRIED_ON_UPDATE: Record<string, string> = {
	name: 'name',
	clientId: 'clientId',
	clientSecret: 'clientSecret',
	statusId: 'statusId',
	hasIpAddressRestriction: 'hasIpAddressRestriction',
	allowedIpAddresses: 'allowedIpAddresses',
	roleResourceIdList: 'roleResourceIdList',
};

export function storedClientFields(stored: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const [property, source] of Object.entries(CLIENT_CARRIED_ON_UPDATE)) {
		if (stored[source] !== undefined && stored[source] !== null) fields[property] = stored[source];
	}
	return fields;
}

/** A client's fields for an output item: everything but its secret. */
export function withoutClientSecret(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([name]) => name !== 'clientSecret'));
}

/** A secret as a web console shows it (all asterisks or bullets): sent back, it would replace the real one. */
export function isMaskedSecret(secret: unknown): boolean {
	return typeof secret !== 'string' || secret.trim() === '' || /^[*•●xX]+$/.test(secret.trim());
}

const IP_ENTRY = /^[0-9A-Fa-f.:*]+(\/\d{1,3})?$/;

/** Allowed IP Addresses: comma-separated text or a list; each entry an address, `*` wildcards allowed. */
export function readIpAddresses(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined || value === null ? [] : [value];
	return raw
		.map((entry) => optionalString(ctx, entry, 'Allowed IP Addresses', itemIndex, { max: 64 }) ?? '')
		.filter((entry) => entry !== '')
		.map((entry) => {
			if (!IP_ENTRY.test(entry)) {
				throw inputError(ctx, itemIndex, `Allowed IP Addresses entry "${entry}" is not an IP address`, 'Use addresses such as 203.0.113.10 or 198.51.100.*, separated by commas.');
			}
			return entry;
		});
}

export function readClientName(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	return requiredString(ctx, value, 'Name', itemIndex, { max: CLIENT_LIMITS.name });
}

export function readStatusId(ctx: IExecuteFunctions, value: unknown, itemIndex: number): number {
	const statusId = Number(value);
	if (statusId !== 0 && statusId !== 1) throw inputError(ctx, itemIndex, `Status "${String(value)}" is not one Keepnet knows`, 'Use Active or Inactive.');
	return statusId;
}

/** Role Names or IDs of a client: at least one (Keepnet answers "Role should be selected" without). */
export function readClientRoles(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const entries = roleEntries(ctx, value, itemIndex);
	if (entries.length === 0) {
		throw inputError(ctx, itemIndex, 'No role chosen', 'Keepnet needs at least one role for a REST API client: choose one under Role Names or IDs (e.g. Company Admin).');
	}
	return entries;
}
