// SPDX-License-Identifier: GPL-3.0-or-later
// EventTableModel over real cases: rows from real auditd samples, paging over a large synthetic case, stale loads
// dropped, unreadable files reported, untrusted text escaped.

#include "casefile.h"
#include "casewriter.h"
#include "eventtablemodel.h"
#include "importjob.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace ShimScope;

namespace
{
const QString kLaurelSample = QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/auditd/laurel/shell-proc-trace.txt");
const QString kLibauditSample = QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/auditd/go-libaudit/testdata_normal.log");
constexpr int kManyRows = 200000;
constexpr int64_t kBaseTimeNs = 1700000000LL * 1000000000LL;

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

qint64 number(const QAbstractItemModel& model, int row, int role)
{
    return model.data(model.index(row, 0), role).toLongLong();
}

/// Event i of the synthetic case. Times run backwards against insertion (and so against the ids), so a model that
/// listed rows by id instead of by time would fail every check.
ExecEvent syntheticEvent(int i)
{
    ExecEvent e;
    e.line = i + 1;
    e.host = (i % 2) ? QByteArrayLiteral("host-b") : QByteArrayLiteral("host-a");
    e.timeNs = kBaseTimeNs + static_cast<int64_t>(kManyRows - 1 - i) * 1000000; // 1 ms apart
    e.pid = 100000 + i;
    e.ppid = 1;
    e.uid = 0;
    e.auid = (i % 3 == 0) ? EventTableModel::kUnsetAuid : 1000;
    e.success = i % 1000 != 7;
    e.exitCode = e.success ? 0 : -2;
    e.syscall = QByteArrayLiteral("execve");
    e.comm = QByteArrayLiteral("tool");
    e.exe = QByteArrayLiteral("/usr/bin/tool");
    e.cwd = QByteArrayLiteral("/srv");
    e.argv = {QByteArrayLiteral("tool"), QByteArrayLiteral("--index"), QByteArray::number(i)};
    e.argvOrigin = ArgvOrigin::Execve;
    return e;
}

/// The pid of the event shown in row: row r holds event kManyRows - 1 - r.
qint64 expectedPid(int row)
{
    return 100000 + (kManyRows - 1 - row);
}
} // namespace

class TestEventTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsFromRealSamples();
    void attributionColumnOnDemoCapture();
    void manyRowsPageAtStartMiddleAndEnd();
    void reloadKeepsRowsUntilNewOnesArrive();
    void staleLoadIsDropped();
    void unreadableFilesAreReported_data();
    void unreadableFilesAreReported();
    void clearShowsNothing();
    void untrustedTextIsEscaped_data();
    void untrustedTextIsEscaped();
    void commandLineQuoting();

private:
    bool load(EventTableModel& model, const QString& path);

    QTemporaryDir m_dir;
    QString m_realCase;
    QString m_bigCase;
};

bool TestEventTableModel::load(EventTableModel& model, const QString& path)
{
    QSignalSpy finished(&model, &EventTableModel::loadingFinished);
    model.setCase(path);
    return finished.wait(60000);
}

void TestEventTableModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(kLaurelSample), qPrintable(kLaurelSample));
    QVERIFY2(QFile::exists(kLibauditSample), qPrintable(kLibauditSample));

    // A real case, built the way the GUI builds one.
    m_realCase = m_dir.filePath(QStringLiteral("real.shimscope"));
    const ImportReport report = ImportJob(m_realCase, {kLaurelSample, kLibauditSample}).run();
    QCOMPARE(report.result, ImportReport::Result::Success);
    QCOMPARE(report.events, 6);

    // A large case written directly through CaseWriter (not through any GUI code).
    QElapsedTimer timer;
    timer.start();
    m_bigCase = m_dir.filePath(QStringLiteral("big.shimscope"));
    CaseWriter writer(m_bigCase);
    writer.beginRun({QStringLiteral("synthetic")}, QStringLiteral("test"));
    SourceRecord source;
    source.input = QStringLiteral("synthetic");
    source.path = QStringLiteral("synthetic.log");
    source.format = QStringLiteral("auditd");
    const int64_t sourceId = writer.beginSource(source);
    std::vector<ExecEvent> batch;
    for (int i = 0; i < kManyRows; ++i) {
        batch.push_back(syntheticEvent(i));
        if (batch.size() == 8192 || i == kManyRows - 1) {
            writer.addEvents(sourceId, batch);
            batch.clear();
        }
    }
    SourceOutcome outcome;
    outcome.status = QStringLiteral("imported");
    outcome.stats.events = kManyRows;
    writer.finishSource(sourceId, outcome);
    writer.commit();
    qInfo("built a case of %d events in %lld ms", kManyRows, static_cast<long long>(timer.elapsed()));
}

