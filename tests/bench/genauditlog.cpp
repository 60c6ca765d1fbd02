// SPDX-License-Identifier: GPL-3.0-or-later
//
// genauditlog: writes a realistic Linux audit log (auditd raw or ENRICHED) holding N exec events, for the ShimScope
// import benchmark (bench_import.cpp) and for stress-testing the importer on shapes that small fixtures lack.
//
//   genauditlog --events N [--format raw|enriched] [--seed S] [--host NAME] [--out FILE]
//               [--start EPOCH] [--pid-max N] [--eoe yes|no]
//
// The output copies what the kernel emits and auditd writes on a Debian 12 x86_64 host: the record types, field order,
// hex encoding and ENRICHED suffix of tests/data/demo-2026-12-03/audit.log.gz, and the EXECVE chunking of long arguments of
// kernel/auditsc.c (checked against samples/auditd/laurel/record-execve-long.txt). The host runs sshd sessions,
// cron, a CI runner, a monitoring agent, Docker (containerd -> containerd-shim-runc-v2 -> runc) and a little Podman
// (conmon + crun). Pids, inodes, addresses and ids are invented, but every event is consistent with the simulated
// process tree: parents exist, pids wrap at pid_max and get reused, same-pid exec chains keep the proctitle cached in
// the task's audit context, and execvp-style PATH searches produce the failed execve calls libc really makes.
// Standard library only; deterministic for a seed (own PRNG, no std:: distributions).

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace
{

using Args = std::vector<std::string>;
constexpr uint32_t kUnset = 4294967295u;

// ---- Deterministic random numbers ---------------------------------------------------------------------------------
// xoshiro256** seeded with splitmix64. std:: distributions are implementation-defined, so they would break
// "same seed, same file" across standard libraries.
class Rng
{
public:
    explicit Rng(uint64_t seed)
    {
        for (uint64_t& s : s_) {
            seed += 0x9E3779B97F4A7C15ull;
            uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            s = z ^ (z >> 31);
        }
    }

    uint64_t next()
    {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1))); }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    // Exponentially distributed delay (Poisson arrivals) with the given mean.
    int64_t expo(double mean) { return static_cast<int64_t>(-mean * std::log(1.0 - unit())); }

    template <class C>
    const auto& pick(const C& c)
    {
        return c[below(std::size(c))];
    }

    template <class T>
    T pick(std::initializer_list<T> list)
    {
        return list.begin()[below(list.size())];
    }

    // Index chosen with the given integer weights.
    size_t weighted(std::initializer_list<int> weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = static_cast<int>(below(static_cast<uint64_t>(total)));
        size_t i = 0;
        for (int w : weights) {
            if (r < w)
                return i;
            r -= w;
            ++i;
        }
        return 0;
    }

    std::string hex(size_t len)
    {
        static const char digits[] = "0123456789abcdef";
        std::string s(len, '0');
        for (char& c : s)
            c = digits[below(16)];
        return s;
    }

    std::string digits(size_t len)
    {
        std::string s(len, '0');
        for (char& c : s)
            c = static_cast<char>('0' + below(10));
        if (s[0] == '0')
            s[0] = '1';
        return s;
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

// ---- Text helpers --------------------------------------------------------------------------------------------------
// Hand-rolled appends: std::to_chars and direct string appends keep the generator far above disk speed.
void putNum(std::string& o, uint64_t v)
{
    char b[24];
    const auto r = std::to_chars(b, b + sizeof b, v);
    o.append(b, r.ptr);
}

void putSigned(std::string& o, int64_t v)
{
    char b[24];
    const auto r = std::to_chars(b, b + sizeof b, v);
    o.append(b, r.ptr);
}

void putHexNum(std::string& o, uint64_t v)
{
    char b[24];
    const auto r = std::to_chars(b, b + sizeof b, v, 16);
    o.append(b, r.ptr);
}

void putHexBytes(std::string& o, std::string_view s)
{
    static const char digits[] = "0123456789ABCDEF";
    const size_t at = o.size();
    o.resize(at + s.size() * 2);
    char* d = o.data() + at;
    for (unsigned char c : s) {
        *d++ = digits[c >> 4];
        *d++ = digits[c & 15];
    }
}

// The kernel's audit_string_contains_control(): a double quote, a byte below 0x21 (space, control) or above 0x7e.
bool needsHex(std::string_view s)
{
    for (unsigned char c : s)
        if (c == '"' || c < 0x21 || c > 0x7e)
            return true;
    return false;
}

// audit_log_untrustedstring(): quoted when safe, otherwise bare upper-case hex.
void putUntrusted(std::string& o, std::string_view s)
{
    if (needsHex(s)) {
        putHexBytes(o, s);
    } else {
        o += '"';
        o += s;
        o += '"';
    }
}

std::string_view baseName(std::string_view path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

uint64_t fnv1a(std::string_view s)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

// ---- Accounts, as the ENRICHED translation on this host sees them -------------------------------------------------
// Container uids are translated with the host's passwd: uid 1000 in an image becomes "alice", uid 70 "unknown(70)".
struct Account
{
    uint32_t id;
    const char* name;
};

constexpr Account kUsers[] = {{0, "root"},      {33, "www-data"},         {42, "_apt"},      {65534, "nobody"},
                              {998, "gitlab-runner"}, {1000, "alice"}, {1001, "bob"}, {1002, "deploy"}};
constexpr Account kGroups[] = {{0, "root"},     {33, "www-data"},        {65534, "nogroup"}, {998, "gitlab-runner"},
                               {1000, "alice"}, {1001, "bob"},           {1002, "deploy"}};

template <size_t N>
void putAccount(std::string& o, const Account (&table)[N], uint32_t id, bool isAuid = false)
{
    o += '"';
    if (isAuid && id == kUnset) {
        o += "unset";
    } else {
        const Account* found = nullptr;
        for (const Account& a : table)
            if (a.id == id)
                found = &a;
        if (found) {
            o += found->name;
        } else {
            o += "unknown(";
            putNum(o, id);
            o += ')';
        }
    }
    o += '"';
}

// ---- Filesystem views ----------------------------------------------------------------------------------------------
// The host root and each container rootfs resolve names differently (merged /usr, alternatives, busybox links) and
// sit on different devices; exe/PATH fields must show the path as seen inside that mount namespace.
struct Fs
{
    std::string dev = "fe:00";
    std::string loader = "/lib64/ld-linux-x86-64.so.2"; // empty: everything is statically linked
    uint64_t salt = 0;
    bool mergedUsr = true;
    std::string defaultDir = "/usr/bin";
    std::vector<std::pair<std::string, std::string>> links;   // symlink -> target
    std::vector<std::pair<std::string, std::string>> dirs;    // command -> directory holding it
    std::vector<std::pair<std::string, std::string>> scripts; // script -> #! interpreter (".sh" defaults to /bin/sh)
    std::vector<std::string> statics;                         // static binaries: no loader PATH item
    std::vector<std::string> missing;                         // commands that are not installed

    std::string resolve(std::string_view path) const
    {
        std::string p(path);
        for (int hop = 0; hop < 4; ++hop) {
            bool moved = false;
            if (mergedUsr && (p.starts_with("/bin/") || p.starts_with("/sbin/"))) {
                p.insert(0, "/usr");
                moved = true;
            }
            for (const auto& [from, to] : links) {
                if (p == from) {
                    p = to;
                    moved = true;
                    break;
                }
            }
            if (!moved)
                break;
        }
        return p;
    }

    std::string_view interpreter(std::string_view file) const
    {
        for (const auto& [script, interp] : scripts)
            if (file == script)
                return interp;
        return file.ends_with(".sh") ? std::string_view("/bin/sh") : std::string_view();
    }

    bool isStatic(std::string_view exe) const
    {
        return loader.empty() || std::find(statics.begin(), statics.end(), exe) != statics.end();
    }

    // Directory a PATH search finds the command in, or "" when it is not installed.
    std::string locate(std::string_view cmd) const
    {
        if (std::find(missing.begin(), missing.end(), cmd) != missing.end())
            return {};
        for (const auto& [name, dir] : dirs)
            if (name == cmd)
                return dir;
        return defaultDir;
    }

    bool sameDir(std::string_view pathDir, std::string_view hit) const
    {
        if (pathDir == hit)
            return true;
        // With merged /usr, /bin and /sbin are the same directories as /usr/bin and /usr/sbin.
        return mergedUsr && pathDir.size() + 4 == hit.size() && hit.starts_with("/usr") && hit.substr(4) == pathDir;
    }

    uint64_t inode(std::string_view path) const { return 131000 + (fnv1a(path) ^ salt) % 11800000; }
};

// ---- Processes -----------------------------------------------------------------------------------------------------
enum class Style
{
    Glibc,  // C programs: heap pointers 0x55…/0x56…, envp and a3 stable per process
    Go,     // Go runtime: c000…… pointers, a3=0
    Static, // static busybox: small addresses, a3=8
};

const std::vector<std::string> kRootPath = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin",
                                            "/bin"};
const std::vector<std::string> kUserPath = {"/usr/local/bin", "/usr/bin", "/bin", "/usr/local/games", "/usr/games"};
const std::vector<std::string> kCronPath = {"/usr/bin", "/bin"};
const std::vector<std::string> kSystemdPath = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin"};
// The official python images really list /usr/local/bin twice.
const std::vector<std::string> kPythonImagePath = {"/usr/local/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
                                                   "/usr/bin",       "/sbin",           "/bin"};

constexpr const char* kCapsDocker = "00000000a80425fb";
constexpr const char* kCapsPodman = "00000000800405fb";

struct Proc
{
    int pid = 0;
    int ppid = 0;
    uint32_t uid = 0, gid = 0, euid = 0, suid = 0, fsuid = 0, egid = 0, sgid = 0, fsgid = 0;
    uint32_t auid = kUnset;
    uint32_t ses = kUnset;
    std::string tty = "(none)";
    std::string comm;
    std::string exe;
    std::string cwd = "/";
    std::string cmdline;      // /proc/PID/cmdline as get_cmdline() returns it (first 128 bytes)
    std::string title;        // PROCTITLE cached in the task's audit context at its first audited syscall
    bool titleCached = false;
    std::string subj = "unconfined";
    const char* caps = nullptr; // bounding set of container runtimes: root execs then log BPRM_FCAPS
    const Fs* fs = nullptr;
    const std::vector<std::string>* path = &kRootPath;
    Style style = Style::Glibc;
    uint64_t heap = 0, envp = 0, a3 = 0;
};

void setCreds(Proc& p, uint32_t uid, uint32_t gid)
{
    p.uid = p.euid = p.suid = p.fsuid = uid;
    p.gid = p.egid = p.sgid = p.fsgid = gid;
}

std::string cmdlineOf(const Args& argv)
{
    std::string s;
    for (const std::string& a : argv) {
        s += a;
        s += '\0';
        if (s.size() >= 128)
            break;
    }
    if (s.size() > 128)
        s.resize(128);
    return s;
}

// audit_proctitle_rtrim(): drop trailing non-printable bytes (the NUL after the last argument).
std::string proctitleTrim(std::string s)
{
    auto printable = [](unsigned char c) { return (c >= 0x20 && c <= 0x7e) || c >= 0xa0; };
    while (!s.empty() && !printable(static_cast<unsigned char>(s.back())))
        s.pop_back();
    return s;
}

struct ExecOpt
{
    std::string exe;       // force the reported exe (dockerd's /proc/PID/exe helpers, runc's memfd "/")
    std::string comm;      // force comm
    bool execveat = false; // runc re-executing its sealed memfd copy
};

struct SockAddr
{
    bool local = false;
    std::string path;   // AF_UNIX
    uint32_t ip = 0;    // AF_INET, host order
    uint16_t port = 0;
};

SockAddr inet(int a, int b, int c, int d, uint16_t port)
{
    SockAddr s;
    s.ip = (static_cast<uint32_t>(a) << 24) | (static_cast<uint32_t>(b) << 16) | (static_cast<uint32_t>(c) << 8) |
           static_cast<uint32_t>(d);
    s.port = port;
    return s;
}

SockAddr unixSocket(std::string path)
{
    SockAddr s;
    s.local = true;
    s.path = std::move(path);
    return s;
}

// ---- Output with interleaving --------------------------------------------------------------------------------------
struct Event
{
    std::string text;           // every record of one event, each ending in '\n'
    std::vector<uint32_t> ends; // offset just past each record
    void clear()
    {
        text.clear();
        ends.clear();
    }
};

// The kernel writes one event's records in order, but records of concurrent syscalls interleave. A held event is
// written when the next event arrives, with the next event's first record placed before the held event's tail.
class Writer
{
public:
    explicit Writer(FILE* f) : f_(f) { buf_.reserve(kChunk + (1 << 16)); }

    // Returns true when e was interleaved into a held event.
    bool write(Event& e, bool hold, size_t split)
    {
        if (holding_) {
            put(held_, 0, heldSplit_);
            put(e, 0, 1);
            put(held_, heldSplit_, held_.ends.size());
            put(e, 1, e.ends.size());
            holding_ = false;
            return true;
        }
        if (hold && split > 0 && split < e.ends.size()) {
            std::swap(held_, e);
            heldSplit_ = split;
            holding_ = true;
            return false;
        }
        put(e, 0, e.ends.size());
        return false;
    }

    bool holding() const { return holding_; }

    // Writes a held event unchanged (the next event came too late to be concurrent with it).
    void release()
    {
        if (holding_)
            put(held_, 0, held_.ends.size());
        holding_ = false;
    }

    void finish()
    {
        if (holding_)
            put(held_, 0, held_.ends.size());
        holding_ = false;
        flush();
        std::fflush(f_);
    }

    uint64_t bytes() const { return bytes_; }
    bool failed() const { return error_ || std::ferror(f_); }

private:
    static constexpr size_t kChunk = size_t(1) << 22;

    void put(const Event& e, size_t from, size_t to)
    {
        if (from >= to)
            return;
        const size_t begin = from == 0 ? 0 : e.ends[from - 1];
        buf_.append(e.text, begin, e.ends[to - 1] - begin);
        if (buf_.size() >= kChunk)
            flush();
    }

    void flush()
    {
        if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
            error_ = true;
        bytes_ += buf_.size();
        buf_.clear();
    }

    FILE* f_;
    std::string buf_;
    Event held_;
    size_t heldSplit_ = 0;
    bool holding_ = false;
    bool error_ = false;
    uint64_t bytes_ = 0;
};

// ---- Options -------------------------------------------------------------------------------------------------------
struct Options
{
    uint64_t events = 10000;
    bool enriched = true;
    uint64_t seed = 1;
    std::string host;
    std::string out;
    uint64_t start = 1767254400; // 2026-01-01 08:00:00 UTC
    int pidMax = 32768;
    bool eoe = true;
};

class Sim;

// A source of activity. step() runs at Sim::now and returns the delay in ms to its next step, or -1 when done.
class Actor
{
public:
    virtual ~Actor() = default;
    virtual int64_t step(Sim& s) = 0;
};

struct Container;

// ---- Simulation core: clock, pids, record formatting ---------------------------------------------------------------
class Sim
{
public:
    Sim(const Options& o, Writer& w) : rng(o.seed), opt(o), w_(w), pinned_(static_cast<size_t>(o.pidMax), 0)
    {
        now = o.start * 1000 + rng.below(1000);
        serial_ = 1000 + static_cast<uint32_t>(rng.below(50000));
        lastPid_ = 2600 + static_cast<int>(rng.below(2000));
        user.tty = "(none)";
    }

    Rng rng;
    const Options& opt;
    uint64_t now = 0; // ms since the epoch

    // Statistics for the report.
    uint64_t execs = 0, failed = 0, execveats = 0, longArgs = 0, interleaved = 0, others = 0, wraps = 0;
    uint64_t hexArgs = 0, hexCwds = 0, sameTask = 0;

    // The host and its daemons (started before the log begins, so they appear only as ppids).
    Fs host;
    Proc init, sshd, cron, containerd, dockerd, runner, collectd;
    Proc user; // template for interactive users
    std::vector<Container*> dockerContainers;
    uint32_t nextSes = 3;

    bool full() const { return execs >= opt.events; }
    void advance(uint64_t lo, uint64_t hi) { now += lo + rng.below(hi - lo + 1); }
    uint32_t newSession() { return nextSes++; }
    bool wantLong() const { return longArgs < (execs + 100) / 200; }      // ~0.5 % of execs
    bool wantFail() const { return failed * 50 < execs; }                // ~2 %
    bool wantOther() const { return others * 4 < execs; }                // non-exec ~20 % of serials

    // -- pids --
    int allocPid()
    {
        for (;;) {
            if (++lastPid_ >= opt.pidMax) {
                lastPid_ = 300; // RESERVED_PIDS: the kernel restarts above 300 after wrapping
                ++wraps;
            }
            if (!pinned_[static_cast<size_t>(lastPid_)])
                return lastPid_;
        }
    }

    // Threads and unaudited forks consume pids too.
    void threads(int lo, int hi)
    {
        for (int i = rng.range(lo, hi); i > 0; --i)
            allocPid();
    }

    void pin(const Proc& p) { pinned_[static_cast<size_t>(p.pid)] = 1; }
    void unpin(const Proc& p) { pinned_[static_cast<size_t>(p.pid)] = 0; }

    Proc fork(const Proc& parent)
    {
        if (rng.chance(0.12))
            threads(1, 3);
        Proc c = parent;
        c.pid = allocPid();
        c.ppid = parent.pid;
        c.title.clear();
        c.titleCached = false; // a new task gets a fresh audit context
        return c;
    }

    void setTitle(Proc& p, std::string_view title) { p.cmdline.assign(title); }

    // -- events --
    void exec(Proc& p, std::string_view name, const Args& argv, const ExecOpt& o = {});
    void execFail(Proc& p, std::string_view name, int err = -2);
    bool execvp(Proc& p, const Args& argv);
    void runcReexec(Proc& p, const std::string& rootfs);
    void connect(Proc& p, const SockAddr& sa, bool inProgress = false);
    void userMsg(const char* type, const Proc& p, const char* op, const char* grantors, std::string_view acct,
                 std::string_view exe, std::string_view hostname, std::string_view addr,
                 std::string_view terminal, bool ok = true);

    // Fork + exec found through the caller's PATH, as a shell does it (stat() first, so no failed execve; a command
    // that is not installed is not exec'd at all).
    Proc run(const Proc& parent, const Args& argv)
    {
        Proc c = fork(parent);
        if (argv[0].find('/') != std::string::npos) {
            exec(c, argv[0], argv);
            return c;
        }
        const std::string dir = parent.fs->locate(argv[0]);
        if (dir.empty())
            return c;
        std::string name = dir + "/" + argv[0];
        for (const std::string& d : *parent.path) {
            if (!dir.empty() && parent.fs->sameDir(d, dir)) {
                name = d + "/" + argv[0];
                break;
            }
        }
        exec(c, name, argv);
        return c;
    }

private:
    void newEvent();
    void rec(const char* type);
    void endRec();
    bool enrich();
    void commit(bool isExec, size_t split);
    void callRegs(Proc& p, bool execveat, uint64_t a[4]);
    void newRegs(Proc& p);
    void syscallRec(const Proc& p, int nr, const char* name, bool ok, int64_t exitCode, const uint64_t a[4],
                    int items, const char* key);
    void execveRec(const Args& argv);
    void cwdRec(const std::string& cwd);
    void pathRec(int item, std::string_view name, const Fs& fs, std::string_view file);
    void proctitleRec(Proc& p, bool isExec = false);
    void eoeRec();

    Writer& w_;
    std::vector<uint8_t> pinned_;
    int lastPid_ = 0;
    uint32_t serial_ = 0;
    uint64_t heldAt_ = 0;
    Event ev_;
    std::string hdr_;
};

void Sim::newEvent()
{
    ev_.clear();
    ++serial_;
    hdr_ = "audit(";
    putNum(hdr_, now / 1000);
    hdr_ += '.';
    const unsigned ms = static_cast<unsigned>(now % 1000);
    hdr_ += static_cast<char>('0' + ms / 100);
    hdr_ += static_cast<char>('0' + ms / 10 % 10);
    hdr_ += static_cast<char>('0' + ms % 10);
    hdr_ += ':';
    putNum(hdr_, serial_);
    hdr_ += "): ";
}

void Sim::rec(const char* type)
{
    std::string& o = ev_.text;
    if (!opt.host.empty()) {
        o += "node=";
        o += opt.host;
        o += ' ';
    }
    o += "type=";
    o += type;
    o += " msg=";
    o += hdr_;
}

void Sim::endRec()
{
    ev_.text += '\n';
    ev_.ends.push_back(static_cast<uint32_t>(ev_.text.size()));
}

// ENRICHED: auditd appends 0x1D (AUDIT_INTERP_SEPARATOR) right after the raw text, then the translations.
bool Sim::enrich()
{
    if (!opt.enriched)
        return false;
    ev_.text += '\x1d';
    return true;
}

// Interleaving only happens between events a few ms apart (concurrent syscalls); a held event whose successor
// comes later is written as is. Holding is adaptive so that ~5 % of exec events end up interleaved.
void Sim::commit(bool isExec, size_t split)
{
    if (w_.holding() && now > heldAt_ + 3)
        w_.release();
    const bool hold = isExec && !w_.holding() && interleaved * 20 < execs && rng.chance(0.5);
    if (hold)
        heldAt_ = now;
    interleaved += w_.write(ev_, hold, split);
}

// Register values of the execve call as the caller made it (before the new image replaces it).
void Sim::callRegs(Proc& p, bool execveat, uint64_t a[4])
{
    if (execveat) {
        a[0] = 5 + rng.below(2); // the memfd
        a[1] = (0x7full << 40) | (rng.below(1ull << 28) << 12) | 0xdd5;
        a[2] = ((0x10000 + rng.below(0x30000)) << 12) | 0x2c0;
        a[3] = a[2] + 0x20;
        return;
    }
    switch (p.style) {
    case Style::Go:
        a[0] = 0xc000000000ull + rng.below(0x80000) * 16;
        a[1] = 0xc000000000ull + rng.below(0x80000) * 16;
        a[2] = 0xc000000000ull + rng.below(0x80000) * 16;
        a[3] = 0;
        break;
    case Style::Static:
        a[0] = p.heap;
        a[1] = p.envp + rng.below(0x200) * 8;
        a[2] = a[1] + 0x18;
        a[3] = 8;
        break;
    case Style::Glibc:
        if (p.heap == 0)
            newRegs(p);
        a[0] = p.heap + rng.below(0x4000) * 16;
        a[1] = p.heap + rng.below(0x4000) * 16;
        a[2] = p.envp;
        a[3] = p.a3;
        break;
    }
}

void Sim::newRegs(Proc& p)
{
    if (p.style == Style::Static) {
        p.heap = 0x5a0000 + rng.below(0x10000);
        p.envp = 0x20000000 + rng.below(0x10000000) * 8 % 0x10000000;
    } else {
        p.heap = ((0x55ull + rng.below(2)) << 40) | (rng.below(1ull << 28) << 12);
        p.envp = p.heap + rng.below(0x8000) * 16;
        p.a3 = rng.chance(0.7) ? rng.next() : 8;
    }
}

void Sim::syscallRec(const Proc& p, int nr, const char* name, bool ok, int64_t exitCode, const uint64_t a[4],
                     int items, const char* key)
{
    rec("SYSCALL");
    std::string& o = ev_.text;
    o += "arch=c000003e syscall=";
    putNum(o, static_cast<uint64_t>(nr));
    o += ok ? " success=yes exit=" : " success=no exit=";
    putSigned(o, exitCode);
    o += " a0=";
    putHexNum(o, a[0]);
    o += " a1=";
    putHexNum(o, a[1]);
    o += " a2=";
    putHexNum(o, a[2]);
    o += " a3=";
    putHexNum(o, a[3]);
    o += " items=";
    putNum(o, static_cast<uint64_t>(items));
    o += " ppid=";
    putNum(o, static_cast<uint64_t>(p.ppid));
    o += " pid=";
    putNum(o, static_cast<uint64_t>(p.pid));
    o += " auid=";
    putNum(o, p.auid);
    o += " uid=";
    putNum(o, p.uid);
    o += " gid=";
    putNum(o, p.gid);
    o += " euid=";
    putNum(o, p.euid);
    o += " suid=";
    putNum(o, p.suid);
    o += " fsuid=";
    putNum(o, p.fsuid);
    o += " egid=";
    putNum(o, p.egid);
    o += " sgid=";
    putNum(o, p.sgid);
    o += " fsgid=";
    putNum(o, p.fsgid);
    o += " tty=";
    o += p.tty;
    o += " ses=";
    putNum(o, p.ses);
    o += " comm=";
    putUntrusted(o, p.comm);
    o += " exe=";
    putUntrusted(o, p.exe);
    o += " subj=";
    o += p.subj;
    o += " key=";
    o += key;
    if (enrich()) {
        o += "ARCH=x86_64 SYSCALL=";
        o += name;
        o += " AUID=";
        putAccount(o, kUsers, p.auid, true);
        o += " UID=";
        putAccount(o, kUsers, p.uid);
        o += " GID=";
        putAccount(o, kGroups, p.gid);
        o += " EUID=";
        putAccount(o, kUsers, p.euid);
        o += " SUID=";
        putAccount(o, kUsers, p.suid);
        o += " FSUID=";
        putAccount(o, kUsers, p.fsuid);
        o += " EGID=";
        putAccount(o, kGroups, p.egid);
        o += " SGID=";
        putAccount(o, kGroups, p.sgid);
        o += " FSGID=";
        putAccount(o, kGroups, p.fsgid);
    }
    endRec();
}

// audit_log_execve_info(), ported: records of at most ~7500 bytes of argument text; an argument that does not fit in
// the 7500-byte copy buffer is forced to hex and written as aN_len=… aN[0]=… aN[1]=… across EXECVE records (the
// continuation records therefore start with two spaces after the colon). Checked against record-execve-long.txt.
void Sim::execveRec(const Args& argv)
{
    constexpr int64_t lenMax = 7500;
    constexpr int64_t abufSize = 96;
    std::string& o = ev_.text;
    rec("EXECVE");
    o += "argc=";
    putNum(o, argv.size());

    int64_t lenRem = lenMax;
    size_t arg = 0;
    int64_t fetched = 0;  // bytes of the current argument copied into the buffer so far
    int64_t bufStart = 0; // offset in the argument of the first unwritten buffered byte
    int64_t lenBuf = 0;
    int64_t lenFull = 0;
    int64_t lenAbuf = 0;
    bool requireData = true;
    bool encode = false;
    int iter = 0;
    bool longArg = false;
    bool hexArg = false;
    while (arg < argv.size()) {
        const std::string& s = argv[arg];
        const int64_t size = static_cast<int64_t>(s.size());
        if (lenFull == 0)
            lenFull = size;
        if (requireData) {
            const int64_t room = lenMax - lenBuf;
            const int64_t avail = size - fetched;
            int64_t lenTmp = 0;
            if (avail >= room) {
                lenTmp = room; // buffer too small: span records, force hex
                requireData = true;
                encode = true;
                lenFull *= 2;
                longArg = true;
            } else {
                lenTmp = avail;
                requireData = false;
                if (!encode)
                    encode = needsHex(std::string_view(s).substr(static_cast<size_t>(fetched),
                                                                 static_cast<size_t>(avail)));
                if (lenFull < lenMax)
                    lenFull = encode ? lenTmp * 2 : lenTmp;
            }
            fetched += lenTmp;
            lenBuf += lenTmp;
            lenAbuf = encode ? lenBuf * 2 : lenBuf + 2;
        }
        if (abufSize + 8 > lenRem) {
            lenRem = lenMax;
            endRec();
            rec("EXECVE");
        }
        const size_t headAt = o.size();
        if (requireData || iter > 0 || lenAbuf + abufSize > lenRem) {
            if (iter == 0) {
                o += " a";
                putNum(o, arg);
                o += "_len=";
                putNum(o, static_cast<uint64_t>(lenFull));
            }
            o += " a";
            putNum(o, arg);
            o += '[';
            putNum(o, static_cast<uint64_t>(iter++));
            o += "]=";
        } else {
            o += " a";
            putNum(o, arg);
            o += '=';
        }
        lenRem -= static_cast<int64_t>(o.size() - headAt);
        int64_t lenTmp = lenBuf;
        const std::string_view data = std::string_view(s).substr(static_cast<size_t>(bufStart));
        if (encode) {
            if (lenAbuf > lenRem)
                lenTmp = lenRem / 2;
            putHexBytes(o, data.substr(0, static_cast<size_t>(lenTmp)));
            lenRem -= lenTmp * 2;
            lenAbuf -= lenTmp * 2;
            hexArg = true;
        } else {
            if (lenAbuf > lenRem)
                lenTmp = lenRem - 2;
            o += '"';
            o += data.substr(0, static_cast<size_t>(lenTmp));
            o += '"';
            lenRem -= lenTmp + 2;
            lenAbuf -= lenTmp;
        }
        lenBuf -= lenTmp;
        bufStart += lenTmp;
        if (lenBuf == 0 && !requireData) {
            ++arg;
            iter = 0;
            lenFull = 0;
            requireData = true;
            encode = false;
            fetched = 0;
            bufStart = 0;
        }
    }
    endRec();
    longArgs += longArg;
    hexArgs += hexArg;
}

void Sim::cwdRec(const std::string& cwd)
{
    rec("CWD");
    ev_.text += "cwd=";
    putUntrusted(ev_.text, cwd);
    if (needsHex(cwd))
        ++hexCwds;
    endRec();
}

uint32_t ownerOf(std::string_view file)
{
    if (file.starts_with("/home/alice/"))
        return 1000;
    if (file.starts_with("/home/bob/"))
        return 1001;
    if (file.starts_with("/home/deploy/"))
        return 1002;
    if (file.starts_with("/home/gitlab-runner/"))
        return 998;
    return 0;
}

// One PATH record; `file` is the resolved file whose inode/owner is reported (the name may be a symlink).
void Sim::pathRec(int item, std::string_view name, const Fs& fs, std::string_view file)
{
    std::string& o = ev_.text;
    rec("PATH");
    o += "item=";
    putNum(o, static_cast<uint64_t>(item));
    o += " name=";
    putUntrusted(o, name);
    o += " inode=";
    putNum(o, fs.inode(file));
    o += " dev=";
    o += fs.dev;
    o += " mode=0100755 ouid=";
    const uint32_t owner = ownerOf(file);
    putNum(o, owner);
    o += " ogid=";
    putNum(o, owner);
    o += " rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0";
    if (enrich()) {
        o += "OUID=";
        putAccount(o, kUsers, owner);
        o += " OGID=";
        putAccount(o, kGroups, owner);
    }
    endRec();
}

// PROCTITLE comes from the task's audit context: cached at its first audited syscall, so a task that execs again
// (sh -c 'exec …', runc init, su-exec) keeps showing its first command line, exactly as the demo capture shows.
void Sim::proctitleRec(Proc& p, bool isExec)
{
    if (!p.titleCached) {
        p.title = proctitleTrim(p.cmdline);
        p.titleCached = true;
    } else if (isExec) {
        ++sameTask;
    }
    rec("PROCTITLE");
    ev_.text += "proctitle=";
    putUntrusted(ev_.text, p.title.empty() ? std::string_view("(null)") : std::string_view(p.title));
    endRec();
}

// auditd itself never writes EOE to disk (it is for realtime consumers such as audisp plugins); --eoe no mimics that.
void Sim::eoeRec()
{
    if (!opt.eoe)
        return;
    rec("EOE");
    endRec();
}

std::string commOf(std::string_view name) { return std::string(baseName(name).substr(0, 15)); }

Style styleFor(const Fs& fs, std::string_view exe)
{
    if (fs.loader.empty())
        return Style::Static;
    static constexpr std::string_view goBinaries[] = {"runc", "containerd-shim-runc-v2", "docker", "dockerd",
                                                      "podman", "gitlab-runner", "gosu"};
    const std::string_view base = baseName(exe);
    for (std::string_view g : goBinaries)
        if (base == g)
            return Style::Go;
    return Style::Glibc;
}

void Sim::exec(Proc& p, std::string_view name, const Args& argv, const ExecOpt& o)
{
    if (full())
        return;
    const Fs& fs = *p.fs;
    uint64_t a[4];
    callRegs(p, o.execveat, a);

    // The file named by item 0 (its inode), the script interpreter if any, and the exe the kernel reports.
    const bool selfExe = name == "/proc/self/exe" || o.execveat;
    const std::string file = selfExe ? p.exe : !o.exe.empty() ? o.exe : fs.resolve(name);
    // A "#!interp [arg]" script: binfmt_script replaces argv[0] with the interpreter (and its optional argument)
    // followed by the file name as passed; EXECVE/PROCTITLE show that rewritten argv.
    std::string interp(selfExe ? std::string_view() : fs.interpreter(file));
    Args scriptArgv;
    if (!interp.empty()) {
        const size_t space = interp.find(' ');
        scriptArgv.push_back(interp.substr(0, space));
        if (space != std::string::npos)
            scriptArgv.push_back(interp.substr(space + 1));
        scriptArgv.emplace_back(name);
        scriptArgv.insert(scriptArgv.end(), argv.begin() + 1, argv.end());
        interp.resize(std::min(space, interp.size()));
    }
    const Args& args = interp.empty() ? argv : scriptArgv;
    std::string exe = o.execveat ? std::string("/") : !o.exe.empty() ? o.exe : interp.empty() ? file
                                                                                               : fs.resolve(interp);
    const bool dynamic = !fs.isStatic(interp.empty() ? file : fs.resolve(interp));
    const int items = (interp.empty() ? 1 : 2) + (dynamic ? 1 : 0);

    p.comm = !o.comm.empty() ? o.comm : commOf(name);
    p.exe = std::move(exe);
    p.cmdline = cmdlineOf(args);

    newEvent();
    syscallRec(p, o.execveat ? 322 : 59, o.execveat ? "execveat" : "execve", true, 0, a, items, "\"exec\"");
    if (p.caps && p.euid == 0) {
        // Root in a container with a reduced bounding set gains pE != full: cap_bprm_creds_from_file() logs it.
        rec("BPRM_FCAPS");
        std::string& t = ev_.text;
        t += "fver=0 fp=0 fi=0 fe=0 old_pp=";
        t += p.caps;
        t += " old_pi=0 old_pe=";
        t += p.caps;
        t += " old_pa=0 pp=";
        t += p.caps;
        t += " pi=0 pe=";
        t += p.caps;
        t += " pa=0 frootid=0";
        endRec();
    }
    execveRec(args);
    cwdRec(p.cwd);
    const size_t split = ev_.ends.size();
    pathRec(0, o.execveat ? std::string_view() : name, fs, file);
    if (!interp.empty())
        pathRec(1, interp, fs, fs.resolve(interp));
    if (dynamic)
        pathRec(items - 1, fs.loader, fs, fs.loader);
    proctitleRec(p, true);
    eoeRec();

    p.style = styleFor(fs, file == "/" ? p.exe : interp.empty() ? file : fs.resolve(interp));
    newRegs(p);
    ++execs;
    execveats += o.execveat;
    commit(true, split);
}

// A failed execve (ENOENT): no EXECVE record, comm/exe/proctitle still describe the caller, PATH has no inode.
void Sim::execFail(Proc& p, std::string_view name, int err)
{
    if (full())
        return;
    uint64_t a[4];
    callRegs(p, false, a);
    newEvent();
    syscallRec(p, 59, "execve", false, err, a, 1, "\"exec\"");
    cwdRec(p.cwd);
    const size_t split = ev_.ends.size();
    std::string& o = ev_.text;
    rec("PATH");
    o += "item=0 name=";
    putUntrusted(o, name);
    o += " nametype=UNKNOWN cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0";
    endRec();
    proctitleRec(p);
    eoeRec();
    ++execs;
    ++failed;
    commit(true, split);
}

// glibc/musl execvp(): execve() each $PATH directory in turn until one works. Every miss is a real failed execve
// in the audit log, from the same pid, with the caller's comm/exe. Returns false if the command was not found.
bool Sim::execvp(Proc& p, const Args& argv)
{
    const std::string& cmd = argv[0];
    if (cmd.find('/') != std::string::npos) {
        exec(p, cmd, argv);
        return true;
    }
    const std::string hit = p.fs->locate(cmd);
    for (const std::string& dir : *p.path) {
        const std::string full = dir + "/" + cmd;
        if (!hit.empty() && p.fs->sameDir(dir, hit)) {
            exec(p, full, argv);
            return true;
        }
        execFail(p, full);
    }
    return false;
}

// runc init: the child execs /proc/self/exe ("runc init", comm "exe"), then execveat()s its sealed memfd copy
// (CVE-2019-5736 mitigation: comm "runc", exe "/", PATH name ""). Its cwd is the container rootfs on the host.
void Sim::runcReexec(Proc& p, const std::string& rootfs)
{
    p.cwd = rootfs;
    exec(p, "/proc/self/exe", {"runc", "init"});
    advance(0, 9);
    ExecOpt o;
    o.execveat = true;
    o.comm = "runc";
    exec(p, "", {"runc", "init"}, o);
}

void Sim::connect(Proc& p, const SockAddr& sa, bool inProgress)
{
    if (full())
        return;
    uint64_t a[4];
    if (p.style == Style::Go) {
        a[1] = 0xc000000000ull + rng.below(0x80000) * 16;
        a[3] = 0;
    } else {
        a[1] = (0x7ffcull << 32) | (rng.below(1ull << 28) << 4);
        a[3] = rng.chance(0.5) ? 0 : rng.next() >> 40;
    }
    a[0] = 3 + rng.below(12);
    std::string raw;
    if (sa.local) {
        raw.assign("\x01\x00", 2);
        raw += sa.path;
        raw += '\0';
    } else {
        raw.assign("\x02\x00", 2);
        raw += static_cast<char>(sa.port >> 8);
        raw += static_cast<char>(sa.port & 0xff);
        for (int shift = 24; shift >= 0; shift -= 8)
            raw += static_cast<char>((sa.ip >> shift) & 0xff);
        raw.append(8, '\0');
    }
    a[2] = raw.size();
    newEvent();
    syscallRec(p, 42, "connect", !inProgress, inProgress ? -115 : 0, a, 0, "\"network\"");
    std::string& o = ev_.text;
    rec("SOCKADDR");
    o += "saddr=";
    putHexBytes(o, raw);
    if (enrich()) {
        if (sa.local) {
            o += "SADDR={ saddr_fam=local path=";
            o += sa.path;
        } else {
            o += "SADDR={ saddr_fam=inet laddr=";
            for (int shift = 24; shift >= 0; shift -= 8) {
                putNum(o, (sa.ip >> shift) & 0xff);
                if (shift)
                    o += '.';
            }
            o += " lport=";
            putNum(o, sa.port);
        }
        o += " }";
    }
    endRec();
    proctitleRec(p);
    eoeRec();
    ++others;
    commit(false, 0);
}

// Single-record PAM messages (USER_ACCT, CRED_ACQ): written by the user-space process, no EOE.
void Sim::userMsg(const char* type, const Proc& p, const char* op, const char* grantors, std::string_view acct,
                  std::string_view exe, std::string_view hostname, std::string_view addr,
                  std::string_view terminal, bool ok)
{
    if (full())
        return;
    newEvent();
    std::string& o = ev_.text;
    rec(type);
    o += "pid=";
    putNum(o, static_cast<uint64_t>(p.pid));
    o += " uid=";
    putNum(o, p.uid);
    o += " auid=";
    putNum(o, p.auid);
    o += " ses=";
    putNum(o, p.ses);
    o += " subj=";
    o += p.subj;
    o += " msg='op=";
    o += op;
    o += " grantors=";
    o += grantors;
    o += " acct=";
    putUntrusted(o, acct);
    o += " exe=";
    putUntrusted(o, exe);
    o += " hostname=";
    o += hostname;
    o += " addr=";
    o += addr;
    o += " terminal=";
    o += terminal;
    o += ok ? " res=success'" : " res=failed'";
    if (enrich()) {
        o += "UID=";
        putAccount(o, kUsers, p.uid);
        o += " AUID=";
        putAccount(o, kUsers, p.auid, true);
    }
    endRec();
    ++others;
    commit(false, 0);
}

// ---- Word lists: realistic argument and path material --------------------------------------------------------------
constexpr const char* kProjects[] = {"shimscope-ingest", "billing-api", "infra-terraform", "web-frontend",
                                     "etl-pipeline",     "auth-service", "docs-site",      "ops-scripts"};
constexpr const char* kSrcFiles[] = {"main",   "parser",  "config", "db",     "http_server", "utils",   "auth",
                                     "cache",  "metrics", "logger", "router", "json_writer", "session", "queue",
                                     "worker", "crypto",  "timer",  "io",     "record",      "tokenizer"};
constexpr const char* kDocs[] = {"Q3 report.xlsx",
                                 "Résumé – Jöhn Doe.pdf",
                                 "meeting notes 2026-01-12.md",
                                 "Отчёт за квартал.docx",
                                 "invoice #4471.pdf",
                                 "backup-2026-01-10.tar.gz",
                                 "nginx.conf",
                                 "docker-compose.yml",
                                 "requirements.txt",
                                 "access.log",
                                 "données clients.csv",
                                 "TODO.md"};
constexpr const char* kGrepWords[] = {"TODO", "connection refused", "ERROR", "timeout", "def main", "\"status\": 500",
                                      "password", "FIXME", "segfault", "Exception"};
constexpr const char* kCommitMsgs[] = {"Fix race in session cleanup",        "Bump dependencies",
                                       "Add retry with backoff to uploader", "WIP: refactor \"auth\" middleware",
                                       "Update README",                      "Handle empty argv in parser",
                                       "Corrige l'encodage des accents — é à ü"};
constexpr const char* kRemoteHosts[] = {"10.0.2.15", "10.0.2.21", "db1.internal", "build02", "192.168.56.10"};
constexpr const char* kClientAddrs[] = {"203.0.113.7", "198.51.100.23", "192.0.2.41", "10.8.0.6", "10.8.0.14"};

// Long argument payloads (> 7.5 KB) for the kernel's multi-record EXECVE encoding.
std::string base64Blob(Rng& rng, size_t n)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string s(n, 'A');
    for (char& c : s)
        c = alphabet[rng.below(64)];
    return s;
}

