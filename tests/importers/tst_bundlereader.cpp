// SPDX-License-Identifier: GPL-3.0-or-later
// BundleReader and ImportJob on hostile bundles built at test time: zip slip, absolute paths, links, device nodes,
// FIFOs, decompression bombs (also nested), truncated and encrypted archives, hostile names. Every refusal names
// the entry, nothing is written anywhere, and the benign entries of the same bundle are still imported.

#include "bundletest.h"
#include "bundlereader.h"
#include "casereader.h"
#include "importjob.h"
#include "linereader.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;
using namespace ShimScope::BundleTest;

namespace
{
/// go-libaudit's normal.log: two exec events (grep, cat), no node=.
QByteArray normalLog()
{
    return readAll(QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/auditd/go-libaudit/testdata_normal.log"));
}
constexpr int64_t kNormalLogExecs = 2;

QHash<QString, FileReport> byPath(const ImportReport& report)
{
    QHash<QString, FileReport> files;
    for (const FileReport& f : report.files)
        files.insert(f.path, f);
    return files;
}

/// Imports `bundle` into a new case beside it; also proves nothing appeared in `root` but the case file.
ImportReport importChecked(const QString& root, const QString& bundle, QString* casePath = nullptr)
{
    const QString path = root + QStringLiteral("/case.shimscope");
    QFile::remove(path);
    auto outsideCase = [&root] {
        QStringList names = listTree(root);
        names.removeIf([](const QString& n) { return n.startsWith(QLatin1String("case.shimscope")); });
        return names;
    };
    const QStringList before = outsideCase();
    ImportReport report = ImportJob(path, {bundle}, {QStringLiteral("lab"), {}}).run();
    const QStringList after = outsideCase();
    if (after != before)
        qFatal("the import wrote outside its case file: %s", qPrintable(after.join(QLatin1Char(' '))));
    if (casePath)
        *casePath = path;
    return report;
}
} // namespace

class TestBundleReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesAreNormalised_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("problem"); ///< a word of the rejection, empty when kept
        QTest::newRow("plain") << QByteArray("var/log/audit/audit.log") << QStringLiteral("var/log/audit/audit.log") << QString();
        QTest::newRow("dot and doubled slashes") << QByteArray("./var//log/./x") << QStringLiteral("var/log/x") << QString();
        QTest::newRow("zip slip") << QByteArray("../../etc/x") << QStringLiteral("../../etc/x") << QStringLiteral("zip slip");
        QTest::newRow("inner dotdot") << QByteArray("a/../../b") << QStringLiteral("a/../../b") << QStringLiteral("zip slip");
        QTest::newRow("absolute") << QByteArray("/etc/passwd") << QStringLiteral("etc/passwd") << QStringLiteral("absolute");
        QTest::newRow("windows slip") << QByteArray("..\\..\\x.log") << QStringLiteral("../../x.log") << QStringLiteral("zip slip");
        QTest::newRow("drive letter") << QByteArray("C:\\Windows\\x") << QStringLiteral("C:/Windows/x") << QStringLiteral("drive");
        QTest::newRow("newline") << QByteArray("a\nb.log") << QStringLiteral("a\\x0ab.log") << QString();
        QTest::newRow("script") << QByteArray("<script>alert(1)</script>.log") << QStringLiteral("<script>alert(1)<") + QStringLiteral("/script>.log") << QString();
        QTest::newRow("invalid utf-8") << QByteArray("bad\xff\xfe.log") << QStringLiteral("bad\\xff\\xfe.log") << QString();
        QTest::newRow("utf-8") << QByteArray("h\xc3\xb6st.log") << QStringLiteral("h\u00f6st.log") << QString();
    }

    void namesAreNormalised()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, name);
        QFETCH(QString, problem);
        QString why;
        const QString normalised = BundleReader::normaliseName(raw, &why);
        if (problem.isEmpty()) {
            QCOMPARE(normalised, name);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        } else {
            QVERIFY2(why.contains(problem), qPrintable(why));
        }
        // <script> survives as data (reports escape it); the "/" inside it is then a separator like any other.
    }

    void archivesAreToldByMagicNotName()
    {
        QTemporaryDir dir;
        const QString tgz = dir.filePath(QStringLiteral("looks-like.log"));
        writeArchive(tgz, Kind::TarGz, {{"var/log/audit/audit.log", normalLog()}});
        const QString zip = dir.filePath(QStringLiteral("notes.txt"));
        writeArchive(zip, Kind::Zip, {{"audit.log", normalLog()}});
        const QString txz = dir.filePath(QStringLiteral("x.bin"));
        writeArchive(txz, Kind::TarXz, {{"audit.log", normalLog()}});
        const QString tbz = dir.filePath(QStringLiteral("y"));
        writeArchive(tbz, Kind::TarBz2, {{"audit.log", normalLog()}});
        const QString tar = dir.filePath(QStringLiteral("z.zip")); // a tar named .zip
        writeArchive(tar, Kind::Tar, {{"audit.log", normalLog()}});
        const QString gzLog = dir.filePath(QStringLiteral("audit.tar.gz")); // a gzip'd log named .tar.gz
        {
            gzFile out = gzopen(QFile::encodeName(gzLog).constData(), "wb");
            gzwrite(out, normalLog().constData(), static_cast<unsigned>(normalLog().size()));
            gzclose(out);
        }
        const QList<QPair<QString, QString>> expected = {{tgz, QStringLiteral("tar.gz")}, {zip, QStringLiteral("zip")},
                                                         {txz, QStringLiteral("tar.xz")}, {tbz, QStringLiteral("tar.bz2")},
                                                         {tar, QStringLiteral("tar")}, {gzLog, QStringLiteral("file")}};
        for (const auto& [path, kind] : expected) {
            BundleReader reader(path);
            QVERIFY(reader.open());
            QCOMPARE(reader.kind(), kind);
            BundleEntry entry;
            QVERIFY(reader.next(&entry));
            QCOMPARE(entry.kind, BundleEntry::Kind::File);
            LineReader lines(reader.content());
            QVERIFY(lines.open());
            QByteArrayView line;
            int count = 0;
            while (lines.next(&line))
                ++count;
            QVERIFY2(!lines.failed(), qPrintable(lines.error()));
            QCOMPARE(count, int(normalLog().count('\n')));
            QVERIFY(!reader.next(&entry));
        }
    }

    void zipSlipAndAbsolutePathsAreRejectedAndNothingIsWritten_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("zip") << int(Kind::Zip);
        QTest::newRow("tar.gz") << int(Kind::TarGz);
        QTest::newRow("tar") << int(Kind::Tar);
    }

    void zipSlipAndAbsolutePathsAreRejectedAndNothingIsWritten()
    {
        QFETCH(int, kind);
        QTemporaryDir root;
        const QString bundle = root.filePath(QStringLiteral("evil.bin"));
        writeArchive(bundle, Kind(kind),
                     {{"../../etc/x", "pwned\n"},
                      {"/etc/passwd-copy", normalLog()},
                      {"logs/../../../outside.log", normalLog()},
                      {"..\\..\\win.log", normalLog()},
                      {"good/var/log/audit/audit.log", normalLog()}});
        const ImportReport report = importChecked(root.path(), bundle);
        QCOMPARE(report.result, ImportReport::Result::Success);
        const QHash<QString, FileReport> files = byPath(report);
        QCOMPARE(files.value(QStringLiteral("../../etc/x")).status, QStringLiteral("rejected"));
        QVERIFY(files.value(QStringLiteral("../../etc/x")).message.contains(QStringLiteral("zip slip")));
        QCOMPARE(files.value(QStringLiteral("etc/passwd-copy")).status, QStringLiteral("rejected"));
        QVERIFY(files.value(QStringLiteral("etc/passwd-copy")).message.contains(QStringLiteral("absolute")));
        QCOMPARE(files.value(QStringLiteral("logs/../../../outside.log")).status, QStringLiteral("rejected"));
        QCOMPARE(files.value(QStringLiteral("../../win.log")).status, QStringLiteral("rejected"));
        QCOMPARE(files.value(QStringLiteral("good/var/log/audit/audit.log")).status, QStringLiteral("imported"));
        QCOMPARE(files.value(QStringLiteral("good/var/log/audit/audit.log")).stats.events, kNormalLogExecs);
        QCOMPARE(report.events, kNormalLogExecs);
        QVERIFY(!QFile::exists(root.filePath(QStringLiteral("../../etc/x"))));
        QVERIFY(!QFile::exists(root.filePath(QStringLiteral("outside.log"))));
    }

    void linksDevicesAndFifosAreListedAsRejected()
    {
        QTemporaryDir root;
        const QString bundle = root.filePath(QStringLiteral("links.tar"));
        Member symlink{"var/log/audit/audit.log.1", {}, AE_IFLNK, "/etc/passwd"};
        Member hardlink{"var/log/audit/audit.log.2", {}, AE_IFREG, "var/log/audit/audit.log", true};
        Member device{"dev/mem", {}, AE_IFCHR};
        Member fifo{"run/pipe", {}, AE_IFIFO};
        writeArchive(bundle, Kind::Tar, {{"var/log/audit/audit.log", normalLog()}, symlink, hardlink, device, fifo});
        QString casePath;
        const ImportReport report = importChecked(root.path(), bundle, &casePath);
        const QHash<QString, FileReport> files = byPath(report);
        QCOMPARE(files.value(QStringLiteral("var/log/audit/audit.log")).stats.events, kNormalLogExecs);
        const QList<QPair<QString, QString>> rejected = {
            {QStringLiteral("var/log/audit/audit.log.1"), QStringLiteral("symbolic link to \"etc/passwd\"")},
            {QStringLiteral("var/log/audit/audit.log.2"), QStringLiteral("hard link")},
            {QStringLiteral("dev/mem"), QStringLiteral("character device")},
            {QStringLiteral("run/pipe"), QStringLiteral("FIFO")}};
        for (const auto& [name, reason] : rejected) {
            QCOMPARE(files.value(name).status, QStringLiteral("rejected"));
            QVERIFY2(files.value(name).message.contains(reason), qPrintable(files.value(name).message));
        }
        // Rejected entries are provenance too: in the case's sources with their reason.
        int inSources = 0;
        for (const SourceRow& s : CaseReader(casePath).sources())
            inSources += s.status == QLatin1String("rejected") && !s.message.isEmpty() ? 1 : 0;
        QCOMPARE(inSources, 4);

        // A symlink inside a zip is not followed either.
        const QString zip = root.filePath(QStringLiteral("links.zip"));
        writeArchive(zip, Kind::Zip, {{"a.log", normalLog()}, {"passwd", {}, AE_IFLNK, "/etc/passwd"}});
        const QHash<QString, FileReport> zipFiles = byPath(importChecked(root.path(), zip));
        QCOMPARE(zipFiles.value(QStringLiteral("passwd")).status, QStringLiteral("rejected"));
        QVERIFY2(zipFiles.value(QStringLiteral("passwd")).message.contains(QStringLiteral("symbolic link")),
                 qPrintable(zipFiles.value(QStringLiteral("passwd")).message));
        QCOMPARE(zipFiles.value(QStringLiteral("a.log")).stats.events, kNormalLogExecs);
    }

    void folderLinksAreRejectedNotFollowed()
    {
        QTemporaryDir root;
        const QString folder = root.filePath(QStringLiteral("bundle"));
        writeFile(folder + QStringLiteral("/var/log/audit/audit.log"), normalLog());
        QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), folder + QStringLiteral("/passwd")));
        const QHash<QString, FileReport> files = byPath(importChecked(root.path(), folder));
        QCOMPARE(files.value(QStringLiteral("passwd")).status, QStringLiteral("rejected"));
        QVERIFY(files.value(QStringLiteral("passwd")).message.contains(QStringLiteral("symbolic link")));
        QCOMPARE(files.value(QStringLiteral("var/log/audit/audit.log")).stats.events, kNormalLogExecs);
    }

    void decompressionBombsAreStoppedQuickly_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::newRow("zip deflate") << QStringLiteral("zip");
        QTest::newRow("tar.gz") << QStringLiteral("tar.gz");
        QTest::newRow("tar.gz inside a zip (nested)") << QStringLiteral("nested");
        QTest::newRow(".gz member inside a tar") << QStringLiteral("gz member");
    }

    void decompressionBombsAreStoppedQuickly()
    {
        QFETCH(QString, shape);
        constexpr int64_t kGiB = 1024LL * 1024 * 1024;
        QTemporaryDir root;
        const QString bundle = root.filePath(QStringLiteral("bomb.bin"));
        const QList<Member> benign = {{"var/log/audit/audit.log", normalLog()}};
        if (shape == QLatin1String("zip")) {
            writeArchive(bundle, Kind::Zip, benign + QList<Member>{{"zeros.log", normalLog(), AE_IFREG, {}, false, kGiB}});
        } else if (shape == QLatin1String("tar.gz")) {
            writeArchive(bundle, Kind::TarGz, benign + QList<Member>{{"zeros.log", normalLog(), AE_IFREG, {}, false, kGiB}});
        } else if (shape == QLatin1String("nested")) {
            const QString inner = root.filePath(QStringLiteral("inner.tar.gz"));
            writeArchive(inner, Kind::TarGz, {{"zeros.log", normalLog(), AE_IFREG, {}, false, kGiB}});
            writeArchive(bundle, Kind::Zip, benign + QList<Member>{{"inner.tar.gz", readAll(inner)}});
            QFile::remove(inner);
        } else {
            const QString gz = root.filePath(QStringLiteral("zeros.gz"));
            {
                gzFile out = gzopen(QFile::encodeName(gz).constData(), "wb6");
                const QByteArray zeros(1024 * 1024, '\0');
                gzwrite(out, normalLog().constData(), static_cast<unsigned>(normalLog().size()));
                for (int i = 0; i < 1024; ++i)
                    gzwrite(out, zeros.constData(), static_cast<unsigned>(zeros.size()));
                gzclose(out);
            }
            writeArchive(bundle, Kind::Tar, benign + QList<Member>{{"audit.log.9.gz", readAll(gz)}});
            QFile::remove(gz);
        }
        QVERIFY(QFileInfo(bundle).size() < 16 * 1024 * 1024); // ~1 MB on disk for 1 GiB inflated
        QElapsedTimer clock;
        clock.start();
        const ImportReport report = importChecked(root.path(), bundle);
        const qint64 elapsed = clock.elapsed();
        const QHash<QString, FileReport> files = byPath(report);
        const QString name = shape == QLatin1String("nested") ? QStringLiteral("inner.tar.gz!/zeros.log")
            : shape == QLatin1String("gz member")             ? QStringLiteral("audit.log.9.gz")
                                                              : QStringLiteral("zeros.log");
        QVERIFY2(files.contains(name), qPrintable(files.keys().join(QLatin1Char(' '))));
        QCOMPARE(files.value(name).status, QStringLiteral("rejected"));
        QVERIFY2(files.value(name).message.contains(QStringLiteral("decompression bomb")), qPrintable(files.value(name).message));
        QCOMPARE(files.value(QStringLiteral("var/log/audit/audit.log")).stats.events, kNormalLogExecs);
        // Stopped after about InflateLimits::kRatioFloorBytes, not after 1 GiB: the message says how far it got (or
        // the entry was refused from its declared sizes before inflating anything). The wall-clock bound is loose:
        // the test machine is shared.
        const QString message = files.value(name).message;
        const QRegularExpressionMatch inflated = QRegularExpression(QStringLiteral("(\\d+) bytes inflated")).match(message);
        QVERIFY2(inflated.hasMatch() || message.contains(QStringLiteral("declared")), qPrintable(message));
        if (inflated.hasMatch())
            QVERIFY2(inflated.captured(1).toLongLong() < 64 * 1024 * 1024, qPrintable(message));
        QVERIFY2(elapsed < 60000, qPrintable(QString::number(elapsed)));
        QVERIFY(files.value(name).stats.bytesRead < 64 * 1024 * 1024);
    }

    void declaredBombAndTotalCapAreRefused()
    {
        QTemporaryDir root;
        const QString bundle = root.filePath(QStringLiteral("two.zip"));
        writeArchive(bundle, Kind::Zip, {{"a.log", normalLog()}, {"b.log", QByteArray(4 * 1024 * 1024, 'x')},
                                         {"c.log", normalLog()}});
        InflateLimits limits;
        limits.maxBundleBytes = 2 * 1024 * 1024; // b.log alone is over this
        BundleReader reader(bundle, limits);
        QVERIFY(reader.open());
        BundleEntry entry;
        QStringList errors;
        while (reader.next(&entry)) {
            QCOMPARE(entry.kind, BundleEntry::Kind::File);
            LineReader lines(reader.content());
            lines.open();
            QByteArrayView line;
            while (lines.next(&line)) {
            }
            if (lines.failed())
                errors.append(entry.path + QLatin1Char(' ') + lines.error());
        }
        QCOMPARE(errors.size(), 2); // b.log reaches the cap, c.log is over it from its first bytes
        QVERIFY2(errors.first().startsWith(QStringLiteral("b.log")) && errors.first().contains(QStringLiteral("in all")),
                 qPrintable(errors.first()));

        InflateLimits few;
        few.maxEntries = 2;
        BundleReader counted(bundle, few);
        QVERIFY(counted.open());
        int files = 0;
        bool stopped = false;
        while (counted.next(&entry)) {
            files += entry.kind == BundleEntry::Kind::File ? 1 : 0;
            stopped = stopped || (entry.kind == BundleEntry::Kind::Failed && entry.reason.contains(QStringLiteral("more than 2 entries")));
        }
        QCOMPARE(files, 2);
        QVERIFY(stopped);
    }

    void truncatedArchivesNameTheEntryAndKeepTheRest_data()
    {
        QTest::addColumn<QString>("real");
        QTest::addColumn<QString>("firstName");
        QTest::newRow("tar.gz (lab snapshots)") << QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main/snapshots.tar.gz")
                                               << QStringLiteral("snap/173545-b/ps-eo.txt");
        QTest::newRow("zip (the lab live-response bundle's files)") << QStringLiteral("zip") << QStringLiteral("live/ps-eo.txt");
    }

    void truncatedArchivesNameTheEntryAndKeepTheRest()
    {
        QFETCH(QString, real);
        QFETCH(QString, firstName);
        QTemporaryDir root;
        if (real == QLatin1String("zip")) {
            // The real files of a lab bundle, the small ones first, so the cut falls into the audit log.
            const QString lab = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main/bundle-b-docker-exec.zip");
            real = root.filePath(QStringLiteral("real.zip"));
            writeArchive(real, Kind::Zip, {{"live/ps-eo.txt", tarMember(lab, "live/ps-eo.txt")},
                                           {"live/ps.txt", tarMember(lab, "live/ps.txt")},
                                           {"var/log/audit/audit.log", tarMember(lab, "var/log/audit/audit.log")}});
        }
        const QByteArray full = readAll(real);
        QFile::remove(root.filePath(QStringLiteral("real.zip")));
        const QString cut = root.filePath(QStringLiteral("cut.bin"));
        writeFile(cut, full.left(full.size() / 2));
        const ImportReport report = importChecked(root.path(), cut);
        QCOMPARE(report.result, ImportReport::Result::Success); // what was readable is imported
        const QHash<QString, FileReport> files = byPath(report);
        QCOMPARE(files.value(firstName).status, QStringLiteral("imported"));
        QVERIFY(files.value(firstName).stats.events > 0);
        // The damage is reported with the archive's and an entry's name.
        QString damage;
        for (const FileReport& f : report.files) {
            if (f.status == QLatin1String("failed") || f.status == QLatin1String("partial")
                || (f.status == QLatin1String("bundle") && !f.message.isEmpty()))
                damage += f.path + QStringLiteral(": ") + f.message + QLatin1Char('\n');
        }
        QVERIFY2(damage.contains(QStringLiteral("cut.bin")), qPrintable(damage));
        QVERIFY2(!damage.isEmpty(), "a truncated archive is reported");
    }

    void encryptedZipEntryIsRejectedTheRestImported()
    {
        QTemporaryDir root;
        const QString zip = root.filePath(QStringLiteral("secret.zip"));
        writeQuaZip(zip, {{QStringLiteral("var/log/audit/audit.log"), normalLog()}, {QStringLiteral("secret.log"), normalLog()}},
                    "hunter2", {QStringLiteral("secret.log")});
        const ImportReport report = importChecked(root.path(), zip);
        const QHash<QString, FileReport> files = byPath(report);
        QCOMPARE(files.value(QStringLiteral("secret.log")).status, QStringLiteral("rejected"));
        QVERIFY(files.value(QStringLiteral("secret.log")).message.contains(QStringLiteral("encrypted")));
        QCOMPARE(files.value(QStringLiteral("var/log/audit/audit.log")).stats.events, kNormalLogExecs);
    }

    void zip64AndNestedFoldersAreRead()
    {
        QTemporaryDir root;
        const QString zip = root.filePath(QStringLiteral("z64.zip"));
        writeQuaZip(zip, {{QStringLiteral("a/b/c/d/var/log/audit/audit.log"), normalLog()}}, nullptr, {}, true);
        const QHash<QString, FileReport> files = byPath(importChecked(root.path(), zip));
        QCOMPARE(files.value(QStringLiteral("a/b/c/d/var/log/audit/audit.log")).stats.events, kNormalLogExecs);
    }

    void hostileNamesAreDataAndStillImported()
    {
        QTemporaryDir root;
        const QString zip = root.filePath(QStringLiteral("names.zip"));
        writeArchive(zip, Kind::Zip, {{"new\nline.log", normalLog()}, {"<script>alert(1)<\\x>.log", normalLog()},
                                      {"bad\xff\xfe.log", normalLog()}});
        QString casePath;
        const ImportReport report = importChecked(root.path(), zip, &casePath);
        QCOMPARE(report.events, 3 * kNormalLogExecs);
        QStringList names;
        for (const FileReport& f : report.files) {
            if (f.status == QLatin1String("imported"))
                names.append(f.path);
            QVERIFY2(!f.path.contains(QLatin1Char('\n')), qPrintable(f.path));
        }
        QVERIFY2(names.contains(QStringLiteral("new\\x0aline.log")), qPrintable(names.join(QLatin1Char('|'))));
        QVERIFY2(names.contains(QStringLiteral("<script>alert(1)</x>.log")), qPrintable(names.join(QLatin1Char('|'))));
        bool invalid = false;
        for (const QString& n : std::as_const(names))
            invalid = invalid || n.startsWith(QStringLiteral("bad\\x"));
        QVERIFY2(invalid, qPrintable(names.join(QLatin1Char('|'))));
        QCOMPARE(CaseReader(casePath).sources().size(), 4); // three entries and the zip itself
    }

    void layoutsNameTheHost_data()
    {
        QTest::addColumn<QString>("bundleName");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("host");
        QTest::newRow("UAC top folder")
            << QStringLiteral("collection.tar.gz")
            << QStringList{QStringLiteral("uac-web-01-linux-20261203173500/live_response/process/ps_-ef.txt")}
            << QStringLiteral("tar.gz") << QStringLiteral("UAC") << QStringLiteral("web-01");
        QTest::newRow("UAC archive name")
            << QStringLiteral("uac-db.example.org-linux-20261203173500.tar.gz")
            << QStringList{QStringLiteral("[root]/var/log/audit/audit.log")} << QStringLiteral("tar.gz")
            << QStringLiteral("UAC") << QStringLiteral("db.example.org");
        QTest::newRow("Velociraptor name")
            << QStringLiteral("Collection-velo1-2026-12-03T17_35_00Z.zip")
            << QStringList{QStringLiteral("uploads/auto/var/log/audit/audit.log"), QStringLiteral("log.json")}
            << QStringLiteral("zip") << QStringLiteral("Velociraptor") << QStringLiteral("velo1");
        QTest::newRow("CyLR") << QStringLiteral("SRV-LOG-7.zip")
                              << QStringList{QStringLiteral("var/log/audit/audit.log"), QStringLiteral("etc/passwd")}
                              << QStringLiteral("zip") << QStringLiteral("CyLR") << QStringLiteral("SRV-LOG-7");
        QTest::newRow("plain var/log tree") << QStringLiteral("bundle-b-docker-exec.zip")
                                            << QStringList{QStringLiteral("var/log/audit/audit.log"),
                                                           QStringLiteral("live/ps.txt"), QStringLiteral("manifest.sha256")}
                                            << QStringLiteral("zip") << QStringLiteral("var/log tree") << QString();
    }

    void layoutsNameTheHost()
    {
        QFETCH(QString, bundleName);
        QFETCH(QStringList, names);
        QFETCH(QString, kind);
        QFETCH(QString, layout);
        QFETCH(QString, host);
        BundleInfo info;
        info.kind = kind;
        BundleReader::detectLayout(bundleName, names, &info);
        QCOMPARE(info.layout, layout);
        QCOMPARE(info.host, host);
    }
};

QTEST_GUILESS_MAIN(TestBundleReader)
#include "tst_bundlereader.moc"
