/**
 * Customers' credentials (REST API client secrets, SCIM tokens) appear only in the output of the operation that
 * creates or regenerates them (REST API Client → Create, SCIM Integration → Create and Revoke Token), in the field
 * that carries them. Every operation of Company Group, REST API Client, SCIM Integration and Direct Email Creation
 * runs against a sandbox that answers with errors repeating the company's stored credentials (labelled) and the
 * ones the request sent (bare), in the body and in headers; with and without Continue On Fail, on every step of
 * the operation; and once without any echo. Output, thrown error (all its fields, hidden ones too) and n8n's log
 * lines are scanned for every credential the sandbox ever held.
 */
import { inspect } from 'node:util';

import type { INodeParameters } from 'n8n-workflow';

import type { CapturedLogEntry } from '../support/harness';
import { runNode } from '../support/harness';
import { Keepnet } from '../../nodes/Keepnet/Keepnet.node';
import { REDACTED } from '../../nodes/Keepnet/transport/redaction';
import { resellerOf, type SecretEchoEntry } from '../sandbox/reseller';
import type { FailNextMatch } from '../sandbox/types';
import { items, locator, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';
import { visibleText } from '../support/secrets';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[0];
	// Something to echo from the start: a client and a SCIM integration of the company.
	reseller().addRestApiClient(companyId, { name: 'Standing client', roleResourceIdList: [fixture.sandbox.ids.rolesByCompany[companyId].companyAdmin] });
	reseller().addScimIntegration(companyId, 'Standing SCIM');
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	fixture.sandbox.clearRequests();
	reseller().secretEcho = [];
});

const reseller = () => resellerOf(fixture.sandbox.store);
const company = () => locator(companyId);
const adminRole = () => fixture.sandbox.ids.rolesByCompany[companyId].companyAdmin;

interface Case {
	/** Parameters of a run; the set-up (a fresh record to act on) happens when it is called. */
	parameters: () => INodeParameters;
	/** The requests an echo may answer, one run per entry: every step of the operation. */
	steps: FailNextMatch[];
	/** The output field that may carry a credential (the creating operations only). */
	allowed?: 'clientSecret' | 'token';
}

const id = (value: string) => locator(value, 'id');
const freshGroup = () => reseller().addGroup(fixture.sandbox.ids.resellerCompanyId, `Echo ${Math.random()}`, [companyId]).resourceId;
const freshClient = () => reseller().addRestApiClient(companyId, { name: 'Echo client', roleResourceIdList: [adminRole()] }).resourceId;
const freshScim = () => reseller().addScimIntegration(companyId, `Echo ${Math.floor(Math.random() * 1e9)}`).resourceId;
const freshDec = () => {
	const settings = reseller().directEmailSettings;
	const resourceId = fixture.sandbox.store.newId();
	settings.set(resourceId, { resourceId, companyId, name: `Echo ${resourceId}`, tenantId: 't', allowedDomains: ['e.example'], type: 1, isDefault: false, status: 'Pending', createTime: new Date().toISOString(), seq: 0 });
	return resourceId;
};
const search = (path: string): FailNextMatch => ({ path, method: 'POST' });