std::string jsonBlob(Rng& rng, size_t n)
{
    std::string s = "{\"records\":[";
    for (int i = 0; s.size() < n; ++i) {
        if (i)
            s += ',';
        s += "{\"id\":" + std::to_string(100000 + rng.below(900000)) + ",\"sku\":\"SKU-" + rng.hex(8) +
             "\",\"qty\":" + std::to_string(rng.below(50)) + ",\"note\":\"restock " + rng.pick(kSrcFiles) + "\"}";
    }
    return s + "]}";
}

std::string classPath(Rng& rng, size_t n)
{
    static constexpr std::pair<const char*, const char*> jars[] = {
        {"org/apache/commons", "commons-lang3"},     {"com/fasterxml/jackson/core", "jackson-databind"},
        {"io/netty", "netty-handler"},               {"org/slf4j", "slf4j-api"},
        {"com/google/guava", "guava"},               {"org/junit/jupiter", "junit-jupiter-api"},
        {"io/micrometer", "micrometer-core"},        {"org/springframework", "spring-core"},
        {"io/netty", "netty-codec-http"},            {"com/fasterxml/jackson/core", "jackson-annotations"},
        {"org/apache/httpcomponents", "httpclient"}, {"org/postgresql", "postgresql"}};
    std::string s = "target/classes:target/test-classes";
    while (s.size() < n) {
        const auto& [group, artifact] = rng.pick(jars);
        const std::string art = artifact;
        const std::string ver = std::to_string(rng.range(1, 6)) + "." + std::to_string(rng.range(0, 19)) + "." +
                                std::to_string(rng.range(0, 9));
        s += ":/home/gitlab-runner/.m2/repository/" + std::string(group) + "/" + art + "/" + ver + "/" +
             art + "-" + ver + ".jar";
    }
    return s;
}

