// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "logparser.h"

#include <QByteArrayView>

#include <memory>

namespace ShimScope
{

/**
 * Parser for Elastic Common Schema process documents (Auditbeat system/process and auditd modules, Elastic
 * Endpoint / Defend, Defend for Containers): NDJSON or pretty-printed objects, optionally wrapped in an
 * Elasticsearch hit ("_source", "_id"). Nested and dotted ("container": {"image.name": …}) keys are treated alike
 * (FORMATS.md 5). Process starts become Exec, processes found running become Snapshot, ends become Exit; other
 * documents (fork, network, configuration…) are read and not emitted.
 */
class EcsParser : public LogParser
{
public:
    EcsParser(Sink sink, const QByteArray& defaultHost);
    ~EcsParser() override;
    EcsParser(const EcsParser&) = delete;
    EcsParser& operator=(const EcsParser&) = delete;

    void feedLine(QByteArrayView line, int64_t lineNumber) override;
    void finish() override;
    const SourceStats& stats() const override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

/// True when the first JSON object of the text is an ECS document (@timestamp plus event.* or ecs.*), and not a
/// Tetragon, Falco, osquery or laurel record.
bool sniffEcs(QByteArrayView firstLines, const QString& fileName);

} // namespace ShimScope
