/**
 * Servers that echo secrets back: the token endpoint repeating the client secret, API answers repeating
 * `Bearer <token>` in `message` and `validationMessages`. Every entry point (the token request, each
 * operation, each picker, the credential Test) is fed such answers, and everything that comes out is
 * scanned: output items, the thrown error with all its own properties (non-enumerable ones included,
 * via util.inspect with showHidden), its cause chain, and every log line n8n wrote.
 */
import { inspect } from 'node:util';

import type { INodeParameters } from 'n8n-workflow';

import type { CapturedLogEntry } from '../support/harness';
import { callPreAuthentication, runCredentialTest, runListSearch, runLoadOptions, runNode } from '../support/harness';
import { Keepnet } from '../../nodes/Keepnet/Keepnet.node';
import { REDACTED } from '../../nodes/Keepnet/transport/redaction';
import { ECHO_AUTHORIZATION, ECHO_CLIENT_SECRET } from '../sandbox/faults';
import type { FailNextEntry } from '../sandbox/types';
import { items, locator, resellerCredentials, startKeepnetFixture, type KeepnetFixture } from '../support/fixture';
import { secretsOf, visibleText } from '../support/secrets';

let fixture: KeepnetFixture;
let companyId: string;

beforeAll(async () => {
	fixture = await startKeepnetFixture();
	companyId = fixture.sandbox.ids.customerCompanyIds[0];
});
afterAll(async () => await fixture.close());
beforeEach(() => {
	fixture.sandbox.clearRequests();
	fixture.sandbox.faults.failNext = [];
});

/** Everything a run made visible, as one text: including non-enumerable error fields and nested causes. */
function everything(...things: unknown[]): string {
	return visibleText(...things) + things.map((thing) => inspect(thing, { showHidden: true, depth: 12, getters: false })).join('\n');
}

function leaks(text: string): string[] {
	return secretsOf(fixture.sandbox).filter((secret) => secret !== '' && text.includes(secret));
}

const tokenEcho = (status: number): FailNextEntry => ({
	match: { path: '/connect/token' },
	status,
	body: JSON.stringify({ error: `invalid_request: client_secret=${ECHO_CLIENT_SECRET}`, error_description: `got ${ECHO_CLIENT_SECRET}` }),
	contentType: 'application/json',
});

const apiEcho = (status: number): FailNextEntry => ({
	match: { pathPrefix: '/api/' },
	status,
	body: JSON.stringify({
		status: status === 200 ? 'FAILED' : 'INPUT_ERROR',
		message: `Token ${ECHO_AUTHORIZATION} is not allowed here`,
		validationMessages: [`Header was: ${ECHO_AUTHORIZATION}`, `again ${ECHO_AUTHORIZATION}`],
		data: null,
	}),
	contentType: 'application/json',
});

async function runAndCollect(parameters: INodeParameters, options: { continueOnFail?: boolean; inputItems?: ReturnType<typeof items> } = {}) {
	const logs: CapturedLogEntry[] = [];
	let output: unknown;
	let thrown: unknown;
	try {
		const result = await runNode({
			node: new Keepnet(),
			parameters,
			items: options.inputItems ?? items({}),
			credentials: fixture.credentials,
			continueOnFail: options.continueOnFail,
			collectLogsInto: logs,
		});
		output = result.output;
		thrown = result.nodeError;
	} catch (error) {
		thrown = error;
	}
	return { output, thrown, logs, text: everything(output, thrown, logs) };
}

const someId = 'NoSuchUser01';
const operations: Array<[string, () => INodeParameters]> = [
	['company get', () => ({ resource: 'company', operation: 'get', companyId: locator(companyId) })],
	['company getAll', () => ({ resource: 'company', operation: 'getAll', returnAll: false, limit: 2 })],
	['company getLicenseStatus', () => ({ resource: 'company', operation: 'getLicenseStatus', companyId: locator(companyId) })],
	['company update', () => ({ resource: 'company', operation: 'update', companyId: locator(companyId, 'id'), updateFields: { numberOfUsers: 300 } })],
	['company delete', () => ({ resource: 'company', operation: 'delete', companyId: locator(companyId, 'id') })],
	['target user create', () => ({ resource: 'targetUser', operation: 'create', companyId: locator(companyId), email: 'echo@echo.example', phoneNumber: '+1' })],
	['target user upsert', () => ({ resource: 'targetUser', operation: 'upsert', companyId: locator(companyId), email: 'echo2@echo.example', phoneNumber: '+1' })],
	['target user get', () => ({ resource: 'targetUser', operation: 'get', companyId: locator(companyId), targetUserId: locator(someId, 'id') })],
	['target user getAll', () => ({ resource: 'targetUser', operation: 'getAll', companyId: locator(companyId), returnAll: false, limit: 2 })],
	['target user delete', () => ({ resource: 'targetUser', operation: 'delete', companyId: locator(companyId), targetUserId: locator(someId, 'id') })],
	['target user getCountSummary', () => ({ resource: 'targetUser', operation: 'getCountSummary', companyId: locator(companyId) })],
	['target user export', () => ({ resource: 'targetUser', operation: 'export', companyId: locator(companyId), fileFormat: 'csv', binaryPropertyName: 'data' })],
	['target user import', () => ({ resource: 'targetUser', operation: 'import', companyId: locator(companyId), mappingMode: 'defineBelow', email: 'imp@echo.example', phoneNumber: '+1' })],
	['target user addToGroups', () => ({ resource: 'targetUser', operation: 'addToGroups', companyId: locator(companyId), targetUserId: locator(someId, 'id'), targetGroupIds: ['NoSuchGroup1'] })],
	['system user create', () => ({ resource: 'systemUser', operation: 'create', companyId: locator(companyId), firstName: 'A', lastName: 'B', email: 'sys@echo.example', phoneNumber: '+15551234567', roleIds: ['NoSuchRole01'] })],
	['system user get', () => ({ resource: 'systemUser', operation: 'get', companyId: locator(companyId), systemUserId: locator(someId, 'id') })],
	['system user getAll', () => ({ resource: 'systemUser', operation: 'getAll', companyId: locator(companyId), returnAll: true })],
	['system user delete', () => ({ resource: 'systemUser', operation: 'delete', companyId: locator(companyId), systemUserId: locator(someId, 'id') })],
];

