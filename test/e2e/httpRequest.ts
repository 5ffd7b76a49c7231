/**
 * End-to-end: the Keepnet API credential as a Predefined Credential Type of n8n's own HTTP Request node, the escape
 * hatch for the endpoints the Keepnet node does not cover. One workflow, two HTTP Request nodes:
 * - `GET {Base URL}/api/dashboard/summary` with `X-KEEPNET-Company-Id`, while the stored token has just been revoked
 *   on the server: n8n must renew it through the credential (401, one token request, the same call again) and the
 *   answer must be the chosen company's;
 * - the same credential on a URL of another origin: refused by the credential before anything is sent, so the
 *   token never leaves for a host other than the Base URL (the node continues on error so the refusal is readable).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Sandbox } from '../sandbox/types';
import { EXAMPLE_CREDENTIAL, KEEPNET_CREDENTIAL_TYPE } from '../../scripts/n8n/lib/examples';
import type { N8nInstance, WorkflowFile } from '../../scripts/n8n/lib/instance';
import { assertRunSucceeded, describeRequests, nodeOutput } from './support';

export const HTTP_REQUEST_WORKFLOW_ID = 'E2eHttpKeepnet01';

/** A loopback server of another origin that records whatever reaches it. */
export async function startForeignServer(): Promise<{ url: string; received: Array<{ path: string; authorization?: string }>; close(): Promise<void> }> {
	const received: Array<{ path: string; authorization?: string }> = [];
	const server = createServer((request, response) => {
		received.push({ path: request.url ?? '', authorization: request.headers.authorization });
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end('{"data":"foreign"}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, received, close: async () => await new Promise<void>((resolve) => server.close(() => resolve())) };
}

function httpRequestNode(id: string, name: string, url: string, companyId: string, position: [number, number]): WorkflowFile['nodes'][number] {
	return {
		id,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'GET',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: KEEPNET_CREDENTIAL_TYPE,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'X-KEEPNET-Company-Id', value: companyId }] },
			options: {},
		},
		credentials: { [KEEPNET_CREDENTIAL_TYPE]: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } },
	};
}

export function httpRequestWorkflow(sandboxUrl: string, foreignUrl: string, companyId: string): WorkflowFile {
	const foreign = httpRequestNode('http-foreign', 'Other host', `${foreignUrl}/api/dashboard/summary`, companyId, [440, 0]);
	return {
		id: HTTP_REQUEST_WORKFLOW_ID,
		name: 'e2e: HTTP Request node with the Keepnet API credential',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Dashboard summary', type: 'main', index: 0 }]] },
			'Dashboard summary': { main: [[{ node: 'Other host', type: 'main', index: 0 }]] },
		},
		nodes: [
			{ id: 'http-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			httpRequestNode('http-dashboard', 'Dashboard summary', `${sandboxUrl}/api/dashboard/summary`, companyId, [220, 0]),
			{ ...foreign, onError: 'continueRegularOutput' },
		],
	};
}

export async function runHttpRequestCredentialTest(context: {
	sandbox: Sandbox;
	instance: N8nInstance;
	companyId: string;
	foreign: Awaited<ReturnType<typeof startForeignServer>>;
	/** Any workflow using the Keepnet credential, run first when no token was issued yet. */
	tokenWorkflowId: string;
}): Promise<void> {
	const { sandbox, instance, companyId, foreign } = context;
	const company = sandbox.store.companies.get(companyId);
	assert.ok(company, `no company ${companyId} in the sandbox`);
	// A token stored with the credential (another workflow's run stores one), which then dies on the server, its
	// expiry still ahead: the first call must get a 401 and n8n must renew through the credential.
	if (sandbox.tokensIssued() === 0) assertRunSucceeded(await instance.executeWorkflow(context.tokenWorkflowId), 'a run that stores a token');
	for (const issued of sandbox.store.tokens.values()) issued.forcedExpired = true;
	const tokensBefore = sandbox.tokensIssued();
	sandbox.clearRequests();
	foreign.received.length = 0;

	const run = assertRunSucceeded(await instance.executeWorkflow(HTTP_REQUEST_WORKFLOW_ID), 'HTTP Request with the Keepnet API credential');

	const summary = nodeOutput(run, 'Dashboard summary').map((item) => item.json);
	assert.equal(summary.length, 1, JSON.stringify(summary));
	const blocks = (summary[0]?.data as Array<{ dashboardSummary?: { data?: { companyName?: string } } }> | undefined) ?? [];
	assert.equal(blocks[0]?.dashboardSummary?.data?.companyName, company.name, `the answer was not the chosen company's: ${JSON.stringify(summary[0])}`);

	const log = describeRequests(sandbox.requests);
	const calls = sandbox.requests.filter((request) => request.path.toLowerCase() === '/api/dashboard/summary');
	assert.deepEqual(calls.map((request) => request.status), [401, 200], `dashboard calls:\n${log}`);
	assert.ok(calls.every((request) => request.headers['x-keepnet-company-id'] === companyId), 'the scope header did not reach Keepnet');
	// Between the 401 and the repeated call: exactly one token request (the renewal), and the new token was used.
	const [first, second] = calls.map((call) => sandbox.requests.indexOf(call));
	const renewals = sandbox.requests.slice((first ?? 0) + 1, second).filter((request) => request.path === '/connect/token');
	assert.equal(renewals.length, 1, `token requests between the 401 and the repeated call: ${renewals.length}; requests:\n${log}`);
	assert.notEqual(calls[0]?.headers.authorization, calls[1]?.headers.authorization, 'the call was repeated with the revoked token');
	// The node on the other host may make n8n fetch a token first (from the Base URL; it cannot know where the
	// request goes): at most that one more, and none of them anywhere but the Base URL.
	assert.ok(sandbox.tokensIssued() - tokensBefore <= 2, `token requests in the run: ${sandbox.tokensIssued() - tokensBefore}; requests:\n${log}`);

	// The other origin: nothing arrived there, and the node says why.
	assert.deepEqual(foreign.received, [], 'a request reached the host of another origin');
	const refused = nodeOutput(run, 'Other host').map((item) => item.json);
	assert.match(JSON.stringify(refused), /only sends its access token to/, JSON.stringify(refused));
}
