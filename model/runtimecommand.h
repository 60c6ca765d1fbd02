// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace ShimScope
{

/// What part a process plays in running containers, judged from its executable and argv alone (never comm).
enum class RuntimeKind
{
    None,         ///< not a container runtime component
    Engine,       ///< dockerd, containerd, crio, podman (service), kubelet
    Cli,          ///< docker, podman, ctr, nerdctl, crictl, kubectl (client commands)
    ShimLauncher, ///< `containerd-shim-* … start|delete`: exits at once, not the supervisor
    Shim,         ///< long-lived shim daemon (containerd-shim-runc-v2, containerd-shim, docker-containerd-shim…)
    Conmon,       ///< conmon (podman, CRI-O)
    Runtime,      ///< OCI runtime command: runc/crun/runsc/youki/docker-runc with a subcommand other than init
    RuntimeInit,  ///< `runc init` and the memfd/execveat re-exec of the runtime (exe "/" or /proc/self/fd/N)
    InitHelper,   ///< docker-init, tini, catatonit: a container's PID 1 helper
};

/// The runtime facts one command line states. Fields are empty when the command does not state them.
struct RuntimeCommand
{
    RuntimeKind kind = RuntimeKind::None;
    QByteArray program;     ///< recognised program name, e.g. "containerd-shim-runc-v2", "runc", "conmon"
    QByteArray subcommand;  ///< runc/crun: create, run, start, exec, init, delete, kill, …; launcher: start/delete
    QByteArray containerId; ///< the container (or, for a Kubernetes shim, the sandbox) id the command names
    QByteArray idSource;    ///< where the id came from, for evidence: "-id", "-workdir", "-c", "--bundle", "argument"
    QByteArray namespace_;  ///< containerd namespace (-namespace): moby, k8s.io, default, …
    QByteArray bundle;      ///< OCI bundle path (--bundle / -b / -bundle)
    QByteArray name;        ///< container name when stated (conmon -n, docker/podman run --name)
    QByteArray image;       ///< image when stated (docker/podman run IMAGE)
    QByteArray engine;      ///< "docker", "containerd", "kubernetes", "podman", "cri-o" when the flags tell
    bool detached = false;  ///< runc exec --detach / docker run -d …
};

/**
 * Recognises container runtime processes by executable basename or argv[0] and parses their flags by name, in any
 * order (both `-flag value` and `--flag=value`), as described in ../shared/RUNTIMES.md. `syscall` and `exe` let it
 * see the memfd re-exec of runc/crun (execveat with exe "/").
 */
RuntimeCommand classifyRuntime(QByteArrayView exe, const QList<QByteArray>& argv, QByteArrayView syscall = {});

/// Human-readable name of a kind (for evidence and the CLI), e.g. "shim", "runtime init".
const char* runtimeKindName(RuntimeKind kind);

/// True for a full (64 hex) or short (12+ hex) container id.
bool looksLikeContainerId(QByteArrayView text);

} // namespace ShimScope
