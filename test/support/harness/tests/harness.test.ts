/**
 * Self-tests of the harness (test/support/harness): a throwaway credential type and node, defined here, run
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
import { NodeApiError, NodeOperationError, UserError } from 'n8n-workflow';

import {
	CredentialStore,
	binaryBuffer,
	binaryItem,
	callPreAuthentication,
	runCredentialTest,
	runListSearch,
	runLoadOptions,
	resourceLocator,
	runNode,
	unattributedLogs,
} from '..';

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

	/** When false, even freshly issued tokens are refused (a credential that never works). */
	acceptTokens = true;

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
		this.acceptTokens = true;
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
		if (bearer === undefined || !this.validTokens.has(bearer) || !this.acceptTokens) {
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

const byId = (value: string) => resourceLocator(value, 'id');

beforeAll(async () => {
	await api.start();
});

afterAll(async () => {
	await api.stop();
});

beforeEach(() => {
	api.reset();
});

const get = (path: string, authorization: string | undefined, status: number): RecordedRequest => ({
	method: 'GET',
	path,
	authorization,
	status,
});
const tokenRequest = (status: number): RecordedRequest => ({
	method: 'POST',
	path: '/token',
	authorization: undefined,
	status,
});

async function getItem(credentials: CredentialStore, id: string) {
	return await runNode({
		node: new HarnessProbe(),
		parameters: { operation: 'getItem', item: byId(id) },
		credentials,
	});
}

describe('runNode with a preAuthentication credential', () => {
	it('fetches a token once, stores it in the credential and sends it as a Bearer header', async () => {
		const credentials = newCredentials();
		const { output } = await getItem(credentials, '7');

		expect(output).toEqual([[{ json: { id: '7', name: 'Item 7' }, pairedItem: { item: 0 } }]]);
		const token = String(credentials.data.accessToken);
		expect(token).toMatch(/^token-\d+$/);
		expect(credentials.preAuthenticationCalls).toBe(1);
		expect(credentials.updates).toBe(1);
		expect(api.requests).toEqual([tokenRequest(200), get('/items/7', `Bearer ${token}`, 200)]);
	});

	it('reuses the stored token in the next execution instead of fetching another', async () => {
		const credentials = newCredentials();
		await getItem(credentials, '1');
		await getItem(credentials, '2');

		const token = String(credentials.data.accessToken);
		expect(credentials.preAuthenticationCalls).toBe(1);
		expect(api.tokenRequests()).toHaveLength(1);
		expect(api.apiRequests()).toEqual([get('/items/1', `Bearer ${token}`, 200), get('/items/2', `Bearer ${token}`, 200)]);
	});

	it('after a 401 for the stored token, fetches one new token, stores it and retries the request once', async () => {
		const credentials = newCredentials();
		await getItem(credentials, '1');
		const oldToken = String(credentials.data.accessToken);
		api.revokeAllTokens();
		api.reset();

		const { output } = await getItem(credentials, '2');

		const newToken = String(credentials.data.accessToken);
		expect(newToken).not.toBe(oldToken);
		expect(output[0][0].json).toEqual({ id: '2', name: 'Item 2' });
		expect(api.requests).toEqual([
			get('/items/2', `Bearer ${oldToken}`, 401),
			tokenRequest(200),
			get('/items/2', `Bearer ${newToken}`, 200),
		]);
		expect(credentials.preAuthenticationCalls).toBe(2);
		expect(credentials.updates).toBe(2);
	});

	it('lets two runs that start together with no token each fetch one (n8n does not lock)', async () => {
		const credentials = newCredentials();
		await Promise.all([getItem(credentials, 'a'), getItem(credentials, 'b')]);

		expect(credentials.preAuthenticationCalls).toBe(2);
		expect(api.tokenRequests()).toHaveLength(2);
	});

	it('uses whatever token is stored (here "stale") until the API rejects it', async () => {
		const credentials = newCredentials({ accessToken: 'stale' });
		await getItem(credentials, '3');

		expect(api.requests).toEqual([
			get('/items/3', 'Bearer stale', 401),
			tokenRequest(200),
			get('/items/3', `Bearer ${String(credentials.data.accessToken)}`, 200),
		]);
	});

	it('when even the new token is refused, stops after one retry and throws the 401 as a NodeApiError', async () => {
		const credentials = newCredentials({ accessToken: 'stale' });
		api.acceptTokens = false;

		const error = await getItem(credentials, '4').catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ httpCode: '401', description: 'Token is not valid' });
		expect(api.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'GET /items/4 401',
			'POST /token 200',
			'GET /items/4 401',
		]);
		expect(credentials.preAuthenticationCalls).toBe(1);
	});

	it('surfaces an API error as the NodeApiError n8n-core built from the HTTP response', async () => {
		const credentials = newCredentials();
		await getItem(credentials, '1');
		api.failWith = 404;

		const error = await getItem(credentials, '5').catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			message: 'The resource you are requesting could not be found',
			description: 'Failure 404 requested by the test',
			httpCode: '404',
			context: { data: { message: 'Failure 404 requested by the test' } },
		});
		// The HTTP client's error is kept as the cause; a 404 is no reason to fetch a new token.
		expect((error as NodeApiError).cause).toMatchObject({ status: 404 });
		expect(credentials.preAuthenticationCalls).toBe(1);
	});

	it('treats a 401 from the token endpoint itself like an expired token: asks once more, then throws', async () => {
		const credentials = newCredentials({ clientSecret: 'wrong-secret' });

		const error = await getItem(credentials, '6').catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ httpCode: '401' });
		expect(api.requests).toEqual([tokenRequest(401), tokenRequest(401)]);
		expect(credentials.preAuthenticationCalls).toBe(2);
		expect(credentials.updates).toBe(0);
		expect(credentials.data.accessToken).toBe('');
	});

	it('wraps an error thrown by preAuthentication in a NodeApiError that keeps its message and description', async () => {
		const failingType = new ProbeTokenApi();
		failingType.preAuthentication = async () => {
			throw new UserError('Probe credential: the Client ID is empty.', { description: 'Fill in the Client ID' });
		};
		const credentials = new CredentialStore(failingType, { baseUrl: api.baseUrl, accessToken: '' });

		const error = await getItem(credentials, '1').catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			message: 'Probe credential: the Client ID is empty.',
			description: 'Fill in the Client ID',
			httpCode: null,
		});
		expect((error as NodeApiError).cause).toBeInstanceOf(UserError);
		expect(api.requests).toEqual([]);
	});

	it('fails like n8n when the node runs without the credential it requires', async () => {
		const error = await runNode({
			node: new HarnessProbe(),
			parameters: { operation: 'getItem', item: byId('1') },
		}).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('Node does not have any credentials set');
		expect(api.requests).toEqual([]);
	});
});

