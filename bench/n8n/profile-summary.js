// Summarises a V8 .cpuprofile: self time by function (top 30) and by package, to see where a node's time goes.
// Usage: node bench/n8n/profile-summary.js <file.cpuprofile> [under]
// With `under` (e.g. n8n-nodes-keepnet or HttpRequestV3), only samples whose stack has a frame from a file whose
// path contains it are counted: the node's own synchronous work and what it calls.
'use strict';
const { readFileSync } = require('node:fs');

const [file, under] = process.argv.slice(2);
if (!file) {
	process.stderr.write('Usage: node bench/n8n/profile-summary.js <file.cpuprofile> [filter]\n');
	process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const underCache = new Map();
const isUnder = (id) => {
	if (!under) return true;
	if (underCache.has(id)) return underCache.get(id);
	const node = byId.get(id);
	const result = node.callFrame.url.includes(under) || (parentOf.has(id) && isUnder(parentOf.get(id)));
	underCache.set(id, result);
	return result;
};
const selfMs = new Map();
const intervals = profile.timeDeltas;
for (let index = 0; index < profile.samples.length; index++) {
	const id = profile.samples[index];
	if (!isUnder(id)) continue;
	selfMs.set(id, (selfMs.get(id) ?? 0) + (intervals[index] ?? 0) / 1000);
}
const byFunction = new Map();
const byPackage = new Map();
for (const [id, ms] of selfMs) {
	const frame = byId.get(id).callFrame;
	const url = frame.url || '(native)';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node' : url === '(native)' ? frame.functionName || '(native)' : url);
	const name = `${frame.functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '')}:${frame.lineNumber + 1}`;
	byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
	byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
}
const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
const print = (title, map, count) => {
	process.stdout.write(`\n${title} (total ${total.toFixed(0)} ms sampled)\n`);
	for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) process.stdout.write(`${ms.toFixed(0).padStart(7)} ms  ${name}\n`);
};
print('Self time by package', byPackage, 20);
print('Self time by function', byFunction, 30);
