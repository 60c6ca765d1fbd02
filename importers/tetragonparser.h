// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonlinesplitter.h"

#include <QByteArrayView>
#include <QList>

namespace ShimScope
{

/**
 * Streaming parser for Cilium Tetragon JSON events (export file / `export-stdout`): one object per line or
 * pretty-printed objects over several lines. process_exec becomes an Exec event, process_exit an Exit event; every
 * other event type (kprobe, connect, …) is read and counted but emits nothing. See ../shared/FORMATS.md section 3.
 */
class TetragonParser : public JsonRecordParser
{
public:
    /// defaultHost is used for events without `node_name`.
    TetragonParser(Sink sink, const QByteArray& defaultHost);

    /// Splits Tetragon's `arguments` string (argv[1..] joined by spaces, arguments holding a space wrapped in `"`
    /// without escaping) back into arguments. Ambiguous by construction; see the implementation for the rules.
    static QList<QByteArray> splitArguments(QByteArrayView arguments);

private:
    void onRecord(const QByteArray& text, int64_t line) override;
};

/// True when the first object of the text has a Tetragon event-type key (process_exec, process_exit, …).
bool sniffTetragon(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
