/**
 * The client secret and the access tokens never appear in node output, error messages, error
 * descriptions, serialised errors or logs: every scenario below is scanned for all of them.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { CapturedLogEntry } from '../support/harness';
import { runNode } from '../support/harness';
import { Keepnet } from '../../nodes/Keepnet/Keepnet.node';
import { leakedSecrets } from '../support/secrets';
import { items, locator, resellerCredentials, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';
import type { FailNextEntry } from '../sandbox/types';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[0];
});
afterAll(async () => await fixture.close());

type Scenario = [string, () => INodeParameters, FailNextEntry[], { continueOnFail?: boolean; clientSecret?: string; accessToken?: string }];

const createUser = (): INodeParameters => ({ resource: 'targetUser', operation: 'create', companyId: locator(companyId), email: `s${Date.now()}${Math.random()}@secrets.example`, phoneNumber: '+1' });
const listUsers = (): INodeParameters => ({ resource: 'targetUser', operation: 'getAll', companyId: locator(companyId), returnAll: false, limit: 3 });

const scenarios: Scenario[] = [
	['a successful create', createUser, [], {}],
	['a successful export', () => ({ resource: 'targetUser', operation: 'export', companyId: locator(companyId), fileFormat: 'csv', binaryPropertyName: 'data' }), [], {}],
	['a 400 validation answer', createUser, [{ match: { path: '/api/target-users' }, status: 400 }], {}],
	['a 400 with Continue On Fail', createUser, [{ match: { path: '/api/target-users' }, status: 400 }], { continueOnFail: true }],
	['a 403', () => ({ ...listUsers(), companyId: locator(fixture.sandbox.ids.unmanagedCompanyId, 'id') }), [], {}],
	['a 404', () => ({ resource: 'targetUser', operation: 'get', companyId: locator(companyId), targetUserId: locator('NoSuchUser01', 'id') }), [], {}],
	['a 500 on a write', createUser, [{ match: { path: '/api/target-users' }, status: 500 }], { continueOnFail: true }],
	['a dropped connection on a write', createUser, [{ match: { path: '/api/target-users' }, status: 0, dropConnection: true }], {}],
	['an HTML page instead of JSON', listUsers, [{ match: { pathPrefix: '/api/target-users/search' }, status: 200, body: '<html>proxy</html>', contentType: 'text/html' }], {}],
	['a 401 that survives the renewal', listUsers, [{ match: { pathPrefix: '/api/target-users/search' }, status: 401 }, { match: { pathPrefix: '/api/target-users/search' }, status: 401 }], {}],
	['a wrong client secret', listUsers, [], { clientSecret: 'wrong-secret-e1f2a3b4c5' }],
	['a wrong client secret with Continue On Fail', listUsers, [], { clientSecret: 'wrong-secret-e1f2a3b4c5', continueOnFail: true }],
	['a token endpoint that fails', listUsers, [{ match: { path: '/connect/token' }, status: 500 }], {}],
	['a stale stored token', listUsers, [], { accessToken: 'stale-token-0f9e8d7c6b' }],
];

describe('no secret in output, errors or logs', () => {
	it.each(scenarios)('%s', async (_label, parameters, faults, options) => {
		const credentials = resellerCredentials(fixture.sandbox, {
			...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
			...(options.accessToken ? { accessToken: options.accessToken } : {}),
		});
		fixture.sandbox.faults.failNext = [...faults];
		const logs: CapturedLogEntry[] = [];
		let output: unknown;
		let thrown: unknown;
		try {
			output = (await runNode({ node: new Keepnet(), parameters: parameters(), items: items({}), credentials, continueOnFail: options.continueOnFail, collectLogsInto: logs })).output;
		} catch (error) {
			thrown = error;
		}
		const extraSecrets = [options.clientSecret, options.accessToken, String(credentials.data.accessToken ?? '')].filter((secret): secret is string => !!secret && secret.length > 8);
		const text = JSON.stringify([output, logs]) + (thrown instanceof Error ? `${thrown.message} ${String((thrown as { description?: unknown }).description)}` : '');
		expect(leakedSecrets(fixture.sandbox, output, thrown, logs)).toEqual([]);
		for (const secret of extraSecrets) expect(text.includes(secret)).toBe(false);
		expect(output !== undefined || thrown !== undefined).toBe(true);
	});
});

describe('the scan itself', () => {
	it('finds a secret hidden in a nested error, e.g. an Authorization header of a failed request', async () => {
		await fixture.run({ resource: 'targetUser', operation: 'getCountSummary', companyId: locator(companyId) });
		const token = String(fixture.credentials.data.accessToken);
		const error = Object.assign(new Error('Request failed'), { config: { headers: { Authorization: `Bearer ${token}` } } });
		expect(leakedSecrets(fixture.sandbox, [{ json: {} }], error)).toEqual([token]);
		expect(leakedSecrets(fixture.sandbox, { body: `client_secret=${fixture.sandbox.clients.reseller.clientSecret}` })).toEqual([fixture.sandbox.clients.reseller.clientSecret]);
	});
});
