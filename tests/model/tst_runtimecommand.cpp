// SPDX-License-Identifier: GPL-3.0-or-later
// Runtime command recognition, row by row on real command lines: the first demo auditd capture (tests/data/demo-2026-12-03, decoded from
// its hex EXECVE records), the Tetragon and Falco samples, and the listings quoted in ../shared/RUNTIMES.md.

#include "runtimecommand.h"

#include <QRandomGenerator>
#include <QTest>

using namespace ShimScope;

namespace
{

struct Expected
{
    RuntimeKind kind = RuntimeKind::None;
    QByteArray program = {};
    QByteArray subcommand = {};
    QByteArray containerId = {};
    QByteArray idSource = {};
    QByteArray namespace_ = {};
    QByteArray engine = {};
    QByteArray name = {};
    QByteArray image = {};
    QByteArray bundle = {};
    bool detached = false;
};

/// argv from a command line whose arguments hold no spaces (as Tetragon's `arguments` string is split).
QList<QByteArray> words(const QByteArray& line)
{
    return line.split(' ');
}

// The containers of the demo capture (tests/data/demo-2026-12-03/README.md).
const QByteArray kWeb = QByteArrayLiteral("85209fd3eb3b54261d0082a0c815375e41e7ce666386f43cd72c8472d12105ab");
const QByteArray kB64 = QByteArrayLiteral("84d0a0c4fe653b185262917868d5cbdc2b8fb3c90c9e30f123e7514f274f2869");

QByteArray demoBundle(const QByteArray& id)
{
    return QByteArrayLiteral("/run/containerd/io.containerd.runtime.v2.task/moby/") + id;
}

/// The global options the demo's shim passed to runc.
QByteArray demoRunc(const QByteArray& id)
{
    return QByteArrayLiteral("runc --root /var/run/docker/runtime-runc/moby --log ") + demoBundle(id)
        + QByteArrayLiteral("/log.json --log-format json");
}

void row(const char* tag, const QByteArray& exe, const QList<QByteArray>& argv, const Expected& expected,
         const QByteArray& syscall = QByteArrayLiteral("execve"))
{
    QTest::newRow(tag) << exe << argv << syscall << QVariant::fromValue(expected);
}

} // namespace

Q_DECLARE_METATYPE(Expected)

class TestRuntimeCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QByteArray>("exe");
        QTest::addColumn<QList<QByteArray>>("argv");
        QTest::addColumn<QByteArray>("syscall");
        QTest::addColumn<QVariant>("expected");

        const QByteArray shimV2 = QByteArrayLiteral("/usr/bin/containerd-shim-runc-v2");
        const QByteArray runc = QByteArrayLiteral("/usr/sbin/runc");
        const QByteArray docker = QByteArrayLiteral("/usr/bin/docker");

        // --- The demo capture: docker 20.10 + containerd 1.6 + runc 1.1.5, exact argv of each exec. ---
        row("demo shim launcher start (serial 59)", shimV2,
            words(shimV2 + " -namespace moby -address /run/containerd/containerd.sock -publish-binary "
                  "/usr/bin/containerd -id " + kWeb + " start"),
            {.kind = RuntimeKind::ShimLauncher, .program = "containerd-shim-runc-v2", .subcommand = "start",
             .containerId = kWeb, .idSource = "-id", .namespace_ = "moby", .engine = "docker"});
        row("demo shim daemon (60)", shimV2,
            words(shimV2 + " -namespace moby -id " + kWeb + " -address /run/containerd/containerd.sock"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-runc-v2", .containerId = kWeb, .idSource = "-id",
             .namespace_ = "moby", .engine = "docker"});
        row("demo runc create (61)", runc,
            words(demoRunc(kWeb) + " create --bundle " + demoBundle(kWeb) + " --pid-file " + demoBundle(kWeb)
                  + "/init.pid " + kWeb),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "create", .containerId = kWeb,
             .idSource = "argument", .namespace_ = "moby", .engine = "docker", .bundle = demoBundle(kWeb)});
        row("demo runc init execve, comm exe (62)", runc, {"runc", "init"},
            {.kind = RuntimeKind::RuntimeInit, .program = "runc", .subcommand = "init"});
        row("demo runc init execveat exe / (63)", "/", {"runc", "init"},
            {.kind = RuntimeKind::RuntimeInit, .program = "runc", .subcommand = "init"}, "execveat");
        row("demo runc init execveat, syscall as number", "/", {"runc", "init"},
            {.kind = RuntimeKind::RuntimeInit, .program = "runc", .subcommand = "init"}, "322");
        row("demo libnetwork-setkey hook: dockerd re-exec (64)", "/usr/sbin/dockerd",
            {"libnetwork-setkey", "-exec-root=/var/run/docker", kWeb, "78380b8f66fd"},
            {.kind = RuntimeKind::Engine, .program = "dockerd", .subcommand = "libnetwork-setkey", .containerId = kWeb,
             .idSource = "argument", .engine = "docker"});
        row("demo set-ipv6: dockerd re-exec (65)", "/usr/sbin/dockerd",
            {"set-ipv6", "/var/run/docker/netns/53a1b542ee8c", "all", "false"},
            {.kind = RuntimeKind::Engine, .program = "dockerd", .subcommand = "set-ipv6", .engine = "docker"});
        row("demo docker-untar: dockerd re-exec (101)", "/usr/sbin/dockerd",
            {"docker-untar", "/tmp",
             "/var/lib/docker/overlay2/663715fea693848c88df094e5b1f37017ff741a9fdf461a6f234956c1bdbff58/merged"},
            {.kind = RuntimeKind::Engine, .program = "dockerd", .subcommand = "docker-untar", .engine = "docker"});
        row("demo runc start (66)", runc, words(demoRunc(kWeb) + " start " + kWeb),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "start", .containerId = kWeb,
             .idSource = "argument", .namespace_ = "moby", .engine = "docker"});
        row("demo entrypoint sh (67)", "/bin/sh", {"sh", "-c", "while true; do sleep 5; done"}, {});
        row("demo busybox applet via /proc/self/exe (68)", "/bin/sh", {"sleep", "5"}, {});
        row("demo docker ps (56)", docker, {"/usr/bin/docker", "ps"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "ps", .engine = "docker"});
        row("demo docker run -d --name web (57)", docker,
            {"/usr/bin/docker", "run", "-d", "--name", "web", "demo/busybox", "sh", "-c",
             "while true; do sleep 5; done"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "run", .engine = "docker", .name = "web",
             .image = "demo/busybox", .detached = true});
        row("demo docker run --rm --name b64 --cidfile (111)", docker,
            {"/usr/bin/docker", "run", "--rm", "--name", "b64", "--cidfile", "/tmp/democapture/b64.cid",
             "demo/busybox", "sh", "-c", "echo aWQ7IHVuYW1lIC1h | base64 -d | sh"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "run", .engine = "docker", .name = "b64",
             .image = "demo/busybox"});
        row("demo docker exec web sh -c (70)", docker, {"/usr/bin/docker", "exec", "web", "sh", "-c", "id; ls /"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "exec", .engine = "docker", .name = "web"});
        row("demo docker exec -it web sh (79)", docker, {"/usr/bin/docker", "exec", "-it", "web", "sh"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "exec", .engine = "docker", .name = "web"});
        row("demo docker exec -d web (102)", docker,
            {"/usr/bin/docker", "exec", "-d", "web", "sh", "-c", "exec -a systemd /tmp/.redtail"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "exec", .engine = "docker", .name = "web",
             .detached = true});
        row("demo script wrapping docker exec (77)", "/usr/bin/script",
            {"script", "-q", "-c", "/usr/bin/docker exec -it web sh", "/dev/null"}, {});
        row("demo bash -c docker exec (78)", "/usr/bin/bash", {"bash", "-c", "/usr/bin/docker exec -it web sh"}, {});
        row("demo runc exec (71)", runc,
            words(demoRunc(kWeb) + " exec --process /tmp/runc-process212693133 --detach --pid-file "
                  + demoBundle(kWeb) + "/5a9da40be1c4af1194434f793eff9ec2d8cec9aac203e4229180ec901a4b11dc.pid "
                  + kWeb),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "exec", .containerId = kWeb,
             .idSource = "argument", .namespace_ = "moby", .engine = "docker", .detached = true});
        row("demo runc exec with console socket (80)", runc,
            words(demoRunc(kWeb) + " exec --process /tmp/runc-process3238297584 --console-socket "
                  "/tmp/pty520458793/pty.sock --detach --pid-file " + demoBundle(kWeb)
                  + "/927b723339310de03cffc92c9f49a4ee5a9f1ea9ef3b8b0b4a92283fffa84189.pid " + kWeb),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "exec", .containerId = kWeb,
             .idSource = "argument", .namespace_ = "moby", .engine = "docker", .detached = true});
        row("demo masquerading /.redtail with argv0 systemd (90)", "/.redtail", {"systemd", "sleep", "3"}, {});
        row("demo b64 shim daemon (114)", shimV2,
            words(shimV2 + " -namespace moby -id " + kB64 + " -address /run/containerd/containerd.sock"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-runc-v2", .containerId = kB64, .idSource = "-id",
             .namespace_ = "moby", .engine = "docker"});
        row("demo runc delete (125)", runc, words(demoRunc(kB64) + " delete " + kB64),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "delete", .containerId = kB64,
             .idSource = "argument", .namespace_ = "moby", .engine = "docker"});
        row("demo shim launcher delete with -bundle (126)", shimV2,
            words(shimV2 + " -namespace moby -address /run/containerd/containerd.sock -publish-binary "
                  "/usr/bin/containerd -id " + kB64 + " -bundle " + demoBundle(kB64) + " delete"),
            {.kind = RuntimeKind::ShimLauncher, .program = "containerd-shim-runc-v2", .subcommand = "delete",
             .containerId = kB64, .idSource = "-id", .namespace_ = "moby", .engine = "docker",
             .bundle = demoBundle(kB64)});
        row("demo runc delete --force (127)", runc, words(demoRunc(kB64) + " delete --force " + kB64),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "delete", .containerId = kB64,
             .idSource = "argument", .namespace_ = "moby", .engine = "docker"});

        // --- containerd shims from listings (RUNTIMES.md §1, Tetragon testdata, kata/k3s `ps` excerpts). ---
        const QByteArray sandbox
            = QByteArrayLiteral("c97e298d5d4485f4710d3837b7d689aba6078e0c008af713053ac361cd8b0018");
        row("tetragon GKE shim: -namespace k8s.io -id <sandbox>", shimV2,
            QList<QByteArray>{shimV2}
                + words("-namespace k8s.io -id " + sandbox + " -address /run/containerd/containerd.sock"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-runc-v2", .containerId = sandbox,
             .idSource = "-id", .namespace_ = "k8s.io", .engine = "kubernetes"});
        const QByteArray k3sShim = QByteArrayLiteral(
            "/var/lib/rancher/k3s/data/d76b59b2203578bb4cb3438338ccad2f0d3e194bef799a8957f21430b7d5f1e3/bin/"
            "containerd-shim-runc-v2");
        const QByteArray k3sSandbox
            = QByteArrayLiteral("43c77eec83abdf0dd6a4de160385ac5db52755c2ff6071598b07f464053ebfd8");
        row("k3s shim under /var/lib/rancher", k3sShim,
            words(k3sShim + " -namespace k8s.io -id " + k3sSandbox + " -address /run/k3s/containerd/containerd.sock"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-runc-v2", .containerId = k3sSandbox,
             .idSource = "-id", .namespace_ = "k8s.io", .engine = "kubernetes"});
        const QByteArray kata = QByteArrayLiteral("/opt/kata/bin/containerd-shim-kata-v2");
        const QByteArray kataId = QByteArrayLiteral("3871d0c8108c66d3388f883f0d4de0cdf3e724607a06bce653fc13a988cd1985");
        row("kata shim with -id last", kata,
            words(kata + " -namespace k8s.io -address /run/containerd/containerd.sock -publish-binary "
                         "/usr/bin/containerd -id " + kataId),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-kata-v2", .containerId = kataId,
             .idSource = "-id", .namespace_ = "k8s.io", .engine = "kubernetes"});
        const QByteArray kataDebugId
            = QByteArrayLiteral("3f1316b887ba0cf7b0144a095fb543a262ae0c2b32a94c7658e1dbb3707c5ea9");
        row("kata shim with -debug after -id", "/usr/local/bin/containerd-shim-kata-v2",
            words("/usr/local/bin/containerd-shim-kata-v2 -namespace k8s.io -address /run/containerd/containerd.sock "
                  "-publish-binary /usr/bin/containerd -id " + kataDebugId + " -debug"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-kata-v2", .containerId = kataDebugId,
             .idSource = "-id", .namespace_ = "k8s.io", .engine = "kubernetes"});
        // Flags in another order than the listings: -debug is a boolean and must not swallow -id.
        row("shim with -debug before -id", shimV2,
            words(shimV2 + " -namespace k8s.io -debug -id " + sandbox + " -address /run/containerd/containerd.sock"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-runc-v2", .containerId = sandbox,
             .idSource = "-id", .namespace_ = "k8s.io", .engine = "kubernetes"});
        row("launcher with -debug=true before start (binary.go order)", shimV2,
            words(shimV2 + " -namespace moby -address /run/containerd/containerd.sock -publish-binary "
                  "/usr/bin/containerd -id " + kWeb + " -debug=true start"),
            {.kind = RuntimeKind::ShimLauncher, .program = "containerd-shim-runc-v2", .subcommand = "start",
             .containerId = kWeb, .idSource = "-id", .namespace_ = "moby", .engine = "docker"});
        row("kata shim for ctr: -id is a name", "/usr/bin/containerd-shim-kata-v2",
            words("/usr/bin/containerd-shim-kata-v2 -namespace default -address /run/containerd/containerd.sock "
                  "-publish-binary /usr/bin/containerd -id hello"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-kata-v2", .containerId = "hello",
             .idSource = "-id", .namespace_ = "default", .engine = "containerd"});
        const QByteArray kataDelete
            = QByteArrayLiteral("bdf1493220ed78c326374b7f0a872520c5925b8b2aefbec66c2ccf4247674c1c");
        row("kata launcher delete (containerd error line)", "/usr/bin/containerd-shim-kata-v2",
            words("/usr/bin/containerd-shim-kata-v2 -namespace default -address /run/containerd/containerd.sock "
                  "-publish-binary /var/home/andrew/Repos/program-explorer/bin/containerd -id " + kataDelete
                  + " -bundle /run/containerd/io.containerd.runtime.v2.task/default/" + kataDelete + " delete"),
            {.kind = RuntimeKind::ShimLauncher, .program = "containerd-shim-kata-v2", .subcommand = "delete",
             .containerId = kataDelete, .idSource = "-id", .namespace_ = "default", .engine = "containerd",
             .bundle = "/run/containerd/io.containerd.runtime.v2.task/default/" + kataDelete});
        row("runsc shim has no -id", "/usr/local/bin/containerd-shim-runsc-v1",
            words("/usr/local/bin/containerd-shim-runsc-v1 -namespace k8s.io -address /run/containerd/containerd.sock "
                  "-publish-binary /usr/bin/containerd"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-runsc-v1", .namespace_ = "k8s.io",
             .engine = "kubernetes"});
        row("comm-truncated name is not used: exe wins", "/usr/bin/containerd-shim-runc-v2 (deleted)",
            words(shimV2 + " -namespace moby -id " + kWeb + " -address /run/containerd/containerd.sock"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-runc-v2", .containerId = kWeb, .idSource = "-id",
             .namespace_ = "moby", .engine = "docker"});

        // Tetragon book: shim v1 (`arguments` is one string, split on spaces). The book's text replaced one character
        // of each long id with a space at a line wrap; the repaired rows put back the character the intact id (the
        // last runc argument in the same sample) shows.
        const QByteArray tetraId
            = QByteArrayLiteral("a51959123c3ba99a9f50a7009a03db621211c1503a322e796c1ea9bbcc40bddc");
        const QByteArray v1State
            = QByteArrayLiteral("/var/lib/docker/containerd/daemon/io.containerd.runtime.v1.linux/moby/");
        row("tetragon shim v1 -workdir (repaired)", "/usr/bin/containerd-shim",
            QList<QByteArray>{"/usr/bin/containerd-shim"}
                + words("-namespace moby -workdir " + v1State + tetraId
                        + " -address /var/run/docker/containerd/containerd.sock -containerd-binary /usr/bin/containerd "
                          "-runtime-root /var/run/docker/runtime-runc -systemd-cgroup"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim", .containerId = tetraId,
             .idSource = "-workdir", .namespace_ = "moby", .engine = "docker"});
        row("tetragon shim v1 as published (id cut by a space)", "/usr/bin/containerd-shim",
            QList<QByteArray>{"/usr/bin/containerd-shim"}
                + words("-namespace moby -workdir " + v1State
                        + "a51959123c3ba99a9f50a7009a03d 621211c1503a322e796c1ea9bbcc40bddc -address "
                          "/var/run/docker/containerd/containerd.sock -containerd-binary /usr/bin/containerd "
                          "-runtime-root /var/run/docker/runtime-runc -systemd-cgroup"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim", .containerId = "a51959123c3ba99a9f50a7009a03d",
             .idSource = "-workdir", .namespace_ = "moby", .engine = "docker"});
        const QByteArray tetraExecId
            = QByteArrayLiteral("85f791fd8dfa740a3b1c177e8f68e8fdb4803a7c8fa0e957a5ec38460ce047ef");
        const QByteArray v1Run
            = QByteArrayLiteral("/run/docker/containerd/daemon/io.containerd.runtime.v1.linux/moby/");
        row("docker 17.12-18.06 docker-containerd-shim -workdir", "/usr/bin/docker-containerd-shim",
            words("docker-containerd-shim -namespace moby -workdir " + v1State + tetraExecId
                  + " -address /var/run/docker/containerd/docker-containerd.sock -containerd-binary "
                    "/usr/bin/docker-containerd -runtime-root /var/run/docker/runtime-runc"),
            {.kind = RuntimeKind::Shim, .program = "docker-containerd-shim", .containerId = tetraExecId,
             .idSource = "-workdir", .namespace_ = "moby", .engine = "docker"});
        row("docker 1.12 docker-containerd-shim positional", "/usr/bin/docker-containerd-shim",
            {"docker-containerd-shim", tetraExecId, "/var/run/docker/libcontainerd/" + tetraExecId, "docker-runc"},
            {.kind = RuntimeKind::Shim, .program = "docker-containerd-shim", .containerId = tetraExecId,
             .idSource = "argument", .engine = "docker",
             .bundle = "/var/run/docker/libcontainerd/" + tetraExecId});
        row("RHEL docker-containerd-shim-current positional", "/usr/bin/docker-containerd-shim-current",
            {"/usr/bin/docker-containerd-shim-current", tetraExecId, "/var/run/docker/libcontainerd/" + tetraExecId,
             "/usr/libexec/docker/docker-runc-current"},
            {.kind = RuntimeKind::Shim, .program = "docker-containerd-shim-current", .containerId = tetraExecId,
             .idSource = "argument", .engine = "docker",
             .bundle = "/var/run/docker/libcontainerd/" + tetraExecId});

        // --- OCI runtimes. ---
        row("tetragon runc exec under shim v1 (repaired)", "/usr/bin/runc",
            QList<QByteArray>{"/usr/bin/runc"}
                + words("--root /var/run/docker/runtime-runc/moby --log " + v1Run + tetraExecId
                        + "/log.json --log-format json --systemd-cgroup exec --process /tmp/runc-process606783159 "
                          "--console-socket /tmp/pty556786360/pty.sock --detach --pid-file " + v1Run + tetraExecId
                        + "/1a75afb3c504e18829133cc3181332971643aeb7427e9085f120c4aeddd727b2.pid " + tetraExecId),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "exec", .containerId = tetraExecId,
             .idSource = "argument", .namespace_ = "moby", .engine = "docker", .detached = true});
        row("tetragon runc create under shim v1 (repaired)", "/usr/bin/runc",
            QList<QByteArray>{"/usr/bin/runc"}
                + words("--root /var/run/docker/runtime-runc/moby --log " + v1Run + tetraId
                        + "/log.json --log-format json --systemd-cgroup create --bundle /var" + v1Run + tetraId
                        + " --pid-file /var" + v1Run + tetraId + "/init.pid " + tetraId),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "create", .containerId = tetraId,
             .idSource = "argument", .namespace_ = "moby", .engine = "docker", .bundle = "/var" + v1Run + tetraId});
        const QByteArray k8sBundle = "/run/containerd/io.containerd.runtime.v2.task/k8s.io/" + sandbox;
        row("runc with --flag=value forms (k8s.io)", "/usr/bin/runc",
            words("runc --root=/run/containerd/runc/k8s.io --log=" + k8sBundle + "/log.json --log-format=json "
                  "--systemd-cgroup create --bundle=" + k8sBundle + " --pid-file=" + k8sBundle + "/init.pid "
                  "--no-pivot --no-new-keyring " + sandbox),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "create", .containerId = sandbox,
             .idSource = "argument", .namespace_ = "k8s.io", .engine = "kubernetes", .bundle = k8sBundle});
        row("runc exec: the command after the id is not the id", "/usr/sbin/runc",
            {"runc", "exec", "-t", "--env", "TERM=xterm", "-u", "0", "--cwd", "/", "mybox", "sh", "-c", "id"},
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "exec", .containerId = "mybox",
             .idSource = "argument"});
        row("runc run in the foreground", "/usr/sbin/runc", {"runc", "run", "-b", "/srv/bundles/demo", "demo"},
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "run", .containerId = "demo",
             .idSource = "argument", .bundle = "/srv/bundles/demo"});
        row("runc create without an id: the bundle names it", "/usr/sbin/runc",
            {"runc", "create", "--bundle", "/run/containerd/io.containerd.runtime.v2.task/default/redis1"},
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "create", .containerId = "redis1",
             .idSource = "--bundle", .namespace_ = "default", .engine = "containerd",
             .bundle = "/run/containerd/io.containerd.runtime.v2.task/default/redis1"});
        row("runc list names no container", "/usr/sbin/runc", {"runc", "--root", "/run/runc", "list", "-f", "json"},
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "list"});

        const QByteArray podId = QByteArrayLiteral("f13b2d8ab9d5c4f0a4f8c1e7e2f5d1b3c9a0e6f7d8c2b1a0f9e8d7c6b5a48387");
        const QByteArray podUserdata = "/var/lib/containers/storage/overlay-containers/" + podId + "/userdata";
        const QByteArray podRun = "/run/containers/storage/overlay-containers/" + podId + "/userdata";
        // conmon's runtime argv (src/runtime_args.c) with podman's --runtime-arg values.
        row("crun create from conmon (podman)", "/usr/bin/crun",
            words("/usr/bin/crun --systemd-cgroup --log-format=json --log " + podUserdata + "/oci-log create --bundle "
                  + podUserdata + " --pid-file " + podRun + "/pidfile " + podId),
            {.kind = RuntimeKind::Runtime, .program = "crun", .subcommand = "create", .containerId = podId,
             .idSource = "argument", .bundle = podUserdata});
        row("crun start under the rootless root", "/usr/bin/crun",
            words("/usr/bin/crun --root /run/user/1000/crun start " + podId),
            {.kind = RuntimeKind::Runtime, .program = "crun", .subcommand = "start", .containerId = podId,
             .idSource = "argument", .engine = "podman"});
        row("crun memfd copy via execveat keeps its command", "/",
            words("/usr/bin/crun --systemd-cgroup create --bundle " + podUserdata + " --pid-file " + podRun
                  + "/pidfile " + podId),
            {.kind = RuntimeKind::Runtime, .program = "crun", .subcommand = "create", .containerId = podId,
             .idSource = "argument", .bundle = podUserdata},
            "execveat");
        row("runc from CRI-O's conmon: --root=/run/runc", "/usr/bin/runc",
            words("/usr/bin/runc --systemd-cgroup --root=/run/runc create --bundle " + podRun + " --pid-file " + podRun
                  + "/pidfile " + podId),
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "create", .containerId = podId,
             .idSource = "argument", .bundle = podRun});
        const QByteArray runscId
            = QByteArrayLiteral("2415e1bffd9fe0fe0ab088bd64c510572311393b21ddfa63e31f73ade7102ffe");
        row("runsc-gofer: id from --bundle", "/usr/local/bin/runsc",
            words("runsc-gofer --root=/run/containerd/runsc/k8s.io --log=/run/containerd/io.containerd.runtime.v2.task/"
                  "k8s.io/" + runscId + "/log.json --log-format=json --log-fd=3 gofer --bundle "
                  "/run/containerd/io.containerd.runtime.v2.task/k8s.io/" + runscId),
            {.kind = RuntimeKind::Runtime, .program = "runsc-gofer", .subcommand = "gofer", .containerId = runscId,
             .idSource = "--bundle", .namespace_ = "k8s.io", .engine = "kubernetes",
             .bundle = "/run/containerd/io.containerd.runtime.v2.task/k8s.io/" + runscId});
        row("runsc-sandbox under docker: --bundle=", "/usr/local/bin/runsc",
            words("runsc-sandbox --root=/var/run/docker/runtime-runc/moby --log=/run/containerd/"
                  "io.containerd.runtime.v2.task/moby/" + kWeb + "/log.json --log-format=json --systemd-cgroup=true "
                  "--log-fd=3 boot --bundle=/run/containerd/io.containerd.runtime.v2.task/moby/" + kWeb),
            {.kind = RuntimeKind::Runtime, .program = "runsc-sandbox", .subcommand = "boot", .containerId = kWeb,
             .idSource = "--bundle", .namespace_ = "moby", .engine = "docker",
             .bundle = "/run/containerd/io.containerd.runtime.v2.task/moby/" + kWeb});

        // --- The memfd re-exec of runc init as other tracers show it. ---
        row("runc init exec'd through /proc/self/fd/7 (bpftrace)", "/proc/self/fd/7", {"runc", "init"},
            {.kind = RuntimeKind::RuntimeInit, .program = "runc", .subcommand = "init"});
        row("runc init exec'd through /dev/fd/5", "/dev/fd/5", {"runc", "init"},
            {.kind = RuntimeKind::RuntimeInit, .program = "runc", .subcommand = "init"}, "execveat");
        row("runc init from the sealed memfd", "/memfd:runc_cloned:/proc/self/exe (deleted)", {"runc", "init"},
            {.kind = RuntimeKind::RuntimeInit, .program = "runc", .subcommand = "init"});
        row("runc init with the fd path as argv0", "", {"/proc/self/fd/7", "init"},
            {.kind = RuntimeKind::RuntimeInit, .program = "runc", .subcommand = "init"});
        row("fileless execveat of something else stays unknown", "/", {"[kworker/0:2]"}, {}, "execveat");
        row("fileless exec claiming to be a shim stays unknown", "/",
            {"containerd-shim-runc-v2", "-namespace", "moby", "-id", kWeb, "-address",
             "/run/containerd/containerd.sock"},
            {}, "execveat");
        row("no exe in the source (execsnoop): argv0 decides", "",
            words(shimV2 + " -namespace moby -id " + kWeb + " -address /run/containerd/containerd.sock"),
            {.kind = RuntimeKind::Shim, .program = "containerd-shim-runc-v2", .containerId = kWeb, .idSource = "-id",
             .namespace_ = "moby", .engine = "docker"});
        row("auditd exe=(null): argv0 decides", "(null)", {"/usr/bin/docker", "ps"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "ps", .engine = "docker"});

        // --- conmon: argument orders from RUNTIMES.md (podman listing, CRI-O systemd-cgls). ---
        row("conmon for podman", "/usr/bin/conmon",
            words("/usr/bin/conmon --api-version 1 -c " + podId + " -u " + podId + " -r /usr/bin/crun -b " + podUserdata
                  + " -p " + podRun + "/pidfile -n web --exit-dir /run/libpod/exits --persist-dir /run/libpod/persist/"
                  + podId + " --full-attach -s -l journald --log-level warning --syslog --runtime-arg "
                  "--log-format=json --runtime-arg --log --runtime-arg=" + podRun + "/oci-log --conmon-pidfile "
                  + podRun + "/conmon.pid --exit-command /usr/bin/podman --exit-command-arg --root --exit-command-arg "
                  "/var/lib/containers/storage --exit-command-arg container --exit-command-arg cleanup "
                  "--exit-command-arg " + podId),
            {.kind = RuntimeKind::Conmon, .program = "conmon", .containerId = podId, .idSource = "-c",
             .engine = "podman", .name = "web", .bundle = podUserdata});
        const QByteArray crioId = QByteArrayLiteral("9a43e5d8c0b1f2a3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b");
        const QByteArray crioUserdata = "/run/containers/storage/overlay-containers/" + crioId + "/userdata";
        const QByteArray crioName = QByteArrayLiteral("k8s_nginx_web-0_default_5e0c7a4e-8d7b-4a1c-9f3e-2b6d1c0a9e8f_0");
        row("conmon for CRI-O", "/usr/bin/conmon",
            words("/usr/bin/conmon -b " + crioUserdata + " -c " + crioId + " --exit-dir /var/run/crio/exits -l "
                  "/var/log/pods/default_web-0_5e0c7a4e-8d7b-4a1c-9f3e-2b6d1c0a9e8f/nginx/0.log --log-level info -n "
                  + crioName + " -P " + crioUserdata + "/conmon-pidfile -p " + crioUserdata + "/pidfile --persist-dir "
                  + crioUserdata + " -r /usr/bin/runc --runtime-arg --root=/run/runc --socket-dir-path /var/run/crio "
                  "--syslog -u " + crioId + " -s"),
            {.kind = RuntimeKind::Conmon, .program = "conmon", .containerId = crioId, .idSource = "-c",
             .engine = "cri-o", .name = crioName, .bundle = crioUserdata});
        row("conmon for a podman exec session: -u is the session", "/usr/bin/conmon",
            words("/usr/bin/conmon --api-version 1 -c " + podId + " -u 5a9da40be1c4af1194434f793eff9ec2d8cec9aac203"
                  "e4229180ec901a4b11dc -r /usr/bin/crun -b /var/lib/containers/storage/overlay-containers/" + podId
                  + "/userdata/5a9da40be1c4 -p /var/lib/containers/storage/overlay-containers/" + podId
                  + "/userdata/5a9da40be1c4/exec_pid -n web --exit-dir /var/lib/containers/storage/overlay-containers/"
                  + podId + "/userdata/5a9da40be1c4/exit --full-attach -s -l none --log-level warning --syslog -t -i "
                  "-e --exec-attach --exec-process-spec /var/lib/containers/storage/overlay-containers/" + podId
                  + "/userdata/5a9da40be1c4/exec-process-4130 --exit-command /usr/bin/podman"),
            {.kind = RuntimeKind::Conmon, .program = "conmon", .subcommand = "exec", .containerId = podId,
             .idSource = "-c", .engine = "podman", .name = "web",
             .bundle = "/var/lib/containers/storage/overlay-containers/" + podId + "/userdata/5a9da40be1c4"});

        // --- Init helpers (a container's PID 1). ---
        row("docker-init -- cmd", "/sbin/docker-init", {"/sbin/docker-init", "--", "sh", "-c", "sleep 100 &"},
            {.kind = RuntimeKind::InitHelper, .program = "docker-init"});
        row("tini", "/usr/bin/tini", {"/usr/bin/tini", "--", "node", "server.js"},
            {.kind = RuntimeKind::InitHelper, .program = "tini"});
        row("catatonit as podman's pause process", "/usr/libexec/podman/catatonit", {"catatonit", "-P"},
            {.kind = RuntimeKind::InitHelper, .program = "catatonit"});

        // --- CLIs. ---
        row("docker run --rm -it --init alpine sh", docker,
            {"docker", "run", "--rm", "-it", "--init", "alpine", "sh"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "run", .engine = "docker",
             .image = "alpine"});
        row("docker run -dit -p … -e … --name=… -v …", docker,
            {"docker", "run", "-dit", "-p", "8080:80", "-e", "A=b", "--name=web2", "-v", "/srv:/srv:ro", "-u", "1000",
             "--security-opt", "no-new-privileges", "nginx:1.25"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "run", .engine = "docker", .name = "web2",
             .image = "nginx:1.25", .detached = true});
        row("docker run --detach=false, glued -p", docker,
            {"docker", "--log-level", "debug", "run", "--detach=false", "-p8080:80", "--network", "host", "busybox"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "run", .engine = "docker",
             .image = "busybox"});
        row("docker container run", docker, {"docker", "container", "run", "-d", "--restart", "always", "redis"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "run", .engine = "docker", .image = "redis",
             .detached = true});
        row("docker exec by short id", docker, {"docker", "exec", "-u", "root", "-w", "/tmp", "85209fd3eb3b", "sh"},
            {.kind = RuntimeKind::Cli, .program = "docker", .subcommand = "exec", .containerId = "85209fd3eb3b",
             .idSource = "argument", .engine = "docker"});
        row("podman run", "/usr/bin/podman",
            {"podman", "--log-level=info", "run", "-d", "--name", "db", "--pod", "mypod",
             "docker.io/library/postgres:16"},
            {.kind = RuntimeKind::Cli, .program = "podman", .subcommand = "run", .engine = "podman", .name = "db",
             .image = "docker.io/library/postgres:16", .detached = true});
        row("podman system service is an engine", "/usr/bin/podman",
            {"/usr/bin/podman", "--log-level=info", "system", "service"},
            {.kind = RuntimeKind::Engine, .program = "podman", .subcommand = "system service", .engine = "podman"});
        row("podman container cleanup run by conmon", "/usr/bin/podman",
            {"/usr/bin/podman", "--root", "/var/lib/containers/storage", "--runroot", "/run/containers/storage",
             "--log-level", "warning", "--cgroup-manager", "systemd", "--tmpdir", "/run/libpod",
             "--network-config-dir", "", "--network-backend", "netavark", "--transient-store=false", "--runtime",
             "crun", "--storage-driver", "overlay", "--events-backend", "journald", "container", "cleanup", podId},
            {.kind = RuntimeKind::Cli, .program = "podman", .subcommand = "cleanup", .containerId = podId,
             .idSource = "argument", .engine = "podman"});
        row("ctr run IMAGE ID", "/usr/bin/ctr",
            {"ctr", "run", "--runtime", "io.containerd.run.kata.v2", "-t", "--rm", "docker.io/library/busybox:latest",
             "hello", "sh"},
            {.kind = RuntimeKind::Cli, .program = "ctr", .subcommand = "run", .engine = "containerd", .name = "hello",
             .image = "docker.io/library/busybox:latest"});
        row("ctr -n k8s.io task exec", "/usr/bin/ctr",
            {"ctr", "-n", "k8s.io", "task", "exec", "--exec-id", "dbg", "-t", sandbox, "sh"},
            {.kind = RuntimeKind::Cli, .program = "ctr", .subcommand = "exec", .containerId = sandbox,
             .idSource = "argument", .namespace_ = "k8s.io", .engine = "kubernetes"});
        row("nerdctl run", "/usr/local/bin/nerdctl",
            {"nerdctl", "run", "--runtime", "io.containerd.kata.v2", "--rm", "--network=none", "gcc:14.1.0", "gcc",
             "--version"},
            {.kind = RuntimeKind::Cli, .program = "nerdctl", .subcommand = "run", .engine = "containerd",
             .image = "gcc:14.1.0"});
        row("crictl exec -it", "/usr/local/bin/crictl", {"crictl", "exec", "-it", "1f7a8b9c0d1e", "sh"},
            {.kind = RuntimeKind::Cli, .program = "crictl", .subcommand = "exec", .containerId = "1f7a8b9c0d1e",
             .idSource = "argument", .engine = "kubernetes"});
        row("kubectl exec names a pod", "/usr/bin/kubectl",
            {"kubectl", "-n", "prod", "exec", "-it", "web-7d4b9c", "-c", "app", "--", "sh", "-c", "id"},
            {.kind = RuntimeKind::Cli, .program = "kubectl", .subcommand = "exec", .engine = "kubernetes",
             .name = "web-7d4b9c"});

        // --- Engines. ---
        row("dockerd", "/usr/sbin/dockerd", {"dockerd", "--containerd=/run/containerd/containerd.sock"},
            {.kind = RuntimeKind::Engine, .program = "dockerd", .engine = "docker"});
        row("dockerd-managed containerd (tetragon)", "/usr/bin/containerd",
            QList<QByteArray>{"/usr/bin/containerd"}
                + words("--config /var/run/docker/containerd/containerd.toml --log-level info"),
            {.kind = RuntimeKind::Engine, .program = "containerd", .engine = "docker"});
        row("containerd publish run by a shim", "/usr/bin/containerd",
            {"/usr/bin/containerd", "--address", "/run/containerd/containerd.sock", "publish", "--topic",
             "/tasks/exit", "--namespace", "k8s.io"},
            {.kind = RuntimeKind::Engine, .program = "containerd", .subcommand = "publish", .namespace_ = "k8s.io",
             .engine = "kubernetes"});
        row("docker-containerd 0.2", "/usr/bin/docker-containerd",
            words("docker-containerd -l unix:///var/run/docker/libcontainerd/docker-containerd.sock "
                  "--metrics-interval=0 --start-timeout 2m --state-dir /var/run/docker/libcontainerd/containerd "
                  "--shim docker-containerd-shim --runtime docker-runc"),
            {.kind = RuntimeKind::Engine, .program = "docker-containerd", .engine = "docker"});
        row("k3s server", "/usr/local/bin/k3s", {"/usr/local/bin/k3s", "server"},
            {.kind = RuntimeKind::Engine, .program = "k3s", .subcommand = "server", .engine = "kubernetes"});
        const QByteArray k3sBin = QByteArrayLiteral(
            "/var/lib/rancher/k3s/data/0dcf6a30692cdc1e18883dd61731c3409485860ca27bfade8ecaf05cf64b72d0/bin/k3s");
        row("k3s re-exec'd as containerd", k3sBin,
            words("containerd -c /var/lib/rancher/k3s/agent/etc/containerd/config.toml -a "
                  "/run/k3s/containerd/containerd.sock --state /run/k3s/containerd --root "
                  "/var/lib/rancher/k3s/agent/containerd"),
            {.kind = RuntimeKind::Engine, .program = "containerd", .engine = "kubernetes"});
        row("k3s kubectl exec", "/usr/local/bin/k3s", {"k3s", "kubectl", "exec", "-it", "web-0", "--", "sh"},
            {.kind = RuntimeKind::Cli, .program = "kubectl", .subcommand = "exec", .engine = "kubernetes",
             .name = "web-0"});
        row("crio", "/usr/bin/crio", {"/usr/bin/crio"},
            {.kind = RuntimeKind::Engine, .program = "crio", .engine = "cri-o"});
        row("kubelet", "/usr/bin/kubelet",
            {"/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml",
             "--container-runtime-endpoint=unix:///run/containerd/containerd.sock"},
            {.kind = RuntimeKind::Engine, .program = "kubelet", .engine = "kubernetes"});

        // --- Not runtime components. ---
        row("bash", "/usr/bin/bash", {"bash"}, {});
        row("python running runc.py", "/usr/bin/python3.11", {"python3", "runc.py", "list"}, {});
        row("sh -c 'runc list' is a shell", "/usr/bin/dash", {"sh", "-c", "runc list"}, {});
        row("argv0 claims to be a shim, exe is bash", "/usr/bin/bash",
            {"containerd-shim-runc-v2", "-namespace", "moby", "-id", kWeb}, {});
        row("empty argv and exe", "", {}, {});
        row("empty argv, exe runc", "/usr/sbin/runc", {}, {.kind = RuntimeKind::Runtime, .program = "runc"});
        row("quoted exe as auditd writes it", "\"/usr/sbin/runc\"", {"runc", "state", "web"},
            {.kind = RuntimeKind::Runtime, .program = "runc", .subcommand = "state", .containerId = "web",
             .idSource = "argument"});
        row("falco: busybox sh in a container", "/bin/busybox", {"sh"}, {});
        row("falco: event-generator run", "/bin/event-generator", {"event-generator", "run", "--loop"}, {});
        row("tetragon: nsenter into PID 1", "/usr/bin/nsenter",
            QList<QByteArray>{"/usr/bin/nsenter"} + words("-t 1 -m -u -n -i -p bash"), {});
    }

    void classify()
    {
        QFETCH(QByteArray, exe);
        QFETCH(QList<QByteArray>, argv);
        QFETCH(QByteArray, syscall);
        QFETCH(QVariant, expected);
        const Expected e = expected.value<Expected>();
        const RuntimeCommand rc = classifyRuntime(exe, argv, syscall);
        QCOMPARE(runtimeKindName(rc.kind), runtimeKindName(e.kind));
        QCOMPARE(rc.program, e.program);
        QCOMPARE(rc.subcommand, e.subcommand);
        QCOMPARE(rc.containerId, e.containerId);
        QCOMPARE(rc.idSource, e.idSource);
        QCOMPARE(rc.namespace_, e.namespace_);
        QCOMPARE(rc.engine, e.engine);
        QCOMPARE(rc.name, e.name);
        QCOMPARE(rc.image, e.image);
        QCOMPARE(rc.bundle, e.bundle);
        QCOMPARE(rc.detached, e.detached);
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("exe");
        QTest::addColumn<QList<QByteArray>>("argv");
        QTest::addColumn<QByteArray>("syscall");
        QTest::addColumn<QByteArray>("kind");

        const QByteArray huge(1 << 20, 'a');
        QList<QByteArray> manyDebug{"containerd-shim-runc-v2"};
        for (int i = 0; i < 100000; ++i)
            manyDebug.append("-debug");
        QList<QByteArray> manyRuntimeArgs{"conmon"};
        for (int i = 0; i < 50000; ++i)
            manyRuntimeArgs << "--runtime-arg" << "--x";
        QList<QByteArray> manyEmpty(10000);
        manyEmpty.prepend("runc");

        QTest::newRow("nothing") << QByteArray() << QList<QByteArray>() << QByteArray() << QByteArray("none");
        QTest::newRow("one empty word") << QByteArray() << QList<QByteArray>{""} << QByteArray() << QByteArray("none");
        QTest::newRow("empty words after runc") << QByteArray("/usr/sbin/runc") << manyEmpty << QByteArray()
                                                << QByteArray("runtime");
        QTest::newRow("shim -namespace at the end")
            << QByteArray("/usr/bin/containerd-shim-runc-v2") << QList<QByteArray>{"x", "-namespace"} << QByteArray()
            << QByteArray("shim");
        QTest::newRow("shim -id at the end") << QByteArray("/usr/bin/containerd-shim-runc-v2")
                                             << QList<QByteArray>{"x", "-id"} << QByteArray() << QByteArray("shim");
        QTest::newRow("shim -workdir /") << QByteArray("/usr/bin/containerd-shim")
                                         << QList<QByteArray>{"x", "-workdir", "/"} << QByteArray()
                                         << QByteArray("shim");
        QTest::newRow("shim only start") << QByteArray("/usr/bin/containerd-shim-runc-v2")
                                         << QList<QByteArray>{"x", "start"} << QByteArray()
                                         << QByteArray("shim launcher");
        QTest::newRow("runc --root at the end") << QByteArray("/usr/sbin/runc") << QList<QByteArray>{"runc", "--root"}
                                                << QByteArray() << QByteArray("runtime");
        QTest::newRow("runc exec --process at the end")
            << QByteArray("/usr/sbin/runc") << QList<QByteArray>{"runc", "exec", "--process"} << QByteArray()
            << QByteArray("runtime");
        QTest::newRow("runc create -b at the end") << QByteArray("/usr/sbin/runc")
                                                   << QList<QByteArray>{"runc", "create", "-b"} << QByteArray()
                                                   << QByteArray("runtime");
        QTest::newRow("runc odd dashes") << QByteArray("/usr/sbin/runc")
                                         << QList<QByteArray>{"runc", "---", "--=", "-=", "-=-", "-", "--", "create"}
                                         << QByteArray() << QByteArray("runtime");
        QTest::newRow("docker run --name at the end") << QByteArray("/usr/bin/docker")
                                                      << QList<QByteArray>{"docker", "run", "--name"} << QByteArray()
                                                      << QByteArray("cli");
        QTest::newRow("docker run -e at the end") << QByteArray("/usr/bin/docker")
                                                  << QList<QByteArray>{"docker", "run", "-dite"} << QByteArray()
                                                  << QByteArray("cli");
        QTest::newRow("docker run -e= and -=") << QByteArray("/usr/bin/docker")
                                               << QList<QByteArray>{"docker", "run", "-e=", "-=", "-d=", "--"}
                                               << QByteArray() << QByteArray("cli");
        QTest::newRow("docker exec alone") << QByteArray("/usr/bin/docker") << QList<QByteArray>{"docker", "exec"}
                                           << QByteArray() << QByteArray("cli");
        QTest::newRow("conmon -c at the end") << QByteArray("/usr/bin/conmon") << QList<QByteArray>{"conmon", "-c"}
                                              << QByteArray() << QByteArray("conmon");
        QTest::newRow("kubectl --") << QByteArray("/usr/bin/kubectl") << QList<QByteArray>{"kubectl", "--"}
                                    << QByteArray() << QByteArray("cli");
        QTest::newRow("k3s k3s k3s kubectl") << QByteArray("/usr/local/bin/k3s")
                                             << QList<QByteArray>{"k3s", "k3s", "k3s", "kubectl"} << QByteArray()
                                             << QByteArray("cli");
        QTest::newRow("k3s kubectl kubectl") << QByteArray("/usr/local/bin/k3s")
                                             << QList<QByteArray>{"k3s", "kubectl", "kubectl", "kubectl"}
                                             << QByteArray() << QByteArray("cli");
        QTest::newRow("ctr task at the end") << QByteArray("/usr/bin/ctr") << QList<QByteArray>{"ctr", "-n", "task"}
                                             << QByteArray() << QByteArray("cli");
        QTest::newRow("embedded NUL and high bytes")
            << QByteArray("/usr/sbin/runc")
            << QList<QByteArray>{"runc", QByteArray("-\0x", 3), QByteArray("\xff\xfe"), QByteArray("exec\0", 5)}
            << QByteArray("execveat") << QByteArray("runtime");
        QTest::newRow("1 MiB id") << QByteArray("/usr/sbin/runc") << QList<QByteArray>{"runc", "start", huge}
                                  << QByteArray() << QByteArray("runtime");
        QTest::newRow("1 MiB exe") << huge << QList<QByteArray>{huge} << QByteArray() << QByteArray("none");
        QTest::newRow("100000 -debug") << QByteArray("/usr/bin/containerd-shim-runc-v2") << manyDebug << QByteArray()
                                       << QByteArray("shim");
        QTest::newRow("50000 --runtime-arg pairs") << QByteArray("/usr/bin/conmon") << manyRuntimeArgs << QByteArray()
                                                   << QByteArray("conmon");
        QTest::newRow("exe slash, empty argv") << QByteArray("/") << QList<QByteArray>() << QByteArray("execveat")
                                               << QByteArray("none");
        QTest::newRow("exe /proc/ only") << QByteArray("/proc/") << QList<QByteArray>{"/proc/"} << QByteArray()
                                         << QByteArray("none");
    }

    void hostile()
    {
        QFETCH(QByteArray, exe);
        QFETCH(QList<QByteArray>, argv);
        QFETCH(QByteArray, syscall);
        QFETCH(QByteArray, kind);
        const RuntimeCommand rc = classifyRuntime(exe, argv, syscall);
        QCOMPARE(QByteArray(runtimeKindName(rc.kind)), kind);
        QVERIFY(rc.containerId.isEmpty() == rc.idSource.isEmpty());
    }

    /// Random argv from the words the parsers care about: no crash, and the result stays self-consistent.
    void fuzz_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : {1u, 2u, 3u, 42u, 1796316984u})
            QTest::newRow(QByteArray::number(seed).constData()) << seed;
    }

    void fuzz()
    {
        QFETCH(quint32, seed);
        static const QList<QByteArray> programs = {
            "/usr/bin/containerd-shim-runc-v2", "/usr/bin/containerd-shim", "/usr/bin/docker-containerd-shim",
            "/usr/sbin/runc", "/usr/bin/crun", "/usr/local/bin/runsc", "/usr/bin/conmon", "/usr/bin/docker",
            "/usr/bin/podman", "/usr/bin/ctr", "/usr/bin/crictl", "/usr/bin/kubectl", "/usr/local/bin/k3s",
            "/usr/bin/containerd", "/usr/sbin/dockerd", "/", "", "/proc/self/fd/7", "/bin/sh"};
        static const QList<QByteArray> vocabulary = {
            "", "-", "--", "---", "=", "-=", "--=", "-id", "-namespace", "-workdir", "-debug", "-bundle", "start",
            "delete", "init", "create", "exec", "run", "container", "system", "service", "task", "kubectl",
            "--root", "--root=", "--bundle", "--bundle=/x/y", "-b", "-c", "-u", "-n", "-p", "-e=", "-dit", "-it",
            "--name", "--name=", "--detach=false", "--runtime-arg", "--exit-command-arg", "/", "//", "userdata",
            "/run/containerd/io.containerd.runtime.v2.task/", "/var/run/docker/runtime-runc/moby",
            "/a/userdata", "85209fd3eb3b", "moby", "k8s.io", "runc", "libnetwork-setkey"};
        QRandomGenerator random(seed);
        for (int round = 0; round < 3000; ++round) {
            QList<QByteArray> argv;
            const int length = random.bounded(8);
            for (int i = 0; i < length; ++i)
                argv.append(vocabulary[random.bounded(static_cast<int>(vocabulary.size()))]);
            const QByteArray& exe = programs[random.bounded(static_cast<int>(programs.size()))];
            if (!argv.isEmpty() && random.bounded(2))
                argv[0] = exe.isEmpty() ? QByteArrayLiteral("runc") : exe;
            const RuntimeCommand rc = classifyRuntime(exe, argv, random.bounded(2) ? "execveat" : "execve");
            QVERIFY(rc.containerId.isEmpty() == rc.idSource.isEmpty());
            if (rc.kind == RuntimeKind::None)
                QVERIFY(rc.program.isEmpty() && rc.containerId.isEmpty() && rc.engine.isEmpty());
            else
                QVERIFY(!rc.program.isEmpty());
        }
    }

    void looksLikeId_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("id");
        QTest::newRow("64 hex") << kWeb << true;
        QTest::newRow("12 hex (docker ps)") << QByteArray("85209fd3eb3b") << true;
        QTest::newRow("29 hex") << QByteArray("a51959123c3ba99a9f50a7009a03d") << true;
        QTest::newRow("11 hex") << QByteArray("85209fd3eb3") << false;
        QTest::newRow("65 hex") << kWeb + 'a' << false;
        QTest::newRow("uppercase") << kWeb.toUpper() << false;
        QTest::newRow("name") << QByteArray("web") << false;
        QTest::newRow("hex-like name") << QByteArray("deadbeefcafg") << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("docker scope") << QByteArray("docker-" + kWeb + ".scope") << false;
    }

    void looksLikeId()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, id);
        QCOMPARE(looksLikeContainerId(text), id);
    }

    void kindName_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("none") << int(RuntimeKind::None) << QByteArray("none");
        QTest::newRow("engine") << int(RuntimeKind::Engine) << QByteArray("engine");
        QTest::newRow("cli") << int(RuntimeKind::Cli) << QByteArray("cli");
        QTest::newRow("launcher") << int(RuntimeKind::ShimLauncher) << QByteArray("shim launcher");
        QTest::newRow("shim") << int(RuntimeKind::Shim) << QByteArray("shim");
        QTest::newRow("conmon") << int(RuntimeKind::Conmon) << QByteArray("conmon");
        QTest::newRow("runtime") << int(RuntimeKind::Runtime) << QByteArray("runtime");
        QTest::newRow("runtime init") << int(RuntimeKind::RuntimeInit) << QByteArray("runtime init");
        QTest::newRow("init helper") << int(RuntimeKind::InitHelper) << QByteArray("init helper");
    }

    void kindName()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, name);
        QCOMPARE(QByteArray(runtimeKindName(static_cast<RuntimeKind>(kind))), name);
    }
};

QTEST_GUILESS_MAIN(TestRuntimeCommand)
#include "tst_runtimecommand.moc"
