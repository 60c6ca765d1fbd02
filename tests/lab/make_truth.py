#!/usr/bin/env python3
"""ShimScope lab: filter one capture and build its ground truth.

Inputs (all written during the capture):
  raw audit log (ENRICHED), poller TSV (poller.c), bpftrace TSV, timeline.tsv, session.ses,
  containerd/dockerd pids, ids/*.tsv (docker/podman inspect), snapshots (ctr c ls for runtimes).
Outputs (into OUTDIR):
  audit.log            the raw log minus whole events that are not the lab's own (byte-identical lines)
  removed-events.tsv   every removed serial with its pid/ppid/auid/comm/exe/argv and why
  truth.tsv            one row per exec SYSCALL (execve/execveat) kept
  poller.tsv, bpftrace.tsv   the same files minus rows of removed pids
Truth is taken from the kernel's view, never from ShimScope code:
  location = host iff the process ran in the host's mount AND pid namespace (poller: /proc/<pid>/ns/{mnt,pid});
  container id from the cgroup path (/docker/<id>, /libpod_parent/libpod-<id>, /<ctr ns>/<id>, /shimlab/<id>).
  certain  = the poller saw this pid after the exec with exactly the exec's argv;
  inferred = otherwise (short-lived or failed exec); 'how' says which rule was used.
Which events are the lab's own:
  - every event of the scenario login session (ses from session.ses), and
  - events with auid unset whose ancestry (audit ppid + poller ppid) reaches containerd or dockerd (started
    by setup.sh before the capture), or that the poller saw in a non-host namespace / container cgroup,
  - non-SYSCALL records (DAEMON_*, CONFIG_CHANGE, LOGIN of the session, ANOM_PROMISCUOUS) are kept.
Everything else (other sessions' commands, the operator's own tool runner) is removed as whole events.
"""
import os, re, sys, bisect, collections, json, glob

LAB_OUT, RAW, POLLER, BPF, OUTDIR, HOSTMNT_OVERRIDE = (sys.argv[1:6] + [None])[:6]
os.makedirs(OUTDIR, exist_ok=True)
PIDS = os.path.join(os.path.dirname(os.path.dirname(LAB_OUT.rstrip('/'))), 'pids')

def rdpid(n):
    # the capture's own copy first (collect.sh saves it), then the live pid files of setup.sh
    for d in (os.path.join(LAB_OUT, 'capture-pids'), PIDS):
        try: return int(open(os.path.join(d, n + '.pid')).read().split()[0])
        except Exception: pass
    return None
DAEMONS = {p for p in (rdpid('containerd'), rdpid('dockerd')) if p}
SES = open(os.path.join(LAB_OUT, 'session.ses')).read().strip()
SESSION_PID = int(open(os.path.join(LAB_OUT, 'session.pid')).read().strip())

# ---------------------------------------------------------------- audit log
MSG = re.compile(r'msg=audit\((\d+)\.(\d+):(\d+)\)')
events = collections.OrderedDict()      # serial -> list of (lineno, rawline)
order = []
lines = open(RAW, 'rb').read().split(b'\n')
if lines and lines[-1] == b'': lines.pop()
line_serial = []
for i, b in enumerate(lines):
    s = b.decode('utf-8', 'surrogateescape')
    m = MSG.search(s)
    # an event is identified by timestamp AND serial: auditd's own DAEMON_* records use a separate counter that
    # can collide with kernel serials
    ser = (m.group(1) + '.' + m.group(2), int(m.group(3))) if m else None
    line_serial.append(ser)
    if ser is not None:
        if ser not in events: events[ser] = []; order.append(ser)
        events[ser].append(s.split('\x1d')[0])

def kv(rec):
    d = {}
    for m in re.finditer(r'(\S+?)=("[^"]*"|\S+)', rec):
        d.setdefault(m.group(1), m.group(2))
    return d

