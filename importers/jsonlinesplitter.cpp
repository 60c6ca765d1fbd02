// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlinesplitter.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <limits>

namespace ShimScope
{

JsonLineSplitter::JsonLineSplitter(RecordHandler onRecord, ErrorHandler onError)
    : m_onRecord(std::move(onRecord))
    , m_onError(std::move(onError))
{
}

void JsonLineSplitter::abandon(const QString& message)
{
    m_onError(m_firstLine, message);
    m_buffer = QByteArray();
    m_inRecord = false;
    m_inString = false;
    m_escape = false;
    m_oversize = false;
    m_depth = 0;
}

void JsonLineSplitter::feedLine(QByteArrayView line, int64_t lineNumber)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (m_inRecord && line.startsWith('{'))
        abandon(QStringLiteral("JSON record starting on line %1 is cut off").arg(m_firstLine));

    qsizetype pos = 0;
    const qsizetype size = line.size();
    while (pos < size)
    {
        if (!m_inRecord)
        {
            // Between records: whitespace, and the brackets and commas of a top-level array of objects.
            while (pos < size
                   && (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\f' || line[pos] == '\v'
                       || line[pos] == '[' || line[pos] == ']' || line[pos] == ','))
                ++pos;
            if (pos == size)
                return;
            if (line[pos] != '{')
            {
                // Skip the rest of the line: resynchronising inside it would only produce more errors.
                m_onError(lineNumber, QStringLiteral("line %1 is not a JSON object").arg(lineNumber));
                return;
            }
            m_buffer.clear();
            m_firstLine = lineNumber;
            m_depth = 0;
            m_inRecord = true;
            m_inString = m_escape = m_oversize = false;
        }

        const qsizetype start = pos;
        bool closed = false;
        for (; pos < size; ++pos)
        {
            const char c = line[pos];
            if (m_inString)
            {
                if (m_escape)
                    m_escape = false;
                else if (c == '\\')
                    m_escape = true;
                else if (c == '"')
                    m_inString = false;
                continue;
            }
            if (c == '"')
            {
                m_inString = true;
            }
            else if (c == '{' || c == '[')
            {
                ++m_depth;
            }
            else if ((c == '}' || c == ']') && --m_depth == 0)
            {
                ++pos;
                closed = true;
                break;
            }
        }

        if (!m_oversize)
        {
            if (m_buffer.size() + (pos - start) + 1 > kMaxRecordBytes)
            {
                // Keep counting braces to find the record's end, but stop holding it.
                m_oversize = true;
                m_buffer = QByteArray();
            }
            else
            {
                m_buffer.append(line.sliced(start, pos - start));
            }
        }

        if (closed)
        {
            m_inRecord = false;
            if (m_oversize)
                m_onError(m_firstLine,
                          QStringLiteral("JSON record starting on line %1 is larger than 16 MiB").arg(m_firstLine));
            else
                m_onRecord(m_buffer, m_firstLine);
            m_buffer.clear();
            continue;
        }
        if (m_inString)
        {
            abandon(
                QStringLiteral("JSON record starting on line %1 has a line break inside a string").arg(m_firstLine));
            return;
        }
        if (!m_oversize)
            m_buffer.append('\n');
    }
}

void JsonLineSplitter::finish()
{
    if (m_inRecord)
        abandon(
            QStringLiteral("JSON record starting on line %1 is not closed at the end of the input").arg(m_firstLine));
}

JsonRecordParser::JsonRecordParser(Sink sink, const QByteArray& defaultHost)
    : m_sink(std::move(sink))
    , m_defaultHost(defaultHost)
    , m_splitter([this](const QByteArray& text, int64_t line) { onRecord(text, line); },
                 [this](int64_t line, const QString& message) { skip(line, message); })
{
}

void JsonRecordParser::feedLine(QByteArrayView line, int64_t lineNumber)
{
    ++m_stats.linesRead;
    m_splitter.feedLine(line, lineNumber);
}

void JsonRecordParser::finish()
{
    m_splitter.finish();
}

const SourceStats& JsonRecordParser::stats() const
{
    return m_stats;
}

void JsonRecordParser::skip(int64_t line, const QString& why)
{
    ++m_stats.recordsSkipped;
    m_stats.addError(line, why);
}

void JsonRecordParser::emitEvent(ExecEvent&& event)
{
    if (event.host.isEmpty())
        event.host = m_defaultHost;
    ++m_stats.events;
    if (event.kind == EventKind::Exec && !event.success)
        ++m_stats.failedExecs;
    m_sink(std::move(event));
}

QJsonObject firstJsonObject(QByteArrayView firstLines)
{
    QJsonObject result;
    bool done = false;
    JsonLineSplitter splitter(
        [&](const QByteArray& text, int64_t) {
            if (done)
                return;
            done = true;
            QString error;
            parseJsonRecord(text, &result, &error);
        },
        [&](int64_t, const QString&) { done = true; });
    int64_t lineNumber = 0;
    qsizetype start = 0;
    while (!done && start < firstLines.size())
    {
        qsizetype end = firstLines.indexOf('\n', start);
        if (end < 0)
            end = firstLines.size();
        splitter.feedLine(firstLines.sliced(start, end - start), ++lineNumber);
        start = end + 1;
    }
    return result;
}

