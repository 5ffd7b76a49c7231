/**
 * End-to-end tests in n8n's queue mode: PostgreSQL, Redis, one n8n main and two n8n workers on loopback
 * (scripts/n8n/lib/queue.ts), this package installed as a community package on every process, against the
 * Keepnet sandbox started in this process.
 *
 *   npm run test:e2e:queue                          all tests
 *   npm run test:e2e:queue -- --only concurrency    only tests whose name contains "concurrency" (setup always runs)
 *   KEEPNET_QUEUE_EXECUTIONS=20 KEEPNET_QUEUE_USERS=500   size of the concurrency test (defaults below)
 *
 * Executions are started the ways users start them, through the main: the editor's REST call for a manual run
 * (the examples; OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS sends them to the workers) and production webhooks.
 * Which process ran an execution is read from the processes' logs: n8n's execution records (execution_entity)
 * hold no process, but each worker logs "Worker started execution <id>" and the main "Enqueued execution <id>".
 *
 * Prints one "ok"/"not ok" line per test and, last, "queue-e2e: N passed, M failed"; exits 1 on any failure.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox/types';
import { EXAMPLE_CREDENTIAL, KEEPNET_CREDENTIAL_TYPE, KEEPNET_NODE_TYPE, exampleFiles, readWorkflowFile, withCompanyAndCredential } from '../../scripts/n8n/lib/examples';
import type { OwnerAccount, WorkflowFile, WorkflowNode } from '../../scripts/n8n/lib/instance';
import { packProject } from '../../scripts/n8n/lib/package';
import { QueueCluster, exitOnSignals } from '../../scripts/n8n/lib/queue';
import { PROJECT_ROOT, ensureN8nRuntime } from '../../scripts/n8n/lib/runtime';
import { EXAMPLE_CASES, type E2eContext } from './examples.cases';
import { MainApi, assertExecutionSucceeded, type ExecutionRecord } from './queue-support';
import { LICENSE_EXAMPLE_FILE, runLicenseExampleTest, withFastPolling } from './trigger';
import { AGENT_EXAMPLE_FILE, agentScript, runAgentToolTest, scriptedModelCredential } from './agent';
import { startScriptedChatModel, type ScriptedChatModel } from './scriptedChatModel';
import { apiRequests, nodeOutput, readBinary } from './support';

interface TestResult {
	name: string;
	passed: boolean;
	durationMs: number;
}

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const onlyFilter = onlyIndex >= 0 ? args[onlyIndex + 1]?.toLowerCase() : undefined;
const keepFolder = process.env.KEEPNET_E2E_KEEP === '1';

/** Size of the concurrency test: executions started at once, each onboarding this many users into its own customer. */
const EXECUTIONS = Number(process.env.KEEPNET_QUEUE_EXECUTIONS ?? 20);
const USERS_PER_EXECUTION = Number(process.env.KEEPNET_QUEUE_USERS ?? 500);
/** Of each execution's users, this many already exist in its customer (the Update half of Create or Update). */
const EXISTING_PER_EXECUTION = 20;
/** Access-token lifetime in the sandbox for the whole run: several renewals happen during the concurrency test. */
const TOKEN_LIFETIME_SECONDS = Number(process.env.KEEPNET_QUEUE_TOKEN_LIFETIME ?? 60);
/** When the concurrency run's token is revoked on the server: while all 20 executions are in flight. */
const TOKEN_REVOCATION_AFTER_MS = 3000;
const WORKER_COUNT = 2;
const WORKER_CONCURRENCY = 10;
/** Customers the concurrency test onboards into start after the seed's special ones (license situations). */
const FIRST_CONCURRENCY_CUSTOMER = 4;

const OWNER: OwnerAccount = { email: 'queue-owner@example.com', password: 'QueueOwnerPassw0rd', firstName: 'Queue', lastName: 'Owner' };
const ONBOARD_WEBHOOK_PATH = 'keepnet-queue-onboard';

const results: TestResult[] = [];

function log(message: string): void {
	process.stdout.write(`${message}\n`);
}

