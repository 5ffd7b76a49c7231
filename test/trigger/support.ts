import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { KeepnetTrigger } from '../../nodes/KeepnetTrigger/KeepnetTrigger.node';
import { PollStaticData, runPoll, type RunPollResult } from '../support/harness';
import { startSandbox, targetUserFields, type Sandbox, type TargetUserRecord } from '../sandbox';
import { resellerCredentials } from '../support/fixture';

export interface TriggerFixture {
	sandbox: Sandbox;
	/** One tick of the activated workflow (mode 'trigger'), with the given stored static data. */
	tick(parameters: INodeParameters, staticData: PollStaticData, activation?: 'activate' | 'init'): Promise<RunPollResult>;
	/** The editor's Fetch Test Event. */
	fetchTestEvent(parameters: INodeParameters, staticData: PollStaticData): Promise<RunPollResult>;
	apiRequests(): Sandbox['requests'];
	close(): Promise<void>;
}

/** `credentialOverrides` are fields of the Keepnet API credential, e.g. a short `timeoutSeconds` for fault tests. */
export async function startTriggerFixture(credentialOverrides: IDataObject = {}): Promise<TriggerFixture> {
	const sandbox = await startSandbox();
	const credentials = resellerCredentials(sandbox, credentialOverrides);
	const node = new KeepnetTrigger();
	return {
		sandbox,
		tick: async (parameters, staticData, activation) => await runPoll({ node, parameters, credentials, staticData, activation }),
		fetchTestEvent: async (parameters, staticData) => await runPoll({ node, parameters, credentials, staticData, mode: 'manual' }),
		apiRequests: () => sandbox.requests.filter((request) => request.path.startsWith('/api/')),
		close: async () => await sandbox.close(),
	};
}

export function jsons(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

export function records(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json.record as IDataObject);
}

let personCounter = 0;

/** A new target user created at `createTime` (default: now), through the store as the API would. */
export function addUser(sandbox: Sandbox, companyId: string, createTime?: string): TargetUserRecord {
	personCounter++;
	return sandbox.store.addTargetUser(
		companyId,
		targetUserFields(`trigger.person${personCounter}@events.example`, { firstName: 'Trigger', lastName: `Person ${personCounter}`, department: 'Events', createTime }),
	);
}

export function isoAgo(ms: number): string {
	return new Date(Date.now() - ms).toISOString();
}
