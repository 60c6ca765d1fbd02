// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"
#include "execevent.h"
#include "importstats.h"
#include "lineage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace ShimScope
{

/// What is known about a source file when its import starts.
struct SourceRecord
{
    QString input;  ///< the file, folder or bundle the user gave
    QString path;   ///< the file's name inside it
    int64_t size = 0;
    QString format; ///< detected format ("auditd"), or "unknown" for a skipped file
    QString importerVersion;
};

/// How the import of one source ended.
struct SourceOutcome
{
    QString status;  ///< "imported", "skipped" or "failed"
    QString message; ///< why it was skipped or failed
    QByteArray sha256Hex;
    int64_t size = 0;
    int64_t durationMs = 0;
    SourceStats stats;
};

/**
 * Writes one import run into a case file, as one transaction: nothing is visible to readers until commit(),
 * and destroying the writer without commit() leaves the case exactly as it was.
 *
 * A case that does not exist yet is built in a temporary file beside it, without a journal, with its secondary
 * indexes built after the load, and renamed into place on commit; a killed import leaves no case behind.
 * An existing case is written in WAL mode inside one IMMEDIATE transaction.
 *
 * Owns the only write connection: use it from one thread (the import's writer thread).
 */
class CaseWriter
{
public:
    explicit CaseWriter(const QString& casePath);
    ~CaseWriter();
    CaseWriter(const CaseWriter&) = delete;
    CaseWriter& operator=(const CaseWriter&) = delete;

    void beginRun(const QStringList& inputs, const QString& importedBy);
    int64_t beginSource(const SourceRecord& source);
    void addEvents(int64_t sourceId, const std::vector<ExecEvent>& events);
    void finishSource(int64_t sourceId, const SourceOutcome& outcome);
    /// Builds indexes, rebuilds lineage and attribution for the whole case, marks the run complete, commits,
    /// and (for a new case) moves the file into place. cancel stops the lineage rebuild (and so the run).
    void commit(const std::atomic_bool* cancel = nullptr);
    const LineageStats& lineageStats() const { return m_lineage; }

    bool isNewCase() const { return !m_tempPath.isEmpty(); }
    int64_t runId() const { return m_runId; }
    /// The user name recorded as "imported by" by default: the login name of the process owner.
    static QString currentUser();

private:
    void closeStatements();
    int64_t internString(const QByteArray& value);
    int64_t internHost(const QByteArray& name);
    /// Binds one row (all columns when wide, else the core ones); returns the event's host id. argvBuffer holds the
    /// joined arguments until the statement has run.
    int64_t bindEvent(Statement& statement, int firstIndex, int64_t sourceId, const ExecEvent& event, bool wide,
                      QByteArray& argvBuffer);

    QString m_casePath;
    QString m_tempPath; ///< non-empty while building a new case
    int m_tempFd = -1;  ///< our own descriptor of the file being built, for write-back and the sync
    Database m_db;
    std::unique_ptr<Transaction> m_transaction;
    int64_t m_runId = 0;
    QString m_importedBy;
    LineageStats m_lineage;
    std::unique_ptr<LineageFeed> m_feed; ///< a new case's events for the lineage rebuild, instead of reading them back
    std::vector<int64_t> m_batchHosts;   ///< host ids of the rows of one multi-row insert
    QElapsedTimer m_runClock; ///< since beginRun, for the phase figures in m_lineage

    int m_rowsPerInsert = 1;
    Statement m_insertMany; ///< every column
    Statement m_insertOne;
    Statement m_insertManyNarrow; ///< the core columns only
    Statement m_insertOneNarrow;
    std::vector<QByteArray> m_argvBuffers; ///< joined arguments of the rows of one multi-row insert
    Statement m_findString;
    Statement m_insertString;
    Statement m_findHost;
    Statement m_insertHost;
    QHash<QByteArray, int64_t> m_strings; ///< interned values seen in this run
    QHash<QByteArray, int64_t> m_hosts;
};

} // namespace ShimScope
