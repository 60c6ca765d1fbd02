// SPDX-License-Identifier: GPL-3.0-or-later
// Bundles of real data built at test time (zip, tar.gz, tar.xz, a UAC layout, nested bundles, every sample in one
// zip): the same events as the plain files, hosts from the layout, one lineage for a mixed bundle, and the CLI.

#include "bundletest.h"
#include "casereader.h"
#include "importjob.h"
#include "processquery.h"

#include <QMap>
#include <QMultiHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;
using namespace ShimScope::BundleTest;

namespace
{
QString lab(const char* relative)
{
    return QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main/") + QString::fromUtf8(relative);
}

/// The real lab files of the main capture, as stored (audit.log.gz and bpftrace.tsv.gz stay gzip'd members).
QList<Member> labMembers(const QByteArray& prefix)
{
    return {{prefix + "var/log/audit/audit.log.gz", readAll(lab("audit.log.gz"))},
            {prefix + "live/ps-eo.txt", tarMember(lab("snapshots.tar.gz"), "snap/173545-b/ps-eo.txt")},
            {prefix + "trace/bpftrace.tsv.gz", readAll(lab("bpftrace.tsv.gz"))}};
}

/// Events per format of an import.
QMap<QString, int64_t> eventsByFormat(const ImportReport& report)
{
    QMap<QString, int64_t> counts;
    for (const FileReport& f : report.files) {
        if (!f.format.isEmpty() && f.status != QLatin1String("bundle"))
            counts[f.format] += f.stats.events;
    }
    return counts;
}

QSet<QString> hostsOf(const QString& casePath)
{
    CaseReader reader(casePath);
    QSet<QString> hosts;
    for (const EventRow& e : reader.events(reader.eventIdsInTimeOrder()))
        hosts.insert(e.host);
    return hosts;
}
} // namespace

class TestBundleImport : public QObject
{
    Q_OBJECT

private:
    QString m_plainCase;
    QTemporaryDir m_dir;
    ImportReport m_plain;

private Q_SLOTS:
    void initTestCase()
    {
        // The reference: the plain lab files imported one by one.
        QTemporaryDir files;
        for (const Member& m : labMembers({}))
            writeFile(files.filePath(QString::fromUtf8(m.name).section(QLatin1Char('/'), -1)), m.data);
        m_plainCase = m_dir.filePath(QStringLiteral("plain.shimscope"));
        m_plain = ImportJob(m_plainCase,
                            {files.filePath(QStringLiteral("audit.log.gz")), files.filePath(QStringLiteral("ps-eo.txt")),
                             files.filePath(QStringLiteral("bpftrace.tsv.gz"))},
                            {QStringLiteral("lab"), {}})
                      .run();
        QCOMPARE(m_plain.result, ImportReport::Result::Success);
        QCOMPARE(eventsByFormat(m_plain).size(), 3);
    }

