// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtimecommand.h"

#include <initializer_list>
#include <span>

namespace ShimScope
{

namespace
{

using Argv = QList<QByteArray>;

// ---------------------------------------------------------------------------------------------------------------------
// Option tables. Each runtime component has its own command-line grammar; the tables list the options that take a
// value, because that is what decides which word is the subcommand, the container id or the image. Options not listed
// are handled by a per-grammar policy (see UnknownPolicy).

struct Option
{
    QByteArrayView name; ///< long name without dashes
    char letter = 0;     ///< one-letter alias, 0 when none
    bool takesValue = false;
};

constexpr Option value(QByteArrayView name, char letter = 0)
{
    return {name, letter, true};
}

constexpr Option flag(QByteArrayView name, char letter = 0)
{
    return {name, letter, false};
}

/// Up to three tables searched in order, so a subcommand's own meaning of a letter (`-f`) wins over a shared table.
struct Options
{
    std::span<const Option> first;
    std::span<const Option> second = {};
    std::span<const Option> third = {};

    const Option* byName(QByteArrayView name) const
    {
        for (std::span<const Option> table : {first, second, third}) {
            for (const Option& option : table) {
                if (option.name == name || (name.size() == 1 && option.letter != 0 && option.letter == name.front()))
                    return &option;
            }
        }
        return nullptr;
    }

