// SPDX-License-Identifier: GPL-3.0-or-later
#include "execsnoopparser.h"
#include "textwords.h"
#include "psparser.h"

#include <QList>

#include <array>
#include <optional>
#include <utility>

namespace ShimScope
{

namespace
{

constexpr int64_t kNsPerSec = 1000000000;
constexpr int64_t kNsPerDay = 86400 * kNsPerSec;

enum class Col
{
    Time,    // HH:MM:SS[.frac]
    TimeSec, // seconds since start (bcc/libbpf -t)
    TimeMs,  // ms since start (bpftrace execsnoop.bt)
    Uid,
    Comm,
    Pcomm,
    Pid,
    Ppid,
    Cpu,
    Ret,
    Args,
};

std::optional<Col> columnKind(QByteArrayView name)
{
    static const std::array<std::pair<const char*, Col>, 11> names = {{
        {"TIME", Col::Time},
        {"TIME(s)", Col::TimeSec},
        {"TIME(ms)", Col::TimeMs},
        {"UID", Col::Uid},
        {"COMM", Col::Comm},
        {"PCOMM", Col::Pcomm},
        {"PID", Col::Pid},
        {"PPID", Col::Ppid},
        {"CPU", Col::Cpu},
        {"RET", Col::Ret},
        {"ARGS", Col::Args},
    }};
    for (const auto& [text, kind] : names)
    {
        if (name == QByteArrayView(text))
            return kind;
    }
    return std::nullopt;
}


QByteArrayView chomp(QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

/// "12.345" → ns. Non-negative decimals only.
std::optional<int64_t> decimalNs(QByteArrayView text, int64_t unitNs)
{
    const qsizetype dot = text.indexOf('.');
    const auto whole = parseDecimal(dot < 0 ? text : text.first(dot));
    if (!whole || *whole < 0 || *whole > 1000000000)
        return std::nullopt;
    int64_t ns = *whole * unitNs;
    if (dot >= 0)
    {
        int64_t scale = unitNs / 10;
        for (const char c : text.sliced(dot + 1))
        {
            if (c < '0' || c > '9')
                return std::nullopt;
            ns += (c - '0') * scale;
            scale /= 10;
        }
    }
    return ns;
}

/// "HH:MM:SS[.frac]" → ns since midnight.
std::optional<int64_t> timeOfDayNs(QByteArrayView text)
{
    if (text.size() < 8 || text[2] != ':' || text[5] != ':')
        return std::nullopt;
    const auto h = parseDecimal(text.first(2));
    const auto m = parseDecimal(text.sliced(3, 2));
    const auto s = decimalNs(text.sliced(6), kNsPerSec);
    if (!h || !m || !s || *h < 0 || *h > 23 || *m < 0 || *m > 59 || *s >= 61 * kNsPerSec)
        return std::nullopt;
    return (*h * 3600 + *m * 60) * kNsPerSec + *s;
}

QByteArray baseName(const QByteArray& path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.mid(slash + 1);
}

/// Splits printed arguments; undoes bcc -q quoting ("a b" "c\"d") when the text starts with a quote.
QList<QByteArray> splitArgs(QByteArrayView text)
{
    QList<QByteArray> out;
    if (text.startsWith('"'))
    {
        qsizetype i = 0;
        while (i < text.size())
        {
            while (i < text.size() && text[i] == ' ')
                ++i;
            if (i >= text.size())
                break;
            if (text[i] != '"')
            {
                // Not quoted after all (e.g. the trailing "..."): take the word as it is.
                const qsizetype begin = i;
                while (i < text.size() && text[i] != ' ')
                    ++i;
                out.append(text.sliced(begin, i - begin).toByteArray());
                continue;
            }
            ++i;
            QByteArray arg;
            while (i < text.size() && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '"')
                    ++i;
                arg.append(text[i]);
                ++i;
            }
            ++i; // closing quote (or end of a cut line)
            out.append(arg);
        }
        return out;
    }
    for (const QByteArray& word : text.toByteArray().split(' '))
    {
        if (!word.isEmpty())
            out.append(word);
    }
    return out;
}

struct Pending
{
    ExecEvent ev;
    QByteArray argsText;
    QList<QByteArray> continuation;
};

} // namespace

class ExecsnoopParser::Private
{
public:
    Sink sink;
    QByteArray host;
    SourceStats stats;