// ---- Containers ----------------------------------------------------------------------------------------------------
enum class Image
{
    Busybox,  // static busybox, applets exec'd through /proc/self/exe (like the demo capture)
    Python,   // python:3.12-slim app under gunicorn, runs as uid 1000
    Nginx,    // nginx:1.25 (Debian), docker-entrypoint.sh then exec nginx
    Postgres, // postgres:16-alpine, env -> bash -> su-exec chain
    Redis,    // redis:7 (Debian), gosu chain
    Alpine,   // alpine:3.19 one-shot job
};

struct Container
{
    std::string id;
    std::string name;
    Image image = Image::Busybox;
    Fs fs;
    std::string bundle; // containerd task bundle (runc --bundle, shim cwd)
    std::string rootfs; // rootfs on the host (runc init cwd)
    std::string workdir = "/";
    uint32_t uid = 0, gid = 0;
    const std::vector<std::string>* path = &kRootPath;
    std::string subj = "docker-default (enforce)";
    const char* caps = kCapsDocker;
    bool podman = false;
    uint32_t auid = kUnset, ses = kUnset; // docker: unset (inherited from the daemon); podman keeps the user's
    Proc shim;                            // containerd-shim-runc-v2 daemon, or the conmon daemon for podman
    Proc entry;                           // container PID 1
    std::vector<Proc> forked;             // children that only forked (gunicorn workers, postgres backends, …)
    SockAddr addr;
};

std::vector<std::string> applets()
{
    return {"sh",    "ls",   "cat",  "cp",   "mv",    "rm",    "mkdir", "chmod", "chown", "sleep", "date",
            "tar",   "gzip", "echo", "id",   "find",  "env",   "wget",  "head",  "sed",   "grep",  "base64",
            "uname", "sort", "awk",  "test", "touch", "xargs", "du",    "df",    "ps",    "hostname"};
}

