// SPDX-License-Identifier: GPL-3.0-or-later
#include "casewriter.h"

#include "casefile.h"
#include "lineage.h"
#include "writebehindvfs.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <pwd.h>
#include <string>
#include <unistd.h>

namespace ShimScope
{

namespace
{
/// Columns every event binds; the others (strong links, stated containers, user names, start times) only some formats
/// fill. A block of rows without any of them is inserted by a statement that leaves them out (NULL by default):
/// auditd never has them, and binding 8 NULLs per row was a tenth of the writer thread's time.
constexpr int kCoreEventColumns = 29;
constexpr int kEventColumns = 37;
constexpr qsizetype kMaxCachedStrings = 200000;
/// The writer's page cache and temporary storage, set at the start and restored after the node indexes.
constexpr const char* kCacheSize = "PRAGMA cache_size=-131072"; // 128 MiB
constexpr const char* kTempStore = "PRAGMA temp_store=MEMORY";
constexpr const char* kEventColumnNames =
    "source_id, line, record, serial, host_id, ts, kind, success, exit_code, syscall, arch, pid, ppid, uid, euid, "
    "auid, ses, tty, comm_id, exe_id, cwd_id, path_id, dev, inode, rule_key, argc, argv, argv_origin, argv_truncated";
constexpr const char* kOptionalEventColumnNames =
    ", guid, parent_guid, stated_container, stated_container_source, stated_container_name, stated_image, user_name, "
    "start_ts";

std::string eventInsertSql(int rows, bool wide)
{
    const int columns = wide ? kEventColumns : kCoreEventColumns;
    std::string placeholders = "(";
    for (int column = 0; column < columns; ++column)
        placeholders += column == 0 ? "?" : ",?";
    placeholders += ")";
    std::string sql = std::string("INSERT INTO exec_events (") + kEventColumnNames
        + (wide ? kOptionalEventColumnNames : "") + ") VALUES ";
    for (int row = 0; row < rows; ++row) {
        if (row)
            sql += ',';
        sql += placeholders;
    }
    return sql;
}

/// Whether an event has a value for any column the narrow insert leaves out.
bool needsWideInsert(const ExecEvent& e)
{
    return !e.guid.isEmpty() || !e.parentGuid.isEmpty() || !e.statedContainerId.isEmpty()
        || !e.statedContainerSource.isEmpty() || !e.statedContainerName.isEmpty() || !e.statedImage.isEmpty()
        || !e.userName.isEmpty() || e.startTimeNs != 0;
}

int64_t nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000000;
}

QString joinLines(const QStringList& list)
{
    return list.join(QLatin1Char('\n'));
}

/// Removes temporary case files left by imports that were killed (their process no longer exists).
void removeStaleBuilds(const QString& casePath)
{
    const QFileInfo target(casePath);
    const QString prefix = target.fileName() + QStringLiteral(".importing-");
    const QDir dir = target.absoluteDir();
    for (const QString& name : dir.entryList({prefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden)) {
        bool ok = false;
        const QString rest = name.mid(prefix.size()); // "<pid>" or "<pid>-journal", "-wal", "-shm"
        const pid_t pid = static_cast<pid_t>(rest.section(QLatin1Char('-'), 0, 0).toLongLong(&ok));
        if (ok && pid > 0 && kill(pid, 0) != 0 && errno == ESRCH)
            QFile::remove(dir.filePath(name));
    }
}
} // namespace

QString CaseWriter::currentUser()
{
    if (const passwd* entry = getpwuid(geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return QString::number(geteuid());
}

CaseWriter::CaseWriter(const QString& casePath)
    : m_casePath(casePath)
{
    const bool exists = QFileInfo::exists(casePath);
    if (!exists) {
        removeStaleBuilds(casePath);
        // Build next to the target so the final rename stays on one filesystem and is atomic.
        m_tempPath = casePath + QStringLiteral(".importing-") + QString::number(getpid());
        QFile::remove(m_tempPath);
        // Pages are handed to the kernel by a thread of their own: this thread is the one that limits the import.
        m_db.open(m_tempPath, Database::Mode::ReadWriteCreate, Database::Writes::WriteBehind);
        // Large pages and no journal: the file is private until it is renamed into place, and an interrupted
        // build is simply deleted, so there is nothing a journal could recover.
        m_db.setDefensive(false);
        m_db.exec("PRAGMA page_size=65536");
        m_db.exec("PRAGMA journal_mode=OFF");
        m_db.exec("PRAGMA synchronous=OFF");
        CaseFile::migrate(m_db);
        // A descriptor of our own, kept open until SQLite has closed the file (closing any descriptor of a file drops
        // the process's POSIX locks on it): it starts the write-back early and syncs the file before the rename.
        m_tempFd = ::open(QFile::encodeName(m_tempPath).constData(), O_RDONLY | O_CLOEXEC);
        m_feed = std::make_unique<LineageFeed>(m_db);
    } else {
        m_db = CaseFile::openReadWrite(casePath);
        m_db.exec("PRAGMA synchronous=NORMAL");
    }
    // The writer alone guarantees referential integrity of what it inserts; checking each row costs a lookup.
    CaseFile::configureConnection(m_db, false);
    m_db.exec(kCacheSize);
    m_db.exec(kTempStore);

    m_rowsPerInsert = std::max(1, std::min(128, m_db.maxVariables() / kEventColumns));
    m_insertMany = Statement(m_db, eventInsertSql(m_rowsPerInsert, true));
    m_insertOne = Statement(m_db, eventInsertSql(1, true));
    m_insertManyNarrow = Statement(m_db, eventInsertSql(m_rowsPerInsert, false));
    m_insertOneNarrow = Statement(m_db, eventInsertSql(1, false));
    m_argvBuffers.resize(static_cast<size_t>(m_rowsPerInsert));
    m_findString = Statement(m_db, "SELECT id FROM strings WHERE value = ?");
    m_insertString = Statement(m_db, "INSERT INTO strings (value) VALUES (?)");
    m_findHost = Statement(m_db, "SELECT id FROM hosts WHERE name = ?");
    m_insertHost = Statement(m_db, "INSERT INTO hosts (name) VALUES (?)");
}

CaseWriter::~CaseWriter()
{
    m_transaction.reset(); // rolls back unless committed
    if (!m_tempPath.isEmpty()) {
        closeStatements();
        m_db.close();
        QFile::remove(m_tempPath);
    }
    if (m_tempFd >= 0)
        ::close(m_tempFd);
}

void CaseWriter::beginRun(const QStringList& inputs, const QString& importedBy)
{
    m_runClock.start();
    m_importedBy = importedBy.isEmpty() ? currentUser() : importedBy;
    m_transaction = std::make_unique<Transaction>(m_db);
    if (isNewCase()) {
        // Secondary indexes are built after the load, except exec_events_ts: events arrive in time order (near
        // enough), so its entries are appended as the rows are stored. That costs fewer instructions than sorting
        // them at the commit (callgrind, 100k events: -1.1 % of the import), and moves the work out of the commit,
        // which runs on one core, into the events phase.
        CaseFile::dropSecondaryIndexes(m_db, "process_nodes");
        CaseFile::dropSecondaryIndexes(m_db, "merged_events");
    }
    Statement insert(m_db, "INSERT INTO import_runs (started_at, imported_by, tool_version, inputs, status) "
                           "VALUES (?, ?, ?, ?, 'running')");
    insert.bind(1, nowNs()).bind(2, m_importedBy).bind(3, QStringLiteral(SHIMSCOPE_VERSION)).bind(4, joinLines(inputs));
    insert.run();
    m_runId = m_db.lastInsertRowId();
}

int64_t CaseWriter::beginSource(const SourceRecord& source)
{
    Statement insert(m_db, "INSERT INTO sources (run_id, input, path, size, format, importer_version, imported_by, "
                           "imported_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'importing')");
    insert.bind(1, m_runId)
        .bind(2, source.input)
        .bind(3, source.path)
        .bind(4, source.size)
        .bind(5, source.format)
        .bind(6, source.importerVersion)
        .bind(7, m_importedBy)
        .bind(8, nowNs());
    insert.run();
    return m_db.lastInsertRowId();
}

int64_t CaseWriter::internString(const QByteArray& value)
{
    if (value.isEmpty())
        return 0;
    if (const auto it = m_strings.constFind(value); it != m_strings.constEnd())
        return *it;
    int64_t id = 0;
    m_findString.bindBlob(1, value);
    if (m_findString.step())
        id = m_findString.columnInt(0);
    m_findString.reset();
    if (!id) {
        m_insertString.bindBlob(1, value);
        m_insertString.run();
        id = m_db.lastInsertRowId();
    }
    // Bounded so memory does not grow with the log: past the cap, lookups go to the UNIQUE index instead.
    if (m_strings.size() >= kMaxCachedStrings)
        m_strings.clear();
    m_strings.insert(value, id);
    return id;
}

int64_t CaseWriter::internHost(const QByteArray& name)
{
    const QByteArray key = name.isEmpty() ? QByteArrayLiteral("unknown") : name;
    if (const auto it = m_hosts.constFind(key); it != m_hosts.constEnd())
        return *it;
    int64_t id = 0;
    m_findHost.bindText(1, key);
    if (m_findHost.step())
        id = m_findHost.columnInt(0);
    m_findHost.reset();
    if (!id) {
        m_insertHost.bindText(1, key);
        m_insertHost.run();
        id = m_db.lastInsertRowId();
    }
    m_hosts.insert(key, id);
    return id;
}

int64_t CaseWriter::bindEvent(Statement& s, int i, int64_t sourceId, const ExecEvent& e, bool wide,
                              QByteArray& argvBuffer)
{
    // Ids first: interning may run statements of its own, which must not interleave with this row's binds.
    const int64_t hostId = internHost(e.host);
    const int64_t commId = internString(e.comm);
    const int64_t exeId = internString(e.exe);
    const int64_t cwdId = internString(e.cwd);
    const int64_t pathId = internString(e.path);
    auto optionalId = [&s](int index, int64_t id) {
        if (id)
            s.bind(index, id);
        else
            s.bindNull(index);
    };
    auto optionalInt = [&s](int index, int64_t value) {
        if (value == kUnknownId)
            s.bindNull(index);
        else
            s.bind(index, value);
    };
    // The event's bytes (and argvBuffer) stay unchanged until the statement has run: bound without SQLite's copy.
    s.bind(i, sourceId);
    s.bind(i + 1, e.line);
    s.bindTextNoCopy(i + 2, e.record);
    optionalInt(i + 3, e.serial);
    s.bind(i + 4, hostId);
    s.bind(i + 5, e.timeNs);
    s.bind(i + 6, static_cast<int64_t>(e.kind));
    s.bind(i + 7, static_cast<int64_t>(e.success ? 1 : 0));
    s.bind(i + 8, e.exitCode);
    s.bindTextNoCopy(i + 9, e.syscall);
    s.bindTextNoCopy(i + 10, e.arch);
    optionalInt(i + 11, e.pid);
    optionalInt(i + 12, e.ppid);
    optionalInt(i + 13, e.uid);
    optionalInt(i + 14, e.euid);
    optionalInt(i + 15, e.auid);
    optionalInt(i + 16, e.ses);
    s.bindTextNoCopy(i + 17, e.tty.isEmpty() ? QByteArray() : e.tty);
    optionalId(i + 18, commId);
    optionalId(i + 19, exeId);
    optionalId(i + 20, cwdId);
    optionalId(i + 21, pathId);
    s.bindTextNoCopy(i + 22, e.dev.isEmpty() ? QByteArray() : e.dev);
    optionalInt(i + 23, e.inode);
    s.bindBlobNoCopy(i + 24, e.key.isEmpty() ? QByteArray() : e.key);
    s.bind(i + 25, static_cast<int64_t>(e.argv.size()));
    if (e.argv.size() == 1 && !e.argv.first().isEmpty()) {
        s.bindBlobNoCopy(i + 26, e.argv.first()); // joinArgv of one argument: its bytes
    } else {
        joinArgvInto(e.argv, argvBuffer); // reused from block to block; null (NULL) when there are no bytes
        s.bindBlobNoCopy(i + 26, argvBuffer);
    }
    s.bind(i + 27, static_cast<int64_t>(e.argvOrigin));
    s.bind(i + 28, static_cast<int64_t>(e.argvTruncated ? 1 : 0));
    if (!wide)
        return hostId;
    auto optionalText = [&s](int index, const QByteArray& text) {
        if (text.isEmpty())
            s.bindNull(index);
        else
            s.bindTextNoCopy(index, text);
    };
    optionalText(i + 29, e.guid);
    optionalText(i + 30, e.parentGuid);
    optionalText(i + 31, e.statedContainerId);
    optionalText(i + 32, e.statedContainerSource);
    optionalText(i + 33, e.statedContainerName);
    optionalText(i + 34, e.statedImage);
    optionalText(i + 35, e.userName);
    if (e.startTimeNs)
        s.bind(i + 36, e.startTimeNs);
    else
        s.bindNull(i + 36);
    return hostId;
}

void CaseWriter::addEvents(int64_t sourceId, const std::vector<ExecEvent>& events)
{
    // A new case's rows get consecutive ids (max(rowid) + 1 each, nothing is ever deleted from it), so the last
    // insert id names every row of a multi-row insert.
    size_t next = 0;
    const auto rows = static_cast<size_t>(m_rowsPerInsert);
    m_batchHosts.resize(rows);
    while (events.size() - next >= rows) {
        bool wide = false;
        for (size_t row = 0; row < rows && !wide; ++row)
            wide = needsWideInsert(events[next + row]);
        Statement& insert = wide ? m_insertMany : m_insertManyNarrow;
        const int columns = wide ? kEventColumns : kCoreEventColumns;
        for (size_t row = 0; row < rows; ++row) {
            m_batchHosts[row] = bindEvent(insert, static_cast<int>(row) * columns + 1, sourceId, events[next + row],
                                          wide, m_argvBuffers[row]);
        }
        insert.run();
        if (m_feed) {
            const int64_t first = m_db.lastInsertRowId() - static_cast<int64_t>(rows) + 1;
            for (size_t row = 0; row < rows; ++row)
                m_feed->add(first + static_cast<int64_t>(row), m_batchHosts[row], sourceId, events[next + row]);
        }
        next += rows;
    }
    for (; next < events.size(); ++next) {
        const bool wide = needsWideInsert(events[next]);
        Statement& insert = wide ? m_insertOne : m_insertOneNarrow;
        const int64_t hostId = bindEvent(insert, 1, sourceId, events[next], wide, m_argvBuffers[0]);
        insert.run();
        if (m_feed)
            m_feed->add(m_db.lastInsertRowId(), hostId, sourceId, events[next]);
    }
}

void CaseWriter::finishSource(int64_t sourceId, const SourceOutcome& outcome)
{
    const SourceStats& st = outcome.stats;
    Statement update(m_db, "UPDATE sources SET status = ?, message = ?, sha256 = ?, size = ?, duration_ms = ?, "
                           "lines_read = ?, records_read = ?, records_skipped = ?, events = ?, failed_execs = ?, "
                           "lost_events = ?, incomplete_events = ? WHERE id = ?");
    update.bind(1, outcome.status)
        .bind(2, outcome.message)
        .bindText(3, outcome.sha256Hex)
        .bind(4, outcome.size)
        .bind(5, outcome.durationMs)
        .bind(6, st.linesRead)
        .bind(7, st.recordsRead)
        .bind(8, st.recordsSkipped)
        .bind(9, st.events)
        .bind(10, st.failedExecs)
        .bind(11, st.lostEvents)
        .bind(12, st.incompleteEvents)
        .bind(13, sourceId);
    update.run();
    Statement error(m_db, "INSERT INTO source_errors (source_id, line, message) VALUES (?, ?, ?)");
    for (const RecordError& e : st.errors) {
        error.bind(1, sourceId).bind(2, e.line).bind(3, e.message);
        error.run();
    }
}

void CaseWriter::commit(const std::atomic_bool* cancel)
{
    const int64_t eventsMs = m_runClock.restart();
    if (m_feed)
        m_feed->close(); // no more events: its worker builds the last rows
    // The events are written: the kernel can start writing them to the disk while the rest is built, so that the
    // sync before the rename has less to wait for.
    if (m_tempFd >= 0)
        sync_file_range(m_tempFd, 0, 0, SYNC_FILE_RANGE_WRITE);
    CaseFile::createSecondaryIndexes(m_db, "exec_events");
    const int64_t eventIndexMs = m_runClock.restart();
    // Lineage and attribution belong to the same run: a case never holds events without them.
    CaseFile::dropSecondaryIndexes(m_db, "process_nodes");
    CaseFile::dropSecondaryIndexes(m_db, "merged_events");
    m_lineage = LineageBuilder(m_db).rebuild(cancel, m_feed.get());
    m_feed.reset();
    m_runClock.restart();
    {
        // SQLite sorts an index's keys on worker threads only when they spill into temporary files (temp_store=FILE)
        // in pieces smaller than its cache: with a 4 MiB cache the five node indexes of a 1M-event case build in
        // ~1.7 s instead of ~2.4 s (sqlite3 3.40, 2 cores). The keys are integers; the files are deleted at once.
        m_db.exec("PRAGMA temp_store=FILE");
        m_db.exec("PRAGMA threads=2");
        m_db.exec("PRAGMA cache_size=-4096");
        CaseFile::createSecondaryIndexes(m_db, "process_nodes");
        CaseFile::createSecondaryIndexes(m_db, "merged_events");
        m_db.exec("PRAGMA threads=0");
        m_db.exec(kCacheSize);
        m_db.exec(kTempStore);
    }
    m_lineage.eventsMs = eventsMs;
    m_lineage.eventIndexMs = eventIndexMs;
    m_lineage.nodeIndexMs = m_runClock.restart();
    {
        Statement finish(m_db, "UPDATE import_runs SET finished_at = ?, status = 'complete' WHERE id = ?");
        finish.bind(1, nowNs()).bind(2, m_runId);
        finish.run();
    }
    m_transaction->commit();
    m_transaction.reset();
    if (std::string error; !WriteBehind::drain(m_db.handle(), &error))
        throw DatabaseError(0, error + " (" + m_tempPath.toStdString() + ")");
    if (!isNewCase()) {
        m_lineage.finishMs = m_runClock.elapsed();
        return;
    }

    m_db.exec("PRAGMA optimize");
    closeStatements();
    m_db.close();
    // The file reaches the disk before it gets its name, and the name before we say it is done: after a crash there
    // is either no case or the complete one, never a renamed file with pages missing.
    if (m_tempFd >= 0) {
        const bool synced = ::fsync(m_tempFd) == 0;
        ::close(m_tempFd);
        m_tempFd = -1;
        if (!synced)
            throw DatabaseError(0, "cannot write the new case to the disk at " + m_tempPath.toStdString());
    }
    // rename(2) is atomic: readers see either no case or the complete one.
    if (std::rename(QFile::encodeName(m_tempPath).constData(), QFile::encodeName(m_casePath).constData()) != 0)
        throw DatabaseError(0, "cannot move the new case into place at " + m_casePath.toStdString());
    m_tempPath.clear();
    if (const int dir = ::open(QFile::encodeName(QFileInfo(m_casePath).absolutePath()).constData(),
                               O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    // Reopening through the normal path switches the finished case to WAL, the mode every later writer uses.
    CaseFile::openReadWrite(m_casePath);
    m_lineage.finishMs = m_runClock.elapsed();
}

void CaseWriter::closeStatements()
{
    m_insertMany = {};
    m_insertOne = {};
    m_insertManyNarrow = {};
    m_insertOneNarrow = {};
    m_findString = {};
    m_insertString = {};
    m_findHost = {};
    m_insertHost = {};
}

} // namespace ShimScope
