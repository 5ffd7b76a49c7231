/**
 * End-to-end: a workflow with the Keepnet Trigger is ACTIVATED in the real n8n (`n8n start`, REST API
 * activate, as the editor's "Publish"/"Active" toggle does) with a poll every minute (n8n refuses shorter
 * intervals: "The polling interval is too short. It has to be at least a minute."); the sandbox then produces
 * events and the executions n8n records must hold each event exactly once.
 *
 * n8n runs one poll during activation (its activation test), then one per minute at a second derived from
 * the workflow and node ids.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { Sandbox } from '../sandbox/types';
import { targetUserFields, type TargetUserRecord } from '../sandbox';
import { EXAMPLE_CREDENTIAL, KEEPNET_CREDENTIAL_TYPE } from '../../scripts/n8n/lib/examples';
import type { N8nInstance, OwnerAccount, WorkflowFile } from '../../scripts/n8n/lib/instance';

export const KEEPNET_TRIGGER_TYPE = 'n8n-nodes-keepnet.keepnetTrigger';
export const TRIGGER_WORKFLOW_ID = 'E2eKeepnetTrig01';
/** The shortest poll interval n8n accepts. */
const POLL_EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };
/** Long enough for the next scheduled poll (at most 60 s away) and the execution it starts. */
const NEXT_POLL_MS = 100_000;

export function triggerWorkflow(companyId: string): WorkflowFile {
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'e2e: Keepnet Trigger (activated)',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		connections: { 'Keepnet Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 'e2e-keepnet-trigger',
				name: 'Keepnet Trigger',
				type: KEEPNET_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: POLL_EVERY_MINUTE,
					event: 'newTargetUser',
					companyScope: 'one',
					companyId: { __rl: true, mode: 'id', value: companyId },
				},
				credentials: { [KEEPNET_CREDENTIAL_TYPE]: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } },
			},
			{ id: 'e2e-received', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
	};
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
		await sleep(500);
	}
}

/** Execution statuses n8n reports before an execution has ended. */
const UNFINISHED_STATUSES = new Set(['new', 'running', 'waiting']);

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

type Parse = (text: string) => unknown;

/** n8n stores execution data "flatted"; the parser is n8n's own dependency. */
function flattedParser(instance: N8nInstance): Parse {
	const requireFromN8n = createRequire(path.join(instance.runtime.installDir, 'node_modules', 'n8n', 'package.json'));
	return (requireFromN8n('flatted') as { parse: Parse }).parse;
}

async function rest<T>(instance: N8nInstance, cookie: string, method: string, route: string, body?: unknown): Promise<T> {
	const response = await fetch(`${instance.apiUrl}/rest${route}`, {
		method,
		headers: { cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	assert.ok(response.ok, `${method} /rest${route} answered ${response.status}: ${text.slice(0, 500)}`);
	return (JSON.parse(text) as { data: T }).data;
}

async function executions(instance: N8nInstance, cookie: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: TRIGGER_WORKFLOW_ID }));
	const list = await rest<{ results: ExecutionSummary[] }>(instance, cookie, 'GET', `/executions?filter=${filter}&limit=250`);
	return list.results;
}

/** The target-user ids in the trigger's output of one recorded execution. */
async function emittedIds(instance: N8nInstance, cookie: string, parse: Parse, executionId: string): Promise<string[]> {
	const execution = await rest<{ data: string }>(instance, cookie, 'GET', `/executions/${executionId}`);
	const data = parse(execution.data) as { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: { record?: { resourceId?: string } } }>> } }>> } };
	const runs = data.resultData.runData['Keepnet Trigger'] ?? [];
	return runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => String(item.json.record?.resourceId)));
}

async function allEmitted(instance: N8nInstance, cookie: string, parse: Parse): Promise<{ ids: string[]; failed: ExecutionSummary[] }> {
	// Executions n8n has started but not finished are waited for, so none is judged (or missed) half-way.
	const list = await waitFor('the trigger\'s executions to finish', 60_000, async () => {
		const listed = await executions(instance, cookie);
		return listed.some((execution) => UNFINISHED_STATUSES.has(execution.status)) ? undefined : listed;
	});
	const ids: string[] = [];
	for (const execution of list) ids.push(...(await emittedIds(instance, cookie, parse, execution.id)));
	return { ids, failed: list.filter((execution) => execution.status !== 'success') };
}

function newUser(sandbox: Sandbox, companyId: string, label: string): TargetUserRecord {
	return sandbox.store.addTargetUser(companyId, targetUserFields(`e2e.trigger.${label}@events.example`, { firstName: 'E2E', lastName: label, department: 'Trigger' }));
}

