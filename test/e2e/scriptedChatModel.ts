/**
 * A scripted stand-in for an OpenAI-compatible chat model on loopback, for the AI Agent end-to-end test. It answers
 * `POST /v1/chat/completions` with the tool calls or the final message a test prescribes, one step per request, and
 * records every request so the test can read what the agent sent back (the tools' answers among them).
 *
 * Both answer forms the OpenAI client may ask for are served: a plain JSON completion and, when the request says
 * `"stream": true`, server-sent events with the whole message in one chunk.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: string;
	content?: string | null | Array<{ type: string; text?: string }>;
	name?: string;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
}

export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: unknown } }>;
	stream?: boolean;
}

/** What one step answers: tool calls (by a predicate on the offered tool names, so n8n's naming can vary) or text. */
export type ScriptedReply =
	| { toolCalls: Array<{ tool: (name: string) => boolean; arguments: Record<string, unknown> }> }
	| { text: string };

export interface ScriptedChatModel {
	url: string;
	requests: ChatRequest[];
	close(): Promise<void>;
}

/** The text of a message whatever form the client used (string or content parts). */
export function messageText(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	if (Array.isArray(message.content)) return message.content.map((part) => part.text ?? '').join('');
	return '';
}

function completion(request: ChatRequest, reply: ScriptedReply, step: number): { message: ChatMessage; finishReason: string } {
	if ('text' in reply) return { message: { role: 'assistant', content: reply.text }, finishReason: 'stop' };
	const offered = (request.tools ?? []).map((tool) => tool.function.name);
	const toolCalls = reply.toolCalls.map((call, index) => {
		const name = offered.find(call.tool);
		if (name === undefined) throw new Error(`step ${step}: no offered tool matches (offered: ${offered.join(', ') || 'none'})`);
		return { id: `call_${step}_${index}`, type: 'function' as const, function: { name, arguments: JSON.stringify(call.arguments) } };
	});
	return { message: { role: 'assistant', content: null, tool_calls: toolCalls }, finishReason: 'tool_calls' };
}

function send(response: ServerResponse, request: ChatRequest, message: ChatMessage, finishReason: string): void {
	const base = { id: `chatcmpl-scripted-${Date.now()}`, created: Math.floor(Date.now() / 1000), model: request.model ?? 'scripted' };
	const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
	if (!request.stream) {
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finishReason }], usage }));
		return;
	}
	response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	const delta = {
		role: 'assistant',
		content: message.content ?? null,
		...(message.tool_calls ? { tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) } : {}),
	};
	const chunk = (choice: unknown, extra: Record<string, unknown> = {}): string => `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [choice], ...extra })}\n\n`;
	response.write(chunk({ index: 0, delta, finish_reason: null }));
	response.write(chunk({ index: 0, delta: {}, finish_reason: finishReason }, { usage }));
	response.end('data: [DONE]\n\n');
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server; the n-th chat request gets `script[n]` (a request past the script's end gets HTTP 500). */
export async function startScriptedChatModel(script: ScriptedReply[]): Promise<ScriptedChatModel> {
	const requests: ChatRequest[] = [];
	const server: Server = createServer((request, response) => {
		void (async () => {
			const body = await readBody(request);
			if (request.method !== 'POST' || !/\/chat\/completions$/.test(request.url ?? '')) {
				response.writeHead(404, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: { message: `not scripted: ${request.method} ${request.url}` } }));
				return;
			}
			const chatRequest = JSON.parse(body) as ChatRequest;
			const step = requests.length;
			requests.push(chatRequest);
			const reply = script[step];
			try {
				if (!reply) throw new Error(`the script has ${script.length} steps; request ${step + 1} is one too many`);
				const { message, finishReason } = completion(chatRequest, reply, step);
				send(response, chatRequest, message, finishReason);
			} catch (error) {
				response.writeHead(500, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: { message: error instanceof Error ? error.message : String(error) } }));
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