def unhex(v):
    if v.startswith('"') and v.endswith('"'): return v[1:-1]
    if v == '(null)': return ''
    try: return bytes.fromhex(v).decode('utf-8', 'surrogateescape')
    except ValueError: return v

execs = []   # dicts
ev_meta = {}
for ser in order:
    recs = events[ser]
    t = None; sysc = None; exe_args = None; path0 = None; types = []
    for r in recs:
        ty = r.split(' ', 1)[0][5:]
        types.append(ty)
        m = MSG.search(r); t = float(m.group(1) + '.' + m.group(2))
        if ty == 'SYSCALL': sysc = kv(r)
        elif ty == 'EXECVE':
            d = kv(r); argc = int(d.get('argc', '0')); args = []
            for k in range(argc):
                if 'a%d' % k in d: args.append(unhex(d['a%d' % k]))
                else:  # a1_len=N a1[0]=.. a1[1]=..
                    parts = []; j = 0
                    while 'a%d[%d]' % (k, j) in d: parts.append(unhex(d['a%d[%d]' % (k, j)])); j += 1
                    args.append(''.join(parts))
            exe_args = args
        elif ty == 'PATH':
            d = kv(r)
            if d.get('item') == '0': path0 = d
    ev_meta[ser] = {'t': t, 'types': types, 'sys': sysc}
    if sysc and sysc.get('syscall') in ('59', '322', '11', '358'):
        e = {'serial': ser, 't': t, 'pid': int(sysc['pid']), 'ppid': int(sysc['ppid']),
             'auid': sysc.get('auid'), 'ses': sysc.get('ses'), 'comm': unhex(sysc.get('comm', '""')),
             'exe': unhex(sysc.get('exe', '""')), 'success': sysc.get('success'), 'exit': sysc.get('exit'),
             'syscall': sysc.get('syscall'), 'argv': exe_args,
             'dev': path0.get('dev') if path0 else None, 'pathname': unhex(path0.get('name', '""')) if path0 else None}
        execs.append(e)

# ---------------------------------------------------------------- poller
def pdec(s):
    return re.sub(r'%([0-9A-F]{2})', lambda m: chr(int(m.group(1), 16)), s)
obs = collections.defaultdict(list)    # pid -> list of obs (sorted by t)
hostmnt = hostpid = None
poll_rows = []
for ln in open(POLLER, encoding='utf-8', errors='surrogateescape'):
    if ln.startswith('# shimscope'):
        m = re.search(r'host_mntns=(\S+) host_pidns=(\S+)', ln); hostmnt, hostpid = m.group(1), m.group(2)
        poll_rows.append((None, ln)); continue
    if ln.startswith('#'): poll_rows.append((None, ln)); continue
    f = ln.rstrip('\n').split('\t')
    if len(f) < 12: continue
    if f[7] == '-' or f[8] == '-': continue   # namespaces unreadable (process exited mid-read): no evidence
    o = {'t': float(f[0]), 'ev': f[1], 'pid': int(f[2]), 'ppid': int(f[3]), 'start': f[4], 'comm': pdec(f[5]),
         'exe': pdec(f[6]), 'mnt': f[7], 'pidns': f[8], 'nspid': f[9], 'cg': pdec(f[10]),
         'argv': [pdec(a) for a in f[11].split(' ')] if f[11] != '-' else None}
    obs[o['pid']].append(o)
    poll_rows.append((o['pid'], ln))

def poller_parent(pid, t):
    best = None
    for o in obs.get(pid, []):
        if o['t'] <= t + 0.05: best = o
    return best['ppid'] if best else None

# ---------------------------------------------------------------- which events are ours
by_pid_exec = collections.defaultdict(list)
for e in execs: by_pid_exec[e['pid']].append(e)
def audit_parent(pid, t):
    best = None
    for e in by_pid_exec.get(pid, []):
        if e['t'] <= t + 0.001: best = e
    return best['ppid'] if best else None

def in_container_obs(o):
    if o['mnt'] == '-' or o['pidns'] == '-': return False     # process vanished while the poller read it
    return o['mnt'] != hostmnt or o['pidns'] != hostpid
