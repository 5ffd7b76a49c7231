/**
 * The example workflows in examples/*.json, prepared for import into a specific n8n instance.
 *
 * The files are committed importable as they are: their Keepnet nodes use the community-package node type
 * (`n8n-nodes-keepnet.keepnet`), reference the credential `EXAMPLE_CREDENTIAL` (the id `npm start` provisions) and
 * pick a company of the sandbox's seed. At import time the company can be replaced by another one (the e2e tests
 * use the ids of the sandbox they started; `npm start` against a real account clears it so the user picks one).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { WorkflowFile } from './instance';
import { PROJECT_ROOT } from './runtime';

export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');

/** The credential every example references; `npm start` and the e2e tests import a credential with this id. */
export const EXAMPLE_CREDENTIAL = { id: 'KeepnetApiCred01', name: 'Keepnet account' } as const;

export const KEEPNET_CREDENTIAL_TYPE = 'keepnetApi';

/** Node type of the Keepnet node when the package is installed as a community package (how users get it). */
export const KEEPNET_NODE_TYPE = 'n8n-nodes-keepnet.keepnet';

/** The same node attached to an AI Agent as a tool (n8n derives this type from `usableAsTool`). */
export const KEEPNET_TOOL_TYPE = 'n8n-nodes-keepnet.keepnetTool';

export interface CompanyChoice {
	id: string;
	name: string;
}

interface ResourceLocatorValue {
	__rl: true;
	mode: string;
	value: string;
	cachedResultName?: string;
}

function isResourceLocator(value: unknown): value is ResourceLocatorValue {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;
}

export function exampleFiles(): string[] {
	if (!existsSync(EXAMPLES_DIR)) return [];
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => path.join(EXAMPLES_DIR, file));
}

export function readWorkflowFile(file: string): WorkflowFile {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowFile;
}

/**
 * A copy of `workflow` whose Keepnet nodes use `company` in their fixed Company picker (null: empty picker), and whose
 * Keepnet credential references point at `credential`.
 */
export function withCompanyAndCredential(
	workflow: WorkflowFile,
	company: CompanyChoice | null,
	credential: { id: string; name: string } = EXAMPLE_CREDENTIAL,
): WorkflowFile {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowFile;
	for (const node of copy.nodes) {
		if (node.type !== KEEPNET_NODE_TYPE && node.type !== KEEPNET_TOOL_TYPE) continue;
		const companyParameter = node.parameters.companyId;
		// A company given by an expression (e.g. one per item of a "Get Many") is the workflow's logic: keep it.
		if (isResourceLocator(companyParameter) && !companyParameter.value.startsWith('=')) {
			node.parameters.companyId =
				company === null
					? { __rl: true, mode: 'list', value: '' }
					: { __rl: true, mode: 'list', value: company.id, cachedResultName: company.name };
		}
		if (node.credentials?.[KEEPNET_CREDENTIAL_TYPE]) {
			node.credentials[KEEPNET_CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
		}
	}
	return copy;
}
