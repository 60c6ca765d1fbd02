// SPDX-License-Identifier: GPL-3.0-or-later
// The write-behind VFS: a database written through it reads and ends up byte for byte like one written directly,
// under a page cache small enough that pages are read back while their writes are still queued; a write the kernel
// refuses (file size limit) surfaces as an error, and an import into a new case then fails and leaves no case.

#include "casefile.h"
#include "database.h"
#include "importjob.h"
#include "writebehindvfs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <random>
#include <sqlite3.h>
#include <sys/resource.h>

using namespace ShimScope;

namespace
{
/// Every row of t in id order, hashed: equal digests, equal tables.
QByteArray contentDigest(Database& db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    Statement s(db, "SELECT id, k, v FROM t ORDER BY id");
    while (s.step()) {
        hash.addData(QByteArray(QByteArray::number(s.columnInt(0)) + '|' + QByteArray::number(s.columnInt(1)) + '|'));
        hash.addData(s.columnBytes(2));
    }
    return hash.result().toHex();
}

/// The same deterministic mix of writes on both connections: inserts with overflow pages, updates, deletes, an
/// index built mid-way, in several transactions; after each, both must read the same.
void runWorkload(Database& direct, Database& behind, const char* journalMode)
{
    for (Database* db : {&direct, &behind}) {
        db->exec("PRAGMA page_size=4096");
        db->exec(std::string("PRAGMA journal_mode=") + journalMode);
        db->exec("PRAGMA cache_size=8"); // 8 pages: evicted pages are read back while their writes are queued
        db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, v BLOB)");
    }
    std::mt19937_64 random(42);
    for (int round = 0; round < 12; ++round) {
        std::vector<std::string> statements;
        for (int i = 0; i < 400; ++i) {
            const uint64_t r = random();
            const int64_t id = static_cast<int64_t>(r % 3000);
            switch (r % 7) {
            case 0:
                statements.push_back("DELETE FROM t WHERE id = " + std::to_string(id));
                break;
            case 1:
                statements.push_back("UPDATE t SET k = k + 1, v = zeroblob(" + std::to_string(r % 9000) +
                                     ") WHERE id = " + std::to_string(id));
                break;
            default:
                statements.push_back("INSERT OR REPLACE INTO t VALUES (" + std::to_string(id) + ", " +
                                     std::to_string(r % 1000) + ", x'" +
                                     QByteArray::number(static_cast<qulonglong>(r), 16).rightJustified(16, '0').toStdString() +
                                     "' || zeroblob(" + std::to_string(r % 5000) + "))");
            }
        }
        if (round == 6)
            statements.push_back("CREATE INDEX t_k ON t(k)");
        for (Database* db : {&direct, &behind}) {
            Transaction transaction(*db);
            for (const std::string& sql : statements)
                db->exec(sql);
            transaction.commit();
        }
        QCOMPARE(contentDigest(behind), contentDigest(direct));
        QCOMPARE(behind.queryInt("SELECT count(*) FROM t"), direct.queryInt("SELECT count(*) FROM t"));
    }
}

/// Limits the size of files this process writes, for one scope (SIGXFSZ ignored: the write fails with EFBIG).
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }

private:
    rlimit m_saved{};
    void (*m_handler)(int) = nullptr;
};
} // namespace

class TestWriteBehindVfs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAndEndsLikeDirectWrites_data()
    {
        QTest::addColumn<QByteArray>("journalMode");
        QTest::newRow("no journal (a new case)") << QByteArray("OFF");
        QTest::newRow("rollback journal") << QByteArray("DELETE");
    }

    void readsAndEndsLikeDirectWrites()
    {
        QFETCH(QByteArray, journalMode);
        QTemporaryDir dir;
        const QString directPath = dir.filePath(QStringLiteral("direct.db"));
        const QString behindPath = dir.filePath(QStringLiteral("behind.db"));
        {
            Database direct(directPath, Database::Mode::ReadWriteCreate);
            Database behind;
            behind.open(behindPath, Database::Mode::ReadWriteCreate, Database::Writes::WriteBehind);
            sqlite3_vfs* vfs = nullptr;
            sqlite3_file_control(behind.handle(), "main", SQLITE_FCNTL_VFS_POINTER, &vfs);
            QVERIFY(vfs);
            QCOMPARE(QByteArray(vfs->zName), QByteArray(WriteBehind::vfsName()));
            runWorkload(direct, behind, journalMode.constData());
            std::string error;
            QVERIFY(WriteBehind::drain(behind.handle(), &error));
            QVERIFY(error.empty());
            QCOMPARE(behind.queryInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
                     int64_t(1));
            QVERIFY(direct.queryInt("SELECT count(*) FROM t") > 1000);
        }
        // Read back by a plain connection: the file on disk holds everything.
        Database direct(directPath, Database::Mode::ReadOnly);
        Database behind(behindPath, Database::Mode::ReadOnly);
        QCOMPARE(contentDigest(behind), contentDigest(direct));
        QCOMPARE(behind.queryInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
                 int64_t(1));
    }

    void refusedWriteIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("full.db"));
        Database db;
        db.open(path, Database::Mode::ReadWriteCreate, Database::Writes::WriteBehind);
        db.exec("PRAGMA journal_mode=OFF");
        db.exec("PRAGMA cache_size=8");
        db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, v BLOB)");
        bool failed = false;
        std::string error;
        {
            const FileSizeLimit limit(256 * 1024);
            try {
                Transaction transaction(db);
                for (int i = 0; i < 200; ++i)
                    db.exec("INSERT INTO t (k, v) VALUES (1, zeroblob(8000))"); // 1.6 MB in all
                transaction.commit();
            } catch (const DatabaseError&) {
                failed = true; // a later write (or the commit) met the failure of an earlier one
            }
            failed = !WriteBehind::drain(db.handle(), &error) || failed;
        }
        QVERIFY(failed);
        if (!error.empty())
            QVERIFY2(QString::fromStdString(error).contains(QLatin1String("writing the case file failed")),
                     error.c_str());
    }

    void importIntoNewCaseThatCannotBeWrittenLeavesNoCase()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("new.shimscope"));
        ImportReport report;
        {
            const FileSizeLimit limit(2 * 1024 * 1024); // the lab capture's case is larger
            report = ImportJob(casePath, {QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main/audit.log.gz")}).run();
        }
        QCOMPARE(report.result, ImportReport::Result::Failed);
        QVERIFY2(!report.error.isEmpty(), "the failure must say why");
        QVERIFY(!QFile::exists(casePath));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), qsizetype(0)); // no build left over
        // With room again, the same import works.
        QCOMPARE(ImportJob(casePath, {QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main/audit.log.gz")}).run().result,
                 ImportReport::Result::Success);
        QCOMPARE(CaseFile::openReadOnly(casePath).queryInt("SELECT count(*) FROM process_nodes") > 500, true);
    }
};

QTEST_GUILESS_MAIN(TestWriteBehindVfs)
#include "tst_writebehindvfs.moc"
