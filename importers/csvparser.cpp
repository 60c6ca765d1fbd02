// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvparser.h"

#include "jsonlinesplitter.h"
#include "linereader.h"
#include "textwords.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <utility>

namespace ShimScope
{

namespace
{

// Translation context "CsvParser" for the free functions of this file.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CsvParser)
};

constexpr int64_t kNsPerSec = 1000000000;
constexpr int kSniffRecords = 10;
constexpr int kMaxColumnName = 100;

QByteArrayView chompCr(QByteArrayView line, bool* hadCr)
{
    *hadCr = line.endsWith('\r');
    if (*hadCr)
        line.chop(1);
    return line;
}

/// A short printable rendering of an untrusted cell for a message (control bytes as '.', cut at 64).
QString shown(QByteArrayView bytes)
{
    QString text = QString::fromUtf8(bytes.first(std::min<qsizetype>(bytes.size(), 64)));
    for (QChar& c : text)
    {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QLatin1Char('.');
    }
    return bytes.size() > 64 ? text + QStringLiteral("…") : text;
}

bool isAbsent(QByteArrayView value)
{
    const QByteArrayView v = value.trimmed();
    return v.isEmpty() || v == "-" || v == "null" || v == "NULL" || v == "(null)" || v == "N/A" || v == "n/a"
        || v == "<NA>";
}

bool allDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text)
    {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

/// Epoch numbers: "1796319332", "1796319332.100", "1796319332100" (ms), … ; unit from the format or the magnitude.
bool parseEpoch(QByteArrayView text, const QString& format, int64_t* ns)
{
    const qsizetype dot = text.indexOf('.');
    const QByteArrayView whole = dot < 0 ? text : text.first(dot);
    const QByteArrayView fraction = dot < 0 ? QByteArrayView() : text.sliced(dot + 1);
    if (!allDigits(whole) || (dot >= 0 && !allDigits(fraction)) || whole.size() > 19)
        return false;
    int64_t unitNs = 1;
    if (format == QLatin1String("epoch-s"))
        unitNs = kNsPerSec;
    else if (format == QLatin1String("epoch-ms"))
        unitNs = 1000000;
    else if (format == QLatin1String("epoch-us"))
        unitNs = 1000;
    else if (format == QLatin1String("epoch-ns"))
        unitNs = 1;
    else
        unitNs = whole.size() <= 11 ? kNsPerSec : whole.size() <= 14 ? 1000000 : whole.size() <= 17 ? 1000 : 1;
    uint64_t w = 0;
    for (const char c : whole)
    {
        if (__builtin_mul_overflow(w, uint64_t(10), &w) || __builtin_add_overflow(w, uint64_t(c - '0'), &w))
            return false;
    }
    int64_t result = 0;
    if (w > uint64_t(INT64_MAX) || __builtin_mul_overflow(int64_t(w), unitNs, &result))
        return false;
    // The fraction of the unit, to the nanosecond.
    int64_t scale = unitNs / 10;
    for (qsizetype i = 0; i < fraction.size() && scale > 0; ++i, scale /= 10)
    {
        if (__builtin_add_overflow(result, int64_t(fraction[i] - '0') * scale, &result))
            return false;
    }
    *ns = result;
    return true;
}

/// A wall-clock time read as if it were UTC, moved to the UTC instant it names in `zone`.
int64_t fromZone(int64_t naiveNs, const QTimeZone& zone)
{
    if (zone == QTimeZone::utc())
        return naiveNs;
    const int64_t secs = naiveNs >= 0 ? naiveNs / kNsPerSec : -((-naiveNs + kNsPerSec - 1) / kNsPerSec);
    const QDateTime wall = QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
    const QDateTime local(wall.date(), wall.time(), zone);
    return naiveNs + (local.toSecsSinceEpoch() - secs) * kNsPerSec;
}

/// "HH:MM[:SS[.fff]] [AM|PM]" to "HH:MM:SS.fff" (24 h); empty when it is not a time of day.
QByteArray clockText(QByteArrayView time, QByteArrayView ampm)
{
    const qsizetype colon = time.indexOf(':');
    if (colon < 1 || colon > 2)
        return {};
    auto hour = parseDecimal(time.first(colon));
    QByteArrayView rest = time.sliced(colon + 1);
    if (!hour)
        return {};
    if (!ampm.isEmpty())
    {
        const QByteArray upper = ampm.toByteArray().toUpper();
        if ((upper != "AM" && upper != "PM") || *hour < 1 || *hour > 12)
            return {};
        *hour = *hour % 12 + (upper == "PM" ? 12 : 0);
    }
    if (rest.size() == 2)
        return QByteArray::number(*hour).rightJustified(2, '0') + ':' + rest.toByteArray() + ":00";
    return QByteArray::number(*hour).rightJustified(2, '0') + ':' + rest.toByteArray();
}

/// MM/DD/YYYY [HH:MM[:SS[.fff]] [AM|PM]] (or DD/MM with dmy) to ISO text without a zone; empty when no match.
QByteArray slashToIso(QByteArrayView text, bool dayFirst, bool* utc)
{
    QByteArray s = text.toByteArray().replace(',', ' ').simplified();
    *utc = false;
    for (const char* suffix : {" UTC", " GMT", "Z"})
    {
        if (s.endsWith(suffix))
        {
            s.chop(qsizetype(qstrlen(suffix)));
            *utc = true;
        }
    }
    const QByteArrayList words = s.split(' ');
    if (words.size() < 1 || words.size() > 3)
        return {};
    const QByteArrayList date = words[0].split('/');
    if (date.size() != 3)
        return {};
    auto a = parseDecimal(date[0]);
    auto b = parseDecimal(date[1]);
    auto y = parseDecimal(date[2]);
    if (!a || !b || !y || *a < 0 || *b < 0 || (date[2].size() != 2 && date[2].size() != 4))
        return {};
    if (date[2].size() == 2)
        *y += 2000; // ausearch's %x in the C locale; exports of events before 2000 do not exist
    const int64_t month = dayFirst ? *b : *a;
    const int64_t day = dayFirst ? *a : *b;
    QByteArray clock = "00:00:00";
    if (words.size() >= 2)
    {
        clock = clockText(words[1], words.size() == 3 ? QByteArrayView(words[2]) : QByteArrayView());
        if (clock.isEmpty())
            return {};
    }
    return QByteArray::number(*y).rightJustified(4, '0') + '-' + QByteArray::number(month).rightJustified(2, '0')
        + '-' + QByteArray::number(day).rightJustified(2, '0') + 'T' + clock;
}

int monthFromName(QByteArrayView name)
{
    static const std::array<const char*, 12> months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
    const QByteArray lower = name.first(std::min<qsizetype>(3, name.size())).toByteArray().toLower();
    for (int i = 0; i < 12; ++i)
    {
        if (name.size() >= 3 && lower == months[static_cast<size_t>(i)])
            return i + 1;
    }
    return 0;
}

/// Kibana's default date format: "Dec 3, 2026 @ 17:35:32.054".
QByteArray kibanaToIso(QByteArrayView text)
{
    const QByteArrayList words = text.toByteArray().replace(',', ' ').simplified().split(' ');
    if (words.size() != 5 || words[3] != "@")
        return {};
    const int month = monthFromName(words[0]);
    const auto day = parseDecimal(words[1]);
    const auto year = parseDecimal(words[2]);
    const QByteArray clock = clockText(words[4], {});
    if (month == 0 || !day || !year || clock.isEmpty())
        return {};
    return QByteArray::number(*year) + '-' + QByteArray::number(month).rightJustified(2, '0') + '-'
        + QByteArray::number(*day).rightJustified(2, '0') + 'T' + clock;
}

/// True when ISO text states its zone (Z or an offset after the seconds and fraction).
bool isoHasZone(QByteArrayView text)
{
    qsizetype pos = 19;
    if (text.size() <= pos)
        return false;
    if (text[pos] == '.' || text[pos] == ',')
    {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
            ++pos;
    }
    return pos < text.size();
}

bool isHeaderName(QByteArrayView name)
{
    if (name.isEmpty() || name.size() > kMaxColumnName)
        return false;
    const auto first = static_cast<unsigned char>(name.front());
    if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') || first == '_' || first == '@'))
        return false;
    for (const char c : name)
    {
        const auto u = static_cast<unsigned char>(c);
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_'
            || u == '.' || u == '-' || u == '@' || u == ' ' || u == ':' || u == '/' || u == '(' || u == ')'
            || u == '[' || u == ']' || u == '#' || u == '%';
        if (!ok)
            return false;
    }
    return true;
}

QStringList decodeHeader(const QByteArrayList& fields)
{
    QStringList names;
    for (const QByteArray& field : fields)
        names.append(QString::fromUtf8(field).trimmed());
    return names;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// CsvRecordReader

CsvRecordReader::CsvRecordReader(RecordHandler onRecord, ErrorHandler onError)
    : m_onRecord(std::move(onRecord))
    , m_onError(std::move(onError))
{
}

char CsvRecordReader::detectDelimiter(QByteArrayView headerLine)
{
    static constexpr std::array<char, 4> candidates = {'\t', ',', ';', '|'};
    std::array<int, 4> counts = {0, 0, 0, 0};
    bool inQuotes = false;
    for (const char c : headerLine)
    {
        if (c == '"')
            inQuotes = !inQuotes;
        for (size_t i = 0; i < candidates.size() && !inQuotes; ++i)
            counts[i] += c == candidates[i] ? 1 : 0;
    }
    size_t best = 0;
    for (size_t i = 1; i < candidates.size(); ++i)
        best = counts[i] > counts[best] ? i : best;
    return counts[best] > 0 ? candidates[best] : char(0);
}

void CsvRecordReader::reset()
{
    m_inRecord = false;
    m_inQuotes = false;
    m_afterQuote = false;
    m_fieldStart = true;
    m_field.clear();
    m_fields.clear();
    m_recordLines = 0;
    m_recordBytes = 0;
    m_oversize = false;
}

void CsvRecordReader::endField()
{
    m_recordBytes += m_field.size();
    m_fields.append(std::move(m_field));
    m_field = QByteArray();
    m_inQuotes = false;
    m_afterQuote = false;
    m_fieldStart = true;
}

void CsvRecordReader::endRecord()
{
    endField();
    QByteArrayList fields = std::move(m_fields);
    const int64_t line = m_recordLine;
    reset();
    m_onRecord(std::move(fields), line);
}

void CsvRecordReader::feedLine(QByteArrayView rawLine, int64_t lineNumber)
{
    bool hadCr = false;
    QByteArrayView line = chompCr(rawLine, &hadCr);
    if (!m_inRecord)
    {
        if (m_firstLine)
        {
            if (line.startsWith("\xef\xbb\xbf"))
                line = line.sliced(3);
            if (line.trimmed().isEmpty())
                return;
            m_firstLine = false;
            // Excel: "sep=;" names the delimiter on a line of its own.
            if (line.size() == 5 && line.startsWith("sep="))
            {
                m_delimiter = line[4];
                return;
            }
        }
        if (line.trimmed().isEmpty())
            return;
        if (m_delimiter == 0)
            m_delimiter = detectDelimiter(line);
        if (m_delimiter == 0)
            m_delimiter = ','; // a one-column file: no delimiter to find
        m_recordLine = lineNumber;
        // Fast path: a line without quotes is one whole record.
        if (!line.contains('"'))
        {
            QByteArrayList fields;
            qsizetype start = 0;
            for (;;)
            {
                const qsizetype at = line.indexOf(m_delimiter, start);
                fields.append(line.sliced(start, (at < 0 ? line.size() : at) - start).toByteArray());
                if (at < 0)
                    break;
                start = at + 1;
            }
            m_onRecord(std::move(fields), lineNumber);
            return;
        }
        m_inRecord = true;
    }
    else
    {
        // The previous line ended inside quotes: its line break belongs to the field.
        m_field += '\n';
        ++m_recordLines;
    }

    for (qsizetype i = 0; i < line.size(); ++i)
    {
        const char c = line[i];
        if (m_inQuotes)
        {
            if (c == '"')
            {
                if (i + 1 < line.size() && line[i + 1] == '"')
                {
                    m_field += '"';
                    ++i;
                }
                else
                {
                    m_inQuotes = false;
                    m_afterQuote = true;
                }
            }
            else
            {
                m_field += c;
            }
            continue;
        }
        if (c == m_delimiter)
        {
            endField();
        }
        else if (c == '"' && m_fieldStart)
        {
            m_field.clear(); // blanks before the opening quote
            m_inQuotes = true;
            m_fieldStart = false;
        }
        else
        {
            if (c != ' ')
                m_fieldStart = false;
            m_field += c;
        }
    }
    if (!m_inQuotes)
    {
        endRecord();
        return;
    }
    if (hadCr)
        m_field += '\r';
    if (m_recordBytes + m_field.size() > kMaxRecordBytes || m_recordLines >= kMaxRecordLines)
    {
        const int64_t first = m_recordLine;
        reset();
        m_onError(first, Text::tr("quoted field open for more than %1 lines or %2 MiB: record dropped, reading "
                                  "goes on at line %3")
                             .arg(kMaxRecordLines)
                             .arg(kMaxRecordBytes / (1024 * 1024))
                             .arg(lineNumber + 1));
    }
}

void CsvRecordReader::finish()
{
    if (m_inRecord)
    {
        const int64_t first = m_recordLine;
        reset();
        m_onError(first, Text::tr("unterminated quoted field: the file ends inside the record that starts here"));
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Free helpers

std::optional<CsvHeader> readCsvHeader(QByteArrayView firstLines)
{
    std::optional<CsvHeader> header;
    CsvRecordReader reader(
        [&header](QByteArrayList&& fields, int64_t line) {
            if (!header)
                header = CsvHeader{decodeHeader(fields), 0, line};
        },
        [](int64_t, const QString&) {});
    qsizetype pos = 0;
    int64_t lineNumber = 0;
    while (!header && pos < firstLines.size())
    {
        qsizetype end = firstLines.indexOf('\n', pos);
        if (end < 0)
            end = firstLines.size();
        reader.feedLine(firstLines.sliced(pos, end - pos), ++lineNumber);
        pos = end + 1;
    }
    if (!header || header->columns.size() < 2)
        return std::nullopt;
    header->delimiter = reader.delimiter();
    return header;
}

QString csvDelimiterName(char delimiter)
{
    switch (delimiter)
    {
    case ',':
        return Text::tr("comma");
    case '\t':
        return Text::tr("tab");
    case ';':
        return Text::tr("semicolon");
    case '|':
        return Text::tr("pipe");
    default:
        return Text::tr("'%1'").arg(QLatin1Char(delimiter));
    }
}

bool splitCommandLine(QByteArrayView commandLine, QList<QByteArray>* argv)
{
    QList<QByteArray> words;
    QByteArray word;
    bool inWord = false;
    enum class Quote
    {
        None,
        Single,
        Double,
    } quote = Quote::None;
    for (qsizetype i = 0; i < commandLine.size(); ++i)
    {
        const char c = commandLine[i];
        const bool hasNext = i + 1 < commandLine.size();
        const char next = hasNext ? commandLine[i + 1] : '\0';
        switch (quote)
        {
        case Quote::Single:
            if (c == '\'')
                quote = Quote::None;
            else
                word += c;
            break;
        case Quote::Double:
            if (c == '"')
                quote = Quote::None;
            else if (c == '\\' && hasNext && (next == '"' || next == '\\' || next == '$' || next == '`'))
                word += commandLine[++i];
            else
                word += c;
            break;
        case Quote::None:
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                if (inWord)
                    words.append(std::exchange(word, QByteArray()));
                inWord = false;
            }
            else if (c == '\'')
            {
                quote = Quote::Single;
                inWord = true;
            }
            else if (c == '"')
            {
                quote = Quote::Double;
                inWord = true;
            }
            else if (c == '\\' && !hasNext)
            {
                return false;
            }
            else if (c == '\\' && (next == ' ' || next == '\t' || next == '"' || next == '\'' || next == '\\'))
            {
                word += commandLine[++i];
                inWord = true;
            }
            else
            {
                word += c;
                inWord = true;
            }
            break;
        }
    }
    if (quote != Quote::None)
        return false;
    if (inWord)
        words.append(word);
    *argv = std::move(words);
    return true;
}

QTimeZone csvTimeZone(const QString& id)
{
    const QString trimmed = id.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0
        || trimmed == QLatin1String("Z"))
        return QTimeZone::utc();
    return QTimeZone(trimmed.toUtf8());
}

bool parseCsvTime(QByteArrayView raw, const QString& format, const QTimeZone& zone, int64_t* ns, QString* why)
{
    const QByteArrayView text = raw.trimmed();
    const QString f = format.isEmpty() ? QStringLiteral("auto") : format;
    const bool any = f == QLatin1String("auto");
    if (f.startsWith(QLatin1String("epoch")) || (any && !text.isEmpty() && text.front() >= '0' && text.front() <= '9'
                                                 && allDigits(text.first(text.indexOf('.') < 0 ? text.size()
                                                                                               : text.indexOf('.')))))
    {
        if (parseEpoch(text, f, ns))
            return true;
        *why = Text::tr("is not an epoch time");
        return false;
    }
    if ((any || f == QLatin1String("iso")) && text.size() >= 19 && text[4] == '-' && text[7] == '-')
    {
        int64_t value = 0;
        if (parseIsoTimeNs(text, &value))
        {
            *ns = isoHasZone(text) ? value : fromZone(value, zone);
            return true;
        }
        *why = Text::tr("is not an ISO 8601 time");
        return false;
    }
    if ((any || f == QLatin1String("mdy") || f == QLatin1String("dmy")) && text.contains('/'))
    {
        bool utc = false;
        const QByteArray iso = slashToIso(text, f == QLatin1String("dmy"), &utc);
        int64_t value = 0;
        if (!iso.isEmpty() && parseIsoTimeNs(iso, &value))
        {
            *ns = utc ? value : fromZone(value, zone);
            return true;
        }
        *why = f == QLatin1String("dmy") ? Text::tr("is not a DD/MM/YYYY HH:MM:SS time")
                                         : Text::tr("is not a MM/DD/YYYY HH:MM:SS time");
        return false;
    }
    if (any && monthFromName(text) != 0)
    {
        const QByteArray iso = kibanaToIso(text);
        int64_t value = 0;
        if (!iso.isEmpty() && parseIsoTimeNs(iso, &value))
        {
            *ns = fromZone(value, zone);
            return true;
        }
    }
    *why = Text::tr("is not a time (ISO 8601, epoch s/ms/µs/ns, MM/DD/YYYY HH:MM:SS)");
    return false;
}

// ---------------------------------------------------------------------------------------------------------------
// CsvParser

class CsvParser::Private
{
public:
    Private(Sink s, QByteArray h, CsvParserOptions o)
        : sink(std::move(s))
        , host(std::move(h))
        , options(std::move(o))
        , reader([this](QByteArrayList&& fields, int64_t line) { onRecord(std::move(fields), line); },
                 [this](int64_t line, const QString& message) { skip(line, message); })
    {
    }

    Sink sink;
    QByteArray host;
    CsvParserOptions options;
    SourceStats stats;
    CsvRecordReader reader;
    bool haveHeader = false;
    QStringList header;
    QByteArrayList rawHeader;
    CsvMappingChoice choice;
    QTimeZone zone;
    /// Per field: the column(s) it reads; second >= 0 for "A+B".
    std::array<std::pair<int, int>, kCsvFieldCount> columns{};

    void skip(int64_t line, const QString& message)
    {
        ++stats.recordsSkipped;
        stats.addError(line, message);
    }

    void onRecord(QByteArrayList&& fields, int64_t line);
    void onHeader(QByteArrayList&& fields, int64_t line);
    void onRow(const QByteArrayList& fields, int64_t line);
    QByteArray value(const QByteArrayList& fields, CsvField field) const;
    QString columnName(CsvField field) const;
};

void CsvParser::Private::onRecord(QByteArrayList&& fields, int64_t line)
{
    if (!haveHeader)
        onHeader(std::move(fields), line);
    else
        onRow(fields, line);
}

void CsvParser::Private::onHeader(QByteArrayList&& fields, int64_t line)
{
    haveHeader = true;
    rawHeader = fields;
    header = decodeHeader(fields);
    choice = chooseCsvMapping(header, options.mappings, options.storePath);
    if (choice.origin == CsvMappingOrigin::None)
    {
        stats.addError(line, choice.reason);
        return;
    }
    zone = csvTimeZone(choice.mapping.timeZone);
    if (!zone.isValid())
    {
        stats.addError(line, Text::tr("time zone '%1' is unknown; no row can be read").arg(choice.mapping.timeZone));
        choice.origin = CsvMappingOrigin::None;
        return;
    }
    for (int i = 0; i < kCsvFieldCount; ++i)
    {
        const QString& spec = choice.mapping.columns[static_cast<size_t>(i)];
        auto& slot = columns[static_cast<size_t>(i)];
        slot = {-1, -1};
        if (!choice.mapping.isMapped(static_cast<CsvField>(i)))
            continue;
        slot.first = CsvMapping::columnIndex(spec, header);
        if (slot.first < 0)
        {
            const QStringList parts = spec.split(QLatin1Char('+'));
            if (parts.size() == 2)
                slot = {CsvMapping::columnIndex(parts[0], header), CsvMapping::columnIndex(parts[1], header)};
        }
    }
}

QByteArray CsvParser::Private::value(const QByteArrayList& fields, CsvField field) const
{
    const auto [first, second] = columns[static_cast<size_t>(field)];
    if (first < 0 || first >= fields.size())
        return {};
    if (second < 0 || second >= fields.size())
        return fields[first];
    return fields[first].trimmed() + ' ' + fields[second].trimmed();
}

QString CsvParser::Private::columnName(CsvField field) const
{
    const QString& spec = choice.mapping.column(field);
    const QString key = CsvMapping::fieldKey(field);
    // "'pid'" when the column is called like the field, else "'ProcessId' (pid)".
    return spec.compare(key, Qt::CaseInsensitive) == 0 ? QStringLiteral("'%1'").arg(spec)
                                                       : QStringLiteral("'%1' (%2)").arg(spec, key);
}

void CsvParser::Private::onRow(const QByteArrayList& fields, int64_t line)
{
    ++stats.recordsRead;
    if (fields == rawHeader)
    {
        --stats.recordsRead; // a repeated header: concatenated exports
        return;
    }
    if (choice.origin == CsvMappingOrigin::None)
    {
        ++stats.recordsSkipped; // the reason was given once, at the header
        return;
    }
    const bool trailingEmpty = fields.size() == header.size() + 1 && fields.constLast().trimmed().isEmpty();
    if (fields.size() != header.size() && !trailingEmpty)
    {
        skip(line, Text::tr("row has %1 fields, the header has %2").arg(fields.size()).arg(header.size()));
        return;
    }
    const auto bad = [&](CsvField field, const QByteArray& v, const QString& what) {
        skip(line, Text::tr("column %1 value '%2' %3").arg(columnName(field), shown(v), what));
    };

    ExecEvent ev;
    ev.line = line;
    ev.record = QByteArray::number(line);
    ev.kind = choice.mapping.defaultKind;

    const QByteArray timeText = value(fields, CsvField::Time);
    if (isAbsent(timeText))
    {
        skip(line, Text::tr("column %1 is empty").arg(columnName(CsvField::Time)));
        return;
    }
    QString why;
    if (!parseCsvTime(timeText, choice.mapping.timeFormat, zone, &ev.timeNs, &why))
    {
        bad(CsvField::Time, timeText, why);
        return;
    }
    const QByteArray pidText = value(fields, CsvField::Pid);
    if (isAbsent(pidText))
    {
        skip(line, Text::tr("column %1 is empty").arg(columnName(CsvField::Pid)));
        return;
    }
    const auto pid = parseDecimal(pidText);
    if (!pid || *pid < 0)
    {
        bad(CsvField::Pid, pidText, Text::tr("is not a number"));
        return;
    }
    ev.pid = *pid;
    if (const QByteArray ppidText = value(fields, CsvField::Ppid); !isAbsent(ppidText))
    {
        const auto ppid = parseDecimal(ppidText);
        if (!ppid)
        {
            bad(CsvField::Ppid, ppidText, Text::tr("is not a number"));
            return;
        }
        ev.ppid = *ppid < 0 ? kUnknownId : *ppid; // -1: the exporter did not know
    }
    if (const QByteArray kindText = value(fields, CsvField::Kind); !isAbsent(kindText))
    {
        const QByteArray k = kindText.trimmed().toLower();
        if (k == "exec" || k == "execve" || k == "execveat" || k == "process_started" || k == "processcreated"
            || k == "processcreate" || k == "process_start" || k == "start" || k == "process_creation"
            || k == "executed")
            ev.kind = EventKind::Exec;
        else if (k == "snapshot" || k == "already_running" || k == "existing_process" || k == "running"
                 || k == "listed" || k == "process_snapshot")
            ev.kind = EventKind::Snapshot;
        else if (k == "fork" || k == "clone" || k == "vfork")
            ev.kind = EventKind::Fork;
        else if (k == "exit" || k == "end" || k == "process_stopped" || k == "processterminated" || k == "stop"
                 || k == "terminated" || k == "process_terminated")
            ev.kind = EventKind::Exit;
        else
        {
            bad(CsvField::Kind, kindText, Text::tr("is not an event kind (exec, snapshot, fork, exit)"));
            return;
        }
    }
    if (const QByteArray uidText = value(fields, CsvField::Uid); !isAbsent(uidText))
    {
        if (const auto uid = parseDecimal(uidText))
            ev.uid = *uid;
        else
            ev.userName = uidText.trimmed();
    }
    if (const QByteArray user = value(fields, CsvField::User); !isAbsent(user))
        ev.userName = user.trimmed();
    const QByteArray hostText = value(fields, CsvField::Host).trimmed();
    ev.host = isAbsent(hostText) ? host : hostText;
    if (const QByteArray exe = value(fields, CsvField::Exe); !isAbsent(exe))
        ev.exe = exe;
    if (const QByteArray cwd = value(fields, CsvField::Cwd); !isAbsent(cwd))
        ev.cwd = cwd;
    if (const QByteArray comm = value(fields, CsvField::Comm); !isAbsent(comm))
        ev.comm = comm;
    if (const QByteArray guid = value(fields, CsvField::Guid).trimmed(); !isAbsent(guid))
        ev.guid = guid;
    if (const QByteArray parent = value(fields, CsvField::ParentGuid).trimmed(); !isAbsent(parent))
    {
        // Sysmon's "no parent known": {00000000-0000-0000-0000-000000000000}
        bool zero = true;
        for (const char c : parent)
            zero = zero && (c == '0' || c == '-' || c == '{' || c == '}');
        if (!zero)
            ev.parentGuid = parent;
    }
    if (const QByteArray container = value(fields, CsvField::ContainerId).trimmed();
        !isAbsent(container) && container != "host")
    {
        ev.statedContainerId = container;
        ev.statedContainerSource = "csv " + choice.mapping.column(CsvField::ContainerId).toUtf8();
    }
    if (const QByteArray cmd = value(fields, CsvField::CommandLine); !isAbsent(cmd))
    {
        bool done = false;
        if (cmd.trimmed().startsWith('['))
        {
            const QJsonDocument doc = QJsonDocument::fromJson(cmd);
            if (doc.isArray())
            {
                QList<QByteArray> argv;
                done = true;
                for (const QJsonValue& arg : doc.array())
                {
                    done = done && arg.isString();
                    argv.append(arg.toString().toUtf8());
                }
                if (done)
                    ev.argv = std::move(argv);
            }
        }
        if (!done && !splitCommandLine(cmd, &ev.argv))
            ev.argv = {cmd}; // not splittable: the raw command line, whole
        ev.argvOrigin = ArgvOrigin::Execve;
    }
    ++stats.events;
    sink(std::move(ev));
}

CsvParser::CsvParser(Sink sink, QByteArray defaultHost, CsvParserOptions options)
    : d(std::make_unique<Private>(std::move(sink), std::move(defaultHost), std::move(options)))
{
}

CsvParser::~CsvParser() = default;

void CsvParser::feedLine(QByteArrayView line, int64_t lineNumber)
{
    ++d->stats.linesRead;
    d->reader.feedLine(line, lineNumber);
}

void CsvParser::finish()
{
    d->reader.finish();
}

const SourceStats& CsvParser::stats() const
{
    return d->stats;
}

const CsvMappingChoice& CsvParser::choice() const
{
    return d->choice;
}

const QStringList& CsvParser::header() const
{
    return d->header;
}

// ---------------------------------------------------------------------------------------------------------------
// Detection

bool sniffCsv(QByteArrayView firstLines, const QString& fileName)
{
    Q_UNUSED(fileName);
    if (firstLines.contains('\0'))
        return false;
    // Only whole lines: the window may end in the middle of one.
    const qsizetype lastNewline = firstLines.lastIndexOf('\n');
    if (lastNewline < 0)
        return false;
    const QByteArrayView text = firstLines.first(lastNewline);

    bool ok = true;
    int records = 0;
    qsizetype headerSize = 0;
    CsvRecordReader reader(
        [&](QByteArrayList&& fields, int64_t) {
            if (!ok)
                return;
            if (records == 0)
            {
                headerSize = fields.size();
                if (headerSize < 3)
                    ok = false;
                for (const QByteArray& name : std::as_const(fields))
                    ok = ok && isHeaderName(name.trimmed());
            }
            else if (records <= kSniffRecords)
            {
                const bool trailingEmpty = fields.size() == headerSize + 1 && fields.constLast().trimmed().isEmpty();
                ok = ok && (fields.size() == headerSize || trailingEmpty);
            }
            ++records;
        },
        [&ok](int64_t, const QString&) { ok = false; });
    qsizetype pos = 0;
    int64_t lineNumber = 0;
    while (ok && records <= kSniffRecords && pos < text.size())
    {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArrayView line = text.sliced(pos, end - pos);
        if (lineNumber == 0 && (line.startsWith('#') || line.startsWith('{') || line.startsWith('[')
                                || line.startsWith('<')))
            return false;
        reader.feedLine(line, ++lineNumber);
        pos = end + 1;
    }
    return ok && records >= 2;
}

std::optional<CsvFileInfo> inspectCsvFile(const QString& path, const QList<CsvMapping>& mappings,
                                          const QString& storePath, QString* error)
{
    QString readError;
    const QByteArray text = LineReader::peek(path, 64 * 1024, &readError);
    if (!readError.isEmpty())
    {
        *error = readError;
        return std::nullopt;
    }
    const auto header = readCsvHeader(text);
    if (!header)
    {
        *error = Text::tr("%1 has no header line of delimited column names").arg(path);
        return std::nullopt;
    }
    CsvFileInfo info;
    info.header = *header;
    for (const LogFormat& format : logFormats())
    {
        if (format.sniff(text, path))
        {
            info.claimedBy = format.id;
            break;
        }
    }
    info.automatic = CsvMapping::automatic(header->columns);
    info.choice = chooseCsvMapping(header->columns, mappings, storePath);
    return info;
}

QString refuseCsv(QByteArrayView firstLines, const QList<CsvMapping>& mappings, const QString& storePath)
{
    const auto header = readCsvHeader(firstLines);
    if (!header)
        return Text::tr("no CSV header line");
    const CsvMappingChoice choice = chooseCsvMapping(header->columns, mappings, storePath);
    if (choice.origin != CsvMappingOrigin::None)
    {
        if (!csvTimeZone(choice.mapping.timeZone).isValid())
            return Text::tr("time zone '%1' is unknown").arg(choice.mapping.timeZone);
        return {};
    }
    return choice.reason;
}

} // namespace ShimScope
