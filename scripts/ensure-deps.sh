#!/usr/bin/env bash
# Installs the project's dev dependencies when they are missing or older than package-lock.json.
# Everything a fresh machine needs comes from here (npm ci honours .npmrc: ignore-scripts=true).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.keepnet-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
	echo "==> Installing dev dependencies (npm ci)…"
	npm ci --no-audit --no-fund
	echo "$want" > "$stamp"
fi