    const Option* byLetter(char letter) const
    {
        for (std::span<const Option> table : {first, second, third}) {
            for (const Option& option : table) {
                if (option.letter != 0 && option.letter == letter)
                    return &option;
            }
        }
        return nullptr;
    }
};

// containerd shims (pkg/shim, cmd/containerd-shim, 0.2-era docker-containerd-shim): Go `flag` package.
constexpr Option kShimOptions[] = {
    value("namespace"),
    value("id"),
    value("address"),
    value("workdir"),
    value("publish-binary"),
    value("bundle"),
    value("containerd-binary"),
    value("runtime-root"),
    value("socket"),
    value("criu"),
    value("ttrpc-address"),
    flag("debug"),
    flag("v"),
    flag("version"),
    flag("info"),
    flag("systemd-cgroup"),
    flag("no-subreaper"),
    flag("no-reaper"),
    flag("help"),
    flag("h"),
};

// conmon (src/cli.c, GOption). --api-version takes no value there: podman's `--api-version 1` leaves "1" as a stray
// positional that GOption ignores, and so do we.
constexpr Option kConmonOptions[] = {
    value("bundle", 'b'),
    value("cid", 'c'),
    value("conmon-pidfile", 'P'),
    value("container-pidfile", 'p'),
    value("cuuid", 'u'),
    value("exec-process-spec"),
    value("exit-command"),
    value("exit-command-arg"),
    value("exit-delay"),
    value("exit-dir"),
    value("log-level"),
    value("log-path", 'l'),
    value("log-size-max"),
    value("log-global-size-max"),
    value("log-tag"),
    value("log-label"),
    value("log-allowlist-dir"),
    value("name", 'n'),
    value("persist-dir", '0'),
    value("pidfile"),
    value("restore"),
    value("restore-arg"),
    value("runtime", 'r'),
    value("runtime-arg"),
    value("runtime-opt"),
    value("sdnotify-socket"),
    value("socket-dir-path"),
    value("timeout", 'T'),
    value("seccomp-notify-socket"),
    value("seccomp-notify-plugins"),
    flag("api-version"),
    flag("exec", 'e'),
    flag("exec-attach"),
    flag("leave-stdin-open"),
    flag("no-new-keyring"),
    flag("no-pivot"),
    flag("no-sync-log"),
    flag("replace-listen-pid"),
    flag("stdin", 'i'),
    flag("sync"),
    flag("syslog"),
    flag("systemd-cgroup", 's'),
    flag("terminal", 't'),
    flag("version"),
    flag("full-attach"),
    flag("help", 'h'),
};

// OCI runtimes (runc, crun, runsc, youki…): global options before the subcommand.
constexpr Option kRuntimeGlobalOptions[] = {
    value("root"),       value("log"),         value("log-format"),     value("log-level"),
    value("criu"),       value("rootless"),    value("cgroup-manager"), value("debug-log"),
    value("panic-log"),  value("platform"),    flag("debug"),           flag("systemd-cgroup"),
    flag("systemd-log"), flag("version", 'v'), flag("help", 'h'),
};

// Options of the runtime subcommands (runc/crun/runsc create, run, exec, checkpoint, restore, update...). A letter
// whose meaning depends on the subcommand is in the tables below instead.
constexpr Option kRuntimeSubOptions[] = {
    value("bundle", 'b'),
    value("console-socket"),
    value("pidfd-socket"),
    value("pid-file"),
    value("preserve-fds"),
    value("process", 'p'),
    value("cwd"),
    value("env", 'e'),
    value("user", 'u'),
    value("additional-gids", 'g'),
    value("process-label"),
    value("apparmor"),
    value("cap", 'c'),
    value("cgroup"),
    value("console"),
    value("image-path"),
    value("work-path"),
    value("parent-path"),
    value("status-fd"),
    value("page-server"),
    value("manage-cgroups-mode"),
    value("empty-ns"),
    value("lsm-profile"),
    value("lsm-mount-context"),
    value("interval"),
    value("resources", 'r'),
    value("blkio-weight"),
    value("cpu-period"),
    value("cpu-quota"),
    value("cpu-share"),
    value("cpu-rt-period"),
    value("cpu-rt-runtime"),
    value("cpuset-cpus"),
    value("cpuset-mems"),
    value("kernel-memory"),
    value("kernel-memory-tcp"),
    value("memory"),
    value("memory-reservation"),
    value("memory-swap"),
    value("pids-limit"),
    value("l3-cache-schema"),
    value("mem-bw-schema"),
    value("signal", 's'),
    flag("detach", 'd'),
    flag("tty", 't'),
    flag("no-pivot"),
    flag("no-new-keyring"),
    flag("no-subreaper"),
    flag("keep"),
    flag("all", 'a'),
    flag("no-new-privs"),
    flag("ignore-paused"),
    flag("leave-running"),
    flag("tcp-established"),
    flag("ext-unix-sk"),
    flag("shell-job"),
    flag("lazy-pages"),
    flag("file-locks"),
    flag("pre-dump"),
    flag("auto-dedup"),
    flag("stats"),
    flag("quiet", 'q'),
    flag("help", 'h'),
};

constexpr Option kRuntimeForce[] = {flag("force", 'f')}; // delete -f
constexpr Option kRuntimeFormat[] = {value("format", 'f')}; // list/ps -f
constexpr Option kRuntimeConfig[] = {value("config", 'f')}; // crun create/run -f
constexpr Option kRuntimeSpecFlags[] = {flag("rootless")}; // spec --rootless is a flag, not runc's global value

// docker / podman / nerdctl global options (before the subcommand).
constexpr Option kDockerGlobalOptions[] = {
    value("host", 'H'), value("context", 'c'), value("config"),      value("log-level", 'l'),
    value("tlscacert"), value("tlscert"),      value("tlskey"),      flag("debug", 'D'),
    flag("tls"),        flag("tlsverify"),     flag("version", 'v'), flag("help"),
};

constexpr Option kPodmanGlobalOptions[] = {
    value("root"),
    value("runroot"),
    value("log-level"),
    value("cgroup-manager"),
    value("tmpdir"),
    value("network-config-dir"),
    value("network-backend"),
    value("network-cmd-path"),
    value("cni-config-dir"),
    value("volumepath"),
    value("db-backend"),
    value("runtime"),
    value("runtime-flag"),
    value("storage-driver"),
    value("storage-opt"),
    value("events-backend"),
    value("conmon"),
    value("hooks-dir"),
    value("imagestore"),
    value("identity"),
    value("url"),
    value("connection", 'c'),
    value("module"),
    value("ssh"),
    value("config"),
    flag("syslog"),
    flag("remote", 'r'),
    flag("transient-store"),
    flag("noout"),
    flag("debug", 'D'),
    flag("help", 'h'),
    flag("version", 'v'),
};

constexpr Option kNerdctlGlobalOptions[] = {
    value("namespace", 'n'), value("address", 'a'), value("host", 'H'),        value("snapshotter"),
    value("storage-driver"), value("cni-path"),     value("cni-netconfpath"),  value("data-root"),
    value("cgroup-manager"), value("hosts-dir"),    value("host-gateway-ip"),  value("bridge-ip"),
    flag("debug"),           flag("debug-full"),    flag("insecure-registry"), flag("experimental"),
    flag("help", 'h'),       flag("version", 'v'),
};

// `docker run` / `docker create` / `podman run` / `nerdctl run` options that take a value (the union: none of these
// names is a flag in one CLI and a value option in another), plus their boolean options.
constexpr Option kRunOptions[] = {
    value("add-host"),
    value("annotation"),
    value("attach", 'a'),
    value("blkio-weight"),
    value("blkio-weight-device"),
    value("cap-add"),
    value("cap-drop"),
    value("cgroup-parent"),
    value("cgroupns"),
    value("cgroups"),
    value("cgroup-conf"),
    value("cidfile"),
    value("cpu-count"),
    value("cpu-percent"),
    value("cpu-period"),
    value("cpu-quota"),
    value("cpu-rt-period"),
    value("cpu-rt-runtime"),
    value("cpu-shares", 'c'),
    value("cpus"),
    value("cpuset-cpus"),
    value("cpuset-mems"),
    value("detach-keys"),
    value("device"),
    value("device-cgroup-rule"),
    value("device-read-bps"),
    value("device-read-iops"),
    value("device-write-bps"),
    value("device-write-iops"),
    value("dns"),
    value("dns-option"),
    value("dns-opt"),
    value("dns-search"),
    value("domainname"),
    value("entrypoint"),
    value("env", 'e'),
    value("env-file"),
    value("env-merge"),
    value("expose"),
    value("gpus"),
    value("group-add"),
    value("health-cmd"),
    value("health-interval"),
    value("health-retries"),
    value("health-start-period"),
    value("health-start-interval"),
    value("health-timeout"),
    value("health-on-failure"),
    value("hostname", 'h'),
    value("hostuser"),
    value("io-maxbandwidth"),
    value("io-maxiops"),
    value("ip"),
    value("ip6"),
    value("ipc"),
    value("isolation"),
    value("kernel-memory"),
    value("label", 'l'),
    value("label-file"),
    value("link"),
    value("link-local-ip"),
    value("log-driver"),
    value("log-opt"),
    value("mac-address"),
    value("memory", 'm'),
    value("memory-reservation"),
    value("memory-swap"),
    value("memory-swappiness"),
    value("mount"),
    value("name"),
    value("network"),
    value("net"),
    value("network-alias"),
    value("net-alias"),
    value("oom-score-adj"),
    value("pid"),
    value("pids-limit"),
    value("platform"),
    value("publish", 'p'),
    value("pull"),
    value("restart"),
    value("runtime"),
    value("security-opt"),
    value("shm-size"),
    value("stop-signal"),
    value("stop-timeout"),
    value("storage-opt"),
    value("sysctl"),
    value("tmpfs"),
    value("ulimit"),
    value("user", 'u'),
    value("userns"),
    value("uts"),
    value("volume", 'v'),
    value("volume-driver"),
    value("volumes-from"),
    value("workdir", 'w'),
    // podman run
    value("pod"),
    value("pod-id-file"),
    value("conmon-pidfile"),
    value("systemd"),
    value("tz"),
    value("umask"),
    value("uidmap"),
    value("gidmap"),
    value("subuidname"),
    value("subgidname"),
    value("secret"),
    value("sdnotify"),
    value("arch"),
    value("os"),
    value("variant"),
    value("authfile"),
    value("cert-dir"),
    value("creds"),
    value("decryption-key"),
    value("preserve-fds"),
    value("preserve-fd"),
    value("personality"),
    value("chrootdirs"),
    value("image-volume"),
    value("init-path"),
    value("passwd-entry"),
    value("group-entry"),
    value("pidfile"),
    value("requires"),
    value("seccomp-policy"),
    value("timeout"),
    value("unsetenv"),
    value("rdt-class"),
    value("retry"),
    value("retry-delay"),
    value("log-level"),
    // nerdctl run
    value("cni-path"),
    value("snapshotter"),
    flag("detach", 'd'),
    flag("interactive", 'i'),
    flag("tty", 't'),
    flag("rm"),
    flag("init"),
    flag("privileged"),
    flag("publish-all", 'P'),
    flag("read-only"),
    flag("quiet", 'q'),
    flag("disable-content-trust"),
    flag("no-healthcheck"),
    flag("oom-kill-disable"),
    flag("sig-proxy"),
    flag("help"),
    flag("replace"),
    flag("http-proxy"),
    flag("tls-verify"),
    flag("rootfs"),
    flag("env-host"),
    flag("passwd"),
    flag("read-only-tmpfs"),
    flag("unsetenv-all"),
    flag("no-hosts"),
    flag("rmi"),
};

// `docker exec` / `podman exec` / `nerdctl exec`.
constexpr Option kExecOptions[] = {
    value("env", 'e'),     value("env-file"),    value("user", 'u'),  value("workdir", 'w'),    value("detach-keys"),
    value("preserve-fds"), value("preserve-fd"), flag("detach", 'd'), flag("interactive", 'i'), flag("tty", 't'),
    flag("privileged"),    flag("latest", 'l'),  flag("help"),
};

// docker/podman subcommands that name one container first (start, stop, kill, rm, attach…, podman cleanup).
constexpr Option kTargetOptions[] = {
    value("time", 't'),
    value("signal", 's'),
    value("detach-keys"),
    value("checkpoint"),
    value("checkpoint-dir"),
    value("exec"),
    value("timeout"),
    flag("attach", 'a'),
    flag("interactive", 'i'),
    flag("force", 'f'),
    flag("volumes", 'v'),
    flag("latest", 'l'),
    flag("link"),
    flag("rm"),
    flag("rmi"),
    flag("stopped"),
    flag("depend"),
    flag("sig-proxy"),
    flag("all"),
    flag("help"),
};

// ctr (urfave/cli over Go flag).
constexpr Option kCtrGlobalOptions[] = {
    value("address", 'a'), value("namespace", 'n'), value("timeout"),     value("connect-timeout"),
    flag("debug"),         flag("help", 'h'),       flag("version", 'v'),
};

constexpr Option kCtrOptions[] = {
    value("runtime"),
    value("runtime-config-path"),
    value("sandbox"),
    value("env"),
    value("env-file"),
    value("label"),
    value("annotation"),
    value("mount"),
    value("cwd"),
    value("user", 'u'),
    value("snapshotter"),
    value("snapshotter-label"),
    value("config", 'c'),
    value("platform"),
    value("with-ns"),
    value("cgroup"),
    value("gpus"),
    value("memory-limit"),
    value("cpus"),
    value("cpu-shares"),
    value("cpu-quota"),
    value("cpu-period"),
    value("cpuset-cpus"),
    value("cpuset-mems"),
    value("pid-file"),
    value("fifo-dir"),
    value("log-uri"),
    value("detach-keys"),
    value("hostname"),
    value("device"),
    value("cap-add"),
    value("cap-drop"),
    value("uidmap"),
    value("gidmap"),
    value("rdt-class"),
    value("blockio-config-file"),
    value("blockio-class"),
    value("seccomp-profile"),
    value("apparmor-default-profile"),
    value("apparmor-profile"),
    value("rlimit-nofile"),
    value("exec-id"),
    value("signal", 's'),
    value("runc-binary"),
    value("runc-root"),
    flag("rm"),
    flag("detach", 'd'),
    flag("tty", 't'),
    flag("null-io"),
    flag("read-only"),
    flag("privileged"),
    flag("privileged-without-host-devices"),
    flag("net-host"),
    flag("rootfs"),
    flag("no-pivot"),
    flag("cni"),
    flag("seccomp"),
    flag("allow-new-privs"),
    flag("remap-labels"),
    flag("all", 'a'),
    flag("force", 'f'),
    flag("runc-systemd-cgroup"),
    flag("help", 'h'),
};

// crictl (urfave/cli with short-option grouping).
constexpr Option kCrictlGlobalOptions[] = {
    value("config", 'c'),  value("image-endpoint", 'i'), value("runtime-endpoint", 'r'),
    value("timeout", 't'), flag("debug", 'D'),           flag("help", 'h'),
    flag("version", 'v'),
};

constexpr Option kCrictlExecOptions[] = {
    value("timeout"),  value("name"),  value("label"),           value("namespace"),
    value("pod"),      value("image"), flag("interactive", 'i'), flag("tty", 't'),
    flag("sync", 's'), flag("last"),   flag("ignore-errors"),    flag("help", 'h'),
};

// kubectl (cobra/pflag: options may come anywhere before `--`).
constexpr Option kKubectlOptions[] = {
    value("namespace", 'n'),
    value("context"),
    value("kubeconfig"),
    value("server", 's'),
    value("cluster"),
    value("user"),
    value("token"),
    value("as"),
    value("as-group"),
    value("as-uid"),
    value("v", 'v'),
    value("request-timeout"),
    value("certificate-authority"),
    value("client-certificate"),
    value("client-key"),
    value("tls-server-name"),
    value("cache-dir"),
    value("username"),
    value("password"),
    value("profile"),
    value("profile-output"),
    value("log-flush-frequency"),
    value("vmodule"),
    value("container", 'c'),
    value("filename", 'f'),
    value("pod-running-timeout"),
    value("selector", 'l'),
    value("output", 'o'),
    flag("insecure-skip-tls-verify"),
    flag("stdin", 'i'),
    flag("tty", 't'),
    flag("quiet", 'q'),
    flag("help", 'h'),
    flag("match-server-version"),
    flag("warnings-as-errors"),
    flag("disable-compression"),
};

// containerd, docker-containerd (0.2 and 1.x) and their `publish` subcommand (run by shims to post events).
constexpr Option kContainerdOptions[] = {
    value("config", 'c'), value("log-level", 'l'),   value("address", 'a'),  value("root"),    value("state"),
    value("topic"),       value("namespace"),        value("shim"),          value("runtime"), value("runtime-args"),
    value("state-dir"),   value("metrics-interval"), value("start-timeout"), value("listen"),  flag("debug"),
    flag("help", 'h'),    flag("version", 'v'),
};

// k3s / rke2 global options before the subcommand.
constexpr Option kK3sOptions[] = {
    value("data-dir", 'd'),
    flag("debug"),
    flag("help", 'h'),
    flag("version", 'v'),
};

// ---------------------------------------------------------------------------------------------------------------------
// The option reader.

/// Go `flag`: `-name` and `--name` are the same long option and one-letter options never group. GNU/pflag/GOption:
/// `-abc` groups one-letter options, and a value may be glued to its letter (`-p8080:80`).
enum class Syntax
{
    Go,
    Gnu,
};

/// What to do with an option no table lists and that has no `=value`: does it take the next word as its value?
enum class UnknownPolicy
{
    Flag,                ///< never (the grammar's unknown options are overwhelmingly booleans, e.g. exec/run flags)
    ValueUnlessDash,     ///< yes when the next word does not look like an option
    ValueUnlessLastWord, ///< yes when the next word does not look like an option and is not the final word
    ValueUnlessKeyword,  ///< yes when the next word does not look like an option and is not a subcommand
};

using KeywordTest = bool (*)(QByteArrayView word);

struct OptionHit
{
    const Option* option = nullptr; ///< null for an option no table lists
    QByteArrayView written;         ///< the option as written, dashes included, without `=value`
    QByteArrayView value;
    bool hasValue = false;
};

bool looksLikeOption(QByteArrayView word)
{
    return word.size() >= 2 && word.front() == '-';
}

bool isFalse(QByteArrayView text)
{
    return text == "false" || text == "0" || text == "f" || text == "F" || text == "FALSE" || text == "False";
}

/// An option that is a boolean flag is on unless it says `=false`.
bool flagIsOn(const OptionHit& hit)
{
    return !hit.hasValue || !isFalse(hit.value);
}

class OptionReader
{
public:
    OptionReader(const Argv& argv, Options options, Syntax syntax, UnknownPolicy unknown,
                 KeywordTest isKeyword = nullptr)
        : m_argv(argv)
        , m_options(options)
        , m_syntax(syntax)
        , m_unknown(unknown)
        , m_isKeyword(isKeyword)
    {
    }

