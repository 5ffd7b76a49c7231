/**
 * The example workflows must run in any tenant that has the roles, trainings and scenarios they name: no ID that
 * exists only in the sandbox (roles, catalogue content, groups). The e2e suite runs them whole in a real n8n; this
 * checks the files, and runs the self-contained add-system-user node through execute.
 */
import type { INodeParameters } from 'n8n-workflow';

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SCENARIO_CATALOGUE } from '../sandbox/routes/phishingCampaigns';
import { TRAINING_CATALOGUE } from '../sandbox/routes/trainingEnrollments';
import { startKeepnetFixture, type KeepnetFixture } from '../support/fixture';

const EXAMPLES = join(__dirname, '../../examples');
interface WorkflowNode {
	name: string;
	type: string;
	parameters: INodeParameters;
}
const workflows = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, nodes: (JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { nodes: WorkflowNode[] }).nodes }));
const keepnetNodes = workflows.flatMap(({ file, nodes }) => nodes.filter((node) => node.type.startsWith('n8n-nodes-keepnet.')).map((node) => ({ file, node })));

let fixture: KeepnetFixture;
beforeAll(async () => {
	fixture = await startKeepnetFixture();
});
afterAll(async () => await fixture.close());

describe('example workflows', () => {
	it('name roles, trainings and scenarios instead of holding IDs that exist only in the sandbox', () => {
		const { ids } = fixture.sandbox;
		const sandboxOnly = new Map<string, string>([
			...Object.values(ids.rolesByCompany).flatMap((roles) => Object.entries(roles).map(([name, id]) => [String(id), `role ${name}`] as [string, string])),
			...Object.values(ids.targetGroupsByCompany).flatMap((groups) => Object.entries(groups).map(([name, id]) => [id, `group ${name}`] as [string, string])),
			...TRAINING_CATALOGUE.map((training) => [training.trainingId, `training ${training.trainingName}`] as [string, string]),
			...SCENARIO_CATALOGUE.map((scenario) => [scenario.resourceId, `scenario ${scenario.name}`] as [string, string]),
		]);
		expect(keepnetNodes.length).toBeGreaterThan(5);
		for (const { file, node } of keepnetNodes) {
			const text = JSON.stringify(node.parameters);
			const found = [...sandboxOnly].filter(([id]) => text.includes(id)).map(([, what]) => what);
			expect({ file, node: node.name, sandboxOnly: found }).toEqual({ file, node: node.name, sandboxOnly: [] });
		}
	});

	it('add-system-user.json creates the user with the Company Admin role of the company it acts in, its parameters unchanged', async () => {
		const node = keepnetNodes.find(({ file }) => file === 'add-system-user.json')!.node;
		const companyId = String((node.parameters.companyId as { value: string }).value);
		expect(fixture.sandbox.store.companies.get(companyId)?.name).toBe('Globex Corporation');
		await fixture.run(node.parameters);
		const created = [...fixture.sandbox.store.data(companyId).systemUsers.values()].find((user) => user.email === node.parameters.email);
		expect(created?.roleIds).toEqual([fixture.sandbox.ids.rolesByCompany[companyId].companyAdmin]);
	});
});
