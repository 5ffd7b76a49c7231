/**
 * The package's source files and the imports between them, read from the text (no compiler): what the layout rules
 * in layout.test.ts check. Paths are repository-relative with forward slashes, e.g. `nodes/Keepnet/transport/request.ts`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';

export const REPOSITORY_ROOT = resolve(__dirname, '../..');

/** Every .ts file under `folder` (repository-relative), sorted. */
export function sourceFiles(folder: string): string[] {
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) return walk(path);
			return path.endsWith('.ts') ? [path] : [];
		});
	return walk(join(REPOSITORY_ROOT, folder))
		.map((path) => relative(REPOSITORY_ROOT, path).split('\\').join('/'))
		.sort();
}

/** The code of a source file without its comments (string contents such as 'https://x' are kept). */
export function codeOf(source: string): string {
	return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const IMPORT_SPECIFIERS = [
	/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/gm, // import x from './a', import type …, export { x } from './a'
	/^\s*import\s+['"](\.[^'"]+)['"]/gm, // import './a'
	/\b(?:import|require)\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g, // import('./a'), require('./a')
];

/** The repository-relative files `file` imports through relative paths (type-only imports included). */
export function importsOf(file: string, source = readFileSync(join(REPOSITORY_ROOT, file), 'utf8')): string[] {
	const code = codeOf(source);
	const targets = new Set<string>();
	for (const pattern of IMPORT_SPECIFIERS) {
		for (const match of code.matchAll(pattern)) {
			const base = posix.normalize(posix.join(posix.dirname(file), match[1]));
			const target = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => candidate.endsWith('.ts') && existsSync(join(REPOSITORY_ROOT, candidate)));
			if (target !== undefined) targets.add(target);
		}
	}
	return [...targets].sort();
}

export type ImportGraph = Map<string, string[]>;

export function importGraph(files: string[]): ImportGraph {
	return new Map(files.map((file) => [file, importsOf(file)]));
}

/**
 * Every import cycle, one per strongly connected component (Tarjan), as a path that starts and ends at the same
 * file, e.g. ['a.ts', 'b.ts', 'a.ts']. A file importing itself is a cycle too.
 */
export function importCycles(graph: ImportGraph): string[][] {
	let next = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	const visit = (file: string): void => {
		index.set(file, next);
		low.set(file, next++);
		stack.push(file);
		onStack.add(file);
		for (const target of graph.get(file) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(file, Math.min(low.get(file)!, low.get(target)!));
			} else if (onStack.has(target)) {
				low.set(file, Math.min(low.get(file)!, index.get(target)!));
			}
		}
		if (low.get(file) === index.get(file)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== file);
			if (component.length > 1 || (graph.get(file) ?? []).includes(file)) components.push(component.sort());
		}
	};
	for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
	return components.map((component) => cyclePath(graph, component));
}

/** A shortest cycle through the component's first file, staying inside the component (breadth-first). */
function cyclePath(graph: ImportGraph, component: string[]): string[] {
	const members = new Set(component);
	const start = component[0];
	const previous = new Map<string, string>();
	const queue = [start];
	while (queue.length > 0) {
		const file = queue.shift()!;
		for (const target of graph.get(file) ?? []) {
			if (!members.has(target)) continue;
			if (target === start) return [start, ...pathFrom(start, file, previous), start];
			if (!previous.has(target)) {
				previous.set(target, file);
				queue.push(target);
			}
		}
	}
	return [...component, start];
}

/** The files after `start` up to `end` along `previous`. */
function pathFrom(start: string, end: string, previous: Map<string, string>): string[] {
	const path: string[] = [];
	for (let step: string | undefined = end; step !== undefined && step !== start; step = previous.get(step)) path.unshift(step);
	return path;
}