    /// Reads options from `index` on. Stops at the first positional word and returns its index (argv size when
    /// none). After `--`, returns the index of the word that follows and sets endOfOptions.
    template <typename Sink>
    qsizetype read(qsizetype index, Sink&& sink, bool* endOfOptions = nullptr)
    {
        if (endOfOptions)
            *endOfOptions = false;
        while (index < m_argv.size()) {
            const QByteArrayView word(m_argv[index]);
            if (word == "--") {
                if (endOfOptions)
                    *endOfOptions = true;
                return index + 1;
            }
            if (!looksLikeOption(word))
                return index;
            index = readOne(index, sink);
        }
        return index;
    }

    /// Reads every option in argv[index..], wherever it stands, and returns the positional words in order (GOption,
    /// pflag-with-interspersed-arguments, and a tolerant reading of Go-style argv).
    template <typename Sink>
    QList<QByteArrayView> readAll(qsizetype index, Sink&& sink)
    {
        QList<QByteArrayView> positionals;
        while (index < m_argv.size()) {
            bool end = false;
            index = read(index, sink, &end);
            if (end) {
                for (; index < m_argv.size(); ++index)
                    positionals.append(m_argv[index]);
                break;
            }
            if (index < m_argv.size())
                positionals.append(m_argv[index++]);
        }
        return positionals;
    }

private:
    bool unknownTakesValue(qsizetype next) const
    {
        if (next >= m_argv.size())
            return false;
        switch (m_unknown) {
        case UnknownPolicy::Flag:
            return false;
        case UnknownPolicy::ValueUnlessDash:
            return !looksLikeOption(m_argv[next]);
        case UnknownPolicy::ValueUnlessLastWord:
            return !looksLikeOption(m_argv[next]) && next + 1 < m_argv.size();
        case UnknownPolicy::ValueUnlessKeyword:
            return !looksLikeOption(m_argv[next]) && !(m_isKeyword && m_isKeyword(m_argv[next]));
        }
        return false;
    }

