// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <cstdint>

namespace ShimScope
{

/// What a normalized event says happened (DESIGN.md, "Normalized event").
enum class EventKind : int
{
    Exec = 1,
    Fork = 2,
    Exit = 3,
    Snapshot = 4,
};

/// Where an event's argv came from; PROCTITLE is a fallback capped at 128 bytes by the kernel.
enum class ArgvOrigin : int
{
    None = 0,
    Execve = 1,
    Proctitle = 2,
};

/// Value used for numeric fields a record did not carry.
inline constexpr int64_t kUnknownId = -1;

/// One normalized event as every parser emits it. Strings are raw bytes as logged (hex already decoded):
/// command lines and paths are attacker-controlled data and are never interpreted.
struct ExecEvent
{
    // Provenance: the line of the event's first record in its source file, and the format's own record id
    // (for auditd "sec.msec:serial"), so the GUI can show the raw record.
    int64_t line = 0;
    QByteArray record;
    int64_t serial = kUnknownId;

    QByteArray host;
    int64_t timeNs = 0; ///< UTC, nanoseconds since the epoch
    EventKind kind = EventKind::Exec;
    bool success = true;
    int64_t exitCode = 0;
    QByteArray syscall; ///< "execve" / "execveat"
    QByteArray arch;    ///< "x86_64", "aarch64", ... or the raw AUDIT_ARCH hex when unknown

    int64_t pid = kUnknownId;
    int64_t ppid = kUnknownId;
    int64_t uid = kUnknownId;
    int64_t euid = kUnknownId;
    int64_t auid = kUnknownId; ///< 4294967295 means "unset" in auditd and is kept as logged
    int64_t ses = kUnknownId;
    QByteArray tty;
    QByteArray comm;
    QByteArray exe;
    QByteArray cwd;
    QByteArray key; ///< audit rule key(s); several keys joined by 0x01 as the kernel does
    QList<QByteArray> argv;
    ArgvOrigin argvOrigin = ArgvOrigin::None;
    bool argvTruncated = false; ///< fewer arguments than argc, or PROCTITLE's 128-byte cut

    // First PATH item of an exec (the file as named by the caller) and its filesystem identity: each overlay
    // rootfs has its own device, a fingerprint later used by attribution.
    QByteArray path;
    QByteArray dev;
    int64_t inode = kUnknownId;

    // Strong links, when the format has them: Sysmon ProcessGuid, Tetragon exec_id, ECS entity_id. They win over
    // pid matching when lineage is rebuilt.
    QByteArray guid;
    QByteArray parentGuid;
    // A container the log itself states (Tetragon docker/pod fields, Falco container.id, ECS container.id, a cgroup
    // path). Lineage cross-checks it; a disagreement is shown, not hidden.
    QByteArray statedContainerId;     ///< full id, or the prefix the log gives (Tetragon "docker" is a prefix)
    QByteArray statedContainerSource; ///< the field that said so, e.g. "tetragon process.docker"
    QByteArray statedContainerName;
    QByteArray statedImage;
    QByteArray userName;     ///< user name when the log names users (Sysmon User, ps USER)
    int64_t startTimeNs = 0; ///< process start time when logged (snapshots, Tetragon start_time); 0 = unknown
};

/// argv is stored as one blob with NUL separators: arguments cannot contain NUL, so this is lossless.
inline QByteArray joinArgv(const QList<QByteArray>& argv)
{
    return argv.join('\0');
}

/// The bytes of joinArgv(argv) into out, whose allocation is reused (the import's writer joins 1M argument lists).
/// joinArgv gives a null array when there are no bytes at all (no arguments, or one empty one): so does this.
inline void joinArgvInto(const QList<QByteArray>& argv, QByteArray& out)
{
    out.resize(0);
    for (qsizetype i = 0; i < argv.size(); ++i) {
        if (i)
            out.append('\0');
        out.append(argv[i]);
    }
    if (out.isEmpty())
        out = QByteArray();
}

inline QList<QByteArray> splitArgv(const QByteArray& blob, int64_t argc)
{
    if (argc <= 0)
        return {};
    return blob.split('\0');
}

} // namespace ShimScope