async function test(name: string, body: () => Promise<void>, options: { always?: boolean } = {}): Promise<boolean> {
	if (!options.always && onlyFilter !== undefined && !name.toLowerCase().includes(onlyFilter)) return true;
	const startedAt = Date.now();
	try {
		await body();
		const durationMs = Date.now() - startedAt;
		results.push({ name, passed: true, durationMs });
		log(`ok - ${name} (${(durationMs / 1000).toFixed(1)}s)`);
		return true;
	} catch (error) {
		const durationMs = Date.now() - startedAt;
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		results.push({ name, passed: false, durationMs });
		log(`not ok - ${name} (${(durationMs / 1000).toFixed(1)}s)`);
		log(message.split('\n').map((line) => `    ${line}`).join('\n'));
		return false;
	}
}

function buildPackage(): void {
	if (process.env.KEEPNET_E2E_SKIP_BUILD === '1') return;
	log('# building the package (npm run build)');
	const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`npm run build failed (exit ${String(result.status)})`);
}

const credentialRef = { [KEEPNET_CREDENTIAL_TYPE]: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } };

function keepnetNode(id: string, name: string, position: [number, number], parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}): WorkflowNode {
	return { id, name, type: KEEPNET_NODE_TYPE, typeVersion: 1, position, parameters, credentials: credentialRef, ...extra };
}

/**
 * Webhook → rows from the request body → Keepnet Create or Update (company from each row, Continue on error).
 * Each call onboards one customer's list; the webhook answers at once and the execution runs on a worker.
 */
function onboardWebhookWorkflow(): WorkflowFile {
	return {
		id: 'QueueOnboardHook1',
		name: 'queue e2e: onboard users (webhook)',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Create or update', type: 'main', index: 0 }]] },
		},
		nodes: [
			{
				id: 'queue-hook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: ONBOARD_WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'queue-rows',
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: 'const { companyId, rows } = $json.body;\nreturn rows.map((row) => ({ json: { ...row, companyId } }));\n' },
			},
			keepnetNode('queue-upsert', 'Create or update', [440, 0], {
				resource: 'targetUser',
				operation: 'upsert',
				companyId: { __rl: true, mode: 'id', value: '={{ $json.companyId }}' },
				email: '={{ $json.email }}',
				phoneNumber: '={{ $json.phone }}',
				additionalFields: { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', department: '={{ $json.department }}' },
				// One request per user: this test is about many requests from both workers sharing tokens and limits.
				options: { bulkCreate: false },
			}, { onError: 'continueRegularOutput' }),
		],
	};
}

/**
 * Manual Trigger → Export (CSV, binary "data") → Wait for a resume call → Export's item again (Code) → Extract
 * from File (reads that binary) → Keepnet Import into another customer. The wait ends the first job; the rest is a new job that another
 * worker can take, so the file written by one process is read by another.
 */
function exportWaitImportWorkflow(sourceCompanyId: string, targetCompanyId: string): WorkflowFile {
	return {
		id: 'QueueExportImport1',
		name: 'queue e2e: export, wait, import',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Export as CSV', type: 'main', index: 0 }]] },
			'Export as CSV': { main: [[{ node: 'Wait', type: 'main', index: 0 }]] },
			Wait: { main: [[{ node: 'The exported file', type: 'main', index: 0 }]] },
			'The exported file': { main: [[{ node: 'Read the file', type: 'main', index: 0 }]] },
			'Read the file': { main: [[{ node: 'Import', type: 'main', index: 0 }]] },
		},
		nodes: [
			{ id: 'xi-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			keepnetNode('xi-export', 'Export as CSV', [220, 0], {
				resource: 'targetUser',
				operation: 'export',
				companyId: { __rl: true, mode: 'id', value: sourceCompanyId },
				fileFormat: 'csv',
				binaryPropertyName: 'data',
				filters: {},
				options: {},
			}),
			{ id: 'xi-wait', name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [440, 0], webhookId: randomUUID(), parameters: { resume: 'webhook', options: {} } },
			{
				// The Wait node outputs the resume call; take Export's item (its binary reference) back up.
				id: 'xi-file',
				name: 'The exported file',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [550, 0],
				parameters: { jsCode: "return $('Export as CSV').all().map((item) => ({ json: item.json, binary: item.binary }));\n" },
			},
			{
				id: 'xi-extract',
				name: 'Read the file',
				type: 'n8n-nodes-base.extractFromFile',
				typeVersion: 1,
				position: [660, 0],
				parameters: { operation: 'csv', binaryPropertyName: 'data', options: {} },
			},
			keepnetNode('xi-import', 'Import', [880, 0], {
				resource: 'targetUser',
				operation: 'import',
				companyId: { __rl: true, mode: 'id', value: targetCompanyId },
				mappingMode: 'autoMapInputData',
				options: {},
			}),
		],
	};
}