describe('runNode parameters and items', () => {
	it('refuses, as n8n does, to run a node whose typed parameter fails validation; an expression reaches the node', async () => {
		const strictProbe = new HarnessProbe();
		strictProbe.description = {
			...probeDescription,
			properties: probeDescription.properties.map((property) =>
				property.name === 'item'
					? {
							...property,
							modes: property.modes?.map((mode) =>
								mode.name === 'id'
									? { ...mode, validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'Not a number' } }] }
									: mode,
							),
						}
					: property,
			),
		};
		const credentials = newCredentials();

		const error = await runNode({
			node: strictProbe,
			parameters: { operation: 'getItem', item: byId('a/b') },
			credentials,
		}).catch((caught: unknown) => caught);

		expect((error as Error).name).toBe('WorkflowHasIssuesError');
		expect((error as Error).message).toBe("The 'Harness Probe' node has issues:\n- Not a number");
		expect(api.requests).toEqual([]);

		await runNode({ node: strictProbe, parameters: { operation: 'getItem', item: byId('={{ "a/b" }}') }, credentials });
		expect(api.apiRequests().map((request) => request.path)).toEqual(['/items/a%2Fb']);
	});

	it.each([
		['id', 'abc9', '/items/abc9'],
		['url', 'http://127.0.0.1/items/xyz1?view=full', '/items/xyz1'],
		['list', 'beta', '/items/beta'],
	])('extracts the value of a resource locator in mode "%s"', async (mode, value, expectedPath) => {
		await runNode({
			node: new HarnessProbe(),
			parameters: { operation: 'getItem', item: resourceLocator(value, mode) },
			credentials: newCredentials(),
		});

		expect(api.apiRequests().map((request) => request.path)).toEqual([expectedPath]);
	});

	it('with Continue On Fail, lets the node turn a failing item into an error item', async () => {
		const { output, nodeError } = await runNode({
			node: new HarnessProbe(),
			parameters: { operation: 'validate' },
			items: [{ json: {} }, { json: { bad: true } }],
			credentials: newCredentials(),
			continueOnFail: true,
		});

		expect(output).toEqual([
			[
				{ json: { valid: true }, pairedItem: { item: 0 } },
				{ json: { error: 'The item is marked bad' }, pairedItem: { item: 1 } },
			],
		]);
		expect(nodeError).toBeUndefined();
	});

	it('without Continue On Fail, throws the NodeOperationError with its item index', async () => {
		const error = await runNode({
			node: new HarnessProbe(),
			parameters: { operation: 'validate' },
			items: [{ json: {} }, { json: { bad: true } }],
			credentials: newCredentials(),
		}).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).toMatchObject({
			message: 'The item is marked bad',
			description: 'Remove the "bad" field from the input item',
			context: { itemIndex: 1 },
		});
	});

	it('with Continue On Fail, passes the input items on unchanged when the node throws anyway (as n8n does)', async () => {
		const items: INodeExecutionData[] = [{ json: { first: 1 } }, { json: { second: 2 } }];
		const { output, nodeError } = await runNode({
			node: new HarnessProbe(),
			parameters: { operation: 'throw' },
			items,
			credentials: newCredentials(),
			continueOnFail: true,
		});

		expect(output).toEqual([
			[
				{ json: { first: 1 }, pairedItem: { item: 0 } },
				{ json: { second: 2 }, pairedItem: { item: 1 } },
			],
		]);
		expect(nodeError).toBeInstanceOf(NodeOperationError);
		expect(nodeError?.message).toBe('Thrown on purpose, even with Continue On Fail');
	});

	it('round-trips binary data through the node helpers', async () => {
		const input = await binaryItem('hello harness', { fileName: 'note.txt', mimeType: 'text/plain' });
		expect((await binaryBuffer(input)).toString('utf8')).toBe('hello harness');

		const { output } = await runNode({
			node: new HarnessProbe(),
			parameters: { operation: 'uppercaseFile' },
			items: [input],
			credentials: newCredentials(),
		});

		const [result] = output[0];
		expect(result.json).toEqual({ bytes: 13 });
		expect(result.binary?.data).toMatchObject({ fileName: 'upper-note.txt', mimeType: 'text/plain' });
		expect((await binaryBuffer(result)).toString('utf8')).toBe('HELLO HARNESS');
		await expect(binaryBuffer(result, 'missing')).rejects.toThrow('no binary property "missing"');
	});
});

