// SPDX-License-Identifier: GPL-3.0-or-later
#include "falcoparser.h"

#include "jsonlinesplitter.h"

#include <QJsonObject>
#include <QJsonValue>

namespace ShimScope
{

namespace
{

/// Falco writes `<NA>` (and JSON null) for fields it could not fill.
QByteArray field(const QJsonObject& fields, const char* name)
{
    const QByteArray value = jsonBytes(fields.value(QLatin1String(name)));
    return value == "<NA>" ? QByteArray() : value;
}

} // namespace

void FalcoParser::onRecord(const QByteArray& text, int64_t line)
{
    QJsonObject alert;
    QString error;
    if (!parseJsonRecord(text, &alert, &error))
    {
        skip(line, error);
        return;
    }
    if (!alert.contains(QLatin1String("rule")) || !alert.contains(QLatin1String("output")))
    {
        skip(line, QStringLiteral("not a Falco alert (no rule/output)"));
        return;
    }
    ++mutableStats().recordsRead;

    const QJsonObject fields = alert.value(QLatin1String("output_fields")).toObject();
    ExecEvent event;
    event.line = line;
    event.kind = EventKind::Exec;
    event.record = jsonBytes(alert.value(QLatin1String("uuid")));
    event.host = jsonBytes(alert.value(QLatin1String("hostname")));
    event.syscall = field(fields, "evt.type");

    // The top-level `time` string carries exact nanoseconds; the integer fields may have been through a double
    // somewhere upstream (the GKE sample's evt.time ends in …600 while time says …525), so they are the fallback.
    int64_t timeNs = 0;
    if (parseIsoTimeNs(jsonBytes(alert.value(QLatin1String("time"))), &timeNs))
    {
        event.timeNs = timeNs;
    }
    else
    {
        for (const char* key : {"evt.time", "evt.time.iso8601", "evt_time", "evt.rawtime"})
        {
            const int64_t value = jsonIntOr(fields.value(QLatin1String(key)), 0);
            if (value > 0)
            {
                event.timeNs = value;
                break;
            }
        }
    }

    event.pid = jsonIntOr(fields.value(QLatin1String("proc.pid")), kUnknownId);
    event.ppid = jsonIntOr(fields.value(QLatin1String("proc.ppid")), kUnknownId);
    event.uid = jsonIntOr(fields.value(QLatin1String("user.uid")), kUnknownId);
    event.auid = jsonIntOr(fields.value(QLatin1String("user.loginuid")), kUnknownId);
    // Falco prints an unset loginuid as -1; store auditd's 4294967295 so "unset" reads the same in every format
    // (kUnknownId would mean "not logged").
    if (fields.contains(QLatin1String("user.loginuid")) && event.auid == -1)
        event.auid = 4294967295;
    event.userName = field(fields, "user.name");
    event.cwd = field(fields, "proc.cwd");
    event.exe = field(fields, "proc.exepath");
    if (event.exe.isEmpty())
        event.exe = field(fields, "proc.exe");
    event.comm = field(fields, "proc.name");

    // proc.cmdline is proc.name (comm, <= 15 chars) + the arguments joined by spaces, not argv[0]: argv[0] is
    // proc.exe when the alert has it, else the comm. Splitting the arguments on spaces is ambiguous (no quoting).
    const QByteArray cmdline = field(fields, "proc.cmdline");
    if (!cmdline.isEmpty())
    {
        QByteArray args = cmdline;
        if (!event.comm.isEmpty() && (cmdline == event.comm || cmdline.startsWith(QByteArray(event.comm + ' '))))
            args = cmdline.mid(event.comm.size() + 1);
        else
            args = cmdline.mid(cmdline.indexOf(' ') < 0 ? cmdline.size() : cmdline.indexOf(' ') + 1);
        QByteArray argv0 = field(fields, "proc.exe");
        if (argv0.isEmpty())
            argv0 = event.comm.isEmpty() ? cmdline.left(cmdline.indexOf(' ') < 0 ? cmdline.size()
                                                                               : cmdline.indexOf(' '))
                                         : event.comm;
        event.argv.append(argv0);
        if (!args.isEmpty())
            event.argv.append(args.split(' '));
        event.argvOrigin = ArgvOrigin::Execve;
    }

    // Containers: "host" is Falco's name for the host itself; a full id wins over the 12-char short id.
    const QByteArray shortId = field(fields, "container.id");
    const QByteArray fullId = field(fields, "container.full_id");
    if (!fullId.isEmpty() && fullId != "host")
    {
        event.statedContainerId = fullId;
        event.statedContainerSource = QByteArrayLiteral("falco container.full_id");
    }
    else if (!shortId.isEmpty() && shortId != "host")
    {
        event.statedContainerId = shortId;
        event.statedContainerSource = QByteArrayLiteral("falco container.id");
    }
    if (!event.statedContainerId.isEmpty())
    {
        const QByteArray ns = field(fields, "k8s.ns.name");
        const QByteArray pod = field(fields, "k8s.pod.name");
        const QByteArray name = field(fields, "container.name");
        // Same shape as Tetragon's namespace/pod/container when Kubernetes fields are present.
        QByteArrayList parts;
        if (!ns.isEmpty() && !pod.isEmpty())
            parts << ns << pod;
        if (!name.isEmpty())
            parts << name;
        event.statedContainerName = parts.join('/');
        const QByteArray repository = field(fields, "container.image.repository");
        const QByteArray tag = field(fields, "container.image.tag");
        if (!repository.isEmpty())
            event.statedImage = tag.isEmpty() ? repository : repository + ':' + tag;
        else
            event.statedImage = field(fields, "container.image");
    }

    emitEvent(std::move(event));
}

FalcoParser::FalcoParser(Sink sink, const QByteArray& defaultHost)
    : JsonRecordParser(std::move(sink), defaultHost)
{
}

bool sniffFalco(QByteArrayView firstLines, const QString&)
{
    const QJsonObject object = firstJsonObject(firstLines);
    return object.contains(QLatin1String("output")) && object.contains(QLatin1String("rule"))
        && object.contains(QLatin1String("priority"));
}

} // namespace ShimScope
