/**
 * The Keepnet node class from its TypeScript source. Under ts-node, Node's own resolver would turn
 * '../nodes/Keepnet/Keepnet.node' into the codex file Keepnet.node.json that sits beside the source
 * (.json is tried before any registered extension), so the source file is required by its full name.
 * Jest is unaffected: it tries .ts first.
 */
import type { Keepnet as KeepnetNode } from '../nodes/Keepnet/Keepnet.node';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const source = require('../nodes/Keepnet/Keepnet.node.ts') as { Keepnet: typeof KeepnetNode };

export const Keepnet = source.Keepnet;
export type Keepnet = KeepnetNode;
