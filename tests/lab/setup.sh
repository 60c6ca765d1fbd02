#!/bin/bash
# ShimScope real-runtime lab: setup.
#   - installs the Debian packages the lab needs
#   - builds the images (busybox hard-link, busybox symlink "alpine-like", optional Debian) without a registry
#   - starts containerd and dockerd by hand (PID 1 is not systemd on the lab VM)
#   - starts the capture: auditd by hand with a private config (ENRICHED), the /proc poller and a bpftrace
#     exec tracer. NO audit rules are loaded here: run-scenarios.sh loads them inside its own login session,
#     so every lab exec event is either in that session or below containerd/dockerd.
# Every pid it starts is written to $LAB/pids/<name>.pid; cleanup.sh stops them by those pids.
# Usage: sudo tests/lab/setup.sh            (env: LAB=/tmp/shimlab, NO_INSTALL=1, NO_DEBIAN=1, NO_BPFTRACE=1)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LAB=${LAB:-/tmp/shimlab}
mkdir -p "$LAB"/{pids,images,bundles,state,etc/plugins.d,out}
log() { printf '%s setup: %s\n' "$(date -u +%FT%T.%3NZ)" "$*" | tee -a "$LAB/setup.log"; }
alive() { [ -s "$LAB/pids/$1.pid" ] && kill -0 "$(cat "$LAB/pids/$1.pid")" 2>/dev/null; }

# ---------------------------------------------------------------- 1. packages
if [ "${NO_INSTALL:-0}" != 1 ]; then
  log "apt-get install"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    docker.io containerd runc crun podman conmon containernetworking-plugins catatonit uidmap \
    auditd bpftrace busybox-static debootstrap zip gcc libc6-dev >>"$LAB/apt.log" 2>&1 || { log "apt-get failed, see $LAB/apt.log"; exit 1; }
fi
dpkg-query -W -f='${Package}\t${Version}\n' docker.io containerd runc crun podman conmon auditd bpftrace busybox-static \
  > "$LAB/versions.txt" 2>/dev/null
uname -r >> "$LAB/versions.txt"

# ---------------------------------------------------------------- 2. binaries
cc -O2 -Wall -o "$LAB/poller" "$HERE/poller.c" || exit 1
gcc -O2 -static -o "$LAB/images/redtail" "$HERE/redtail.c" || exit 1

# ---------------------------------------------------------------- 3. rootfs images
mk_busybox_rootfs() { # $1 dir, $2 hard|sym
  local d=$1; rm -rf "$d"; mkdir -p "$d"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,proc,sys,dev,root,var/run}
  chmod 1777 "$d/tmp"
  cp /bin/busybox "$d/bin/busybox"
  for a in $(/bin/busybox --list-full); do
    [ "$a" = bin/busybox ] && continue
    if [ "$2" = hard ]; then ln -f "$d/bin/busybox" "$d/$a"; else ln -sf /bin/busybox "$d/$a"; fi
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$d/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$d/etc/group"
}
if [ ! -f "$LAB/images/busybox-hard.tar" ]; then
  log "building busybox rootfs (hard links) and alpine-like rootfs (symlinks)"
  mk_busybox_rootfs "$LAB/images/busybox-hard" hard
  mk_busybox_rootfs "$LAB/images/busybox-sym" sym
  tar -C "$LAB/images/busybox-hard" -cf "$LAB/images/busybox-hard.tar" .
  tar -C "$LAB/images/busybox-sym" -cf "$LAB/images/busybox-sym.tar" .
fi
if [ "${NO_DEBIAN:-0}" != 1 ] && [ ! -f "$LAB/images/debian.tar" ]; then
  if [ ! -x "$LAB/images/debian-rootfs/usr/bin/apt-get" ]; then
    log "debootstrap bookworm (minbase)"
    nice -n 10 debootstrap --variant=minbase bookworm "$LAB/images/debian-rootfs" http://deb.debian.org/debian \
      >"$LAB/images/debootstrap.log" 2>&1 || log "debootstrap failed (see $LAB/images/debootstrap.log)"
  fi
  [ -x "$LAB/images/debian-rootfs/usr/bin/apt-get" ] && tar -C "$LAB/images/debian-rootfs" -cf "$LAB/images/debian.tar" .
fi

# OCI bundles for plain runc / crun (rootfs is a host directory, cgroupsPath /shimlab/<id>)
mk_bundle() { # $1 name $2 rootfs-tar
  local b=$LAB/bundles/$1; rm -rf "$b"; mkdir -p "$b/rootfs"; tar -C "$b/rootfs" -xf "$2"
  cp "$LAB/images/redtail" "$b/rootfs/bin/redtail-src"
  (cd "$b" && runc spec) && python3 - "$b/config.json" "$1" <<'EOF'
import json, sys
p, name = sys.argv[1], sys.argv[2]
c = json.load(open(p))
c['process']['terminal'] = False
c['process']['args'] = ['sh', '-c', 'sleep 2; echo done']
c['root']['readonly'] = False
c['linux']['cgroupsPath'] = '/shimlab/' + name
json.dump(c, open(p, 'w'), indent=1)
EOF
}
for b in runc-bb crun-bb; do [ -f "$LAB/bundles/$b/config.json" ] || mk_bundle $b "$LAB/images/busybox-hard.tar"; done

