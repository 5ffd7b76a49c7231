/**
 * End-to-end: the Keepnet node as a tool of n8n's AI Agent. A workflow (Manual Trigger → AI Agent, with the OpenAI
 * Chat Model node pointed at a scripted model on loopback and two Keepnet tools whose parameters come from
 * `$fromAI(...)`) runs headless in the real n8n. The scripted model asks for a read (Company → Get Many), a Create
 * or Update of one user, and a Create or Update with an address that is not an email, then answers.
 *
 * Checked: what the sandbox stores (the user, once, in the chosen company), that nothing carrying the bad address
 * reached the sandbox, and what the agent received from each tool (the model's next request carries it).
 */
import assert from 'node:assert/strict';

import type { Sandbox } from '../sandbox/types';
import { EXAMPLE_CREDENTIAL, KEEPNET_CREDENTIAL_TYPE } from '../../scripts/n8n/lib/examples';
import type { CredentialToImport, N8nInstance, WorkflowFile } from '../../scripts/n8n/lib/instance';
import { messageText, startScriptedChatModel, type ChatMessage } from './scriptedChatModel';
import { assertRunSucceeded, nodeOutput } from './support';

export const AGENT_WORKFLOW_ID = 'E2eKeepnetAgent1';
const KEEPNET_TOOL_TYPE = 'n8n-nodes-keepnet.keepnetTool';
const OPENAI_CREDENTIAL = { id: 'E2eScriptedModel', name: 'Scripted chat model (loopback)' };
const GOOD_EMAIL = 'ada.agent@globex.example';
const BAD_EMAIL = 'ada-at-globex';
const PHONE = '+15555550142';
const FINAL_ANSWER = 'Done: Ada is set up.';

/** The OpenAI credential n8n needs for the chat model node: any key, the scripted model's address. */
export function scriptedModelCredential(url: string): CredentialToImport {
	return { ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted-e2e', url } };
}

export function agentWorkflow(companyId: string): WorkflowFile {
	const keepnetCredential = { [KEEPNET_CREDENTIAL_TYPE]: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } };
	return {
		id: AGENT_WORKFLOW_ID,
		name: 'e2e: AI Agent with Keepnet tools',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'List customers': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			'Add or update user': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		nodes: [
			{ id: 'agent-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'agent-agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: [240, 0],
				parameters: { promptType: 'define', text: 'Which customers do I manage? Then add Ada to Globex.', options: {} },
			},
			{
				id: 'agent-model',
				name: 'Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				// 1.2: Chat Completions (1.3 defaults to the Responses API); present in n8n 1.123 and 2.x.
				typeVersion: 1.2,
				position: [160, 220],
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: {} },
				credentials: { openAiApi: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name } },
			},
			{
				id: 'agent-tool-companies',
				name: 'List customers',
				type: KEEPNET_TOOL_TYPE,
				typeVersion: 1,
				position: [320, 220],
				parameters: { resource: 'company', operation: 'getAll', returnAll: true, simplify: true, filters: {}, options: {} },
				credentials: keepnetCredential,
			},
			{
				id: 'agent-tool-upsert',
				name: 'Add or update user',
				type: KEEPNET_TOOL_TYPE,
				typeVersion: 1,
				position: [480, 220],
				parameters: {
					resource: 'targetUser',
					operation: 'upsert',
					companyId: { __rl: true, mode: 'id', value: companyId },
					email: "={{ $fromAI('email', 'Email address of the person', 'string') }}",
					phoneNumber: "={{ $fromAI('phoneNumber', 'Phone number of the person, e.g. +15555550123', 'string') }}",
					additionalFields: { firstName: "={{ $fromAI('firstName', 'First name of the person', 'string') }}" },
					options: {},
				},
				credentials: keepnetCredential,
			},
		],
	};
}

/** The tool answers the agent sent back to the model, in order (role "tool" messages of the last request). */
function toolAnswers(messages: ChatMessage[]): string[] {
	return messages.filter((message) => message.role === 'tool').map(messageText);
}

const isCompanyTool = (name: string): boolean => /list_customers/i.test(name);
const isUpsertTool = (name: string): boolean => /add_or_update_user/i.test(name);

export async function runAgentToolTest(context: {
	sandbox: Sandbox;
	instance: N8nInstance;
	companyId: string;
	model: Awaited<ReturnType<typeof startScriptedChatModel>>;
}): Promise<void> {
	const { sandbox, instance, companyId, model } = context;
	sandbox.clearRequests();
	const run = assertRunSucceeded(await instance.executeWorkflow(AGENT_WORKFLOW_ID, 180_000), 'AI Agent with Keepnet tools');

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
	// n8n describes a node tool to the model as "<the operation's action> in <node name>" (getToolDescriptionForNode).
	assert.equal(offered.find((tool) => isCompanyTool(tool.name))?.description, 'Get many companies in Keepnet');
	assert.equal(upsertTool.description, 'Create or update a target user in Keepnet');
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