const cases: Record<string, Case> = {
	'company group create': { parameters: () => ({ resource: 'companyGroup', operation: 'create', name: `Echo ${Math.random()}` }), steps: [{ path: '/api/company-groups' }] },
	'company group get': { parameters: () => ({ resource: 'companyGroup', operation: 'get', companyGroupId: id(freshGroup()) }), steps: [{}] },
	'company group getAll': { parameters: () => ({ resource: 'companyGroup', operation: 'getAll', returnAll: true }), steps: [{}] },
	'company group rename': {
		parameters: () => ({ resource: 'companyGroup', operation: 'rename', companyGroupId: id(freshGroup()), name: 'Renamed by echo' }),
		steps: [{ pathSuffix: '/companies/search' }, { method: 'PUT' }],
	},
	'company group delete': { parameters: () => ({ resource: 'companyGroup', operation: 'delete', companyGroupId: id(freshGroup()) }), steps: [{}] },
	'company group getCompanies': { parameters: () => ({ resource: 'companyGroup', operation: 'getCompanies', companyGroupId: id(freshGroup()), returnAll: true }), steps: [{}] },
	'company group addCompanies': {
		parameters: () => ({ resource: 'companyGroup', operation: 'addCompanies', companyGroupId: id(freshGroup()), companyIds: [fixture.sandbox.ids.customerCompanyIds[1]] }),
		steps: [{ pathSuffix: '/companies/search' }, { method: 'PUT' }],
	},
	'company group removeCompanies': {
		parameters: () => ({ resource: 'companyGroup', operation: 'removeCompanies', companyGroupId: id(freshGroup()), companyIds: [companyId] }),
		steps: [{ pathSuffix: '/companies/search' }, { method: 'DELETE' }],
	},
	'rest api client create': {
		parameters: () => ({ resource: 'restApiClient', operation: 'create', companyId: company(), name: 'Echo create', roleIds: [adminRole()] }),
		steps: [{ pathSuffix: '/generate-client-credentials' }, { path: '/api/companies/clients', method: 'POST' }],
		allowed: 'clientSecret',
	},
	'rest api client get': { parameters: () => ({ resource: 'restApiClient', operation: 'get', companyId: company(), restApiClientId: id(freshClient()) }), steps: [{}] },
	'rest api client getAll': { parameters: () => ({ resource: 'restApiClient', operation: 'getAll', companyId: company(), returnAll: true }), steps: [{}] },
	'rest api client update': {
		parameters: () => ({ resource: 'restApiClient', operation: 'update', companyId: company(), restApiClientId: id(freshClient()), updateFields: { name: 'Echo update' } }),
		steps: [{ method: 'GET' }, { method: 'PUT' }],
	},
	'rest api client delete': {
		parameters: () => ({ resource: 'restApiClient', operation: 'delete', companyId: company(), restApiClientId: id(freshClient()) }),
		steps: [{ method: 'GET' }, { method: 'DELETE' }],
	},
	'scim getFields': { parameters: () => ({ resource: 'scimIntegration', operation: 'getFields', companyId: company() }), steps: [{}] },
	'scim create': {
		parameters: () => ({ resource: 'scimIntegration', operation: 'create', companyId: company(), name: `Echo ${Math.floor(Math.random() * 1e9)}` }),
		steps: [{ path: '/api/scim' }, search('/api/scim/search')],
		allowed: 'token',
	},
	'scim get': { parameters: () => ({ resource: 'scimIntegration', operation: 'get', companyId: company(), scimIntegrationId: id(freshScim()) }), steps: [{}] },
	'scim getAll': { parameters: () => ({ resource: 'scimIntegration', operation: 'getAll', companyId: company(), returnAll: true }), steps: [{}] },
	'scim rename': { parameters: () => ({ resource: 'scimIntegration', operation: 'rename', companyId: company(), scimIntegrationId: id(freshScim()), name: 'Echo renamed' }), steps: [{}] },
	'scim delete': { parameters: () => ({ resource: 'scimIntegration', operation: 'delete', companyId: company(), scimIntegrationId: id(freshScim()) }), steps: [{}] },
	'scim revokeToken': { parameters: () => ({ resource: 'scimIntegration', operation: 'revokeToken', companyId: company(), scimIntegrationId: id(freshScim()) }), steps: [{}], allowed: 'token' },
	'dec create': {
		parameters: () => ({ resource: 'directEmailCreation', operation: 'create', companyId: company(), name: `Echo ${Math.random()}`, type: 1, tenantId: 't', allowedDomains: 'e.example' }),
		steps: [{ method: 'POST' }, { pathSuffix: '/settings' }],
	},
	'dec test': {
		parameters: () => ({ resource: 'directEmailCreation', operation: 'test', companyId: company(), directEmailSettingId: id(freshDec()), to: 'a@e.example', from: 'b@e.example' }),
		steps: [{ method: 'GET' }, { pathSuffix: '/test' }],
	},
	'dec makeDefault': { parameters: () => ({ resource: 'directEmailCreation', operation: 'makeDefault', companyId: company(), directEmailSettingId: id(freshDec()) }), steps: [{}] },
	'dec getAll': { parameters: () => ({ resource: 'directEmailCreation', operation: 'getAll', companyId: company(), returnAll: true }), steps: [{}] },
};