export async function runActivatedTriggerTest(options: { sandbox: Sandbox; instance: N8nInstance; owner: OwnerAccount; companyId: string; log: (message: string) => void }): Promise<void> {
	const { sandbox, instance, owner, companyId } = options;
	const cookie = await instance.login(owner);
	const parse = flattedParser(instance);
	const polls = () =>
		sandbox.requests.filter((request) => request.path === '/api/target-users/search' && request.headers['x-keepnet-company-id'] === companyId && request.status === 200).length;

	const workflow = await rest<{ versionId: string }>(instance, cookie, 'GET', `/workflows/${TRIGGER_WORKFLOW_ID}`);
	const before = polls();
	const activated = await rest<{ active: boolean }>(instance, cookie, 'POST', `/workflows/${TRIGGER_WORKFLOW_ID}/activate`, { versionId: workflow.versionId });
	assert.equal(activated.active, true, 'n8n did not activate the workflow');
	try {
		// The activation poll learns the cursor and emits nothing, though the company already has users.
		await waitFor('the activation poll', 30_000, () => (polls() >= before + 1 ? true : undefined));
		assert.deepEqual((await allEmitted(instance, cookie, parse)).ids, [], 'the first activation emitted old users');

		const firstBatch = ['one', 'two', 'three'].map((label) => newUser(sandbox, companyId, label).resourceId);
		await waitFor('executions holding the first three users', NEXT_POLL_MS, async () => {
			const { ids } = await allEmitted(instance, cookie, parse);
			return firstBatch.every((id) => ids.includes(id)) ? true : undefined;
		});

		const secondBatch = ['four', 'five'].map((label) => newUser(sandbox, companyId, label).resourceId);
		await waitFor('executions holding the next two users', NEXT_POLL_MS, async () => {
			const { ids } = await allEmitted(instance, cookie, parse);
			return secondBatch.every((id) => ids.includes(id)) ? true : undefined;
		});
		const afterSecond = polls();
		await waitFor('one more poll', NEXT_POLL_MS, () => (polls() >= afterSecond + 1 ? true : undefined));
		await sleep(3000);

		const { ids, failed } = await allEmitted(instance, cookie, parse);
		assert.deepEqual(failed, [], 'n8n recorded failed executions');
		assert.deepEqual([...ids].sort(), [...firstBatch, ...secondBatch].sort(), 'each new user must be in exactly one execution item, once');
		options.log(`# trigger: ${polls() - before} polls, ${(await executions(instance, cookie)).length} executions, ${ids.length} events`);
	} finally {
		await rest(instance, cookie, 'POST', `/workflows/${TRIGGER_WORKFLOW_ID}/deactivate`, {});
	}
}

export const LICENSE_EXAMPLE_FILE = 'license-over-limit-notify.json';

/** The example as imported for the e2e run: the same workflow, polled every minute instead of every 15 minutes. */
export function withFastPolling(workflow: WorkflowFile): WorkflowFile {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowFile;
	for (const node of copy.nodes) {
		if (node.type === KEEPNET_TRIGGER_TYPE) node.parameters.pollTimes = POLL_EVERY_MINUTE;
	}
	return copy;
}

/**
 * examples/license-over-limit-notify.json, activated: a customer that goes over its seat limit after activation
 * reaches "Send notification" once, with its name in the composed text; the customers already over the limit at
 * activation never do.
 */
export async function runLicenseExampleTest(options: { sandbox: Sandbox; instance: N8nInstance; owner: OwnerAccount; workflow: WorkflowFile; companyId: string }): Promise<void> {
	const { sandbox, instance, owner, workflow, companyId } = options;
	const cookie = await instance.login(owner);
	const parse = flattedParser(instance);
	const company = sandbox.store.companies.get(companyId);
	assert.ok(company, `no company ${companyId}`);
	const searches = () => sandbox.requests.filter((request) => request.path === '/api/companies/search' && request.status === 200 && (request.body as { isTargetUserCountExceededLimit?: boolean }).isTargetUserCountExceededLimit === true).length;
	const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
	const notified = async (): Promise<Array<{ companyResourceId: string; subject: string; text: string }>> => {
		// An execution n8n has started but not finished yet is waited for, not judged.
		const list = await waitFor('the example\'s executions to finish', 60_000, async () => {
			const listed = await rest<{ results: ExecutionSummary[] }>(instance, cookie, 'GET', `/executions?filter=${filter}&limit=250`);
			return listed.results.some((execution) => UNFINISHED_STATUSES.has(execution.status)) ? undefined : listed;
		});
		const sent: Array<{ companyResourceId: string; subject: string; text: string }> = [];
		for (const execution of list.results) {
			assert.equal(execution.status, 'success', `execution ${execution.id} of the example ended ${execution.status}`);
			const record = await rest<{ data: string }>(instance, cookie, 'GET', `/executions/${execution.id}`);
			const data = parse(record.data) as { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: { companyResourceId: string; subject: string; text: string } }>> } }>> } };
			for (const run of data.resultData.runData['Send notification'] ?? []) sent.push(...(run.data?.main?.[0] ?? []).map((item) => item.json));
		}
		return sent;
	};

	const stored = await rest<{ versionId: string }>(instance, cookie, 'GET', `/workflows/${workflow.id}`);
	const before = searches();
	await rest(instance, cookie, 'POST', `/workflows/${workflow.id}/activate`, { versionId: stored.versionId });
	const seatsBefore = { limited: company.isNumberOfUsersLimited, seats: company.numberOfUsers };
	try {
		await waitFor('the activation poll', 30_000, () => (searches() >= before + 1 ? true : undefined));
		assert.deepEqual(await notified(), [], 'customers already over the limit at activation were notified');
		// The customer goes over: its seat limit drops below the users it has.
		company.isNumberOfUsersLimited = true;
		company.numberOfUsers = 1;
		const sent = await waitFor('the notification', NEXT_POLL_MS, async () => {
			const list = await notified();
			return list.length > 0 ? list : undefined;
		});
		const afterFirst = searches();
		await waitFor('one more poll', NEXT_POLL_MS, () => (searches() >= afterFirst + 1 ? true : undefined));
		await sleep(3000);
		const all = await notified();
		assert.equal(all.length, 1, `expected one notification, got ${JSON.stringify(all)}`);
		assert.equal(sent[0]?.companyResourceId, companyId);
		assert.equal(sent[0]?.subject, `Keepnet: ${company.name} is over its license limit`);
		assert.match(sent[0]?.text ?? '', new RegExp(`^${company.name} uses \\d+ target users; its license allows 1\\.`));
	} finally {
		company.isNumberOfUsersLimited = seatsBefore.limited;
		company.numberOfUsers = seatsBefore.seats;
		await rest(instance, cookie, 'POST', `/workflows/${workflow.id}/deactivate`, {});
	}
}