Fs makeImageFs(Sim& s, Image image, int devMinor)
{
    Fs fs;
    char dev[8];
    std::snprintf(dev, sizeof dev, "00:%02x", devMinor);
    fs.dev = dev;
    fs.salt = s.rng.next();
    switch (image) {
    case Image::Busybox:
        fs.loader.clear();
        fs.mergedUsr = false;
        fs.defaultDir = "/bin";
        break;
    case Image::Alpine:
    case Image::Postgres:
        fs.loader = "/lib/ld-musl-x86_64.so.1";
        fs.mergedUsr = false;
        fs.defaultDir = "/usr/bin";
        for (const std::string& a : applets()) {
            const bool inBin = a == "sh" || a == "ls" || a == "cat" || a == "cp" || a == "mv" || a == "rm" ||
                               a == "mkdir" || a == "chmod" || a == "chown" || a == "sleep" || a == "date" ||
                               a == "tar" || a == "gzip" || a == "echo" || a == "touch" || a == "hostname" ||
                               a == "base64" || a == "ps" || a == "df" || a == "grep" || a == "sed" || a == "uname";
            fs.links.push_back({(inBin ? "/bin/" : "/usr/bin/") + a, "/bin/busybox"});
            fs.dirs.push_back({a, inBin ? "/bin" : "/usr/bin"});
        }
        fs.dirs.push_back({"bash", "/bin"});
        fs.dirs.push_back({"su-exec", "/sbin"});
        for (const char* pg : {"postgres", "pg_isready", "pg_dump", "psql", "pg_ctl", "initdb"})
            fs.dirs.push_back({pg, "/usr/local/bin"});
        fs.scripts.push_back({"/usr/local/bin/docker-entrypoint.sh", "/usr/bin/env bash"});
        break;
    case Image::Python:
        fs.links = {{"/usr/bin/sh", "/usr/bin/dash"},
                    {"/usr/local/bin/python3", "/usr/local/bin/python3.12"},
                    {"/usr/local/bin/python", "/usr/local/bin/python3.12"}};
        for (const char* c : {"python3", "python", "gunicorn", "pip"})
            fs.dirs.push_back({c, "/usr/local/bin"});
        fs.scripts = {{"/usr/local/bin/gunicorn", "/usr/local/bin/python3"},
                      {"/usr/local/bin/pip", "/usr/local/bin/python3"}};
        fs.missing = {"git", "convert", "ffprobe", "curl", "ps"};
        break;
    case Image::Nginx:
    case Image::Redis:
        fs.links = {{"/usr/bin/sh", "/usr/bin/dash"}};
        fs.dirs = {{"nginx", "/usr/sbin"}, {"gosu", "/usr/local/bin"}, {"redis-server", "/usr/local/bin"},
                   {"redis-cli", "/usr/local/bin"}, {"docker-entrypoint.sh", "/usr/local/bin"}};
        fs.statics = {"/usr/local/bin/gosu"};
        break;
    }
    return fs;
}

// The container's PID-1 context: container-rooted paths, AppArmor profile, reduced capabilities, auid of the engine.
void enter(Proc& p, const Container& c)
{
    p.fs = &c.fs;
    p.cwd = c.workdir;
    p.subj = c.subj;
    p.caps = c.caps;
    p.path = c.path;
    p.auid = c.auid;
    p.ses = c.ses;
    p.tty = "(none)";
    setCreds(p, c.uid, c.gid);
}

Args runcArgs(const Container& c, std::initializer_list<std::string> tail)
{
    Args a = {"runc", "--root", "/var/run/docker/runtime-runc/moby", "--log", c.bundle + "/log.json", "--log-format",
              "json"};
    a.insert(a.end(), tail);
    return a;
}

// Where runc finds argv[0] (Go exec.LookPath: stat() each PATH entry, then one execve).
std::string lookPath(const Proc& p, const std::string& cmd)
{
    if (cmd.find('/') != std::string::npos)
        return cmd;
    const std::string dir = p.fs->locate(cmd);
    return (dir.empty() ? std::string("/usr/bin") : dir) + "/" + cmd;
}

// A process started in a running container: `docker exec`, a healthcheck, or podman exec.
// runc exec (ppid shim) -> runc init (execve + execveat) -> the process, a sibling of runc init (CLONE_PARENT).
Proc containerExec(Sim& s, Container& c, const Args& argv, bool tty, uint32_t uid = 0)
{
    Proc front = s.fork(c.shim);
    if (c.podman) {
        front.cwd = "/var/lib/containers/storage/overlay-containers/" + c.id + "/userdata";
        const std::string exec = front.cwd + "/" + s.rng.hex(64);
        s.exec(front, "/usr/bin/crun",
               {"/usr/bin/crun", "--log-format=json", "--log", exec + "/oci-log", "exec", "--pid-file",
                exec + "/exec_pid", "--process", exec + "/exec-process-" + s.rng.digits(9), "--detach", c.id});
    } else {
        front.cwd = c.bundle;
        Args tail = {"exec", "--process", "/tmp/runc-process" + s.rng.digits(s.rng.chance(0.5) ? 9 : 10)};
        if (tty) {
            tail.push_back("--console-socket");
            tail.push_back("/tmp/pty" + s.rng.digits(9) + "/pty.sock");
        }
        for (const std::string& t : {std::string("--detach"), std::string("--pid-file"),
                                     c.bundle + "/" + s.rng.hex(64) + ".pid", c.id})
            tail.push_back(t);
        Args argvRunc = runcArgs(c, {});
        argvRunc.insert(argvRunc.end(), tail.begin(), tail.end());
        s.exec(front, "/usr/sbin/runc", argvRunc);
        s.threads(4, 8);
        s.advance(8, 25);
        Proc init = s.fork(front);
        s.runcReexec(init, c.rootfs);
        s.allocPid(); // runc:[1:CHILD]
    }
    s.advance(10, 50);
    Proc p = s.fork(front);
    enter(p, c);
    if (uid != 0)
        setCreds(p, uid, uid);
    p.style = c.podman ? Style::Glibc : Style::Go;
    if (tty)
        p.tty = "pts" + std::to_string(s.rng.below(3));
    s.exec(p, lookPath(p, argv[0]), argv);
    return p;
}

// Busybox ash built with standalone-shell runs non-NOFORK applets through /proc/self/exe (comm "exe").
void busyboxApplet(Sim& s, const Proc& sh, const Args& argv)
{
    Proc c = s.fork(sh);
    s.exec(c, "/proc/self/exe", argv);
}

// Image-specific start-up after runc start: the entrypoint and what it runs before the main process.
void startWorkload(Sim& s, Container& c)
{
    Proc& e = c.entry;
    switch (c.image) {
    case Image::Busybox:
        if (c.name == "queue")
            s.exec(e, "/bin/sh", {"sh", "-c", "while true; do wget -q -O /tmp/job http://app:8000/jobs/next; sleep 2; "
                                              "done"});
        else
            s.exec(e, "/bin/sh", {"sh", "-c", "while true; do sleep 5; done"});
        break;
    case Image::Python: {
        s.exec(e, "/usr/local/bin/gunicorn",
               {"gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", "--timeout", "60",
                "app.wsgi:application"});
        for (int i = 0; i < 3; ++i) {
            s.advance(1, 6);
            c.forked.push_back(s.fork(e)); // gunicorn workers fork without exec
            s.pin(c.forked.back());
        }
        break;
    }
    case Image::Nginx: {
        s.exec(e, "/docker-entrypoint.sh", {"/docker-entrypoint.sh", "nginx", "-g", "daemon off;"});
        s.advance(1, 4);
        s.run(e, {"find", "/docker-entrypoint.d/", "-mindepth", "1", "-maxdepth", "1", "-type", "f", "-print",
                  "-quit"});
        s.advance(1, 3);
        s.run(e, {"find", "/docker-entrypoint.d/", "-follow", "-type", "f", "-print"});
        s.run(e, {"sort", "-V"});
        Proc ipv6 = s.run(e, {"/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh"});
        s.advance(1, 5);
        s.run(ipv6, {"touch", "/etc/nginx/conf.d/default.conf"});
        s.run(ipv6, {"dpkg-query", "--show", "--showformat=${Conffiles}\\n", "nginx"});
        s.run(ipv6, {"grep", "etc/nginx/conf.d/default.conf"});
        s.run(ipv6, {"cut", "-d", " ", "-f", "3"});
        s.run(ipv6, {"sha256sum", "/etc/nginx/conf.d/default.conf"});
        s.run(ipv6, {"sed", "-i", "-E", "s,listen       80;,listen       80;\\n    listen  [::]:80;,",
                     "/etc/nginx/conf.d/default.conf"});
        s.advance(1, 5);
        Proc tmpl = s.run(e, {"/docker-entrypoint.d/20-envsubst-on-templates.sh"});
        s.run(tmpl, {"find", "/etc/nginx/templates", "-follow", "-type", "f", "-name", "*.template", "-print"});
        s.run(e, {"/docker-entrypoint.d/30-tune-worker-processes.sh"});
        s.advance(2, 8);
        s.exec(e, "/usr/sbin/nginx", {"nginx", "-g", "daemon off;"}); // `exec "$@"`: same pid
        s.setTitle(e, "nginx: master process nginx -g daemon off;");
        for (int i = 0; i < 2; ++i) {
            c.forked.push_back(s.fork(e));
            s.setTitle(c.forked.back(), "nginx: worker process");
            s.pin(c.forked.back());
        }
        break;
    }
    case Image::Postgres: {
        // #!/usr/bin/env bash: env (busybox) runs first and execvp()s bash through the PATH, same pid.
        const Args script = {"docker-entrypoint.sh", "postgres"};
        for (int round = 0; round < 2; ++round) {
            s.exec(e, "/usr/local/bin/docker-entrypoint.sh", script);
            s.execvp(e, {"bash", "/usr/local/bin/docker-entrypoint.sh", "postgres"});
            s.advance(2, 10);
            s.run(e, {"id", "-u"});
            s.run(e, {"mkdir", "-p", "/var/lib/postgresql/data"});
            if (round == 0) {
                s.run(e, {"chmod", "00700", "/var/lib/postgresql/data"});
                s.run(e, {"mkdir", "-p", "/var/run/postgresql"});
                s.run(e, {"chmod", "03775", "/var/run/postgresql"});
                Proc find = s.run(e, {"find", "/var/lib/postgresql/data", "!", "-user", "postgres", "-exec",
                                      "chown", "postgres", "{}", "+"});
                Proc chown = s.fork(find);
                s.execvp(chown, {"chown", "postgres", "/var/lib/postgresql/data/pg_stat_tmp"});
                s.advance(1, 4);
                s.exec(e, "/sbin/su-exec", {"su-exec", "postgres", "/usr/local/bin/docker-entrypoint.sh",
                                            "postgres"}); // exec su-exec postgres "$BASH_SOURCE" "$@"
                setCreds(e, 70, 70);
            }
        }
        s.advance(5, 20);
        s.exec(e, "/usr/local/bin/postgres", {"postgres"}); // exec "$@"
        s.setTitle(e, "postgres");
        for (const char* worker : {"postgres: checkpointer ", "postgres: background writer ",
                                   "postgres: walwriter ", "postgres: autovacuum launcher ",
                                   "postgres: archiver last was 000000010000000000000003",
                                   "postgres: logical replication launcher "}) {
            s.advance(0, 3);
            c.forked.push_back(s.fork(e));
            s.setTitle(c.forked.back(), worker);
            s.pin(c.forked.back());
        }
        break;
    }
    case Image::Redis: {
        s.exec(e, "/usr/local/bin/docker-entrypoint.sh", {"docker-entrypoint.sh", "redis-server", "--appendonly",
                                                          "yes"});
        s.advance(1, 5);
        Proc find = s.run(e, {"find", ".", "!", "-user", "redis", "-exec", "chown", "redis", "{}", "+"});
        Proc chown = s.fork(find);
        s.execvp(chown, {"chown", "redis", "./appendonlydir"});
        s.advance(1, 4);
        s.exec(e, "/usr/local/bin/gosu", {"gosu", "redis", "/usr/local/bin/docker-entrypoint.sh", "redis-server",
                                          "--appendonly", "yes"});
        setCreds(e, 999, 999);
        s.exec(e, "/usr/local/bin/docker-entrypoint.sh", {"/usr/local/bin/docker-entrypoint.sh", "redis-server",
                                                          "--appendonly", "yes"});
        s.advance(1, 4);
        s.exec(e, "/usr/local/bin/redis-server", {"redis-server", "--appendonly", "yes"});
        s.setTitle(e, "redis-server *:6379");
        break;
    }
    case Image::Alpine:
        break;
    }
}

// Docker start: containerd -> shim "start" -> shim daemon (re-parented to PID 1) -> runc create -> runc init
// (execve + execveat) + dockerd's prestart hook -> runc start -> entrypoint (ppid = shim, pid allocated by runc init).
void dockerStart(Sim& s, Container& c, const Args& entryArgv = {})
{
    Proc launcher = s.fork(s.containerd);
    launcher.cwd = c.bundle;
    s.exec(launcher, "/usr/bin/containerd-shim-runc-v2",
           {"/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-address", "/run/containerd/containerd.sock",
            "-publish-binary", "/usr/bin/containerd", "-id", c.id, "start"});
    s.threads(3, 6);
    s.advance(4, 15);
    c.shim = s.fork(launcher);
    s.exec(c.shim, "/usr/bin/containerd-shim-runc-v2",
           {"/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", c.id, "-address",
            "/run/containerd/containerd.sock"});
    s.pin(c.shim);
    c.shim.ppid = 1; // the launcher exits; the shim (a subreaper) now belongs to PID 1
    s.threads(6, 12);
    s.advance(8, 20);
    Proc create = s.fork(c.shim);
    s.exec(create, "/usr/sbin/runc",
           runcArgs(c, {"create", "--bundle", c.bundle, "--pid-file", c.bundle + "/init.pid", c.id}));
    s.threads(4, 8);
    s.advance(10, 25);
    Proc init = s.fork(create);
    s.runcReexec(init, c.rootfs);
    s.allocPid(); // runc:[1:CHILD]
    c.entry = s.fork(init);
    s.pin(c.entry);
    s.advance(20, 40);
    Proc hook = s.fork(create);
    s.exec(hook, "/proc/" + std::to_string(s.dockerd.pid) + "/exe",
           {"libnetwork-setkey", "-exec-root=/var/run/docker", c.id, s.rng.hex(12)}, {"/usr/sbin/dockerd", "", false});
    s.advance(40, 100);
    Proc ipv6 = s.fork(s.dockerd);
    s.exec(ipv6, "/proc/self/exe", {"set-ipv6", "/var/run/docker/netns/" + s.rng.hex(12), "all", "false"});
    s.advance(80, 160);
    Proc start = s.fork(c.shim);
    s.exec(start, "/usr/sbin/runc", runcArgs(c, {"start", c.id}));
    s.advance(3, 12);
    c.entry.ppid = c.shim.pid; // runc create has exited: the shim (subreaper) is the parent
    enter(c.entry, c);
    c.entry.style = Style::Go;
    if (!entryArgv.empty()) {
        s.exec(c.entry, lookPath(c.entry, entryArgv[0]), entryArgv);
        return;
    }
    startWorkload(s, c);
}

