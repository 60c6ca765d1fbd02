// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cstdint>
#include <functional>

namespace ShimScope::JsonLines
{

/**
 * Cuts a stream of lines into top-level JSON objects: one object per line (NDJSON), pretty-printed objects that
 * span lines, objects written back to back (`}{`) and the elements of a top-level array of objects. Braces inside
 * strings do not count. Used by the ECS and osquery importers so each only deals with whole records.
 */
class JsonObjectAssembler
{
public:
    /// One record may not exceed this; a bigger one is dropped with an error rather than held in memory.
    static constexpr qsizetype kMaxRecordBytes = qsizetype(16) * 1024 * 1024;

    using RecordFn = std::function<void(const QByteArray& text, int64_t firstLine)>;
    using ErrorFn = std::function<void(int64_t line, const QString& message)>;

    JsonObjectAssembler(RecordFn onRecord, ErrorFn onError);

    /// lineNumber is 1-based; a trailing '\r' is ignored. Text outside an object is reported once per line.
    void feedLine(QByteArrayView line, int64_t lineNumber);
    /// Reports an object still open at the end of the input.
    void finish();

private:
    RecordFn m_onRecord;
    ErrorFn m_onError;
    QByteArray m_buffer;
    int64_t m_firstLine = 0;
    int64_t m_depth = 0;
    bool m_active = false;
    bool m_inString = false;
    bool m_escape = false;
    bool m_overflow = false;
};

/// The text of the first complete JSON object in a file's first lines (for sniffing), or empty when the text does
/// not start with one or the object is cut off.
QByteArray firstJsonObjectText(QByteArrayView firstLines);

/// RFC 3339 / ISO 8601 date-time ("2017-10-12T08:05:34.853Z", "…+02:00", up to 9 fraction digits; more are cut)
/// to nanoseconds since the epoch, UTC. QDateTime keeps milliseconds only, hence this. A missing zone is read as
/// UTC. False for malformed text and for times outside int64 nanoseconds (years before 1678 or after 2261).
bool parseRfc3339Ns(QByteArrayView text, int64_t& ns);

/// Parses text that must hold one JSON object. On failure returns false and sets error.
bool parseJsonObject(const QByteArray& text, QJsonObject& object, QString& error);

/// A JSON integer (exact over the whole int64 range: Qt 6 keeps integers as qint64), an integral double, or a
/// decimal string ("12635", as old producers log ids). False for anything else, including "" and fractions.
bool jsonToInt64(const QJsonValue& value, int64_t& out);

/// A JSON string as UTF-8 bytes, a number as its decimal text, anything else empty.
QByteArray jsonToBytes(const QJsonValue& value);

} // namespace ShimScope::JsonLines
