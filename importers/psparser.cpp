// SPDX-License-Identifier: GPL-3.0-or-later
#include "psparser.h"
#include "textwords.h"

#include <QList>

#include <array>
#include <utility>

namespace ShimScope
{

namespace
{

constexpr int64_t kNsPerSec = 1000000000;
constexpr int64_t kSecPerDay = 86400;

enum class Col
{
    Other,
    Pid,
    Ppid,
    User, // name or number
    Tty,
    StartShort, // STIME / START: one word
    Started,    // STARTED: lstart (5 words), or `start` (1 or 2 words)
    Command,    // CMD / COMMAND / ARGS
    Comm,       // COMM / UCMD (only when not the last column; the last command-like column takes the rest)
};

struct Column
{
    QByteArray name;
    Col kind = Col::Other;
};

// procps header texts (ps/output.c) of the columns one meets in snapshots. Unknown words make a line a non-header:
// that strictness is what keeps the sniffer from claiming other tables.
Col columnKind(QByteArrayView name, bool* known)
{
    static const std::array<std::pair<const char*, Col>, 12> special = {{
        {"PID", Col::Pid},     {"PPID", Col::Ppid},         {"USER", Col::User},      {"UID", Col::User},
        {"RUSER", Col::User},  {"EUSER", Col::User},        {"TTY", Col::Tty},        {"TT", Col::Tty},
        {"STIME", Col::StartShort}, {"START", Col::StartShort}, {"STARTED", Col::Started}, {"CMD", Col::Command},
    }};
    static const std::array<const char*, 36> other = {
        "%CPU", "%MEM", "VSZ",   "RSS",  "STAT",  "S",     "C",     "TIME",   "F",     "PRI",  "NI",  "ADDR",
        "SZ",   "WCHAN", "PGID", "SID",  "TGID",  "TID",   "LWP",   "NLWP",   "PSR",   "ELAPSED", "ETIME",
        "ETIMES", "GROUP", "GID", "RUID", "EUID", "RGID", "EGID", "SUID", "FUID", "CLS", "RTPRIO", "MNTNS", "PIDNS",
    };
    *known = true;
    for (const auto& [text, kind] : special)
    {
        if (name == QByteArrayView(text))
            return kind;
    }
    if (name == "COMMAND" || name == "ARGS")
        return Col::Command;
    if (name == "COMM" || name == "UCMD")
        return Col::Comm;
    for (const char* text : other)
    {
        if (name == QByteArrayView(text))
            return Col::Other;
    }
    *known = false;
    return Col::Other;
}



QByteArrayView chomp(QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

std::optional<int64_t> toInt(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    int64_t value = 0;
    for (const char c : text)
    {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01.
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(int64_t z, int64_t* y, int64_t* m, int64_t* d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

int monthNumber(QByteArrayView name)
{
    static const std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i)
    {
        if (name == QByteArrayView(months[static_cast<size_t>(i)]))
            return i + 1;
    }
    return 0;
}

bool isWeekday(QByteArrayView name)
{
    static const std::array<const char*, 7> days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (const char* day : days)
    {
        if (name == QByteArrayView(day))
            return true;
    }
    return false;
}

/// "HH:MM" or "HH:MM:SS" to seconds of the day.
std::optional<int64_t> timeOfDay(QByteArrayView text)
{
    const QList<QByteArray> parts = text.toByteArray().split(':');
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    const auto h = toInt(parts[0]);
    const auto m = toInt(parts[1]);
    const auto s = parts.size() == 3 ? toInt(parts[2]) : std::optional<int64_t>(0);
    if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60)
        return std::nullopt;
    return *h * 3600 + *m * 60 + *s;
}

/// lstart words: weekday month day HH:MM:SS year.
std::optional<int64_t> parseLstart(QByteArrayView wd, QByteArrayView mon, QByteArrayView day, QByteArrayView time,
                                   QByteArrayView year)
{
    const int month = monthNumber(mon);
    const auto d = toInt(day);
    const auto y = toInt(year);
    const auto tod = timeOfDay(time);
    if (!isWeekday(wd) || month == 0 || !d || *d < 1 || *d > 31 || !y || *y < 1970 || *y > 9999 || !tod)
        return std::nullopt;
    return (daysFromCivil(*y, month, *d) * kSecPerDay + *tod) * kNsPerSec;
}

/// STIME/START/short STARTED: see the header comment for the rule. 0 when it cannot be resolved.
int64_t resolveShortStart(QByteArrayView first, QByteArrayView second, int64_t snapshotNs)
{
    if (snapshotNs <= 0)
        return 0;
    const int64_t snapDay = snapshotNs / kNsPerSec / kSecPerDay;
    if (const auto tod = timeOfDay(first))
    {
        int64_t ns = (snapDay * kSecPerDay + *tod) * kNsPerSec;
        if (ns > snapshotNs)
            ns -= kSecPerDay * kNsPerSec;
        return ns;
    }
    // "Dec03" (bsdstart/stime) or "Dec 03" (start).
    QByteArrayView mon = first;
    QByteArrayView day = second;
    if (first.size() > 3 && second.isEmpty())
    {
        mon = first.first(3);
        day = first.sliced(3);
    }
    const int month = monthNumber(mon);
    const auto d = toInt(day);
    if (month == 0 || !d || *d < 1 || *d > 31)
        return 0;
    int64_t y = 0;
    int64_t m = 0;
    int64_t dd = 0;
    civilFromDays(snapDay, &y, &m, &dd);
    int64_t ns = daysFromCivil(y, month, *d) * kSecPerDay * kNsPerSec;
    if (ns > snapshotNs)
        ns = daysFromCivil(y - 1, month, *d) * kSecPerDay * kNsPerSec;
    return ns;
}

/// Removes the tree drawing of `ps --forest` / `ps f` ("  \_ ", " |   \_ ") before the command.
QByteArrayView stripForest(QByteArrayView cmd)
{
    for (;;)
    {
        while (!cmd.isEmpty() && cmd.front() == ' ')
            cmd = cmd.sliced(1);
        if (cmd.startsWith("\\_ "))
            cmd = cmd.sliced(3);
        else if (cmd.startsWith("| ") || cmd == "|")
            cmd = cmd.sliced(1);
        else
            return cmd;
    }
}

} // namespace

class PsParser::Private
{
public:
    Sink sink;
    QByteArray host;
    SourceStats stats;
    QList<Column> columns;
    int64_t snapshotNs = 0;

    void skip(int64_t lineNumber, const QString& message)
    {
        ++stats.recordsSkipped;
        stats.addError(lineNumber, message);
    }

    void parseRow(QByteArrayView line, int64_t lineNumber);
};

PsParser::PsParser(Sink sink, QByteArray defaultHost)
    : d(std::make_unique<Private>())
{
    d->sink = std::move(sink);
    d->host = std::move(defaultHost);
}

PsParser::~PsParser() = default;

const SourceStats& PsParser::stats() const
{
    return d->stats;
}

void PsParser::finish()
{
}

bool PsParser::isHeaderLine(QByteArrayView line)
{
    line = chomp(line);
    const QList<Word> words = splitWords(line);
    if (words.size() < 2)
        return false;
    bool hasPid = false;
    bool hasCommand = false;
    for (qsizetype i = 0; i < words.size(); ++i)
    {
        bool known = false;
        const Col kind = columnKind(wordAt(line, words[i]), &known);
        if (!known)
            return false;
        hasPid = hasPid || kind == Col::Pid;
        hasCommand = hasCommand || kind == Col::Command || kind == Col::Comm;
    }
    return hasPid && hasCommand;
}

std::optional<int64_t> PsParser::parseDateLine(QByteArrayView line)
{
    line = chomp(line).trimmed();
    // ISO 8601 in UTC: 2026-12-03T17:35:45[.fff](Z|+00:00)
    if (line.size() >= 20 && line[4] == '-' && line[7] == '-' && (line[10] == 'T' || line[10] == ' ')
        && line[13] == ':' && line[16] == ':')
    {
        const auto y = toInt(line.first(4));
        const auto mo = toInt(line.sliced(5, 2));
        const auto dd = toInt(line.sliced(8, 2));
        const auto tod = timeOfDay(line.sliced(11, 8));
        if (!y || !mo || !dd || !tod || *mo < 1 || *mo > 12 || *dd < 1 || *dd > 31)
            return std::nullopt;
        QByteArrayView rest = line.sliced(19);
        int64_t frac = 0;
        if (rest.startsWith('.'))
        {
            rest = rest.sliced(1);
            int64_t scale = 100000000;
            while (!rest.isEmpty() && rest.front() >= '0' && rest.front() <= '9')
            {
                frac += (rest.front() - '0') * scale;
                scale /= 10;
                rest = rest.sliced(1);
            }
        }
        if (rest != "Z" && rest != "+00:00" && rest != "+0000")
            return std::nullopt;
        return (daysFromCivil(*y, *mo, *dd) * kSecPerDay + *tod) * kNsPerSec + frac;
    }
    // `date` / `date -u`: Thu Dec  3 17:35:45 UTC 2026. Other zones are refused: their offset is not stated.
    const QList<Word> words = splitWords(line);
    if (words.size() != 6)
        return std::nullopt;
    const QByteArrayView zone = wordAt(line, words[4]);
    if (zone != "UTC" && zone != "GMT")
        return std::nullopt;
    return parseLstart(wordAt(line, words[0]), wordAt(line, words[1]), wordAt(line, words[2]),
                       wordAt(line, words[3]), wordAt(line, words[5]));
}

void PsParser::feedLine(QByteArrayView rawLine, int64_t lineNumber)
{
    ++d->stats.linesRead;
    const QByteArrayView line = chomp(rawLine);
    if (line.trimmed().isEmpty())
        return;
    if (isHeaderLine(line))
    {
        // A header may repeat (several snapshots concatenated); each one redefines the columns.
        d->columns.clear();
        for (const Word& w : splitWords(line))
        {
            bool known = false;
            const QByteArrayView name = wordAt(line, w);
            d->columns.append({name.toByteArray(), columnKind(name, &known)});
        }
        return;
    }
    if (d->columns.isEmpty())
    {
        if (const auto ns = parseDateLine(line))
        {
            d->snapshotNs = *ns;
            return;
        }
        d->skip(lineNumber, QStringLiteral("line %1: no ps header line before this row").arg(lineNumber));
        return;
    }
    if (const auto ns = parseDateLine(line))
    {
        // A date between snapshots starts the next one's clock.
        d->snapshotNs = *ns;
        return;
    }
    d->parseRow(line, lineNumber);
}

void PsParser::Private::parseRow(QByteArrayView line, int64_t lineNumber)
{
    ++stats.recordsRead;
    const QList<Word> words = splitWords(line);
    ExecEvent ev;
    ev.kind = EventKind::Snapshot;
    ev.line = lineNumber;
    ev.host = host;
    ev.record = QByteArray::number(lineNumber);

    qsizetype w = 0;
    bool havePid = false;
    int64_t shortStartNs = 0;
    for (qsizetype c = 0; c < columns.size(); ++c)
    {
        const Column& col = columns[c];
        const bool last = c == columns.size() - 1;
        if (w >= words.size())
        {
            skip(lineNumber, QStringLiteral("line %1: ps row has no value for column %2")
                                 .arg(lineNumber)
                                 .arg(QString::fromLatin1(col.name)));
            return;
        }
        const QByteArrayView word = wordAt(line, words[w]);
        if (last && (col.kind == Col::Command || col.kind == Col::Comm))
        {
            const QByteArrayView cmd = stripForest(line.sliced(words[w].begin)).trimmed();
            if (cmd.isEmpty())
            {
                skip(lineNumber, QStringLiteral("line %1: ps row has an empty command").arg(lineNumber));
                return;
            }
            if (cmd.startsWith('['))
            {
                ev.comm = cmd.toByteArray(); // kernel thread or no command line: brackets kept as the marker
            }
            else
            {
                // ps joined argv with single spaces and lost the quoting: this split is the best that can be done.
                for (const QByteArray& arg : cmd.toByteArray().split(' '))
                {
                    if (!arg.isEmpty())
                        ev.argv.append(arg);
                }
                if (col.kind == Col::Comm)
                {
                    ev.comm = cmd.toByteArray();
                    ev.argv.clear();
                }
            }
            w = words.size();
            break;
        }
        switch (col.kind)
        {
        case Col::Pid:
        case Col::Ppid:
        {
            const auto value = toInt(word);
            if (!value)
            {
                skip(lineNumber, QStringLiteral("line %1: %2 is not a number")
                                     .arg(lineNumber)
                                     .arg(QString::fromLatin1(col.name)));
                return;
            }
            if (col.kind == Col::Pid)
            {
                ev.pid = *value;
                havePid = true;
            }
            else
            {
                ev.ppid = *value;
            }
            ++w;
            break;
        }
        case Col::User:
            if (const auto uid = toInt(word))
                ev.uid = *uid;
            else
                ev.userName = word.toByteArray();
            ++w;
            break;
        case Col::Tty:
            if (word != "?" && word != "-")
                ev.tty = word.toByteArray();
            ++w;
            break;
        case Col::StartShort:
            shortStartNs = resolveShortStart(word, {}, snapshotNs);
            ++w;
            break;
        case Col::Started:
            if (isWeekday(word))
            {
                if (w + 5 > words.size())
                {
                    skip(lineNumber, QStringLiteral("line %1: STARTED is cut short").arg(lineNumber));
                    return;
                }
                const auto ns = parseLstart(word, wordAt(line, words[w + 1]), wordAt(line, words[w + 2]),
                                            wordAt(line, words[w + 3]), wordAt(line, words[w + 4]));
                if (!ns)
                {
                    skip(lineNumber, QStringLiteral("line %1: STARTED is not a date").arg(lineNumber));
                    return;
                }
                ev.startTimeNs = *ns;
                w += 5;
            }
            else if (monthNumber(word) != 0 && w + 1 < words.size())
            {
                shortStartNs = resolveShortStart(word, wordAt(line, words[w + 1]), snapshotNs);
                w += 2;
            }
            else
            {
                shortStartNs = resolveShortStart(word, {}, snapshotNs);
                ++w;
            }
            break;
        case Col::Comm:
        case Col::Command:
            ev.comm = word.toByteArray(); // a command-like column that is not last: one word
            ++w;
            break;
        case Col::Other:
            ++w;
            break;
        }
    }
    if (!havePid)
    {
        skip(lineNumber, QStringLiteral("line %1: ps row without PID").arg(lineNumber));
        return;
    }
    if (ev.startTimeNs == 0)
        ev.startTimeNs = shortStartNs;
    ev.timeNs = snapshotNs > 0 ? snapshotNs : ev.startTimeNs;
    ++stats.events;
    sink(std::move(ev));
}

bool sniffPs(QByteArrayView firstLines, const QString& fileName)
{
    Q_UNUSED(fileName);
    int seen = 0;
    bool header = false;
    QByteArrayView headerLine;
    qsizetype pos = 0;
    while (pos < firstLines.size() && seen < 4)
    {
        qsizetype end = firstLines.indexOf('\n', pos);
        if (end < 0)
            end = firstLines.size();
        const QByteArrayView line = chomp(firstLines.sliced(pos, end - pos));
        pos = end + 1;
        if (line.trimmed().isEmpty())
            continue;
        ++seen;
        if (!header)
        {
            if (PsParser::isHeaderLine(line))
            {
                // "ARGS" is never a procps header (args prints COMMAND) but ends bpftrace/bcc execsnoop headers.
                if (line.trimmed().endsWith("ARGS"))
                    return false;
                header = true;
                headerLine = line;
                continue;
            }
            if (seen == 1 && PsParser::parseDateLine(line))
                continue;
            return false;
        }
        // The row after the header must parse as a row with a numeric PID: feed both to a probe parser.
        bool ok = false;
        PsParser probe([&ok](ExecEvent&&) { ok = true; }, {});
        probe.feedLine(headerLine, 1);
        probe.feedLine(line, 2);
        return ok;
    }
    return false;
}

} // namespace ShimScope
