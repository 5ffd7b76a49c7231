/**
 * End-to-end tests: this package, packed and installed as a community package into a real n8n, run against the
 * Keepnet sandbox (started in this process, so its request log can be checked).
 *
 *   npm run test:e2e                       all tests, n8n 2.40.7
 *   KEEPNET_N8N_VERSION=1.123.x npm run test:e2e     same tests on n8n 1.123
 *   npm run test:e2e -- --skip-browser     without the editor test (no Chromium needed)
 *   npm run test:e2e -- --only onboard     only tests whose name contains "onboard" (setup always runs)
 *
 * Prints one "ok"/"not ok" line per test and, last, "e2e: N passed, M failed"; exits 1 on any failure.
 * The first run installs n8n (minutes, once; see scripts/n8n/install.sh) and, for the editor test, Debian's
 * chromium (scripts/n8n/ensure-chromium.sh).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox/types';
import { EXAMPLE_CREDENTIAL, KEEPNET_CREDENTIAL_TYPE, KEEPNET_NODE_TYPE, exampleFiles, readWorkflowFile, withCompanyAndCredential } from '../../scripts/n8n/lib/examples';
import { SMOKE_WORKFLOW_ID, describeExitTally, smokeWorkflow, tallyExecuteExits } from '../../scripts/n8n/lib/exitCrashRate';
import { N8nInstance, type OwnerAccount, type WorkflowFile } from '../../scripts/n8n/lib/instance';
import { packProject, type PackedPackage } from '../../scripts/n8n/lib/package';
import { findFreePort } from '../../scripts/n8n/lib/ports';
import { DEFAULT_N8N_VERSION, PROJECT_ROOT, ensureN8nRuntime } from '../../scripts/n8n/lib/runtime';
import { AGENT_EXAMPLE_FILE, agentScript, runAgentToolTest, scriptedModelCredential } from './agent';
import { runEditorCompanyPickerTest } from './editor';
import { httpRequestWorkflow, runHttpRequestCredentialTest, startForeignServer } from './httpRequest';
import { EXAMPLE_CASES, type E2eContext } from './examples.cases';
import { LICENSE_EXAMPLE_FILE, runActivatedTriggerTest, runLicenseExampleTest, triggerWorkflow, withFastPolling } from './trigger';
import { startScriptedChatModel, type ScriptedChatModel } from './scriptedChatModel';
import { apiRequests, assertRunSucceeded, companyHeaderOf, describeRequests, nodeOutput } from './support';

interface TestResult {
	name: string;
	passed: boolean;
	durationMs: number;
	error?: string;
}

const args = process.argv.slice(2);
const skipBrowser = args.includes('--skip-browser') || process.env.KEEPNET_E2E_SKIP_BROWSER === '1';
const onlyIndex = args.indexOf('--only');
const onlyFilter = onlyIndex >= 0 ? args[onlyIndex + 1]?.toLowerCase() : undefined;
const keepUserFolder = process.env.KEEPNET_E2E_KEEP === '1';

const results: TestResult[] = [];
/** How many `n8n execute` runs the exit test makes (KEEPNET_E2E_EXIT_RUNS). */
const EXIT_RUNS = Number(process.env.KEEPNET_E2E_EXIT_RUNS ?? 25);

const E2E_OWNER: OwnerAccount = { email: 'e2e-owner@example.com', password: 'E2eOwnerPassw0rd', firstName: 'E2E', lastName: 'Owner' };

function log(message: string): void {
	process.stdout.write(`${message}\n`);
}

async function test(name: string, body: () => Promise<void>, options: { always?: boolean } = {}): Promise<void> {
	if (!options.always && onlyFilter !== undefined && !name.toLowerCase().includes(onlyFilter)) return;
	const startedAt = Date.now();
	try {
		await body();
		const durationMs = Date.now() - startedAt;
		results.push({ name, passed: true, durationMs });
		log(`ok - ${name} (${(durationMs / 1000).toFixed(1)}s)`);
	} catch (error) {
		const durationMs = Date.now() - startedAt;
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		results.push({ name, passed: false, durationMs, error: message });
		log(`not ok - ${name} (${(durationMs / 1000).toFixed(1)}s)`);
		log(message.split('\n').map((line) => `    ${line}`).join('\n'));
	}
}

