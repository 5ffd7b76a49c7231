#!/usr/bin/env bash
# `n8n-node lint` (n8n's own node CLI, @n8n/node-cli) over exactly what is published, with n8n's own default
# eslint config, as n8n's verification guidelines ask. The package.json has "strict": true, under which the CLI
# insists on its default eslint.config.mjs; that config lints every *.ts below the folder, so it runs in a staging
# folder holding only the published sources (nodes/, credentials/, package.json, tsconfig.json). The project's
# own `npm run lint` (eslint.config.mjs) applies the same rule sets to the same files and stays as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
stage=$(mktemp -d "${TMPDIR:-/tmp}/keepnet-n8n-node-lint-XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp -r nodes credentials package.json tsconfig.json "$stage/"
cp node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs "$stage/eslint.config.mjs"
ln -s "$PWD/node_modules" "$stage/node_modules"
cd "$stage"
# CI=true: no interactive prompts; the CLI's own exit code is the result.
CI=true ./node_modules/.bin/n8n-node lint