def reaches_daemon(pid, ppid, t):
    if pid in DAEMONS or pid == SESSION_PID: return True
    seen = set(); cur = ppid; hops = 0
    while cur and cur not in seen and hops < 60:
        if cur in DAEMONS: return True
        if cur == SESSION_PID: return True
        seen.add(cur); hops += 1
        nxt = audit_parent(cur, t)
        if nxt is None: nxt = poller_parent(cur, t)
        if nxt is None or nxt in (0, 1): return False
        cur = nxt
    return False

def rdpids(d):
    r = set()
    for fn in glob.glob(os.path.join(d, '*.pid')):
        try: r.add(int(open(fn).read().split()[0]))
        except Exception: pass
    return r
CAPTURE_TOOLS = rdpids(os.path.join(LAB_OUT, 'capture-pids')) - DAEMONS
if not DAEMONS: sys.exit('make_truth: containerd/dockerd pids unknown (capture-pids/ and pids/ lack them)')   # auditd, poller, bpftrace
session_begin = None
for ln in open(os.path.join(LAB_OUT, 'timeline.tsv')):
    f = ln.split('\t')
    if f[1] == 'begin' and f[2] == 'session':
        import datetime as _dt
        session_begin = _dt.datetime.strptime(f[0], '%Y-%m-%dT%H:%M:%S.%fZ').replace(tzinfo=_dt.timezone.utc).timestamp() - 0.5
        break

def classify(ser, t, s):
    """None = keep, else the reason for removing the whole event"""
    pid, ppid, ses, auid = int(s['pid']), int(s['ppid']), s.get('ses'), s.get('auid')
    if pid in CAPTURE_TOOLS: return None
    if session_begin and t < session_begin:
        return 'before the lab session began (operator setup/testing)'
    if ses == SES: return None
    if auid == '4294967295':
        if reaches_daemon(pid, ppid, t): return None
        if any(in_container_obs(o) for o in obs.get(pid, []) if o['t'] >= t - 0.01 and o['t'] < t + 2): return None
        return 'auid unset and ancestry does not reach containerd/dockerd (pids %s) nor the session' % sorted(DAEMONS)
    return 'other session (ses=%s, lab session is %s)' % (ses, SES)

keep = set(); removed = []
for ser, m in ev_meta.items():
    s = m['sys']
    if not s: continue        # records without SYSCALL (DAEMON_*, CONFIG_CHANGE, LOGIN, ANOM_*) are always kept
    why = classify(ser, m['t'], s)
    if why is None: keep.add(ser); continue
    removed.append(({'serial': ser, 't': m['t'], 'pid': int(s['pid']), 'ppid': int(s['ppid']), 'auid': s.get('auid'),
                     'ses': s.get('ses'), 'comm': unhex(s.get('comm', '""')), 'exe': unhex(s.get('exe', '""')),
                     'argv': next((e['argv'] for e in execs if e['serial'] == ser), None), 'syscall': s.get('syscall'),
                     'types': ','.join(sorted(set(m['types'])))}, why))
removed_serials = {e['serial'] for e, _ in removed}

with open(os.path.join(OUTDIR, 'audit.log'), 'wb') as f:
    n_removed_lines = 0
    for b, ser in zip(lines, line_serial):
        if ser in removed_serials: n_removed_lines += 1; continue
        f.write(b + b'\n')
with open(os.path.join(OUTDIR, 'removed-events.tsv'), 'w') as f:
    f.write('serial\ttime\trecord_types\tsyscall\tpid\tppid\tauid\tses\tcomm\texe\targv\twhy\n')
    for e, why in sorted(removed, key=lambda x: x[0]['serial']):
        f.write('%d\t%.3f\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n' % (e['serial'][1], e['t'], e['types'], e['syscall'], e['pid'], e['ppid'], e['auid'], e['ses'],
                e['comm'], e['exe'], ' '.join(e['argv'] or [])[:200].replace('\t', ' ').replace('\n', ' '), why))
