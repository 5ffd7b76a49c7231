#!/usr/bin/env bash
# The one test command (README: `npm test`; .ci/run calls it). On a fresh machine it installs what is
# needed, then runs every check and ends with the plain line `tests: N passed, M failed`.
# Stages: install, build, type-check, lint, n8n-node lint, jest (unit + integration against the Keepnet sandbox),
# end-to-end in a real n8n (headless workflows + editor in Chromium), end-to-end in n8n's queue mode.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
passed=0
failed=0

stage() { # stage NAME COMMAND... : a check that counts as one test
	local name=$1; shift
	echo "==> $name"
	if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

add_counts() { # add_counts FILE : reads "N passed, M failed" from the last such line of FILE
	local line
	line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then failed=$((failed + 1)); echo "FAILED: no result line in $1"; return; fi
	passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
	failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
}

if ! bash scripts/ensure-deps.sh; then
	echo "tests: 0 passed, 1 failed"
	exit 1
fi
stage "build" npm run --silent build
stage "type-check" npm run --silent typecheck
stage "lint" npm run --silent lint
stage "n8n-node lint (n8n's own CLI and default config, over the published sources)" bash scripts/n8n-node-lint.sh

echo "==> jest (unit and integration tests against the Keepnet sandbox)"
npx jest --ci --json --outputFile=test-results/jest.json 2>&1 | tee test-results/jest.log
node -e '
const r = require("./test-results/jest.json");
const broken = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed`);
' > test-results/jest-summary.txt 2>/dev/null || echo "jest: 0 passed, 1 failed" > test-results/jest-summary.txt
cat test-results/jest-summary.txt
add_counts test-results/jest-summary.txt

# A real n8n (installed on first use into ~/.cache/n8n-nodes-keepnet, about 5 minutes once) runs the example
# workflows headless and the editor in headless Chromium; the build above is reused.
echo "==> end-to-end tests in a real n8n"
KEEPNET_E2E_SKIP_BUILD=1 npm run --silent test:e2e 2>&1 | tee test-results/e2e.log
add_counts test-results/e2e.log

# Compatibility: the same end-to-end tests in the last n8n 1.x line (1.123.x, on Node 22; installed once too).
echo "==> end-to-end tests in n8n 1.123.x (compatibility)"
KEEPNET_E2E_SKIP_BUILD=1 KEEPNET_N8N_VERSION=1.123.x npm run --silent test:e2e 2>&1 | tee test-results/e2e-n8n-1.log
add_counts test-results/e2e-n8n-1.log

# Queue mode: PostgreSQL, Redis (Debian packages, installed when missing), an n8n main and two workers, all
# throwaway on loopback; the examples, binary data across workers, 20 x 500 concurrent onboarding, token renewals.
echo "==> end-to-end tests in n8n's queue mode (main + 2 workers, PostgreSQL, Redis)"
KEEPNET_E2E_SKIP_BUILD=1 npm run --silent test:e2e:queue 2>&1 | tee test-results/e2e-queue.log
add_counts test-results/e2e-queue.log

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
