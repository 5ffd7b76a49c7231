/**
 * The example workflows must run in any tenant that has the roles, trainings, scenarios and lookup entries they
 * name: no ID that exists only in the sandbox (roles, catalogue content, groups, users, companies, lookups such as
 * countries, industries, license types and periods). The one exception is the Company picker: a Company field in
 * "From list" mode (with the company's name as cachedResultName) is a placeholder the user re-picks after importing,
 * as every n8n example's picker value is; the files hold the sandbox's Globex Corporation there, and the e2e harness
 * substitutes its own company (scripts/n8n/lib/examples.ts withCompanyAndCredential). The examples README says so.
 * The e2e suite runs the workflows whole in a real n8n; this checks the files, and runs the self-contained nodes
 * through execute.
 */
import type { INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { findLookup, LICENSE_MODULES, LOOKUP_TYPE, LOOKUPS } from '../sandbox/lookups';
import { SCENARIO_CATALOGUE } from '../sandbox/routes/phishingCampaigns';
import { TRAINING_CATALOGUE } from '../sandbox/routes/trainingEnrollments';
import { jsonOf, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

const EXAMPLES = join(__dirname, '../../examples');
interface WorkflowNode {
	name: string;
	type: string;
	parameters: INodeParameters;
}
const workflows = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, nodes: (JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { nodes: WorkflowNode[] }).nodes }));
const keepnetNodes = workflows.flatMap(({ file, nodes }) => nodes.filter((node) => node.type.startsWith('n8n-nodes-keepnet.')).map((node) => ({ file, node })));

/** A Company field picked "From list": the placeholder the user re-picks (and the e2e harness substitutes). */
function companyPicker(parameters: INodeParameters): INodeParameterResourceLocator | undefined {
	const company = parameters.companyId as INodeParameterResourceLocator | undefined;
	return company?.__rl === true && company.mode === 'list' ? company : undefined;
}

/** The parameters without the Company picker placeholder. */
function withoutCompanyPicker(parameters: INodeParameters): INodeParameters {
	if (!companyPicker(parameters)) return parameters;
	const { companyId: _placeholder, ...rest } = parameters;
	return rest;
}

/**
 * Words of the parameters that look like a Keepnet resource ID (12 letters and digits, not a camelCase word, e.g.
 * FjTBoynNR6ow, HTHpWWXGJshG) or a GUID: whichever tenant they come from, another tenant does not have them.
 */
function idLikeWords(parameters: INodeParameters): string[] {
	const text = JSON.stringify(parameters);
	const shortIds = (text.match(/[A-Za-z0-9]+/g) ?? []).filter((word) => word.length === 12 && !/^[a-z]+(?:[A-Z][a-z]+)*$/.test(word) && !/^[A-Z][a-z]+$/.test(word) && /[A-Z]/.test(word) && /[a-z]/.test(word));
	const guids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
	return [...shortIds, ...guids];
}

/** Company lookup fields and the sandbox list each takes its entries from. */
const COMPANY_LOOKUP_FIELDS: Record<string, number> = {
	countryId: LOOKUP_TYPE.country,
	industryId: LOOKUP_TYPE.industry,
	licenseTypeId: LOOKUP_TYPE.licenseType,
	licensePeriodTypeId: LOOKUP_TYPE.licensePeriod,
};

let fixture: KeepnetFixture;
beforeAll(async () => {
	fixture = await startKeepnetFixture();
});
afterAll(async () => await fixture.close());