# ---------------------------------------------------------------- 4. daemons
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
if ! alive containerd; then
  log "starting containerd"
  setsid containerd >"$LAB/containerd.out" 2>&1 < /dev/null & echo $! > "$LAB/pids/containerd.pid"
  for i in $(seq 50); do [ -S /run/containerd/containerd.sock ] && ctr version >/dev/null 2>&1 && break; sleep 0.2; done
fi
if ! alive dockerd; then
  log "starting dockerd"
  setsid /usr/sbin/dockerd --containerd=/run/containerd/containerd.sock >"$LAB/dockerd.out" 2>&1 < /dev/null &
  echo $! > "$LAB/pids/dockerd.pid"
  for i in $(seq 100); do /usr/bin/docker version >/dev/null 2>&1 && break; sleep 0.2; done
fi
/usr/bin/docker info 2>/dev/null | grep -E 'Storage Driver|Cgroup|Runtimes|Default Runtime|Init Binary|containerd version|runc version' > "$LAB/docker-info.txt"

# podman: private containers.conf (no systemd: cgroupfs manager, file events logger)
cat > "$LAB/etc/containers.conf" <<'EOF'
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_CONF=$LAB/etc/containers.conf

# ---------------------------------------------------------------- 5. images into every engine
D=/usr/bin/docker
imp() { # name tar
  $D image inspect "lab/$1" >/dev/null 2>&1 || $D import "$2" "lab/$1" >/dev/null
  podman image exists "localhost/lab/$1" 2>/dev/null || podman import -q "$2" "lab/$1" >/dev/null 2>>"$LAB/podman-import.err"
  if ! ctr -n lab images ls -q 2>/dev/null | grep -qx "docker.io/lab/$1:latest"; then
    $D save "lab/$1:latest" | ctr -n lab images import - >/dev/null 2>>"$LAB/ctr-import.err"
  fi
}
log "importing images"
imp busybox "$LAB/images/busybox-hard.tar"
imp alpinelike "$LAB/images/busybox-sym.tar"
[ -f "$LAB/images/debian.tar" ] && imp debian "$LAB/images/debian.tar"
$D images > "$LAB/images.txt"; podman images >> "$LAB/images.txt" 2>&1; ctr -n lab images ls >> "$LAB/images.txt" 2>&1

# ---------------------------------------------------------------- 6. capture: auditd, poller, bpftrace
[ -f "$LAB/audit-status.before" ] || auditctl -s > "$LAB/audit-status.before"   # the state before the FIRST setup run
sed -e "s#^log_file = .*#log_file = $LAB/audit.log#" -e 's#^log_format = .*#log_format = ENRICHED#' \
    -e 's#^max_log_file_action = .*#max_log_file_action = IGNORE#' -e 's#^max_log_file = .*#max_log_file = 500#' \
    -e "s#^plugin_dir = .*#plugin_dir = $LAB/etc/plugins.d#" -e 's#^name_format = .*#name_format = NONE#' \
    /etc/audit/auditd.conf > "$LAB/etc/auditd.conf"
grep -q '^plugin_dir' "$LAB/etc/auditd.conf" || echo "plugin_dir = $LAB/etc/plugins.d" >> "$LAB/etc/auditd.conf"
chmod 600 "$LAB/etc/auditd.conf"
if ! alive auditd; then
  auditctl -D >/dev/null
  auditctl -b 8192 --backlog_wait_time 60000 >/dev/null
  log "starting auditd"
  setsid /sbin/auditd -n -c "$LAB/etc" >"$LAB/auditd.out" 2>&1 < /dev/null & echo $! > "$LAB/pids/auditd.pid"
  sleep 1
fi
auditctl -s > "$LAB/audit-status.capture"
if ! alive poller; then
  log "starting poller"
  setsid "$LAB/poller" "$LAB/out/poller.tsv" 15 < /dev/null >/dev/null 2>&1 & echo $! > "$LAB/pids/poller.pid"
fi
if [ "${NO_BPFTRACE:-0}" != 1 ] && ! alive bpftrace; then
  mountpoint -q /sys/kernel/tracing || { mount -t tracefs nodev /sys/kernel/tracing && touch "$LAB/state/mounted-tracefs"; }
  log "starting bpftrace"
  setsid bpftrace -e 'tracepoint:syscalls:sys_enter_execve,tracepoint:syscalls:sys_enter_execveat {
      printf("%s\t%s\t%d\t%d\t%s\t%s\t", strftime("%Y-%m-%dT%H:%M:%S.%f", nsecs), probe, pid,
             curtask->real_parent->tgid, comm, str(args->filename)); join(args->argv); }' \
      > "$LAB/out/bpftrace.tsv" 2> "$LAB/out/bpftrace.err" < /dev/null & echo $! > "$LAB/pids/bpftrace.pid"
  sleep 3
fi
log "ready: $(for f in "$LAB"/pids/*.pid; do printf '%s=%s ' "$(basename "$f" .pid)" "$(cat "$f")"; done)"