function buildPackage(): void {
	if (process.env.KEEPNET_E2E_SKIP_BUILD === '1') return;
	log('# building the package (npm run build)');
	const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`npm run build failed (exit ${String(result.status)})`);
}

/** A workflow defined here rather than in examples/: the smallest use of the node, to tell "node not loaded" from example bugs. */
function companyListWorkflow(): WorkflowFile {
	return {
		id: 'E2eCompanyList01',
		name: 'e2e: Keepnet company list',
		active: false,
		settings: {},
		connections: { Start: { main: [[{ node: 'Companies', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'e2e-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'e2e-companies',
				name: 'Companies',
				type: KEEPNET_NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'company', operation: 'getAll', returnAll: true },
				credentials: { [KEEPNET_CREDENTIAL_TYPE]: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } },
			},
		],
	};
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	let sandbox: Sandbox | undefined;
	let userFolder: string | undefined;
	let instance: N8nInstance | undefined;
	let packed: PackedPackage | undefined;
	let chatModel: ScriptedChatModel | undefined;
	let foreignServer: Awaited<ReturnType<typeof startForeignServer>> | undefined;
	let setupFailed = false;
	let importedExamples = new Map<string, WorkflowFile>();

	await test('setup: build, n8n runtime, sandbox, package installed as community package, credential and workflows imported', async () => {
		try {
			buildPackage();
			const runtime = ensureN8nRuntime();
			log(`# n8n ${runtime.version} (${runtime.installDir})`);
			const startedSandbox = await startSandbox({ port: 0 });
			sandbox = startedSandbox;
			chatModel = await startScriptedChatModel(agentScript());
			foreignServer = await startForeignServer();
			userFolder = await mkdtemp(path.join(os.tmpdir(), 'keepnet-e2e-n8n-'));
			instance = new N8nInstance({ runtime, userFolder, port: await findFreePort(), brokerPort: await findFreePort() });
			await instance.prepareUserFolder();
			packed = await packProject(path.join(userFolder, 'package-tarball'));
			await instance.installCommunityPackage(packed.tarballPath, packed.name);
			await instance.importCredentials([
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
			const examples = exampleFiles().map((file) => {
				const workflow = withCompanyAndCredential(readWorkflowFile(file), { id: company.resourceId, name: company.name });
				const exampleCase = EXAMPLE_CASES.find((candidate) => candidate.file === path.basename(file));
				if (path.basename(file) === LICENSE_EXAMPLE_FILE) return withFastPolling(workflow);
				return exampleCase?.prepareForImport ? exampleCase.prepareForImport({ sandbox: startedSandbox }, workflow, company.resourceId) : workflow;
			});
			importedExamples = new Map(examples.map((workflow, index) => [path.basename(exampleFiles()[index] ?? ''), workflow]));
			await instance.importWorkflows([
				smokeWorkflow(),
				companyListWorkflow(),
				triggerWorkflow(sandbox.ids.customerCompanyIds[1] ?? ''),
				httpRequestWorkflow(sandbox.url, foreignServer.url, company.resourceId),
				...examples,
			]);
		} catch (error) {
			setupFailed = true;
			throw error;
		}
	}, { always: true });

	if (!setupFailed && sandbox && instance && packed) {
		const sandboxRef = sandbox;
		const instanceRef = instance;
		const packedRef = packed;

		await test('package: npm pack ships the compiled node, credential and icons that package.json "n8n" declares', async () => {
			for (const file of ['dist/nodes/Keepnet/Keepnet.node.js', 'dist/nodes/KeepnetTrigger/KeepnetTrigger.node.js', 'dist/nodes/KeepnetTrigger/keepnet.svg', 'dist/credentials/KeepnetApi.credentials.js', 'dist/nodes/Keepnet/keepnet.svg', 'package.json']) {
				assert.ok(packedRef.files.includes(file), `${file} missing from the tarball (files: ${packedRef.files.length})`);
			}
			assert.ok(!packedRef.files.some((file) => file.startsWith('test/') || file.startsWith('nodes/') || file.endsWith('.ts') && !file.endsWith('.d.ts')), 'sources or tests leaked into the tarball');
		});

		await test('smoke: n8n imports and executes a plain workflow (Manual Trigger + Set)', async () => {
			const execution = await instanceRef.executeWorkflow(SMOKE_WORKFLOW_ID);
			const run = assertRunSucceeded(execution, 'smoke');
			assert.deepEqual(nodeOutput(run, 'Set').map((item) => item.json), [{ greeting: 'hello 42' }]);
		});

		// Without the exit guard (scripts/n8n/lib/dispose-expression-engine-on-exit.cjs) n8n 2.40.7 crashed with
		// SIGSEGV after about one run in six here (docs/compatibility.md): 25 clean runs in a row would then happen
		// about once in a hundred tries.
		await test(`exit: n8n execute runs the smoke workflow ${EXIT_RUNS} times in a row and every run exits cleanly`, async () => {
			const tally = await tallyExecuteExits(instanceRef, SMOKE_WORKFLOW_ID, EXIT_RUNS);
			log(`# n8n execute exits: ${describeExitTally(tally)}`);
			assert.equal(tally.clean, EXIT_RUNS, describeExitTally(tally));
		});

		await test('node: Keepnet (community package) Company Get Many returns the sandbox reseller\'s customers', async () => {
			sandboxRef.clearRequests();
			const run = assertRunSucceeded(await instanceRef.executeWorkflow('E2eCompanyList01'), 'company list');
			const names = nodeOutput(run, 'Companies').map((item) => String(item.json.companyName ?? item.json.name));
			const expected = sandboxRef.store.managedCompanies(sandboxRef.ids.resellerCompanyId).map((company) => company.name);
			assert.deepEqual([...names].sort(), [...expected].sort());
			const tokenRequests = sandboxRef.requests.filter((request) => request.path === '/connect/token');
			assert.ok(tokenRequests.length >= 1, 'the credential never asked the sandbox for a token');
			const searches = apiRequests(sandboxRef.requests, 'POST', /^\/api\/companies\/search$/i);
			assert.ok(searches.length >= 1, `no POST /api/companies/search; requests:\n${describeRequests(sandboxRef.requests)}`);
			assert.ok(searches.every((request) => /^Bearer .+/.test(request.headers.authorization ?? '')), 'a search went out without a bearer token');
			assert.ok(searches.every((request) => companyHeaderOf(request) === undefined), 'listing companies must act as the reseller itself (no X-KEEPNET-Company-Id)');
		});

		const chatModelRef = chatModel;
		if (instanceRef.runtime.major < 2) {
			// Seen on n8n 1.123.81: the run ended at the tool call with the refused email, with that node's own error
			// ("Email "ada-at-globex" is not a valid email address"), instead of handing the error to the model as 2.x does.
			log(`# skipped: agent test on n8n ${instanceRef.runtime.version}: its AI Agent ends the run when a tool fails instead of handing the tool's error to the model`);
		} else {
			await test("agent: n8n's AI Agent uses the Keepnet node as a tool: a read, a Create or Update, and a refused input whose error reaches the agent", async () => {
				assert.ok(chatModelRef, 'the scripted chat model did not start');
				const workflow = importedExamples.get(AGENT_EXAMPLE_FILE);
				assert.ok(workflow, `examples/${AGENT_EXAMPLE_FILE} was not imported`);
				await runAgentToolTest({
					sandbox: sandboxRef,
					workflow,
					companyId: sandboxRef.ids.customerCompanyIds[0] ?? '',
					model: chatModelRef,
					runWorkflow: async () => assertRunSucceeded(await instanceRef.executeWorkflow(workflow.id, 180_000), workflow.name),
				});
			});
		}

		const foreignServerRef = foreignServer;
		await test("http request: n8n's HTTP Request node with the Keepnet API credential calls an uncovered endpoint (token renewed after a 401, scope header kept) and refuses another host", async () => {
			assert.ok(foreignServerRef, 'the foreign server did not start');
			await runHttpRequestCredentialTest({ sandbox: sandboxRef, instance: instanceRef, companyId: sandboxRef.ids.customerCompanyIds[0] ?? '', foreign: foreignServerRef, tokenWorkflowId: 'E2eCompanyList01' });
		});

		const context: E2eContext = { sandbox: sandboxRef, instance: instanceRef };
		const files = exampleFiles().map((file) => path.basename(file));
		for (const exampleCase of EXAMPLE_CASES) {
			if (exampleCase.minimumN8n && instanceRef.runtime.major < exampleCase.minimumN8n.major) {
				log(`# skipped: example ${exampleCase.file} on n8n ${instanceRef.runtime.version}: ${exampleCase.minimumN8n.reason}`);
				continue;
			}
			await test(`example ${exampleCase.file}: ${exampleCase.title}`, async () => {
				assert.ok(files.includes(exampleCase.file), `examples/${exampleCase.file} does not exist`);
				// The workflow as imported (company and per-company ids substituted), which is what n8n runs.
				const workflow = importedExamples.get(exampleCase.file);
				assert.ok(workflow, `examples/${exampleCase.file} was not imported`);
				const before = exampleCase.before?.(context, workflow);
				sandboxRef.clearRequests();
				const execution = await instanceRef.executeWorkflow(workflow.id);
				await exampleCase.check(context, assertRunSucceeded(execution, workflow.name), workflow, before);
			});
		}
		await test('examples: every examples/*.json is covered by an end-to-end case', async () => {
			// The trigger example only runs activated, in the server tests below; the agent example is the agent test above.
			const covered = new Set([...EXAMPLE_CASES.map((exampleCase) => exampleCase.file), LICENSE_EXAMPLE_FILE, AGENT_EXAMPLE_FILE]);
			assert.deepEqual(files.filter((file) => !covered.has(file)), []);
		});

		// The editor side: `n8n start` with the same user folder, an owner created through n8n's first-run endpoint.
		let serverUp = false;
		const credentialTestName = "credential: n8n's own credential test passes with the provisioned credential and fails with a wrong secret";
		const editorTestName = "editor: the Keepnet node's Company picker lists the sandbox companies (headless Chromium)";
		const triggerTestName = 'trigger: an activated Keepnet Trigger workflow (poll every minute) records each new target user in exactly one execution';
		const licenseExampleTestName = `example ${LICENSE_EXAMPLE_FILE} (activated): a customer going over its license limit is notified once`;
		// With --only, the server still starts when a test that needs it was selected.
		const serverNeeded = [credentialTestName, triggerTestName, licenseExampleTestName, ...(skipBrowser ? [] : [editorTestName])].some((name) => onlyFilter !== undefined && name.toLowerCase().includes(onlyFilter));
		await test('server: n8n start serves the editor with the package loaded and an owner who can log in', async () => {
			await instanceRef.start();
			await instanceRef.ensureOwner(E2E_OWNER);
			const cookie = await instanceRef.login(E2E_OWNER);
			const response = await fetch(`${instanceRef.apiUrl}/types/nodes.json`, { headers: { cookie } });
			assert.equal(response.status, 200);
			const nodeTypes = (await response.json()) as Array<{ name: string }>;
			assert.ok(nodeTypes.some((nodeType) => nodeType.name === KEEPNET_NODE_TYPE), `${KEEPNET_NODE_TYPE} is not among the editor's node types`);
			serverUp = true;
		}, { always: serverNeeded });

		if (serverUp) {
			await test(credentialTestName, async () => {
				const cookie = await instanceRef.login(E2E_OWNER);
				// What the editor does: fetch the credential (secrets come back redacted) and send it to the test endpoint.
				const stored = await fetch(`${instanceRef.apiUrl}/rest/credentials/${EXAMPLE_CREDENTIAL.id}?includeData=true`, { headers: { cookie } });
				assert.equal(stored.status, 200);
				const credential = ((await stored.json()) as { data: { id: string; name: string; type: string; data: Record<string, unknown> } }).data;
				assert.equal(credential.data.baseUrl, sandboxRef.url);
				assert.notEqual(credential.data.clientSecret, sandboxRef.clients.reseller.clientSecret, 'n8n handed the plain client secret to the editor');
				const testCredential = async (data: Record<string, unknown>): Promise<{ status: string; message: string }> => {
					const response = await fetch(`${instanceRef.apiUrl}/rest/credentials/test`, {
						method: 'POST',
						headers: { cookie, 'Content-Type': 'application/json' },
						body: JSON.stringify({ credentials: { ...credential, data } }),
					});
					assert.equal(response.status, 200);
					return ((await response.json()) as { data: { status: string; message: string } }).data;
				};
				sandboxRef.clearRequests();
				const good = await testCredential(credential.data);
				assert.equal(good.status, 'OK', `credential test: ${JSON.stringify(good)}`);
				// The credential's test request (its token may be the one the executions above stored with it).
				assert.ok(
					sandboxRef.requests.some((request) => /^\/api\/companies\/my$/i.test(request.path) && request.status === 200 && /^Bearer .+/.test(request.headers.authorization ?? '')),
					`the credential test did not reach the sandbox; requests:\n${describeRequests(sandboxRef.requests)}`,
				);
				// A wrong secret must fail when a token has to be fetched with it (accessToken empty, as in a new
				// credential). n8n itself reuses a still-valid stored token without asking for a new one, so this is
				// the only state in which the secret is checked at all.
				const bad = await testCredential({ ...credential.data, clientSecret: 'not-the-secret', accessToken: '' });
				assert.equal(bad.status, 'Error', `a wrong secret passed the credential test: ${JSON.stringify(bad)}`);
				assert.ok(!bad.message.includes('not-the-secret'), 'the error message repeats the secret');

				// The saved credential edited in the dialog, its stored token kept: the same clear messages as a new one.
				const closedPort = await findFreePort();
				const unreachable = await testCredential({ ...credential.data, baseUrl: `http://127.0.0.1:${closedPort}` });
				assert.match(unreachable.message, new RegExp(`Could not reach Keepnet at http://127\\.0\\.0\\.1:${closedPort}: the connection was refused`), JSON.stringify(unreachable));
				const plainHttp = await testCredential({ ...credential.data, baseUrl: 'http://192.0.2.10' });
				assert.match(plainHttp.message, /The Base URL "http:\/\/192\.0\.2\.10" must use https:\/\//, JSON.stringify(plainHttp));
				const editedSecret = await testCredential({ ...credential.data, clientSecret: 'edited-wrong-secret' });
				assert.match(editedSecret.message, /rejected the Client ID or Client Secret/, JSON.stringify(editedSecret));
				assert.ok(!editedSecret.message.includes('edited-wrong-secret'), 'the error message repeats the secret');
			});

			await test(triggerTestName, async () => {
				await runActivatedTriggerTest({ sandbox: sandboxRef, instance: instanceRef, owner: E2E_OWNER, companyId: sandboxRef.ids.customerCompanyIds[1] ?? '', log });
			});

			await test(licenseExampleTestName, async () => {
				const workflow = importedExamples.get(LICENSE_EXAMPLE_FILE);
				assert.ok(workflow, `examples/${LICENSE_EXAMPLE_FILE} was not imported`);
				// A customer under its limit at activation (not the seed's over-limit one, not the one the trigger test above used).
				const underLimit = sandboxRef.ids.customerCompanyIds.find((id) => id !== sandboxRef.ids.overLicenseCompanyId && id !== sandboxRef.ids.customerCompanyIds[1]);
				assert.ok(underLimit, 'the sandbox seed has no customer under its license limit');
				await runLicenseExampleTest({ sandbox: sandboxRef, instance: instanceRef, owner: E2E_OWNER, workflow, companyId: underLimit });
			});

			if (!skipBrowser) {
				await test(editorTestName, async () => {
					// The documented screenshot is the default n8n's; other versions get their own file beside it.
					const screenshotName =
						instanceRef.runtime.version === DEFAULT_N8N_VERSION ? 'editor-company-picker.png' : `editor-company-picker-n8n-${instanceRef.runtime.version}.png`;
					await runEditorCompanyPickerTest({
						sandbox: sandboxRef,
						instance: instanceRef,
						owner: E2E_OWNER,
						screenshotPath: path.join(PROJECT_ROOT, 'test-results', screenshotName),
					});
				});
			}
		}
	}

	if (instance) {
		const { runs, crashedAfterCompletedRun } = instance.executeTally;
		log(`# n8n execute: ${runs} runs in all, ${crashedAfterCompletedRun} crashed at exit after a completed run`);
	}
	await instance?.stop();
	await chatModel?.close();
	await foreignServer?.close();
	await sandbox?.close();
	if (userFolder && !keepUserFolder) await rm(userFolder, { recursive: true, force: true });
	else if (userFolder) log(`# kept the n8n user folder ${userFolder}`);

	const passed = results.filter((result) => result.passed).length;
	const failed = results.length - passed;
	log(`# total ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
	log(`e2e: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
	log(`not ok - e2e runner crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	log('e2e: 0 passed, 1 failed');
	process.exit(1);
});
