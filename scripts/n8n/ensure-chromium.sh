#!/usr/bin/env bash
# Makes sure Debian's chromium is installed (for the editor end-to-end test, driven by playwright-core).
# Never lets a test tool download a browser of its own: that fails on these machines.
# Prints the browser's path on stdout.
set -euo pipefail

chromium_path="${KEEPNET_CHROMIUM:-/usr/bin/chromium}"
if [[ -x "$chromium_path" ]]; then
	printf '%s\n' "$chromium_path"
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "ensure-chromium: $chromium_path is missing and there is no apt-get to install it; set KEEPNET_CHROMIUM to a Chromium binary" >&2
	exit 1
fi
sudo_prefix=()
if [[ "$(id -u)" != "0" ]]; then
	if command -v sudo >/dev/null 2>&1; then sudo_prefix=(sudo -n); else
		echo "ensure-chromium: installing chromium needs root (apt-get install chromium)" >&2
		exit 1
	fi
fi
echo "ensure-chromium: installing Debian's chromium (apt-get update && apt-get install chromium)..." >&2
"${sudo_prefix[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends chromium >&2
if [[ ! -x /usr/bin/chromium ]]; then
	echo "ensure-chromium: apt-get finished but /usr/bin/chromium is missing" >&2
	exit 1
fi
printf '%s\n' /usr/bin/chromium