// Cleanup after the container's PID 1 exited: runc delete, then "shim … delete" from containerd.
void dockerStop(Sim& s, Container& c)
{
    s.advance(20, 80);
    Proc del = s.fork(c.shim);
    s.exec(del, "/usr/sbin/runc", runcArgs(c, {"delete", c.id}));
    s.advance(10, 30);
    Proc shimDelete = s.fork(s.containerd);
    shimDelete.cwd = c.bundle;
    s.exec(shimDelete, "/usr/bin/containerd-shim-runc-v2",
           {"/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-address", "/run/containerd/containerd.sock",
            "-publish-binary", "/usr/bin/containerd", "-id", c.id, "-bundle", c.bundle, "delete"});
    s.advance(5, 15);
    Proc force = s.fork(shimDelete);
    s.exec(force, "/usr/sbin/runc", runcArgs(c, {"delete", "--force", c.id}));
    s.unpin(c.shim);
    s.unpin(c.entry);
    for (const Proc& f : c.forked)
        s.unpin(f);
    c.forked.clear();
}

std::unique_ptr<Container> makeContainer(Sim& s, Image image, std::string name)
{
    static int devMinor = 0x28;
    auto c = std::make_unique<Container>();
    c->id = s.rng.hex(64);
    c->name = std::move(name);
    c->image = image;
    c->fs = makeImageFs(s, image, devMinor);
    devMinor = devMinor >= 0xfe ? 0x28 : devMinor + 1;
    c->bundle = "/run/containerd/io.containerd.runtime.v2.task/moby/" + c->id;
    c->rootfs = "/var/lib/docker/overlay2/" + s.rng.hex(64) + "/merged";
    c->path = image == Image::Python ? &kPythonImagePath : &kRootPath;
    c->addr = inet(172, 18, 0, 2 + static_cast<int>(s.rng.below(40)), 0);
    switch (image) {
    case Image::Python:
        c->workdir = "/app";
        c->uid = c->gid = 1000;
        break;
    case Image::Redis:
        c->workdir = "/data";
        break;
    default:
        break;
    }
    return c;
}

// ---- Actors --------------------------------------------------------------------------------------------------------

// A long-running Docker container: started when the log begins (restart policy), then its own activity and
// healthchecks run by dockerd through the shim (runc exec -> runc init -> /bin/sh -c …).
class ContainerActor : public Actor
{
public:
    explicit ContainerActor(std::unique_ptr<Container> c) : c_(std::move(c)) {}

    int64_t step(Sim& s) override
    {
        Container& c = *c_;
        if (!started_) {
            dockerStart(s, c);
            s.dockerContainers.push_back(&c);
            started_ = true;
            nextHealth_ = s.now + healthInterval();
            return 500;
        }
        if (hasHealthcheck() && s.now >= nextHealth_) {
            healthcheck(s);
            nextHealth_ = s.now + healthInterval() + s.rng.below(40);
        }
        const int64_t next = activity(s);
        if (hasHealthcheck())
            return std::min<int64_t>(next, static_cast<int64_t>(nextHealth_ > s.now ? nextHealth_ - s.now : 0));
        return next;
    }

private:
    // HEALTHCHECK interval in ms (0: none). Each check is a runc exec chain with a runc init execveat.
    uint64_t healthInterval() const
    {
        switch (c_->image) {
        case Image::Nginx:
            return 60000;
        case Image::Postgres:
            return 120000;
        default:
            return 0;
        }
    }

    bool hasHealthcheck() const { return healthInterval() != 0; }

    void healthcheck(Sim& s)
    {
        Container& c = *c_;
        switch (c.image) {
        case Image::Nginx: {
            Proc sh = containerExec(s, c, {"/bin/sh", "-c", "curl -fsS http://localhost/ || exit 1"}, false);
            Proc curl = s.run(sh, {"curl", "-fsS", "http://localhost/"});
            s.connect(curl, inet(127, 0, 0, 1, 80));
            break;
        }
        case Image::Postgres: {
            Proc p = containerExec(s, c, {"pg_isready", "-U", "postgres"}, false);
            s.connect(p, unixSocket("/var/run/postgresql/.s.PGSQL.5432"));
            break;
        }
        case Image::Redis: {
            Proc p = containerExec(s, c, {"redis-cli", "ping"}, false);
            s.connect(p, inet(127, 0, 0, 1, 6379));
            break;
        }
        default:
            break;
        }
    }

    // The container's own work between healthchecks; returns the delay to the next step.
    int64_t activity(Sim& s)
    {
        Container& c = *c_;
        switch (c.image) {
        case Image::Busybox: {
            if (c.name == "queue") {
                // A polling loop: wget the next job, sleep 2.
                Proc w = s.fork(c.entry);
                s.exec(w, "/proc/self/exe", {"wget", "-q", "-O", "/tmp/job", "http://app:8000/jobs/next"});
                if (s.wantOther())
                    s.connect(w, inet(172, 18, 0, 4, 8000), true);
                s.advance(5, 60);
                busyboxApplet(s, c.entry, {"sleep", "2"});
                return 2000 + s.rng.range(5, 30);
            }
            busyboxApplet(s, c.entry, {"sleep", "5"});
            if (++ticks_ % 12 == 0) {
                Proc w = s.fork(c.entry);
                s.exec(w, "/proc/self/exe", {"wget", "-q", "-O", "/dev/null", "http://app:8000/healthz"});
                s.connect(w, inet(172, 18, 0, 4, 8000), true);
            }
            return 5000 + s.rng.range(2, 12);
        }
        case Image::Python: {
            if (s.now >= nextJob_) {
                appSubprocess(s);
                nextJob_ = s.now + static_cast<uint64_t>(s.rng.expo(25000));
            }
            return static_cast<int64_t>(nextJob_ - s.now);
        }
        case Image::Postgres: {
            if (s.now >= nextJob_) {
                // WAL archiving: archive_command runs from the archiver backend (a child that never exec'd).
                Proc& archiver = c.forked[4];
                std::string upper = "0000000100000000000000" + s.rng.hex(2);
                std::transform(upper.begin(), upper.end(), upper.begin(),
                               [](char ch) { return static_cast<char>(std::toupper(static_cast<unsigned char>(ch))); });
                Proc sh = s.fork(archiver);
                s.exec(sh, "/bin/sh", {"sh", "-c", "test ! -f /archive/" + upper + " && cp pg_wal/" + upper +
                                                       " /archive/" + upper});
                s.run(sh, {"cp", "pg_wal/" + upper, "/archive/" + upper});
                nextJob_ = s.now + 300000 + s.rng.below(60000);
            }
            return static_cast<int64_t>(std::min<uint64_t>(nextJob_ - s.now, 30000));
        }
        default:
            return 30000;
        }
    }

    // gunicorn workers shell out now and then: shell=True pipelines, or argv lists that python searches for in
    // $PATH itself (a failed execve per directory, /usr/local/bin twice in python images).
    void appSubprocess(Sim& s)
    {
        Container& c = *c_;
        Proc& worker = c.forked[s.rng.below(c.forked.size())];
        if (s.wantFail() && s.rng.chance(0.15)) {
            Proc child = s.fork(worker);
            s.execvp(child, {"git", "rev-parse", "--short", "HEAD"}); // git is not in the slim image
            return;
        }
        const size_t kind = s.rng.weighted({5, 3, 2});
        if (kind == 0) {
            const std::string file = s.rng.pick(kDocs);
            Proc sh = s.fork(worker);
            s.exec(sh, "/bin/sh", {"/bin/sh", "-c", "pdftotext -layout '/srv/uploads/" + file + "' - | head -c 65536"});
            s.run(sh, {"pdftotext", "-layout", "/srv/uploads/" + file, "-"});
            s.run(sh, {"head", "-c", "65536"});
        } else if (kind == 1 && s.wantFail()) {
            Proc child = s.fork(worker);
            s.execvp(child, {"uname", "-p"});
        } else {
            Proc sh = s.fork(worker);
            s.exec(sh, "/bin/sh", {"/bin/sh", "-c", "uname -p 2> /dev/null"});
            s.run(sh, {"uname", "-p"});
        }
    }

    std::unique_ptr<Container> c_;
    bool started_ = false;
    uint64_t nextHealth_ = 0;
    uint64_t nextJob_ = 0;
    uint64_t ticks_ = 0;
};

// A one-shot `docker run --rm` container: start, a short job, exit, cleanup. Runs synchronously for its caller.
void dockerRunOnce(Sim& s, Image image, const Args& argv)
{
    auto c = makeContainer(s, image, "");
    dockerStart(s, *c, argv);
    Container& ct = *c;
    Proc& sh = ct.entry;
    s.advance(3, 15);
    if (image == Image::Busybox) {
        if (argv.size() > 2 && argv[2].find("base64") != std::string::npos) {
            busyboxApplet(s, sh, {"base64", "-d"});
            busyboxApplet(s, sh, {"sh"});
        } else {
            busyboxApplet(s, sh, {"sleep", "1"});
        }
    } else {
        Proc date = s.run(sh, {"date", "+%F"});
        s.advance(1, 5);
        Proc tar = s.run(sh, {"tar", "czf", "/backup/www-2026.tar.gz", "-C", "/data", "."});
        s.advance(2, 30);
        s.run(tar, {"gzip", "-f"});
    }
    s.advance(200, 3000);
    dockerStop(s, ct);
}

// Interactive `docker exec -it NAME sh|bash`: the shell is a child of runc; typed commands are its children.
void dockerExecSession(Sim& s, Container& c)
{
    const bool debianImage = c.image == Image::Python || c.image == Image::Nginx || c.image == Image::Redis;
    Proc sh = containerExec(s, c, {debianImage ? "bash" : "sh"}, true);
    const int n = s.rng.range(2, 7);
    for (int i = 0; i < n; ++i) {
        s.advance(800, 9000);
        if (c.image == Image::Busybox) {
            // ls, id, ps are NOFORK applets: no exec at all. Only e.g. sleep/wget/base64 exec.
            if (s.rng.chance(0.5))
                busyboxApplet(s, sh, {"sleep", "1"});
            continue;
        }
        static constexpr const char* cmds[][4] = {{"ls", "-la", nullptr, nullptr},
                                                  {"cat", "/etc/os-release", nullptr, nullptr},
                                                  {"env", nullptr, nullptr, nullptr},
                                                  {"ps", "aux", nullptr, nullptr},
                                                  {"df", "-h", nullptr, nullptr},
                                                  {"hostname", "-i", nullptr, nullptr}};
        const auto& pick = s.rng.pick(cmds);
        Args a;
        for (const char* w : pick)
            if (w)
                a.push_back(w);
        s.run(sh, a);
    }
}

// An SSH login: sshd re-execs itself for the connection (-R), PAM records, pam_motd's run-parts, then a bash login
// shell whose parent (the privilege-separated sshd child) never exec'd, then commands until logout.
class Session : public Actor
{
public:
    Session(uint32_t uid, std::string user) : uid_(uid), user_(std::move(user)) {}

    int64_t step(Sim& s) override
    {
        if (phase_ == 0) {
            login(s);
            phase_ = 1;
            left_ = s.rng.range(8, 120);
            return s.rng.range(500, 4000);
        }
        if (left_-- <= 0) {
            logout(s);
            return -1;
        }
        command(s);
        return 1500 + s.rng.expo(9000);
    }

private:
    void login(Sim& s)
    {
        const std::string addr = s.rng.pick(kClientAddrs);
        conn_ = s.fork(s.sshd);
        s.exec(conn_, "/usr/sbin/sshd", {"/usr/sbin/sshd", "-D", "-R"});
        s.pin(conn_);
        s.setTitle(conn_, "sshd: " + user_ + " [priv]");
        s.advance(30, 400);
        s.userMsg("USER_ACCT", conn_, "PAM:accounting", "pam_permit", user_, "/usr/sbin/sshd", addr, addr, "ssh");
        s.advance(0, 3);
        s.userMsg("CRED_ACQ", conn_, "PAM:setcred", "pam_permit", user_, "/usr/sbin/sshd", addr, addr, "ssh");
        conn_.auid = uid_;
        conn_.ses = s.newSession();
        s.advance(5, 20);

        // pam_motd: sh -c "/usr/bin/env -i PATH=… run-parts …": dash execs env (same pid), env execvp()s run-parts.
        Proc motd = s.fork(conn_);
        s.exec(motd, "/bin/sh",
               {"sh", "-c",
                "/usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin run-parts "
                "--lsbsysinit /etc/update-motd.d > /run/motd.dynamic.new"});
        s.exec(motd, "/usr/bin/env",
               {"/usr/bin/env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "run-parts",
                "--lsbsysinit", "/etc/update-motd.d"});
        s.execvp(motd, {"run-parts", "--lsbsysinit", "/etc/update-motd.d"});
        Proc uname = s.run(motd, {"/etc/update-motd.d/10-uname"});
        s.run(uname, {"uname", "-snrvm"});
        s.advance(10, 60);

        priv_ = s.fork(conn_);
        setCreds(priv_, uid_, uid_);
        s.pin(priv_);
        const std::string pts = std::to_string(s.rng.below(6));
        s.setTitle(priv_, "sshd: " + user_ + "@pts/" + pts);
        bash_ = s.fork(priv_);
        bash_.tty = "pts" + pts;
        bash_.cwd = home();
        bash_.path = uid_ == 0 ? &kRootPath : &kUserPath;
        s.exec(bash_, "/bin/bash", {"-bash"});
        s.pin(bash_);
        s.advance(2, 10);
        s.run(bash_, {"id", "-u"}); // /etc/profile: if [ "$(id -u)" -eq 0 ]
        s.run(bash_, {"lesspipe"}); // ~/.bashrc: eval "$(SHELL=/bin/sh lesspipe)"
        s.run(bash_, {"dircolors", "-b"});
    }

    void logout(Sim& s)
    {
        s.run(bash_, {"/usr/bin/clear_console", "-q"}); // ~/.bash_logout
        s.unpin(bash_);
        s.unpin(priv_);
        s.unpin(conn_);
    }

    std::string home() const { return uid_ == 0 ? "/root" : "/home/" + user_; }

    std::string project(Sim& s) const { return home() + "/src/" + s.rng.pick(kProjects); }

    // Pipelines: bash forks every element first, then they exec within the same millisecond or two.
    void pipeline(Sim& s, const std::vector<Args>& parts)
    {
        std::vector<Proc> kids;
        for (size_t i = 0; i < parts.size(); ++i)
            kids.push_back(s.fork(bash_));
        for (size_t i = 0; i < parts.size(); ++i) {
            const std::string dir = bash_.fs->locate(parts[i][0]);
            s.exec(kids[i], (dir.empty() ? "/usr/bin" : dir) + "/" + parts[i][0], parts[i]);
            s.advance(0, 1);
        }
    }

