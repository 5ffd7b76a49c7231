/**
 * Self-tests of the harness (test/harness): a throwaway credential type and node, defined here, run
 * against a throwaway HTTP server on 127.0.0.1 through n8n-core's real execution contexts. They prove the
 * harness behaves as n8n does: token fetched once and stored, reused, refreshed exactly once after a 401;
 * resource locators, continue-on-fail, binary data, listSearch / loadOptions, the credential test.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	CredentialStore,
	binaryBuffer,
	binaryItem,
	callPreAuthentication,
	runCredentialTest,
	runListSearch,
	runLoadOptions,
	runNode,
} from '../harness';

// ---------------------------------------------------------------------------------------------------
// Throwaway API server: issues tokens for one client, serves items/categories to valid bearer tokens.

const CLIENT_ID = 'probe-client';
const CLIENT_SECRET = 'probe-secret-7f3a9c';

interface RecordedRequest {
	method: string;
	path: string;
	authorization: string | undefined;
	status: number;
}

class ProbeApiServer {
	readonly requests: RecordedRequest[] = [];

	private readonly server: Server;

	private readonly validTokens = new Set<string>();

	private tokensIssued = 0;

	/** When set, every authenticated endpoint answers this status (after the token check). */
	failWith: number | undefined;

	baseUrl = '';

	constructor() {
		this.server = createServer((request, response) => {
			void this.handle(request, response);
		});
	}

	async start(): Promise<void> {
		this.server.listen(0, '127.0.0.1');
		await once(this.server, 'listening');
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
	}

	/** The server forgets every token it issued: the next call with one of them gets a 401. */
	revokeAllTokens(): void {
		this.validTokens.clear();
	}

	tokenRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path === '/token');
	}

	apiRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path !== '/token');
	}

	reset(): void {
		this.requests.length = 0;
		this.failWith = undefined;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const url = new URL(request.url ?? '/', this.baseUrl);
		const record: RecordedRequest = {
			method: request.method ?? '',
			path: url.pathname,
			authorization: request.headers.authorization,
			status: 0,
		};
		this.requests.push(record);
		const reply = (status: number, body: unknown): void => {
			record.status = status;
			response.writeHead(status, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(body));
		};

		if (url.pathname === '/token' && request.method === 'POST') {
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
			if (body.clientId !== CLIENT_ID || body.clientSecret !== CLIENT_SECRET) {
				reply(401, { error: 'invalid_client' });
				return;
			}
			const token = `token-${++this.tokensIssued}`;
			this.validTokens.add(token);
			reply(200, { token });
			return;
		}

		const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
		if (bearer === undefined || !this.validTokens.has(bearer)) {
			reply(401, { message: 'Token is not valid' });
			return;
		}
		if (this.failWith !== undefined) {
			reply(this.failWith, { message: `Failure ${this.failWith} requested by the test` });
			return;
		}
		const itemMatch = /^\/items\/([^/]+)$/.exec(url.pathname);
		if (itemMatch) {
			reply(200, { id: itemMatch[1], name: `Item ${itemMatch[1]}` });
			return;
		}
		if (url.pathname === '/items') {
			// Pages of two over five items, filtered by name; `next` is a number, as many APIs return it.
			const filter = url.searchParams.get('filter') ?? '';
			const page = Number(url.searchParams.get('page') ?? '1');
			const all = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].filter((name) => name.includes(filter));
			const slice = all.slice((page - 1) * 2, page * 2);
			reply(200, { items: slice.map((name) => ({ id: name, name })), next: page * 2 < all.length ? page + 1 : null });
			return;
		}
		if (url.pathname === '/categories') {
			reply(200, [
				{ id: 'c1', label: 'First' },
				{ id: 'c2', label: 'Second' },
			]);
			return;
		}
		if (url.pathname === '/me') {
			reply(200, { client: CLIENT_ID });
			return;
		}
		reply(404, { message: 'No such route' });
	}
}

// ---------------------------------------------------------------------------------------------------
// Throwaway credential type: client credentials exchanged for a token in preAuthentication.

class ProbeTokenApi implements ICredentialType {
	name = 'probeTokenApi';

	displayName = 'Probe Token API';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Access Token', name: 'accessToken', type: 'hidden', typeOptions: { expirable: true }, default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${String(credentials.baseUrl)}/token`,
			body: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
			json: true,
		})) as { token: string };
		return { accessToken: response.token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/me', method: 'GET' },
	};
}

// ---------------------------------------------------------------------------------------------------
// Throwaway node.

async function probeRequest(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	path: string,
	qs?: IDataObject,
): Promise<unknown> {
	const { baseUrl } = await context.getCredentials<{ baseUrl: string }>('probeTokenApi');
	return await context.helpers.httpRequestWithAuthentication.call(context, 'probeTokenApi', {
		method: 'GET',
		url: `${baseUrl}${path}`,
		qs,
		json: true,
	});
}

