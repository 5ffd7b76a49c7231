#!/usr/bin/env bash
# Installs the project's dev dependencies when they are missing or older than package-lock.json.
# Everything a fresh machine needs comes from here (npm ci honours .npmrc: ignore-scripts=true).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.keepnet-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
	echo "==> Installing dev dependencies (npm ci)…"
	# Said before npm prints it, so nobody takes it for a failure.
	echo "    Expected: npm warns 'EBADENGINE' for isolated-vm (it wants Node >= 22). It comes with n8n-workflow, is never"
	echo "    built or loaded here (.npmrc ignore-scripts=true), and the n8n that npm start runs brings its own Node 24."
	npm ci --no-audit --no-fund
	echo "$want" > "$stamp"
fi