foreign_pids = {e['pid'] for e, _ in removed}
kept_pids = {e['pid'] for e in execs if e['serial'] in keep}
foreign_only = foreign_pids - kept_pids
with open(os.path.join(OUTDIR, 'poller.tsv'), 'w', encoding='utf-8', errors='surrogateescape') as f:
    for pid, ln in poll_rows:
        if pid is not None and pid in foreign_only: continue
        f.write(ln)
if BPF and os.path.exists(BPF):
    with open(BPF, encoding='utf-8', errors='surrogateescape') as fi, open(os.path.join(OUTDIR, 'bpftrace.tsv'), 'w', encoding='utf-8', errors='surrogateescape') as f:
        for ln in fi:
            p = ln.split('\t')
            if len(p) > 3 and p[2].isdigit() and int(p[2]) in foreign_only: continue
            f.write(ln)

# ---------------------------------------------------------------- timeline -> scenario
import datetime
steps = []
for ln in open(os.path.join(LAB_OUT, 'timeline.tsv')):
    f = ln.rstrip('\n').split('\t')
    ts = datetime.datetime.strptime(f[0], '%Y-%m-%dT%H:%M:%S.%fZ').replace(tzinfo=datetime.timezone.utc).timestamp()
    if f[1] == 'begin': steps.append([f[2], ts, None])
    elif f[1] == 'end':
        for s in reversed(steps):
            if s[0] == f[2] and s[2] is None: s[2] = ts; break
def scenario_of(t):
    # audit stamps use the coarse realtime clock (up to one tick, 4 ms, behind CLOCK_REALTIME): allow 5 ms
    prev = None
    for name, b, e in steps:
        if b - 0.005 <= t <= (e or 1e12) + 0.005: return name
        if b <= t: prev = name
    return 'idle-after-' + prev if prev else 'before-session'

# ---------------------------------------------------------------- container ids and runtimes
runtime_of = {}
for ln in open(os.path.join(LAB_OUT, 'ids', 'docker.tsv')) if os.path.exists(os.path.join(LAB_OUT, 'ids', 'docker.tsv')) else []:
    f = ln.rstrip('\n').split('\t')
    rt = f[4] if len(f) > 4 else 'runc'
    runtime_of[f[0]] = 'docker(%s)' % ('containerd-shim v1' if 'v1.linux' in rt else 'shim-runc-v2')
for ln in open(os.path.join(LAB_OUT, 'ids', 'podman.tsv')) if os.path.exists(os.path.join(LAB_OUT, 'ids', 'podman.tsv')) else []:
    f = ln.rstrip('\n').split('\t'); runtime_of[f[0]] = 'podman(conmon+%s)' % (f[4] if len(f) > 4 else '?')
for fn in glob.glob(os.path.join(LAB_OUT, 'snap', '*', 'ctr-ls.txt')):
    ns = None
    for ln in open(fn):
        if ln.startswith('# ctr -n '): ns = ln.split()[3]; kind = ln.split()[4]; continue
        f = ln.split()
        if ns == 'lab' and kind == 'c' and len(f) >= 3 and f[0] != 'CONTAINER':
            runtime_of[f[0]] = 'ctr(%s)' % f[2]

# docker ids/names from the snapshots (docker ps -a --no-trunc) and the docker run commands in the timeline
docker_names = {}
for fn in glob.glob(os.path.join(LAB_OUT, 'snap', '*', 'docker-ps-a.txt')):
    for ln in open(fn):
        f = ln.split()
        if f and re.fullmatch(r'[0-9a-f]{64}', f[0]): docker_names[f[0]] = f[-1]
legacy_names = set(re.findall(r'--runtime io\.containerd\.runtime\.v1\.linux --name (\S+)', open(os.path.join(LAB_OUT, 'timeline.tsv')).read()))
for cid, name in docker_names.items():
    if cid not in runtime_of:
        runtime_of[cid] = 'docker(%s)' % ('containerd-shim v1' if name in legacy_names else 'shim-runc-v2')

