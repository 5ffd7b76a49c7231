import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildMultipartBody } from '../../helpers/multipart';
import { inputError, optionalString } from '../../helpers/validation';
import { keepnetApiRequest, type KeepnetRunState } from '../../transport/request';
import { buildFilter, searchRecords } from '../../transport/search';
import { MAX_PAGE_SIZE, companyLocator, pick, readCompanyId, readPaging, returnAllAndLimit, simplifyToggle, sortFrom, sortOption, optionsCollection } from '../common';
import type { ItemOperation } from '../types';
import {
	SIMPLIFIED_COMPANY_FIELDS,
	companyFieldsFromParameters,
	companyFieldsFromStored,
	optionalCompanyProperties,
	requireCompanyFields,
	requiredCompanyProperties,
} from './fields';

const show = (operation: string) => ({ show: { resource: ['company'], operation: [operation] } });
const companyPathLocator = (operation: string) =>
	companyLocator(show(operation), 'The customer company, from the companies you manage');
const notFound = (companyId: string) => `company "${companyId}" among the companies you manage`;

async function getCompany(ctx: IExecuteFunctions, state: KeepnetRunState, companyId: string, itemIndex: number) {
	return (
		(await keepnetApiRequest<IDataObject | undefined>(ctx, state, {
			method: 'GET',
			path: `/api/companies/${companyId}`,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFound(companyId),
		})) ?? {}
	);
}

const companySortFields = [
	{ name: 'Company Name', value: 'companyName' },
	{ name: 'Create Time', value: 'createTime' },
	{ name: 'Industry', value: 'industryName' },
	{ name: 'License End Date', value: 'licenseEndDate' },
	{ name: 'License Type', value: 'licenseTypeName' },
	{ name: 'Number of Users', value: 'numberOfUsers' },
	{ name: 'Target User Count', value: 'targetUserCount' },
];

export const getAll: ItemOperation<{ body: IDataObject; limit: number; simplify: boolean }> = {
	kind: 'item',
	concurrent: false,
	description: [
		...returnAllAndLimit(show('getAll')),
		simplifyToggle(show('getAll')),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show('getAll'),
			options: [
				{
					displayName: 'Only Over License Limit',
					name: 'overLicenseLimit',
					type: 'boolean',
					default: true,
					description: 'Whether to return only companies with more target users than their license allows',
				},
				{
					displayName: 'Search Text',
					name: 'searchText',
					type: 'string',
					default: '',
					placeholder: 'e.g. globex',
					description: 'Only companies whose name contains this text',
				},
			],
		},
		optionsCollection(show('getAll'), [sortOption(companySortFields, 'createTime')]),
	],
	prepare(itemIndex) {
		const { limit } = readPaging(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const searchText = optionalString(this, filters.searchText, 'Filters → Search Text', itemIndex, { max: 64 }) ?? '';
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const sort = sortFrom(options, 'createTime');
		return {
			limit,
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
			body: {
				filter: buildFilter([], searchText, ['Name']),
				orderBy: sort.orderBy,
				ascending: sort.ascending,
				isClustered: false,
				isTargetUserCountExceededLimit: filters.overLicenseLimit === true,
			},
		};
	},
	async run(prepared, itemIndex, state) {
		const companies = await searchRecords<IDataObject>(this, state, { path: '/api/companies/search', body: prepared.body, itemIndex }, prepared.limit, MAX_PAGE_SIZE);
		return companies.map((company) => ({ json: prepared.simplify ? pick(company, SIMPLIFIED_COMPANY_FIELDS) : company }));
	},
};

