#!/bin/bash
# ShimScope real-runtime lab: run the scenarios while auditd/poller/bpftrace (started by setup.sh) record.
# The script is one "login session": it sets its loginuid to 0 first (like pam_loginuid on an SSH login), so
# every process it starts carries auid=0 and one ses=N; it loads the exec audit rules inside that session
# and deletes them at the end. Each scenario is a named step; its start/end UTC times go to the timeline.
# Usage: run-scenarios.sh [CAPTURE_NAME] [scenario letters...]     e.g.  run-scenarios.sh main a b c
#        default: main a b c d e f g h i j        (k = Debian apt-get inside a container, run separately)
set -u
LAB=${LAB:-/tmp/shimlab}
CAP=${1:-main}; shift || true
SCEN=${*:-a b c d e f g h i j}
OUT=$LAB/out/$CAP; mkdir -p "$OUT/snap" "$OUT/ids"
[ -e "$OUT/timeline.tsv" ] && { echo "capture $CAP already exists in $OUT" >&2; exit 1; }
echo "$CAP" > "$LAB/cur-capture"      # collect.sh moves the live capture files only for this capture
echo $$ > "$LAB/pids/run-$CAP.pid"
TL=$OUT/timeline.tsv
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export CONTAINERS_CONF=$LAB/etc/containers.conf
D=/usr/bin/docker
RUNC_ROOT=$LAB/state/runc          # state dir for plain runc
CRUN_ROOT=$LAB/state/crun
PODU="--ulimit nofile=1024:1024 --ulimit nproc=4096:4096"   # podman's default rlimits are refused in this VM
cd "$LAB/state" || exit 1

now() { date -u +%FT%T.%6NZ; }
CUR=-
begin() { CUR=$1; shift; printf '%s\tbegin\t%s\t%s\n' "$(now)" "$CUR" "$*" >> "$TL"; echo "== $CUR: $*"; }
note()  { printf '%s\tnote\t%s\t%s\n' "$(now)" "$CUR" "$*" >> "$TL"; }
end()   { printf '%s\tend\t%s\t-\n' "$(now)" "$CUR" >> "$TL"; CUR=-; }
rec()   { # rec <label> <cmd...>: run, note the command and its exit code
  local l=$1; shift; note "$l: $*"; "$@"; local rc=$?; note "$l: exit $rc"; return $rc; }
dids()  { # record docker container ids (full) + state pid
  $D inspect --format '{{.Id}}	{{.Name}}	{{.State.Pid}}	{{.RestartCount}}	{{.HostConfig.Runtime}}	{{.Path}} {{json .Args}}' "$@" >> "$OUT/ids/docker.tsv" 2>/dev/null; }
snap() { # snapshot of processes and runtime state, as a live-response collector would take it
  local s=$OUT/snap/$(date -u +%H%M%S)-$1; mkdir -p "$s"
  ps -eo pid,ppid,user,lstart,args > "$s/ps-eo.txt"
  ps auxww > "$s/ps-auxww.txt"
  $D ps -a --no-trunc > "$s/docker-ps-a.txt" 2>&1
  podman ps -a --no-trunc > "$s/podman-ps-a.txt" 2>&1
  { echo "# runc --root /run/docker/runtime-runc/moby list"; runc --root /run/docker/runtime-runc/moby list
    echo "# runc --root /run/containerd/runc/lab list"; runc --root /run/containerd/runc/lab list
    echo "# runc list (podman, /run/runc)"; runc list
    echo "# runc --root $RUNC_ROOT list"; runc --root "$RUNC_ROOT" list
    echo "# crun --root $CRUN_ROOT list"; crun --root "$CRUN_ROOT" list; } > "$s/runc-list.txt" 2>&1
  { echo "# ctr -n lab c ls"; ctr -n lab c ls; echo "# ctr -n lab t ls"; ctr -n lab t ls
    echo "# ctr -n moby c ls"; ctr -n moby c ls; echo "# ctr -n moby t ls"; ctr -n moby t ls; } > "$s/ctr-ls.txt" 2>&1
  note "snapshot $s"
}
mkbundle() { # mkbundle <name> <args...>: bundle dir whose rootfs is the shared busybox rootfs on the host disk
  local b=$LAB/bundles/run-$1; mkdir -p "$b"; shift
  python3 - "$LAB/bundles/runc-bb/config.json" "$b/config.json" "$LAB/bundles/runc-bb/rootfs" "$(basename "$b")" "$@" <<'EOF'
import json, sys
src, dst, rootfs, name, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
c = json.load(open(src)); c['process']['args'] = args; c['root']['path'] = rootfs
c['linux']['cgroupsPath'] = '/shimlab/' + name
json.dump(c, open(dst, 'w'), indent=1)
EOF
  echo "$b"
}