def seen_in_state(cid):
    """cross-check: the id appears in the runtime state recorded during the run"""
    state = [f for f in glob.glob(os.path.join(LAB_OUT, 'snap', '*', '*.txt')) if not os.path.basename(f).startswith('ps-')]
    psf = [f for f in glob.glob(os.path.join(LAB_OUT, 'snap', '*', '*.txt')) if os.path.basename(f).startswith('ps-')]
    for fn in sorted(state) + sorted(glob.glob(os.path.join(LAB_OUT, 'ids', '*'))) + sorted(psf):
        if cid in open(fn, errors='replace').read(): return os.path.relpath(fn, LAB_OUT)
    return None

def cid_from_cg(cg):
    for pat, rt in ((r'/docker/([0-9a-f]{64})', 'docker'), (r'libpod-([0-9a-f]{64})', 'podman'),
                    (r'^/shimlab/run-(.+)$', 'runc'), (r'^/lab/(.+)$', 'ctr'), (r'^/moby/([0-9a-f]{64})', 'docker')):
        m = re.search(pat, cg or '')
        if m:
            cid = m.group(1)
            return cid, runtime_of.get(cid, {'runc': 'runc(plain)', 'ctr': 'ctr'}.get(rt, rt))
    return None, None

RUNTIME_EXES = ('runc', 'crun', 'conmon', 'containerd-shim', 'containerd-shim-runc-v1', 'containerd-shim-runc-v2',
                'containerd', 'dockerd', 'docker-init', 'docker-proxy', 'libnetwork-setkey')
def plumbing(e):
    b = os.path.basename(e['exe'] or '')
    if b in ('runc', 'crun', 'conmon', 'containerd-shim', 'containerd-shim-runc-v1', 'containerd-shim-runc-v2', 'dockerd', 'containerd'):
        return b
    if e['exe'] == '/' and e['comm'] in ('runc', 'crun'): return e['comm'] + '(memfd)'
    return None

def obs_loc(o):
    host = o['mnt'] == hostmnt and o['pidns'] == hostpid
    cid, rt = cid_from_cg(o['cg'])
    return host, cid, rt

# certain rows first (to learn dev -> container)
rows = {}
dev_map = collections.defaultdict(list)   # dev -> [(t, cid, rt)]
host_devs = collections.Counter()
def next_exec_t(e):
    later = [x['t'] for x in by_pid_exec[e['pid']] if x['t'] > e['t'] and x['argv'] != e['argv']]
    return min(later) if later else 1e18
for e in execs:
    if e['serial'] not in keep: continue
    if e['success'] != 'yes' or not e['argv']: continue
    lim = next_exec_t(e)
    for o in obs.get(e['pid'], []):
        if e['t'] - 0.02 <= o['t'] < lim + 0.02 and o['argv'] is not None and (o['argv'] == e['argv'] or
                (len(' '.join(e['argv'])) > 3000 and ' '.join(o['argv']).startswith(' '.join(e['argv'])[:3000]))):
            host, cid, rt = obs_loc(o)
            how = 'poller %.3fs after exec: %s %s cgroup=%s nspid=%s' % (o['t'] - e['t'], o['mnt'], o['pidns'], o['cg'], o['nspid'])
            if plumbing(e) and not host:
                # the runtime binary exec'd on the host and joined the container later (setns) - location at exec time is host
                how = 'runtime binary (exec precedes setns); ' + how
                host = True
            rows[e['serial']] = (host, cid if not host else None, rt if not host else (plumbing(e) or '-'), 'certain', how)
            if not host and cid: dev_map[e['dev']].append((e['t'], cid, rt))
            if host: host_devs[e['dev']] += 1
            break
HOSTDEV = host_devs.most_common(1)[0][0] if host_devs else None

def last_obs(pid, t):
    best = None
    for o in obs.get(pid, []):
        if o['t'] <= t + 0.03: best = o
    return best