async function runAndScan(parameters: INodeParameters, allowed: Case['allowed'], continueOnFail: boolean) {
	const logs: CapturedLogEntry[] = [];
	let output: Array<Array<{ json: Record<string, unknown> }>> | undefined;
	let thrown: unknown;
	try {
		const result = await runNode({ node: new Keepnet(), parameters, items: items({}), credentials: fixture.credentials, continueOnFail, collectLogsInto: logs });
		output = result.output as typeof output;
		thrown = result.nodeError;
	} catch (error) {
		thrown = error;
	}
	// The one place a credential may be: its field in the output of the creating operation.
	const permitted: string[] = [];
	for (const item of output?.[0] ?? []) {
		if (allowed && typeof item.json[allowed] === 'string') {
			permitted.push(item.json[allowed] as string);
			item.json = { ...item.json, [allowed]: '<allowed here>' };
		}
	}
	const text = visibleText(output, thrown, logs) + inspect(thrown, { showHidden: true, depth: 12, getters: false });
	const leaks = reseller()
		.allSecrets()
		.filter((secret) => text.includes(secret));
	return { output, thrown, text, leaks, permitted };
}

const statuses: Array<[number, boolean]> = [
	[400, false],
	[500, true],
	[200, false],
	[418, true],
];

describe.each(Object.keys(cases))('%s', (label) => {
	const testCase = cases[label];

	it('without any echo: a credential only in its allowed field', async () => {
		const run = await runAndScan(testCase.parameters(), testCase.allowed, false);
		expect(run.thrown).toBeUndefined();
		expect(run.leaks).toEqual([]);
		if (testCase.allowed) expect(run.permitted).toHaveLength(1);
	});

	it.each(statuses)('HTTP %i echoes on every step (Continue On Fail: %s)', async (status, continueOnFail) => {
		for (const match of testCase.steps) {
			fixture.sandbox.clearRequests();
			// A 5xx is retried for reads: the echo answers every attempt.
			const entry: SecretEchoEntry = { match, status, inContentType: status === 418 };
			reseller().secretEcho = status >= 500 ? [1, 2, 3, 4].map(() => ({ ...entry })) : [entry];
			const run = await runAndScan(testCase.parameters(), testCase.allowed, continueOnFail);
			const echoed = reseller().secretEcho.length < (status >= 500 ? 4 : 1);
			expect([label, JSON.stringify(match), echoed]).toEqual([label, JSON.stringify(match), true]);
			expect(run.thrown !== undefined || run.output !== undefined).toBe(true);
			expect(run.text).toContain(REDACTED);
			expect([label, JSON.stringify(match), run.leaks]).toEqual([label, JSON.stringify(match), []]);
		}
		reseller().secretEcho = [];
	});
});

describe('a lost answer to a write that created a credential', () => {
	it('SCIM create answered 500 after the integration was made: the new token (never seen by the node) is hidden', async () => {
		reseller().secretEcho = [{ match: { path: '/api/scim' }, status: 500, afterHandling: true }];
		const run = await runAndScan({ resource: 'scimIntegration', operation: 'create', companyId: company(), name: 'Lost answer' }, 'token', true);
		expect([...reseller().scimIntegrations.values()].some((scim) => scim.name === 'Lost answer')).toBe(true);
		expect(run.leaks).toEqual([]);
	});

	it('REST API client create answered 500 after the client was saved: its secret is hidden and the error says what to do', async () => {
		reseller().secretEcho = [{ match: { path: '/api/companies/clients', method: 'POST' }, status: 500, afterHandling: true }];
		const run = await runAndScan({ resource: 'restApiClient', operation: 'create', companyId: company(), name: 'Lost client', roleIds: [adminRole()] }, 'clientSecret', false);
		expect([...reseller().restApiClients.values()].some((client) => client.name === 'Lost client')).toBe(true);
		expect(String((run.thrown as { description?: unknown }).description)).toContain('its secret cannot be shown again');
		expect(run.leaks).toEqual([]);
	});
});