describe('logs', () => {
	it("captures the node's own log entries, each run separately even when runs overlap", async () => {
		const credentials = newCredentials();
		const [first, second] = await Promise.all([getItem(credentials, 'one'), getItem(credentials, 'two')]);

		const nodeEntries = (logs: typeof first.logs) =>
			logs.filter((entry) => entry.message === 'Harness probe fetches an item');
		expect(nodeEntries(first.logs)).toEqual([
			{ level: 'info', message: 'Harness probe fetches an item', meta: expect.objectContaining({ id: 'one' }) },
		]);
		expect(nodeEntries(second.logs)).toEqual([
			{ level: 'info', message: 'Harness probe fetches an item', meta: expect.objectContaining({ id: 'two' }) },
		]);
		// The engine's own entries are there too.
		expect(first.logs.map((entry) => entry.message)).toContain('Workflow execution finished successfully');
	});

	it('keeps the logs of a run that throws, including the error n8n reports', async () => {
		const credentials = newCredentials();
		api.failWith = 500;
		const logs: NonNullable<Parameters<typeof runNode>[0]['collectLogsInto']> = [];

		await expect(
			runNode({
				node: new HarnessProbe(),
				parameters: { operation: 'getItem', item: byId('8') },
				credentials,
				collectLogsInto: logs,
			}),
		).rejects.toBeInstanceOf(NodeApiError);

		expect(logs.some((entry) => entry.level === 'error' && entry.message.includes('status code 500'))).toBe(true);
		const everything = JSON.stringify(logs);
		expect(everything).not.toContain(CLIENT_SECRET);
		expect(everything).not.toContain(String(credentials.data.accessToken));
	});
});