    /// A long option (or a Go-style single-dash one): `body` is the word without its dashes.
    template <typename Sink>
    qsizetype readLong(qsizetype index, QByteArrayView word, QByteArrayView body, Sink&& sink)
    {
        OptionHit hit;
        const qsizetype eq = body.indexOf('=');
        const QByteArrayView name = eq < 0 ? body : body.first(eq);
        hit.written = word.first(word.size() - body.size() + name.size());
        hit.option = m_options.byName(name);
        if (eq >= 0) {
            hit.value = body.sliced(eq + 1);
            hit.hasValue = true;
            sink(hit);
            return index + 1;
        }
        const bool takesValue = hit.option ? hit.option->takesValue : unknownTakesValue(index + 1);
        if (takesValue && index + 1 < m_argv.size()) {
            // A value option takes the next word whatever it looks like: conmon's `--runtime-arg --root=/run/runc`
            // and podman's `--exit-command-arg --root` pass options as values.
            hit.value = m_argv[index + 1];
            hit.hasValue = true;
            sink(hit);
            return index + 2;
        }
        sink(hit);
        return index + 1;
    }

    template <typename Sink>
    qsizetype readOne(qsizetype index, Sink&& sink)
    {
        const QByteArrayView word(m_argv[index]);
        if (word.startsWith("--"))
            return readLong(index, word, word.sliced(2), sink);
        const QByteArrayView body = word.sliced(1);
        const qsizetype eq = body.indexOf('=');
        const QByteArrayView name = eq < 0 ? body : body.first(eq);
        if (m_syntax == Syntax::Go || (name.size() > 1 && m_options.byName(name)) || name.isEmpty())
            return readLong(index, word, body, sink);
        // A group of one-letter options. An unknown first letter makes the whole word one unknown option: guessing
        // letter by letter in a grammar we do not know would only invent flags.
        if (!m_options.byLetter(body.front()))
            return readLong(index, word, body, sink);
        for (qsizetype j = 0; j < body.size(); ++j) {
            OptionHit hit;
            hit.option = m_options.byLetter(body[j]);
            hit.written = j == 0 ? word.first(2) : body.sliced(j, 1);
            if (!hit.option || !hit.option->takesValue) {
                if (!hit.option && body[j] == '=') // `-d=false`: the rest is the flag's value
                    break;
                if (hit.option && j + 1 < body.size() && body[j + 1] == '=') {
                    hit.value = body.sliced(j + 2);
                    hit.hasValue = true;
                    sink(hit);
                    break;
                }
                sink(hit);
                continue;
            }
            QByteArrayView rest = body.sliced(j + 1);
            if (rest.startsWith('='))
                rest = rest.sliced(1);
            if (!rest.isEmpty() || j + 1 < body.size()) {
                hit.value = rest;
                hit.hasValue = true;
                sink(hit);
                return index + 1;
            }
            if (index + 1 < m_argv.size()) {
                hit.value = m_argv[index + 1];
                hit.hasValue = true;
                sink(hit);
                return index + 2;
            }
            sink(hit);
            return index + 1;
        }
        return index + 1;
    }

