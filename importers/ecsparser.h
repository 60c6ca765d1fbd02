// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonlinesplitter.h"

#include <QByteArrayView>

namespace ShimScope
{

/**
 * Parser for Elastic Common Schema process documents (Auditbeat system/process and auditd modules, Elastic
 * Endpoint / Defend, Defend for Containers): NDJSON or pretty-printed objects, optionally wrapped in an
 * Elasticsearch hit ("_source", "_id"). Nested and dotted ("container": {"image.name": …}) keys are treated alike
 * (FORMATS.md 5). Process starts become Exec, processes found running become Snapshot, ends become Exit; other
 * documents (fork, network, configuration…) are read and not emitted.
 */
class EcsParser : public JsonRecordParser
{
public:
    EcsParser(Sink sink, const QByteArray& defaultHost);

private:
    void onRecord(const QByteArray& text, int64_t line) override;
};

/// True when the first JSON object of the text is an ECS document (@timestamp plus event.* or ecs.*), and not a
/// Tetragon, Falco, osquery or laurel record.
bool sniffEcs(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
