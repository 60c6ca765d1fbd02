// SPDX-License-Identifier: GPL-3.0-or-later
#include "casereader.h"

#include "casefile.h"

#include <QDateTime>

#include <functional>

#include <string>

namespace ShimScope
{

namespace
{
// The columns readEvent() expects, in order.
constexpr const char* kEventSelect =
    "SELECT e.id, h.name, e.ts, e.success, e.exit_code, e.syscall, e.arch, e.pid, e.ppid, e.uid, e.euid, e.auid, "
    "e.ses, e.tty, sc.value, se.value, sw.value, sp.value, e.rule_key, e.argc, e.argv, e.argv_origin, "
    "e.argv_truncated, s.path, e.source_id, e.line, e.record, n.location, c.container_id, n.role, n.confidence, "
    "e.guid, e.parent_guid, e.stated_container, e.stated_container_source, e.user_name, e.start_ts, e.kind "
    "FROM exec_events e JOIN hosts h ON h.id = e.host_id JOIN sources s ON s.id = e.source_id "
    "LEFT JOIN merged_events m ON m.event_id = e.id "
    "LEFT JOIN process_nodes n ON n.id = COALESCE(m.node_id, (SELECT pn.id FROM process_nodes pn "
    "WHERE pn.event_id = e.id)) "
    "LEFT JOIN containers c ON c.id = n.container_ref "
    "LEFT JOIN strings sc ON sc.id = e.comm_id LEFT JOIN strings se ON se.id = e.exe_id "
    "LEFT JOIN strings sw ON sw.id = e.cwd_id LEFT JOIN strings sp ON sp.id = e.path_id ";

int64_t optional(Statement& s, int column)
{
    return s.isNull(column) ? kUnknownId : s.columnInt(column);
}
} // namespace

QString formatTimestamp(int64_t timeNs)
{
    const int64_t ms = timeNs / 1000000 - (timeNs % 1000000 < 0 ? 1 : 0);
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

CaseReader::CaseReader(const QString& path, CaseFile::Check check)
    : m_db(CaseFile::openReadOnly(path, check))
{
}

int64_t CaseReader::eventCount()
{
    return m_db.queryInt("SELECT count(*) FROM exec_events");
}

std::vector<int64_t> CaseReader::eventIdsInTimeOrder()
{
    std::vector<int64_t> ids;
    ids.reserve(static_cast<size_t>(eventCount()));
    Statement select(m_db, "SELECT id FROM exec_events ORDER BY ts, serial, id");
    while (select.step())
        ids.push_back(select.columnInt(0));
    return ids;
}

EventRow CaseReader::readEvent(Statement& s)
{
    EventRow row;
    row.id = s.columnInt(0);
    row.host = s.columnText(1);
    row.timeNs = s.columnInt(2);
    row.success = s.columnInt(3) != 0;
    row.exitCode = s.columnInt(4);
    row.syscall = s.columnText(5);
    row.arch = s.columnText(6);
    row.pid = optional(s, 7);
    row.ppid = optional(s, 8);
    row.uid = optional(s, 9);
    row.euid = optional(s, 10);
    row.auid = optional(s, 11);
    row.ses = optional(s, 12);
    row.tty = s.columnBytes(13);
    row.comm = s.columnBytes(14);
    row.exe = s.columnBytes(15);
    row.cwd = s.columnBytes(16);
    row.path = s.columnBytes(17);
    row.key = s.columnBytes(18);
    row.argv = splitArgv(s.columnBytes(20), s.columnInt(19));
    row.argvOrigin = static_cast<ArgvOrigin>(s.columnInt(21));
    row.argvTruncated = s.columnInt(22) != 0;
    row.sourcePath = s.columnText(23);
    row.sourceId = s.columnInt(24);
    row.line = s.columnInt(25);
    row.record = s.columnText(26);
    row.location = s.columnText(27);
    row.containerId = s.columnText(28);
    row.role = s.columnText(29);
    row.confidence = s.columnText(30);
    row.guid = s.columnText(31);
    row.parentGuid = s.columnText(32);
    row.statedContainerId = s.columnText(33);
    row.statedContainerSource = s.columnText(34);
    row.userName = s.columnText(35);
    row.startTimeNs = s.columnInt(36);
    row.kind = static_cast<EventKind>(s.columnInt(37));
    return row;
}

std::vector<EventRow> CaseReader::events(std::span<const int64_t> ids)
{
    std::vector<EventRow> rows;
    rows.reserve(ids.size());
    Statement select(m_db, std::string(kEventSelect) + "WHERE e.id = ?");
    for (const int64_t id : ids) {
        select.bind(1, id);
        if (select.step())
            rows.push_back(readEvent(select));
        select.reset();
    }
    return rows;
}

void CaseReader::forEachEvent(const std::function<bool(const EventRow&)>& visit)
{
    Statement select(m_db, std::string(kEventSelect) + "ORDER BY e.ts, e.serial, e.id");
    while (select.step()) {
        if (!visit(readEvent(select)))
            break;
    }
}

QList<SourceRow> CaseReader::sources()
{
    QList<SourceRow> rows;
    Statement select(m_db, "SELECT id, run_id, input, path, size, sha256, format, status, message, importer_version, "
                           "imported_by, imported_at, lines_read, records_read, records_skipped, events, "
                           "failed_execs, lost_events, incomplete_events, duration_ms FROM sources ORDER BY id");
    Statement errors(m_db, "SELECT line, message FROM source_errors WHERE source_id = ? ORDER BY rowid");
    while (select.step()) {
        SourceRow row;
        row.id = select.columnInt(0);
        row.runId = select.columnInt(1);
        row.input = select.columnText(2);
        row.path = select.columnText(3);
        row.size = select.columnInt(4);
        row.sha256 = select.columnText(5);
        row.format = select.columnText(6);
        row.status = select.columnText(7);
        row.message = select.columnText(8);
        row.importerVersion = select.columnText(9);
        row.importedBy = select.columnText(10);
        row.importedAt = select.columnInt(11);
        row.linesRead = select.columnInt(12);
        row.recordsRead = select.columnInt(13);
        row.recordsSkipped = select.columnInt(14);
        row.events = select.columnInt(15);
        row.failedExecs = select.columnInt(16);
        row.lostEvents = select.columnInt(17);
        row.incompleteEvents = select.columnInt(18);
        row.durationMs = select.columnInt(19);
        errors.bind(1, row.id);
        while (errors.step())
            row.errors.append({errors.columnInt(0), errors.columnText(1)});
        errors.reset();
        rows.append(row);
    }
    return rows;
}

} // namespace ShimScope