    QList<Col> columns;
    bool bccArgs = true; // ARGS starts with the filename (bcc/libbpf) rather than argv[0] (bpftrace)
    int64_t dateNs = 0;  // midnight UTC of a stated date, 0 = none
    int64_t dayOffsetNs = 0;
    int64_t lastTodNs = -1;
    std::optional<Pending> pending;

    void skip(int64_t lineNumber, const QString& message)
    {
        ++stats.recordsSkipped;
        stats.addError(lineNumber, message);
    }

    void emitEvent(ExecEvent&& ev)
    {
        ++stats.events;
        if (!ev.success)
            ++stats.failedExecs;
        sink(std::move(ev));
    }

    void flushPending();
    void parseBpftrace(QByteArrayView line, int64_t lineNumber);
    void parseRow(QByteArrayView line, int64_t lineNumber);
};

ExecsnoopParser::ExecsnoopParser(Sink sink, QByteArray defaultHost)
    : d(std::make_unique<Private>())
{
    d->sink = std::move(sink);
    d->host = std::move(defaultHost);
}

ExecsnoopParser::~ExecsnoopParser() = default;

const SourceStats& ExecsnoopParser::stats() const
{
    return d->stats;
}

bool ExecsnoopParser::isHeaderLine(QByteArrayView line)
{
    line = chomp(line);
    const QList<Word> words = splitWords(line);
    if (words.size() < 3)
        return false;
    bool hasPid = false;
    for (const Word& w : words)
    {
        const auto kind = columnKind(wordAt(line, w));
        if (!kind)
            return false;
        hasPid = hasPid || *kind == Col::Pid;
    }
    const Word& last = words.last();
    return hasPid && columnKind(wordAt(line, last)) == Col::Args;
}

bool ExecsnoopParser::isBpftraceRecord(QByteArrayView line)
{
    // 2026-12-03T17:35:32.054345<TAB>tracepoint:syscalls:sys_enter_execve<TAB>
    if (line.size() < 26 || line[4] != '-' || line[7] != '-' || line[10] != 'T' || line[13] != ':')
        return false;
    const qsizetype tab = line.indexOf('\t');
    if (tab < 19)
        return false;
    return line.sliced(tab + 1).startsWith("tracepoint:syscalls:sys_enter_exec");
}

void ExecsnoopParser::Private::flushPending()
{
    if (!pending)
        return;
    Pending p = std::move(*pending);
    pending.reset();
    while (!p.continuation.isEmpty() && p.continuation.last().isEmpty())
        p.continuation.removeLast();
    QByteArray text = p.argsText;
    for (const QByteArray& more : std::as_const(p.continuation))
        text += '\n' + more;
    // join() separates arguments with exactly one space, so empty words are empty arguments and are kept.
    if (!text.isEmpty())
        p.ev.argv = text.split(' ');
    p.ev.argvOrigin = ArgvOrigin::Execve;
    emitEvent(std::move(p.ev));
}

void ExecsnoopParser::Private::parseBpftrace(QByteArrayView line, int64_t lineNumber)
{
    ++stats.recordsRead;
    // time, probe, pid, ppid, comm, filename, then the joined argv (which may itself hold tabs).
    QList<QByteArrayView> fields;
    qsizetype pos = 0;
    while (fields.size() < 6)
    {
        const qsizetype tab = line.indexOf('\t', pos);
        if (tab < 0)
            break;
        fields.append(line.sliced(pos, tab - pos));
        pos = tab + 1;
    }
    if (fields.size() < 6)
    {
        skip(lineNumber, QStringLiteral("line %1: bpftrace record has fewer than 7 fields").arg(lineNumber));
        return;
    }
    const auto time = PsParser::parseDateLine(QByteArray(fields[0].toByteArray() + 'Z'));
    const auto pid = parseDecimal(fields[2]);
    const auto ppid = parseDecimal(fields[3]);
    if (!time || !pid || !ppid || *pid < 0)
    {
        skip(lineNumber, QStringLiteral("line %1: bpftrace record has a bad time, pid or ppid").arg(lineNumber));
        return;
    }
    Pending p;
    p.ev.line = lineNumber;
    p.ev.record = fields[0].toByteArray();
    p.ev.host = host;
    p.ev.timeNs = *time;
    p.ev.kind = EventKind::Exec;
    const qsizetype enter = fields[1].indexOf("sys_enter_");
    p.ev.syscall = fields[1].sliced(enter + 10).toByteArray();
    p.ev.pid = *pid;
    p.ev.ppid = *ppid;
    p.ev.comm = fields[4].toByteArray();
    p.ev.path = fields[5].toByteArray();
    if (p.ev.path.startsWith('/'))
        p.ev.exe = p.ev.path;
    p.argsText = line.sliced(pos).toByteArray();
    pending = std::move(p);
}

void ExecsnoopParser::Private::parseRow(QByteArrayView line, int64_t lineNumber)
{
    ++stats.recordsRead;
    const QList<Word> words = splitWords(line);
    const bool hasComm = columns.contains(Col::Comm);
    const bool hasTime = columns.contains(Col::Time);
    ExecEvent ev;
    ev.line = lineNumber;
    ev.record = QByteArray::number(lineNumber);
    ev.host = host;
    ev.kind = EventKind::Exec;
    bool havePid = false;
    qsizetype w = 0;
    QByteArrayView argsText;
    for (const Col col : std::as_const(columns))
    {
        if (col == Col::Args)
        {
            argsText = w < words.size() ? line.sliced(words[w].begin) : QByteArrayView();
            break;
        }
        if (w >= words.size())
        {
            skip(lineNumber, QStringLiteral("line %1: execsnoop row has too few columns").arg(lineNumber));
            return;
        }
        const QByteArrayView word = wordAt(line, words[w]);
        ++w;
        switch (col)
        {
        case Col::Time:
        {
            const auto tod = timeOfDayNs(word);
            if (!tod)
            {
                skip(lineNumber, QStringLiteral("line %1: TIME is not HH:MM:SS").arg(lineNumber));
                return;
            }
            // The clock going back by more than 12 h is midnight passing, not reordering.
            if (lastTodNs >= 0 && *tod + kNsPerDay / 2 < lastTodNs)
                dayOffsetNs += kNsPerDay;
            lastTodNs = *tod;
            ev.timeNs = dateNs + dayOffsetNs + *tod;
            break;
        }
        case Col::TimeSec:
        case Col::TimeMs:
        {
            const auto ns = decimalNs(word, col == Col::TimeSec ? kNsPerSec : kNsPerSec / 1000);
            if (!ns)
            {
                skip(lineNumber, QStringLiteral("line %1: relative time is not a number").arg(lineNumber));
                return;
            }
            if (!hasTime)
                ev.timeNs = *ns;
            break;
        }
        case Col::Uid:
        {
            const auto uid = parseDecimal(word);
            if (!uid || *uid < 0)
            {
                skip(lineNumber, QStringLiteral("line %1: UID is not a number").arg(lineNumber));
                return;
            }
            ev.uid = *uid;
            break;
        }
        case Col::Comm:
        case Col::Pcomm:
        {
            // comm may hold spaces (prctl PR_SET_NAME): the next column is numeric, so words up to the first
            // number belong to the name, within comm's 15 bytes.
            qsizetype end = words[w - 1].end;
            while (w < words.size() && !parseDecimal(wordAt(line, words[w]))
                   && words[w].end - words[w - 1].begin <= 15 && words.size() - w > 2)
            {
                end = words[w].end;
                ++w;
            }
            if (col == Col::Comm || !hasComm)
            {
                const qsizetype begin = word.data() - line.data();
                ev.comm = line.sliced(begin, end - begin).toByteArray();
            }
            break;
        }
        case Col::Pid:
        case Col::Ppid:
        {
            const auto value = parseDecimal(word);
            if (col == Col::Ppid && word == "?")
                break; // bcc could not read the parent
            if (!value || *value < 0)
            {
                skip(lineNumber, QStringLiteral("line %1: %2 is not a number")
                                     .arg(lineNumber)
                                     .arg(col == Col::Pid ? QStringLiteral("PID") : QStringLiteral("PPID")));
                return;
            }
            if (col == Col::Pid)
            {
                ev.pid = *value;
                havePid = true;
            }
            else
            {
                ev.ppid = *value;
            }
            break;
        }
        case Col::Cpu:
            break;
        case Col::Ret:
        {
            const auto ret = parseDecimal(word);
            if (!ret)
            {
                skip(lineNumber, QStringLiteral("line %1: RET is not a number").arg(lineNumber));
                return;
            }
            ev.exitCode = *ret;
            ev.success = *ret == 0;
            break;
        }
        case Col::Args:
            break;
        }
    }
    if (!havePid)
    {
        skip(lineNumber, QStringLiteral("line %1: execsnoop row without PID").arg(lineNumber));
        return;
    }
    ev.argv = splitArgs(argsText.trimmed());
    if (!ev.argv.isEmpty() && ev.argv.last() == "...")
    {
        ev.argv.removeLast();
        ev.argvTruncated = true;
    }
    ev.argvOrigin = ArgvOrigin::Execve;
    if (bccArgs && !ev.argv.isEmpty())
    {
        ev.path = ev.argv.first();
        if (ev.path.startsWith('/'))
            ev.exe = ev.path;
    }
    if (ev.comm.isEmpty() && !ev.argv.isEmpty())
        ev.comm = baseName(ev.argv.first()).left(15); // bpftrace tables carry no comm; the kernel's would be this
    emitEvent(std::move(ev));
}

void ExecsnoopParser::feedLine(QByteArrayView rawLine, int64_t lineNumber)
{
    ++d->stats.linesRead;
    const QByteArrayView line = chomp(rawLine);
    if (isBpftraceRecord(line))
    {
        d->flushPending();
        d->columns.clear();
        d->parseBpftrace(line, lineNumber);
        return;
    }
    if (line.size() >= 12 && line.startsWith("Lost ") && line.endsWith(" events"))
    {
        d->flushPending();
        if (const auto lost = parseDecimal(line.sliced(5, line.size() - 12)))
            d->stats.lostEvents += *lost;
        return;
    }
    if (line.startsWith("Attaching ") && line.endsWith(" probes..."))
    {
        d->flushPending();
        return;
    }
    if (d->pending)
    {
        // Anything else after a bpftrace record is the rest of an argument that held a newline.
        d->pending->continuation.append(line.toByteArray());
        return;
    }
    if (isHeaderLine(line))
    {
        d->columns.clear();
        for (const Word& w : splitWords(line))
            d->columns.append(*columnKind(wordAt(line, w)));
        d->bccArgs = d->columns.contains(Col::Comm) || d->columns.contains(Col::Pcomm) || d->columns.contains(Col::Ret);
        d->dayOffsetNs = 0;
        d->lastTodNs = -1;
        return;
    }
    if (line.trimmed().isEmpty())
    {
        d->columns.clear(); // an empty line ends a table: what follows is commentary until the next header
        return;
    }
    if (d->columns.isEmpty())
    {
        if (const auto ns = PsParser::parseDateLine(line))
            d->dateNs = *ns - *ns % kNsPerDay;
        return; // banner, prompt or prose: not a record
    }
    d->parseRow(line, lineNumber);
}

void ExecsnoopParser::finish()
{
    d->flushPending();
}

bool sniffExecsnoop(QByteArrayView firstLines, const QString& fileName)
{
    Q_UNUSED(fileName);
    int lines = 0;
    int nonEmpty = 0;
    QByteArrayView header;
    qsizetype pos = 0;
    while (pos < firstLines.size() && lines < 64)
    {
        qsizetype end = firstLines.indexOf('\n', pos);
        if (end < 0)
            end = firstLines.size();
        const QByteArrayView line = chomp(firstLines.sliced(pos, end - pos));
        pos = end + 1;
        ++lines;
        if (line.trimmed().isEmpty())
            continue;
        ++nonEmpty;
        if (nonEmpty <= 2 && ExecsnoopParser::isBpftraceRecord(line))
            return true;
        if (!header.isEmpty())
        {
            // The row after the header must parse.
            bool ok = false;
            ExecsnoopParser probe([&ok](ExecEvent&&) { ok = true; }, {});
            probe.feedLine(header, 1);
            probe.feedLine(line, 2);
            return ok && probe.stats().recordsSkipped == 0;
        }
        if (ExecsnoopParser::isHeaderLine(line))
            header = line;
    }
    return false;
}

} // namespace ShimScope