def runtime_target(pe):
    """container named by a runtime front-end's argv (runc/crun run|exec ... <id>)"""
    a = pe['argv'] or []
    if os.path.basename(pe['exe'] or '') in ('runc', 'crun') and any(x in a for x in ('run', 'exec', 'start')):
        return a[-1] if not a[-1].startswith('-') else None
    return None

def same_process_obs(pid, t):
    """observation of the process (pid + starttime) that made the exec at t: the first one seen at/after t,
    else the last one seen before t. A process's pid namespace never changes, so its pidns at any time
    is its pidns at exec time."""
    os_ = obs.get(pid, [])
    after = [o for o in os_ if t - 0.02 <= o['t'] <= t + 5]
    if after: return after[0]
    before = [o for o in os_ if t - 5 <= o['t'] < t - 0.02]
    return before[-1] if before else None

for e in execs:
    if e['serial'] not in keep or e['serial'] in rows: continue
    if plumbing(e):
        rows[e['serial']] = (True, None, plumbing(e), 'inferred', 'runtime binary exec (runs on the host); not seen by the poller with this argv'); continue
    so = same_process_obs(e['pid'], e['t'])
    if so is not None:
        if so['pidns'] != hostpid:
            host, cid, rt = obs_loc(so)
            rows[e['serial']] = (False, cid, rt, 'inferred', 'same process (pid %d, starttime %s) seen by the poller %.3fs from the exec in a non-host pid ns %s (a process never changes pid ns) cgroup=%s; comm then %s' % (e['pid'], so['start'], so['t'] - e['t'], so['pidns'], so['cg'], so['comm'])); continue
        if so['mnt'] == hostmnt:
            rows[e['serial']] = (True, None, '-', 'inferred', 'same process (pid %d, starttime %s) seen by the poller %.3fs from the exec in the host pid+mnt ns; comm then %s' % (e['pid'], so['start'], so['t'] - e['t'], so['comm'])); continue
    if e['success'] != 'yes':
        o = last_obs(e['pid'], e['t']); via = 'the calling pid'
        if o is None:
            prev = [x for x in by_pid_exec.get(e['pid'], []) if x['t'] <= e['t'] and x['serial'] != e['serial'] and x['serial'] in rows]
            if prev:
                ph, pc, pr, _, _ = rows[prev[-1]['serial']]
                rows[e['serial']] = (ph, pc, pr, 'inferred', 'failed exec (%s): same location as this pid\'s own earlier exec, serial %d' % (e['exit'], prev[-1]['serial'][1]))
                continue
        if o is None:
            pprev = [x for x in by_pid_exec.get(e['ppid'], []) if x['t'] <= e['t'] and x['serial'] in rows]
            if pprev and last_obs(e['ppid'], e['t']) is None:
                ph, pc, pr, _, _ = rows[pprev[-1]['serial']]
                rows[e['serial']] = (ph, pc, pr, 'inferred', 'failed exec (%s): the caller forked from parent %d, located by the parent\'s exec serial %d' % (e['exit'], e['ppid'], pprev[-1]['serial'][1]))
                continue
        if o is None and e['ppid'] not in (0, 1):
            o = last_obs(e['ppid'], e['t']); via = 'the parent %d (the caller forked from it and never exec\'d)' % e['ppid']
        if o:
            host, cid, rt = obs_loc(o)
            rows[e['serial']] = (host, cid, rt if not host else '-', 'inferred', 'failed exec (%s): location of %s, poller %.3fs before: %s %s cgroup=%s' % (e['exit'], via, e['t'] - o['t'], o['mnt'], o['pidns'], o['cg']))
            continue
    if plumbing(e):
        rows[e['serial']] = (True, None, plumbing(e), 'inferred', 'runtime binary exec (runs on the host); not seen by the poller with this argv'); continue
    po = last_obs(e['ppid'], e['t'])
    if po and not (po['mnt'] == hostmnt and po['pidns'] == hostpid) and os.path.basename(po['exe'] or '') not in RUNTIME_EXES:
        host, cid, rt = obs_loc(po)
        rows[e['serial']] = (False, cid, rt, 'inferred', 'parent %d seen in container ns by the poller (%s %s cgroup=%s)' % (e['ppid'], po['mnt'], po['pidns'], po['cg'])); continue
    if e['dev'] and e['dev'] != HOSTDEV and dev_map.get(e['dev']):
        cand = min(dev_map[e['dev']], key=lambda x: abs(x[0] - e['t']))
        if abs(cand[0] - e['t']) < 120:
            rows[e['serial']] = (False, cand[1], cand[2], 'inferred', 'PATH dev=%s = overlay rootfs of %s (certain exec %.1fs away)' % (e['dev'], cand[1], cand[0] - e['t'])); continue
    pe = [x for x in by_pid_exec.get(e['ppid'], []) if x['t'] <= e['t']]
    if pe and runtime_target(pe[-1]) and os.path.basename(e['exe']) not in ('runc', 'crun'):
        tgt = runtime_target(pe[-1])
        rows[e['serial']] = (False, tgt, 'runc(plain)' if 'runc' in pe[-1]['exe'] else 'crun(plain)', 'inferred',
                             'parent is `%s` naming container %s; PATH dev=%s (bundle rootfs on host disk)' % (' '.join(pe[-1]['argv'][:1] + pe[-1]['argv'][-2:]), tgt, e['dev'])); continue
    if po and (po['mnt'] == hostmnt and po['pidns'] == hostpid) and e['dev'] == HOSTDEV:
        rows[e['serial']] = (True, None, '-', 'inferred', 'parent %d on host (poller) and PATH dev=%s is the host root device' % (e['ppid'], e['dev'])); continue
    if e['dev'] == HOSTDEV:
        rows[e['serial']] = (True, None, '-', 'inferred', 'PATH dev=%s is the host root device; parent not seen by the poller' % e['dev']); continue
    rows[e['serial']] = (None, None, '-', 'inferred', 'UNRESOLVED: not seen, parent not seen, dev=%s' % e['dev'])

