/**
 * End-to-end: the Keepnet node as a tool of n8n's AI Agent. The example examples/ai-agent-customer-assistant.json
 * (Manual Trigger → AI Agent, with the OpenAI Chat Model node pointed at a scripted model on loopback and two Keepnet
 * tools whose parameters come from `$fromAI(...)`) runs in the real n8n, headless and through the queue. The scripted model asks for a read (Company → Get Many), a Create
 * or Update of one user, and a Create or Update with an address that is not an email, then answers.
 *
 * Checked: what the sandbox stores (the user, once, in the chosen company), that nothing carrying the bad address
 * reached the sandbox, and what the agent received from each tool (the model's next request carries it).
 */
import assert from 'node:assert/strict';

import type { Sandbox } from '../sandbox/types';
import { KEEPNET_TOOL_TYPE } from '../../scripts/n8n/lib/examples';
import type { CredentialToImport, WorkflowFile, WorkflowRun } from '../../scripts/n8n/lib/instance';
import { messageText, startScriptedChatModel, type ChatMessage } from './scriptedChatModel';
import { nodeOutput } from './support';

/** The example workflow this test runs: what the README's "With an AI agent" section points users to. */
export const AGENT_EXAMPLE_FILE = 'ai-agent-customer-assistant.json';
/** The OpenAI credential the example references; the e2e tests import one with this id, pointed at the scripted model. */
export const EXAMPLE_OPENAI_CREDENTIAL = { id: 'OpenAiCredExample', name: 'OpenAI account' } as const;
const UPSERT_TOOL_NODE = 'Add or update user';
const GOOD_EMAIL = 'ada.agent@globex.example';
const BAD_EMAIL = 'ada-at-globex';
const PHONE = '+15555550142';
const FINAL_ANSWER = 'Done: Ada is set up.';

/** The OpenAI credential n8n needs for the chat model node: any key, the scripted model's address. */
export function scriptedModelCredential(url: string): CredentialToImport {
	return { ...EXAMPLE_OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted-e2e', url } };
}

/** The example's own tool description of the Create or Update tool ("Set Manually"), as the model must receive it. */
function manualToolDescription(workflow: WorkflowFile): string {
	const node = workflow.nodes.find((candidate) => candidate.name === UPSERT_TOOL_NODE);
	assert.ok(node, `the agent example has no node "${UPSERT_TOOL_NODE}"`);
	assert.equal(node.type, KEEPNET_TOOL_TYPE, `"${UPSERT_TOOL_NODE}" is not the Keepnet node as a tool`);
	assert.equal(node.parameters.descriptionType, 'manual');
	const description = node.parameters.toolDescription;
	assert.ok(typeof description === 'string' && description.length > 0, 'the example sets no tool description');
	return description;
}

/** The tool answers the agent sent back to the model, in order (role "tool" messages of the last request). */
function toolAnswers(messages: ChatMessage[]): string[] {
	return messages.filter((message) => message.role === 'tool').map(messageText);
}

const isCompanyTool = (name: string): boolean => /list_customers/i.test(name);
const isUpsertTool = (name: string): boolean => /add_or_update_user/i.test(name);

export async function runAgentToolTest(context: {
	sandbox: Sandbox;
	/** The example as imported (its Company picker set to `companyId`). */
	workflow: WorkflowFile;
	companyId: string;
	model: Awaited<ReturnType<typeof startScriptedChatModel>>;
	/** Runs the imported workflow and returns its successful run (n8n execute, or through the queue). */
	runWorkflow: () => Promise<WorkflowRun>;
}): Promise<void> {
	const { sandbox, workflow, companyId, model } = context;
	sandbox.clearRequests();
	const run = await context.runWorkflow();

	// The agent finished with the model's final answer, after the three scripted tool calls.
	const output = nodeOutput(run, 'AI Agent').map((item) => item.json);
	assert.equal(output.length, 1);
	assert.equal(output[0]?.output, FINAL_ANSWER);
	assert.equal(model.requests.length, 4, `the model was asked ${model.requests.length} times, expected 4`);

	// The tools were offered under the node names, with the $fromAI parameters as their schema.
	const offered = (model.requests[0]?.tools ?? []).map((tool) => tool.function);
	const upsertTool = offered.find((tool) => isUpsertTool(tool.name));
	assert.ok(offered.some((tool) => isCompanyTool(tool.name)), `tools offered: ${offered.map((tool) => tool.name).join(', ')}`);
	assert.ok(upsertTool, `tools offered: ${offered.map((tool) => tool.name).join(', ')}`);
	// With the tool description left automatic, n8n describes a node tool to the model as "<the operation's action> in
	// <node name>" (getToolDescriptionForNode); set manually, the model receives the text the user wrote.
	assert.equal(offered.find((tool) => isCompanyTool(tool.name))?.description, 'Get many companies in Keepnet');
	assert.equal(upsertTool.description, manualToolDescription(workflow));
	assert.match(JSON.stringify(upsertTool.parameters), /"email"/);
	assert.match(JSON.stringify(upsertTool.parameters), /"firstName"/);

	const answers = toolAnswers(model.requests[3]?.messages ?? []);
	assert.equal(answers.length, 3, `tool answers the agent received: ${JSON.stringify(answers)}`);
	// 1. The read: the reseller's customers, by name.
	for (const company of sandbox.store.managedCompanies(sandbox.ids.resellerCompanyId)) {
		assert.ok(answers[0]?.includes(company.name), `the company list the agent received lacks ${company.name}: ${answers[0]}`);
	}
	// 2. The write: the user the sandbox now stores, once, in the chosen company.
	const stored = [...sandbox.store.companies.keys()].flatMap((id) => sandbox.store.targetUsersOf(id)).filter((user) => user.email.toLowerCase() === GOOD_EMAIL);
	assert.equal(stored.length, 1, `users stored with ${GOOD_EMAIL} across all companies: ${stored.length}; the agent received: ${JSON.stringify(answers)}`);
	assert.equal(stored[0]?.companyId, companyId);
	assert.equal(stored[0]?.firstName, 'Ada');
	assert.equal(stored[0]?.phoneNumber, PHONE);
	assert.ok(answers[1]?.includes(stored[0]?.resourceId ?? '<none>'), `the agent did not receive the created user: ${answers[1]}`);
	// 3. The refused input: the node's own clear error reached the agent, and nothing with that address was sent.
	assert.match(answers[2] ?? '', new RegExp(`${BAD_EMAIL}.*is not a valid email address`), `the agent received: ${answers[2]}`);
	const sentBadAddress = sandbox.requests.filter((request) => JSON.stringify(request.body ?? '').includes(BAD_EMAIL) || request.path.includes(BAD_EMAIL));
	assert.deepEqual(sentBadAddress.map((request) => `${request.method} ${request.path}`), [], 'the refused address reached Keepnet');
}

/** The script the model follows: read, write, refused write, answer. */
export function agentScript(): Parameters<typeof startScriptedChatModel>[0] {
	return [
		{ toolCalls: [{ tool: isCompanyTool, arguments: {} }] },
		{ toolCalls: [{ tool: isUpsertTool, arguments: { email: GOOD_EMAIL, phoneNumber: PHONE, firstName: 'Ada' } }] },
		{ toolCalls: [{ tool: isUpsertTool, arguments: { email: BAD_EMAIL, phoneNumber: PHONE, firstName: 'Ada' } }] },
		{ text: FINAL_ANSWER },
	];
}