void TestEventTableModel::rowsFromRealSamples()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy started(&model, &EventTableModel::loadingStarted);
    QSignalSpy finished(&model, &EventTableModel::loadingFinished);

    model.setCase(m_realCase);
    // Nothing until the ids arrive from the worker.
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isLoading());
    QCOMPARE(started.count(), 1);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), 6);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.casePath(), m_realCase);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
    QCOMPARE(model.headerData(EventTableModel::CommandLineColumn, Qt::Horizontal).toString(),
        QStringLiteral("Command line"));

    // Timeline order, not import order: go-libaudit (2017) was imported second but comes first.
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(number(model, row - 1, EventTableModel::TimeNsRole) <= number(model, row, EventTableModel::TimeNsRole));

    // go-libaudit testdata_normal.log, line 3: grep --color=auto mapping, pid 13393.
    QCOMPARE(cell(model, 0, EventTableModel::TimeColumn), QStringLiteral("2017-04-12T22:48:11.036Z"));
    QCOMPARE(number(model, 0, EventTableModel::TimeNsRole), 1492037291036000000LL);
    QCOMPARE(cell(model, 0, EventTableModel::PidColumn), QStringLiteral("13393"));
    QCOMPARE(cell(model, 0, EventTableModel::PpidColumn), QStringLiteral("12041"));
    QCOMPARE(cell(model, 0, EventTableModel::UidColumn), QStringLiteral("1000"));
    QCOMPARE(cell(model, 0, EventTableModel::AuidColumn), QStringLiteral("1000"));
    QCOMPARE(cell(model, 0, EventTableModel::ResultColumn), QStringLiteral("ok"));
    QCOMPARE(cell(model, 0, EventTableModel::ExecutableColumn), QStringLiteral("/usr/bin/grep"));
    QCOMPARE(cell(model, 0, EventTableModel::CommandLineColumn), QStringLiteral("grep --color=auto mapping"));
    QCOMPARE(cell(model, 0, EventTableModel::CwdColumn), QStringLiteral("/home/andrew_kroh"));
    QCOMPARE(cell(model, 0, EventTableModel::SourceColumn), QStringLiteral("testdata_normal.log:3"));
    QCOMPARE(cell(model, 1, EventTableModel::PidColumn), QStringLiteral("13392"));
    QCOMPARE(cell(model, 1, EventTableModel::CommandLineColumn), QStringLiteral("cat securitybeat"));

    // laurel shell-proc-trace.txt, line 31: the script exec'd by dash.
    QCOMPARE(cell(model, 2, EventTableModel::TimeColumn), QStringLiteral("2023-04-27T15:24:05.526Z"));
    QCOMPARE(model.data(model.index(2, 0), EventTableModel::PidRole).toLongLong(), 71505);
    QCOMPARE(model.data(model.index(2, 0), EventTableModel::PpidRole).toLongLong(), 71432);
    QCOMPARE(model.data(model.index(2, 0), EventTableModel::ExecutableRole).toByteArray(),
        QByteArrayLiteral("/usr/bin/dash"));
    QCOMPARE(cell(model, 2, EventTableModel::CommandLineColumn),
        QStringLiteral("/bin/sh ./src/testdata/double-fork/test-script.sh"));
    QCOMPARE(cell(model, 2, EventTableModel::CwdColumn), QStringLiteral("/home/user/src/laurel"));
    QCOMPARE(cell(model, 2, EventTableModel::SourceColumn), QStringLiteral("shell-proc-trace.txt:31"));
    QCOMPARE(model.data(model.index(2, 0), EventTableModel::SourcePathRole).toString(),
        QStringLiteral("shell-proc-trace.txt"));
    QCOMPARE(model.data(model.index(2, 0), EventTableModel::LineRole).toLongLong(), 31);
    QVERIFY(model.data(model.index(2, 0), EventTableModel::SuccessRole).toBool());

    // Rows 3 and 4 share a millisecond (grep and echo), row 5 is sed with its three arguments.
    const QSet<qint64> pids{number(model, 3, EventTableModel::PidRole), number(model, 4, EventTableModel::PidRole)};
    QCOMPARE(pids, (QSet<qint64>{71507, 71508}));
    QCOMPARE(number(model, 5, EventTableModel::PidRole), 71509);
    const QList<QByteArray> argv = model.data(model.index(5, 0), EventTableModel::ArgvRole).value<QList<QByteArray>>();
    QCOMPARE(argv, (QList<QByteArray>{"/bin/sed", "-e", "s/foo/bar/"}));
    QCOMPARE(cell(model, 5, EventTableModel::CommandLineColumn), QStringLiteral("/bin/sed -e s/foo/bar/"));
    const QString tooltip = cell(model, 5, EventTableModel::CommandLineColumn, Qt::ToolTipRole);
    QVERIFY2(tooltip.contains(QStringLiteral("argv[2] = s/foo/bar/")), qPrintable(tooltip));

    // Every row has an id, and ids are distinct.
    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 id = number(model, row, EventTableModel::EventIdRole);
        QCOMPARE(id, model.eventId(row));
        QVERIFY(id > 0);
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 6);
    QCOMPARE(model.eventId(6), -1);
    QVERIFY(!model.data(model.index(0, 0), Qt::DecorationRole).isValid());
}

