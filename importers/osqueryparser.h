// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonlinesplitter.h"

#include <QByteArrayView>

namespace ShimScope
{

/**
 * Parser for osquery results logs (filesystem logger, one JSON object per line; pretty-printed objects and the
 * batch "diffResults" shape are accepted too) carrying process_events or bpf_process_events rows (FORMATS.md 6).
 * "added" rows of execve/execveat (or without a syscall column) become Exec events. The table is recognised by
 * its columns, since "name" is the scheduled query's name. cmdline is argv joined with spaces, so arguments
 * containing spaces cannot be told apart: such argv is marked as reconstructed (ArgvOrigin::Proctitle).
 */
class OsqueryParser : public JsonRecordParser
{
public:
    OsqueryParser(Sink sink, const QByteArray& defaultHost);

private:
    void onRecord(const QByteArray& text, int64_t line) override;
    void row(const QJsonObject& result, const QJsonObject& columns, int64_t line);
};

/// True when the first JSON object is an osquery result (hostIdentifier, name and columns/snapshot/diffResults).
bool sniffOsquery(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
