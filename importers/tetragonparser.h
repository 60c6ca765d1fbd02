// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

#include <QByteArrayView>
#include <QList>

#include <memory>

namespace ShimScope
{

/**
 * Streaming parser for Cilium Tetragon JSON events (export file / `export-stdout`): one object per line or
 * pretty-printed objects over several lines. process_exec becomes an Exec event, process_exit an Exit event; every
 * other event type (kprobe, connect, …) is read and counted but emits nothing. See ../shared/FORMATS.md section 3.
 */
class TetragonParser : public LogParser
{
public:
    /// defaultHost is used for events without `node_name`.
    TetragonParser(Sink sink, const QByteArray& defaultHost);
    ~TetragonParser() override;
    TetragonParser(const TetragonParser&) = delete;
    TetragonParser& operator=(const TetragonParser&) = delete;

    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    void finish() override;
    const SourceStats& stats() const override;

    /// Splits Tetragon's `arguments` string (argv[1..] joined by spaces, arguments holding a space wrapped in `"`
    /// without escaping) back into arguments. Ambiguous by construction; see the implementation for the rules.
    static QList<QByteArray> splitArguments(QByteArrayView arguments);

private:
    class Private;
    std::unique_ptr<Private> d;
};

/// True when the first object of the text has a Tetragon event-type key (process_exec, process_exit, …).
bool sniffTetragon(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
