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
};

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

private:
    NodeRow read(Statement& s);
    /// The decisive step of an attribution: the runtime command that named the container, with its arguments.
    QString anchorLine(int64_t anchorId);

    Database& m_db;
    QHash<int64_t, QString> m_anchorLines;
};

} // namespace ShimScope