describe('the token endpoint echoes the client secret', () => {
	it.each([400, 200])('HTTP %i: preAuthentication error carries no secret', async (status) => {
		fixture.sandbox.faults.failNext = [tokenEcho(status)];
		const logs: CapturedLogEntry[] = [];
		const credentials = resellerCredentials(fixture.sandbox);
		const error = await callPreAuthentication({ credentials, collectLogsInto: logs }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(Error);
		const text = everything(error, logs);
		expect((error as Error).message).toContain(`client_secret=${REDACTED}`);
		expect(leaks(text)).toEqual([]);
		// The sandbox did receive (and echo) the real secret: the scan had something to find.
		expect(fixture.sandbox.requests.find((request) => request.path === '/connect/token')?.body).toMatchObject({ client_secret: fixture.sandbox.clients.reseller.clientSecret });
	});

	it.each([
		[400, false],
		[400, true],
		[200, false],
		[200, true],
	])('HTTP %i in a node run (Continue On Fail: %s)', async (status, continueOnFail) => {
		fixture.credentials.data.accessToken = '';
		fixture.sandbox.faults.failNext = [tokenEcho(status)];
		const run = await runAndCollect({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 }, { continueOnFail });
		expect(run.text).toContain(REDACTED);
		expect(leaks(run.text)).toEqual([]);
	});

	it.each([400, 200])('HTTP %i: the credential Test message carries no secret', async (status) => {
		fixture.sandbox.faults.failNext = [tokenEcho(status)];
		const result = await runCredentialTest({ credentials: resellerCredentials(fixture.sandbox) });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(REDACTED);
		expect(leaks(everything(result))).toEqual([]);
	});

	it.each([400, 200])('HTTP %i: the Company picker error carries no secret', async (status) => {
		const credentials = resellerCredentials(fixture.sandbox);
		fixture.sandbox.faults.failNext = [tokenEcho(status)];
		const logs: CapturedLogEntry[] = [];
		const error = await runListSearch({ node: new Keepnet(), method: 'searchCompanies', parameters: {}, credentials, collectLogsInto: logs }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(Error);
		expect(everything(error)).toContain(REDACTED);
		expect(leaks(everything(error, logs))).toEqual([]);
	});
});

describe('an API answer echoes the bearer token', () => {
	beforeAll(async () => {
		// Hold a token first, so that every request below carries one to echo.
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 });
	});

	describe.each([400, 500, 200])('HTTP %i', (status) => {
		it.each(operations)('%s', async (_label, parameters) => {
			// A 5xx is retried for reads: echo on every attempt, so the last answer is an echo too.
			fixture.sandbox.faults.failNext = status === 500 ? [1, 2, 3, 4].map(() => apiEcho(status)) : [apiEcho(status)];
			const run = await runAndCollect(parameters(), { continueOnFail: status === 500 });
			const echoed = fixture.sandbox.requests.find((request) => request.path.startsWith('/api/'));
			expect(echoed?.headers.authorization).toMatch(/^Bearer \S+/);
			expect(run.thrown !== undefined || run.output !== undefined).toBe(true);
			expect(run.text).toContain(REDACTED);
			expect(leaks(run.text)).toEqual([]);
		});
	});

	it.each([
		['Company picker', async () => await runListSearch({ node: new Keepnet(), method: 'searchCompanies', parameters: {}, credentials: fixture.credentials })],
		['Target User picker', async () => await runListSearch({ node: new Keepnet(), method: 'searchTargetUsers', parameters: { companyId: locator(companyId) }, credentials: fixture.credentials })],
		['System User picker', async () => await runListSearch({ node: new Keepnet(), method: 'searchSystemUsers', parameters: { companyId: locator(companyId) }, credentials: fixture.credentials })],
		['target-group picker', async () => await runLoadOptions({ node: new Keepnet(), method: 'getTargetGroups', parameters: { companyId: locator(companyId) }, credentials: fixture.credentials })],
		['role picker', async () => await runLoadOptions({ node: new Keepnet(), method: 'getRoles', parameters: { companyId: locator(companyId) }, credentials: fixture.credentials })],
	])('%s', async (_label, call) => {
		fixture.sandbox.faults.failNext = [apiEcho(400)];
		const error = await call().then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(Error);
		const text = everything(error);
		expect(text).toContain(REDACTED);
		expect(leaks(text)).toEqual([]);
	});

	it('the credential Test does not show an echoed token', async () => {
		const credentials = resellerCredentials(fixture.sandbox);
		fixture.sandbox.faults.failNext = [apiEcho(400)];
		const result = await runCredentialTest({ credentials });
		expect(result.status).toBe('Error');
		expect(leaks(everything(result))).toEqual([]);
	});
});

