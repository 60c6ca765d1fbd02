// SPDX-License-Identifier: GPL-3.0-or-later
#include "tetragonparser.h"

#include "jsonlinesplitter.h"

#include <QJsonObject>
#include <QJsonValue>

namespace ShimScope
{

namespace
{

/// Keys of Tetragon's GetEventsResponse besides the event itself.
bool isEnvelopeKey(const QString& key)
{
    return key == QLatin1String("node_name") || key == QLatin1String("time") || key == QLatin1String("cluster_name")
        || key == QLatin1String("node_labels") || key == QLatin1String("aggregation_info");
}

/// Event-type keys. Besides the documented ones, 2022 releases emitted process_connect/listen/close (book samples),
/// so any "process_" key counts.
bool isEventKey(const QString& key)
{
    return key.startsWith(QLatin1String("process_")) || key == QLatin1String("rate_limit_info")
        || key == QLatin1String("test");
}

QByteArray stripRuntimeScheme(QByteArray id)
{
    const qsizetype scheme = id.indexOf("://");
    if (scheme >= 0)
        id.remove(0, scheme + 3);
    return id;
}

} // namespace

void TetragonParser::onRecord(const QByteArray& text, int64_t line)
{
    QJsonObject root;
    QString error;
    if (!parseJsonRecord(text, &root, &error))
    {
        skip(line, error);
        return;
    }

    QString eventKey;
    for (auto it = root.constBegin(); it != root.constEnd(); ++it)
    {
        if (!isEnvelopeKey(it.key()))
        {
            eventKey = it.key();
            break;
        }
    }
    if (!isEventKey(eventKey))
    {
        skip(line, QStringLiteral("not a Tetragon event (no event-type key)"));
        return;
    }
    ++mutableStats().recordsRead;

    const bool isExec = eventKey == QLatin1String("process_exec");
    const bool isExit = eventKey == QLatin1String("process_exit");
    if (!isExec && !isExit)
        return; // kprobes, connects, …: not process lifecycle; read but not used

    const QJsonObject body = root.value(eventKey).toObject();
    const QJsonObject process = body.value(QLatin1String("process")).toObject();
    const QJsonObject parent = body.value(QLatin1String("parent")).toObject();
    if (process.isEmpty())
    {
        skip(line, QStringLiteral("%1 without a process").arg(eventKey));
        return;
    }

    ExecEvent event;
    event.line = line;
    event.kind = isExec ? EventKind::Exec : EventKind::Exit;
    event.host = jsonBytes(root.value(QLatin1String("node_name")));

    event.record = jsonBytes(process.value(QLatin1String("exec_id")));
    event.guid = event.record;
    event.parentGuid = jsonBytes(process.value(QLatin1String("parent_exec_id")));
    event.pid = jsonIntOr(process.value(QLatin1String("pid")), kUnknownId);
    event.ppid = jsonIntOr(parent.value(QLatin1String("pid")), kUnknownId);
    // protobuf-JSON omits zero values: a process with an exec_id and no uid ran as root.
    event.uid = jsonIntOr(process.value(QLatin1String("uid")), 0);
    event.euid = event.uid; // Tetragon's uid is the effective uid
    event.auid = jsonIntOr(process.value(QLatin1String("auid")), kUnknownId);
    event.cwd = jsonBytes(process.value(QLatin1String("cwd")));
    event.exe = jsonBytes(process.value(QLatin1String("binary")));

    event.argv.append(event.exe);
    event.argv.append(TetragonParser::splitArguments(jsonBytes(process.value(QLatin1String("arguments")))));
    event.argvOrigin = ArgvOrigin::Execve;
    const QByteArray flags = jsonBytes(process.value(QLatin1String("flags")));
    event.argvTruncated = flags.split(' ').contains(QByteArrayLiteral("truncArgs"));

    int64_t startNs = 0;
    if (parseIsoTimeNs(jsonBytes(process.value(QLatin1String("start_time"))), &startNs))
        event.startTimeNs = startNs;
    int64_t timeNs = 0;
    if (parseIsoTimeNs(jsonBytes(root.value(QLatin1String("time"))), &timeNs))
        event.timeNs = timeNs;
    else if (isExec)
        event.timeNs = event.startTimeNs; // the export envelope's time is optional (testdata has none)
    // An exit without an envelope time keeps 0 ("unknown"): its start_time is not when it exited.

    if (isExit)
    {
        // Omitted status means 0. The killing `signal` has no slot in ExecEvent and is not kept.
        event.exitCode = jsonIntOr(body.value(QLatin1String("status")), 0);
    }

    // Container: pod.container.id is the full id; docker is only a cgroup-derived prefix.
    const QJsonObject pod = process.value(QLatin1String("pod")).toObject();
    const QJsonObject container = pod.value(QLatin1String("container")).toObject();
    const QByteArray podContainerId = stripRuntimeScheme(jsonBytes(container.value(QLatin1String("id"))));
    const QByteArray dockerPrefix = jsonBytes(process.value(QLatin1String("docker")));
    if (!podContainerId.isEmpty())
    {
        event.statedContainerId = podContainerId;
        event.statedContainerSource = QByteArrayLiteral("tetragon pod.container.id");
    }
    else if (!dockerPrefix.isEmpty())
    {
        event.statedContainerId = dockerPrefix;
        event.statedContainerSource = QByteArrayLiteral("tetragon process.docker");
    }
    if (!pod.isEmpty())
    {
        QByteArrayList nameParts;
        for (const char* key : {"namespace", "name"})
        {
            const QByteArray part = jsonBytes(pod.value(QLatin1String(key)));
            if (!part.isEmpty())
                nameParts.append(part);
        }
        const QByteArray containerName = jsonBytes(container.value(QLatin1String("name")));
        if (!containerName.isEmpty())
            nameParts.append(containerName);
        event.statedContainerName = nameParts.join('/');
        event.statedImage =
            jsonBytes(container.value(QLatin1String("image")).toObject().value(QLatin1String("name")));
    }

    emitEvent(std::move(event));
}

TetragonParser::TetragonParser(Sink sink, const QByteArray& defaultHost)
    : JsonRecordParser(std::move(sink), defaultHost)
{
}

QList<QByteArray> TetragonParser::splitArguments(QByteArrayView s)
{
    // Tetragon (pkg/process/args.go) builds the string as: an argument with a space becomes ` "arg"` (always with
    // the leading space, even first); any other argument is appended with one separating space (none when the string
    // is still empty, so a leading empty argument vanishes). Inner quotes are not escaped, so a quoted argument is
    // taken to end at the first `"` followed by a space or the end whose content holds a space. An argument that
    // itself starts with `"` and has a space cannot be told apart: that is Tetragon's loss, not ours.
    QList<QByteArray> args;
    const qsizetype n = s.size();
    qsizetype i = 0;
    if (n == 0)
        return args;
    if (n > 1 && s[0] == ' ' && s[1] == '"')
        i = 1;
    while (i < n)
    {
        qsizetype next = -1;
        if (s[i] == '"')
        {
            bool sawSpace = false;
            for (qsizetype j = i + 1; j < n; ++j)
            {
                if (s[j] == ' ')
                    sawSpace = true;
                else if (s[j] == '"' && sawSpace && (j + 1 == n || s[j + 1] == ' '))
                {
                    args.append(s.sliced(i + 1, j - i - 1).toByteArray());
                    next = j + 1;
                    break;
                }
            }
        }
        if (next < 0)
        {
            qsizetype end = s.indexOf(' ', i);
            if (end < 0)
                end = n;
            args.append(s.sliced(i, end - i).toByteArray());
            next = end;
        }
        if (next >= n)
            break;
        // next is at the separating space.
        i = next + 1;
        if (i == n)
            args.append(QByteArray()); // trailing empty argument
    }
    return args;
}

bool sniffTetragon(QByteArrayView firstLines, const QString&)
{
    const QJsonObject object = firstJsonObject(firstLines);
    if (!object.isEmpty())
    {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        {
            if (!isEnvelopeKey(it.key()))
                return isEventKey(it.key()) && it.value().isObject();
        }
        return false;
    }
    // First record too big for the sniff window: Tetragon writes the event key first.
    const QByteArray key = firstJsonKey(firstLines);
    return key == "process_exec" || key == "process_exit" || key == "process_kprobe" || key == "process_tracepoint";
}

} // namespace ShimScope
