'use strict';
/*
 * Preloaded (NODE_OPTIONS=--require) into the n8n CLI commands the end-to-end harness runs (`n8n execute`,
 * `n8n import:*`, `n8n list:*`), never into `n8n start` or a worker.
 *
 * Why: n8n 2.x evaluates expressions in isolated-vm isolates from a pool (@n8n/expression-runtime). Taking an
 * isolate from the pool starts building its replacement on an isolated-vm thread. `n8n execute` ends through
 * BaseCommand.finally(), which calls process.exit() without Expression.disposeExpressionEngine() (only the
 * exitSuccessfully() path disposes it). When the replacement isolate is still running JavaScript at that moment,
 * Node tears the V8 platform down under it and the process dies with SIGSEGV after having printed the whole run.
 * docs/compatibility.md has the stack traces and the measured rates.
 *
 * What this does: the first process.exit() waits (at most DISPOSE_TIMEOUT_MS) for the same disposal n8n's own
 * exitSuccessfully() performs, then exits with the code it was asked for. Nothing else changes: the run, its
 * output and its exit code are n8n's own.
 */
const path = require('node:path');

const DISPOSE_TIMEOUT_MS = 10_000;
/**
 * isolated-vm tears a disposed isolate down on its own thread after dispose() has returned; exiting in that moment
 * crashed about 3 runs in 100 (measured with disposal alone, docs/compatibility.md). A short wait lets it finish.
 */
const SETTLE_AFTER_DISPOSAL_MS = 250;
const exitNow = process.exit.bind(process);
let disposalStarted = false;

/** n8n-workflow as n8n itself resolved it (same module instance, so the same expression engine). */
function loadN8nWorkflow() {
	// process.argv[1] is n8n's bin script (require.main is not set: n8n's entry point is loaded as a module).
	const entry = process.argv[1];
	if (!entry) return undefined;
	try {
		return require(require.resolve('n8n-workflow', { paths: [path.dirname(entry)] }));
	} catch {
		return undefined;
	}
}

process.exit = function exitAfterDisposingExpressionEngine(code) {
	if (disposalStarted) return exitNow(code);
	disposalStarted = true;
	const expression = loadN8nWorkflow()?.Expression;
	if (!expression || typeof expression.disposeExpressionEngine !== 'function') return exitNow(code);
	const exitCode = code ?? process.exitCode;
	const fallback = setTimeout(() => exitNow(exitCode), DISPOSE_TIMEOUT_MS);
	Promise.resolve()
		.then(() => expression.disposeExpressionEngine())
		.catch(() => undefined)
		.then(() => new Promise((resolve) => setTimeout(resolve, SETTLE_AFTER_DISPOSAL_MS)))
		.finally(() => {
			clearTimeout(fallback);
			exitNow(exitCode);
		});
	// Unlike the real process.exit(), this returns to its caller. In the commands it is loaded into, every call is
	// the last statement of its path, or is followed by an error that ends in process.exit() again (exits at once).
	return undefined;
};
