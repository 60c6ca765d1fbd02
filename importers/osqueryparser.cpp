// SPDX-License-Identifier: GPL-3.0-or-later
#include "osqueryparser.h"

#include "jsonlinesplitter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ShimScope
{

namespace
{

/// Column values are strings unless numerics logging is on; "" and -1 mean "not known" (e.g. "parent": "").
int64_t column(const QJsonObject& row, const char* name)
{
    int64_t v = kUnknownId;
    return jsonToInt64(row.value(QLatin1String(name)), &v) ? v : kUnknownId;
}

QByteArray columnText(const QJsonObject& row, const char* name)
{
    return jsonBytes(row.value(QLatin1String(name)));
}

bool isResult(const QJsonObject& object)
{
    return object.contains(QLatin1String("hostIdentifier")) && object.contains(QLatin1String("name"))
        && (object.contains(QLatin1String("columns")) || object.contains(QLatin1String("snapshot"))
            || object.contains(QLatin1String("diffResults")));
}

} // namespace

void OsqueryParser::onRecord(const QByteArray& text, int64_t line)
{
    QJsonObject object;
    QString error;
    if (!parseJsonRecord(text, &object, &error)) {
        skip(line, QStringLiteral("record starting on line %1 is not valid JSON (%2)").arg(line).arg(error));
        return;
    }
    if (!isResult(object)) {
        skip(line, QStringLiteral("record starting on line %1 is not an osquery result").arg(line));
        return;
    }
    ++mutableStats().recordsRead;
    const QByteArray action = jsonBytes(object.value(QLatin1String("action")));
    if (action == "added" && object.value(QLatin1String("columns")).isObject()) {
        row(object, object.value(QLatin1String("columns")).toObject(), line);
        return;
    }
    // Batch format: {"diffResults": {"added": [rows], "removed": [rows]}, …}. Removed rows and snapshots are
    // states, not exec events.
    const QJsonValue diff = object.value(QLatin1String("diffResults"));
    if (diff.isObject()) {
        for (const QJsonValue& r : diff.toObject().value(QLatin1String("added")).toArray()) {
            if (r.isObject())
                row(object, r.toObject(), line);
        }
    }
}

void OsqueryParser::row(const QJsonObject& result, const QJsonObject& columns, int64_t line)
{
    // process_events / bpf_process_events rows; rows of other tables in the same log are not processes.
    if (!columns.contains(QLatin1String("pid"))
        || !(columns.contains(QLatin1String("cmdline")) || columns.contains(QLatin1String("path"))))
        return;
    const QByteArray syscall = columnText(columns, "syscall");
    if (!syscall.isEmpty() && syscall != "execve" && syscall != "execveat")
        return; // fork/vfork/clone rows
    ExecEvent ev;
    ev.line = line;
    ev.kind = EventKind::Exec;
    ev.syscall = syscall;
    ev.pid = column(columns, "pid");
    if (ev.pid < 0) {
        skip(line, QStringLiteral("record starting on line %1 has a process row without a pid").arg(line));
        return;
    }
    ev.ppid = column(columns, "parent");
    if (ev.ppid < 0)
        ev.ppid = kUnknownId; // osquery writes -1 when it could not tell
    ev.exe = columnText(columns, "path");
    ev.cwd = columnText(columns, "cwd");
    ev.uid = column(columns, "uid");
    ev.euid = column(columns, "euid");
    ev.auid = column(columns, "auid");
    ev.record = columnText(columns, "eid");
    int64_t seconds = column(columns, "time");
    if (seconds < 0 && !jsonToInt64(result.value(QLatin1String("unixTime")), &seconds))
        seconds = 0;
    ev.timeNs = seconds * 1000000000;
    // bpf_process_events: exit_code is the exec syscall's return value.
    int64_t exitCode = 0;
    if (jsonToInt64(columns.value(QLatin1String("exit_code")), &exitCode)) {
        ev.exitCode = exitCode;
        ev.success = exitCode == 0;
    }
    // bpf_process_events also has a hidden json_cmdline (a JSON array): exact when a query selected it.
    const QByteArray jsonCmdline = columnText(columns, "json_cmdline");
    const QJsonDocument args = jsonCmdline.isEmpty() ? QJsonDocument() : QJsonDocument::fromJson(jsonCmdline);
    if (args.isArray()) {
        for (const QJsonValue& a : args.array())
            ev.argv.append(jsonBytes(a));
        ev.argvOrigin = ArgvOrigin::Execve;
    } else {
        const QByteArray cmdline = columnText(columns, "cmdline");
        if (!cmdline.isEmpty()) {
            ev.argv = cmdline.split(' ');
            ev.argvOrigin = ArgvOrigin::Proctitle;
        }
    }
    ev.host = jsonBytes(result.value(QLatin1String("hostIdentifier")));
    emitEvent(std::move(ev));
}

OsqueryParser::OsqueryParser(Sink sink, const QByteArray& defaultHost)
    : JsonRecordParser(std::move(sink), defaultHost)
{
}

bool sniffOsquery(QByteArrayView firstLines, const QString&)
{
    return isResult(firstJsonObject(firstLines));
}

} // namespace ShimScope