# ------------------------------------------------------------------ session + rules
echo 0 > /proc/self/loginuid
begin session "login session: shell pid $$ loginuid=$(cat /proc/self/loginuid) sessionid=$(cat /proc/self/sessionid)"
echo "$$" > "$OUT/session.pid"; cat /proc/self/sessionid > "$OUT/session.ses"
auditctl -a always,exit -F arch=b64 -S execve,execveat -k exec
auditctl -a always,exit -F arch=b32 -S execve,execveat -k exec
auditctl -l > "$OUT/audit-rules.txt"
note "rules loaded"
end
sleep 1

# ------------------------------------------------------------------ (a) host noise
sc_a() {
  begin a-host "ordinary host commands, cron-like script, failed execs, suspicious-looking pipeline"
  ls -la /etc > /dev/null; id; uname -a; ps -ef > /dev/null; cat /etc/os-release > /dev/null
  ps -eo comm | grep -v '^kworker' | awk '{print toupper($1)}' | sort | uniq -c | sort -rn | head -n 3
  cat > "$LAB/state/nightly-cleanup.sh" <<'EOF'
#!/bin/sh
# cron-like housekeeping job
date
find /var/log -maxdepth 1 -name '*.log' -mtime +30 -print
df -h / | tail -n 1
tar czf /tmp/shimlab-etc-backup.tgz -C /etc hostname os-release 2>/dev/null
rm -f /tmp/shimlab-etc-backup.tgz
EOF
  chmod 755 "$LAB/state/nightly-cleanup.sh"
  rec cron /bin/sh -c "cd / && $LAB/state/nightly-cleanup.sh >/dev/null 2>&1"
  printf '#!/bin/sh\necho no\n' > "$LAB/state/notexec.sh"; chmod 644 "$LAB/state/notexec.sh"
  rec enoent "$LAB/state/no-such-binary" --version
  rec eacces "$LAB/state/notexec.sh"
  rec pathsearch env definitely-not-a-command
  sleep 1
  note "suspicious-looking host pipeline (benign): echo aWQ7IHVuYW1lIC1h | base64 -d | sh"
  echo aWQ7IHVuYW1lIC1h | base64 -d | sh
  note "host curl-less download-and-run look-alike: sh -c 'cat /etc/hostname | base64 | base64 -d'"
  sh -c 'cat /etc/hostname | base64 | base64 -d'
  end
}

# ------------------------------------------------------------------ (b) docker run -d + exec variants
sc_b() {
  begin b-docker-exec "docker run -d + docker exec (-it via script, no tty, -u nobody, -d)"
  rec run $D run -d --name lab-web lab/busybox sh -c 'while true; do sleep 3; done'; dids lab-web
  sleep 2
  rec exec $D exec lab-web sh -c 'id; ls /; sleep 1'
  rec exec-it script -q -c "$D exec -it lab-web sh -c 'id; tty; sleep 1; ls /'" /dev/null
  rec exec-it-interactive sh -c "printf 'id\nsleep 1\nexit\n' | script -q -c '$D exec -it lab-web sh' /dev/null"
  rec exec-nobody $D exec -u nobody lab-web sh -c 'id; sleep 1'
  rec exec-d $D exec -d lab-web sh -c 'sleep 2; echo detached'
  sleep 3
  snap b
  end
}

# ------------------------------------------------------------------ (c) /.redtail as "systemd"
sc_c() {
  begin c-redtail "static program copied to /.redtail in a container, run with argv[0]=systemd"
  rec run $D run -d --name lab-alp lab/alpinelike sh -c 'while true; do sleep 4; done'; dids lab-alp
  sleep 1
  rec cp $D cp "$LAB/images/redtail" lab-alp:/.redtail
  rec exec-redtail $D exec lab-alp sh -c 'exec -a systemd /.redtail'
  note "busybox copied to /.redtail2 and run as systemd (busybox refuses: applet not found)"
  rec exec-bb-systemd $D exec lab-alp sh -c 'cp /bin/busybox /.redtail2 && exec -a systemd /.redtail2 sleep 1'
  rec exec-d-redtail $D exec -d lab-web sh -c 'cp /bin/busybox /tmp/x 2>/dev/null; exit 0'
  rec cp2 $D cp "$LAB/images/redtail" lab-web:/.redtail
  rec exec-d-redtail2 $D exec -d lab-web /bin/sh -c 'exec -a systemd /.redtail'
  sleep 5
  snap c
  end
}