with open(os.path.join(OUTDIR, 'truth.tsv'), 'w', encoding='utf-8', errors='surrogateescape') as f:
    f.write('serial\ttime\tpid\tppid\texe\targv0\tsuccess\tlocation\tcontainer_id\truntime\tscenario\tcertainty\thow\n')
    for e in execs:
        if e['serial'] not in keep: continue
        host, cid, rt, cert, how = rows[e['serial']]
        loc = 'host' if host else ('container' if host is False else 'unknown')
        a0 = (e['argv'][0] if e['argv'] else '-').replace('\t', ' ').replace('\n', ' ')
        f.write('%d\t%.3f\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' % (e['serial'][1], e['t'], e['pid'], e['ppid'], e['exe'], a0,
                e['success'], loc, cid or '-', rt or '-', scenario_of(e['t']), cert, how.replace('\t', ' ')))
xcheck = {}
for ser, r in rows.items():
    if r[0] is False and r[1] and r[1] not in xcheck: xcheck[r[1]] = seen_in_state(r[1]) or 'not in any recorded runtime state or ps snapshot (short-lived / removed before the next snapshot); cgroup only'
stats = collections.Counter((scenario_of(e['t']), rows[e['serial']][3], 'host' if rows[e['serial']][0] else 'container' if rows[e['serial']][0] is False else 'unknown') for e in execs if e['serial'] in keep)
json.dump({'events_total': len(order), 'exec_events': len(execs), 'kept_exec': len([e for e in execs if e['serial'] in keep]),
           'removed_events': len(removed_serials), 'removed_lines': n_removed_lines, 'host_mntns': hostmnt, 'host_pidns': hostpid,
           'host_dev': HOSTDEV, 'session_ses': SES, 'daemons': sorted(DAEMONS),
           'container_id_crosscheck': xcheck, 'per_scenario': {'%s|%s|%s' % k: v for k, v in sorted(stats.items())}}, open(os.path.join(OUTDIR, 'stats.json'), 'w'), indent=1)