    void sudo(Sim& s, const Args& cmd)
    {
        Args argv = {"sudo"};
        argv.insert(argv.end(), cmd.begin(), cmd.end());
        Proc su = s.fork(bash_);
        su.euid = su.suid = su.fsuid = 0; // setuid root: the exec record already shows the new credentials
        s.exec(su, "/usr/bin/sudo", argv);
        s.advance(5, 40);
        s.userMsg("USER_ACCT", su, "PAM:accounting", "pam_permit", user_, "/usr/bin/sudo", "?", "?",
                  "/dev/" + bash_.tty.substr(0, 3) + "/" + bash_.tty.substr(3));
        s.userMsg("CRED_ACQ", su, "PAM:setcred", "pam_permit", "root", "/usr/bin/sudo", "?", "?",
                  "/dev/" + bash_.tty.substr(0, 3) + "/" + bash_.tty.substr(3));
        // use_pty: sudo forks a monitor (no exec) which forks the command.
        Proc monitor = s.fork(su);
        setCreds(monitor, 0, 0);
        monitor.path = &kRootPath;
        s.advance(1, 5);
        Proc c = s.fork(monitor);
        const std::string dir = c.fs->locate(cmd[0]);
        s.exec(c, cmd[0].find('/') != std::string::npos ? cmd[0] : (dir.empty() ? "/usr/bin" : dir) + "/" + cmd[0],
               cmd);
        if (cmd[0] == "apt-get") {
            for (int i = 0; i < 3; ++i) {
                Proc m = s.fork(c);
                setCreds(m, 42, 65534);
                s.exec(m, "/usr/lib/apt/methods/http", {"/usr/lib/apt/methods/http"});
                s.connect(m, inet(151, 101, 2, 132, 80), true);
            }
            Proc gpgv = s.fork(c);
            s.exec(gpgv, "/usr/bin/apt-key", {"/usr/bin/apt-key", "--quiet", "--readonly", "verify"});
        } else if (cmd[0] == "podman") {
            s.connect(c, unixSocket("/run/podman/podman.sock"));
        }
    }

    void command(Sim& s)
    {
        if (s.wantLong() && s.rng.chance(0.3)) {
            longCommand(s);
            return;
        }
        if (s.wantFail() && s.rng.chance(0.15)) {
            // ./deploy.sh in the wrong directory: bash execve()s a slash path directly and gets ENOENT.
            Proc c = s.fork(bash_);
            s.execFail(c, s.rng.pick({"./deploy.sh", "./run-tests.sh", "bin/start", "./configure"}));
            return;
        }
        const std::string proj = project(s);
        switch (s.rng.weighted({14, 8, 6, 6, 6, 5, 7, 5, 4, 1, 1, 3, 4, 3, 4, 3, 3})) {
        case 0:
            s.run(bash_, {"ls", "--color=auto", s.rng.chance(0.5) ? "-la" : "-lh"});
            break;
        case 1: {
            const std::string doc = s.rng.pick(kDocs);
            s.run(bash_, {s.rng.pick({"cat", "less", "head", "tail"}), doc});
            break;
        }
        case 2:
            s.run(bash_, {"grep", "--color=auto", "-rn", s.rng.pick(kGrepWords), "."});
            break;
        case 3:
            pipeline(s, {{"ps", "aux"}, {"grep", "--color=auto", "-v", "grep"}, {"grep", "--color=auto", "python"}});
            break;
        case 4:
            pipeline(s, {{"awk", "{print $1}", "/var/log/nginx/access.log"},
                         {"sort"},
                         {"uniq", "-c"},
                         {"sort", "-rn"},
                         {"head", "-20"}});
            break;
        case 5: {
            bash_.cwd = proj;
            Proc git = s.run(bash_, {"git", "status"});
            if (s.rng.chance(0.5))
                s.run(git, {"less"}); // the pager
            break;
        }
        case 6: {
            bash_.cwd = proj;
            Proc git = s.run(bash_, {"git", "pull", "--rebase"});
            Proc fetch = s.fork(git);
            s.exec(fetch, "/usr/lib/git-core/git", {"git", "fetch", "--update-head-ok"});
            Proc remote = s.fork(fetch);
            s.exec(remote, "/usr/lib/git-core/git-remote-https",
                   {"git-remote-https", "origin",
                    "https://git.example.com/platform/" + std::string(baseName(proj)) + ".git"});
            s.connect(remote, inet(192, 0, 2, 80, 443), true);
            s.advance(300, 1500);
            Proc rebase = s.fork(git);
            s.exec(rebase, "/usr/lib/git-core/git", {"git", "rebase", "FETCH_HEAD"});
            break;
        }
        case 7: {
            bash_.cwd = proj;
            s.run(bash_, {"git", "commit", "-am", s.rng.pick(kCommitMsgs)});
            break;
        }
        case 8: {
            Proc d = s.run(bash_, {"docker", s.rng.pick({"ps", "images", "stats"}),
                                   s.rng.chance(0.5) ? "--no-trunc" : "-a"});
            s.connect(d, unixSocket("/var/run/docker.sock"));
            break;
        }
        case 9: {
            if (s.dockerContainers.empty())
                break;
            Container& c = *s.dockerContainers[s.rng.below(s.dockerContainers.size())];
            Proc d = s.run(bash_, {"docker", "exec", "-it", c.name,
                                   c.image == Image::Busybox || c.image == Image::Postgres ? "sh" : "bash"});
            s.connect(d, unixSocket("/var/run/docker.sock"));
            s.advance(30, 120);
            dockerExecSession(s, c);
            break;
        }
        case 10: {
            const bool b64 = s.rng.chance(0.3);
            Args cmd = b64 ? Args{"sh", "-c", "echo aWQ7IHVuYW1lIC1hOyBjYXQgL2V0Yy9vcy1yZWxlYXNl | base64 -d | sh"}
                           : Args{"sh", "-c", "tar czf /backup/www-$(date +%F).tar.gz -C /data ."};
            Args argv = {"docker", "run", "--rm", "-v", "/srv/www:/data:ro", b64 ? "busybox:1.36" : "alpine:3.19"};
            argv.insert(argv.end(), cmd.begin(), cmd.end());
            Proc d = s.run(bash_, argv);
            s.connect(d, unixSocket("/var/run/docker.sock"));
            s.advance(50, 200);
            dockerRunOnce(s, b64 ? Image::Busybox : Image::Alpine, cmd);
            break;
        }
        case 11:
            sudo(s, s.rng.chance(0.5) ? Args{"systemctl", "restart", "nginx"}
                                      : Args{"journalctl", "-u", "docker", "--since", "1 hour ago", "--no-pager"});
            break;
        case 12:
            if (s.rng.chance(0.3))
                sudo(s, {"apt-get", "update"});
            else
                sudo(s, {"tail", "-n", "200", "/var/log/auth.log"});
            break;
        case 13: {
            // Same-pid chains: env and nohup execvp() their command in the same process.
            Proc env = s.run(bash_, {"env", "LC_ALL=C", "sort", "-u", "names.txt"});
            s.execvp(env, {"sort", "-u", "names.txt"});
            break;
        }
        case 14: {
            bash_.cwd = proj;
            Proc sh = s.run(bash_, {"sh", "-c", "exec python3 tools/report.py --since '2 days ago' --format csv"});
            s.exec(sh, "/usr/bin/python3", {"python3", "tools/report.py", "--since", "2 days ago", "--format", "csv"});
            Proc sub = s.fork(sh);
            s.execvp(sub, {"git", "log", "--since=2 days ago", "--pretty=format:%h %an %s"});
            break;
        }
        case 15: {
            const std::string dir = s.rng.pick({std::string("/home/") + user_ + "/Projects/Q3 report",
                                                std::string("/srv/share/Отчёты 2025"),
                                                std::string("/srv/share/données clients")});
            bash_.cwd = dir;
            s.run(bash_, {"ls", "--color=auto", "-l"});
            s.run(bash_, {"cp", s.rng.pick(kDocs), "/srv/backup/"});
            break;
        }
        case 16: {
            Proc ssh = s.run(bash_, {"ssh", std::string("deploy@") + s.rng.pick(kRemoteHosts), "uptime; df -h /"});
            s.connect(ssh, inet(10, 0, 2, 15, 22), true);
            break;
        }
        }
        if (s.rng.chance(0.1))
            bash_.cwd = home();
    }

    // ~0.5 % of execs carry one argument over 7.5 KB: a JSON body for curl, a base64 blob piped to sh, a script.
    void longCommand(Sim& s)
    {
        const size_t n = 7700 + s.rng.below(1500);
        switch (s.rng.below(3)) {
        case 0: {
            Proc c = s.run(bash_, {"curl", "-sS", "-X", "POST", "-H", "Content-Type: application/json", "-d",
                                   jsonBlob(s.rng, n), "https://inventory.internal.example/api/v2/import"});
            s.connect(c, inet(10, 0, 3, 17, 443), true);
            break;
        }
        case 1: {
            Proc c = s.run(bash_, {"sh", "-c", "echo " + base64Blob(s.rng, n) + " | base64 -d | sh"});
            s.run(c, {"base64", "-d"});
            s.run(c, {"sh"});
            break;
        }
        default:
            s.run(bash_, {"python3", "-c", "import sys,json\nDATA = '" + base64Blob(s.rng, n) +
                                               "'\nprint(len(DATA))\n"});
            break;
        }
    }

    uint32_t uid_;
    std::string user_;
    int phase_ = 0;
    int left_ = 0;
    Proc conn_, priv_, bash_;
};

// cron: a child that never execs writes the PAM records and starts `/bin/sh -c <job>`; jobs get a new session id.
class CronActor : public Actor
{
public:
    int64_t step(Sim& s) override
    {
        const uint64_t minute = s.now / 60000;
        if (minute % 10 == 5)
            job(s, "command -v debian-sa1 > /dev/null && debian-sa1 1 1", 0);
        if (minute % 15 == 0)
            job(s, "/usr/local/bin/backup-db.sh >> /var/log/backup-db.log 2>&1", 1);
        job(s, "/usr/local/bin/healthping.sh > /dev/null 2>&1", 2);
        if (minute % 60 == 17)
            job(s, "cd / && run-parts --report /etc/cron.hourly", 3);
        if (minute % 1440 == 385)
            job(s, "test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }", 4);
        // Wake at the next minute boundary (cron runs jobs at second 0 plus a little).
        return static_cast<int64_t>((minute + 1) * 60000 - s.now) + s.rng.range(0, 40);
    }

private:
    void job(Sim& s, const std::string& line, int kind)
    {
        Proc child = s.fork(s.cron);
        s.userMsg("USER_ACCT", child, "PAM:accounting", "pam_permit", "root", "/usr/sbin/cron", "?", "?", "cron");
        s.userMsg("CRED_ACQ", child, "PAM:setcred", "pam_permit,pam_env", "root", "/usr/sbin/cron", "?", "?", "cron");
        child.auid = 0;
        child.ses = s.newSession();
        child.path = &kCronPath;
        child.cwd = "/root";
        Proc sh = s.fork(child);
        s.exec(sh, "/bin/sh", {"/bin/sh", "-c", line});
        s.advance(1, 4);
        switch (kind) {
        case 0: {
            // dash execs the last command of an && list in place: sh -> debian-sa1 -> sa1 -> sadc, one pid.
            s.exec(sh, "/usr/lib/sysstat/debian-sa1", {"debian-sa1", "1", "1"});
            s.exec(sh, "/usr/lib/sysstat/sa1", {"/usr/lib/sysstat/sa1", "1", "1"});
            s.exec(sh, "/usr/lib/sysstat/sadc", {"/usr/lib/sysstat/sadc", "-F", "-L", "-S", "DISK", "1", "1",
                                                 "/var/log/sysstat"});
            break;
        }
        case 1: {
            Proc script = s.fork(sh);
            s.exec(script, "/usr/local/bin/backup-db.sh", {"/usr/local/bin/backup-db.sh"});
            s.run(script, {"date", "+%F_%H%M"});
            Proc d = s.run(script, {"docker", "exec", "db", "pg_dump", "-U", "postgres", "-Fc", "appdb"});
            s.connect(d, unixSocket("/var/run/docker.sock"));
            for (Container* c : s.dockerContainers) {
                if (c->image == Image::Postgres) {
                    s.advance(30, 90);
                    Proc dump = containerExec(s, *c, {"pg_dump", "-U", "postgres", "-Fc", "appdb"}, false);
                    s.connect(dump, unixSocket("/var/run/postgresql/.s.PGSQL.5432"));
                    break;
                }
            }
            s.advance(200, 2000);
            s.run(script, {"gzip", "-9"});
            s.run(script, {"find", "/srv/backups/db", "-name", "*.dump.gz", "-mtime", "+14", "-delete"});
            break;
        }
        case 2: {
            s.exec(sh, "/usr/local/bin/healthping.sh", {"/usr/local/bin/healthping.sh"});
            Proc curl = s.run(sh, {"curl", "-fsS", "-m", "10", "--retry", "3",
                                   "https://hc-ping.example.net/4f0c2d1e-9a7b-4c55-8d0e-" + s.rng.hex(12)});
            s.connect(curl, inet(198, 51, 100, 80, 443), true);
            break;
        }
        case 3:
            s.exec(sh, "/usr/bin/run-parts", {"run-parts", "--report", "/etc/cron.hourly"});
            break;
        case 4: {
            Proc rp = s.fork(sh);
            s.exec(rp, "/usr/bin/run-parts", {"run-parts", "--report", "/etc/cron.daily"});
            for (const char* script : {"/etc/cron.daily/apt-compat", "/etc/cron.daily/dpkg", "/etc/cron.daily/man-db",
                                       "/etc/cron.daily/sysstat"}) {
                Proc sc = s.fork(rp);
                s.exec(sc, script, {script});
                s.run(sc, {"which", "on_ac_power"});
                s.advance(20, 200);
            }
            break;
        }
        }
    }
};

// A CI runner (gitlab-runner shell executor): jobs run `bash --login`, git, a C build and tests. Builds use one of
// three real process shapes: ninja (every command through /bin/sh -c, dash execs the compiler in place: same pid),
// make with shell recipes (sh -c "mkdir -p … && gcc …"), or make exec'ing gcc itself with execvp() (a failed execve
// for /usr/local/bin/gcc first).
class CiActor : public Actor
{
public:
    int64_t step(Sim& s) override
    {
        if (phase_ == 0) {
            startJob(s);
            return s.rng.range(300, 2000);
        }
        if (phase_ == 1) {
            if (files_-- > 0) {
                compile(s);
                return s.rng.range(80, 600);
            }
            link(s);
            phase_ = 2;
            return s.rng.range(500, 3000);
        }
        test(s);
        s.unpin(job_);
        phase_ = 0;
        return 10000 + s.rng.expo(200000);
    }

private:
    enum class Build
    {
        Ninja,
        MakeShell,
        MakeExecvp,
    };

    void startJob(Sim& s)
    {
        project_ = s.rng.pick(kProjects);
        dir_ = "/home/gitlab-runner/builds/" + s.rng.hex(8) + "/0/platform/" + project_;
        job_ = s.fork(s.runner);
        job_.cwd = dir_;
        s.exec(job_, "/usr/bin/bash", {"bash", "--login"});
        s.pin(job_);
        Proc git = s.run(job_, {"git", "-c", "http.userAgent=gitlab-runner 16.7.0 linux/amd64", "fetch", "origin",
                                "--depth", "20", "--prune", "--quiet"});
        Proc remote = s.fork(git);
        s.exec(remote, "/usr/lib/git-core/git-remote-https",
               {"git-remote-https", "origin", "https://gitlab-ci-token@git.example.com/platform/" + project_ + ".git"});
        s.connect(remote, inet(192, 0, 2, 80, 443), true);
        s.advance(400, 2500);
        s.run(job_, {"git", "checkout", "-f", "-q", s.rng.hex(40)});
        s.run(job_, {"git", "clean", "-ffdx"});
        const size_t style = s.rng.weighted({50, 35, s.wantFail() ? 15 : 0});
        build_ = static_cast<Build>(style);
        if (build_ == Build::Ninja) {
            job_.cwd = dir_ + "/build";
            make_ = s.run(job_, {"ninja", "-j2"});
        } else {
            make_ = s.run(job_, {"make", "-j2", "all"});
        }
        files_ = s.rng.range(6, 24);
        phase_ = 1;
    }