describe('runListSearch and runLoadOptions', () => {
	it('calls methods.listSearch with filter and pagination token, returning the token as a string', async () => {
		const credentials = newCredentials();
		const firstPage = await runListSearch({
			node: new HarnessProbe(),
			method: 'searchItems',
			parameters: { operation: 'getItem' },
			credentials,
			filter: 'a',
		});

		expect(firstPage).toEqual({
			results: [
				{ name: 'alpha', value: 'alpha' },
				{ name: 'beta', value: 'beta' },
			],
			paginationToken: '2',
		});

		const secondPage = await runListSearch({
			node: new HarnessProbe(),
			method: 'searchItems',
			parameters: { operation: 'getItem' },
			credentials,
			filter: 'a',
			paginationToken: firstPage.paginationToken,
		});

		expect(secondPage.results.map((result) => result.value)).toEqual(['gamma', 'delta']);
		expect(secondPage.paginationToken).toBeUndefined();
		const token = String(credentials.data.accessToken);
		expect(api.apiRequests()).toEqual([get('/items', `Bearer ${token}`, 200), get('/items', `Bearer ${token}`, 200)]);
		expect(credentials.preAuthenticationCalls).toBe(1);
	});

	it('calls methods.loadOptions', async () => {
		const options = await runLoadOptions({
			node: new HarnessProbe(),
			method: 'getCategories',
			parameters: {},
			credentials: newCredentials(),
		});

		expect(options).toEqual([
			{ name: 'First', value: 'c1' },
			{ name: 'Second', value: 'c2' },
		]);
	});

	it('names the available methods when the requested one does not exist', async () => {
		await expect(
			runLoadOptions({ node: new HarnessProbe(), method: 'getNothing', parameters: {}, credentials: newCredentials() }),
		).rejects.toThrow('Available loadOptions methods: getCategories');
	});
});

describe('runCredentialTest and callPreAuthentication', () => {
	it('reports OK after fetching a token and calling the test request with it', async () => {
		const credentials = newCredentials();
		const result = await runCredentialTest({ credentials });

		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		const token = String(credentials.data.accessToken);
		expect(api.requests).toEqual([tokenRequest(200), get('/me', `Bearer ${token}`, 200)]);
		expect(credentials.updates).toBe(1);
	});

	it('always fetches a fresh token for a test, even when a stored one still works', async () => {
		const credentials = newCredentials();
		await getItem(credentials, '1');
		const storedToken = String(credentials.data.accessToken);
		api.reset();

		const result = await runCredentialTest({ credentials });

		expect(result.status).toBe('OK');
		expect(credentials.preAuthenticationCalls).toBe(2);
		expect(credentials.data.accessToken).not.toBe(storedToken);
		expect(api.requests).toEqual([tokenRequest(200), get('/me', `Bearer ${String(credentials.data.accessToken)}`, 200)]);
	});

	it('reports Error with the HTTP status text when the client secret is wrong', async () => {
		const credentials = newCredentials({ clientSecret: 'wrong-secret' });
		const result = await runCredentialTest({ credentials });

		expect(result).toMatchObject({ status: 'Error', message: 'Unauthorized' });
		expect(api.apiRequests()).toEqual([]);
	});

	it('reports Error when the test request fails', async () => {
		api.failWith = 403;
		const result = await runCredentialTest({ credentials: newCredentials() });

		expect(result).toMatchObject({ status: 'Error', message: 'Forbidden' });
	});

	it('reports Error when the credential type has no test', async () => {
		const untestable = new ProbeTokenApi();
		delete (untestable as Partial<ProbeTokenApi>).test;
		const result = await runCredentialTest({ credentials: new CredentialStore(untestable, {}) });

		expect(result).toMatchObject({ status: 'Error', message: 'No testing function found for this credential.' });
	});

	it('callPreAuthentication returns what the credential type produced, without storing it', async () => {
		const credentials = newCredentials();
		const output = await callPreAuthentication({ credentials });

		expect(output).toEqual({ accessToken: expect.stringMatching(/^token-\d+$/) });
		expect(credentials.preAuthenticationCalls).toBe(1);
		expect(credentials.updates).toBe(0);
		expect(credentials.data.accessToken).toBe('');
	});
});

describe('log attribution', () => {
	// Runs last (jest keeps the order of a file): every entry written so far belonged to some harness call.
	it('attributes every log entry written during the suite to a harness call', () => {
		expect(unattributedLogs).toEqual([]);
	});
});
