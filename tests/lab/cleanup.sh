#!/bin/bash
# ShimScope lab: stop everything setup.sh / run-scenarios.sh started (BY PID), remove rules and network leftovers,
# restore the kernel audit settings saved by setup.sh.   Usage: cleanup.sh    (PURGE=1 also deletes $LAB)
set -u
LAB=${LAB:-/tmp/shimlab}
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export CONTAINERS_CONF=$LAB/etc/containers.conf
log() { printf '%s cleanup: %s\n' "$(date -u +%FT%T.%3NZ)" "$*" | tee -a "$LAB/cleanup.log"; }
stopbypid() { # name [signal]
  local f=$LAB/pids/$1.pid; [ -s "$f" ] || return 0; local p; p=$(cat "$f")
  if kill -0 "$p" 2>/dev/null; then
    log "stopping $1 pid $p"; kill -"${2:-TERM}" "$p"
    for i in $(seq 75); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$p" 2>/dev/null && { log "$1 pid $p still alive, SIGKILL"; kill -KILL "$p"; }
  fi
  rm -f "$f"; }

for f in "$LAB"/pids/run-*.pid; do [ -f "$f" ] && stopbypid "$(basename "$f" .pid)"; done
stopbypid bpftrace; stopbypid poller; stopbypid auditd
auditctl -D >/dev/null 2>&1 && log "audit rules deleted"

# lab containers (names start with lab-)
if [ -s "$LAB/pids/dockerd.pid" ] && kill -0 "$(cat "$LAB/pids/dockerd.pid")" 2>/dev/null; then
  ids=$(docker ps -aq --filter name=lab-); [ -n "$ids" ] && docker rm -f $ids >/dev/null
fi
for c in $(podman ps -aq --filter name=lab- 2>/dev/null); do podman rm -f "$c" >/dev/null 2>&1; done
for c in $(ctr -n lab c ls -q 2>/dev/null); do ctr -n lab task kill -s KILL "$c" >/dev/null 2>&1; sleep 0.3
  ctr -n lab task rm -f "$c" >/dev/null 2>&1; ctr -n lab c rm "$c" >/dev/null 2>&1; done
for c in $(runc --root "$LAB/state/runc" list -q 2>/dev/null); do runc --root "$LAB/state/runc" delete -f "$c"; done

stopbypid dockerd; stopbypid containerd
# shims / conmons that outlive their daemons: find them by argv, stop them by pid
for p in $(ps -eo pid=,args= | awk '$2 ~ /containerd-shim|conmon/ {print $1}'); do
  log "stopping leftover $(ps -o args= -p "$p" | cut -c1-60) pid $p"; kill -TERM "$p" 2>/dev/null; done

# kernel audit settings
if [ -f "$LAB/audit-status.before" ]; then
  en=$(awk '$1=="enabled"{print $2}' "$LAB/audit-status.before")
  bl=$(awk '$1=="backlog_limit"{print $2}' "$LAB/audit-status.before")
  bw=$(awk '$1=="backlog_wait_time"{print $2}' "$LAB/audit-status.before")
  auditctl -b "$bl" --backlog_wait_time "$bw" >/dev/null; auditctl -e "$en" >/dev/null
  log "kernel audit restored: enabled=$en backlog_limit=$bl backlog_wait_time=$bw"
fi

# network leftovers of dockerd and podman/CNI
for l in docker0 cni-podman0; do ip link show "$l" >/dev/null 2>&1 && ip link delete "$l" && log "deleted link $l"; done
for ipt in iptables ip6tables; do
  for t in filter nat; do
    chains=$($ipt -t $t -S 2>/dev/null | awk '$1=="-N" && ($2 ~ /^DOCKER/ || $2 ~ /^CNI-/) {print $2}')
    if [ -z "$chains" ]; then
      $ipt -t $t -S 2>/dev/null | grep -E '^-A (FORWARD|INPUT|OUTPUT|PREROUTING|POSTROUTING) .*(docker0|cni-podman0)' | sed 's/^-A /-D /' | while read -r rule; do eval "$ipt -t $t $rule"; done
      continue
    fi
    # drop jumps to those chains from the built-in chains, then flush and delete them
    $ipt -t $t -S | grep -E -- '-j (DOCKER|CNI-)' | grep -E '^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) ' |
      sed 's/^-A /-D /' | while read -r rule; do eval "$ipt -t $t $rule"; done
    $ipt -t $t -S POSTROUTING 2>/dev/null | grep -E '172\.17\.|10\.88\.' | sed 's/^-A /-D /' | while read -r rule; do eval "$ipt -t $t $rule"; done
    $ipt -t $t -S 2>/dev/null | grep -E '^-A (FORWARD|INPUT|OUTPUT|PREROUTING|POSTROUTING) .*(docker0|cni-podman0)' | sed 's/^-A /-D /' | while read -r rule; do eval "$ipt -t $t $rule"; done
    for c in $chains; do $ipt -t $t -F "$c" 2>/dev/null; done
    for c in $chains; do $ipt -t $t -X "$c" 2>/dev/null; done
    log "$ipt -t $t: removed chains $(echo $chains | tr '\n' ' ')"
  done
done
if [ -f "$LAB/state/mounted-tracefs" ]; then umount /sys/kernel/tracing && rm -f "$LAB/state/mounted-tracefs" && log "unmounted tracefs"; fi
auditctl -s | tr '\n' ' ' | sed 's/^/audit now: /'; echo
[ "${PURGE:-0}" = 1 ] && rm -rf "$LAB"
