// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

#include <QByteArrayView>

#include <memory>

namespace ShimScope
{

/**
 * Parser for osquery results logs (filesystem logger, one JSON object per line; pretty-printed objects and the
 * batch "diffResults" shape are accepted too) carrying process_events or bpf_process_events rows (FORMATS.md 6).
 * "added" rows of execve/execveat (or without a syscall column) become Exec events. The table is recognised by
 * its columns, since "name" is the scheduled query's name. cmdline is argv joined with spaces, so arguments
 * containing spaces cannot be told apart: such argv is marked as reconstructed (ArgvOrigin::Proctitle).
 */
class OsqueryParser : public LogParser
{
public:
    OsqueryParser(Sink sink, const QByteArray& defaultHost);
    ~OsqueryParser() override;
    OsqueryParser(const OsqueryParser&) = delete;
    OsqueryParser& operator=(const OsqueryParser&) = delete;

    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    void finish() override;
    const SourceStats& stats() const override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

/// True when the first JSON object is an osquery result (hostIdentifier, name and columns/snapshot/diffResults).
bool sniffOsquery(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
