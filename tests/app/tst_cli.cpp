// SPDX-License-Identifier: GPL-3.0-or-later
// shimscope-cli as a user and a script see it: help, exit codes, output, and an import killed with SIGKILL.

#include "casefile.h"
#include "casereader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace ShimScope;

namespace
{
QString sample(const char* relative)
{
    return QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/") + QString::fromUtf8(relative);
}

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(SHIMSCOPE_CLI_PATH), arguments);
    if (!process.waitForFinished(120000))
        qFatal("shimscope-cli did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

/// A large real-shaped audit log: go-libaudit's normal.log repeated with fresh serials and times.
QString writeLargeLog(const QString& path, int repetitions)
{
    QFile in(sample("auditd/go-libaudit/testdata_normal.log"));
    if (!in.open(QIODevice::ReadOnly))
        qFatal("sample missing");
    const QList<QByteArray> lines = in.readAll().split('\n');
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        qFatal("cannot write");
    static const QRegularExpression header(QStringLiteral("msg=audit\\((\\d+)\\.(\\d+):(\\d+)\\)"));
    int64_t serialBase = 1000;
    QByteArray buffer;
    for (int r = 0; r < repetitions; ++r) {
        for (const QByteArray& line : lines) {
            if (line.isEmpty())
                continue;
            const QString text = QString::fromUtf8(line);
            const QRegularExpressionMatch m = header.match(text);
            if (!m.hasMatch())
                continue;
            const int64_t serial = serialBase + m.captured(3).toLongLong();
            const int64_t seconds = 1600000000 + r;
            QString replaced = text;
            replaced.replace(m.capturedStart(), m.capturedLength(),
                             QStringLiteral("msg=audit(%1.%2:%3)").arg(seconds).arg(m.captured(2)).arg(serial));
            buffer += replaced.toUtf8() + '\n';
        }
        serialBase += 5; // normal.log uses serials 58-62: consecutive copies leave no serial gap
        if (buffer.size() > (1 << 20)) {
            out.write(buffer);
            buffer.clear();
        }
    }
    out.write(buffer);
    return path;
}

int64_t count(const QString& casePath, const char* sql)
{
    Database db = CaseFile::openReadOnly(casePath);
    return db.queryInt(sql);
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("top") << QStringList{QStringLiteral("--help")} << QStringLiteral("import CASE INPUT");
        QTest::newRow("import") << QStringList{QStringLiteral("import"), QStringLiteral("--help")}
                                << QStringLiteral("--host");
        QTest::newRow("events") << QStringList{QStringLiteral("events"), QStringLiteral("--help")}
                                << QStringLiteral("--json");
        QTest::newRow("top lists csv-columns") << QStringList{QStringLiteral("--help")}
                                               << QStringLiteral("csv-columns FILE");
        QTest::newRow("import csv-map") << QStringList{QStringLiteral("import"), QStringLiteral("--help")}
                                        << QStringLiteral("--csv-map <MAPPING>");
        QTest::newRow("import remember") << QStringList{QStringLiteral("import"), QStringLiteral("--help")}
                                         << QStringLiteral("--remember");
        QTest::newRow("import timezone") << QStringList{QStringLiteral("import"), QStringLiteral("--help")}
                                         << QStringLiteral("--csv-timezone <ZONE>");
        QTest::newRow("csv-columns") << QStringList{QStringLiteral("csv-columns"), QStringLiteral("--help")}
                                     << QStringLiteral("--csv-mappings <FILE>");
    }

    // csv-columns on the real ausearch export: header, delimiter, automatic mapping and what is missing.
    void csvColumnsNamesWhatIsMissing()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("m.json"));
        const Result r = runCli({QStringLiteral("csv-columns"),
                                 QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/csv/ausearch-main.csv.gz"),
                                 QStringLiteral("--csv-mappings"), store});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QLatin1String("delimiter: comma\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("header (line 1, 16 columns):")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("  #5  SERIAL_NUM\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("automatic mapping: time=DATE+TIME,host=NODE,user=SUBJ_SEC,"
                                              "exe=OBJ_PRIME\n")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("missing for an automatic import: pid\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("import: skipped:")), qPrintable(r.out));

        const Result elastic = runCli({QStringLiteral("csv-columns"),
                                       QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/csv/elastic-like-main.csv.gz"),
                                       QStringLiteral("--csv-mappings"), store});
        QCOMPARE(elastic.exitCode, 0);
        QVERIFY2(elastic.out.contains(QLatin1String(
                     "import: automatic mapping time=@timestamp,host=host.name,pid=process.pid,"
                     "ppid=process.parent.pid,user=user.name,exe=process.executable,"
                     "commandLine=process.command_line,cwd=process.working_directory,comm=process.name "
                     "(times without zone in UTC)")),
                 qPrintable(elastic.out));
    }

    // A header no synonym knows: skipped with the columns named; --csv-map imports it, --remember keeps the mapping
    // for the next import of the same columns; bad rows are printed as file:line: message.
    void csvMapAndRemember()
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("edr.tsv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("when\tbox\tp\tpp\tthing\targs\n"
                   "12/03/2026 18:35:32\tweb1\t4242\t1\t/usr/bin/curl\tcurl -s 'http://x/a b'\n"
                   "12/03/2026 18:35:33\tweb1\tx\t1\t/usr/bin/id\tid\n");
        file.close();
        const QString store = dir.filePath(QStringLiteral("conf/csv-mappings.json"));
        const QString case1 = dir.filePath(QStringLiteral("a.shimscope"));

        const Result skipped = runCli({QStringLiteral("import"), case1, csv, QStringLiteral("--csv-mappings"), store});
        QCOMPARE(skipped.exitCode, 1);
        QVERIFY2(skipped.out.contains(QLatin1String("status: skipped (CSV/TSV export with columns "
                                                    "when,box,p,pp,thing,args")),
                 qPrintable(skipped.out));
        QVERIFY2(skipped.out.contains(QLatin1String("--csv-map time=COLUMN")), qPrintable(skipped.out));

        const Result bad = runCli({QStringLiteral("import"), case1, csv, QStringLiteral("--csv-map"),
                                   QStringLiteral("colour=x")});
        QCOMPARE(bad.exitCode, 2);

        const Result mapped = runCli({QStringLiteral("import"), case1, csv, QStringLiteral("--csv-map"),
                                      QStringLiteral("time=when,host=box,pid=p"), QStringLiteral("--csv-map"),
                                      QStringLiteral("ppid=pp,exe=thing,commandLine=args"),
                                      QStringLiteral("--csv-timezone"), QStringLiteral("Europe/Berlin"),
                                      QStringLiteral("--remember"), QStringLiteral("--csv-mappings"), store});
        QCOMPARE(mapped.exitCode, 0);
        QVERIFY2(mapped.out.contains(QLatin1String("remembered CSV mapping time=when,host=box,pid=p,ppid=pp,"
                                                   "exe=thing,commandLine=args for the columns of")),
                 qPrintable(mapped.out));
        QVERIFY2(mapped.out.contains(QLatin1String("format: csv  events: 1 ")), qPrintable(mapped.out));
        QVERIFY2(mapped.out.contains(QStringLiteral("edr.tsv:3: column 'p' (pid) value 'x' is not a number")),
                 qPrintable(mapped.out));
        QVERIFY(QFile::exists(store));

        const Result events = runCli({QStringLiteral("events"), case1, QStringLiteral("--json")});
        QVERIFY2(events.out.contains(QLatin1String("\"argv\":[\"curl\",\"-s\",\"http://x/a b\"]")),
                 qPrintable(events.out));
        QVERIFY2(events.out.contains(QLatin1String("\"time\":\"2026-12-03T17:35:32")), qPrintable(events.out));
        QVERIFY2(events.out.contains(QLatin1String("\"pid\":4242")), qPrintable(events.out));

        // Remembered: the same columns import without --csv-map, in the remembered zone.
        const Result again = runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("b.shimscope")), csv,
                                     QStringLiteral("--csv-mappings"), store});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QLatin1String("format: csv  events: 1 ")), qPrintable(again.out));
        const Result columns = runCli({QStringLiteral("csv-columns"), csv, QStringLiteral("--csv-mappings"), store});
        QVERIFY2(columns.out.contains(QLatin1String("import: remembered mapping time=when,")), qPrintable(columns.out));
        QVERIFY2(columns.out.contains(QLatin1String("(times without zone in Europe/Berlin)")), qPrintable(columns.out));
    }

    void helpForEveryCommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Result r = runCli(arguments);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    }

    void unknownCommandIsAUsageError()
    {
        const Result r = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("Usage")));
    }

    void importPrintsPerFileSummaryAndEventsListsThem()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.shimscope"));
        const Result r = runCli({QStringLiteral("import"), casePath, sample("auditd/laurel/record-execve-long.txt")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("format: auditd")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("events: 1 ")), qPrintable(r.out));

        const Result json = runCli({QStringLiteral("events"), casePath, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QStringList lines = json.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        const QJsonObject event = QJsonDocument::fromJson(lines.first().toUtf8()).object();
        // exe is the image the kernel ran; argv[0] is what the caller passed.
        QCOMPARE(event.value(QStringLiteral("exe")).toString(), QStringLiteral("/usr/bin/echo"));
        QCOMPARE(event.value(QStringLiteral("argv")).toArray().at(0).toString(), QStringLiteral("/bin/echo"));
        QCOMPARE(event.value(QStringLiteral("pid")).toInteger(), 8832);
        QCOMPARE(event.value(QStringLiteral("time")).toString(), QStringLiteral("2021-03-07T21:02:54.493Z"));
        QCOMPARE(event.value(QStringLiteral("argv")).toArray().at(1).toString().size(), 8192);
        QCOMPARE(event.value(QStringLiteral("source")).toObject().value(QStringLiteral("record")).toString(),
                 QStringLiteral("1615150974.493:21028"));

        const Result text = runCli({QStringLiteral("events"), casePath});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(QStringLiteral("pid=8832 ppid=10881")));
    }

    void unusableInputGivesNonZeroExit()
    {
        QTemporaryDir dir;
        const QString junk = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("meeting notes, not a log\n");
        file.close();
        const Result r = runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("c.shimscope")), junk});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("skipped")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("not a recognised execution log")), qPrintable(r.out));

        const Result missing = runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("c.shimscope"))});
        QCOMPARE(missing.exitCode, 2);
    }

    void sigkillMidImportLeavesCaseExactlyAsItWas_data()
    {
        QTest::addColumn<bool>("existingCase");
        QTest::newRow("existing case") << true;
        QTest::newRow("new case") << false;
    }

    void sigkillMidImportLeavesCaseExactlyAsItWas()
    {
        QFETCH(bool, existingCase);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.shimscope"));
        int64_t eventsBefore = 0;
        if (existingCase) {
            QCOMPARE(runCli({QStringLiteral("import"), casePath, sample("auditd/go-libaudit/testdata_normal.log")})
                         .exitCode,
                     0);
            eventsBefore = count(casePath, "SELECT count(*) FROM exec_events");
            QCOMPARE(eventsBefore, int64_t(2));
        }
        // ~200 MB of log: long enough to be killed part-way on any machine.
        const QString big = writeLargeLog(dir.filePath(QStringLiteral("big.log")), 60000);

        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral(SHIMSCOPE_CLI_PATH),
                      {QStringLiteral("import"), casePath, big, QStringLiteral("--progress")});
        QVERIFY(process.waitForStarted());
        process.setReadChannel(QProcess::StandardError); // progress goes to stderr
        // Wait until the importer reports real progress (it is parsing and writing), then kill it without warning.
        static const QRegularExpression percent(QStringLiteral("progress: (\\d+)%"));
        bool midway = false;
        while (!midway && process.waitForReadyRead(60000)) {
            const QString err = QString::fromUtf8(process.readAllStandardError());
            auto it = percent.globalMatch(err);
            while (it.hasNext()) {
                const int value = it.next().captured(1).toInt();
                midway = midway || (value >= 10 && value < 90);
            }
        }
        QVERIFY2(midway, "the import never reported progress between 10% and 90%");
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);

        if (existingCase) {
            // SQLite recovers the WAL on open: the interrupted transaction is gone, the case passes its check.
            Database db = CaseFile::openReadOnly(casePath);
            QCOMPARE(db.queryInt("SELECT count(*) FROM exec_events"), eventsBefore);
            QCOMPARE(db.queryInt("SELECT count(*) FROM import_runs"), int64_t(1));
            QCOMPARE(db.queryInt("SELECT count(*) FROM sources"), int64_t(1));
            Statement check(db, "PRAGMA integrity_check");
            QVERIFY(check.step());
            QCOMPARE(check.columnText(0), QStringLiteral("ok"));
        } else {
            QVERIFY2(!QFile::exists(casePath), "a killed import must not leave a case behind");
        }
        // The case is usable afterwards: a new import completes.
        const Result again = runCli({QStringLiteral("import"), casePath, sample("auditd/laurel/record-execve.txt")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(count(casePath, "SELECT count(*) FROM exec_events"), eventsBefore + 1);
        // ... and the killed run's temporary build file has been cleaned up.
        const QStringList leftovers = QDir(dir.path()).entryList({QStringLiteral("*.importing-*")}, QDir::Files);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