void TestEventTableModel::attributionColumnOnDemoCapture()
{
    // The real demo capture: the web container's entrypoint (pid 6605) and the host's scenario shell (pid 6529).
    const QString path = m_dir.filePath(QStringLiteral("demo.shimscope"));
    QCOMPARE(ImportJob(path, {QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/demo-2026-12-03/audit.log.gz")}).run().result,
             ImportReport::Result::Success);
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &EventTableModel::loadingFinished);
    model.setCase(path);
    QVERIFY(finished.wait(30000));
    int entrypoint = -1;
    int hostShell = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 pid = number(model, row, EventTableModel::PidRole);
        if (pid == 6605)
            entrypoint = row;
        if (pid == 6529)
            hostShell = row;
    }
    QVERIFY(entrypoint >= 0 && hostShell >= 0);
    QCOMPARE(cell(model, entrypoint, EventTableModel::WhereColumn), QStringLiteral("container 85209fd3eb3b"));
    QCOMPARE(cell(model, entrypoint, EventTableModel::WhereColumn, EventTableModel::ContainerIdRole),
             QStringLiteral("85209fd3eb3b54261d0082a0c815375e41e7ce666386f43cd72c8472d12105ab"));
    QVERIFY(cell(model, entrypoint, EventTableModel::WhereColumn, Qt::ToolTipRole).contains(QStringLiteral("entrypoint")));
    QCOMPARE(cell(model, hostShell, EventTableModel::WhereColumn), QStringLiteral("host"));
    QCOMPARE(cell(model, hostShell, EventTableModel::WhereColumn, EventTableModel::LocationRole), QStringLiteral("host"));

    // The demo bundle: a `ps -eo` listing beside the audit log. Its rows read "listed", kernel threads by name.
    const QString bundleCase = m_dir.filePath(QStringLiteral("bundle.shimscope"));
    QCOMPARE(ImportJob(bundleCase, {QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle")}).run().result,
             ImportReport::Result::Success);
    EventTableModel bundle;
    QSignalSpy bundleLoaded(&bundle, &EventTableModel::loadingFinished);
    bundle.setCase(bundleCase);
    QVERIFY(bundleLoaded.wait(30000));
    bool sawKthreadd = false;
    for (int row = 0; row < bundle.rowCount() && !sawKthreadd; ++row) {
        if (number(bundle, row, EventTableModel::PidRole) == 2
            && cell(bundle, row, EventTableModel::ResultColumn) == QLatin1String("listed")) {
            QCOMPARE(cell(bundle, row, EventTableModel::CommandLineColumn), QStringLiteral("[kthreadd]"));
            sawKthreadd = true;
        }
    }
    QVERIFY(sawKthreadd);
}

void TestEventTableModel::manyRowsPageAtStartMiddleAndEnd()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(load(model, m_bigCase));
    qInfo("loaded %d ids in %lld ms", model.rowCount(), static_cast<long long>(timer.elapsed()));
    QCOMPARE(model.rowCount(), kManyRows);

    // Start, page edges, middle, end; then back to the start after the cache has turned over.
    const int page = EventTableModel::kPageSize;
    const QList<int> rows{0, 1, page - 1, page, page + 1, kManyRows / 2 - 1, kManyRows / 2, kManyRows - page - 1,
        kManyRows - page, kManyRows - 2, kManyRows - 1};
    for (const int row : rows) {
        QCOMPARE(number(model, row, EventTableModel::PidRole), expectedPid(row));
        QCOMPARE(cell(model, row, EventTableModel::PidColumn), QString::number(expectedPid(row)));
        const int i = kManyRows - 1 - row;
        QCOMPARE(cell(model, row, EventTableModel::CommandLineColumn), QStringLiteral("tool --index %1").arg(i));
        QCOMPARE(cell(model, row, EventTableModel::SourceColumn), QStringLiteral("synthetic.log:%1").arg(i + 1));
        QCOMPARE(number(model, row, EventTableModel::TimeNsRole), kBaseTimeNs + static_cast<int64_t>(row) * 1000000);
    }
    QCOMPARE(cell(model, 0, EventTableModel::TimeColumn), QStringLiteral("2023-11-14T22:13:20.000Z"));
    QCOMPARE(cell(model, kManyRows - 1, EventTableModel::TimeColumn), QStringLiteral("2023-11-14T22:16:39.999Z"));

    // More pages than the cache holds, in a scattered order, then the first rows again.
    for (int k = 0; k < EventTableModel::kMaxCachedPages * 3; ++k) {
        const int row = static_cast<int>((static_cast<int64_t>(k) * 7919 * page + 13) % kManyRows);
        QCOMPARE(number(model, row, EventTableModel::PidRole), expectedPid(row));
    }
    QCOMPARE(number(model, 0, EventTableModel::PidRole), expectedPid(0));
    QCOMPARE(number(model, kManyRows - 1, EventTableModel::PidRole), expectedPid(kManyRows - 1));

    // A full scroll through every page keeps the timeline strictly ordered and every row resolved.
    timer.restart();
    qint64 previous = -1;
    for (int row = 0; row < kManyRows; ++row) {
        const qint64 time = number(model, row, EventTableModel::TimeNsRole);
        if (time <= previous)
            QFAIL(qPrintable(QStringLiteral("row %1 is out of time order").arg(row)));
        previous = time;
    }
    qInfo("scrolled through %d rows in %lld ms", kManyRows, static_cast<long long>(timer.elapsed()));

    // Failed execs and unset audit uids as the user sees them.
    const int failedRow = kManyRows - 1 - 7; // event 7 failed with -2
    QCOMPARE(cell(model, failedRow, EventTableModel::ResultColumn), QStringLiteral("failed (-2)"));
    QVERIFY(cell(model, failedRow, EventTableModel::ResultColumn, Qt::ToolTipRole).contains(QStringLiteral("ENOENT")));
    QVERIFY(!model.data(model.index(failedRow, 0), EventTableModel::SuccessRole).toBool());
    QCOMPARE(number(model, failedRow, EventTableModel::ExitCodeRole), -2);
    const int unsetRow = kManyRows - 1 - 3; // event 3: auid 4294967295
    QCOMPARE(cell(model, unsetRow, EventTableModel::AuidColumn), QStringLiteral("unset"));
    QCOMPARE(number(model, unsetRow, EventTableModel::AuidRole), EventTableModel::kUnsetAuid);
    QCOMPARE(cell(model, unsetRow - 1, EventTableModel::AuidColumn), QStringLiteral("1000"));
}

void TestEventTableModel::reloadKeepsRowsUntilNewOnesArrive()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(load(model, m_realCase));
    QSignalSpy finished(&model, &EventTableModel::loadingFinished);
    model.reload();
    QCOMPARE(model.rowCount(), 6); // no flash to an empty table
    QVERIFY(model.isLoading());
    QVERIFY(finished.wait(30000));
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(cell(model, 0, EventTableModel::PidColumn), QStringLiteral("13393"));
}