    void bundlesGiveThePlainFilesEvents_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("zip") << int(Kind::Zip);
        QTest::newRow("tar.gz") << int(Kind::TarGz);
        QTest::newRow("tar.xz") << int(Kind::TarXz);
        QTest::newRow("tar.bz2") << int(Kind::TarBz2);
    }

    void bundlesGiveThePlainFilesEvents()
    {
        QFETCH(int, kind);
        QTemporaryDir dir;
        const QString bundle = dir.filePath(QStringLiteral("lab-bundle"));
        writeArchive(bundle, Kind(kind), labMembers("collect/"));
        const QString casePath = dir.filePath(QStringLiteral("b.shimscope"));
        const ImportReport report = ImportJob(casePath, {bundle}, {QStringLiteral("lab"), {}}).run();
        QCOMPARE(report.result, ImportReport::Result::Success);
        QCOMPARE(eventsByFormat(report), eventsByFormat(m_plain));
        QCOMPARE(report.lineage.nodes, m_plain.lineage.nodes);
        // Entry hashes are of the members as stored in the bundle: the .gz files' own hashes.
        for (const FileReport& f : report.files) {
            if (f.path.endsWith(QLatin1String("audit.log.gz")))
                QCOMPARE(f.sha256Hex, m_plain.files.at(0).sha256Hex);
        }
        QCOMPARE(report.files.constLast().status, QStringLiteral("bundle"));
    }

    void mixedBundleGivesOneLineage()
    {
        // auditd + a ps snapshot + the bpftrace exec trace of the same host in one zip: one case, one lineage, no
        // second node for an exec both sources recorded.
        QTemporaryDir dir;
        const QString bundle = dir.filePath(QStringLiteral("mixed.zip"));
        writeArchive(bundle, Kind::Zip, labMembers({}));
        const QString casePath = dir.filePath(QStringLiteral("mixed.shimscope"));
        const ImportReport report = ImportJob(casePath, {bundle}, {QStringLiteral("lab"), {}}).run();
        QCOMPARE(report.result, ImportReport::Result::Success);
        QVERIFY(report.lineage.mergedDuplicates > 800);
        // The same lineage as the three plain files imported side by side (tst_accuracy checks that one against the
        // kernel truth), and the tracer adds only execs auditd did not record, never a copy of one it did.
        QCOMPARE(report.lineage.nodes, m_plain.lineage.nodes);
        QCOMPARE(report.lineage.mergedDuplicates, m_plain.lineage.mergedDuplicates);
        QMultiHash<int64_t, NodeRow> auditNodes;
        QList<NodeRow> traceNodes;
        {
            CaseReader reader(casePath);
            ProcessQuery(reader.database()).forEachNode([&](const NodeRow& n) {
                if (!n.placeholder && n.sourceFile.endsWith(QLatin1String("audit.log.gz")))
                    auditNodes.insert(n.pid, n);
                else if (!n.placeholder && n.sourceFile.endsWith(QLatin1String("bpftrace.tsv.gz")))
                    traceNodes.append(n);
                return true;
            });
        }
        QVERIFY(!auditNodes.isEmpty());
        int duplicated = 0;
        for (const NodeRow& t : std::as_const(traceNodes)) {
            for (auto it = auditNodes.constFind(t.pid); it != auditNodes.constEnd() && it.key() == t.pid; ++it)
                duplicated += std::llabs(it->timeNs - t.timeNs) <= 5 * 1000 * 1000 && it->exe == t.exe ? 1 : 0;
        }
        QCOMPARE(duplicated, 0);
        QCOMPARE(hostsOf(casePath), QSet<QString>{QStringLiteral("lab")});
    }

    void uacLayoutNamesTheHost()
    {
        QTemporaryDir dir;
        const QString bundle = dir.filePath(QStringLiteral("collection.tar.gz"));
        const QByteArray top = "uac-labhost-linux-20261203173500/";
        writeArchive(bundle, Kind::TarGz,
                     {{top + "uac.log", "UAC (Unix-like Artifacts Collector) 2.9.0\n"},
                      {top + "[root]/var/log/audit/audit.log.gz", readAll(lab("audit.log.gz"))},
                      {top + "live_response/process/ps_-eo_pid_ppid_user_lstart_args.txt",
                       tarMember(lab("snapshots.tar.gz"), "snap/173545-b/ps-eo.txt")}});
        const QString casePath = dir.filePath(QStringLiteral("uac.shimscope"));
        const ImportReport report = ImportJob(casePath, {bundle}).run(); // no --host: the layout names it
        QCOMPARE(report.result, ImportReport::Result::Success);
        QCOMPARE(report.bundles.size(), 1);
        QCOMPARE(report.bundles.first().layout, QStringLiteral("UAC"));
        QCOMPARE(report.bundles.first().host, QStringLiteral("labhost"));
        QCOMPARE(hostsOf(casePath), QSet<QString>{QStringLiteral("labhost")});
        QMap<QString, int64_t> expected = eventsByFormat(m_plain);
        expected.remove(QStringLiteral("execsnoop"));
        QCOMPARE(eventsByFormat(report), expected);

        // Velociraptor: the host from client_info.json; CyLR: from the zip's name.
        const QString velo = dir.filePath(QStringLiteral("Collection-ignored-2026-12-03T17_35_00Z.zip"));
        writeArchive(velo, Kind::Zip, {{"client_info.json", R"({"Hostname": "velo-host", "OS": "linux"})"},
                                       {"uploads/auto/var/log/audit/audit.log.gz", readAll(lab("audit.log.gz"))}});
        const QString veloCase = dir.filePath(QStringLiteral("velo.shimscope"));
        const ImportReport veloReport = ImportJob(veloCase, {velo}).run();
        QCOMPARE(veloReport.bundles.first().layout, QStringLiteral("Velociraptor"));
        QCOMPARE(hostsOf(veloCase), QSet<QString>{QStringLiteral("velo-host")});
        const QString cylr = dir.filePath(QStringLiteral("WEB-07.zip"));
        writeArchive(cylr, Kind::Zip, {{"var/log/audit/audit.log.gz", readAll(lab("audit.log.gz"))}});
        const QString cylrCase = dir.filePath(QStringLiteral("cylr.shimscope"));
        QCOMPARE(ImportJob(cylrCase, {cylr}).run().bundles.first().layout, QStringLiteral("CyLR"));
        QCOMPARE(hostsOf(cylrCase), QSet<QString>{QStringLiteral("WEB-07")});
        // The analyst's --host wins over the layout.
        const QString forced = dir.filePath(QStringLiteral("forced.shimscope"));
        ImportJob(forced, {cylr}, {QStringLiteral("given"), {}}).run();
        QCOMPARE(hostsOf(forced), QSet<QString>{QStringLiteral("given")});
    }

    void nestedBundlesOneLevelDeep()
    {
        // A folder holding a zip that holds a tar.gz (read), and a zip in a zip in a zip (the innermost not opened).
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("case-folder"));
        QDir().mkpath(folder);
        const QString inner = dir.filePath(QStringLiteral("inner.tar.gz"));
        writeArchive(inner, Kind::TarGz, labMembers({}));
        writeArchive(folder + QStringLiteral("/host1.zip"), Kind::Zip,
                     {{"logs/inner.tar.gz", readAll(inner)}, {"live/ps-eo.txt", labMembers({}).at(1).data}});
        const QString deepest = dir.filePath(QStringLiteral("c.zip"));
        writeArchive(deepest, Kind::Zip, {{"audit.log.gz", readAll(lab("audit.log.gz"))}});
        const QString middle = dir.filePath(QStringLiteral("b.zip"));
        writeArchive(middle, Kind::Zip, {{"c.zip", readAll(deepest)}});
        const QString outer = dir.filePath(QStringLiteral("a.zip"));
        writeArchive(outer, Kind::Zip, {{"b.zip", readAll(middle)}, {"audit.log.gz", readAll(lab("audit.log.gz"))}});

        const ImportReport report =
            ImportJob(dir.filePath(QStringLiteral("n.shimscope")), {folder, outer}, {QStringLiteral("lab"), {}}).run();
        QHash<QString, FileReport> files;
        for (const FileReport& f : report.files)
            files.insert(f.input.section(QLatin1Char('/'), -1) + QLatin1Char(':') + f.path, f);
        const FileReport audit = files.value(QStringLiteral("case-folder:host1.zip!/logs/inner.tar.gz!/var/log/audit/audit.log.gz"));
        QCOMPARE(audit.status, QStringLiteral("imported"));
        QCOMPARE(audit.stats.events, eventsByFormat(m_plain).value(QStringLiteral("auditd")));
        QCOMPARE(files.value(QStringLiteral("case-folder:host1.zip!/logs/inner.tar.gz!/trace/bpftrace.tsv.gz")).format,
                 QStringLiteral("execsnoop"));
        QCOMPARE(files.value(QStringLiteral("case-folder:host1.zip!/live/ps-eo.txt")).format, QStringLiteral("ps"));
        // Nested bundles are listed with the hash of their bytes as stored.
        QCOMPARE(files.value(QStringLiteral("case-folder:host1.zip!/logs/inner.tar.gz")).status, QStringLiteral("bundle"));
        QCOMPARE(files.value(QStringLiteral("case-folder:host1.zip!/logs/inner.tar.gz")).sha256Hex.size(), 64);
        const FileReport tooDeep = files.value(QStringLiteral("a.zip:b.zip!/c.zip"));
        QCOMPARE(tooDeep.status, QStringLiteral("rejected"));
        QVERIFY2(tooDeep.message.contains(QStringLiteral("one level deep")), qPrintable(tooDeep.message));
        QCOMPARE(files.value(QStringLiteral("a.zip:audit.log.gz")).status, QStringLiteral("imported"));
    }

    void everySampleZippedIsExplained()
    {
        // Every file under ../shared/samples in one zip: each is imported, skipped or rejected with a reason, with
        // the same outcome and events as when the folder is imported as it is.
        const QString samples = QStringLiteral(SHIMSCOPE_SAMPLES_DIR);
        QList<Member> members;
        for (const QString& name : listTree(samples)) {
            const QFileInfo info(samples + QLatin1Char('/') + name);
            if (info.isFile() && !info.isSymLink())
                members.append(Member(name.toUtf8(), readAll(info.filePath())));
        }
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("samples.zip"));
        writeArchive(zip, Kind::Zip, members);
        const ImportReport zipped = ImportJob(dir.filePath(QStringLiteral("z.shimscope")), {zip}).run();
        const ImportReport folder = ImportJob(dir.filePath(QStringLiteral("f.shimscope")), {samples}).run();
        QCOMPARE(zipped.result, ImportReport::Result::Success);
        QHash<QString, FileReport> fromFolder;
        for (const FileReport& f : folder.files)
            fromFolder.insert(f.path, f);
        QMap<QString, QPair<int, int>> perFormat; // imported, skipped
        int explained = 0;
        for (const FileReport& f : zipped.files) {
            if (f.status == QLatin1String("bundle"))
                continue;
            ++explained;
            QVERIFY2(QStringList({QStringLiteral("imported"), QStringLiteral("partial"), QStringLiteral("skipped"),
                                  QStringLiteral("rejected"), QStringLiteral("manifest")})
                         .contains(f.status),
                     qPrintable(f.path + QLatin1Char(' ') + f.status));
            if (f.status == QLatin1String("skipped") || f.status == QLatin1String("rejected"))
                QVERIFY2(!f.message.isEmpty(), qPrintable(f.path));
            const FileReport plain = fromFolder.value(f.path);
            QCOMPARE(f.status, plain.status);
            QCOMPARE(f.stats.events, plain.stats.events);
            QCOMPARE(f.sha256Hex, plain.sha256Hex);
            const QString folderName = f.path.section(QLatin1Char('/'), 0, 0);
            auto& counts = perFormat[folderName];
            (f.status == QLatin1String("imported") || f.status == QLatin1String("partial") ? counts.first : counts.second)++;
        }
        QCOMPARE(explained, members.size());
        QString table;
        for (auto it = perFormat.cbegin(); it != perFormat.cend(); ++it)
            table += QStringLiteral("%1 imported %2 skipped %3\n").arg(it.key(), -12).arg(it->first, 3).arg(it->second, 3);
        qInfo().noquote() << QStringLiteral("\nsamples.zip: %1 files\n").arg(explained) + table;
    }

    void cliPrintsRejectedEntriesAndTheLayout()
    {
        QTemporaryDir dir;
        const QString bundle = dir.filePath(QStringLiteral("uac-cli-host-linux-20261203173500.tar.gz"));
        writeArchive(bundle, Kind::TarGz,
                     {{"[root]/var/log/audit/audit.log.gz", readAll(lab("audit.log.gz"))},
                      {"../../etc/cron.d/evil", "* * * * * root sh\n"},
                      {"bad\nname.log", "x\n"},
                      {"passwd", {}, AE_IFLNK, "/etc/passwd"}});
        QProcess cli;
        cli.start(QStringLiteral(SHIMSCOPE_CLI_PATH),
                  {QStringLiteral("import"), dir.filePath(QStringLiteral("cli.shimscope")), bundle});
        QVERIFY(cli.waitForFinished(120000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(out.contains(QStringLiteral("layout: UAC, host: cli-host")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("../../etc/cron.d/evil\n  status: rejected (path with a \"..\" component")),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("passwd\n  status: rejected (symbolic link")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("bad\\x0aname.log")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("rejected: 2 entries")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("format: auditd  events: ")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("sha256: ")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestBundleImport)
#include "tst_bundleimport.moc"
