// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlineassembler.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <limits>

namespace ShimScope::JsonLines
{

JsonObjectAssembler::JsonObjectAssembler(RecordFn onRecord, ErrorFn onError)
    : m_onRecord(std::move(onRecord))
    , m_onError(std::move(onError))
{
}

void JsonObjectAssembler::feedLine(QByteArrayView line, int64_t lineNumber)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const char* data = line.data();
    const qsizetype size = line.size();
    qsizetype i = 0;
    while (i < size) {
        if (!m_active) {
            // Between objects: whitespace, and the brackets and commas of a JSON array of documents (Kibana /
            // Elasticsearch exports write `[`, `{…},`, `]`).
            while (i < size
                   && (data[i] == ' ' || data[i] == '\t' || data[i] == '\f' || data[i] == '\v' || data[i] == '['
                       || data[i] == ']' || data[i] == ','))
                ++i;
            if (i == size)
                return;
            if (data[i] != '{') {
                // Skip the rest of the line: resynchronising inside it would only produce more errors.
                m_onError(lineNumber, QStringLiteral("line %1 is not a JSON object").arg(lineNumber));
                return;
            }
            m_active = true;
            m_depth = 0;
            m_inString = m_escape = m_overflow = false;
            m_firstLine = lineNumber;
            m_buffer.clear();
        }
        const qsizetype start = i;
        bool complete = false;
        for (; i < size; ++i) {
            const char c = data[i];
            if (m_inString) {
                if (m_escape)
                    m_escape = false;
                else if (c == '\\')
                    m_escape = true;
                else if (c == '"')
                    m_inString = false;
                continue;
            }
            if (c == '"') {
                m_inString = true;
            } else if (c == '{' || c == '[') {
                ++m_depth;
            } else if (c == '}' || c == ']') {
                if (--m_depth == 0) {
                    ++i;
                    complete = true;
                    break;
                }
            }
        }
        const qsizetype length = i - start;
        if (!m_overflow && m_buffer.size() + length + 1 > kMaxRecordBytes) {
            m_overflow = true;
            m_buffer = QByteArray(); // release the memory now, the record is lost anyway
        }
        if (!m_overflow) {
            m_buffer.append(data + start, length);
            if (!complete)
                m_buffer.append('\n');
        }
        if (complete) {
            m_active = false;
            if (m_overflow)
                m_onError(m_firstLine, QStringLiteral("JSON record starting on line %1 is larger than 16 MiB; skipped")
                                           .arg(m_firstLine));
            else
                m_onRecord(m_buffer, m_firstLine);
            m_buffer.clear();
        }
    }
    if (m_active && m_inString && !m_overflow) {
        // JSON strings cannot span lines; keep going (the parse will fail) but do not let the quote swallow the
        // brace structure of the following lines forever.
        m_inString = false;
        m_escape = false;
    }
}

void JsonObjectAssembler::finish()
{
    if (m_active) {
        m_onError(m_firstLine, QStringLiteral("JSON record starting on line %1 is not closed at the end of the input")
                                   .arg(m_firstLine));
        m_active = false;
        m_buffer = QByteArray();
    }
}

QByteArray firstJsonObjectText(QByteArrayView firstLines)
{
    QByteArray first;
    bool failed = false;
    JsonObjectAssembler assembler(
        [&first](const QByteArray& text, int64_t) {
            if (first.isEmpty())
                first = text;
        },
        [&failed](int64_t, const QString&) { failed = true; });
    int64_t lineNumber = 0;
    qsizetype pos = 0;
    while (pos < firstLines.size() && first.isEmpty() && !failed) {
        qsizetype end = firstLines.indexOf('\n', pos);
        if (end < 0)
            end = firstLines.size();
        assembler.feedLine(firstLines.sliced(pos, end - pos), ++lineNumber);
        pos = end + 1;
    }
    return failed ? QByteArray() : first;
}

namespace
{

bool readDigits(QByteArrayView s, qsizetype& pos, int count, int& out)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (int k = 0; k < count; ++k) {
        const char c = s[pos + k];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    pos += count;
    out = v;
    return true;
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

} // namespace

bool parseRfc3339Ns(QByteArrayView s, int64_t& ns)
{
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(s, pos, 4, year) || pos >= s.size() || s[pos++] != '-' || !readDigits(s, pos, 2, month)
        || pos >= s.size() || s[pos++] != '-' || !readDigits(s, pos, 2, day))
        return false;
    if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' '))
        return false;
    ++pos;
    if (!readDigits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':' || !readDigits(s, pos, 2, minute)
        || pos >= s.size() || s[pos++] != ':' || !readDigits(s, pos, 2, second))
        return false;
    static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60)
        return false;
    if (day > kMonthDays[month - 1] + (month == 2 && isLeap(year) ? 1 : 0))
        return false;
    int64_t fraction = 0;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 9) {
                fraction = fraction * 10 + (s[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        if (digits == 0)
            return false;
        for (int k = digits; k < 9; ++k)
            fraction *= 10;
    }
    int64_t offsetSeconds = 0;
    if (pos < s.size()) {
        const char z = s[pos];
        if (z == 'Z' || z == 'z') {
            ++pos;
        } else if (z == '+' || z == '-') {
            ++pos;
            int oh = 0, om = 0;
            if (!readDigits(s, pos, 2, oh))
                return false;
            if (pos < s.size() && s[pos] == ':')
                ++pos;
            if (!readDigits(s, pos, 2, om) || oh > 23 || om > 59)
                return false;
            offsetSeconds = (z == '+' ? 1 : -1) * (int64_t(oh) * 3600 + om * 60);
        } else {
            return false;
        }
    }
    if (pos != s.size())
        return false;
    const int64_t seconds =
        daysFromCivil(year, month, day) * 86400 + int64_t(hour) * 3600 + minute * 60 + second - offsetSeconds;
    int64_t whole = 0;
    if (__builtin_mul_overflow(seconds, int64_t(1000000000), &whole))
        return false;
    return !__builtin_add_overflow(whole, fraction, &ns);
}

bool parseJsonObject(const QByteArray& text, QJsonObject& object, QString& error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = parseError.errorString() + QStringLiteral(" at offset ") + QString::number(parseError.offset);
        return false;
    }
    if (!doc.isObject()) {
        error = QStringLiteral("not a JSON object");
        return false;
    }
    object = doc.object();
    return true;
}

bool jsonToInt64(const QJsonValue& value, int64_t& out)
{
    if (value.isDouble()) {
        // toInteger() is exact for integers Qt stored as qint64; a double only when it is integral and in range.
        const double d = value.toDouble();
        if (!std::isfinite(d) || std::floor(d) != d)
            return false;
        const qint64 i = value.toInteger(std::numeric_limits<qint64>::min());
        if (i == std::numeric_limits<qint64>::min() && d != -9223372036854775808.0)
            return false;
        out = i;
        return true;
    }
    if (value.isString()) {
        bool ok = false;
        const qlonglong v = value.toString().trimmed().toLongLong(&ok, 10);
        if (!ok)
            return false;
        out = v;
        return true;
    }
    return false;
}

QByteArray jsonToBytes(const QJsonValue& value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isDouble()) {
        int64_t i = 0;
        if (jsonToInt64(value, i))
            return QByteArray::number(qlonglong(i));
        return QByteArray::number(value.toDouble(), 'g', 17);
    }
    if (value.isBool())
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    return {};
}

} // namespace ShimScope::JsonLines
