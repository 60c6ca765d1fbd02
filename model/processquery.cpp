// SPDX-License-Identifier: GPL-3.0-or-later
#include "processquery.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <string>

namespace ShimScope
{

namespace
{
constexpr const char* kNodeSelect =
    "SELECT n.id, n.parent_id, n.parent_link, n.predecessor_id, h.name, n.pid, e.ppid, n.start_ts, n.placeholder, "
    "e.success, se.value, e.argc, e.argv, n.location, c.container_id, c.name, c.colour_index, n.runtime, n.role, "
    "n.confidence, n.evidence, s.path, e.line, e.record, n.anchor_id, p.pid, pse.value "
    "FROM process_nodes n JOIN hosts h ON h.id = n.host_id "
    "LEFT JOIN exec_events e ON e.id = n.event_id LEFT JOIN strings se ON se.id = e.exe_id "
    "LEFT JOIN sources s ON s.id = e.source_id LEFT JOIN containers c ON c.id = n.container_ref "
    "LEFT JOIN process_nodes p ON p.id = n.parent_id LEFT JOIN exec_events pe ON pe.id = p.event_id "
    "LEFT JOIN strings pse ON pse.id = pe.exe_id ";

QString programName(const QByteArray& exe)
{
    const qsizetype slash = exe.lastIndexOf('/');
    return QString::fromUtf8(slash < 0 ? exe : exe.mid(slash + 1));
}

QString describeProcess(int64_t pid, const QByteArray& exe)
{
    if (exe.isEmpty())
        return QStringLiteral("pid %1 (not seen exec'ing)").arg(pid);
    return QStringLiteral("pid %1 %2").arg(pid).arg(programName(exe));
}
} // namespace

QString ProcessQuery::anchorLine(int64_t anchorId)
{
    if (const auto it = m_anchorLines.constFind(anchorId); it != m_anchorLines.constEnd())
        return *it;
    Statement s(m_db, "SELECT n.pid, n.role, se.value, e.argc, e.argv FROM process_nodes n "
                      "LEFT JOIN exec_events e ON e.id = n.event_id LEFT JOIN strings se ON se.id = e.exe_id "
                      "WHERE n.id = ?");
    s.bind(1, anchorId);
    QString line;
    if (s.step()) {
        QStringList args;
        for (const QByteArray& arg : splitArgv(s.columnBytes(4), s.columnInt(3)))
            args.append(QString::fromUtf8(arg));
        QString command = args.join(QLatin1Char(' '));
        if (command.size() > 400)
            command = command.left(400) + QStringLiteral("…");
        line = QStringLiteral("decided by %1 (%2): %3")
                   .arg(describeProcess(s.columnInt(0), s.columnBytes(2)), s.columnText(1), command);
    }
    if (m_anchorLines.size() > 10000)
        m_anchorLines.clear();
    m_anchorLines.insert(anchorId, line);
    return line;
}

ProcessQuery::ProcessQuery(Database& db)
    : m_db(db)
{
}

NodeRow ProcessQuery::read(Statement& s)
{
    NodeRow row;
    row.id = s.columnInt(0);
    row.parentId = s.columnInt(1);
    row.parentLink = s.columnText(2);
    row.predecessorId = s.columnInt(3);
    row.host = s.columnText(4);
    row.pid = s.columnInt(5);
    row.ppid = s.isNull(6) ? kUnknownId : s.columnInt(6);
    row.timeNs = s.columnInt(7);
    row.placeholder = s.columnInt(8) != 0;
    row.success = s.isNull(9) || s.columnInt(9) != 0;
    row.exe = s.columnBytes(10);
    row.argv = splitArgv(s.columnBytes(12), s.columnInt(11));
    row.location = s.columnText(13);
    row.containerId = s.columnText(14);
    row.containerName = s.columnText(15);
    row.colourIndex = s.isNull(16) ? -1 : static_cast<int>(s.columnInt(16));
    row.runtime = s.columnText(17);
    row.role = s.columnText(18);
    row.confidence = s.columnText(19);
    row.sourceFile = s.columnText(21);
    row.line = s.columnInt(22);
    row.record = s.columnText(23);
    if (!s.isNull(20)) {
        const QJsonArray evidence = QJsonDocument::fromJson(s.columnText(20).toUtf8()).array();
        for (const QJsonValue& v : evidence)
            row.evidence.append(v.toString());
    } else if (row.parentId) {
        // Inherited from the parent: the reason is the parent link itself.
        const QString parent = describeProcess(s.columnInt(25), s.columnBytes(26));
        row.evidence.append(row.location == QLatin1String("container")
                                ? QStringLiteral("child of %1, which ran in container %2")
                                      .arg(parent, row.containerId.left(12))
                                : QStringLiteral("child of %1, a host process with no runtime ancestor").arg(parent));
    }
    const int64_t anchor = s.columnInt(24);
    if (anchor && anchor != row.parentId && anchor != row.id)
        row.evidence.append(anchorLine(anchor));
    return row;
}

QList<ContainerRow> ProcessQuery::containers()
{
    QList<ContainerRow> rows;
    Statement s(m_db,
                "SELECT c.id, h.name, c.container_id, c.short_id, c.runtime, c.engine, c.namespace, c.sandbox_id, "
                "c.name, c.image, shim.pid, c.entrypoint_node_id, ep.pid, epe.argc, epe.argv, c.first_ts, c.last_ts, "
                "c.restarts, c.colour_index, "
                "(SELECT count(*) FROM process_nodes p WHERE p.container_ref = c.id), "
                "(SELECT count(*) FROM process_nodes p WHERE p.container_ref = c.id AND p.role = 'exec-session root') "
                "FROM containers c JOIN hosts h ON h.id = c.host_id "
                "LEFT JOIN process_nodes shim ON shim.id = c.shim_node_id "
                "LEFT JOIN process_nodes ep ON ep.id = c.entrypoint_node_id "
                "LEFT JOIN exec_events epe ON epe.id = ep.event_id ORDER BY c.first_ts, c.id");
    while (s.step()) {
        ContainerRow row;
        row.id = s.columnInt(0);
        row.host = s.columnText(1);
        row.containerId = s.columnText(2);
        row.shortId = s.columnText(3);
        row.runtime = s.columnText(4);
        row.engine = s.columnText(5);
        row.namespace_ = s.columnText(6);
        row.sandboxId = s.columnText(7);
        row.name = s.columnText(8);
        row.image = s.columnText(9);
        row.shimPid = s.isNull(10) ? kUnknownId : s.columnInt(10);
        row.entrypointNodeId = s.columnInt(11);
        row.entrypointPid = s.isNull(12) ? kUnknownId : s.columnInt(12);
        row.entrypointArgv = splitArgv(s.columnBytes(14), s.columnInt(13));
        row.firstTs = s.columnInt(15);
        row.lastTs = s.columnInt(16);
        row.restarts = s.columnInt(17);
        row.colourIndex = static_cast<int>(s.columnInt(18));
        row.processes = s.columnInt(19);
        row.execSessions = s.columnInt(20);
        rows.append(row);
    }
    return rows;
}

std::optional<NodeRow> ProcessQuery::node(int64_t id)
{
    Statement s(m_db, std::string(kNodeSelect) + "WHERE n.id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return read(s);
}

void ProcessQuery::forEachNode(const std::function<bool(const NodeRow&)>& visit)
{
    Statement s(m_db, std::string(kNodeSelect) + "ORDER BY n.start_ts, n.id");
    while (s.step()) {
        if (!visit(read(s)))
            break;
    }
}

QList<NodeRow> ProcessQuery::findByPid(int64_t pid, const QString& host, std::optional<int64_t> atNs)
{
    QList<NodeRow> rows;
    std::string sql = std::string(kNodeSelect) + "WHERE n.pid = ? AND (? = '' OR h.name = ?) AND n.placeholder = 0";
    if (atNs)
        sql += " AND n.start_ts <= ? AND (e.success IS NULL OR e.success = 1)";
    sql += " ORDER BY h.name, n.start_ts DESC, n.id DESC";
    Statement s(m_db, sql);
    s.bind(1, pid).bind(2, host.isNull() ? QString(QLatin1String("")) : host).bind(3, host);
    if (atNs)
        s.bind(4, *atNs);
    QString lastHost;
    while (s.step()) {
        NodeRow row = read(s);
        // With a time, keep only the newest image per host: the one alive then.
        if (atNs && !rows.isEmpty() && row.host == lastHost)
            continue;
        lastHost = row.host;
        rows.append(std::move(row));
    }
    return rows;
}

QList<NodeRow> ProcessQuery::chain(int64_t id)
{
    QList<NodeRow> rows;
    for (int depth = 0; id && depth < 4096; ++depth) {
        std::optional<NodeRow> row = node(id);
        if (!row)
            break;
        id = row->parentId;
        rows.append(std::move(*row));
    }
    return rows;
}

} // namespace ShimScope
