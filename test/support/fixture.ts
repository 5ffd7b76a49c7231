import type { IDataObject, INodeExecutionData, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { KeepnetApi } from '../../credentials/KeepnetApi.credentials';
import { Keepnet } from '../../nodes/Keepnet/Keepnet.node';
import { CredentialStore, runListSearch, runLoadOptions, runNode, type RunNodeResult } from './harness';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';

/** A resource locator value as a saved workflow holds it. */
export function locator(value: string, mode: 'id' | 'list' | 'name' = 'list'): INodeParameterResourceLocator {
	return { __rl: true, mode, value };
}

export function items(...jsons: IDataObject[]): INodeExecutionData[] {
	return jsons.map((json) => ({ json }));
}

export interface KeepnetFixture {
	sandbox: Sandbox;
	credentials: CredentialStore;
	run(parameters: INodeParameters, options?: { items?: INodeExecutionData[]; continueOnFail?: boolean; credentials?: CredentialStore }): Promise<RunNodeResult>;
	listSearch(method: string, parameters?: INodeParameters, filter?: string, paginationToken?: string): ReturnType<typeof runListSearch>;
	loadOptions(method: string, parameters?: INodeParameters): ReturnType<typeof runLoadOptions>;
	/** Requests the sandbox received below /api (the token endpoint left out). */
	apiRequests(): Sandbox['requests'];
	close(): Promise<void>;
}

export function resellerCredentials(sandbox: Sandbox, overrides: IDataObject = {}): CredentialStore {
	return new CredentialStore(new KeepnetApi(), {
		baseUrl: sandbox.url,
		clientId: sandbox.clients.reseller.clientId,
		clientSecret: sandbox.clients.reseller.clientSecret,
		accessToken: '',
		...overrides,
	});
}

export async function startKeepnetFixture(options: SandboxOptions = {}): Promise<KeepnetFixture> {
	const sandbox = await startSandbox(options);
	const credentials = resellerCredentials(sandbox);
	const node = new Keepnet();
	return {
		sandbox,
		credentials,
		run: async (parameters, runOptions = {}) =>
			await runNode({
				node,
				parameters,
				items: runOptions.items,
				continueOnFail: runOptions.continueOnFail,
				credentials: runOptions.credentials ?? credentials,
			}),
		listSearch: async (method, parameters = {}, filter, paginationToken) =>
			await runListSearch({ node, method, parameters, credentials, filter, paginationToken }),
		loadOptions: async (method, parameters = {}) => await runLoadOptions({ node, method, parameters, credentials }),
		apiRequests: () => sandbox.requests.filter((request) => request.path.startsWith('/api/')),
		close: async () => await sandbox.close(),
	};
}

export function jsonOf(result: RunNodeResult): IDataObject[] {
	return (result.output[0] ?? []).map((item) => item.json);
}
