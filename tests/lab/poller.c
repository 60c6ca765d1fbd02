/*
 * ShimScope lab ground-truth poller.
 *
 * Every INTERVAL ms it lists /proc. For every process (thread-group leader) it keeps
 * (starttime, comm, ppid). It writes one line when it sees a new pid (ev=new) and one
 * line when a known pid changed comm or ppid (ev=chg: an exec in place or a re-parent).
 *
 * Output: TSV, one line per event, columns
 *   t  ev  pid  ppid  starttime  comm  exe  mntns  pidns  nspid  cgroup  argv
 * t        wall clock, seconds since the epoch with microseconds (CLOCK_REALTIME)
 * starttime field 22 of /proc/<pid>/stat (clock ticks since boot)
 * mntns    readlink /proc/<pid>/ns/mnt, e.g. mnt:[4026531841]
 * pidns    readlink /proc/<pid>/ns/pid
 * nspid    NSpid line of /proc/<pid>/status (space separated, outermost first)
 * cgroup   the path of the "pids" controller line of /proc/<pid>/cgroup (cgroup v1),
 *          else the "0::" line (cgroup v2)
 * argv     /proc/<pid>/cmdline, elements separated by one space; inside an element
 *          bytes <= 0x20, '%' and >= 0x7f are written as %XX
 * Fields that could not be read are "-". A header line starting with '#' gives the
 * host's namespaces (the poller's own) and the poller's own pid.
 *
 * Build: cc -O2 -o poller poller.c        Run: ./poller OUTFILE [interval_ms]
 * Stops on SIGTERM/SIGINT.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXPID (4 * 1024 * 1024)

struct ent {
    unsigned long long start; /* 0 = unknown slot */
    int ppid;
    char comm[20];
};

static struct ent *tab;
static volatile sig_atomic_t stop;
static void onsig(int s) { (void)s; stop = 1; }

static ssize_t rdfile(const char *path, char *buf, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = 0, r;
    while ((size_t)n < len - 1 && (r = read(fd, buf + n, len - 1 - n)) > 0) n += r;
    close(fd);
    if (n < 0) n = 0;
    buf[n] = 0;
    return n;
}

/* parse /proc/pid/stat: comm (between first '(' and last ')'), ppid, starttime */
static int parse_stat(int pid, char *comm, int *ppid, unsigned long long *start)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (rdfile(path, buf, sizeof buf) <= 0) return -1;
    char *l = strchr(buf, '('), *r = strrchr(buf, ')');
    if (!l || !r) return -1;
    size_t cl = (size_t)(r - l - 1);
    if (cl > 16) cl = 16;
    memcpy(comm, l + 1, cl);
    comm[cl] = 0;
    /* fields after ')': state(3) ppid(4) ... starttime(22) */
    char *p = r + 2;
    int field = 3;
    char *save = NULL;
    for (char *tok = strtok_r(p, " ", &save); tok; tok = strtok_r(NULL, " ", &save), field++) {
        if (field == 4) *ppid = atoi(tok);
        if (field == 22) { *start = strtoull(tok, NULL, 10); return 0; }
    }
    return -1;
}

static void esc_comm(FILE *o, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= 0x20 || c == '%' || c >= 0x7f) fprintf(o, "%%%02X", c);
        else fputc(c, o);
    }
}

