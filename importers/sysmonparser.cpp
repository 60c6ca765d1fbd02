// SPDX-License-Identifier: GPL-3.0-or-later
#include "sysmonparser.h"

#include "jsonlinesplitter.h"

#include <QHash>
#include <QXmlStreamReader>

namespace ShimScope
{

namespace
{

constexpr qsizetype kMaxRecordBytes = qsizetype(16) * 1024 * 1024;

/// Position of the first `<Event>` / `<Event …>` element start (not `<EventID>`, `<EventData>`), or -1.
qsizetype findEventStart(QByteArrayView text, qsizetype from = 0)
{
    while (true)
    {
        const qsizetype pos = text.indexOf("<Event", from);
        if (pos < 0)
            return -1;
        const qsizetype after = pos + 6;
        if (after == text.size() || text[after] == '>' || text[after] == ' ' || text[after] == '\t'
            || text[after] == '\r' || text[after] == '\n')
            return pos;
        from = after;
    }
}

/// Sysmon's placeholders for "no value": `-`, and for exits of unknown processes `(null)` / `<unknown process>`.
QByteArray valueOrEmpty(const QByteArray& value)
{
    if (value == "-" || value == "(null)" || value == "<unknown process>")
        return {};
    return value;
}

QByteArray guidOrEmpty(const QByteArray& value)
{
    if (value.isEmpty() || value == "-" || value == "{00000000-0000-0000-0000-000000000000}")
        return {};
    return value;
}

int64_t toId(const QByteArray& value)
{
    bool ok = false;
    const qlonglong id = value.toLongLong(&ok);
    return ok ? id : kUnknownId;
}

} // namespace

class SysmonParser::Private
{
public:
    void error(int64_t line, const QString& message)
    {
        ++stats.recordsSkipped;
        stats.addError(line, message);
    }

    void handleRecord(const QByteArray& xml, int64_t line);
    /// Handles every complete event in the buffer; what remains is the start of an open one.
    void drain();