    const Argv& m_argv;
    Options m_options;
    Syntax m_syntax;
    UnknownPolicy m_unknown;
    KeywordTest m_isKeyword;
};

bool is(const OptionHit& hit, QByteArrayView name)
{
    return hit.option && hit.option->name == name;
}

// ---------------------------------------------------------------------------------------------------------------------
// Paths and names.

QByteArrayView basename(QByteArrayView path)
{
    while (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.sliced(slash + 1);
}

/// The container id a bundle/state directory ends in. containers/storage bundles end in `<id>/userdata`.
QByteArrayView lastPathElement(QByteArrayView path)
{
    while (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    QByteArrayView element = basename(path);
    if (element == "userdata" && path.size() > element.size() + 1)
        element = basename(path.first(path.size() - element.size() - 1));
    return element == "/" ? QByteArrayView() : element;
}

/// The path element that follows `marker` (e.g. the namespace after `io.containerd.runtime.v2.task/`).
QByteArrayView elementAfter(QByteArrayView path, QByteArrayView marker)
{
    const qsizetype at = path.indexOf(marker);
    if (at < 0)
        return {};
    QByteArrayView rest = path.sliced(at + marker.size());
    const qsizetype slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.first(slash);
}

/// The containerd namespace a runtime state path states: `…/io.containerd.runtime.v2.task/<ns>/<id>`,
/// `…/io.containerd.runtime.v1.linux/<ns>/<id>`, or a runtime root `/run/containerd/runc/<ns>`,
/// `/var/run/docker/runtime-runc/<ns>`.
QByteArrayView namespaceFromPath(QByteArrayView path)
{
    for (QByteArrayView marker : {QByteArrayView("io.containerd.runtime.v2.task/"),
                                  QByteArrayView("io.containerd.runtime.v1.linux/")}) {
        const QByteArrayView ns = elementAfter(path, marker);
        if (!ns.isEmpty())
            return ns;
    }
    QByteArrayView trimmed = path;
    while (trimmed.size() > 1 && trimmed.endsWith('/'))
        trimmed.chop(1);
    const QByteArrayView last = basename(trimmed);
    if (last.isEmpty() || last.size() == trimmed.size())
        return {};
    const QByteArrayView parent = basename(trimmed.first(trimmed.size() - last.size() - 1));
    const bool runtimeDir = parent == "runc" || parent == "runsc" || parent == "crun" || parent == "kata"
        || parent == "youki" || parent.startsWith("runtime-");
    if (runtimeDir && (trimmed.contains("containerd") || trimmed.contains("/docker/")))
        return last;
    return {};
}

QByteArray engineForNamespace(QByteArrayView ns)
{
    if (ns.isEmpty())
        return {};
    if (ns == "moby")
        return QByteArrayLiteral("docker");
    if (ns == "k8s.io")
        return QByteArrayLiteral("kubernetes");
    return QByteArrayLiteral("containerd");
}

/// What a runtime's state paths say about the engine when no namespace does.
QByteArray engineFromPath(QByteArrayView path)
{
    if (path.contains("/docker/") || path.startsWith("/run/docker") || path.startsWith("/var/run/docker"))
        return QByteArrayLiteral("docker");
    if (path.contains("libpod") || path == "/run/crun" || path == "/var/run/crun"
        || (path.startsWith("/run/user/") && path.endsWith("/crun")))
        return QByteArrayLiteral("podman");
    if (path.contains("/crio/") || path.endsWith("/crio"))
        return QByteArrayLiteral("cri-o");
    if (path.contains("/k3s/") || path.contains("/rke2/") || path.contains("microk8s"))
        return QByteArrayLiteral("kubernetes");
    return {};
}

bool inList(QByteArrayView name, std::initializer_list<QByteArrayView> names)
{
    for (QByteArrayView candidate : names) {
        if (candidate == name)
            return true;
    }
    return false;
}

bool isShimName(QByteArrayView name)
{
    return name == "containerd-shim" || name.startsWith("containerd-shim-")
        || name.startsWith("docker-containerd-shim");
}

bool isOciRuntimeName(QByteArrayView name)
{
    return inList(name, {"runc", "crun", "runsc", "youki", "docker-runc", "docker-runc-current", "kata-runtime",
                         "nvidia-container-runtime", "krun"})
        || name.startsWith("runsc-");
}

bool isInitHelperName(QByteArrayView name)
{
    return inList(name, {"docker-init", "tini", "tini-static", "catatonit", "podman-init"});
}

/// Paths that say nothing about the program: auditd's `exe="/"` for an execveat of a memfd, the fd or memfd path
/// other tracers show, and /proc/self/exe as a filename.
bool isAnonymousExe(QByteArrayView exe)
{
    if (exe.isEmpty() || exe == "/")
        return true;
    if (exe.startsWith("/memfd:") || exe.startsWith("memfd:") || exe.startsWith("/dev/fd/"))
        return true;
    if (exe.startsWith("/proc/")) {
        const QByteArrayView rest = exe.sliced(6);
        const qsizetype slash = rest.indexOf('/');
        if (slash < 0)
            return false;
        const QByteArrayView tail = rest.sliced(slash);
        return tail.startsWith("/fd/") || tail == "/exe";
    }
    return false;
}

/// auditd quotes exe, and the kernel appends " (deleted)" when the file was replaced (a package upgrade) after start.
QByteArrayView cleanExe(QByteArrayView exe)
{
    if (exe.size() >= 2 && exe.front() == '"' && exe.back() == '"')
        exe = exe.sliced(1, exe.size() - 2);
    if (exe.endsWith(" (deleted)"))
        exe.chop(10);
    return exe;
}

void setId(RuntimeCommand& rc, QByteArrayView id, QByteArrayView source)
{
    if (id.isEmpty())
        return;
    rc.containerId = id.toByteArray();
    rc.idSource = source.toByteArray();
}

/// A CLI names a container by id or by name; only something that looks like an id is stored as one.
void setIdOrName(RuntimeCommand& rc, QByteArrayView target)
{
    if (target.isEmpty())
        return;
    if (looksLikeContainerId(target))
        setId(rc, target, "argument");
    else
        rc.name = target.toByteArray();
}

// ---------------------------------------------------------------------------------------------------------------------
// Parsers, one per family.

RuntimeCommand parseShim(QByteArrayView program, const Argv& argv)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Shim;
    rc.program = program.toByteArray();
    QByteArrayView id, idWritten, workdir, workdirWritten;
    QList<QByteArrayView> paths;
    OptionReader reader(argv, {kShimOptions}, Syntax::Go, UnknownPolicy::ValueUnlessLastWord);
    // Go's flag package stops at the first positional; reading on is kinder to argv a log has mangled.
    const QList<QByteArrayView> positionals = reader.readAll(1, [&](const OptionHit& hit) {
        if (is(hit, "namespace")) {
            rc.namespace_ = hit.value.toByteArray();
        } else if (is(hit, "id")) {
            id = hit.value;
            idWritten = hit.written;
        } else if (is(hit, "workdir")) {
            workdir = hit.value;
            workdirWritten = hit.written;
            paths.append(hit.value);
        } else if (is(hit, "bundle")) {
            rc.bundle = hit.value.toByteArray();
            paths.append(hit.value);
        } else if (is(hit, "address") || is(hit, "runtime-root")) {
            paths.append(hit.value);
        }
    });

    if (!positionals.isEmpty() && (positionals.back() == "start" || positionals.back() == "delete")) {
        rc.kind = RuntimeKind::ShimLauncher;
        rc.subcommand = positionals.back().toByteArray();
    }
    if (!id.isEmpty()) {
        setId(rc, id, idWritten);
    } else if (!workdir.isEmpty()) {
        setId(rc, lastPathElement(workdir), workdirWritten);
    } else if (rc.kind == RuntimeKind::Shim && !positionals.isEmpty() && looksLikeContainerId(positionals.front())) {
        // containerd 0.2 (Docker 1.11-17.09): `docker-containerd-shim <id> <bundle dir> <runtime>`.
        setId(rc, positionals.front(), "argument");
        if (positionals.size() > 1) {
            rc.bundle = positionals[1].toByteArray();
            paths.append(positionals[1]);
        }
    }
    rc.engine = engineForNamespace(rc.namespace_);
    if (rc.engine.isEmpty()) {
        if (program.startsWith("docker-"))
            rc.engine = QByteArrayLiteral("docker");
        for (qsizetype i = 0; i < paths.size() && rc.engine.isEmpty(); ++i)
            rc.engine = engineFromPath(paths[i]);
    }
    return rc;
}

RuntimeCommand parseConmon(const Argv& argv)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Conmon;
    rc.program = QByteArrayLiteral("conmon");
    QByteArrayView cid, cidWritten, cuuid, cuuidWritten, exitDir, socketDir, persistDir, exitCommand;
    OptionReader reader(argv, {kConmonOptions}, Syntax::Gnu, UnknownPolicy::ValueUnlessDash);
    reader.readAll(1, [&](const OptionHit& hit) {
        if (is(hit, "cid")) {
            cid = hit.value;
            cidWritten = hit.written;
        } else if (is(hit, "cuuid")) {
            cuuid = hit.value;
            cuuidWritten = hit.written;
        } else if (is(hit, "name")) {
            rc.name = hit.value.toByteArray();
        } else if (is(hit, "bundle")) {
            rc.bundle = hit.value.toByteArray();
        } else if (is(hit, "exit-dir")) {
            exitDir = hit.value;
        } else if (is(hit, "socket-dir-path")) {
            socketDir = hit.value;
        } else if (is(hit, "persist-dir")) {
            persistDir = hit.value;
        } else if (is(hit, "exit-command")) {
            exitCommand = hit.value;
        } else if (is(hit, "exec") && flagIsOn(hit)) {
            rc.subcommand = QByteArrayLiteral("exec");
        } else if (is(hit, "restore")) {
            rc.subcommand = QByteArrayLiteral("restore");
        }
    });
    // -c is the container; for a podman exec session -u is the session's id, so it is only a fallback.
    if (!cid.isEmpty())
        setId(rc, cid, cidWritten);
    else if (!cuuid.isEmpty())
        setId(rc, cuuid, cuuidWritten);

    // CRI-O writes exits to /var/run/crio/exits and attach sockets to /var/run/crio; podman uses libpod paths and
    // runs itself as the exit command.
    if (exitDir.contains("/crio") || socketDir.contains("/crio"))
        rc.engine = QByteArrayLiteral("cri-o");
    else if (exitDir.contains("libpod") || persistDir.contains("libpod") || basename(exitCommand) == "podman")
        rc.engine = QByteArrayLiteral("podman");
    else if (rc.name.startsWith("k8s_"))
        rc.engine = QByteArrayLiteral("cri-o");
    return rc;
}

bool runtimeSubcommandNamesContainer(QByteArrayView sub)
{
    return !inList(sub, {"list", "spec", "features", "help", "h", "init", "install", "uninstall", "gofer", "do",
                         "symbols", "syscalls", "mitigate", "flags", "nvproxy", "metric-server", "metric-metadata"});
}

bool isRuntimeSubcommand(QByteArrayView word)
{
    return inList(word, {"create", "run", "start", "exec", "init", "delete", "kill", "state", "ps", "pause",
                         "resume", "update", "events", "list", "spec", "checkpoint", "restore", "features", "boot",
                         "gofer", "wait", "help", "h", "debug", "do", "port-forward", "tar", "install", "uninstall"});
}

RuntimeCommand parseOciRuntime(QByteArrayView program, const Argv& argv)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Runtime;
    rc.program = program.toByteArray();
    QByteArrayView root, log, bundleWritten;