static void emit(FILE *o, const char *ev, int pid, int ppid, unsigned long long start, const char *comm)
{
    char path[64], buf[65536], lnk[512];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    fprintf(o, "%lld.%06ld\t%s\t%d\t%d\t%llu\t", (long long)ts.tv_sec, ts.tv_nsec / 1000, ev, pid, ppid, start);
    esc_comm(o, comm);
    const char *ns[3] = {"exe", "ns/mnt", "ns/pid"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "/proc/%d/%s", pid, ns[i]);
        ssize_t n = readlink(path, lnk, sizeof lnk - 1);
        if (n < 0) fputs("\t-", o);
        else { lnk[n] = 0; fputc('\t', o); esc_comm(o, lnk); }
    }
    /* NSpid */
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    char *nspid = NULL;
    if (rdfile(path, buf, sizeof buf) > 0) {
        char *q = strstr(buf, "\nNSpid:");
        if (q) { q += 7; while (*q == '\t' || *q == ' ') q++; char *e = strchr(q, '\n'); if (e) *e = 0; nspid = q; }
    }
    fputc('\t', o);
    if (nspid) { for (char *q = nspid; *q; q++) fputc(*q == '\t' ? ' ' : *q, o); } else fputc('-', o);
    /* cgroup */
    snprintf(path, sizeof path, "/proc/%d/cgroup", pid);
    const char *cg = NULL;
    if (rdfile(path, buf, sizeof buf) > 0) {
        char *save = NULL, *v2 = NULL;
        for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char *c1 = strchr(line, ':');
            if (!c1) continue;
            char *c2 = strchr(c1 + 1, ':');
            if (!c2) continue;
            *c2 = 0;
            if (!strcmp(c1 + 1, "pids")) { cg = c2 + 1; break; }
            if (c1[1] == 0 && !strncmp(line, "0", 1)) v2 = c2 + 1;
        }
        if (!cg) cg = v2;
    }
    fputc('\t', o);
    if (cg) esc_comm(o, cg); else fputc('-', o);
    /* cmdline */
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    ssize_t n = rdfile(path, buf, sizeof buf);
    fputc('\t', o);
    if (n <= 0) fputc('-', o);
    else {
        if (buf[n - 1] == 0) n--;
        for (ssize_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)buf[i];
            if (c == 0) fputc(' ', o);
            else if (c <= 0x20 || c == '%' || c >= 0x7f) fprintf(o, "%%%02X", c);
            else fputc(c, o);
        }
    }
    fputc('\n', o);
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: %s OUTFILE [interval_ms]\n", argv[0]); return 2; }
    int interval = argc > 2 ? atoi(argv[2]) : 15;
    FILE *o = fopen(argv[1], "a");
    if (!o) { perror(argv[1]); return 1; }
    setvbuf(o, NULL, _IOLBF, 1 << 16);
    tab = calloc(MAXPID, sizeof *tab);
    if (!tab) return 1;
    signal(SIGTERM, onsig);
    signal(SIGINT, onsig);
    char l1[128] = "-", l2[128] = "-";
    ssize_t n;
    /* the poller runs on the host; pid 1's ns links may be unreadable (e.g. a VM agent) */
    if ((n = readlink("/proc/self/ns/mnt", l1, sizeof l1 - 1)) > 0) l1[n] = 0;
    if ((n = readlink("/proc/self/ns/pid", l2, sizeof l2 - 1)) > 0) l2[n] = 0;
    fprintf(o, "# shimscope-lab poller pid=%d interval_ms=%d host_mntns=%s host_pidns=%s\n", getpid(), interval, l1, l2);
    fprintf(o, "#t\tev\tpid\tppid\tstarttime\tcomm\texe\tmntns\tpidns\tnspid\tcgroup\targv\n");
    while (!stop) {
        DIR *d = opendir("/proc");
        if (!d) return 1;
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] < '1' || de->d_name[0] > '9') continue;
            int pid = atoi(de->d_name);
            if (pid <= 0 || pid >= MAXPID) continue;
            char comm[20];
            int ppid = 0;
            unsigned long long start = 0;
            if (parse_stat(pid, comm, &ppid, &start) < 0) continue;
            struct ent *e = &tab[pid];
            if (e->start != start) {
                e->start = start; e->ppid = ppid; strcpy(e->comm, comm);
                emit(o, "new", pid, ppid, start, comm);
            } else if (strcmp(e->comm, comm) || e->ppid != ppid) {
                e->ppid = ppid; strcpy(e->comm, comm);
                emit(o, "chg", pid, ppid, start, comm);
            }
        }
        closedir(d);
        struct timespec ts = {0, (long)interval * 1000000L};
        nanosleep(&ts, NULL);
    }
    fclose(o);
    return 0;
}
