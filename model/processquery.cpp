// SPDX-License-Identifier: GPL-3.0-or-later
#include "processquery.h"

#include "eventtablemodel.h"
#include "runtimecommand.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

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

QString processDisplayName(const NodeRow& row)
{
    const auto base = [](const QByteArray& path) { return path.mid(path.lastIndexOf('/') + 1); };
    if (!row.exe.isEmpty() && row.exe != "/")
        return EventTableModel::displayText(base(row.exe));
    if (!row.argv.isEmpty() && !row.argv.first().isEmpty())
        return EventTableModel::displayText(row.argv.first().startsWith('[') ? row.argv.first() : base(row.argv.first()));
    if (row.placeholder)
        return QCoreApplication::translate("ProcessQuery", "pid %1 (not seen exec'ing)").arg(row.pid);
    return QCoreApplication::translate("ProcessQuery", "pid %1").arg(row.pid);
}

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
    return readContainers("", 0);
}

std::optional<ContainerRow> ProcessQuery::container(int64_t containerRef)
{
    QList<ContainerRow> rows = readContainers("WHERE c.id = ? ", containerRef);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.takeFirst();
}

QList<ContainerRow> ProcessQuery::readContainers(const char* where, int64_t containerRef)
{
    QList<ContainerRow> rows;
    Statement s(m_db,
                std::string("SELECT c.id, h.name, c.container_id, c.short_id, c.runtime, c.engine, c.namespace, "
                            "c.sandbox_id, c.name, c.image, shim.pid, c.entrypoint_node_id, ep.pid, epe.argc, "
                            "epe.argv, c.first_ts, c.last_ts, c.restarts, c.colour_index, "
                            "(SELECT count(*) FROM process_nodes p WHERE p.container_ref = c.id), "
                            "(SELECT count(*) FROM process_nodes p WHERE p.container_ref = c.id "
                            "AND p.role = 'exec-session root'), c.shim_node_id "
                            "FROM containers c JOIN hosts h ON h.id = c.host_id "
                            "LEFT JOIN process_nodes shim ON shim.id = c.shim_node_id "
                            "LEFT JOIN process_nodes ep ON ep.id = c.entrypoint_node_id "
                            "LEFT JOIN exec_events epe ON epe.id = ep.event_id ")
                    + where + "ORDER BY c.first_ts, c.id");
    if (*where)
        s.bind(1, containerRef);
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
        row.shimNodeId = s.columnInt(21);
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

QList<NodeRow> ProcessQuery::readNodes(const std::string& whereAndOrder, int64_t value, int limit)
{
    QList<NodeRow> rows;
    Statement s(m_db, std::string(kNodeSelect) + whereAndOrder + " LIMIT ?");
    s.bind(1, value).bind(2, static_cast<int64_t>(limit < 0 ? -1 : limit));
    while (s.step())
        rows.append(read(s));
    return rows;
}

QList<NodeRow> ProcessQuery::containerProcesses(int64_t containerRef, int limit)
{
    // process_nodes_container finds the rows; the sort is over one container's nodes only.
    return readNodes("WHERE n.container_ref = ? ORDER BY n.start_ts, n.id", containerRef, limit);
}

QList<NodeRow> ProcessQuery::execSessionRoots(int64_t containerRef)
{
    return readNodes("WHERE n.container_ref = ? AND n.role = 'exec-session root' ORDER BY n.start_ts, n.id",
                     containerRef, -1);
}

std::optional<NodeRow> ProcessQuery::entrypoint(int64_t containerRef)
{
    Statement s(m_db, "SELECT entrypoint_node_id FROM containers WHERE id = ?");
    s.bind(1, containerRef);
    if (!s.step() || s.isNull(0))
        return std::nullopt;
    return node(s.columnInt(0));
}

QList<SourceRecordRow> ProcessQuery::sourceRecords(int64_t nodeId)
{
    QList<SourceRecordRow> rows;
    // merged_events has no index on node_id (its key is the event): a scan, about a millisecond per 100k duplicates.
    Statement s(m_db, "SELECT e.id, r.own, e.kind, e.success, e.ts, s.id, s.input, s.path, s.sha256, s.format, "
                      "e.line, e.record FROM ("
                      "SELECT n.event_id AS event_id, 1 AS own FROM process_nodes n "
                      "WHERE n.id = ? AND n.event_id IS NOT NULL "
                      "UNION ALL SELECT m.event_id, 0 FROM merged_events m WHERE m.node_id = ?) r "
                      "JOIN exec_events e ON e.id = r.event_id JOIN sources s ON s.id = e.source_id "
                      "ORDER BY r.own DESC, e.ts, e.id");
    s.bind(1, nodeId).bind(2, nodeId);
    while (s.step()) {
        SourceRecordRow row;
        row.eventId = s.columnInt(0);
        row.primary = s.columnInt(1) != 0;
        row.kind = static_cast<EventKind>(s.columnInt(2));
        row.success = s.columnInt(3) != 0;
        row.timeNs = s.columnInt(4);
        row.sourceId = s.columnInt(5);
        row.input = s.columnText(6);
        row.path = s.columnText(7);
        row.sha256 = s.columnText(8);
        row.format = s.columnText(9);
        row.line = s.columnInt(10);
        row.record = s.columnText(11);
        rows.append(row);
    }
    return rows;
}

namespace
{
/// The facts evidenceChain() needs of one node, beyond NodeRow: its stored rule and its links.
struct EvidenceFacts
{
    bool found = false;
    int64_t parentId = 0;
    int64_t predecessorId = 0;
    int64_t anchorId = 0;
    int64_t containerRef = 0;
    QString location;
    QStringList rule; ///< stored evidence (empty when the node inherits its parent's answer)
    QString runtime;
    QString role;
    int64_t pid = kUnknownId;
    QByteArray exe;
    QList<QByteArray> argv;
    QByteArray syscall;
};

QString tr(const char* text)
{
    return QCoreApplication::translate("ShimScope::ProcessQuery", text);
}

/// The argument of a runtime command that named the container id (with its flag: "-id X"), and the index of the
/// argument holding the id. idSource is RuntimeCommand::idSource: "argument" for a positional id, else the flag.
QPair<QString, int> namingArgument(const QList<QByteArray>& argv, const RuntimeCommand& command)
{
    const QByteArray& id = command.containerId;
    if (id.isEmpty())
        return {QString(), -1};
    auto bare = [](QByteArray flag) {
        while (flag.startsWith('-'))
            flag.remove(0, 1);
        return flag;
    };
    const QByteArray source = bare(command.idSource);
    if (command.idSource.startsWith('-')) {
        for (int i = 0; i < argv.size(); ++i) {
            const QByteArray& arg = argv.at(i);
            if (!arg.startsWith('-'))
                continue;
            const qsizetype equals = arg.indexOf('=');
            if (equals > 0 && bare(arg.left(equals)) == source && arg.contains(id))
                return {QString::fromUtf8(arg), i};
            if (equals < 0 && bare(arg) == source && i + 1 < argv.size() && argv.at(i + 1).contains(id))
                return {QString::fromUtf8(arg + ' ' + argv.at(i + 1)), i + 1};
        }
    }
    // A positional id: the last argument that is exactly the id (flags' values come before it).
    for (qsizetype i = argv.size() - 1; i >= 0; --i) {
        if (argv.at(i) == id)
            return {QString::fromUtf8(id), static_cast<int>(i)};
    }
    for (int i = 0; i < argv.size(); ++i) {
        if (argv.at(i).contains(id))
            return {QString::fromUtf8(argv.at(i)), i};
    }
    return {QString(), -1};
}
} // namespace

QList<EvidenceStep> ProcessQuery::evidenceChain(int64_t nodeId)
{
    Statement facts(m_db, "SELECT n.parent_id, n.predecessor_id, n.anchor_id, n.container_ref, n.location, "
                          "n.evidence, n.runtime, n.role, n.pid, se.value, e.argc, e.argv, e.syscall "
                          "FROM process_nodes n LEFT JOIN exec_events e ON e.id = n.event_id "
                          "LEFT JOIN strings se ON se.id = e.exe_id WHERE n.id = ?");
    auto factsOf = [&facts](int64_t id) {
        EvidenceFacts f;
        facts.bind(1, id);
        if (facts.step()) {
            f.found = true;
            f.parentId = facts.columnInt(0);
            f.predecessorId = facts.columnInt(1);
            f.anchorId = facts.columnInt(2);
            f.containerRef = facts.columnInt(3);
            f.location = facts.columnText(4);
            if (!facts.isNull(5)) {
                for (const QJsonValue& v : QJsonDocument::fromJson(facts.columnText(5).toUtf8()).array())
                    f.rule.append(v.toString());
            }
            f.runtime = facts.columnText(6);
            f.role = facts.columnText(7);
            f.pid = facts.columnInt(8);
            f.exe = facts.columnBytes(9);
            f.argv = splitArgv(facts.columnBytes(11), facts.columnInt(10));
            f.syscall = facts.columnBytes(12);
        }
        facts.reset();
        return f;
    };
    auto describe = [](const EvidenceFacts& f) { return describeProcess(f.pid, f.exe); };

    QList<EvidenceStep> steps;
    QSet<int64_t> seen;
    auto add = [&steps, &seen](EvidenceStep::Kind kind, int64_t id, const QString& text, int64_t containerRef = 0) {
        EvidenceStep step;
        step.kind = kind;
        step.nodeId = id;
        step.containerRef = containerRef;
        step.text = text;
        steps.append(step);
        seen.insert(id);
        return &steps.last();
    };

    // 1. Up from the node to where a rule decided: inherited answers follow the parent, later images the earlier one.
    int64_t id = nodeId;
    EvidenceFacts decisive;
    int64_t decisiveId = 0;
    while (id && !seen.contains(id)) {
        if (steps.size() >= kMaxEvidenceSteps - 1) {
            add(EvidenceStep::Truncated, id, tr("… the chain goes on above (pid %1)").arg(factsOf(id).pid));
            return steps;
        }
        const EvidenceFacts f = factsOf(id);
        if (!f.found)
            break;
        if (f.rule.isEmpty() && f.parentId) {
            const EvidenceFacts parent = factsOf(f.parentId);
            add(EvidenceStep::Inherited, id,
                f.location == QLatin1String("container")
                    ? tr("%1 is a child of %2, which ran in the same container").arg(describe(f), describe(parent))
                    : tr("%1 is a child of %2 and inherits its answer (%3)").arg(describe(f), describe(parent),
                                                                                 f.location));
            id = f.parentId;
            continue;
        }
        if (f.predecessorId && f.location == QLatin1String("container")) {
            const EvidenceFacts before = factsOf(f.predecessorId);
            if (before.found && before.containerRef == f.containerRef && before.anchorId == f.anchorId
                && before.location == f.location) {
                add(EvidenceStep::SameProcess, id, tr("%1: %2").arg(describe(f), f.rule.join(QStringLiteral("; "))));
                id = f.predecessorId;
                continue;
            }
        }
        decisive = f;
        decisiveId = id;
        break;
    }
    if (!decisiveId)
        return steps;

    const QString rule = decisive.rule.isEmpty() ? tr("no rule recorded") : decisive.rule.join(QStringLiteral("; "));
    EvidenceStep* decision = add(EvidenceStep::Decision, decisiveId,
                                 tr("%1 (%2): %3").arg(describe(decisive), decisive.role, rule), decisive.containerRef);
    const int64_t anchorId = decisive.anchorId;
    if (!anchorId || anchorId == decisiveId) {
        // The node's own command decided (a runtime on the host, a shim): name its argument if it names a container.
        const RuntimeCommand own = classifyRuntime(decisive.exe, decisive.argv, decisive.syscall);
        const auto [argument, index] = namingArgument(decisive.argv, own);
        decision->argument = argument;
        decision->argumentIndex = index;
        return steps;
    }

    // 2. Between the deciding node and the command that named the container: its ancestors up to that command when
    //    it is one of them (`runc run` → runc init → entrypoint), else its supervisor (the shim that ran both).
    QList<int64_t> between;
    bool anchorIsAncestor = false;
    for (int64_t up = decisive.parentId; up && between.size() < kMaxEvidenceSteps; up = factsOf(up).parentId) {
        if (up == anchorId) {
            anchorIsAncestor = true;
            break;
        }
        between.append(up);
    }
    if (anchorIsAncestor) {
        for (const int64_t up : std::as_const(between)) {
            const EvidenceFacts f = factsOf(up);
            add(EvidenceStep::Runtime, up,
                tr("%1 (%2) lies between the process and the command that named the container")
                    .arg(describe(f), f.role));
        }
    } else if (decisive.parentId && decisive.parentId != anchorId) {
        const EvidenceFacts supervisor = factsOf(decisive.parentId);
        if (!supervisor.runtime.isEmpty())
            add(EvidenceStep::Supervisor, decisive.parentId,
                tr("%1 (%2) is the supervisor the process ran under").arg(describe(supervisor), supervisor.role));
    }

    // 3. The command that named the container, and the argument that did.
    const EvidenceFacts anchor = factsOf(anchorId);
    if (!anchor.found || seen.contains(anchorId))
        return steps;
    EvidenceStep* named = add(EvidenceStep::Anchor, anchorId, anchorLine(anchorId), decisive.containerRef);
    const RuntimeCommand command = classifyRuntime(anchor.exe, anchor.argv, anchor.syscall);
    const auto [argument, index] = namingArgument(anchor.argv, command);
    named->argument = argument;
    named->argumentIndex = index;
    return steps;
}

} // namespace ShimScope