void TestEventTableModel::staleLoadIsDropped()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &EventTableModel::loadingFinished);
    QSignalSpy failed(&model, &EventTableModel::loadingFailed);

    // The large case is still loading when the small one is asked for: only the small one may ever show.
    model.setCase(m_bigCase);
    model.setCase(m_realCase);
    QVERIFY(finished.wait(60000));
    QThreadPool::globalInstance()->waitForDone(); // both workers have ended...
    QTest::qWait(200);                            // ...and their results have been delivered
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), 6);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.casePath(), m_realCase);
    QCOMPARE(cell(model, 0, EventTableModel::PidColumn), QStringLiteral("13393"));
}

void TestEventTableModel::unreadableFilesAreReported_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    const QString notACase = QStringLiteral("The file is not a ShimScope case file.");
    QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("There is no such file.");
    QTest::newRow("text") << QStringLiteral("text") << notACase;
    QTest::newRow("empty") << QStringLiteral("empty") << notACase;
    QTest::newRow("other application's database") << QStringLiteral("foreign") << notACase;
    QTest::newRow("newer case format")
        << QStringLiteral("newer")
        << QStringLiteral("The case was written by a newer version of ShimScope (case format 99; this version reads "
                          "up to %1).")
               .arg(CaseFile::currentSchemaVersion());
}

