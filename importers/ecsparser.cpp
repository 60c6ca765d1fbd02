// SPDX-License-Identifier: GPL-3.0-or-later
#include "ecsparser.h"

#include "jsonlinesplitter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace ShimScope
{

namespace
{

/// Every leaf of a document under its full dotted name, so `{"process": {"parent": {"pid": 1}}}`,
/// `{"process.parent.pid": 1}` and `{"process": {"parent.pid": 1}}` all read as "process.parent.pid".
using Flat = QHash<QString, QJsonValue>;

void flatten(const QJsonObject& object, const QString& prefix, Flat& out)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it.value().isObject())
            flatten(it.value().toObject(), key, out);
        else
            out.insert(key, it.value()); // on a clash (nested and dotted copies of one field) the last one wins
    }
}

/// The document itself, or the "_source" of an Elasticsearch hit (whose "_id" then names the record).
QJsonObject unwrapHit(const QJsonObject& object, QByteArray* hitId)
{
    const QJsonValue source = object.value(QLatin1String("_source"));
    if (!source.isObject())
        return object;
    if (hitId)
        *hitId = jsonBytes(object.value(QLatin1String("_id")));
    return source.toObject();
}

QJsonValue field(const Flat& flat, const char* name)
{
    return flat.value(QLatin1String(name));
}

QByteArray text(const Flat& flat, const char* name)
{
    return jsonBytes(field(flat, name));
}

int64_t integer(const Flat& flat, const char* name)
{
    int64_t v = kUnknownId;
    return jsonToInt64(field(flat, name), &v) ? v : kUnknownId;
}

/// First of several alternative fields that is present.
QJsonValue firstOf(const Flat& flat, std::initializer_list<const char*> names)
{
    for (const char* name : names) {
        const QJsonValue v = field(flat, name);
        if (!v.isUndefined() && !v.isNull())
            return v;
    }
    return {};
}

/// A keyword field that ECS allows as a single value or an array of values.
QList<QByteArray> keywords(const Flat& flat, const char* name)
{
    const QJsonValue v = field(flat, name);
    QList<QByteArray> out;
    if (v.isArray()) {
        for (const QJsonValue& item : v.toArray())
            out.append(jsonBytes(item));
    } else if (!v.isUndefined() && !v.isNull()) {
        out.append(jsonBytes(v));
    }
    return out;
}

enum class Kind
{
    None,
    Exec,
    Snapshot,
    Exit,
};

Kind classify(const Flat& flat, bool& denied)
{
    const QList<QByteArray> actions = keywords(flat, "event.action");
    const QList<QByteArray> types = keywords(flat, "event.type");
    const QList<QByteArray> categories = keywords(flat, "event.category");
    denied = types.contains("denied");
    for (const QByteArray& a : actions) {
        // Endpoint: exec/end/already_running (fork is not an exec); Auditbeat system: process_started/stopped,
        // existing_process; Auditbeat auditd: executed.
        if (a == "exec" || a == "process_started" || a == "executed" || a == "started")
            return Kind::Exec;
        if (a == "already_running" || a == "existing_process")
            return Kind::Snapshot;
        if (a == "end" || a == "process_stopped" || a == "process_exited" || a == "exit")
            return Kind::Exit;
        if (a == "fork")
            return Kind::None;
    }
    // No known action: fall back on the ECS categorisation of a process event.
    if (!categories.contains("process") && !field(flat, "event.dataset").toString().endsWith(QLatin1String("process")))
        return Kind::None;
    if (types.contains("start"))
        return Kind::Exec;
    if (types.contains("end"))
        return Kind::Exit;
    // Defend for Containers alerts on an exec it blocked ("denied"): the attempt is a (failed) exec.
    if (denied && !text(flat, "process.executable").isEmpty())
        return Kind::Exec;
    return Kind::None;
}

/// args as logged, else the space-joined command line or title split at spaces (ambiguous: arguments that
/// contain spaces come out split, hence the Proctitle origin that marks a reconstructed argv).
void fillArgv(const Flat& flat, ExecEvent& ev)
{
    const QJsonValue args = field(flat, "process.args");
    if (args.isArray()) {
        for (const QJsonValue& a : args.toArray())
            ev.argv.append(jsonBytes(a));
        ev.argvOrigin = ArgvOrigin::Execve;
        const int64_t count = integer(flat, "process.args_count");
        ev.argvTruncated = count > int64_t(ev.argv.size());
        return;
    }
    const QByteArray line = jsonBytes(firstOf(flat, {"process.command_line", "process.title"}));
    if (!line.isEmpty()) {
        ev.argv = line.split(' ');
        ev.argvOrigin = ArgvOrigin::Proctitle;
    }
}

} // namespace