interface OnboardPlan {
	companyId: string;
	rows: Array<{ email: string; phone: string; firstName: string; lastName: string; department: string }>;
	existingEmails: Set<string>;
}

/** A distinct, valid phone number per row (the node requires one for Create or Update). */
function phoneOf(execution: number, row: number): string {
	return `+1555${String(execution * 1000 + row).padStart(7, '0')}`;
}

function onboardPlans(sandbox: Sandbox): OnboardPlan[] {
	const plans: OnboardPlan[] = [];
	for (let index = 0; index < EXECUTIONS; index++) {
		const companyId = sandbox.ids.customerCompanyIds[FIRST_CONCURRENCY_CUSTOMER + index];
		assert.ok(companyId, `the sandbox has no customer #${FIRST_CONCURRENCY_CUSTOMER + index}`);
		const existing = sandbox.store.targetUsersOf(companyId).filter((user) => !user.isDeleted).slice(0, EXISTING_PER_EXECUTION);
		assert.equal(existing.length, EXISTING_PER_EXECUTION, `customer ${companyId} has too few users to update`);
		const rows = existing.map((user, row) => ({ email: user.email, phone: phoneOf(index, row), firstName: user.firstName ?? 'First', lastName: user.lastName ?? 'Last', department: `Updated ${index}` }));
		for (let row = rows.length; row < USERS_PER_EXECUTION; row++) {
			rows.push({ email: `queue.user${row}.c${index}@onboard.example`, phone: phoneOf(index, row), firstName: `Queue${row}`, lastName: `Customer${index}`, department: `Wave ${index}` });
		}
		plans.push({ companyId, rows, existingEmails: new Set(existing.map((user) => user.email.toLowerCase())) });
	}
	return plans;
}