    Sink sink;
    QByteArray defaultHost;
    SourceStats stats;
    QByteArray buffer; ///< from `<Event` of the record in flight
    int64_t firstLine = 0;
    bool inRecord = false;
    bool oversize = false;
};

void SysmonParser::Private::handleRecord(const QByteArray& xml, int64_t line)
{
    QXmlStreamReader reader(xml);
    QByteArray eventId, recordId, computer, systemTime;
    QHash<QByteArray, QByteArray> data;
    bool inSystem = false;
    bool inEventData = false;
    while (!reader.atEnd())
    {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::EndElement)
        {
            if (reader.name() == QLatin1String("System"))
                inSystem = false;
            else if (reader.name() == QLatin1String("EventData"))
                inEventData = false;
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = reader.name();
        if (name == QLatin1String("System"))
        {
            inSystem = true;
        }
        else if (name == QLatin1String("EventData"))
        {
            inEventData = true;
        }
        else if (inSystem && name == QLatin1String("EventID"))
        {
            eventId = reader.readElementText().toUtf8().trimmed();
        }
        else if (inSystem && name == QLatin1String("EventRecordID"))
        {
            recordId = reader.readElementText().toUtf8().trimmed();
        }
        else if (inSystem && name == QLatin1String("Computer"))
        {
            computer = reader.readElementText().toUtf8();
        }
        else if (inSystem && name == QLatin1String("TimeCreated"))
        {
            systemTime = reader.attributes().value(QLatin1String("SystemTime")).toUtf8();
        }
        else if (inEventData && name == QLatin1String("Data"))
        {
            const QByteArray key = reader.attributes().value(QLatin1String("Name")).toUtf8();
            data.insert(key, reader.readElementText().toUtf8());
        }
    }
    if (reader.hasError())
    {
        error(line, QStringLiteral("malformed Sysmon XML: ") + reader.errorString());
        return;
    }
    if (eventId.isEmpty())
    {
        error(line, QStringLiteral("Sysmon event without EventID"));
        return;
    }
    ++stats.recordsRead;
    if (eventId != "1" && eventId != "5")
        return; // network, file, state events: not process lifecycle

    ExecEvent event;
    event.line = line;
    event.record = recordId;
    event.kind = eventId == "1" ? EventKind::Exec : EventKind::Exit;
    event.host = computer.isEmpty() ? defaultHost : computer;
    // UtcTime is the process event's time (ms); TimeCreated is when Sysmon wrote it, which for the start-up
    // enumeration is minutes later, so it is only a fallback.
    int64_t timeNs = 0;
    if (parseIsoTimeNs(data.value("UtcTime"), &timeNs) || parseIsoTimeNs(systemTime, &timeNs))
        event.timeNs = timeNs;
    event.guid = guidOrEmpty(data.value("ProcessGuid"));
    event.parentGuid = guidOrEmpty(data.value("ParentProcessGuid"));
    event.pid = toId(data.value("ProcessId"));
    event.ppid = toId(data.value("ParentProcessId")); // 0 as logged when Sysmon did not know the parent
    event.exe = valueOrEmpty(data.value("Image"));
    event.cwd = valueOrEmpty(data.value("CurrentDirectory"));
    event.userName = valueOrEmpty(data.value("User"));

    // CommandLine is argv joined by single spaces without quoting, so splitting on spaces is ambiguous: an argument
    // holding a space comes back as several. It is the best the format allows.
    const QByteArray commandLine = valueOrEmpty(data.value("CommandLine"));
    if (!commandLine.isEmpty())
    {
        event.argv = commandLine.split(' ');
        event.argvOrigin = ArgvOrigin::Execve;
    }

    ++stats.events;
    sink(std::move(event));
}

void SysmonParser::Private::drain()
{
    while (inRecord)
    {
        const qsizetype end = buffer.indexOf("</Event>");
        if (end < 0)
            return;
        const QByteArray rest = buffer.mid(end + 8);
        buffer.truncate(end + 8);
        handleRecord(buffer, firstLine);
        inRecord = false;
        buffer.clear();
        // XML exports may put the next event on the same line.
        const qsizetype next = findEventStart(rest);
        if (next >= 0)
        {
            buffer = rest.mid(next);
            inRecord = true;
        }
    }
}

SysmonParser::SysmonParser(Sink sink, const QByteArray& defaultHost)
    : d(std::make_unique<Private>())
{
    d->sink = std::move(sink);
    d->defaultHost = defaultHost;
}

SysmonParser::~SysmonParser() = default;

void SysmonParser::feedLine(QByteArrayView line, int64_t lineNumber)
{
    ++d->stats.linesRead;
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype start = findEventStart(line);
    const qsizetype close = line.indexOf("</Event>");
    if (d->inRecord && start >= 0 && (close < 0 || close > start))
    {
        // A new event while one is open: the open one was cut (syslog message size limit).
        d->error(d->firstLine, QStringLiteral("Sysmon event not closed before the next one"));
        d->inRecord = false;
        d->buffer.clear();
    }
    if (!d->inRecord)
    {
        // Lines without an event (the service's start-up banner, other programs' syslog lines) are not records.
        if (start < 0)
            return;
        d->inRecord = true;
        d->oversize = false;
        d->firstLine = lineNumber;
        d->buffer = line.sliced(start).toByteArray();
    }
    else if (d->oversize)
    {
        // Only looking for the end of the oversized record.
        if (close >= 0)
        {
            d->error(d->firstLine, QStringLiteral("Sysmon event larger than 16 MiB"));
            d->inRecord = false;
            d->buffer.clear();
        }
        return;
    }
    else
    {
        d->buffer.append('\n');
        d->buffer.append(line);
    }
    if (d->buffer.size() > kMaxRecordBytes && d->buffer.indexOf("</Event>") < 0)
    {
        d->oversize = true;
        d->buffer = QByteArray();
        return;
    }
    d->drain();
}

void SysmonParser::finish()
{
    if (d->inRecord)
    {
        d->error(d->firstLine, QStringLiteral("Sysmon event not closed at the end of the file"));
        d->inRecord = false;
        d->buffer.clear();
    }
}

const SourceStats& SysmonParser::stats() const
{
    return d->stats;
}

bool sniffSysmon(QByteArrayView firstLines, const QString&)
{
    const qsizetype start = findEventStart(firstLines);
    if (start < 0)
        return false;
    const QByteArrayView rest = firstLines.sliced(start);
    return rest.indexOf("Linux-Sysmon") >= 0 || rest.indexOf("<EventID>") >= 0;
}

} // namespace ShimScope
