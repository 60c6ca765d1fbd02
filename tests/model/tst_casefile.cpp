// SPDX-License-Identifier: GPL-3.0-or-later
// The case file: schema migrations, identity checks, and the one-transaction import run.

#include "casefile.h"
#include "casereader.h"
#include "casewriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

namespace
{
ExecEvent makeEvent(int64_t pid, int64_t timeNs, QByteArray exe, QList<QByteArray> argv)
{
    ExecEvent e;
    e.host = "lab";
    e.pid = pid;
    e.ppid = 1;
    e.timeNs = timeNs;
    e.exe = std::move(exe);
    e.argv = std::move(argv);
    e.argvOrigin = ArgvOrigin::Execve;
    e.line = pid;
    e.record = "1.000:" + QByteArray::number(pid);
    e.serial = pid;
    return e;
}

void importEvents(const QString& casePath, const std::vector<ExecEvent>& events, bool commit)
{
    CaseWriter writer(casePath);
    writer.beginRun({QStringLiteral("/evidence/audit.log")}, QStringLiteral("tester"));
    const int64_t source = writer.beginSource({QStringLiteral("/evidence/audit.log"), QStringLiteral("audit.log"), 10,
                                               QStringLiteral("auditd"), QStringLiteral("test")});
    writer.addEvents(source, events);
    SourceOutcome outcome;
    outcome.status = QStringLiteral("imported");
    outcome.stats.events = static_cast<int64_t>(events.size());
    outcome.stats.addError(7, QStringLiteral("bad record"));
    writer.finishSource(source, outcome);
    if (commit)
        writer.commit();
}
} // namespace

class TestCaseFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesEmptyFileToCurrentVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.shimscope"));
        {
            Database db(path, Database::Mode::ReadWriteCreate);
            QCOMPARE(CaseFile::schemaVersion(db), 0);
            CaseFile::migrate(db);
            QCOMPARE(CaseFile::schemaVersion(db), CaseFile::currentSchemaVersion());
            QCOMPARE(db.queryInt("PRAGMA application_id"), int64_t(CaseFile::kApplicationId));
            for (const char* table : {"import_runs", "sources", "source_errors", "hosts", "strings", "exec_events",
                                      "process_nodes", "containers", "bookmarks"}) {
                Statement s(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
                s.bindText(1, table);
                QVERIFY(s.step());
                QVERIFY2(s.columnInt(0) == 1, table);
            }
            // Migrating again is a no-op.
            CaseFile::migrate(db);
            QCOMPARE(CaseFile::schemaVersion(db), CaseFile::currentSchemaVersion());
        }
        QCOMPARE(CaseFile::openReadOnly(path).queryInt("SELECT count(*) FROM exec_events"), int64_t(0));
    }

    void migratesVersionOneCaseKeepingItsRows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.shimscope"));
        {
            Database db(path, Database::Mode::ReadWriteCreate);
            CaseFile::migrate(db, 1);
            QCOMPARE(CaseFile::schemaVersion(db), 1);
            db.exec("INSERT INTO hosts (id, name) VALUES (1, 'web01');"
                    "INSERT INTO process_nodes (id, host_id, pid, placeholder) VALUES (1, 1, 42, 1)");
        }
        Database db = CaseFile::openReadWrite(path);
        QCOMPARE(CaseFile::schemaVersion(db), CaseFile::currentSchemaVersion());
        Statement row(db, "SELECT pid, failed, runtime FROM process_nodes WHERE id = 1");
        QVERIFY(row.step());
        QCOMPARE(row.columnInt(0), int64_t(42));
        QCOMPARE(row.columnInt(1), int64_t(0)); // step 2's new column, with its default
        QVERIFY(row.isNull(2));
    }

    void migratesVersionSixCaseToSearchableTree()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v6.shimscope"));
        {
            Database db(path, Database::Mode::ReadWriteCreate);
            CaseFile::migrate(db, 6);
            QCOMPARE(CaseFile::schemaVersion(db), 6);
            db.exec("INSERT INTO import_runs (id, started_at, imported_by, tool_version, inputs, status) "
                    "VALUES (1, 1, 'tester', 'test', 'audit.log', 'complete');"
                    "INSERT INTO sources (id, run_id, input, path, size, format, imported_by, imported_at, status) "
                    "VALUES (1, 1, 'audit.log', 'audit.log', 1, 'auditd', 'tester', 1, 'imported');"
                    "INSERT INTO hosts (id, name) VALUES (1, 'web01');"
                    "INSERT INTO strings (id, value) VALUES (1, CAST('/usr/bin/.redtail' AS BLOB)), "
                    "(2, CAST('/tmp' AS BLOB));"
                    "INSERT INTO exec_events (id, source_id, line, host_id, ts, kind, success, pid, exe_id, cwd_id, "
                    "argc, argv, argv_origin, argv_truncated) "
                    "VALUES (1, 1, 1, 1, 100, 0, 1, 42, 1, 2, 2, x'73797374656d64002d2d6d696e65', 1, 0);"
                    "INSERT INTO process_nodes (id, host_id, pid, start_ts, event_id, placeholder) "
                    "VALUES (1, 1, 42, 100, 1, 0), (2, 1, 43, 200, NULL, 1)");
        }
        {
            // Read-only, a v6 case stays as it is: no search index (the tree model then builds one in memory).
            Database readOnly = CaseFile::openReadOnly(path);
            QCOMPARE(CaseFile::schemaVersion(readOnly), 6);
            QVERIFY(!CaseFile::hasSearchIndex(readOnly));
        }

        Database db = CaseFile::openReadWrite(path);
        QCOMPARE(CaseFile::schemaVersion(db), CaseFile::currentSchemaVersion());
        QCOMPARE(db.queryInt("SELECT count(*) FROM process_nodes"), int64_t(2));
        // Step 8: repeated records are found by node through an index, not a scan.
        {
            Statement plan(db, "EXPLAIN QUERY PLAN SELECT event_id FROM merged_events WHERE node_id = ?");
            QVERIFY(plan.step());
            QVERIFY2(plan.columnText(3).contains(QLatin1String("merged_events_node")), qPrintable(plan.columnText(3)));
        }
        // Step 9: the container index holds container nodes only, and still serves every lookup by container.
        QVERIFY(db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'process_nodes_container' AND "
                            "sql LIKE '%WHERE container_ref IS NOT NULL'")
                == 1);
        for (const char* query : {"EXPLAIN QUERY PLAN SELECT id FROM process_nodes WHERE container_ref = ? "
                                  "ORDER BY start_ts, id",
                                  "EXPLAIN QUERY PLAN SELECT (SELECT count(*) FROM process_nodes p WHERE "
                                  "p.container_ref = c.id) FROM containers c"}) {
            Statement plan(db, query);
            bool usesIndex = false;
            while (plan.step())
                usesIndex = usesIndex || plan.columnText(3).contains(QLatin1String("process_nodes_container"));
            QVERIFY2(usesIndex, query);
        }
        QVERIFY(CaseFile::hasSearchIndex(db));
        QVERIFY(!CaseFile::searchIndexIsCurrent(db)); // built on first search, not by the migration
        // The tree's indexes: children by (parent, start), roots by host without a scan.
        QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name IN ('process_nodes_parent', "
                             "'process_nodes_roots')"),
                 int64_t(2));
        {
            Statement plan(db, "EXPLAIN QUERY PLAN SELECT id FROM process_nodes WHERE parent_id IS NULL AND "
                               "host_id = ? AND (start_ts, id) > (?, ?) ORDER BY start_ts, id LIMIT 10");
            QVERIFY(plan.step());
            QVERIFY2(plan.columnText(3).contains(QLatin1String("process_nodes_roots")), qPrintable(plan.columnText(3)));
        }
        {
            Transaction transaction(db);
            CaseFile::rebuildSearchIndex(db);
            transaction.commit();
        }
        QVERIFY(CaseFile::searchIndexIsCurrent(db));
        // Substrings of the executable and of any argument (the NUL between arguments is a space), any case.
        QCOMPARE(db.queryInt("SELECT count(*) FROM node_search WHERE node_search MATCH '\"redtail\"'"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT rowid FROM node_search WHERE node_search MATCH '\"SYSTEMD --MI\"'"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT count(*) FROM node_search WHERE node_search MATCH '\"nomatch\"'"), int64_t(0));
        // A later import run makes the index stale (node ids are rebuilt every run).
        db.exec("INSERT INTO import_runs (id, started_at, imported_by, tool_version, inputs, status) "
                "VALUES (2, 2, 'tester', 'test', 'audit.log', 'complete')");
        QVERIFY(!CaseFile::searchIndexIsCurrent(db));
    }

    void argvIsStoredAsJoinArgvGivesIt()
    {
        // The writer joins arguments into reused buffers and binds them without a copy; the stored blob must stay
        // what joinArgv gives: NULL when there are no bytes (no arguments, or one empty argv[0] as an evasive
        // execve passes), the bytes otherwise.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("argv.shimscope"));
        const QList<QList<QByteArray>> lists = {{}, {""}, {"sh"}, {"sh", ""}, {"sh", "-c", "id"}, {"", "x"}};
        std::vector<ExecEvent> events;
        for (qsizetype i = 0; i < lists.size(); ++i)
            events.push_back(makeEvent(100 + i, 1000 + i, "/bin/sh", lists[i]));
        importEvents(path, events, true);
        Database db = CaseFile::openReadOnly(path);
        Statement s(db, "SELECT argv IS NULL, argv, argc FROM exec_events ORDER BY pid");
        for (const QList<QByteArray>& argv : lists) {
            QVERIFY(s.step());
            const QByteArray expected = joinArgv(argv);
            QCOMPARE(s.columnInt(0) != 0, expected.isNull());
            QCOMPARE(s.columnBytes(1), expected);
            QCOMPARE(s.columnInt(2), int64_t(argv.size()));
        }
    }

    void caseWrittenByThisVersionReopensAtCurrentSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v7.shimscope"));
        importEvents(path, {makeEvent(100, 1, "/bin/true", {"true"})}, true);
        {
            Database db = CaseFile::openReadOnly(path);
            QCOMPARE(CaseFile::schemaVersion(db), CaseFile::currentSchemaVersion());
            QCOMPARE(CaseFile::currentSchemaVersion(), 9);
            QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'merged_events_node'"), int64_t(1));
            QVERIFY(CaseFile::hasSearchIndex(db));
            // In memory for a read-only case: the same index on this connection only.
            CaseFile::buildTemporarySearchIndex(db);
            QVERIFY(CaseFile::hasSearchIndex(db, "temp"));
            QCOMPARE(db.queryInt("SELECT count(*) FROM temp.node_search WHERE node_search MATCH '\"true\"'"),
                     int64_t(1));
        }
        Database db = CaseFile::openReadWrite(path);
        QCOMPARE(CaseFile::schemaVersion(db), 9);
        importEvents(path, {makeEvent(101, 2, "/bin/false", {"false"})}, true);
        QCOMPARE(CaseFile::openReadOnly(path).queryInt("SELECT count(*) FROM process_nodes WHERE event_id IS NOT NULL"),
                 int64_t(2));
    }

    void openReadWriteUsesWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("wal.shimscope"));
        Database db = CaseFile::openReadWrite(path);
        Statement mode(db, "PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.columnText(0), QStringLiteral("wal"));
    }

    void refusesForeignDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        {
            Database db(path, Database::Mode::ReadWriteCreate);
            db.exec("CREATE TABLE t (x)");
        }
        QVERIFY_THROWS_EXCEPTION(CaseFile::CaseError, CaseFile::openReadWrite(path));
        QVERIFY_THROWS_EXCEPTION(CaseFile::CaseError, CaseFile::openReadOnly(path));
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.shimscope"));
        {
            Database db = CaseFile::openReadWrite(path);
            db.exec("PRAGMA user_version=999");
        }
        QVERIFY_THROWS_EXCEPTION(CaseFile::CaseError, CaseFile::openReadWrite(path));
        QVERIFY_THROWS_EXCEPTION(CaseFile::CaseError, CaseFile::openReadOnly(path));
    }

    void refusesGarbageFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("garbage.shimscope"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, CaseFile::openReadOnly(path));
    }

    void newCaseAppearsOnlyOnCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.shimscope"));
        importEvents(path, {makeEvent(10, 1000, "/bin/sh", {"sh"})}, false);
        QVERIFY2(!QFile::exists(path), "an uncommitted new case must not exist");
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0); // the temporary build file is gone too

        importEvents(path, {makeEvent(10, 1000, "/bin/sh", {"sh"})}, true);
        QVERIFY(QFile::exists(path));
        CaseReader reader(path);
        QCOMPARE(reader.eventCount(), int64_t(1));
    }

    void rolledBackRunLeavesCaseUnchanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("case.shimscope"));
        importEvents(path, {makeEvent(10, 1000, "/bin/sh", {"sh", "-c", "id"})}, true);
        importEvents(path, {makeEvent(11, 2000, "/usr/bin/id", {"id"}), makeEvent(12, 3000, "/bin/ls", {"ls"})}, false);
        CaseReader reader(path);
        QCOMPARE(reader.eventCount(), int64_t(1));
        QCOMPARE(reader.sources().size(), 1);
        QCOMPARE(reader.database().queryInt("SELECT count(*) FROM import_runs"), int64_t(1));
    }

    void writtenCaseReopensWithExactValues()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("roundtrip.shimscope"));
        // Bytes that are not UTF-8 and an argument with a newline must come back unchanged.
        const QByteArray weird("\xff\xfe payload\nline2", 16);
        std::vector<ExecEvent> events;
        for (int i = 0; i < 1000; ++i)
            events.push_back(makeEvent(100 + i, 5000 - i, "/usr/bin/env", {"env", weird, QByteArray::number(i)}));
        ExecEvent failed = makeEvent(7, 10, "/bin/bash", {});
        failed.success = false;
        failed.exitCode = -2;
        failed.argvOrigin = ArgvOrigin::None;
        failed.auid = 4294967295;
        events.push_back(failed);
        importEvents(path, events, true);
        // A second run adds to the same case.
        importEvents(path, {makeEvent(5000, 1, "/bin/true", {"true"})}, true);

        CaseReader reader(path);
        QCOMPARE(reader.eventCount(), int64_t(1002));
        const std::vector<int64_t> ids = reader.eventIdsInTimeOrder();
        QCOMPARE(ids.size(), size_t(1002));
        const std::vector<EventRow> rows = reader.events(ids);
        QCOMPARE(rows.front().exe, QByteArray("/bin/true")); // ts 1
        QCOMPARE(rows[1].exe, QByteArray("/bin/bash"));     // ts 10
        QVERIFY(!rows[1].success);
        QCOMPARE(rows[1].exitCode, int64_t(-2));
        QCOMPARE(rows[1].auid, int64_t(4294967295));
        QVERIFY(rows[1].argv.isEmpty());
        const EventRow& last = rows.back(); // ts 5000: i = 0
        QCOMPARE(last.pid, int64_t(100));
        QCOMPARE(last.argv.size(), 3);
        QCOMPARE(last.argv.at(1), weird);
        QCOMPARE(last.host, QStringLiteral("lab"));
        QCOMPARE(last.sourcePath, QStringLiteral("audit.log"));
        QCOMPARE(last.record, QStringLiteral("1.000:100"));
        // Interning: one row per distinct executable.
        QCOMPARE(reader.database().queryInt("SELECT count(*) FROM strings WHERE value = CAST('/usr/bin/env' AS BLOB)"),
                 int64_t(1));
        const QList<SourceRow> sources = reader.sources();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources.first().errors.size(), 1);
        QCOMPARE(sources.first().errors.first().first, int64_t(7));
        QCOMPARE(sources.first().importedBy, QStringLiteral("tester"));
        // Secondary indexes exist after a bulk load into a new case.
        QCOMPARE(reader.database().queryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                                            "(name LIKE 'exec_events_%' OR name LIKE 'process_nodes_%' OR name LIKE 'merged_events_%')"),
                 int64_t(CaseFile::secondaryIndexes().size()));
        // Lineage ran in the same run: one node per exec event (no parent of these was seen, so placeholders too).
        QVERIFY(reader.database().queryInt("SELECT count(*) FROM process_nodes WHERE event_id IS NOT NULL") == 1002);
    }

    void timestampsFormatAsRfc3339Utc()
    {
        QCOMPARE(formatTimestamp(int64_t(1615150974493) * 1000000), QStringLiteral("2021-03-07T21:02:54.493Z"));
        QCOMPARE(formatTimestamp(0), QStringLiteral("1970-01-01T00:00:00.000Z"));
    }
};

QTEST_GUILESS_MAIN(TestCaseFile)
#include "tst_casefile.moc"