describe('example workflows', () => {
	it('name roles, trainings, scenarios and lookups instead of holding IDs that exist only in the sandbox', () => {
		const { ids, store } = fixture.sandbox;
		const sandboxOnly = new Map<string, string>([
			...[...store.companies.values()].map((company) => [company.resourceId, `company ${company.name}`] as [string, string]),
			...[...store.companies.keys()].flatMap((companyId) => {
				const data = store.data(companyId);
				return [
					...[...data.targetUsers.values()].map((user) => [user.resourceId, `target user ${user.email}`] as [string, string]),
					...[...data.systemUsers.values()].map((user) => [user.resourceId, `system user ${user.email}`] as [string, string]),
				];
			}),
			...Object.values(ids.rolesByCompany).flatMap((roles) => Object.entries(roles).map(([name, id]) => [String(id), `role ${name}`] as [string, string])),
			...Object.values(ids.targetGroupsByCompany).flatMap((groups) => Object.entries(groups).map(([name, id]) => [id, `group ${name}`] as [string, string])),
			...TRAINING_CATALOGUE.map((training) => [training.trainingId, `training ${training.trainingName}`] as [string, string]),
			...SCENARIO_CATALOGUE.map((scenario) => [scenario.resourceId, `scenario ${scenario.name}`] as [string, string]),
			...Object.values(LOOKUPS).flatMap((list) => list.map((entry) => [entry.resourceId, `${entry.genericCodeTypeName} ${entry.name}`] as [string, string])),
			...LICENSE_MODULES.map((module) => [module.resourceId, `license module ${module.name}`] as [string, string]),
		]);
		expect(keepnetNodes.length).toBeGreaterThan(5);
		for (const { file, node } of keepnetNodes) {
			const parameters = withoutCompanyPicker(node.parameters);
			const text = JSON.stringify(parameters);
			const found = [...sandboxOnly].filter(([id]) => text.includes(id)).map(([, what]) => what);
			expect({ file, node: node.name, sandboxOnly: found, idLike: idLikeWords(parameters) }).toEqual({ file, node: node.name, sandboxOnly: [], idLike: [] });
		}
	});

	it('hold a company only as a Company picker placeholder ("From list", with its name) that the user re-picks and the e2e harness substitutes', () => {
		const pickers = keepnetNodes.flatMap(({ file, node }) => {
			const picker = companyPicker(node.parameters);
			return picker ? [{ file, node: node.name, picker }] : [];
		});
		expect(pickers.length).toBeGreaterThan(0);
		for (const { file, node, picker } of pickers) {
			const company = fixture.sandbox.store.companies.get(String(picker.value));
			expect({ file, node, company: company?.name, cachedResultName: picker.cachedResultName }).toEqual({ file, node, company: 'Globex Corporation', cachedResultName: 'Globex Corporation' });
		}
		expect(readFileSync(join(EXAMPLES, 'README.md'), 'utf8').replace(/\s+/g, ' ')).toContain('A Company field chosen *From list* is a placeholder');
	});

	it('give the lookups of Company → Create by name, and those names are what the sandbox lists', () => {
		const creates = keepnetNodes.filter(({ node }) => node.parameters.resource === 'company' && node.parameters.operation === 'create');
		expect(creates.length).toBeGreaterThan(0);
		for (const { file, node } of creates) {
			for (const [field, type] of Object.entries(COMPANY_LOOKUP_FIELDS)) {
				const value = String(node.parameters[field] ?? '').replace(/^=/, '');
				expect({ file, node: node.name, field, listed: LOOKUPS[type].some((entry) => entry.name === value) }).toEqual({ file, node: node.name, field, listed: true });
			}
		}
	});

	it('add-system-user.json creates the user with the Company Admin role of the company it acts in, its parameters unchanged', async () => {
		const node = keepnetNodes.find(({ file }) => file === 'add-system-user.json')!.node;
		const companyId = String((node.parameters.companyId as { value: string }).value);
		expect(fixture.sandbox.store.companies.get(companyId)?.name).toBe('Globex Corporation');
		await fixture.run(node.parameters);
		const created = [...fixture.sandbox.store.data(companyId).systemUsers.values()].find((user) => user.email === node.parameters.email);
		expect(created?.roleIds).toEqual([fixture.sandbox.ids.rolesByCompany[companyId].companyAdmin]);
	});

	it('onboard-new-customer.json creates the company with the named country, industry, license type and period, its lookup parameters unchanged', async () => {
		const node = keepnetNodes.find(({ file, node }) => file === 'onboard-new-customer.json' && node.name === 'Create company')!.node;
		// Only the name, the seat count and the company group come from the Customer node, which this single-node run
		// does not have (the group is checked by the end-to-end case of this example).
		const { companyGroupIds, ...additionalFields } = node.parameters.additionalFields as INodeParameters;
		expect(companyGroupIds).toMatch(/\$\('Customer'\)/);
		const [created] = jsonOf(await fixture.run({ ...node.parameters, name: 'Examples Onboarding Ltd', numberOfUsers: 50, additionalFields }));
		const company = fixture.sandbox.store.companies.get(String(created.resourceId));
		expect(company?.name).toBe('Examples Onboarding Ltd');
		const named = (field: string) => String(node.parameters[field]).replace(/^=/, '');
		expect({
			country: findLookup(LOOKUP_TYPE.country, company?.countryResourceId)?.name,
			industry: findLookup(LOOKUP_TYPE.industry, company?.industryResourceId)?.name,
			licenseType: findLookup(LOOKUP_TYPE.licenseType, company?.licenseTypeResourceId)?.name,
			licensePeriod: findLookup(LOOKUP_TYPE.licensePeriod, company?.licensePeriodTypeResourceId)?.name,
			timeZoneId: company?.timeZoneId,
		}).toEqual({
			country: named('countryId'),
			industry: named('industryId'),
			licenseType: named('licenseTypeId'),
			licensePeriod: named('licensePeriodTypeId'),
			timeZoneId: node.parameters.timeZoneId,
		});
	});
});
