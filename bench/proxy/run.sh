#!/usr/bin/env bash
# The web gateway benchmark (issue #3). Installs nothing: checks the peers are present and
# says how to get them, then runs bench/proxy/run.ts (options pass through, e.g. --runs 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
missing=()
for tool in wrk:wrk e2guardian:/usr/sbin/e2guardian squid:/usr/sbin/squid squidguard:/usr/bin/squidGuard openssl:openssl; do
  package=${tool%%:*} binary=${tool#*:}
  command -v "$binary" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "missing: ${missing[*]}" >&2
  echo "install them with (as root): apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 2
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "run as root: squid and e2guardian start as root and drop to their own users" >&2
  exit 2
fi
for service in squid e2guardian; do
  # The packages start system services where systemd runs; they would compete for the CPU.
  if pgrep -x "$service" >/dev/null; then echo "note: a system $service is running (it takes CPU from the run)" >&2; fi
done
exec node --import tsx bench/proxy/run.ts "$@"
