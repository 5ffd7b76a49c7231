/**
 * The node as an AI agent's tool: what the agent reads about each operation. n8n builds the tool variant by
 * spreading `usableAsTool.replacements` over the node's description (n8n's createAiTools), and describes the tool
 * with getToolDescriptionForNode (n8n-workflow), which is called here on that variant, as n8n does.
 */
import { getToolDescriptionForNode, type INode, type INodeType, type INodeTypeDescription, type UsableAsToolDescription } from 'n8n-workflow';

import { Keepnet } from '../../nodes/Keepnet/Keepnet.node';
import { TOOL_DESCRIPTIONS } from '../../nodes/Keepnet/actions/toolDescriptions';

const node = new Keepnet();
const usableAsTool = node.description.usableAsTool as UsableAsToolDescription;
/** The tool variant as n8n builds it. */
const toolVariant: INodeType = { description: { ...node.description, ...usableAsTool.replacements } as INodeTypeDescription };

function operationsOf(description: INodeTypeDescription): Array<{ resource: string; operation: string; action: string }> {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options ?? []).map((option) => ({
				resource: String(property.displayOptions?.show?.resource?.[0]),
				operation: String('value' in option ? option.value : ''),
				action: String('action' in option ? option.action : ''),
			})),
		);
}

function toolNode(resource: string, operation: string): INode {
	return { id: 'tool', name: 'Keepnet Tool', type: 'n8n-nodes-keepnet.keepnetTool', typeVersion: 1, position: [0, 0], parameters: { resource, operation, descriptionType: 'auto' } };
}

describe('the Keepnet node as an AI agent tool', () => {
	const operations = operationsOf(node.description);

	it('describes every operation to the agent with its own sentence, not the short action the nodes panel shows', () => {
		expect(operations.length).toBe(Object.keys(TOOL_DESCRIPTIONS).length);
		for (const { resource, operation, action } of operations) {
			const told = getToolDescriptionForNode(toolNode(resource, operation), toolVariant);
			const sentence = TOOL_DESCRIPTIONS[`${resource}:${operation}` as keyof typeof TOOL_DESCRIPTIONS];
			expect(told).toBe(`${sentence} in Keepnet`);
			expect(told).not.toBe(`${action} in Keepnet`);
		}
	});

	it('keeps the regular node (and so the nodes panel) on the short actions', () => {
		for (const { resource, operation, action } of operations) {
			expect(getToolDescriptionForNode(toolNode(resource, operation), node)).toBe(`${action} in Keepnet`);
			expect(action.length).toBeLessThanOrEqual(60);
		}
	});

	it('says in one sentence what each operation does and returns; irreversible ones say so', () => {
		for (const [key, sentence] of Object.entries(TOOL_DESCRIPTIONS)) {
			expect({ key, oneSentence: /^[A-Z][^]*[.]$/.test(sentence) && !/[.!?] [A-Z]/.test(sentence) }).toEqual({ key, oneSentence: true });
			expect({ key, length: sentence.length <= 220 }).toEqual({ key, length: true });
		}
		for (const key of ['company:delete', 'systemUser:delete', 'targetGroup:delete'] as const) {
			expect(TOOL_DESCRIPTIONS[key]).toMatch(/^Irreversibly delete/);
		}
		expect(TOOL_DESCRIPTIONS['targetUser:delete']).toMatch(/cannot be restored/);
	});

	it('keeps outputs compact by default where an operation can simplify them', () => {
		const simplifyToggles = node.description.properties.filter((property) => property.name === 'simplify');
		expect(simplifyToggles.length).toBeGreaterThan(0);
		for (const toggle of simplifyToggles) expect(toggle.default).toBe(true);
	});
});
