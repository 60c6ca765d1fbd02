#!/bin/bash
# ShimScope lab: end one capture and build its fixtures.
#   collect.sh CAPTURE_NAME [DEST]     DEST default: <repo>/tests/data/lab/CAPTURE_NAME
# 1. waits for run-scenarios.sh (pids/run-CAPTURE.pid) to finish
# 2. stops bpftrace, the poller and auditd BY PID (pid files written by setup.sh) and moves their output to
#    $LAB/out/CAPTURE/raw/  (containerd/dockerd keep running: cleanup.sh stops them)
# 3. make_truth.py: removes foreign events, writes truth.tsv, removed-events.tsv, snapshots, zip bundles
# 4. compresses the fixtures into DEST
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LAB=${LAB:-/tmp/shimlab}
CAP=${1:?capture name}
DEST=${2:-$HERE/../data/lab/$CAP}
O=$LAB/out/$CAP
stopbypid() { local f=$LAB/pids/$1.pid; [ -s "$f" ] || return 0; local p; p=$(cat "$f")
  if kill -0 "$p" 2>/dev/null; then kill -TERM "$p"; for i in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done; fi
  rm -f "$f"; }
if [ -f "$O/raw/audit.log" ]; then
  echo "collect: $O/raw already holds this capture: only rebuilding the fixtures"
else
  # the live capture files belong to whichever capture run-scenarios.sh started last
  if [ "$(cat "$LAB/cur-capture" 2>/dev/null)" != "$CAP" ]; then
    echo "collect: the running capture is '$(cat "$LAB/cur-capture" 2>/dev/null)', not '$CAP': refusing" >&2; exit 1
  fi
  if [ -s "$LAB/pids/run-$CAP.pid" ]; then
    p=$(cat "$LAB/pids/run-$CAP.pid"); while kill -0 "$p" 2>/dev/null; do sleep 1; done; rm -f "$LAB/pids/run-$CAP.pid"
  fi
  sleep 2
  mkdir -p "$O/capture-pids"
  for n in auditd poller bpftrace containerd dockerd; do [ -s "$LAB/pids/$n.pid" ] && cp "$LAB/pids/$n.pid" "$O/capture-pids/"; done
  stopbypid bpftrace; stopbypid poller; stopbypid auditd
  mkdir -p "$O/raw"
  mv "$LAB/audit.log" "$O/raw/audit.log"
  mv "$LAB/out/poller.tsv" "$O/raw/poller.tsv"
  [ -f "$LAB/out/bpftrace.tsv" ] && mv "$LAB/out/bpftrace.tsv" "$O/raw/bpftrace.tsv"
  rm -f "$LAB/cur-capture"
  auditctl -s > "$O/audit-status.after"
fi
rm -rf "$O/fixture"
BUNDLES=${BUNDLES:-} python3 "$HERE/make_truth.py" "$O" "$O/raw/audit.log" "$O/raw/poller.tsv" "$O/raw/bpftrace.tsv" "$O/fixture" || exit 1
mkdir -p "$DEST"; rm -rf "$DEST"/*
F=$O/fixture
gzip -9 -n -c "$F/audit.log" > "$DEST/audit.log.gz"
gzip -9 -n -c "$F/poller.tsv" > "$DEST/poller.tsv.gz"
[ -f "$F/bpftrace.tsv" ] && gzip -9 -n -c "$F/bpftrace.tsv" > "$DEST/bpftrace.tsv.gz"
gzip -9 -n -c "$F/truth.tsv" > "$DEST/truth.tsv.gz"
gzip -9 -n -c "$F/removed-events.tsv" > "$DEST/removed-events.tsv.gz"
cp "$F/stats.json" "$O/timeline.tsv" "$O/audit-rules.txt" "$DEST/"
cp "$LAB/versions.txt" "$LAB/docker-info.txt" "$DEST/" 2>/dev/null
(cd "$F" && tar --sort=name --owner=0 --group=0 --mtime=@0 -czf "$DEST/snapshots.tar.gz" snap)
(cd "$O" && tar --sort=name --owner=0 --group=0 --mtime=@0 -czf "$DEST/runtime-ids.tar.gz" ids)
for z in "$F"/bundle-*.zip; do [ -f "$z" ] && cp "$z" "$DEST/" && gzip -9 -n -c "${z%.zip}.truth.tsv" > "$DEST/$(basename "${z%.zip}").truth.tsv.gz"; done
ls -la "$DEST"