    // Global options: an unlisted one (runsc has dozens) takes a value unless what follows is a subcommand.
    OptionReader globalReader(argv, {kRuntimeGlobalOptions}, Syntax::Gnu, UnknownPolicy::ValueUnlessKeyword,
                              isRuntimeSubcommand);
    qsizetype index = globalReader.read(1, [&](const OptionHit& hit) {
        if (is(hit, "root"))
            root = hit.value;
        else if (is(hit, "log"))
            log = hit.value;
    });
    if (index < argv.size()) {
        rc.subcommand = argv[index];
        ++index;
    }
    const QByteArrayView sub(rc.subcommand);
    if (sub == "init")
        rc.kind = RuntimeKind::RuntimeInit;

    Options options{kRuntimeSubOptions};
    if (sub == "delete" || sub == "kill")
        options = {kRuntimeForce, kRuntimeSubOptions};
    else if (sub == "list" || sub == "ps")
        options = {kRuntimeFormat, kRuntimeSubOptions};
    else if (sub == "create" || sub == "run")
        options = {kRuntimeConfig, kRuntimeSubOptions};
    else if (sub == "spec")
        options = {kRuntimeSpecFlags, kRuntimeSubOptions};
    // exec and run carry the container's command after the id: an unknown option there is assumed to be a flag so
    // the id is never swallowed as its value.
    const UnknownPolicy policy
        = (sub == "exec" || sub == "run") ? UnknownPolicy::Flag : UnknownPolicy::ValueUnlessLastWord;
    OptionReader reader(argv, options, Syntax::Gnu, policy);
    index = reader.read(index, [&](const OptionHit& hit) {
        if (is(hit, "bundle")) {
            rc.bundle = hit.value.toByteArray();
            bundleWritten = hit.written;
        } else if (is(hit, "detach")) {
            rc.detached = flagIsOn(hit);
        }
    });

    if (rc.kind == RuntimeKind::Runtime && !sub.isEmpty() && runtimeSubcommandNamesContainer(sub)) {
        if (index < argv.size() && !argv[index].isEmpty())
            setId(rc, argv[index], "argument");
        else if (!rc.bundle.isEmpty())
            setId(rc, lastPathElement(rc.bundle), bundleWritten);
    } else if (rc.kind == RuntimeKind::Runtime && sub == "gofer" && !rc.bundle.isEmpty()) {
        setId(rc, lastPathElement(rc.bundle), bundleWritten); // runsc gofer names its container only by bundle
    }
    if (rc.containerId.isEmpty())
        rc.idSource.clear();

    for (QByteArrayView path : {root, QByteArrayView(rc.bundle), log}) {
        if (rc.namespace_.isEmpty())
            rc.namespace_ = namespaceFromPath(path).toByteArray();
    }
    rc.engine = engineForNamespace(rc.namespace_);
    for (QByteArrayView path : {root, QByteArrayView(rc.bundle), log}) {
        if (rc.engine.isEmpty())
            rc.engine = engineFromPath(path);
    }
    if (rc.engine.isEmpty() && program.startsWith("docker-"))
        rc.engine = QByteArrayLiteral("docker");
    return rc;
}

/// Skips global options, then returns the index of the subcommand word (argv size when none).
qsizetype findSubcommand(const Argv& argv, qsizetype index, Options options, Syntax syntax)
{
    OptionReader reader(argv, options, syntax, UnknownPolicy::Flag);
    return reader.read(index, [](const OptionHit&) {});
}

/// docker, podman and nerdctl share the Docker CLI's shape.
RuntimeCommand parseDockerLike(QByteArrayView program, const Argv& argv)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Cli;
    rc.program = program.toByteArray();
    Options global{kDockerGlobalOptions};
    if (program == "podman")
        global = {kPodmanGlobalOptions};
    else if (program == "nerdctl")
        global = {kNerdctlGlobalOptions};

