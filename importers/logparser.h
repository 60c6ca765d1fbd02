// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "csvmapping.h"
#include "execevent.h"
#include "importstats.h"

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

namespace ShimScope
{

/**
 * A streaming parser of one log format. Lines go in one at a time (without their newline; a trailing '\r' is
 * tolerated); normalized events come out through the sink. Formats whose records span several lines (pretty-printed
 * JSON, XML exports) assemble them internally. Memory stays bounded by what is in flight, not by the log's size.
 * A record that cannot be used is counted in stats().recordsSkipped with an error naming its (first) line.
 */
class LogParser
{
public:
    using Sink = std::function<void(ExecEvent&& event)>;

    virtual ~LogParser() = default;
    /// lineNumber is 1-based.
    virtual void feedLine(QByteArrayView line, int64_t lineNumber) = 0;
    /// Flushes what is still in flight. Called once at the end of the input.
    virtual void finish() = 0;
    virtual const SourceStats& stats() const = 0;
};

/// What a parser factory is given besides the sink. Converts from a default host, so `create(sink, host)` reads
/// as before; the CSV importer also needs the column mappings to try and the store of remembered ones.
struct ParserContext
{
    ParserContext(QByteArray host = {}) // NOLINT(google-explicit-constructor): the common case is just a host
        : defaultHost(std::move(host))
    {
    }

    QByteArray defaultHost;          ///< host name for records that do not name one
    QList<CsvMapping> csvMappings;   ///< given CSV column mappings (ImportOptions::csvMappings)
    QString csvMappingStorePath;     ///< remembered CSV mappings; empty = none
};

/// One supported format: how to recognise it and how to make its parser.
struct LogFormat
{
    QString id;   ///< stored as the source's format, e.g. "auditd", "sysmon-linux", "tetragon"
    QString name; ///< for people, e.g. "Sysmon for Linux"
    /// True when the first lines (decompressed, at most 64 KiB) look like this format. Must be cheap and strict
    /// enough not to claim other formats' files.
    std::function<bool(QByteArrayView firstLines, const QString& fileName)> sniff;
    std::function<std::unique_ptr<LogParser>(LogParser::Sink sink, const ParserContext& context)> create;
    /// Optional: why a file this format claimed cannot be read with the context (empty when it can). The CSV
    /// importer refuses a header no column mapping fits, so the file is skipped with that reason, not read to nothing.
    std::function<QString(QByteArrayView firstLines, const ParserContext& context)> refuse = {};
};

/// Every format ShimScope reads, most specific first (detection takes the first that claims a file).
const QList<LogFormat>& logFormats();

} // namespace ShimScope