async function main(): Promise<void> {
	exitOnSignals((signal) => log(`# ${signal}: stopping every process started here`));
	const startedAt = Date.now();
	let sandbox: Sandbox | undefined;
	let cluster: QueueCluster | undefined;
	let api: MainApi | undefined;
	let chatModel: ScriptedChatModel | undefined;
	const imported = new Map<string, WorkflowFile>();

	const setupOk = await test(`setup: PostgreSQL, Redis, n8n main and ${WORKER_COUNT} workers in queue mode, package installed on each, credential and workflows imported`, async () => {
		buildPackage();
		const runtime = ensureN8nRuntime();
		log(`# n8n ${runtime.version} (${runtime.installDir})`);
		if (runtime.major < 2) throw new Error('the queue tests need n8n 2.x');
		const customerCount = FIRST_CONCURRENCY_CUSTOMER + Math.max(EXECUTIONS, 2);
		sandbox = await startSandbox({ port: 0, tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS, seed: { customerCount } });
		const packed = await packProject(path.join(PROJECT_ROOT, 'test-results', 'queue-package'));
		cluster = await QueueCluster.create({ runtime, packed, workerCount: WORKER_COUNT, workerConcurrency: WORKER_CONCURRENCY });
		chatModel = await startScriptedChatModel(agentScript());
		log(`# cluster folder ${cluster.folder}; PostgreSQL on ${cluster.postgres.settings.port}, Redis on ${cluster.redis.port}`);
		await cluster.importCredentials([
			{
				id: EXAMPLE_CREDENTIAL.id,
				name: EXAMPLE_CREDENTIAL.name,
				type: KEEPNET_CREDENTIAL_TYPE,
				data: { baseUrl: sandbox.url, clientId: sandbox.clients.reseller.clientId, clientSecret: sandbox.clients.reseller.clientSecret },
			},
			scriptedModelCredential(chatModel.url),
		]);
		const company = sandbox.store.companies.get(sandbox.ids.customerCompanyIds[0] ?? '');
		assert.ok(company, 'the sandbox seed has no first customer company');
		const startedSandbox = sandbox;
		for (const file of exampleFiles()) {
			const workflow = withCompanyAndCredential(readWorkflowFile(file), { id: company.resourceId, name: company.name });
			const exampleCase = EXAMPLE_CASES.find((candidate) => candidate.file === path.basename(file));
			if (path.basename(file) === LICENSE_EXAMPLE_FILE) {
				// A trigger example: activated below (polling every minute), not run by hand.
				imported.set(LICENSE_EXAMPLE_FILE, withFastPolling(workflow));
				continue;
			}
			imported.set(path.basename(file), exampleCase?.prepareForImport ? exampleCase.prepareForImport({ sandbox: startedSandbox }, workflow, company.resourceId) : workflow);
		}
		const exportSource = sandbox.ids.customerCompanyIds[3] ?? '';
		const importTarget = sandbox.ids.customerCompanyIds[FIRST_CONCURRENCY_CUSTOMER + Math.max(EXECUTIONS, 2) - 1] ?? '';
		imported.set('export-wait-import', exportWaitImportWorkflow(exportSource, importTarget));
		imported.set('onboard-webhook', onboardWebhookWorkflow());
		await cluster.importWorkflows([...imported.values()]);
		await cluster.startN8n();
		await cluster.main.ensureOwner(OWNER);
		api = new MainApi(cluster.main);
		await api.login(OWNER);
		await api.activate(onboardWebhookWorkflow().id);
		// The main serves the production webhook a moment after activation: a GET (the webhook takes POST) says
		// "not registered for GET ... Did you mean to make a POST request?" once it is there.
		const deadline = Date.now() + 60_000;
		for (;;) {
			const probe = await fetch(`${cluster.main.apiUrl}/webhook/${ONBOARD_WEBHOOK_PATH}`).then(async (response) => await response.text(), () => '');
			if (probe.includes('Did you mean to make a POST request')) break;
			if (Date.now() > deadline) throw new Error(`the main never served the webhook /webhook/${ONBOARD_WEBHOOK_PATH}: ${probe.slice(0, 300)}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}, { always: true });

	if (setupOk && sandbox && cluster && api) {
		const sandboxRef = sandbox;
		const clusterRef = cluster;
		const apiRef = api;
		const workerNames = clusterRef.workers.map((worker) => worker.name);

		/** The execution was enqueued by the main and run, start to finish, by exactly one worker. */
		const assertRanOnOneWorker = async (record: ExecutionRecord): Promise<string> => {
			// A worker stores the finished execution before it logs "Worker finished execution": give the log a moment.
			let placement = clusterRef.whoRan(record.id);
			for (let waited = 0; placement.finishedBy.length < placement.startedBy.length && waited < 20_000; waited += 250) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				placement = clusterRef.whoRan(record.id);
			}
			assert.ok(placement.enqueuedByMain, `the main did not enqueue execution ${record.id}`);
			assert.ok(!placement.startedBy.includes('main'), `the main ran execution ${record.id} itself`);
			assert.equal(placement.startedBy.length, 1, `execution ${record.id} was started by ${JSON.stringify(placement.startedBy)}`);
			assert.deepEqual(placement.finishedBy, placement.startedBy, `execution ${record.id}: started by ${placement.startedBy.join()}, finished by ${placement.finishedBy.join()}`);
			return placement.startedBy[0] ?? '';
		};

		await test('package: every n8n process has its own copy of the package installed as a community package', async () => {
			for (const instance of [clusterRef.main, ...clusterRef.workers.map((worker) => worker.instance)]) {
				const installed = spawnSync('node', ['-e', 'console.log(require(process.argv[1]).name)', path.join(instance.dataFolder, 'nodes', 'node_modules', 'n8n-nodes-keepnet', 'package.json')], { encoding: 'utf8' });
				assert.equal(installed.stdout.trim(), 'n8n-nodes-keepnet', `not installed in ${instance.dataFolder}`);
			}
			const cookieOwner = await clusterRef.main.login(OWNER);
			const response = await fetch(`${clusterRef.main.apiUrl}/types/nodes.json`, { headers: { cookie: cookieOwner } });
			const nodeTypes = (await response.json()) as Array<{ name: string }>;
			assert.ok(nodeTypes.some((nodeType) => nodeType.name === KEEPNET_NODE_TYPE), `the main does not list ${KEEPNET_NODE_TYPE}`);
		});

		const context: E2eContext = { sandbox: sandboxRef, instance: clusterRef.main };
		const ranOn = new Set<string>();
		for (const exampleCase of EXAMPLE_CASES) {
			await test(`example ${exampleCase.file} through the queue: ${exampleCase.title}`, async () => {
				const workflow = imported.get(exampleCase.file);
				assert.ok(workflow, `examples/${exampleCase.file} was not imported`);
				const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
				assert.ok(trigger, `examples/${exampleCase.file} has no Manual Trigger`);
				const before = exampleCase.before?.(context, workflow);
				sandboxRef.clearRequests();
				const executionId = await apiRef.runManually(workflow, trigger.name);
				const record = await apiRef.waitForExecution(executionId);
				const run = assertExecutionSucceeded(record, workflow.name);
				ranOn.add(await assertRanOnOneWorker(record));
				await exampleCase.check(context, run, workflow, before);
			});
		}

		// In queue mode the main process runs the polls and hands each execution to a worker; the trigger's cursor
		// lives in the workflow's static data in PostgreSQL.
		await test(`example ${LICENSE_EXAMPLE_FILE} (activated) through the queue: a customer going over its license limit is notified once`, async () => {
			const workflow = imported.get(LICENSE_EXAMPLE_FILE);
			assert.ok(workflow, `examples/${LICENSE_EXAMPLE_FILE} was not imported`);
			const underLimit = sandboxRef.ids.customerCompanyIds.slice(0, FIRST_CONCURRENCY_CUSTOMER).find((id, index) => index !== 0 && index !== 3 && id !== sandboxRef.ids.overLicenseCompanyId);
			assert.ok(underLimit, 'the sandbox seed has no customer under its license limit');
			await runLicenseExampleTest({ sandbox: sandboxRef, instance: clusterRef.main, owner: OWNER, workflow, companyId: underLimit });
		});

		// The agent's tool calls run on the worker that runs the execution; the scripted model answers on loopback.
		const chatModelRef = chatModel;
		await test("example ai-agent (AI Agent with Keepnet tools) through the queue: a read, a Create or Update, and a refused input whose error reaches the agent", async () => {
			assert.ok(chatModelRef, 'the scripted chat model did not start');
			const workflow = imported.get(AGENT_EXAMPLE_FILE);
			assert.ok(workflow, `examples/${AGENT_EXAMPLE_FILE} was not imported`);
			await runAgentToolTest({
				sandbox: sandboxRef,
				workflow,
				companyId: sandboxRef.ids.customerCompanyIds[0] ?? '',
				model: chatModelRef,
				runWorkflow: async () => {
					const record = await apiRef.waitForExecution(await apiRef.runManually(workflow, 'Start'));
					const run = assertExecutionSucceeded(record, workflow.name);
					ranOn.add(await assertRanOnOneWorker(record));
					return run;
				},
			});
		});

		await test('examples: every examples/*.json ran through the queue', async () => {
			const covered = new Set([...EXAMPLE_CASES.map((exampleCase) => exampleCase.file), LICENSE_EXAMPLE_FILE, AGENT_EXAMPLE_FILE]);
			assert.deepEqual(exampleFiles().map((file) => path.basename(file)).filter((file) => !covered.has(file)), []);
			log(`#   examples ran on: ${[...ranOn].join(', ')}`);
		});

		await test('binary data: the CSV that Export wrote on one worker is read by Extract from File on the other worker, and imported', async () => {
			const workflow = imported.get('export-wait-import');
			assert.ok(workflow);
			const [first, second] = clusterRef.workers;
			assert.ok(first && second);
			const source = String((workflow.nodes.find((node) => node.name === 'Export as CSV')?.parameters.companyId as { value: string }).value);
			const target = String((workflow.nodes.find((node) => node.name === 'Import')?.parameters.companyId as { value: string }).value);
			const exported = sandboxRef.store.targetUsersOf(source).filter((user) => !user.isDeleted).map((user) => user.email.toLowerCase()).sort();
			// Only the first worker runs while the execution starts; only the second after it has waited.
			await clusterRef.stopWorker(second);
			const executionId = await apiRef.runManually(workflow, 'Start');
			const waiting = await apiRef.waitForExecution(executionId, { statuses: ['waiting'], timeoutMs: 120_000 });
			// What $execution.resumeUrl carries: the execution's resume token as the `signature` parameter.
			const resumeToken = (waiting.run.data as { resumeToken?: string }).resumeToken;
			assert.ok(resumeToken, 'the waiting execution has no resume token');
			assert.deepEqual(clusterRef.whoRan(executionId).startedBy, [first.name]);
			await clusterRef.stopWorker(first);
			await clusterRef.startWorker(second);
			const resume = await fetch(`${clusterRef.main.apiUrl}/webhook-waiting/${executionId}?signature=${encodeURIComponent(resumeToken)}`);
			assert.equal(resume.status, 200, `resume call: HTTP ${resume.status} ${await resume.text()}`);
			const record = await apiRef.waitForExecution(executionId, { timeoutMs: 180_000 });
			await clusterRef.startWorker(first);
			const run = assertExecutionSucceeded(record, workflow.name);
			let placement = clusterRef.whoRan(executionId);
			for (let waited = 0; placement.finishedBy.length < 2 && waited < 20_000; waited += 250) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				placement = clusterRef.whoRan(executionId);
			}
			assert.deepEqual(placement.startedBy, [first.name, second.name], 'the execution did not move from one worker to the other');
			// Each worker ends its own job: the first when the execution starts to wait, the second at the end.
			assert.deepEqual(placement.finishedBy, [first.name, second.name]);
			const [csvItem] = nodeOutput(run, 'Export as CSV');
			const file = csvItem?.binary?.data;
			assert.ok(file, 'Export as CSV produced no binary "data"');
			assert.ok(String(file.id ?? '').startsWith('filesystem'), `binary data is not in the shared filesystem store: ${JSON.stringify({ ...file, data: undefined })}`);
			assert.ok((await readBinary(clusterRef.main, file)).length > 0, 'the stored file is empty');
			const rows = nodeOutput(run, 'Read the file').map((item) => String(item.json.Email ?? '').toLowerCase()).sort();
			assert.deepEqual(rows, exported, 'Extract from File did not read every exported row');
			const stored = new Set(sandboxRef.store.targetUsersOf(target).filter((user) => !user.isDeleted).map((user) => user.email.toLowerCase()));
			const missing = exported.filter((email) => !stored.has(email));
			assert.deepEqual(missing, [], 'imported users missing from the target company');
			const outcomes = nodeOutput(run, 'Import').map((item) => item.json);
			assert.equal(outcomes.length, exported.length, `Import output: ${JSON.stringify(outcomes.slice(0, 3))}`);
			assert.ok(outcomes.every((outcome) => outcome.error === undefined), `Import reported failures: ${JSON.stringify(outcomes.filter((outcome) => outcome.error !== undefined).slice(0, 3))}`);
		});

		await test(`concurrency: ${EXECUTIONS} webhook executions at once, ${USERS_PER_EXECUTION} users each (${EXECUTIONS * USERS_PER_EXECUTION} in all) with latency, 5xx and 429 and ${TOKEN_LIFETIME_SECONDS}s tokens: exactly the expected users, no duplicate, every failure reported`, async () => {
			const plans = onboardPlans(sandboxRef);
			const tokensBefore = sandboxRef.tokensIssued();
			sandboxRef.clearRequests();
			sandboxRef.faults.latencyMs = 25;
			sandboxRef.faults.errorRate = { serverError: 0.02, rateLimit: 0.03, randomSeed: 15 };
			sandboxRef.faults.retryAfterSeconds = 1;
			const before = await apiRef.request<{ results: Array<{ id: string }> }>('GET', '/rest/executions?limit=200').then((page) => new Set(page.results.map((execution) => String(execution.id))));
			const runStartedAt = Date.now();
			// The run is shorter than a token's lifetime, so the token is made to die mid-run (revoked on the server,
			// its `exp` still ahead) while executions on both workers are in flight: every one of them gets a 401.
			const revocation = setTimeout(() => {
				for (const issued of sandboxRef.store.tokens.values()) issued.forcedExpired = true;
			}, TOKEN_REVOCATION_AFTER_MS);
			let records: ExecutionRecord[];
			try {
				const answers = await Promise.all(
					plans.map(async (plan) => {
						const response = await fetch(`${clusterRef.main.apiUrl}/webhook/${ONBOARD_WEBHOOK_PATH}`, {
							method: 'POST',
							headers: { 'Content-Type': 'application/json' },
							body: JSON.stringify({ companyId: plan.companyId, rows: plan.rows }),
						});
						return { status: response.status, body: (await response.text()).slice(0, 300) };
					}),
				);
				const refused = answers.filter((answer) => answer.status !== 200);
				assert.deepEqual(refused, [], `the main refused ${refused.length} of ${answers.length} webhook calls`);
				// The webhook answers before the run; find the executions it enqueued and wait for them.
				let ids: string[] = [];
				const deadline = Date.now() + 60_000;
				while (Date.now() < deadline) {
					const page = await apiRef.request<{ results: Array<{ id: string; workflowId: string }> }>('GET', '/rest/executions?limit=200');
					ids = page.results.filter((execution) => execution.workflowId === onboardWebhookWorkflow().id && !before.has(String(execution.id))).map((execution) => String(execution.id));
					if (ids.length >= plans.length) break;
					await new Promise((resolve) => setTimeout(resolve, 500));
				}
				assert.equal(ids.length, plans.length, `found ${ids.length} executions of the webhook workflow, expected ${plans.length}`);
				// One deadline for all: on two shared cores 20 × 500 users took about 3 minutes.
				const allDoneBy = Date.now() + 480_000;
				records = [];
				for (const id of ids) records.push(await apiRef.waitForExecution(id, { timeoutMs: Math.max(1000, allDoneBy - Date.now()) }));
			} finally {
				clearTimeout(revocation);
				sandboxRef.faults.latencyMs = 0;
				sandboxRef.faults.errorRate = { serverError: 0, rateLimit: 0, randomSeed: 15 };
			}
			const durationMs = Date.now() - runStartedAt;
			const requests = sandboxRef.requests;
			const injected = requests.filter((request) => request.path.startsWith('/api/') && (request.status === 429 || request.status >= 500)).length;
			const tokenRequests = requests.filter((request) => request.path === '/connect/token');
			const unauthorized = requests.filter((request) => request.path.startsWith('/api/') && request.status === 401).length;
			const tokensIssued = sandboxRef.tokensIssued() - tokensBefore;
			// Why each 401 happened, from the request's own bearer token: none sent, or one that had expired.
			const unauthorizedWhy = { noToken: 0, expired: 0, other: 0 };
			for (const request of requests.filter((candidate) => candidate.path.startsWith('/api/') && candidate.status === 401)) {
				const token = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
				const stored = token === undefined ? undefined : sandboxRef.store.tokens.get(token);
				if (token === undefined) unauthorizedWhy.noToken++;
				else if (stored && request.time >= stored.expiresAtMs) unauthorizedWhy.expired++;
				else unauthorizedWhy.other++;
			}

			// Which worker ran which execution (each execution exactly one worker, both workers used).
			const byWorker = new Map<string, number>();
			for (const record of records) {
				const worker = await assertRanOnOneWorker(record);
				byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
			}

			let failedItems = 0;
			const authFailures: string[] = [];
			for (const record of records) {
				const run = assertExecutionSucceeded(record, `onboard execution ${record.id}`);
				const outputs = nodeOutput(run, 'Create or update').map((item) => item.json);
				const companyId = String(outputs.find((output) => typeof output.companyId === 'string')?.companyId ?? '');
				const plan = plans.find((candidate) => candidate.companyId === companyId);
				assert.ok(plan, `execution ${record.id}: no output names a company of the plan`);
				assert.equal(outputs.length, plan.rows.length, `execution ${record.id}: ${outputs.length} outcomes for ${plan.rows.length} rows`);
				const failedEmails = new Set<string>();
				for (const [index, output] of outputs.entries()) {
					const email: string = plan.rows[index]?.email.toLowerCase() ?? '';
					if (output.error !== undefined) {
						failedEmails.add(email);
						if (/\b401\b|unauthori[sz]ed|token/i.test(String(output.error))) authFailures.push(`execution ${record.id} item ${index}: ${String(output.error)}`);
						continue;
					}
					assert.equal(String(output.email).toLowerCase(), email, `execution ${record.id} item ${index} is paired to the wrong row`);
					assert.equal(output.action, plan.existingEmails.has(email) ? 'updated' : 'created', `execution ${record.id} item ${index}: ${JSON.stringify(output)}`);
				}
				failedItems += failedEmails.size;
				// The sandbox holds every row that was not reported failed, exactly once, with its department.
				const users = sandboxRef.store.targetUsersOf(companyId).filter((user) => !user.isDeleted);
				const countByEmail = new Map<string, number>();
				for (const user of users) countByEmail.set(user.email.toLowerCase(), (countByEmail.get(user.email.toLowerCase()) ?? 0) + 1);
				const duplicates = [...countByEmail].filter(([, count]) => count > 1).map(([email]) => email);
				assert.deepEqual(duplicates, [], `duplicated users in ${companyId}`);
				for (const row of plan.rows) {
					const email = row.email.toLowerCase();
					const stored = users.find((user) => user.email.toLowerCase() === email);
					if (failedEmails.has(email)) {
						// A reported failure wrote nothing: a new user does not exist, an existing one kept its department.
						if (!plan.existingEmails.has(email)) assert.equal(stored, undefined, `${email} was reported failed but exists`);
						continue;
					}
					assert.ok(stored, `${email} reported done but missing in ${companyId}`);
					assert.equal(stored.department, row.department, `${email}'s department`);
				}
				const newEmails = plan.rows.filter((row) => !plan.existingEmails.has(row.email.toLowerCase())).map((row) => row.email.toLowerCase());
				const created = users.filter((user) => newEmails.includes(user.email.toLowerCase())).length;
				assert.equal(created, newEmails.filter((email) => !failedEmails.has(email)).length, `${companyId}: created users`);
			}

			// Token bound. Tokens are renewed by n8n after a 401 (credential preAuthentication), stored in the
			// database and read again by every process for every request. The node's TokenGate lets one request of a
			// node run renew per expiry; different executions (on any worker) renew independently when they see the
			// old token expire at the same moment. So per token lifetime at most one renewal per execution in flight,
			// which is at most workers × worker concurrency (and never more than the executions themselves).
			// This holds only while requests reach Keepnet within the gate's margin (a tenth of the lifetime, at most
			// 60 s): a request that left with the old token before the margin and arrives after expiry gets its own
			// 401 and its own renewal. With 20 s tokens (2 s margin) on two overloaded cores that happened hundreds of
			// times (436 token requests in one run), hence 60 s tokens here (6 s margin); Keepnet's are 3600 s.
			const lifetimes = Math.ceil(durationMs / (TOKEN_LIFETIME_SECONDS * 1000)) + 1;
			const inFlight = Math.min(EXECUTIONS, WORKER_COUNT * WORKER_CONCURRENCY);
			const bound = inFlight * lifetimes;
			log(`#   ${records.length} executions in ${(durationMs / 1000).toFixed(1)}s; by worker: ${JSON.stringify(Object.fromEntries(byWorker))}`);
			log(`#   ${requests.length} requests to the sandbox, ${injected} injected 5xx/429, ${unauthorized} answered 401 (${JSON.stringify(unauthorizedWhy)}), ${failedItems} items reported failed`);
			log(`#   token requests: ${tokenRequests.length} (${tokensIssued} issued); bound ${inFlight} in flight × ${lifetimes} lifetimes of ${TOKEN_LIFETIME_SECONDS}s = ${bound}`);
			assert.deepEqual(authFailures, [], 'items failed on authentication (a token renewed elsewhere must never fail an item)');
			assert.ok(injected > 0, 'the sandbox injected no 5xx/429: the test proves nothing about them');
			assert.ok(tokensIssued >= 1, `no token was issued after the token in use was revoked mid-run`);
			assert.ok(tokenRequests.length <= bound, `${tokenRequests.length} token requests exceed the bound ${bound}`);
			// More executions than one worker takes at once: the others must have gone to the other worker.
			if (EXECUTIONS > WORKER_CONCURRENCY) {
				for (const worker of workerNames) assert.ok((byWorker.get(worker) ?? 0) > 0, `${worker} ran none of the executions`);
			}
		});
	}

	await cluster?.stop({ keepFolder }).catch((error: unknown) => log(`# stopping the cluster failed: ${String(error)}`));
	if (cluster && keepFolder) log(`# kept ${cluster.folder}`);
	await chatModel?.close();
	await sandbox?.close();
	void apiRequests;

	const passed = results.filter((result) => result.passed).length;
	const failed = results.length - passed;
	log(`# total ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
	log(`queue-e2e: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
	log(`not ok - queue e2e runner crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	log('queue-e2e: 0 passed, 1 failed');
	process.exit(1);
});
