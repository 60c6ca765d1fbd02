// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

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
 * Cuts lines into top-level JSON objects, for every JSON importer (Tetragon, Falco, ECS, osquery; laurel uses only
 * the helpers below): one object per line (NDJSON), pretty-printed objects over several lines, objects written back
 * to back (`}{`) and the elements of a top-level array of objects (Kibana / Elasticsearch exports write `[`, `{…},`,
 * `]`). Braces are counted outside strings (escapes honoured).
 *
 * It resynchronises after a truncated record, which matters for JSONL logs cut by a crash or rotation: JSON strings
 * cannot hold raw line breaks, so a string still open at the end of a line ends the record as malformed, and an open
 * record is abandoned when a line starts with `{` in column one (the next record; nested objects of pretty-printed
 * JSON are indented). Without this one truncated line would swallow every following record. One record is capped at
 * kMaxRecordBytes: a bigger one is dropped with an error rather than held in memory.
 */
class JsonLineSplitter
{
public:
    static constexpr qsizetype kMaxRecordBytes = qsizetype(16) * 1024 * 1024;

    using RecordHandler = std::function<void(const QByteArray& text, int64_t firstLine)>;
    using ErrorHandler = std::function<void(int64_t line, const QString& message)>;

    JsonLineSplitter(RecordHandler onRecord, ErrorHandler onError);

    /// lineNumber is 1-based; a trailing '\r' is ignored. Text outside an object is reported once per line.
    void feedLine(QByteArrayView line, int64_t lineNumber);
    /// Reports a record still open at the end of the input.
    void finish();

private:
    void abandon(const QString& message);

    RecordHandler m_onRecord;
    ErrorHandler m_onError;
    QByteArray m_buffer;
    int64_t m_firstLine = 0;
    int64_t m_depth = 0;
    bool m_inRecord = false;
    bool m_inString = false;
    bool m_escape = false;
    bool m_oversize = false;
};

/**
 * Base of the JSON importers, holding what they all need besides reading a record (sink, default host, stats and
 * the splitter), so a parser only turns one record's text into events. Every line fed counts in linesRead; a record
 * the splitter cannot cut out, or one skip() rejects, counts in recordsSkipped. A format with its own framing (laurel:
 * one record per line) overrides feedLine() and calls onRecord() itself; the unused splitter then stays idle.
 */
class JsonRecordParser : public LogParser
{
public:
    JsonRecordParser(const JsonRecordParser&) = delete; // the splitter's handlers point at this object
    JsonRecordParser& operator=(const JsonRecordParser&) = delete;

    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    void finish() override;
    const SourceStats& stats() const override;

protected:
    JsonRecordParser(Sink sink, const QByteArray& defaultHost);

    /// One complete top-level JSON object (not yet parsed); firstLine is the line it starts on.
    virtual void onRecord(const QByteArray& text, int64_t firstLine) = 0;
    /// Counts a record as skipped, with an error naming its line.
    void skip(int64_t line, const QString& why);
    /// Counts the event (and a failed exec) and hands it to the sink; an event naming no host gets the default one.
    void emitEvent(ExecEvent&& event);
    /// For the counters only the parser knows (recordsRead, incompleteEvents, warnings that skip nothing).
    SourceStats& mutableStats()
    {
        return m_stats;
    }

private:
    Sink m_sink;
    QByteArray m_defaultHost;
    SourceStats m_stats;
    JsonLineSplitter m_splitter;
};

/// The first complete top-level JSON object in a file's first bytes (format sniffing); empty when the text does not
/// start with one, the object is cut off or it is not valid JSON.
QJsonObject firstJsonObject(QByteArrayView firstLines);

/// The first key of the text's first object, read textually, for when the first record is too big to be complete
/// in the sniff window. Empty when the text does not start with `{"`.
QByteArray firstJsonKey(QByteArrayView firstLines);

/// Parses one record's text; false (with a message) when it is not valid JSON or not an object.
bool parseJsonRecord(const QByteArray& text, QJsonObject* object, QString* error);

/// A JSON integer (exact over the whole int64 range: Qt 6 keeps integers as qint64), an integral double, or a
/// decimal string ("12635", as old producers log ids; surrounding spaces ignored). False for anything else,
/// including absent values, "" and fractions; *out is then left alone.
bool jsonToInt64(const QJsonValue& value, int64_t* out);

/// jsonToInt64(), or fallback when the value is no integer.
inline int64_t jsonIntOr(const QJsonValue& value, int64_t fallback)
{
    int64_t result = fallback;
    return jsonToInt64(value, &result) ? result : fallback;
}

/// A JSON value as raw bytes: strings as UTF-8, integers as their decimal text, other numbers with 17 significant
/// digits, booleans as "true"/"false", anything else (null, absent, arrays, objects) empty.
QByteArray jsonBytes(const QJsonValue& value);

/**
 * RFC 3339 / ISO 8601 time to UTC nanoseconds since the epoch, exactly (QDateTime keeps only milliseconds).
 * Accepts `YYYY-MM-DD[Tt ]HH:MM:SS[(.|,)fraction]` then `Z`, `z`, `±HH:MM`, `±HHMM` or nothing (read as UTC:
 * Sysmon's UtcTime). Fraction digits beyond 9 are cut. False for anything else, for impossible dates (Feb 30) and for
 * times outside int64 nanoseconds (before 1677-09-21 or after 2262-04-11).
 */
bool parseIsoTimeNs(QByteArrayView text, int64_t* ns);

} // namespace ShimScope
