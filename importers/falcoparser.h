// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonlinesplitter.h"

#include <QByteArrayView>

namespace ShimScope
{

/**
 * Streaming parser for Falco JSON alerts (`json_output: true`, one alert per line; multi-line pretty-printed objects
 * are accepted too). Falco is an alert stream, not an exec log: each alert names a process that matched a rule, with
 * whatever fields the rule's output template carried. Every alert becomes one kind-Exec event describing that
 * process; `syscall` holds the alert's evt.type ("execve" for process spawns, "openat", "connect", … otherwise, empty
 * when the alert does not say), so lineage can tell a real exec from a sighting of an already running process.
 * See ../shared/FORMATS.md section 4.
 */
class FalcoParser : public JsonRecordParser
{
public:
    /// defaultHost is used for alerts without `hostname`.
    FalcoParser(Sink sink, const QByteArray& defaultHost);

private:
    void onRecord(const QByteArray& text, int64_t line) override;
};

/// True when the first JSON object has the keys "output", "rule" and "priority".
bool sniffFalco(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