    void compile(Sim& s)
    {
        const std::string src = s.rng.pick(kSrcFiles) + std::string(s.rng.chance(0.3) ? "_test" : "");
        const std::string obj =
            build_ == Build::Ninja ? "CMakeFiles/app.dir/src/" + src + ".c.o" : "build/" + src + ".o";
        const Args cc = {build_ == Build::Ninja ? "/usr/bin/cc" : "gcc", "-O2", "-g", "-Wall", "-Iinclude", "-c",
                         "-o", obj, (build_ == Build::Ninja ? "../src/" : "src/") + src + ".c"};
        Proc gcc = s.fork(make_);
        switch (build_) {
        case Build::Ninja:
            s.exec(gcc, "/bin/sh", {"/bin/sh", "-c", join(cc)});
            s.exec(gcc, "/usr/bin/cc", cc);
            break;
        case Build::MakeShell:
            s.exec(gcc, "/bin/sh", {"/bin/sh", "-c", "mkdir -p build && " + join(cc)});
            s.run(gcc, {"mkdir", "-p", "build"});
            s.exec(gcc, "/usr/bin/gcc", cc);
            break;
        case Build::MakeExecvp:
            s.execvp(gcc, cc);
            break;
        }
        Proc cc1 = s.fork(gcc);
        s.exec(cc1, "/usr/lib/gcc/x86_64-linux-gnu/12/cc1",
               {"/usr/lib/gcc/x86_64-linux-gnu/12/cc1", "-quiet", "-Iinclude", cc.back(), "-quiet", "-dumpbase",
                src + ".c", "-g", "-O2", "-Wall", "-o", "/tmp/cc" + s.rng.hex(6) + ".s"});
        s.advance(100, 900);
        Proc as = s.fork(gcc);
        s.exec(as, "/usr/bin/as", {"as", "--gdwarf-5", "--64", "-o", obj, "/tmp/cc" + s.rng.hex(6) + ".s"});
    }

    static std::string join(const Args& a)
    {
        std::string s;
        for (const std::string& w : a)
            s += (s.empty() ? "" : " ") + w;
        return s;
    }

    void link(Sim& s)
    {
        Proc gcc = s.fork(make_);
        s.exec(gcc, "/usr/bin/gcc", {"gcc", "-o", "build/" + project_, "build/main.o", "build/parser.o",
                                     "build/config.o", "build/db.o", "-lpthread", "-lm"});
        Proc collect2 = s.fork(gcc);
        s.exec(collect2, "/usr/lib/gcc/x86_64-linux-gnu/12/collect2",
               {"/usr/lib/gcc/x86_64-linux-gnu/12/collect2", "-plugin",
                "/usr/lib/gcc/x86_64-linux-gnu/12/liblto_plugin.so", "--build-id", "--eh-frame-hdr", "-m",
                "elf_x86_64", "--hash-style=gnu", "-dynamic-linker", "/lib64/ld-linux-x86-64.so.2", "-pie", "-o",
                "build/" + project_});
        Proc ld = s.fork(collect2);
        s.exec(ld, "/usr/bin/ld", {"/usr/bin/ld", "-plugin", "/usr/lib/gcc/x86_64-linux-gnu/12/liblto_plugin.so",
                                   "--build-id", "-m", "elf_x86_64", "-pie", "-o", "build/" + project_});
    }

    void test(Sim& s)
    {
        job_.cwd = dir_;
        if (s.wantLong()) {
            // Java test runners are a classic source of > 7.5 KB arguments (the classpath).
            s.run(job_, {"java", "-Xmx512m", "-cp", classPath(s.rng, 7700 + s.rng.below(1500)),
                         "org.junit.platform.console.ConsoleLauncher", "--scan-classpath"});
        }
        Proc py = s.run(job_, {"python3", "-m", "pytest", "-q", "tests/"});
        for (int i = s.rng.range(1, 4); i > 0; --i) {
            Proc sub = s.fork(py);
            s.exec(sub, dir_ + "/build/" + project_, {"build/" + project_, "--self-test"});
            s.advance(20, 300);
        }
        s.run(job_, {"tar", "czf", "artifacts.tar.gz", "build/"});
        Proc curl = s.run(job_, {"curl", "-sS", "--fail", "-F", "file=@artifacts.tar.gz",
                                 "https://git.example.com/api/v4/jobs/" + s.rng.digits(7) + "/artifacts"});
        s.connect(curl, inet(192, 0, 2, 80, 443), true);
    }

    int phase_ = 0;
    int files_ = 0;
    Build build_ = Build::Ninja;
    std::string project_;
    std::string dir_;
    Proc job_, make_;
};

// collectd's exec plugin as nobody: a shell script every 10 s, itself a child of a daemon that never exec'd.
class MonitorActor : public Actor
{
public:
    int64_t step(Sim& s) override
    {
        Proc script = s.fork(s.collectd);
        const std::string stats = "/usr/local/lib/collectd/exec/system-stats.sh";
        s.exec(script, stats, {stats});
        s.run(script, {"hostname", "-f"});
        s.run(script, {"df", "-P", "-B1", "/", "/var/lib/docker"});
        s.run(script, {"awk", "/^MemAvailable/ {print $2}", "/proc/meminfo"});
        if (++n_ % 6 == 0)
            s.run(script, {"ip", "-s", "-j", "link", "show", "dev", "eth0"});
        if (n_ % 2 == 0) {
            Proc web = s.fork(s.collectd);
            const std::string status = "/usr/local/lib/collectd/exec/nginx-status.sh";
            s.exec(web, status, {status});
            Proc curl = s.run(web, {"curl", "-s", "http://127.0.0.1:8080/nginx_status"});
            s.connect(curl, inet(127, 0, 0, 1, 8080));
            s.run(web, {"awk", "NR==1 {print $3}"});
        }
        return 10000 + s.rng.range(0, 30);
    }

private:
    uint64_t n_ = 0;
};

// systemd (PID 1) timers: services exec'd directly by PID 1.
class SystemdActor : public Actor
{
public:
    int64_t step(Sim& s) override
    {
        switch (s.rng.below(4)) {
        case 0: {
            Proc lr = s.fork(s.init);
            s.exec(lr, "/usr/sbin/logrotate", {"/usr/sbin/logrotate", "/etc/logrotate.conf"});
            for (const char* svc : {"rsyslog", "nginx"}) {
                Proc sh = s.fork(lr);
                s.exec(sh, "/bin/sh", {"sh", "-c", std::string("\n\t\tinvoke-rc.d --quiet ") + svc +
                                                       " rotate >/dev/null 2>&1 || true\n\t", "logrotate_script",
                                       std::string("/var/log/") + svc + ".log"});
                Proc inv = s.run(sh, {"invoke-rc.d", "--quiet", svc, "rotate"});
                s.run(inv, {"systemctl", "--quiet", "is-enabled", std::string(svc) + ".service"});
            }
            break;
        }
        case 1: {
            Proc apt = s.fork(s.init);
            s.exec(apt, "/usr/lib/apt/apt.systemd.daily", {"/usr/lib/apt/apt.systemd.daily", "update"});
            s.run(apt, {"apt-config", "shell", "StateDir", "Dir::State/d"});
            Proc get = s.run(apt, {"apt-get", "-qq", "-y", "update"});
            for (int i = 0; i < 4; ++i) {
                Proc m = s.fork(get);
                setCreds(m, 42, 65534);
                s.exec(m, "/usr/lib/apt/methods/http", {"/usr/lib/apt/methods/http"});
                s.connect(m, inet(151, 101, 66, 132, 80), true);
            }
            break;
        }
        case 2: {
            Proc t = s.fork(s.init);
            s.exec(t, "/usr/bin/systemd-tmpfiles", {"systemd-tmpfiles", "--clean"});
            break;
        }
        default: {
            Proc m = s.fork(s.init);
            setCreds(m, 6, 12);
            s.exec(m, "/usr/bin/mandb", {"/usr/bin/mandb", "--quiet"});
            break;
        }
        }
        return 1800000 + s.rng.expo(1800000);
    }
};

// Podman (rootful, run by alice through sudo, so the user's auid survives): podman -> conmon (double-forks, the
// daemon never execs) -> crun create; crun start; the entrypoint's parent is the conmon daemon. Exec sessions get
// their own conmon. Cleanup runs "podman … container cleanup" from conmon with alice's auid.
class PodmanActor : public Actor
{
public:
    int64_t step(Sim& s) override
    {
        if (!running_) {
            start(s);
            running_ = true;
            stopAt_ = s.now + 3600000 + static_cast<uint64_t>(s.rng.expo(7200000));
            return s.rng.range(2000, 20000);
        }
        if (s.now >= stopAt_) {
            stop(s);
            running_ = false;
            return 600000 + s.rng.expo(3600000);
        }
        podmanExec(s);
        return 120000 + s.rng.expo(600000);
    }

private:
    Proc podman(Sim& s, const Args& args)
    {
        Proc sh = s.user;
        sh.ses = ses_;
        Proc su = s.fork(sh);
        Args argv = {"sudo", "podman"};
        argv.insert(argv.end(), args.begin(), args.end());
        su.euid = su.suid = su.fsuid = 0;
        s.exec(su, "/usr/bin/sudo", argv);
        s.userMsg("USER_ACCT", su, "PAM:accounting", "pam_permit", "alice", "/usr/bin/sudo", "?", "?", "/dev/pts/4");
        s.userMsg("CRED_ACQ", su, "PAM:setcred", "pam_permit", "root", "/usr/bin/sudo", "?", "?", "/dev/pts/4");
        Proc monitor = s.fork(su);
        setCreds(monitor, 0, 0);
        Proc p = s.fork(monitor);
        Args pargv = {"podman"};
        pargv.insert(pargv.end(), args.begin(), args.end());
        s.exec(p, "/usr/bin/podman", pargv);
        s.threads(5, 10);
        return p;
    }

    Args conmonArgs(const std::string& id, bool execSession)
    {
        const std::string user = "/var/lib/containers/storage/overlay-containers/" + id + "/userdata";
        const std::string run = "/run/containers/storage/overlay-containers/" + id + "/userdata";
        Args a = {"/usr/bin/conmon", "--api-version", "1", "-c", id, "-u", id, "-r", "/usr/bin/crun", "-b", user,
                  "-p", run + "/pidfile", "-n", "api-test", "--exit-dir", "/run/libpod/exits", "--persist-dir",
                  "/run/libpod/persist/" + id, "--full-attach", "-s", "-l", "journald", "--log-level", "warning",
                  "--syslog", "--runtime-arg", "--log-format=json", "--runtime-arg", "--log", "--runtime-arg=" + run +
                  "/oci-log", "--conmon-pidfile", run + "/conmon.pid", "--exit-command", "/usr/bin/podman",
                  "--exit-command-arg", "--root", "--exit-command-arg", "/var/lib/containers/storage",
                  "--exit-command-arg", "--runroot", "--exit-command-arg", "/run/containers/storage",
                  "--exit-command-arg", "--log-level", "--exit-command-arg", "warning", "--exit-command-arg",
                  "--cgroup-manager", "--exit-command-arg", "systemd", "--exit-command-arg", "--tmpdir",
                  "--exit-command-arg", "/run/libpod", "--exit-command-arg", "--runtime", "--exit-command-arg", "crun",
                  "--exit-command-arg", "--storage-driver", "--exit-command-arg", "overlay", "--exit-command-arg",
                  "--events-backend", "--exit-command-arg", "journald", "--exit-command-arg", "container",
                  "--exit-command-arg", "cleanup", "--exit-command-arg", id};
        if (execSession) {
            a.push_back("--exec");
            a.push_back("--exec-attach");
        }
        return a;
    }

    // conmon forks twice without exec; the surviving daemon is re-parented to PID 1.
    Proc conmon(Sim& s, Proc& podman, bool execSession)
    {
        Proc c = s.fork(podman);
        s.exec(c, "/usr/bin/conmon", conmonArgs(c_->id, execSession));
        s.advance(1, 5);
        Proc mid = s.fork(c);
        Proc daemon = s.fork(mid);
        daemon.ppid = 1;
        return daemon;
    }

    void start(Sim& s)
    {
        ses_ = s.newSession();
        c_ = makeContainer(s, Image::Alpine, "api-test");
        Container& c = *c_;
        c.podman = true;
        c.subj = "containers-default-0.50.1 (enforce)";
        c.caps = kCapsPodman;
        c.auid = 1000;
        c.ses = ses_;
        c.bundle = "/var/lib/containers/storage/overlay-containers/" + c.id + "/userdata";
        c.rootfs = "/var/lib/containers/storage/overlay/" + s.rng.hex(64) + "/merged";
        Proc p = podman(s, {"run", "-d", "--name", "api-test", "-p", "8080:80", "docker.io/library/nginx:alpine"});
        s.connect(p, inet(104, 18, 13, 10, 443), true); // registry
        s.advance(200, 900);
        Proc net = s.fork(p);
        s.exec(net, "/usr/lib/podman/netavark",
               {"/usr/lib/podman/netavark", "--config", "/run/containers/networks", "--rootless=false",
                "--aardvark-binary=/usr/lib/podman/aardvark-dns", "setup", "/run/netns/netns-" + s.rng.hex(8) + "-" +
                s.rng.hex(4) + "-" + s.rng.hex(4) + "-" + s.rng.hex(4) + "-" + s.rng.hex(12)});
        s.advance(20, 80);
        c.shim = conmon(s, p, false);
        s.pin(c.shim);
        Proc create = s.fork(c.shim);
        create.cwd = c.bundle;
        const std::string run = "/run/containers/storage/overlay-containers/" + c.id + "/userdata";
        s.exec(create, "/usr/bin/crun", {"/usr/bin/crun", "--log-format=json", "--log", run + "/oci-log", "create",
                                         "--bundle", c.bundle, "--pid-file", run + "/pidfile", c.id});
        c.entry = s.fork(create); // crun clones the container init, which waits for "start"
        s.pin(c.entry);
        s.advance(30, 90);
        Proc start = s.fork(p);
        s.exec(start, "/usr/bin/crun", {"/usr/bin/crun", "--log-format=json", "--log", run + "/oci-log", "start",
                                        c.id});
        s.advance(1, 6);
        c.entry.ppid = c.shim.pid;
        enter(c.entry, c);
        Proc& e = c.entry;
        s.exec(e, "/docker-entrypoint.sh", {"/docker-entrypoint.sh", "nginx", "-g", "daemon off;"});
        s.run(e, {"find", "/docker-entrypoint.d/", "-mindepth", "1", "-maxdepth", "1", "-type", "f", "-print",
                  "-quit"});
        s.run(e, {"/docker-entrypoint.d/30-tune-worker-processes.sh"});
        s.exec(e, "/usr/sbin/nginx", {"nginx", "-g", "daemon off;"});
        s.setTitle(e, "nginx: master process nginx -g daemon off;");
    }