    OptionReader globalReader(argv, global, Syntax::Gnu, UnknownPolicy::Flag);
    qsizetype index = globalReader.read(1, [&](const OptionHit& hit) {
        if (program == "nerdctl" && is(hit, "namespace"))
            rc.namespace_ = hit.value.toByteArray();
    });
    if (program == "docker")
        rc.engine = QByteArrayLiteral("docker");
    else if (program == "podman")
        rc.engine = QByteArrayLiteral("podman");
    else
        rc.engine = rc.namespace_.isEmpty() ? QByteArrayLiteral("containerd") : engineForNamespace(rc.namespace_);
    if (index >= argv.size())
        return rc;

    QByteArrayView sub(argv[index++]);
    // Management command groups: `docker container run` is `docker run`.
    if ((sub == "container" || sub == "containers") && index < argv.size() && !looksLikeOption(argv[index]))
        sub = argv[index++];
    if (program == "podman" && sub == "system" && index < argv.size() && argv[index] == "service") {
        rc.kind = RuntimeKind::Engine;
        rc.subcommand = QByteArrayLiteral("system service");
        return rc;
    }
    rc.subcommand = sub.toByteArray();

    if (sub == "run" || sub == "create") {
        OptionReader reader(argv, {kRunOptions}, Syntax::Gnu, UnknownPolicy::Flag);
        index = reader.read(index, [&](const OptionHit& hit) {
            if (is(hit, "name"))
                rc.name = hit.value.toByteArray();
            else if (is(hit, "detach"))
                rc.detached = flagIsOn(hit);
        });
        if (index < argv.size())
            rc.image = argv[index];
    } else if (sub == "exec") {
        OptionReader reader(argv, {kExecOptions}, Syntax::Gnu, UnknownPolicy::Flag);
        index = reader.read(index, [&](const OptionHit& hit) {
            if (is(hit, "detach"))
                rc.detached = flagIsOn(hit);
        });
        if (index < argv.size())
            setIdOrName(rc, argv[index]);
    } else if (inList(sub, {"start", "stop", "restart", "kill", "rm", "attach", "pause", "unpause", "wait",
                            "cleanup"})) {
        OptionReader reader(argv, {kTargetOptions}, Syntax::Gnu, UnknownPolicy::Flag);
        index = reader.read(index, [](const OptionHit&) {});
        if (index < argv.size())
            setIdOrName(rc, argv[index]);
    }
    return rc;
}

RuntimeCommand parseCtr(const Argv& argv)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Cli;
    rc.program = QByteArrayLiteral("ctr");
    OptionReader globalReader(argv, {kCtrGlobalOptions}, Syntax::Go, UnknownPolicy::Flag);
    qsizetype index = globalReader.read(1, [&](const OptionHit& hit) {
        if (is(hit, "namespace"))
            rc.namespace_ = hit.value.toByteArray();
    });
    rc.engine = rc.namespace_.isEmpty() ? QByteArrayLiteral("containerd") : engineForNamespace(rc.namespace_);
    if (index >= argv.size())
        return rc;
    QByteArrayView sub(argv[index++]);
    // `ctr task exec`, `ctr t start`, `ctr c create`: the action is the subcommand.
    if (inList(sub, {"task", "tasks", "t", "container", "containers", "c"}) && index < argv.size()
        && !looksLikeOption(argv[index]))
        sub = argv[index++];
    rc.subcommand = sub.toByteArray();
    if (inList(sub, {"help", "h", "ls", "list", "version", "info", "plugins", "namespaces", "ns", "images", "image",
                     "i", "content", "snapshots", "snapshot", "leases", "events", "install", "oci", "shim",
                     "pprof", "sandboxes", "deprecations"}))
        return rc;
    OptionReader reader(argv, {kCtrOptions}, Syntax::Go, UnknownPolicy::Flag);
    index = reader.read(index, [&](const OptionHit& hit) {
        if (is(hit, "detach"))
            rc.detached = flagIsOn(hit);
    });
    if (sub == "run" || sub == "create") {
        // ctr run [flags] IMAGE ID [COMMAND…]
        if (index < argv.size())
            rc.image = argv[index++];
        if (index < argv.size())
            setIdOrName(rc, argv[index]);
    } else if (index < argv.size()) {
        setIdOrName(rc, argv[index]);
    }
    return rc;
}

RuntimeCommand parseCrictl(const Argv& argv)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Cli;
    rc.program = QByteArrayLiteral("crictl");
    rc.engine = QByteArrayLiteral("kubernetes");
    qsizetype index = findSubcommand(argv, 1, {kCrictlGlobalOptions}, Syntax::Gnu);
    if (index >= argv.size())
        return rc;
    rc.subcommand = argv[index++];
    if (rc.subcommand == "exec" || rc.subcommand == "attach") {
        OptionReader reader(argv, {kCrictlExecOptions}, Syntax::Gnu, UnknownPolicy::Flag);
        index = reader.read(index, [](const OptionHit&) {});
        if (index < argv.size())
            setIdOrName(rc, argv[index]);
    }
    return rc;
}

RuntimeCommand parseKubectl(const Argv& argv)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Cli;
    rc.program = QByteArrayLiteral("kubectl");
    rc.engine = QByteArrayLiteral("kubernetes");
    // The command inside the pod comes after `--`; only what stands before it is kubectl's.
    qsizetype end = argv.indexOf(QByteArrayLiteral("--"), 1);
    if (end < 0)
        end = argv.size();
    const Argv own = argv.mid(0, end);
    OptionReader reader(own, {kKubectlOptions}, Syntax::Gnu, UnknownPolicy::Flag);
    const QList<QByteArrayView> positionals = reader.readAll(1, [](const OptionHit&) {});
    if (positionals.isEmpty())
        return rc;
    rc.subcommand = positionals.front().toByteArray();
    // kubectl names a pod (or a workload, `deploy/web`), never a container id.
    if ((rc.subcommand == "exec" || rc.subcommand == "attach") && positionals.size() > 1)
        rc.name = positionals[1].toByteArray();
    return rc;
}

RuntimeCommand classifyByName(QByteArrayView program, const Argv& argv, int depth);

/// k3s and rke2 are one binary for the server, the agent, and the bundled kubectl/crictl/ctr.
RuntimeCommand parseK3s(QByteArrayView program, const Argv& argv, int depth)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Cli;
    rc.program = program.toByteArray();
    rc.engine = QByteArrayLiteral("kubernetes");
    const qsizetype index = findSubcommand(argv, 1, {kK3sOptions}, Syntax::Go);
    if (index >= argv.size())
        return rc;
    const QByteArrayView sub(argv[index]);
    if (sub == "server" || sub == "agent") {
        rc.kind = RuntimeKind::Engine;
        rc.subcommand = sub.toByteArray();
        return rc;
    }
    if (inList(sub, {"kubectl", "crictl", "ctr"}) && depth == 0)
        return classifyByName(sub, argv.mid(index), depth + 1);
    rc.subcommand = sub.toByteArray();
    return rc;
}