# ------------------------------------------------------------------ (d) entrypoint pipes base64 into sh
sc_d() {
  begin d-b64-entrypoint "container entrypoint: echo <b64> | base64 -d | sh"
  rec run $D run --name lab-b64 lab/alpinelike sh -c 'echo aWQ7IHVuYW1lIC1hOyBzbGVlcCAx | base64 -d | sh'
  dids lab-b64; $D rm lab-b64 > /dev/null
  end
}

# ------------------------------------------------------------------ (e) docker run --init
sc_e() {
  begin e-docker-init "docker run --init (docker-init as pid 1)"
  rec run $D run -d --init --name lab-init lab/busybox sh -c 'sleep 2 & sleep 3; wait; echo end'; dids lab-init
  sleep 1; snap e; sleep 3
  $D rm -f lab-init > /dev/null
  end
}

# ------------------------------------------------------------------ (f) plain runc
sc_f() {
  begin f-runc "runc run (foreground), runc create + start (detached), runc exec"
  local b; b=$(mkbundle lab-runc-fg sh -c 'sleep 2; echo fg-done')
  rec run-fg runc --root "$RUNC_ROOT" run -b "$b" lab-runc-fg < /dev/null
  b=$(mkbundle lab-runc-bg sh -c 'while true; do sleep 3; done')
  rec create runc --root "$RUNC_ROOT" create -b "$b" --pid-file "$OUT/ids/lab-runc-bg.pid" lab-runc-bg \
      < /dev/null > "$OUT/ids/lab-runc-bg.out" 2>&1
  sleep 1
  rec start runc --root "$RUNC_ROOT" start lab-runc-bg
  sleep 1
  rec exec runc --root "$RUNC_ROOT" exec lab-runc-bg sh -c 'id; sleep 1'
  rec exec-d runc --root "$RUNC_ROOT" exec -d lab-runc-bg sh -c 'sleep 2'
  runc --root "$RUNC_ROOT" state lab-runc-bg > "$OUT/ids/lab-runc-bg.state.json" 2>&1
  sleep 2; snap f
  rec kill runc --root "$RUNC_ROOT" kill lab-runc-bg KILL
  sleep 1
  rec delete runc --root "$RUNC_ROOT" delete -f lab-runc-bg
  end
}

# ------------------------------------------------------------------ (g) crun
sc_g() {
  begin g-crun "crun run (foreground) -- fails in this VM: cgroup v1 + hugetlb on the v2 hierarchy (hybrid)"
  local b; b=$(mkbundle lab-crun-fg sh -c 'sleep 2; echo crun-done')
  rec run crun --root "$CRUN_ROOT" run -b "$b" lab-crun-fg < /dev/null
  rec run-nocg crun --root "$CRUN_ROOT" --cgroup-manager=disabled run -b "$b" lab-crun-fg2 < /dev/null
  crun --root "$CRUN_ROOT" delete -f lab-crun-fg >/dev/null 2>&1; crun --root "$CRUN_ROOT" delete -f lab-crun-fg2 >/dev/null 2>&1
  end
}

# ------------------------------------------------------------------ (h) podman (conmon)
sc_h() {
  begin h-podman "podman run -d / exec / run --rm (conmon + runc; crun attempt fails)"
  rec run podman run -d $PODU --runtime runc --name lab-pod lab/busybox sh -c 'while true; do sleep 3; done'
  podman inspect --format '{{.Id}}	{{.Name}}	{{.State.Pid}}	{{.State.ConmonPid}}	{{.OCIRuntime}}' lab-pod >> "$OUT/ids/podman.tsv"
  sleep 2
  rec exec podman exec lab-pod sh -c 'id; sleep 1'
  rec exec-it script -q -c "podman exec -it lab-pod sh -c 'id; tty; sleep 1'" /dev/null
  rec exec-d podman exec -d lab-pod sh -c 'sleep 2'
  rec run-rm podman run --rm $PODU --runtime runc --name lab-pod-rm lab/alpinelike sh -c 'echo aWQK | base64 -d | sh; sleep 1'
  rec run-crun podman run --rm $PODU --runtime crun --name lab-pod-crun lab/busybox sh -c 'echo hi'
  sleep 2; snap h
  podman inspect --format '{{.Id}}	{{.Name}}	{{.State.Pid}}	{{.State.ConmonPid}}	{{.OCIRuntime}}' lab-pod >> "$OUT/ids/podman.tsv"
  rec stop podman stop -t 1 lab-pod
  podman ps -a --no-trunc --format '{{.ID}}	{{.Names}}	{{.Status}}' >> "$OUT/ids/podman-all.tsv" 2>&1
  podman rm -f --ignore lab-pod lab-pod-crun lab-pod-rm > /dev/null 2>&1
  end
}