print(open(os.path.join(OUTDIR, 'stats.json')).read())

# ---------------------------------------------------------------- snapshots minus foreign processes
import shutil, hashlib, subprocess
for d in sorted(glob.glob(os.path.join(LAB_OUT, 'snap', '*'))):
    od = os.path.join(OUTDIR, 'snap', os.path.basename(d)); os.makedirs(od, exist_ok=True)
    for fn in os.listdir(d):
        src = open(os.path.join(d, fn), encoding='utf-8', errors='surrogateescape').read().split('\n')
        col = {'ps-eo.txt': 0, 'ps-auxww.txt': 1}.get(fn)
        out = []
        for ln in src:
            f = ln.split()
            if col is not None and len(f) > col and f[col].isdigit() and int(f[col]) in foreign_only: continue
            out.append(ln)
        open(os.path.join(od, fn), 'w', encoding='utf-8', errors='surrogateescape').write('\n'.join(out))

# ---------------------------------------------------------------- live-response style zip bundles
# BUNDLES="scenario:snapshot-suffix ..." e.g. "b-docker-exec:b h-podman:h"
for spec in os.environ.get('BUNDLES', '').split():
    scen, snapname = spec.split(':')
    win = [s for s in steps if s[0] == scen]
    if not win: continue
    b, e_ = win[0][1] - 0.2, (win[0][2] or 1e12) + 0.5
    bd = os.path.join(OUTDIR, 'bundle-' + scen); shutil.rmtree(bd, ignore_errors=True)
    os.makedirs(os.path.join(bd, 'var/log/audit')); os.makedirs(os.path.join(bd, 'live'))
    with open(os.path.join(OUTDIR, 'audit.log'), 'rb') as fi, open(os.path.join(bd, 'var/log/audit/audit.log'), 'wb') as fo:
        for ln in fi:
            m = MSG.search(ln.decode('utf-8', 'surrogateescape'))
            if m and b <= float(m.group(1) + '.' + m.group(2)) <= e_: fo.write(ln)
    snaps = sorted(glob.glob(os.path.join(OUTDIR, 'snap', '*-' + snapname)))
    if snaps:
        shutil.copy(os.path.join(snaps[-1], 'ps-auxww.txt'), os.path.join(bd, 'live/ps.txt'))
        shutil.copy(os.path.join(snaps[-1], 'ps-eo.txt'), os.path.join(bd, 'live/ps-eo.txt'))
        shutil.copy(os.path.join(snaps[-1], 'docker-ps-a.txt'), os.path.join(bd, 'live/docker-ps-a.txt'))
        shutil.copy(os.path.join(snaps[-1], 'podman-ps-a.txt'), os.path.join(bd, 'live/podman-ps-a.txt'))
    with open(os.path.join(bd, 'manifest.sha256'), 'w') as mf:
        for root, _, files in sorted(os.walk(bd)):
            for fn in sorted(files):
                if fn == 'manifest.sha256': continue
                p = os.path.join(root, fn)
                mf.write('%s  %s\n' % (hashlib.sha256(open(p, 'rb').read()).hexdigest(), os.path.relpath(p, bd)))
    # truth rows for the bundle's window
    with open(os.path.join(OUTDIR, 'truth.tsv')) as ti, open(os.path.join(OUTDIR, 'bundle-%s.truth.tsv' % scen), 'w') as to:
        for i, ln in enumerate(ti):
            if i == 0 or b <= float(ln.split('\t')[1]) <= e_: to.write(ln)
    zp = os.path.join(OUTDIR, 'bundle-%s.zip' % scen)
    if os.path.exists(zp): os.remove(zp)
    subprocess.check_call(['zip', '-q', '-X', '-r', zp, 'var', 'live', 'manifest.sha256'], cwd=bd)
    shutil.rmtree(bd)
