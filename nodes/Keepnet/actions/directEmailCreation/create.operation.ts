import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { companyLocator } from '../../helpers/descriptions';
import { readCompanyId } from '../../helpers/parameters';
import { inputError, requiredString } from '../../helpers/validation';
import type { ItemOperation } from '../types';
import { consentOf } from './api';
import { DEC_TYPES } from './fields';

/** Limits of Keepnet's CreateDirectEmailSettingRequest. */
const LIMITS = { name: 64, tenantId: 200 };
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

interface Prepared {
	companyId: string;
	body: IDataObject;
}

export const description: INodeProperties[] = [
	companyLocator("The customer company whose mailboxes simulations and trainings are placed in"),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. Microsoft 365', description: 'Max 64 characters' },
	{ displayName: 'Platform', name: 'type', type: 'options', options: DEC_TYPES, default: 1, description: "The customer's mail platform" },
	{
		displayName: 'Tenant ID',
		name: 'tenantId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47',
		description: "The customer's Microsoft 365 tenant ID or Google Workspace customer ID (max 200 characters)",
	},
	{
		displayName: 'Allowed Domains',
		name: 'allowedDomains',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. example.com, example.co.uk',
		description: 'Comma-separated mail domains of the customer that may receive directly placed emails',
	},
];

function readDomains(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	const domains = raw.map((entry) => String(entry).trim().toLowerCase()).filter((entry) => entry !== '');
	if (domains.length === 0) throw inputError(ctx, itemIndex, 'Allowed Domains is empty', 'Give at least one mail domain of the customer, e.g. example.com.');
	for (const domain of domains) {
		if (!DOMAIN.test(domain)) throw inputError(ctx, itemIndex, `Allowed Domains entry "${domain}" is not a domain name`, 'Use domain names such as example.com, separated by commas (no @, no http://).');
	}
	return [...new Set(domains)];
}

export const handler: ItemOperation<Prepared> = {
	kind: 'item',
	concurrent: false,
	prepare(itemIndex, session) {
		const type = Number(this.getNodeParameter('type', itemIndex, 1));
		if (!DEC_TYPES.some((option) => option.value === type)) {
			throw inputError(this, itemIndex, `Platform "${String(type)}" is not one Keepnet knows`, 'Use Microsoft 365, Google Workspace or Exchange (EWS).');
		}
		return {
			companyId: readCompanyId(session, itemIndex),
			body: {
				name: requiredString(this, this.getNodeParameter('name', itemIndex, ''), 'Name', itemIndex, { max: LIMITS.name }),
				tenantId: requiredString(this, this.getNodeParameter('tenantId', itemIndex, ''), 'Tenant ID', itemIndex, { max: LIMITS.tenantId }),
				allowedDomains: readDomains(this, this.getNodeParameter('allowedDomains', itemIndex, ''), itemIndex),
				type,
			},
		};
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, session) {
		const created = await session.request<{ resourceId?: string } | undefined>({
			method: 'POST',
			path: '/api/companies/direct-email-settings',
			body: prepared.body,
			companyId: prepared.companyId,
			retry: 'never',
			itemIndex,
		});
		const resourceId = String(created?.resourceId ?? '');
		const json: IDataObject = { resourceId, companyId: prepared.companyId, ...prepared.body };
		// The setting exists now: a failure to read the consent address is reported on the item, not as a failed create.
		try {
			Object.assign(json, await consentOf(session, prepared.companyId, Number(prepared.body.type), itemIndex));
		} catch (error) {
			json.consentUrl = null;
			json.consentError = `The setting was created, but the consent address could not be read: ${error instanceof Error ? error.message : String(error)}`;
		}
		return [{ json }];
	},
};