# ------------------------------------------------------------------ (i) ctr (shim v2, runc.v1 shim, legacy v1 shim)
sc_i() {
  begin i-ctr "ctr run (shim v2), --runtime io.containerd.runc.v1, io.containerd.runtime.v1.linux; docker on the v1 shim"
  local img=docker.io/lab/busybox:latest
  rec run-v2 ctr -n lab run -d $img lab-ctr-v2 sh -c 'while true; do sleep 3; done'
  sleep 1
  rec exec ctr -n lab task exec --exec-id lab-e1 lab-ctr-v2 sh -c 'id; sleep 1'
  rec run-runcv1 ctr -n lab run -d --runtime io.containerd.runc.v1 $img lab-ctr-runcv1 sh -c 'sleep 4'
  rec run-legacy ctr -n lab run -d --runtime io.containerd.runtime.v1.linux $img lab-ctr-legacy sh -c 'sleep 4'
  rec docker-legacy $D run -d --runtime io.containerd.runtime.v1.linux --name lab-dock-v1 lab/busybox sh -c 'sleep 2; sleep 2'
  dids lab-dock-v1
  sleep 2; snap i
  rec exec-legacy ctr -n lab task exec --exec-id lab-e2 lab-ctr-legacy sh -c 'sleep 1'
  sleep 2
  for c in lab-ctr-v2 lab-ctr-runcv1 lab-ctr-legacy; do
    ctr -n lab task kill -s KILL $c > /dev/null 2>&1; sleep 0.5; ctr -n lab task rm -f $c > /dev/null 2>&1
    ctr -n lab c rm $c > /dev/null 2>&1
  done
  $D rm -f lab-dock-v1 > /dev/null
  end
}

# ------------------------------------------------------------------ (j) several at once; restarts
sc_j() {
  begin j-multi-restart "3 containers started at once; --restart=on-failure; docker restart by hand"
  rec run-m1 $D run -d --name lab-m1 lab/busybox sh -c 'while true; do sleep 2; done' &
  rec run-m2 $D run -d --name lab-m2 lab/alpinelike sh -c 'while true; do sleep 2; done' &
  rec run-m3 $D run -d --name lab-m3 lab/busybox sh -c 'i=0; while [ $i -lt 4 ]; do sleep 1; i=$((i+1)); done; sleep 30' &
  wait
  dids lab-m1 lab-m2 lab-m3
  rec run-flaky $D run -d --restart=on-failure:2 --name lab-flaky lab/busybox sh -c 'sleep 1; echo failing; exit 3'
  sleep 6
  dids lab-flaky
  rec exec-m2 $D exec lab-m2 sh -c 'id; sleep 1'
  rec restart-m1 $D restart -t 1 lab-m1
  dids lab-m1
  sleep 2; snap j
  $D rm -f lab-m1 lab-m2 lab-m3 lab-flaky > /dev/null
  end
}

# ------------------------------------------------------------------ (k) Debian image, host network, apt-get
sc_k() {
  begin k-debian-apt "Debian image, --network host: apt-get update && apt-get install -y docker.io"
  rec run $D run --name lab-deb --network host lab/debian sh -c \
    'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io && docker --version'
  dids lab-deb; snap k
  $D rm lab-deb > /dev/null
  end
}

for s in $SCEN; do "sc_$s"; sleep 1; done

# ------------------------------------------------------------------ cleanup of long-running lab containers, end of session
begin teardown "stop remaining lab containers; delete audit rules"
snap final
$D rm -f lab-web lab-alp > /dev/null 2>&1
sleep 1
auditctl -D
note "rules deleted"
end