void EcsParser::onRecord(const QByteArray& json, int64_t line)
{
    QJsonObject object;
    QString error;
    if (!parseJsonRecord(json, &object, &error)) {
        skip(line, QStringLiteral("record starting on line %1 is not valid JSON (%2)").arg(line).arg(error));
        return;
    }
    QByteArray hitId;
    Flat flat;
    flatten(unwrapHit(object, &hitId), QString(), flat);
    ++mutableStats().recordsRead;

    bool denied = false;
    const Kind kind = classify(flat, denied);
    if (kind == Kind::None)
        return;
    ExecEvent ev;
    ev.kind = kind == Kind::Exec ? EventKind::Exec : kind == Kind::Snapshot ? EventKind::Snapshot : EventKind::Exit;
    ev.line = line;
    ev.record = text(flat, "event.id");
    if (ev.record.isEmpty())
        ev.record = hitId;
    ev.pid = integer(flat, "process.pid");
    ev.ppid = integer(flat, "process.parent.pid");
    if (ev.ppid == kUnknownId)
        ev.ppid = integer(flat, "process.ppid"); // Auditbeat system/process
    if (ev.pid == kUnknownId && text(flat, "process.executable").isEmpty()
        && text(flat, "process.entity_id").isEmpty()) {
        skip(line, QStringLiteral("record starting on line %1 is a process event without process.pid, "
                                  "process.executable or process.entity_id")
                       .arg(line));
        return;
    }

    const QByteArray timestamp = text(flat, "@timestamp");
    if (!timestamp.isEmpty() && !parseIsoTimeNs(timestamp, &ev.timeNs)) {
        ev.timeNs = 0;
        mutableStats().addError(line,
                                QStringLiteral("record starting on line %1: @timestamp \"%2\" is not a usable RFC 3339 "
                                               "time; its time is unknown")
                                    .arg(line)
                                    .arg(QString::fromUtf8(timestamp)));
    }
    const QByteArray start = text(flat, "process.start");
    int64_t startNs = 0;
    if (!start.isEmpty() && parseIsoTimeNs(start, &startNs))
        ev.startTimeNs = startNs;

    const QByteArray outcome = text(flat, "event.outcome");
    ev.success = !denied && outcome != "failure";
    int64_t exitCode = 0;
    if (jsonToInt64(field(flat, "process.exit_code"), &exitCode))
        ev.exitCode = exitCode;
    ev.syscall = text(flat, "auditd.data.syscall");
    ev.arch = text(flat, "auditd.data.arch");
    ev.exe = jsonBytes(firstOf(flat, {"process.executable", "process.exe"}));
    ev.comm = text(flat, "process.name");
    ev.cwd = jsonBytes(firstOf(flat, {"process.working_directory", "process.cwd"}));
    fillArgv(flat, ev);

    // ECS: process.user is the effective user and process.real_user the real one (Endpoint); Auditbeat puts the
    // real user at the top level (user.id) and the effective one under user.effective.
    int64_t id = kUnknownId;
    if (jsonToInt64(firstOf(flat, {"process.real_user.id", "user.id"}), &id))
        ev.uid = id;
    if (jsonToInt64(firstOf(flat, {"process.user.id", "user.effective.id"}), &id))
        ev.euid = id;
    if (jsonToInt64(firstOf(flat, {"user.audit.id", "auditd.data.auid"}), &id))
        ev.auid = id;
    if (jsonToInt64(firstOf(flat, {"auditd.session", "auditd.data.ses"}), &id))
        ev.ses = id;
    ev.userName = jsonBytes(firstOf(flat, {"process.user.name", "user.name"}));
    ev.tty = jsonBytes(firstOf(flat, {"auditd.data.tty"}));

    ev.guid = text(flat, "process.entity_id");
    ev.parentGuid = text(flat, "process.parent.entity_id");
    ev.statedContainerId = text(flat, "container.id");
    if (!ev.statedContainerId.isEmpty())
        ev.statedContainerSource = QByteArrayLiteral("ecs container.id");
    ev.statedContainerName = text(flat, "container.name");
    ev.statedImage = text(flat, "container.image.name");
    const QList<QByteArray> tags = keywords(flat, "container.image.tag");
    if (!ev.statedImage.isEmpty() && tags.size() == 1 && !tags.constFirst().isEmpty())
        ev.statedImage += ':' + tags.constFirst(); // name:tag as engines print it; several tags stay unstated

    ev.host = jsonBytes(firstOf(flat, {"host.name", "host.hostname", "agent.hostname"}));
    emitEvent(std::move(ev));
}

EcsParser::EcsParser(Sink sink, const QByteArray& defaultHost)
    : JsonRecordParser(std::move(sink), defaultHost)
{
}

bool sniffEcs(QByteArrayView firstLines, const QString&)
{
    // Empty when not JSON, or one document larger than the sniffed bytes (rare for ECS; not guessed).
    const QJsonObject object = unwrapHit(firstJsonObject(firstLines), nullptr);
    if (object.isEmpty())
        return false;
    // Other JSON formats, which may also carry a timestamp: Tetragon, Falco, osquery, laurel.
    static const char* const kForeign[] = {"process_exec", "process_exit", "process_kprobe", "process_tracepoint",
                                           "output_fields", "hostIdentifier", "ID"};
    for (const char* key : kForeign) {
        if (object.contains(QLatin1String(key)))
            return false;
    }
    if (object.contains(QLatin1String("output")) && object.contains(QLatin1String("rule"))
        && object.contains(QLatin1String("priority")))
        return false;
    Flat flat;
    flatten(object, QString(), flat);
    if (!flat.contains(QStringLiteral("@timestamp")))
        return false;
    for (auto it = flat.constBegin(); it != flat.constEnd(); ++it) {
        if (it.key().startsWith(QLatin1String("event.")) || it.key().startsWith(QLatin1String("ecs.")))
            return true;
    }
    return false;
}

} // namespace ShimScope
