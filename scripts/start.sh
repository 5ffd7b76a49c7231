#!/usr/bin/env bash
# `npm start`: build this package and run it in a real n8n, wired to the local Keepnet sandbox (or to a real
# Keepnet account when KEEPNET_BASE_URL, KEEPNET_CLIENT_ID and KEEPNET_CLIENT_SECRET are set).
# The first run also installs n8n (a few minutes, once); see scripts/n8n/start.ts for every setting.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Dev dependencies: installed when missing or when package-lock.json changed (the project's one install path).
bash scripts/ensure-deps.sh

echo "[keepnet-start] building the package (npm run build)..."
npm run --silent build

# exec: the launcher gets Ctrl-C directly and stops n8n and the sandbox it started.
exec node_modules/.bin/ts-node --transpile-only -P tsconfig.dev.json scripts/n8n/start.ts "$@"