RuntimeCommand parseContainerd(QByteArrayView program, const Argv& argv)
{
    RuntimeCommand rc;
    rc.kind = RuntimeKind::Engine;
    rc.program = program.toByteArray();
    QList<QByteArrayView> paths;
    OptionReader reader(argv, {kContainerdOptions}, Syntax::Gnu, UnknownPolicy::Flag);
    auto sink = [&](const OptionHit& hit) {
        if (is(hit, "namespace"))
            rc.namespace_ = hit.value.toByteArray();
        else if (is(hit, "config") || is(hit, "address") || is(hit, "root") || is(hit, "state")
                 || is(hit, "listen") || is(hit, "state-dir"))
            paths.append(hit.value);
    };
    qsizetype index = reader.read(1, sink);
    if (index < argv.size()) {
        // `containerd publish --topic … --namespace …` is run by shims to post events; it is the engine's code.
        rc.subcommand = argv[index++];
        reader.read(index, sink);
    }
    rc.engine = engineForNamespace(rc.namespace_);
    for (qsizetype i = 0; i < paths.size() && rc.engine.isEmpty(); ++i)
        rc.engine = engineFromPath(paths[i]);
    if (rc.engine.isEmpty())
        rc.engine = program.startsWith("docker-") ? QByteArrayLiteral("docker") : QByteArrayLiteral("containerd");
    return rc;
}

RuntimeCommand classifyByName(QByteArrayView program, const Argv& argv, int depth)
{
    if (program.isEmpty())
        return {};
    if (isShimName(program))
        return parseShim(program, argv);
    if (program == "conmon")
        return parseConmon(argv);
    if (isOciRuntimeName(program))
        return parseOciRuntime(program, argv);
    if (isInitHelperName(program)) {
        RuntimeCommand rc;
        rc.kind = RuntimeKind::InitHelper;
        rc.program = program.toByteArray();
        return rc;
    }
    if (program == "docker" || program == "podman" || program == "nerdctl")
        return parseDockerLike(program, argv);
    if (program == "ctr")
        return parseCtr(argv);
    if (program == "crictl")
        return parseCrictl(argv);
    if (program == "kubectl")
        return parseKubectl(argv);
    if (program == "k3s" || program == "rke2")
        return parseK3s(program, argv, depth);
    if (inList(program, {"containerd", "docker-containerd", "docker-containerd-current"}))
        return parseContainerd(program, argv);
    if (inList(program, {"dockerd", "dockerd-current", "docker-proxy", "crio", "kubelet", "cri-dockerd"})) {
        RuntimeCommand rc;
        rc.kind = RuntimeKind::Engine;
        rc.program = program.toByteArray();
        if (program == "crio")
            rc.engine = QByteArrayLiteral("cri-o");
        else if (program == "kubelet" || program == "cri-dockerd")
            rc.engine = QByteArrayLiteral("kubernetes");
        else
            rc.engine = QByteArrayLiteral("docker");
        return rc;
    }
    return {};
}

} // namespace

RuntimeCommand classifyRuntime(QByteArrayView exeIn, const QList<QByteArray>& argv, QByteArrayView syscall)
{
    const QByteArrayView exe = cleanExe(exeIn);
    const QByteArrayView argv0 = argv.isEmpty() ? QByteArrayView() : basename(argv.front());
    const bool execveat = syscall == "execveat" || syscall == "322";

    // The executable names the program; argv[0] is whatever the caller chose (`exec -a`). argv[0] decides only when
    // the source has no executable (exe="(null)", a listing without paths) or when the exec went through a file
    // descriptor (execveat, exe "/", /proc/self/fd/N, a memfd): runc and crun re-execute a sealed memfd copy of
    // themselves that way. Through an fd only an OCI runtime's name is believed, so a fileless program cannot pass
    // itself off as a shim whose children would then look like container processes.
    const bool missing = exe.isEmpty() || exe == "(null)";
    const bool throughFd = (!missing && isAnonymousExe(exe)) || (execveat && (missing || !exe.contains('/')));
    QByteArrayView program;
    if (!missing && !throughFd) {
        program = basename(exe);
    } else if (!argv.isEmpty() && isAnonymousExe(argv.front())) {
        // A tracer that reports the fd path as argv[0]: only runc's `init` is recognisable.
        if (argv.size() >= 2 && argv[1] == "init")
            program = "runc";
    } else {
        program = argv0;
        if (throughFd && !isOciRuntimeName(program))
            program = exe.contains("runc_cloned") ? QByteArrayView("runc") : QByteArrayView();
    }

    // Multi-call binaries: the executable is one file, argv[0] says which part of it runs.
    if ((program == "k3s" || program == "rke2") && inList(argv0, {"containerd", "ctr", "crictl", "kubectl"}))
        program = argv0;
    if (program == "runsc" && argv0.startsWith("runsc-"))
        program = argv0;
    if ((program == "dockerd" || program == "dockerd-current") && !argv0.isEmpty() && argv0 != program) {
        // dockerd re-executes itself for helpers (libnetwork-setkey as an OCI prestart hook, docker-untar,
        // set-ipv6): host processes doing the engine's work, even when runc or a container launch is their parent.
        RuntimeCommand rc;
        rc.kind = RuntimeKind::Engine;
        rc.program = program.toByteArray();
        rc.subcommand = argv0.toByteArray();
        rc.engine = QByteArrayLiteral("docker");
        if (argv0 == "libnetwork-setkey") {
            OptionReader reader(argv, Options{}, Syntax::Go, UnknownPolicy::Flag);
            const qsizetype index = reader.read(1, [](const OptionHit&) {});
            if (index < argv.size() && looksLikeContainerId(argv[index]))
                setId(rc, argv[index], "argument");
        }
        return rc;
    }
    return classifyByName(program, argv, 0);
}

const char* runtimeKindName(RuntimeKind kind)
{
    switch (kind) {
    case RuntimeKind::None:
        return "none";
    case RuntimeKind::Engine:
        return "engine";
    case RuntimeKind::Cli:
        return "cli";
    case RuntimeKind::ShimLauncher:
        return "shim launcher";
    case RuntimeKind::Shim:
        return "shim";
    case RuntimeKind::Conmon:
        return "conmon";
    case RuntimeKind::Runtime:
        return "runtime";
    case RuntimeKind::RuntimeInit:
        return "runtime init";
    case RuntimeKind::InitHelper:
        return "init helper";
    }
    return "none";
}

bool looksLikeContainerId(QByteArrayView text)
{
    if (text.size() < 12 || text.size() > 64)
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace ShimScope
