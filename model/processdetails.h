// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "casereader.h"
#include "payloaddecoder.h"
#include "processquery.h"

#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace ShimScope
{

/// The raw lines of one source record, re-read on demand from the file it was imported from (readSourceExcerpt()
/// in the importers library: the case keeps where records came from, not their text).
struct SourceExcerpt
{
    int64_t eventId = 0;      ///< the record's event (SourceRecordRow::eventId)
    QString file;             ///< the file read (empty when none could be found)
    QString sha256;           ///< the file's SHA-256 as the case recorded it
    int64_t firstLine = 0;
    QList<QByteArray> lines;  ///< exact bytes; escaped when rendered
    bool verified = false;    ///< the file's SHA-256 is the one recorded at import (or the line carries the record id)
    QString error;            ///< why there is no excerpt (moved, inside an archive, changed, cancelled)
};

/// Everything the details pane and reports say about one process, read in one go.
struct ProcessDetails
{
    NodeRow node;
    std::optional<EventRow> exec;      ///< the exec (or listing row) that started this image; none for placeholders
    std::optional<ContainerRow> container;
    std::optional<NodeRow> parent;
    std::optional<NodeRow> predecessor; ///< the earlier image of the same pid
    std::optional<NodeRow> anchor;      ///< the runtime command whose arguments named the container
    QList<DecodedPayload> payloads;     ///< base64 found in the command line
    QList<EvidenceStep> evidence;       ///< why it is attributed where it is, step by step
    QList<SourceRecordRow> records;     ///< its source records (own exec and merged duplicates): file, line, id, hash
    QList<NodeRow> execSessions;        ///< the container's exec session roots
    QList<SourceExcerpt> excerpts;      ///< raw text of records, when it has been read (see SourceExcerpt)
    int64_t childCount = 0;
};

/// Reads the details of one node (nullopt when the case has no such node). Blocking; a few indexed lookups.
std::optional<ProcessDetails> loadProcessDetails(CaseReader& reader, int64_t nodeId);

/**
 * The details as HTML for a QTextBrowser (Qt's rich-text subset) or a report. Every string from the logs is escaped;
 * links use the `shimscope:` scheme: `shimscope:node/ID` (a process), `shimscope:container/ID`,
 * `shimscope:decode/N` (show payload N decoded), `shimscope:copy/argv`.
 * decoded holds the payload numbers the analyst asked to see decoded.
 */
QString processDetailsHtml(const ProcessDetails& details, const QSet<int>& decoded = {});

} // namespace ShimScope