QByteArray firstJsonKey(QByteArrayView text)
{
    qsizetype pos = 0;
    const auto skipSpace = [&] {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r' || text[pos] == '\n'))
            ++pos;
    };
    skipSpace();
    if (pos >= text.size() || text[pos] != '{')
        return {};
    ++pos;
    skipSpace();
    if (pos >= text.size() || text[pos] != '"')
        return {};
    const qsizetype keyStart = ++pos;
    while (pos < text.size() && text[pos] != '"' && text[pos] != '\\' && pos - keyStart < 64)
        ++pos;
    if (pos >= text.size() || text[pos] != '"')
        return {};
    return text.sliced(keyStart, pos - keyStart).toByteArray();
}

bool parseJsonRecord(const QByteArray& text, QJsonObject* object, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
    {
        *error = QStringLiteral("malformed JSON: ") + parseError.errorString() + QStringLiteral(" at offset ")
            + QString::number(parseError.offset);
        return false;
    }
    if (!document.isObject())
    {
        *error = QStringLiteral("JSON record is not an object");
        return false;
    }
    *object = document.object();
    return true;
}

bool jsonToInt64(const QJsonValue& value, int64_t* out)
{
    if (value.isDouble())
    {
        // toInteger() is exact for integers Qt stored as qint64; a double only when it is integral and in range.
        const double d = value.toDouble();
        if (!std::isfinite(d) || std::floor(d) != d)
            return false;
        const qint64 integer = value.toInteger(std::numeric_limits<qint64>::min());
        if (integer == std::numeric_limits<qint64>::min() && d != -9223372036854775808.0)
            return false;
        *out = integer;
        return true;
    }
    if (value.isString())
    {
        bool ok = false;
        const qlonglong integer = value.toString().trimmed().toLongLong(&ok, 10);
        if (!ok)
            return false;
        *out = integer;
        return true;
    }
    return false;
}

QByteArray jsonBytes(const QJsonValue& value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isDouble())
    {
        int64_t integer = 0;
        if (jsonToInt64(value, &integer))
            return QByteArray::number(qlonglong(integer));
        return QByteArray::number(value.toDouble(), 'g', 17);
    }
    if (value.isBool())
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    return {};
}

namespace
{

bool readDigits(QByteArrayView text, qsizetype& pos, int count, int* value)
{
    int result = 0;
    for (int i = 0; i < count; ++i, ++pos)
    {
        if (pos >= text.size() || text[pos] < '0' || text[pos] > '9')
            return false;
        result = result * 10 + (text[pos] - '0');
    }
    *value = result;
    return true;
}

bool expect(QByteArrayView text, qsizetype& pos, char c)
{
    if (pos >= text.size() || text[pos] != c)
        return false;
    ++pos;
    return true;
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

bool parseIsoTimeNs(QByteArrayView text, int64_t* ns)
{
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(text, pos, 4, &year) || !expect(text, pos, '-') || !readDigits(text, pos, 2, &month)
        || !expect(text, pos, '-') || !readDigits(text, pos, 2, &day))
        return false;
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' '))
        return false;
    ++pos;
    if (!readDigits(text, pos, 2, &hour) || !expect(text, pos, ':') || !readDigits(text, pos, 2, &minute)
        || !expect(text, pos, ':') || !readDigits(text, pos, 2, &second))
        return false;
    static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60)
        return false;
    if (day > kMonthDays[month - 1] + (month == 2 && isLeapYear(year) ? 1 : 0))
        return false;
    int64_t fraction = 0;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ','))
    {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
        {
            if (digits < 9)
            {
                fraction = fraction * 10 + (text[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        if (digits == 0)
            return false;
        for (; digits < 9; ++digits)
            fraction *= 10;
    }
    int64_t offsetSeconds = 0;
    if (pos < text.size())
    {
        const char zone = text[pos++];
        if (zone == '+' || zone == '-')
        {
            int offHour = 0, offMinute = 0;
            if (!readDigits(text, pos, 2, &offHour))
                return false;
            if (pos < text.size() && text[pos] == ':')
                ++pos;
            if (!readDigits(text, pos, 2, &offMinute) || offHour > 23 || offMinute > 59)
                return false;
            offsetSeconds = (int64_t(offHour) * 3600 + offMinute * 60) * (zone == '-' ? -1 : 1);
        }
        else if (zone != 'Z' && zone != 'z')
        {
            return false;
        }
        if (pos != text.size())
            return false;
    }
    const int64_t seconds =
        daysFromCivil(year, month, day) * 86400 + int64_t(hour) * 3600 + minute * 60 + second - offsetSeconds;
    // Years 1677 and 2262 are only partly representable: check rather than wrap.
    int64_t whole = 0;
    if (__builtin_mul_overflow(seconds, int64_t(1000000000), &whole))
        return false;
    int64_t result = 0;
    if (__builtin_add_overflow(whole, fraction, &result))
        return false;
    *ns = result;
    return true;
}

} // namespace ShimScope