describe('a successful answer echoes the token into a text the node builds', () => {
	beforeAll(async () => {
		await fixture.run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 1 });
	});
	afterEach(() => {
		fixture.sandbox.faults.beforeHandling = null;
	});

	const reportFile = (): INodeParameters => ({
		resource: 'phishingCampaign',
		operation: 'getReportFile',
		companyId: locator(companyId),
		campaignId: locator('Campaign0001', 'id'),
		run: 'number',
		instanceGroup: 1,
		binaryPropertyName: 'report',
	});
	const exportPath = '/api/phishing-simulator/phishing-campaign-job-report/export/';

	it('Phishing Campaign → Get Report File: the Content-Disposition file name is redacted in the output and the binary', async () => {
		fixture.sandbox.faults.failNext = [
			{
				match: { method: 'GET', pathPrefix: exportPath },
				status: 200,
				body: 'Email,Clicked\r\na@b.example,1\r\n',
				contentType: 'text/csv',
				headers: { 'content-disposition': `attachment; filename="report ${ECHO_AUTHORIZATION}.csv"` },
			},
		];
		const run = await runAndCollect(reportFile());
		expect(run.thrown).toBeUndefined();
		const [[item]] = run.output as Array<Array<{ json: { fileName: string }; binary: { report: { fileName: string } } }>>;
		// The redaction takes the whole "Bearer …" word, extension included.
		expect(item.json.fileName).toBe(`report Bearer ${REDACTED}`);
		expect(item.binary.report.fileName).toBe(item.json.fileName);
		expect(leaks(run.text)).toEqual([]);
	});

	it('Phishing Campaign → Get Report File: a 200 HTML page (a proxy) is an error, not a report file', async () => {
		fixture.sandbox.faults.failNext = [
			{ match: { method: 'GET', pathPrefix: exportPath }, status: 200, body: `<html><body>Signed in as ${ECHO_AUTHORIZATION}</body></html>`, contentType: 'text/html; charset=utf-8' },
		];
		const run = await runAndCollect(reportFile());
		expect(run.output).toBeUndefined();
		expect(String((run.thrown as Error).message)).toMatch(/text\/html; charset=utf-8 instead of a file/);
		expect(leaks(run.text)).toEqual([]);
	});

	it('Import (Bulk): row reasons from the preview and from the job errors are redacted', async () => {
		const token = String(fixture.credentials.data.accessToken);
		expect(token.length).toBeGreaterThan(10);
		const emails = ['echo.preview@echo.example', 'echo.job@echo.example'];
		fixture.sandbox.faults.beforeHandling = (method, path) => {
			for (const transaction of fixture.sandbox.store.importTransactions.values()) {
				const row = transaction.tmpUsers?.find((tmp) => tmp.email === emails[0]);
				// The preview says the row is invalid, quoting the caller's token and client secret.
				if (row && path.endsWith('/search')) {
					row.status = 'Error';
					row.validationDetail = [{ fieldName: 'Email', message: `refused for Bearer ${token} (secret ${fixture.sandbox.clients.reseller.clientSecret})` }];
				}
			}
			if (method === 'GET' && path.startsWith('/api/jobs/')) {
				for (const job of fixture.sandbox.store.jobs.values()) {
					if (!job.processErrors.some((error) => error.inputData === emails[1])) job.processErrors.push({ errorMessage: `failed with token ${token}`, inputData: emails[1] });
				}
			}
		};
		const run = await runAndCollect(
			{ resource: 'targetUser', operation: 'import', companyId: locator(companyId), mappingMode: 'autoMapInputData' },
			{ inputItems: items(...emails.map((email) => ({ email, phone: '+4420700000' }))) },
		);
		expect(run.thrown).toBeUndefined();
		const outputs = (run.output as Array<Array<{ json: { outcome: string; reason: string } }>>)[0].map((item) => item.json);
		expect(outputs.map((json) => json.outcome)).toEqual(['invalid', 'failed']);
		for (const json of outputs) expect(json.reason).toContain(REDACTED);
		expect(leaks(run.text)).toEqual([]);
	});
});