const probeDescription: INodeTypeDescription = {
	displayName: 'Harness Probe',
	name: 'harnessProbe',
	group: ['transform'],
	version: 1,
	description: 'Throwaway node for the harness self-tests',
	defaults: { name: 'Harness Probe' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'probeTokenApi', required: true }],
	properties: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Get Item', value: 'getItem' },
				{ name: 'Uppercase File', value: 'uppercaseFile' },
				{ name: 'Validate', value: 'validate' },
				{ name: 'Throw', value: 'throw' },
			],
			default: 'getItem',
		},
		{
			displayName: 'Item',
			name: 'item',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			modes: [
				{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchItems', searchable: true } },
				{ displayName: 'By ID', name: 'id', type: 'string' },
				{
					displayName: 'By URL',
					name: 'url',
					type: 'string',
					extractValue: { type: 'regex', regex: '^https?://[^/]+/items/([a-z0-9]+)' },
				},
			],
			displayOptions: { show: { operation: ['getItem'] } },
		},
		{
			displayName: 'Category',
			name: 'category',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getCategories' },
			default: '',
		},
	],
};

class HarnessProbe implements INodeType {
	description = probeDescription;

	methods = {
		listSearch: {
			async searchItems(
				this: ILoadOptionsFunctions,
				filter?: string,
				paginationToken?: string,
			): Promise<INodeListSearchResult> {
				const page = await probeRequest(this, '/items', { filter: filter ?? '', page: paginationToken ?? '1' });
				const { items, next } = page as { items: Array<{ id: string; name: string }>; next: number | null };
				return {
					results: items.map((item) => ({ name: item.name, value: item.id })),
					// A number on purpose: n8n hands it to the editor as a string.
					paginationToken: next ?? undefined,
				} as unknown as INodeListSearchResult;
			},
		},
		loadOptions: {
			async getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const categories = (await probeRequest(this, '/categories')) as Array<{ id: string; label: string }>;
				return categories.map((category) => ({ name: category.label, value: category.id }));
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				if (operation === 'getItem') {
					const id = this.getNodeParameter('item', itemIndex, undefined, { extractValue: true }) as string;
					this.logger.info('Harness probe fetches an item', { id });
					const item = (await probeRequest(this, `/items/${encodeURIComponent(id)}`)) as IDataObject;
					returnData.push({ json: item, pairedItem: { item: itemIndex } });
				} else if (operation === 'uppercaseFile') {
					const input = await this.helpers.getBinaryDataBuffer(itemIndex, 'data');
					const { fileName, mimeType } = items[itemIndex].binary?.data ?? {};
					const upper = await this.helpers.prepareBinaryData(
						Buffer.from(input.toString('utf8').toUpperCase(), 'utf8'),
						`upper-${fileName ?? 'file'}`,
						mimeType,
					);
					returnData.push({ json: { bytes: input.length }, binary: { data: upper }, pairedItem: { item: itemIndex } });
				} else if (operation === 'validate') {
					if (items[itemIndex].json.bad === true) {
						throw new NodeOperationError(this.getNode(), 'The item is marked bad', {
							itemIndex,
							description: 'Remove the "bad" field from the input item',
						});
					}
					returnData.push({ json: { valid: true }, pairedItem: { item: itemIndex } });
				} else {
					throw new NodeOperationError(this.getNode(), 'Thrown on purpose, even with Continue On Fail');
				}
			} catch (error) {
				if (this.continueOnFail() && operation !== 'throw') {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error;
			}
		}
		return [returnData];
	}
}

// ---------------------------------------------------------------------------------------------------

const api = new ProbeApiServer();

function newCredentials(overrides: ICredentialDataDecryptedObject = {}): CredentialStore {
	return new CredentialStore(new ProbeTokenApi(), {
		baseUrl: api.baseUrl,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		accessToken: '',
		...overrides,
	});
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

beforeAll(async () => {
	await api.start();
});

afterAll(async () => {
	await api.stop();
});

beforeEach(() => {
	api.reset();
});

describe('runNode with a preAuthentication credential', () => {
	it('fetches a token once, stores it in the credential and sends it as a Bearer header', async () => {
		const credentials = newCredentials();
		const { output } = await runNode({
			node: new HarnessProbe(),
			parameters: { operation: 'getItem', item: byId('7') },
			credentials,
		});

		expect(output).toEqual([[{ json: { id: '7', name: 'Item 7' }, pairedItem: { item: 0 } }]]);
		expect(credentials.preAuthenticationCalls).toBe(1);
		expect(credentials.updates).toBe(1);
		expect(credentials.data.accessToken).toBe('token-1');
		expect(api.tokenRequests()).toHaveLength(1);
		expect(api.apiRequests()).toEqual([
			{ method: 'GET', path: '/items/7', authorization: 'Bearer token-1', status: 200 },
		]);
	});
});
