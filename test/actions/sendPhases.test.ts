import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { withSendPhases } from '../../nodes/Keepnet/actions/sendPhases';
import type { ItemOperation } from '../../nodes/Keepnet/actions/types';
import { KeepnetSession } from '../../nodes/Keepnet/transport/session';

/**
 * withSendPhases (actions/sendPhases.ts) around the runner: a step with every prepared item before the first is
 * sent, and items sharing a key one after the other. Company Group, Company and the Target User bulk writes are
 * tested through the node; this pins the ordering and stopping rules on their own, with a stand-in context.
 */

function context(itemCount: number, options: { continueOnFail?: boolean; concurrency?: number } = {}): IExecuteFunctions {
	const items: INodeExecutionData[] = Array.from({ length: itemCount }, (_item, index) => ({ json: { index } }));
	return {
		continueOnFail: () => options.continueOnFail === true,
		getInputData: () => items,
		getNode: () => ({ id: 'n', name: 'Keepnet', type: 'keepnet', typeVersion: 1, position: [0, 0], parameters: {} }),
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => (name === 'options.concurrency' ? (options.concurrency ?? 10) : fallback),
	} as unknown as IExecuteFunctions;
}

const tick = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('withSendPhases', () => {
	it('prepares every item before beforeSending, which sees them all; items it settles are not run', async () => {
		const log: string[] = [];
		const operation: ItemOperation<{ index: number }> = {
			kind: 'item',
			concurrent: true,
			prepare(itemIndex) {
				log.push(`prepare ${itemIndex}`);
				return { index: itemIndex };
			},
			async run(prepared) {
				log.push(`run ${prepared.index}`);
				return [{ json: { ran: prepared.index } }];
			},
		};
		const handler = withSendPhases(operation, {
			async beforeSending(prepared) {
				log.push(`before ${prepared.map((item) => item?.index).join(',')}`);
				return new Map([[1, [{ json: { settled: 1 } }]]]);
			},
		});
		const ctx = context(3);
		const output = await handler.execute.call(ctx, ctx.getInputData(), new KeepnetSession(ctx));
		expect(log.slice(0, 4)).toEqual(['prepare 0', 'prepare 1', 'prepare 2', 'before 0,1,2']);
		expect(log).not.toContain('run 1');
		expect(output).toEqual([
			{ json: { ran: 0 }, pairedItem: { item: 0 } },
			{ json: { settled: 1 }, pairedItem: { item: 1 } },
			{ json: { ran: 2 }, pairedItem: { item: 2 } },
		]);
	});

	it('runs items with the same key one after the other, in input order, others alongside', async () => {
		const events: string[] = [];
		const operation: ItemOperation<{ index: number; key: string }> = {
			kind: 'item',
			concurrent: true,
			prepare: (itemIndex) => ({ index: itemIndex, key: itemIndex === 1 ? 'b' : 'a' }),
			async run(prepared) {
				events.push(`start ${prepared.index}`);
				await tick(prepared.index === 0 ? 30 : 5);
				events.push(`end ${prepared.index}`);
				return [{ json: { index: prepared.index } }];
			},
		};
		const handler = withSendPhases(operation, { serialKey: (prepared) => prepared.key });
		const ctx = context(3);
		await handler.execute.call(ctx, ctx.getInputData(), new KeepnetSession(ctx));
		// Item 1 (key b) runs while item 0 (key a) is still busy; item 2 (key a) starts only after item 0 ended.
		expect(events.indexOf('start 1')).toBeLessThan(events.indexOf('end 0'));
		expect(events.indexOf('start 2')).toBeGreaterThan(events.indexOf('end 0'));
	});

	it('without Continue On Fail, an item waiting for its key sends nothing once an earlier item failed; the error is that item\'s', async () => {
		const ran: number[] = [];
		const operation: ItemOperation<{ index: number }> = {
			kind: 'item',
			concurrent: true,
			prepare: (itemIndex) => ({ index: itemIndex }),
			async run(prepared) {
				ran.push(prepared.index);
				await tick(5);
				if (prepared.index === 0) throw new Error('item 0 refused');
				return [{ json: {} }];
			},
		};
		const handler = withSendPhases(operation, { serialKey: () => 'same' });
		const ctx = context(2);
		await expect(handler.execute.call(ctx, ctx.getInputData(), new KeepnetSession(ctx))).rejects.toThrow('item 0 refused');
		expect(ran).toEqual([0]);
	});

	it('with Continue On Fail, a refused item gets its error item and the next with its key still runs', async () => {
		const operation: ItemOperation<{ index: number }> = {
			kind: 'item',
			concurrent: true,
			identifyBy: [],
			prepare(itemIndex) {
				if (itemIndex === 0) throw new Error('bad row');
				return { index: itemIndex };
			},
			async run(prepared) {
				if (prepared.index === 1) throw new Error('item 1 refused');
				return [{ json: { index: prepared.index } }];
			},
		};
		const handler = withSendPhases(operation, { serialKey: () => 'same' });
		const ctx = context(3, { continueOnFail: true });
		const output = await handler.execute.call(ctx, ctx.getInputData(), new KeepnetSession(ctx));
		expect(output).toEqual([
			{ json: { error: 'bad row' }, pairedItem: { item: 0 } },
			{ json: { error: 'item 1 refused' }, pairedItem: { item: 1 } },
			{ json: { index: 2 }, pairedItem: { item: 2 } },
		]);
	});

	it('refuses a wrong Concurrency before preparing or sending anything', async () => {
		const before = jest.fn();
		const prepare = jest.fn(() => ({}));
		const handler = withSendPhases<object>({ kind: 'item', concurrent: true, prepare, run: async () => [] }, { beforeSending: before });
		const ctx = context(1, { concurrency: 0 });
		await expect(handler.execute.call(ctx, ctx.getInputData(), new KeepnetSession(ctx))).rejects.toThrow('Concurrency must be a whole number');
		expect(prepare).not.toHaveBeenCalled();
		expect(before).not.toHaveBeenCalled();
	});

	it('offers the Concurrency option exactly when the wrapped operation does', () => {
		const item = (concurrent: boolean): ItemOperation<object> => ({ kind: 'item', concurrent, prepare: () => ({}), run: async () => [] });
		expect(withSendPhases(item(true), {}).concurrent).toBe(true);
		expect(withSendPhases(item(false), {}).concurrent).toBe(false);
	});
});