    void podmanExec(Sim& s)
    {
        Container& c = *c_;
        Proc p = podman(s, {"exec", "api-test", "nginx", "-s", "reload"});
        Proc daemon = conmon(s, p, true);
        // The exec session's own conmon is the parent of crun exec.
        const Proc saved = c.shim;
        c.shim = daemon;
        containerExec(s, c, {"nginx", "-s", "reload"}, false);
        c.shim = saved;
    }

    void stop(Sim& s)
    {
        Container& c = *c_;
        Proc p = podman(s, {"rm", "-f", "api-test"});
        Proc kill = s.fork(p);
        s.exec(kill, "/usr/bin/crun", {"/usr/bin/crun", "--log-format=json", "kill", c.id, "9"});
        s.advance(50, 200);
        Proc cleanup = s.fork(c.shim);
        cleanup.auid = 1000;
        cleanup.ses = ses_;
        Args args = conmonArgs(c.id, false);
        Args exitCmd = {"/usr/bin/podman"};
        for (size_t i = 0; i < args.size(); ++i)
            if (args[i] == "--exit-command-arg" && i + 1 < args.size())
                exitCmd.push_back(args[i + 1]);
        s.exec(cleanup, "/usr/bin/podman", exitCmd);
        s.unpin(c.shim);
        s.unpin(c.entry);
    }

    std::unique_ptr<Container> c_;
    bool running_ = false;
    uint64_t stopAt_ = 0;
    uint32_t ses_ = kUnset;
};

// Extra connect() events from long-running processes (runner polling, app workers to the database), which keep
// non-exec events at ~20 % of the serials like a host with an additional network rule.
class NetActor : public Actor
{
public:
    int64_t step(Sim& s) override
    {
        if (s.wantOther()) {
            if (s.rng.chance(0.35)) {
                bruteForce(s);
            } else {
                // The app's gunicorn workers talk to postgres and redis, nginx workers proxy to the app.
                Container* c = s.dockerContainers.empty()
                                   ? nullptr
                                   : s.dockerContainers[s.rng.below(s.dockerContainers.size())];
                if (s.rng.chance(0.4) || !c || (c->image != Image::Python && c->image != Image::Nginx)) {
                    s.connect(s.runner, inet(192, 0, 2, 80, 443));
                } else {
                    Proc& w = c->forked[s.rng.below(c->forked.size())];
                    if (c->image == Image::Nginx)
                        s.connect(w, inet(172, 18, 0, 4, 8000), true);
                    else
                        s.connect(w, s.rng.chance(0.6) ? inet(172, 18, 0, 3, 5432) : inet(172, 18, 0, 5, 6379));
                }
            }
            return s.rng.range(50, 800);
        }
        return 1000 + s.rng.range(0, 1000);
    }

private:
    // Internet SSH password guessing: sshd re-execs per connection, then PAM reports failed authentications.
    // Unknown users are logged as acct="(invalid user)", which needs hex.
    static void bruteForce(Sim& s)
    {
        static constexpr const char* accts[] = {"root", "(invalid user)", "(invalid user)", "admin", "ubuntu"};
        const std::string addr = std::to_string(s.rng.range(1, 223)) + "." + std::to_string(s.rng.below(256)) + "." +
                                 std::to_string(s.rng.below(256)) + "." + std::to_string(s.rng.range(1, 254));
        Proc conn = s.fork(s.sshd);
        s.exec(conn, "/usr/sbin/sshd", {"/usr/sbin/sshd", "-D", "-R"});
        s.setTitle(conn, "sshd: unknown [priv]");
        const char* acct = s.rng.pick(accts);
        for (int i = s.rng.range(1, 3); i > 0; --i) {
            s.advance(1500, 3500);
            s.userMsg("USER_AUTH", conn, "PAM:authentication", "?", acct, "/usr/sbin/sshd", addr, addr, "ssh", false);
        }
    }
};

// ---- Scheduler -----------------------------------------------------------------------------------------------------
class Scheduler
{
public:
    void add(std::unique_ptr<Actor> a, uint64_t at)
    {
        actors_.push_back(std::move(a));
        queue_.push({at, seq_++, actors_.size() - 1});
    }

    // Runs actors in time order until the exec target is reached. The clock only moves forward: an actor that
    // wakes "in the past" (because another one spent time) runs at the current time.
    void run(Sim& s)
    {
        while (!s.full() && !queue_.empty()) {
            const Item it = queue_.top();
            queue_.pop();
            s.now = std::max(s.now, it.at);
            Actor* a = actors_[it.index].get();
            const int64_t delay = a->step(s);
            if (delay < 0)
                actors_[it.index].reset();
            else
                queue_.push({s.now + static_cast<uint64_t>(delay), seq_++, it.index});
            for (auto& [actor, at] : pending_) {
                actors_.push_back(std::move(actor));
                queue_.push({at, seq_++, actors_.size() - 1});
            }
            pending_.clear();
        }
    }

    // Actors created while another one runs.
    void spawn(std::unique_ptr<Actor> a, uint64_t at) { pending_.emplace_back(std::move(a), at); }

private:
    struct Item
    {
        uint64_t at;
        uint64_t seq;
        size_t index;
        bool operator>(const Item& o) const { return at != o.at ? at > o.at : seq > o.seq; }
    };
    std::vector<std::unique_ptr<Actor>> actors_;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue_;
    std::vector<std::pair<std::unique_ptr<Actor>, uint64_t>> pending_;
    uint64_t seq_ = 0;
};

Scheduler* gScheduler = nullptr;

// New SSH logins arrive as a Poisson process.
class LoginSpawner : public Actor
{
public:
    int64_t step(Sim& s) override
    {
        static constexpr std::pair<uint32_t, const char*> users[] = {
            {1000, "alice"}, {1000, "alice"}, {1001, "bob"}, {1001, "bob"}, {1002, "deploy"}, {0, "root"}};
        const auto& [uid, name] = s.rng.pick(users);
        gScheduler->spawn(std::make_unique<Session>(uid, name), s.now);
        return 60000 + s.rng.expo(240000);
    }
};

// ---- World set-up --------------------------------------------------------------------------------------------------
void daemon(Sim& s, Proc& p, int pid, int ppid, std::string comm, std::string exe, Args argv)
{
    p.fs = &s.host;
    p.pid = pid;
    p.ppid = ppid;
    p.comm = std::move(comm);
    p.exe = std::move(exe);
    p.cmdline = cmdlineOf(argv);
    p.style = styleFor(s.host, p.exe);
    p.path = &kSystemdPath;
    s.pin(p);
}

void buildHost(Sim& s)
{
    Fs& h = s.host;
    h.salt = 0;
    h.links = {{"/usr/bin/sh", "/usr/bin/dash"},
               {"/usr/bin/awk", "/usr/bin/mawk"},
               {"/usr/bin/python3", "/usr/bin/python3.11"},
               {"/usr/bin/vi", "/usr/bin/vim.basic"},
               {"/usr/bin/gcc", "/usr/bin/x86_64-linux-gnu-gcc-12"},
               {"/usr/bin/cc", "/usr/bin/x86_64-linux-gnu-gcc-12"},
               {"/usr/bin/as", "/usr/bin/x86_64-linux-gnu-as"},
               {"/usr/bin/ld", "/usr/bin/x86_64-linux-gnu-ld.bfd"},
               {"/usr/bin/java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"},
               {"/usr/bin/pager", "/usr/bin/less"},
               {"/usr/bin/apt-key", "/usr/bin/apt-key"}};
    h.dirs = {{"sshd", "/usr/sbin"},        {"cron", "/usr/sbin"},     {"logrotate", "/usr/sbin"},
              {"runc", "/usr/sbin"},        {"dockerd", "/usr/sbin"},  {"invoke-rc.d", "/usr/sbin"},
              {"backup-db.sh", "/usr/local/bin"}, {"healthping.sh", "/usr/local/bin"},
              {"debian-sa1", "/usr/lib/sysstat"}, {"on_ac_power", ""}};
    h.missing = {"on_ac_power", "htop", "kubectl"};
    h.scripts = {{"/usr/bin/lesspipe", "/bin/sh"},
                 {"/usr/lib/sysstat/debian-sa1", "/bin/sh"},
                 {"/usr/lib/sysstat/sa1", "/bin/sh"},
                 {"/usr/lib/apt/apt.systemd.daily", "/bin/sh"},
                 {"/etc/update-motd.d/10-uname", "/bin/sh"},
                 {"/etc/cron.daily/apt-compat", "/bin/sh"},
                 {"/etc/cron.daily/dpkg", "/bin/sh"},
                 {"/etc/cron.daily/man-db", "/bin/sh"},
                 {"/etc/cron.daily/sysstat", "/bin/sh"},
                 {"/usr/bin/which", "/bin/sh"},
                 {"/usr/sbin/invoke-rc.d", "/bin/sh"},
                 {"/usr/bin/apt-key", "/bin/sh"},
                 {"/usr/local/bin/backup-db.sh", "/bin/bash"}};

    daemon(s, s.init, 1, 0, "systemd", "/usr/lib/systemd/systemd", {"/sbin/init"});
    daemon(s, s.cron, 612, 1, "cron", "/usr/sbin/cron", {"/usr/sbin/cron", "-f"});
    daemon(s, s.sshd, 655, 1, "sshd", "/usr/sbin/sshd", {"sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"});
    daemon(s, s.collectd, 701, 1, "collectd", "/usr/sbin/collectd", {"/usr/sbin/collectd"});
    daemon(s, s.containerd, 744, 1, "containerd", "/usr/bin/containerd", {"/usr/bin/containerd"});
    daemon(s, s.dockerd, 1019, 1, "dockerd", "/usr/sbin/dockerd",
           {"/usr/sbin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock"});
    daemon(s, s.runner, 1102, 1, "gitlab-runner", "/usr/bin/gitlab-runner",
           {"/usr/bin/gitlab-runner", "run", "--working-directory", "/home/gitlab-runner", "--config",
            "/etc/gitlab-runner/config.toml", "--service", "gitlab-runner", "--user", "gitlab-runner"});
    setCreds(s.runner, 998, 998);
    s.runner.path = &kUserPath;
    setCreds(s.collectd, 65534, 65534);

    // A long-lived login of alice's (tmux) from which podman is driven.
    s.user.fs = &s.host;
    s.user.pid = 2417;
    s.user.ppid = 2416;
    s.user.comm = "bash";
    s.user.exe = "/usr/bin/bash";
    s.user.cmdline = cmdlineOf({"-bash"});
    setCreds(s.user, 1000, 1000);
    s.user.auid = 1000;
    s.user.tty = "pts4";
    s.user.cwd = "/home/alice";
    s.user.path = &kUserPath;
    s.pin(s.user);
}

bool parseArgs(int argc, char** argv, Options& o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "genauditlog: %s needs a value\n", name);
                return nullptr;
            }
            return argv[++i];
        };
        const char* v = nullptr;
        if (a == "--events" && (v = value("--events"))) {
            o.events = std::strtoull(v, nullptr, 10);
        } else if (a == "--format" && (v = value("--format"))) {
            if (std::strcmp(v, "raw") == 0)
                o.enriched = false;
            else if (std::strcmp(v, "enriched") == 0)
                o.enriched = true;
            else
                return false;
        } else if (a == "--seed" && (v = value("--seed"))) {
            o.seed = std::strtoull(v, nullptr, 10);
        } else if (a == "--host" && (v = value("--host"))) {
            o.host = v;
        } else if (a == "--out" && (v = value("--out"))) {
            o.out = v;
        } else if (a == "--start" && (v = value("--start"))) {
            o.start = std::strtoull(v, nullptr, 10);
        } else if (a == "--pid-max" && (v = value("--pid-max"))) {
            o.pidMax = std::max(1024, std::atoi(v));
        } else if (a == "--eoe" && (v = value("--eoe"))) {
            o.eoe = std::strcmp(v, "no") != 0;
        } else {
            return false;
        }
    }
    return o.events > 0;
}

} // namespace

int main(int argc, char** argv)
{
    Options opt;
    if (!parseArgs(argc, argv, opt)) {
        std::fputs("usage: genauditlog --events N [--format raw|enriched] [--seed S] [--host NAME] [--out FILE]\n"
                   "                   [--start EPOCH] [--pid-max N] [--eoe yes|no]\n"
                   "Writes an audit.log with N exec events (default format enriched, seed 1, pid_max 32768).\n",
                   stderr);
        return 2;
    }
    FILE* out = stdout;
    if (!opt.out.empty() && !(out = std::fopen(opt.out.c_str(), "wb"))) {
        std::fprintf(stderr, "genauditlog: cannot open %s: %s\n", opt.out.c_str(), std::strerror(errno));
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    Writer writer(out);
    Sim sim(opt, writer);
    buildHost(sim);

    Scheduler sched;
    gScheduler = &sched;
    const uint64_t t = sim.now;
    sched.add(std::make_unique<ContainerActor>(makeContainer(sim, Image::Python, "app")), t + 200);
    sched.add(std::make_unique<ContainerActor>(makeContainer(sim, Image::Postgres, "db")), t + 1500);
    sched.add(std::make_unique<ContainerActor>(makeContainer(sim, Image::Nginx, "web")), t + 3000);
    sched.add(std::make_unique<ContainerActor>(makeContainer(sim, Image::Redis, "cache")), t + 4500);
    sched.add(std::make_unique<ContainerActor>(makeContainer(sim, Image::Busybox, "worker")), t + 6000);
    sched.add(std::make_unique<ContainerActor>(makeContainer(sim, Image::Busybox, "queue")), t + 7500);
    sched.add(std::make_unique<CronActor>(), t + 100);
    sched.add(std::make_unique<CiActor>(), t + 20000);
    sched.add(std::make_unique<MonitorActor>(), t + 3000);
    sched.add(std::make_unique<SystemdActor>(), t + 600000);
    sched.add(std::make_unique<PodmanActor>(), t + 900000);
    sched.add(std::make_unique<NetActor>(), t + 1000);
    sched.add(std::make_unique<LoginSpawner>(), t + 10000);
    sched.run(sim);

    writer.finish();
    const bool writeFailed = writer.failed();
    if (out != stdout)
        std::fclose(out);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double perEvent = sim.execs ? static_cast<double>(writer.bytes()) / static_cast<double>(sim.execs) : 0.0;
    std::fprintf(stderr,
                 "genauditlog: %llu exec events (%llu failed, %llu execveat, %llu long-argument, %llu hex-argument, "
                 "%llu hex-cwd, %llu same-task re-exec, %llu interleaved), %llu other events, %llu pid wraps, "
                 "%.1f h of log; %llu bytes (%.0f bytes/exec event) in %.2f s\n",
                 static_cast<unsigned long long>(sim.execs), static_cast<unsigned long long>(sim.failed),
                 static_cast<unsigned long long>(sim.execveats), static_cast<unsigned long long>(sim.longArgs),
                 static_cast<unsigned long long>(sim.hexArgs), static_cast<unsigned long long>(sim.hexCwds),
                 static_cast<unsigned long long>(sim.sameTask), static_cast<unsigned long long>(sim.interleaved),
                 static_cast<unsigned long long>(sim.others), static_cast<unsigned long long>(sim.wraps),
                 static_cast<double>(sim.now - opt.start * 1000) / 3.6e6,
                 static_cast<unsigned long long>(writer.bytes()), perEvent, secs);
    if (writeFailed) {
        std::fprintf(stderr, "genauditlog: write error\n");
        return 1;
    }
    return 0;
}