void TestEventTableModel::unreadableFilesAreReported()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(QStringLiteral("bad-%1.shimscope").arg(kind));
    if (kind == QLatin1String("text") || kind == QLatin1String("empty")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (kind == QLatin1String("text"))
            file.write("type=SYSCALL msg=audit(1.0:1): not a case\n");
    } else if (kind == QLatin1String("foreign")) {
        Database db(path, Database::Mode::ReadWriteCreate);
        db.exec("CREATE TABLE t (x); PRAGMA user_version=3;");
    } else if (kind == QLatin1String("newer")) {
        QVERIFY(QFile::copy(m_realCase, path));
        Database db(path, Database::Mode::ReadWrite);
        db.exec("PRAGMA user_version=99");
    }

    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(load(model, m_realCase));
    QSignalSpy failed(&model, &EventTableModel::loadingFailed);
    QSignalSpy finished(&model, &EventTableModel::loadingFinished);
    model.setCase(path);
    QVERIFY(failed.wait(30000));
    QCOMPARE(failed.first().at(0).toString(), path);
    QCOMPARE(failed.first().at(1).toString(), expected);
    QVERIFY(!failed.first().at(2).toString().isEmpty()); // the underlying message
    QCOMPARE(finished.count(), 0);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
}

void TestEventTableModel::clearShowsNothing()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(load(model, m_realCase));
    QSignalSpy started(&model, &EventTableModel::loadingStarted);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.casePath(), QString());
    QVERIFY(!model.isLoading());
    QCOMPARE(started.count(), 0);
}

void TestEventTableModel::untrustedTextIsEscaped_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QByteArrayLiteral("/usr/bin/grep") << QStringLiteral("/usr/bin/grep");
    QTest::newRow("newline and tab") << QByteArrayLiteral("a\nb\tc\r") << QStringLiteral("a\\nb\\tc\\r");
    QTest::newRow("terminal escape") << QByteArrayLiteral("\x1b[31mred") << QStringLiteral("\\x1b[31mred");
    QTest::newRow("nul and del") << QByteArray("x\0y\x7f", 4) << QStringLiteral("x\\x00y\\x7f");
    QTest::newRow("utf-8") << QByteArrayLiteral("caf\xc3\xa9 \xe2\x82\xac") << QStringLiteral("café €");
    QTest::newRow("emoji") << QByteArrayLiteral("\xf0\x9f\x90\xb3") << QStringLiteral("🐳");
    QTest::newRow("invalid byte") << QByteArrayLiteral("a\xff"
                                                       "b")
                                  << QStringLiteral("a\\xffb");
    QTest::newRow("truncated sequence") << QByteArrayLiteral("\xe2\x82") << QStringLiteral("\\xe2\\x82");
    QTest::newRow("overlong slash") << QByteArrayLiteral("\xc0\xaf") << QStringLiteral("\\xc0\\xaf");
    QTest::newRow("surrogate") << QByteArrayLiteral("\xed\xa0\x80") << QStringLiteral("\\xed\\xa0\\x80");
    QTest::newRow("C1 control") << QByteArrayLiteral("\xc2\x9b"
                                                     "1m")
                                << QStringLiteral("\\u{009b}1m");
    // With U+202E (right-to-left override) "/tmp/<RLO>txt.exe" reads as "/tmp/exe.txt": overrides must be visible.
    QTest::newRow("right-to-left override")
        << QByteArrayLiteral("/tmp/\xe2\x80\xaetxt.exe") << QStringLiteral("/tmp/\\u{202e}txt.exe");
    QTest::newRow("zero width space") << QByteArrayLiteral("ba\xe2\x80\x8bsh") << QStringLiteral("ba\\u{200b}sh");
}

void TestEventTableModel::untrustedTextIsEscaped()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, shown);
    QCOMPARE(EventTableModel::displayText(bytes), shown);
}

void TestEventTableModel::commandLineQuoting()
{
    QCOMPARE(EventTableModel::commandLine({}), QString());
    QCOMPARE(EventTableModel::commandLine({"ls", "-la", "/tmp"}), QStringLiteral("ls -la /tmp"));
    QCOMPARE(EventTableModel::commandLine({"sh", "-c", "echo hi; id"}), QStringLiteral("sh -c 'echo hi; id'"));
    QCOMPARE(EventTableModel::commandLine({"echo", ""}), QStringLiteral("echo ''"));
    QCOMPARE(EventTableModel::commandLine({"echo", "it's"}), QStringLiteral("echo 'it'\\''s'"));
    QCOMPARE(EventTableModel::commandLine({"printf", "a\nb"}), QStringLiteral("printf 'a\\nb'"));
}

QTEST_GUILESS_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
