// SPDX-License-Identifier: GPL-3.0-or-later
// Raw records re-read from the files a case was imported from: the demo bundle's auditd event of /.redtail (all its
// records, interleaved or not), a ps listing row, a file that changed since, a record inside an archive, a moved file.

#include "casereader.h"
#include "importjob.h"
#include "processquery.h"
#include "sourceexcerpt.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

namespace
{
const QString kBundle = QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle");

bool copyTree(const QString& from, const QString& to)
{
    return QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), from, to}) == 0;
}
} // namespace

class TestSourceExcerpt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void auditEventWithAllItsRecords();
    void listingRowIsOneLine();
    void changedFileIsReportedNotShown();
    void movedFileAndArchiveEntry();

private:
    QList<SourceRecordRow> recordsOf(const QString& casePath, int64_t pid, const QByteArray& exe);
};

QList<SourceRecordRow> TestSourceExcerpt::recordsOf(const QString& casePath, int64_t pid, const QByteArray& exe)
{
    CaseReader reader(casePath);
    ProcessQuery query(reader.database());
    for (const NodeRow& row : query.findByPid(pid)) {
        if (row.exe == exe || (exe.isEmpty() && row.exe.isEmpty()))
            return query.sourceRecords(row.id);
    }
    return {};
}

void TestSourceExcerpt::auditEventWithAllItsRecords()
{
    QTemporaryDir dir;
    const QString casePath = dir.filePath(QStringLiteral("demo.shimscope"));
    QCOMPARE(ImportJob(casePath, {kBundle}).run().result, ImportReport::Result::Success);
    const QList<SourceRecordRow> records = recordsOf(casePath, 6759, "/.redtail");
    QCOMPARE(records.size(), 1);
    const SourceRecordRow& r = records.first();
    const SourceExcerpt excerpt = readSourceExcerpt(r.input, r.path, casePath, r.line, r.record, r.sha256);
    QVERIFY2(excerpt.error.isEmpty(), qPrintable(excerpt.error));
    QVERIFY(excerpt.verified);
    QCOMPARE(excerpt.firstLine, r.line);
    QVERIFY(excerpt.file.endsWith(QLatin1String("var/log/audit/audit.log.gz")));
    // SYSCALL, EXECVE, CWD, PATH…, PROCTITLE of the one event, each line carrying its id.
    QVERIFY(excerpt.lines.size() >= 4);
    QVERIFY(excerpt.lines.first().startsWith("type=SYSCALL"));
    QVERIFY(excerpt.lines.first().contains("exe=\"/.redtail\""));
    bool execve = false;
    for (const QByteArray& line : excerpt.lines) {
        QVERIFY(line.contains(QByteArray(QByteArray("msg=audit(") + r.record.toUtf8() + ")")));
        execve = execve || (line.startsWith("type=EXECVE") && line.contains("a0=\"systemd\""));
    }
    QVERIFY(execve);
}

void TestSourceExcerpt::listingRowIsOneLine()
{
    QTemporaryDir dir;
    const QString casePath = dir.filePath(QStringLiteral("demo.shimscope"));
    QCOMPARE(ImportJob(casePath, {kBundle}).run().result, ImportReport::Result::Success);
    // containerd is known from the ps listing only.
    const QList<SourceRecordRow> records = recordsOf(casePath, 29272, {});
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().format, QStringLiteral("ps"));
    const SourceExcerpt excerpt
        = readSourceExcerpt(records.first().input, records.first().path, casePath, records.first().line, {});
    QCOMPARE(excerpt.lines.size(), 1);
    QVERIFY(excerpt.lines.first().contains("29272"));
    QVERIFY(excerpt.lines.first().contains("containerd"));
    QVERIFY(!excerpt.verified); // a listing has no record id, and no hash was given to check
    const SourceExcerpt hashed = readSourceExcerpt(records.first().input, records.first().path, casePath,
                                                   records.first().line, {}, records.first().sha256);
    QCOMPARE(hashed.lines, excerpt.lines);
    QVERIFY(hashed.verified);
}

void TestSourceExcerpt::changedFileIsReportedNotShown()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("bundle"));
    QVERIFY(copyTree(kBundle, copy));
    const QString casePath = dir.filePath(QStringLiteral("copy.shimscope"));
    QCOMPARE(ImportJob(casePath, {copy}).run().result, ImportReport::Result::Success);
    const QList<SourceRecordRow> records = recordsOf(casePath, 6759, "/.redtail");
    QCOMPARE(records.size(), 1);
    // Someone removed the log's first line after the import: line N is now the next record.
    const QString log = copy + QStringLiteral("/var/log/audit/audit.log.gz");
    QCOMPARE(QProcess::execute(QStringLiteral("sh"), {QStringLiteral("-c"),
                                                      QStringLiteral("zcat '%1' | sed 1d | gzip > '%1.new' && "
                                                                     "mv '%1.new' '%1'").arg(log)}),
             0);
    const SourceRecordRow& r = records.first();
    const SourceExcerpt excerpt = readSourceExcerpt(r.input, r.path, casePath, r.line, r.record, r.sha256);
    QVERIFY(excerpt.lines.isEmpty());
    QVERIFY2(excerpt.error.contains(QLatin1String("changed")), qPrintable(excerpt.error));
    // Replaced by a shorter file altogether: said so too.
    QVERIFY(QFile::remove(log));
    QVERIFY(QFile::copy(QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/demo-2026-12-03/audit.log.gz"), log));
    const SourceExcerpt shorter = readSourceExcerpt(r.input, r.path, casePath, r.line, r.record, r.sha256);
    QVERIFY(shorter.lines.isEmpty());
    QVERIFY(!shorter.error.isEmpty());
}

void TestSourceExcerpt::movedFileAndArchiveEntry()
{
    const SourceExcerpt moved = readSourceExcerpt(QStringLiteral("/nonexistent/bundle"),
                                                  QStringLiteral("var/log/audit/audit.log"), {}, 10, {});
    QVERIFY(moved.lines.isEmpty());
    QVERIFY2(moved.error.contains(QLatin1String("no longer")), qPrintable(moved.error));

    // A zip of the lab: the entry cannot be read on its own.
    const QString zip = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main/bundle-c-redtail.zip");
    QVERIFY(QFile::exists(zip));
    const SourceExcerpt inside = readSourceExcerpt(zip, QStringLiteral("var/log/audit/audit.log"), {}, 10, {});
    QVERIFY(inside.lines.isEmpty());
    QVERIFY2(inside.error.contains(QLatin1String("inside the bundle")), qPrintable(inside.error));

    // A name that tries to leave its folder is never followed.
    const SourceExcerpt escape = readSourceExcerpt(kBundle, QStringLiteral("../../../etc/passwd"), {}, 1, {});
    QVERIFY(escape.lines.isEmpty());
}

QTEST_GUILESS_MAIN(TestSourceExcerpt)
#include "tst_sourceexcerpt.moc"
