#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server and Redis are installed, for n8n's queue mode (the queue e2e tests and
# `KEEPNET_N8N_MODE=queue npm start`). Nothing is started or enabled as a system service here: the project's
# scripts run throwaway instances on loopback (scripts/n8n/lib/queue.ts).
# Prints two lines on stdout: the PostgreSQL bin folder (initdb, pg_ctl, postgres) and the redis-server path.
set -euo pipefail

find_postgres_bin() {
	local dir
	# The newest installed major version (Debian bookworm ships 15).
	for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
			printf '%s\n' "$dir"
			return 0
		fi
	done
	return 1
}

find_redis() {
	command -v redis-server 2>/dev/null || { [[ -x /usr/bin/redis-server ]] && printf '%s\n' /usr/bin/redis-server; }
}

missing=()
find_postgres_bin >/dev/null || missing+=(postgresql)
find_redis >/dev/null || missing+=(redis-server)

if [[ ${#missing[@]} -gt 0 ]]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "ensure-services: ${missing[*]} missing and there is no apt-get to install them" >&2
		exit 1
	fi
	sudo_prefix=()
	if [[ "$(id -u)" != "0" ]]; then
		if command -v sudo >/dev/null 2>&1; then sudo_prefix=(sudo -n); else
			echo "ensure-services: installing ${missing[*]} needs root (apt-get install ${missing[*]})" >&2
			exit 1
		fi
	fi
	echo "ensure-services: installing Debian's ${missing[*]} (apt-get update && apt-get install ${missing[*]})..." >&2
	"${sudo_prefix[@]}" apt-get update -qq >&2
	# policy-rc.d: a package's post-install must not start a system-wide server on the default ports (5432, 6379);
	# the tests start their own throwaway instances. Only written when none exists, and removed again.
	policy_written=false
	if [[ "$(id -u)" == "0" && ! -e /usr/sbin/policy-rc.d ]]; then
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		policy_written=true
	fi
	status=0
	DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || status=$?
	if [[ "$policy_written" == true ]]; then rm -f /usr/sbin/policy-rc.d; fi
	if [[ $status -ne 0 ]]; then
		echo "ensure-services: apt-get install ${missing[*]} failed (exit $status)" >&2
		exit 1
	fi
fi

postgres_bin=$(find_postgres_bin) || { echo "ensure-services: no initdb/pg_ctl/postgres under /usr/lib/postgresql/*/bin after install" >&2; exit 1; }
redis_server=$(find_redis) || { echo "ensure-services: redis-server missing after install" >&2; exit 1; }
printf '%s\n%s\n' "$postgres_bin" "$redis_server"
