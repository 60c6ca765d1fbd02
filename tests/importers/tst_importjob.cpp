// SPDX-License-Identifier: GPL-3.0-or-later
// ImportJob end to end on real samples: provenance, bad input mixed with good input, cancel, failures.

#include "casefile.h"
#include "casereader.h"
#include "importjob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

using namespace ShimScope;

namespace
{
QString sample(const char* relative)
{
    return QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/") + QString::fromUtf8(relative);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

QString write(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray gzip(const QByteArray& data)
{
    QByteArray out(static_cast<qsizetype>(compressBound(static_cast<uLong>(data.size()))) + 64, '\0');
    z_stream zs = {};
    deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

/// The exec events go-libaudit's normal.log holds: grep (serial 59) and cat (serial 60).
constexpr int64_t kNormalLogExecs = 2;

std::vector<EventRow> allEvents(const QString& casePath)
{
    CaseReader reader(casePath);
    const std::vector<int64_t> ids = reader.eventIdsInTimeOrder();
    return reader.events(ids);
}
} // namespace

class TestImportJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsRealSampleWithProvenance()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.shimscope"));
        const QString input = sample("auditd/go-libaudit/testdata_normal.log");
        ImportJob job(casePath, {input}, {QStringLiteral("web01"), QStringLiteral("analyst-a")});
        const ImportReport report = job.run();
        QCOMPARE(report.result, ImportReport::Result::Success);
        QVERIFY(report.createdCase);
        QCOMPARE(report.files.size(), 1);
        const FileReport& file = report.files.first();
        QCOMPARE(file.format, QStringLiteral("auditd"));
        QCOMPARE(file.status, QStringLiteral("imported"));
        QCOMPARE(file.stats.events, kNormalLogExecs);
        const QByteArray content = readFile(input);
        QCOMPARE(file.sha256Hex, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());

        CaseReader reader(casePath);
        const QList<SourceRow> sources = reader.sources();
        QCOMPARE(sources.size(), 1);
        QCOMPARE(sources.first().sha256, QString::fromLatin1(file.sha256Hex));
        QCOMPARE(sources.first().size, int64_t(content.size()));
        QCOMPARE(sources.first().format, QStringLiteral("auditd"));
        QCOMPARE(sources.first().importedBy, QStringLiteral("analyst-a"));
        QVERIFY(sources.first().importerVersion.startsWith(QStringLiteral("auditd/")));
        QCOMPARE(sources.first().events, kNormalLogExecs);

        const std::vector<EventRow> events = allEvents(casePath);
        QCOMPARE(events.size(), size_t(kNormalLogExecs));
        QCOMPARE(events[0].exe, QByteArray("/usr/bin/grep"));
        QCOMPARE(events[0].argv, (QList<QByteArray>{"grep", "--color=auto", "mapping"}));
        QCOMPARE(events[0].cwd, QByteArray("/home/andrew_kroh"));
        QCOMPARE(events[0].host, QStringLiteral("web01")); // no node= in this log
        QCOMPARE(events[0].record, QStringLiteral("1492037291.036:59"));
        QCOMPARE(events[0].timeNs, int64_t(1492037291036) * 1000000);
        QCOMPARE(events[1].argv, (QList<QByteArray>{"cat", "securitybeat"}));
        // The event's line points at its first record in the file.
        const QList<QByteArray> lines = content.split('\n');
        QVERIFY(lines.at(events[0].line - 1).contains("type=SYSCALL msg=audit(1492037291.036:59)"));
    }

    void gzipAndPlainGiveTheSameEvents()
    {
        QTemporaryDir dir;
        const QString plain = sample("auditd/laurel/shell-proc-trace.txt");
        const QString gz = write(dir.filePath(QStringLiteral("in/audit.log.1.gz")), gzip(readFile(plain)));
        const QString casePlain = dir.filePath(QStringLiteral("plain.shimscope"));
        const QString caseGz = dir.filePath(QStringLiteral("gz.shimscope"));
        QCOMPARE(ImportJob(casePlain, {plain}).run().result, ImportReport::Result::Success);
        QCOMPARE(ImportJob(caseGz, {gz}).run().result, ImportReport::Result::Success);
        const std::vector<EventRow> a = allEvents(casePlain);
        const std::vector<EventRow> b = allEvents(caseGz);
        QCOMPARE(a.size(), size_t(4)); // bash, ls, cat, and a pipeline's tr in this capture
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].argv, b[i].argv);
            QCOMPARE(a[i].pid, b[i].pid);
            QCOMPARE(a[i].line, b[i].line);
        }
    }

    void badInputAmongGoodInputLosesNothingElse()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("bundle"));
        const QByteArray normal = readFile(sample("auditd/go-libaudit/testdata_normal.log"));
        // Damaged audit log: the real log, then garbage, invalid UTF-8, a 20 MB line and the real records of
        // record-execve.txt with its last line cut in the middle.
        QByteArray damaged = normal;
        damaged += "this is not an audit record\n";
        damaged += "type=SYSCALL msg=audit(1492037300.000:70): arch=c000003e syscall=59 success=yes exit=0 "
                   "comm=\"\xff\xfe\xfd\" exe=\"/bin/\xc3\x28\" pid=1 ppid=0\n";
        damaged += "type=EOE msg=audit(1492037300.000:70): \n";
        damaged += QByteArray(20 * 1024 * 1024, 'Z') + "\n";
        const QByteArray execve = readFile(sample("auditd/laurel/record-execve.txt"));
        damaged += execve.left(execve.size() - 20);
        write(folder + QStringLiteral("/var/log/audit/audit.log"), damaged);
        // Random bytes, an empty file and a real sample beside them.
        QByteArray random(64 * 1024, '\0');
        QRandomGenerator rng(42);
        for (char& c : random)
            c = static_cast<char>(rng.bounded(256));
        write(folder + QStringLiteral("/random.bin"), random);
        write(folder + QStringLiteral("/empty.log"), {});
        write(folder + QStringLiteral("/var/log/audit/audit.log.1"), normal);

        const QString casePath = dir.filePath(QStringLiteral("case.shimscope"));
        const ImportReport report = ImportJob(casePath, {folder}).run();
        QCOMPARE(report.result, ImportReport::Result::Success);
        QCOMPARE(report.files.size(), 4);
        QHash<QString, FileReport> byPath;
        for (const FileReport& f : report.files)
            byPath.insert(f.path, f);
        QCOMPARE(byPath.value(QStringLiteral("random.bin")).status, QStringLiteral("skipped"));
        QVERIFY(!byPath.value(QStringLiteral("random.bin")).message.isEmpty());
        QCOMPARE(byPath.value(QStringLiteral("empty.log")).status, QStringLiteral("skipped"));
        QCOMPARE(byPath.value(QStringLiteral("empty.log")).message, QStringLiteral("empty file"));
        QCOMPARE(byPath.value(QStringLiteral("var/log/audit/audit.log.1")).stats.events, kNormalLogExecs);

        const FileReport damagedReport = byPath.value(QStringLiteral("var/log/audit/audit.log"));
        QCOMPARE(damagedReport.status, QStringLiteral("imported"));
        // normal.log's two execs, the exec with invalid UTF-8, and whoami from record-execve.txt (cut at its end).
        QCOMPARE(damagedReport.stats.events, kNormalLogExecs + 2);
        QVERIFY(damagedReport.stats.recordsSkipped >= 2); // the prose line and the 20 MB line
        const int64_t firstBadLine = normal.count('\n') + 1;
        bool namedLine = false;
        for (const RecordError& e : damagedReport.stats.errors)
            namedLine = namedLine || e.line == firstBadLine;
        QVERIFY2(namedLine, "the first error names the line of the prose record");

        const std::vector<EventRow> events = allEvents(casePath);
        QCOMPARE(events.size(), size_t(2 * kNormalLogExecs + 2));
        bool sawInvalidUtf8 = false;
        bool sawWhoami = false;
        for (const EventRow& e : events) {
            sawInvalidUtf8 = sawInvalidUtf8 || e.exe == QByteArray("/bin/\xc3\x28");
            sawWhoami = sawWhoami || e.exe == QByteArray("/usr/bin/whoami");
        }
        QVERIFY(sawInvalidUtf8);
        QVERIFY(sawWhoami);
        // Skipped files are still listed in the case's provenance.
        CaseReader reader(casePath);
        QCOMPARE(reader.sources().size(), 4);
    }

    void checksumManifestIsChecked()
    {
        // The demo bundle's manifest lists every other file: all match. A tampered copy is reported by name.
        QTemporaryDir dir;
        const QString bundle = QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle");
        // Given as a relative path, as a user types it: names inside the bundle stay relative to the bundle.
        const QString relative = QDir::current().relativeFilePath(bundle);
        const ImportReport report = ImportJob(dir.filePath(QStringLiteral("a.shimscope")), {relative}).run();
        QCOMPARE(report.result, ImportReport::Result::Success);
        const FileReport manifest = report.files.constLast();
        QCOMPARE(manifest.path, QStringLiteral("manifest.sha256"));
        QCOMPARE(manifest.status, QStringLiteral("manifest"));
        QCOMPARE(manifest.message, QStringLiteral("checksum manifest: 3 of 3 files match"));
        for (const FileReport& f : report.files)
            QVERIFY2(f.sha256Hex.size() == 64, qPrintable(f.path)); // skipped files keep their hash too

        const QString copy = dir.filePath(QStringLiteral("bundle"));
        QVERIFY(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), bundle, copy}) == 0);
        QFile ps(copy + QStringLiteral("/live/ps-eo.txt"));
        QVERIFY(ps.open(QIODevice::Append));
        ps.write("99999     1 root     Thu Dec  3 17:40:00 2026 /tmp/.hidden\n");
        ps.close();
        const ImportReport tampered = ImportJob(dir.filePath(QStringLiteral("b.shimscope")), {copy}).run();
        const QString message = tampered.files.constLast().message;
        QVERIFY2(message.startsWith(QStringLiteral("checksum manifest: 2 of 3 files match")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("live/ps-eo.txt DOES NOT MATCH")), qPrintable(message));
    }

    void missingInputIsReportedAndTheRestImported()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.shimscope"));
        const ImportReport report =
            ImportJob(casePath, {dir.filePath(QStringLiteral("nope.log")), sample("auditd/go-libaudit/testdata_normal.log")})
                .run();
        QCOMPARE(report.result, ImportReport::Result::Partial);
        QCOMPARE(report.files.first().status, QStringLiteral("failed"));
        QCOMPARE(report.files.first().message, QStringLiteral("no such file"));
        QCOMPARE(report.events, kNormalLogExecs);
        QCOMPARE(CaseReader(casePath).eventCount(), kNormalLogExecs);
    }

    void cancelledImportLeavesCaseAsItWas()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("case.shimscope"));
        QCOMPARE(ImportJob(casePath, {sample("auditd/go-libaudit/testdata_normal.log")}).run().result,
                 ImportReport::Result::Success);
        const QByteArray before = readFile(casePath);

        std::atomic_bool cancel{false};
        const ImportReport report =
            ImportJob(casePath, {sample("auditd/laurel/shell-proc-trace.txt")})
                .run(&cancel, [&cancel](int64_t, int64_t, const QString&) { cancel = true; });
        QCOMPARE(report.result, ImportReport::Result::Cancelled);
        CaseReader reader(casePath);
        QCOMPARE(reader.eventCount(), kNormalLogExecs);
        QCOMPARE(reader.sources().size(), 1);
        QCOMPARE(reader.database().queryInt("SELECT count(*) FROM import_runs"), int64_t(1));
    }

    void cancelledImportCreatesNoCase()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("never.shimscope"));
        std::atomic_bool cancel{true};
        const ImportReport report = ImportJob(casePath, {sample("auditd/laurel/shell-proc-trace.txt")}).run(&cancel);
        QCOMPARE(report.result, ImportReport::Result::Cancelled);
        QVERIFY(!QFile::exists(casePath));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }

    void unwritableCaseFailsCleanly()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("no/such/folder/case.shimscope"));
        const ImportReport report = ImportJob(casePath, {sample("auditd/go-libaudit/testdata_normal.log")}).run();
        QCOMPARE(report.result, ImportReport::Result::Failed);
        QVERIFY(!report.error.isEmpty());
        QVERIFY(!QFile::exists(casePath));
    }

    void foreignDatabaseIsNotTouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        {
            Database db(path, Database::Mode::ReadWriteCreate);
            db.exec("CREATE TABLE mine (x); INSERT INTO mine VALUES (1)");
        }
        const QByteArray before = readFile(path);
        const ImportReport report = ImportJob(path, {sample("auditd/go-libaudit/testdata_normal.log")}).run();
        QCOMPARE(report.result, ImportReport::Result::Failed);
        QVERIFY2(report.error.contains(QStringLiteral("not a ShimScope case")), qPrintable(report.error));
        QCOMPARE(readFile(path), before);
    }
};

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_importjob.moc"
