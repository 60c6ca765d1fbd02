// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "casefile.h"
#include "database.h"
#include "execevent.h"

#include <QList>
#include <QString>

#include <functional>
#include <span>
#include <vector>

namespace ShimScope
{

/// One exec event as read back from a case, with its interned strings resolved.
struct EventRow
{
    int64_t id = 0;
    QString host;
    int64_t timeNs = 0;
    bool success = true;
    int64_t exitCode = 0;
    QString syscall;
    QString arch;
    int64_t pid = kUnknownId;
    int64_t ppid = kUnknownId;
    int64_t uid = kUnknownId;
    int64_t euid = kUnknownId;
    int64_t auid = kUnknownId;
    int64_t ses = kUnknownId;
    QByteArray tty;
    QByteArray comm;
    QByteArray exe;
    QByteArray cwd;
    QByteArray path;
    QByteArray key;
    QList<QByteArray> argv;
    ArgvOrigin argvOrigin = ArgvOrigin::None;
    bool argvTruncated = false;
    QString sourcePath; ///< file name inside its input
    int64_t sourceId = 0;
    int64_t line = 0;
    QString record;
    QString guid;
    QString parentGuid;
    QString statedContainerId;
    QString statedContainerSource;
    QString userName;
    int64_t startTimeNs = 0;
    EventKind kind = EventKind::Exec;
    // Attribution of the process this exec started (empty before lineage ran).
    QString location;    ///< host, container, unknown
    QString containerId; ///< full id when in a container
    QString role;
    QString confidence;
};

/// One imported (or skipped) file as recorded in the case.
struct SourceRow
{
    int64_t id = 0;
    int64_t runId = 0;
    QString input;
    QString path;
    int64_t size = 0;
    QString sha256;
    QString format;
    QString status;
    QString message;
    QString importerVersion;
    QString importedBy;
    int64_t importedAt = 0;
    int64_t linesRead = 0;
    int64_t recordsRead = 0;
    int64_t recordsSkipped = 0;
    int64_t events = 0;
    int64_t failedExecs = 0;
    int64_t lostEvents = 0;
    int64_t incompleteEvents = 0;
    int64_t durationMs = 0;
    QList<QPair<int64_t, QString>> errors; ///< line, message
};

/**
 * Read-only access to a case file. Each reader owns its own connection, so readers on several threads
 * (GUI model, background queries) never share one.
 */
class CaseReader
{
public:
    /// Opens the case read-only; by default after SQLite's quick_check (see CaseFile::Check).
    explicit CaseReader(const QString& path, CaseFile::Check check = CaseFile::Check::Integrity);

    Database& database() { return m_db; }

    int64_t eventCount();
    /// Event ids in timeline order (time, then the log's own serial, then id). 8 bytes per event: 8 MB per million.
    std::vector<int64_t> eventIdsInTimeOrder();
    /// The rows for the given ids, in the same order (missing ids are left out).
    std::vector<EventRow> events(std::span<const int64_t> ids);
    /// Every event in timeline order, one at a time (for exports and the CLI), without materialising them.
    void forEachEvent(const std::function<bool(const EventRow&)>& visit);
    QList<SourceRow> sources();

private:
    EventRow readEvent(Statement& statement);

    Database m_db;
};

/// RFC 3339 UTC with milliseconds, e.g. 2026-12-03T16:49:29.123Z.
QString formatTimestamp(int64_t timeNs);

} // namespace ShimScope
