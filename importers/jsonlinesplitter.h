// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cstdint>
#include <functional>

namespace ShimScope
{

/**
 * Cuts lines into top-level JSON objects (Tetragon, Falco): one object per line as well as pretty-printed objects
 * over several lines. Braces are counted outside strings (escapes honoured).
 *
 * Unlike JsonObjectAssembler (jsonlineassembler.h) it resynchronises after a truncated record, which matters for JSONL
 * logs cut by a crash or rotation: JSON strings cannot hold raw line breaks, so a string still open at the end of a
 * line ends the record as malformed, and an open record is abandoned when a line starts with `{` in column one (the
 * next record; nested objects of pretty-printed JSON are indented). Without this one truncated line would swallow
 * every following record. One record is capped at kMaxRecordBytes.
 */
class JsonLineSplitter
{
public:
    static constexpr qsizetype kMaxRecordBytes = qsizetype(16) * 1024 * 1024;

    using RecordHandler = std::function<void(const QByteArray& text, int64_t firstLine)>;
    using ErrorHandler = std::function<void(int64_t line, const QString& message)>;

    JsonLineSplitter(RecordHandler onRecord, ErrorHandler onError);

    void feedLine(QByteArrayView line, int64_t lineNumber);
    /// Reports a record still open at the end of the input.
    void finish();

private:
    void abandon(const QString& message);

    RecordHandler m_onRecord;
    ErrorHandler m_onError;
    QByteArray m_buffer;
    int64_t m_firstLine = 0;
    int m_depth = 0;
    bool m_inRecord = false;
    bool m_inString = false;
    bool m_escape = false;
    bool m_oversize = false;
};

/// The first complete top-level JSON object in a file's first bytes (format sniffing); empty when there is none.
QJsonObject firstJsonObject(QByteArrayView firstLines);

/// The first key of the text's first object, read textually, for when the first record is too big to be complete
/// in the sniff window. Empty when the text does not start with `{"`.
QByteArray firstJsonKey(QByteArrayView firstLines);

/// Parses one record's text; false (with a message) when it is not valid JSON or not an object.
bool parseJsonRecord(const QByteArray& text, QJsonObject* object, QString* error);

/// A JSON value as raw bytes: strings as UTF-8, integers as their decimal text, anything else empty.
QByteArray jsonBytes(const QJsonValue& value);

/// A JSON integer (exact over int64: Qt 6 keeps integers as qint64, not double) or a string holding one; fallback
/// when absent, fractional or not a number.
int64_t jsonIntOr(const QJsonValue& value, int64_t fallback);

/**
 * RFC 3339 / ISO 8601 time to UTC nanoseconds since the epoch, exactly (QDateTime keeps only milliseconds).
 * Accepts `YYYY-MM-DD[T ]HH:MM:SS[.fraction]` then `Z`, `±HH:MM`, `±HHMM` or nothing (read as UTC: Sysmon's UtcTime).
 * Fraction digits beyond 9 are cut. False for anything else.
 */
bool parseIsoTimeNs(QByteArrayView text, int64_t* ns);

} // namespace ShimScope
