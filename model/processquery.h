// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"
#include "execevent.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace ShimScope
{

/// One process node with its event, attribution and evidence, as the CLI, the GUI and reports show it.
struct NodeRow
{
    int64_t id = 0;
    int64_t parentId = 0;
    QString parentLink;
    int64_t predecessorId = 0;
    QString host;
    int64_t pid = kUnknownId;
    int64_t ppid = kUnknownId; ///< as logged by the exec
    int64_t timeNs = 0;
    bool placeholder = false;
    bool success = true;
    QByteArray exe;
    QList<QByteArray> argv;
    QString location; ///< host, container, unknown
    QString containerId;
    QString containerName;
    int colourIndex = -1;
    QString runtime; ///< the runtime kind of the process itself ("shim", "runtime", …), empty for others
    QString role;
    QString confidence;
    QStringList evidence;
    QString sourceFile;
    int64_t line = 0;
    QString record;
};

/// One container entity.
struct ContainerRow
{
    int64_t id = 0;
    QString host;
    QString containerId;
    QString shortId;
    QString runtime;
    QString engine;
    QString namespace_;
    QString sandboxId;
    QString name;
    QString image;
    int64_t shimPid = kUnknownId;
    int64_t entrypointNodeId = 0;
    int64_t entrypointPid = kUnknownId;
    QList<QByteArray> entrypointArgv;
    int64_t firstTs = 0;
    int64_t lastTs = 0;
    int64_t restarts = 0;
    int colourIndex = 0;
    int64_t processes = 0;
    int64_t execSessions = 0;
    int64_t shimNodeId = 0; ///< 0 when no shim was seen
};

/**
 * One source record behind a process node: the file and position its exec (or listing row) was read from.
 *
 * The case is self-contained but does not keep the raw text of log lines: exec_events stores the parsed fields,
 * the line of the event's first record and the format's record id; sources stores the file's name inside its
 * input, its size and SHA-256. That is enough to find the record again in the original file (and to prove it is
 * the same file), not to show its bytes without that file.
 */
struct SourceRecordRow
{
    int64_t eventId = 0;
    bool primary = true; ///< the node's own event; false for a record that repeats it (see table merged_events)
    EventKind kind = EventKind::Exec;
    bool success = true;
    int64_t timeNs = 0;
    int64_t sourceId = 0;
    QString input;  ///< the file, folder or bundle given to the import
    QString path;   ///< the file's name inside that input
    QString sha256; ///< of the file as read
    QString format; ///< auditd, ps, tetragon, …
    int64_t line = 0;
    QString record; ///< the format's record id (auditd: sec.msec:serial), empty when the format has none
};

/// One step of the reasoning behind a node's attribution, for the GUI to render as a clickable chain.
struct EvidenceStep
{
    enum Kind
    {
        Inherited,   ///< a node that inherits its parent's answer ("child of …")
        SameProcess, ///< a later image of a process stays where the earlier image was
        Decision,    ///< the node where a rule decided, with the rule's words
        Runtime,     ///< a runtime process between the deciding node and the command that named the container
        Supervisor,  ///< the shim or conmon the deciding node ran under
        Anchor,      ///< the runtime command whose arguments named the container
        Truncated,   ///< the chain goes on above (nodeId is the next node); steps are capped
    };
    Kind kind = Decision;
    int64_t nodeId = 0;       ///< the node the step refers to (always a node of this case)
    int64_t containerRef = 0; ///< the container the step names (Decision, Anchor), 0 otherwise
    /// The step in words. Log strings (programs, arguments) are included as logged: escape them for display.
    QString text;
    /// Anchor (and a Decision that is its own anchor): the argument that named the container id, e.g.
    /// "-id 40a5…" or the runc positional id; empty when no argument did (a device fingerprint, a stated id).
    QString argument;
    int argumentIndex = -1; ///< index of that argument in the node's argv (the id itself), -1 when none
};

/// A process's short name for display: its executable's file name, else argv[0]'s (a listing row), else "pid N (not
/// seen exec'ing)" for a placeholder; escaped for display (log bytes are untrusted).
QString processDisplayName(const NodeRow& row);

/// Read queries over process nodes and containers (lineage and attribution results).
class ProcessQuery
{
public:
    explicit ProcessQuery(Database& db);

    QList<ContainerRow> containers();
    std::optional<NodeRow> node(int64_t id);
    /// Every node in time order (placeholders included), without materialising them.
    void forEachNode(const std::function<bool(const NodeRow&)>& visit);
    /// Nodes of pid on host (all hosts when host is empty); with atNs, only the image alive at that time
    /// (the newest that started at or before it).
    QList<NodeRow> findByPid(int64_t pid, const QString& host = {}, std::optional<int64_t> atNs = {});
    /// The node and its ancestors up to the top of the known chain (node first).
    QList<NodeRow> chain(int64_t id);

    // Pivots (the GUI's container list, details pane and evidence chain).

    /// One container entity by containers.id.
    std::optional<ContainerRow> container(int64_t containerRef);
    /// The processes attributed to a container, in time order (limit -1: all).
    QList<NodeRow> containerProcesses(int64_t containerRef, int limit = -1);
    /// The roots of the container's exec sessions (`docker exec`, `runc exec`), in time order.
    QList<NodeRow> execSessionRoots(int64_t containerRef);
    /// The container's first process (exec'd by runc init), when the log shows it.
    std::optional<NodeRow> entrypoint(int64_t containerRef);
    /// The source records of a node: its own event first, then records that repeat it (another source's copy of
    /// the exec, a process listing row). File, line and record id only: see SourceRecordRow.
    QList<SourceRecordRow> sourceRecords(int64_t nodeId);
    /// Why the node is attributed where it is, as steps from the node up to the command that named its container
    /// (or to the top of a host chain). Every step's nodeId is a node of this case. At most kMaxEvidenceSteps steps.
    QList<EvidenceStep> evidenceChain(int64_t nodeId);
    static constexpr int kMaxEvidenceSteps = 64;

private:
    NodeRow read(Statement& s);
    /// The decisive step of an attribution: the runtime command that named the container, with its arguments.
    QString anchorLine(int64_t anchorId);
    QList<ContainerRow> readContainers(const char* where, int64_t containerRef);
    QList<NodeRow> readNodes(const std::string& whereAndOrder, int64_t value, int limit);

    Database& m_db;
    QHash<int64_t, QString> m_anchorLines;
};

} // namespace ShimScope