export const get: ItemOperation<{ companyId: string; simplify: boolean }> = {
	kind: 'item',
	concurrent: false,
	description: [companyPathLocator('get'), simplifyToggle(show('get'))],
	prepare(itemIndex) {
		return { companyId: readCompanyId(this, itemIndex), simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, state) {
		const company = await getCompany(this, state, prepared.companyId, itemIndex);
		return [{ json: prepared.simplify ? pick(company, SIMPLIFIED_COMPANY_FIELDS) : company }];
	},
};

export const getLicenseStatus: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	description: [companyPathLocator('getLicenseStatus')],
	prepare(itemIndex) {
		return { companyId: readCompanyId(this, itemIndex) };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, state) {
		const status = await keepnetApiRequest<IDataObject | undefined>(this, state, {
			method: 'GET',
			path: `/api/companies/${prepared.companyId}/license-check`,
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFound(prepared.companyId),
		});
		return [{ json: { companyId: prepared.companyId, ...(status ?? {}) } }];
	},
};

const createProperties: INodeProperties[] = [
	...requiredCompanyProperties.map((property) => ({ ...property, required: true, displayOptions: show('create') })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('create'),
		options: optionalCompanyProperties,
	},
];

export const create: ItemOperation<{ fields: ReturnType<typeof companyFieldsFromParameters> }> = {
	kind: 'item',
	concurrent: false,
	description: createProperties,
	prepare(itemIndex) {
		const values: IDataObject = { ...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) };
		for (const property of requiredCompanyProperties) values[property.name] = this.getNodeParameter(property.name, itemIndex, '');
		const fields = companyFieldsFromParameters(this, values, itemIndex);
		requireCompanyFields(this, fields, itemIndex);
		if (fields.IsNumberOfUsersLimited === undefined) fields.IsNumberOfUsersLimited = true;
		fields.StatusId = 1;
		return { fields };
	},
	identifyBy: ['name'],
	async run(prepared, itemIndex, state) {
		const multipart = buildMultipartBody(prepared.fields);
		const created = await keepnetApiRequest<{ resourceId?: string } | undefined>(this, state, {
			method: 'POST',
			path: '/api/companies',
			body: multipart.body,
			headers: { 'Content-Type': multipart.contentType },
			retry: 'never',
			itemIndex,
		});
		return [{ json: { resourceId: String(created?.resourceId ?? ''), ...prepared.fields } }];
	},
};

export const update: ItemOperation<{ companyId: string; changes: ReturnType<typeof companyFieldsFromParameters> }> = {
	kind: 'item',
	concurrent: false,
	description: [
		companyPathLocator('update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show('update'),
			options: [...requiredCompanyProperties, ...optionalCompanyProperties].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	prepare(itemIndex) {
		const companyId = readCompanyId(this, itemIndex);
		const changes = companyFieldsFromParameters(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
		if (Object.keys(changes).length === 0) {
			throw inputError(this, itemIndex, 'No field to update', 'Add at least one field under Update Fields.');
		}
		return { companyId, changes };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, state) {
		// Keepnet's PUT replaces the whole company (same required fields as create): read, merge, write back.
		const stored = await getCompany(this, state, prepared.companyId, itemIndex);
		const fields = { ...companyFieldsFromStored(stored), ...prepared.changes };
		const multipart = buildMultipartBody(fields);
		await keepnetApiRequest(this, state, {
			method: 'PUT',
			path: `/api/companies/${prepared.companyId}`,
			body: multipart.body,
			headers: { 'Content-Type': multipart.contentType },
			retry: 'safe',
			itemIndex,
			notFoundSubject: notFound(prepared.companyId),
		});
		return [{ json: { resourceId: prepared.companyId, ...fields } }];
	},
};

export const deleteCompany: ItemOperation<{ companyId: string }> = {
	kind: 'item',
	concurrent: false,
	description: [
		{
			displayName: 'Deleting a company removes it and all its data in Keepnet, irreversibly',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
			displayOptions: show('delete'),
		},
		companyPathLocator('delete'),
	],
	prepare(itemIndex) {
		return { companyId: readCompanyId(this, itemIndex) };
	},
	identifyBy: ['companyId'],
	async run(prepared, itemIndex, state) {
		await keepnetApiRequest(this, state, {
			method: 'DELETE',
			path: `/api/companies/${prepared.companyId}`,
			retry: 'never',
			itemIndex,
			notFoundSubject: notFound(prepared.companyId),
		});
		return [{ json: { deleted: true, id: prepared.companyId } }];
	},
};
