#!/bin/bash
# ShimScope lab: regenerate tests/data/lab/{main,podman,debian}/laurel.jsonl.gz by replaying each capture's
# audit.log.gz (auditd ENRICHED, as written) offline through laurel (Debian 12 package `laurel`, 0.5.x).
#
#   bash tests/lab/laurel-replay.sh            # all three captures
#   bash tests/lab/laurel-replay.sh podman     # only some
#
# laurel is an audisp plugin: it reads the audit text stream on stdin and writes JSON lines to the file named in
# its config. It parses the ENRICHED lines as they are (the part after the 0x1D byte becomes upper-case fields such
# as SYSCALL.ARCH / SYSCALL.SYSCALL / SYSCALL.AUID), so no stripping is done here.
# The config is private (temp dir, no privilege drop) and switches off everything that would read the *live*
# /proc of the replaying machine (enrich.pid, enrich.container, enrich.script, enrich.execve-env): for an offline
# replay those would describe this machine's processes, not the captured ones. No [translate] (user-db would read
# this machine's passwd), no labels, no filters, argv as an array (laurel's default).
# Checks: no parse errors, one JSON line per audit event, and laurel's execve/execveat SYSCALL count equals the raw
# count of `type=SYSCALL … syscall=59|322` lines. Needs root only to install laurel.
# Note: installing the package also drops /etc/audit/plugins.d/laurel.conf (active = yes) — harmless for the lab
# (setup.sh runs auditd with a private, empty plugin_dir) but a system auditd would spawn laurel.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$(cd "$HERE/../data/lab" && pwd)
CAPS=("$@")
[ ${#CAPS[@]} -gt 0 ] || CAPS=(main podman debian)

if ! command -v laurel >/dev/null 2>&1; then
  echo "laurel-replay: installing laurel" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y laurel >/dev/null || { apt-get update >/dev/null && apt-get install -y laurel >/dev/null; }
fi
VER=$(laurel --version 2>&1 | head -1)
case "$VER" in *0.5.*) ;; *) echo "laurel-replay: warning: expected laurel 0.5.x, got '$VER'" >&2 ;; esac

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for cap in "${CAPS[@]}"; do
  src="$DATA/$cap/audit.log.gz"
  [ -s "$src" ] || { echo "laurel-replay: missing $src" >&2; exit 1; }
  out="$TMP/$cap"; mkdir -p "$out"
  cat > "$TMP/$cap.toml" <<EOF
directory = "$out"
statusreport-period = 0

[auditlog]
file = "laurel.jsonl"
# large enough that laurel never rotates during a replay
size = 1000000000
generations = 1

[debug.parse-error-log]
file = "parse-error.log"
size = 1000000000
generations = 1

[transform]
execve-argv = [ "array" ]

[translate]
universal = false
user-db = false

[enrich]
pid = false
container = false
script = false
execve-env = [ ]
EOF
  laurel -c "$TMP/$cap.toml" -d >/dev/null
  zcat "$src" | laurel -c "$TMP/$cap.toml" 2>"$TMP/$cap.stderr" || { cat "$TMP/$cap.stderr" >&2; exit 1; }
  [ -s "$out/laurel.jsonl" ] || { echo "laurel-replay: $cap: no output" >&2; cat "$TMP/$cap.stderr" >&2; exit 1; }
  if [ -s "$out/parse-error.log" ]; then
    echo "laurel-replay: $cap: laurel parse errors:" >&2; head -20 "$out/parse-error.log" >&2; exit 1
  fi
  ls "$out" | grep -qv -x -e laurel.jsonl -e parse-error.log && { echo "laurel-replay: $cap: unexpected files (rotation?): $(ls "$out")" >&2; exit 1; }

  raw_events=$(zcat "$src" | grep -aoE '^type=[A-Z_0-9]+ msg=audit\([0-9.]+:[0-9]+\)' | sed 's/.*msg=//' | sort -u | wc -l)
  raw_exec=$(zcat "$src" | grep -a '^type=SYSCALL ' | grep -acE ' syscall=(59|322) ' || true)
  raw_execve=$(zcat "$src" | grep -ac '^type=EXECVE ' || true)
  l_events=$(wc -l < "$out/laurel.jsonl")
  l_exec=$(grep -acE '"SYSCALL":\{"arch":"[^"]*","syscall":(59|322),' "$out/laurel.jsonl" || true)
  l_execve=$(grep -ac '"EXECVE":{' "$out/laurel.jsonl" || true)
  echo "$cap: $VER; audit events $raw_events -> laurel lines $l_events; exec SYSCALLs raw $raw_exec laurel $l_exec;" \
       "EXECVE records raw $raw_execve laurel $l_execve"
  if [ "$raw_events" != "$l_events" ] || [ "$raw_exec" != "$l_exec" ] || [ "$raw_execve" != "$l_execve" ]; then
    echo "laurel-replay: $cap: count mismatch" >&2; exit 1
  fi
  gzip -9 -n -c "$out/laurel.jsonl" > "$DATA/$cap/laurel.jsonl.gz"
  echo "$cap: wrote $DATA/$cap/laurel.jsonl.gz ($(stat -c %s "$DATA/$cap/laurel.jsonl.gz") B, $(stat -c %s "$out/laurel.jsonl") B uncompressed)"
done
