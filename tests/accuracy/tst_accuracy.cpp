// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end attribution accuracy on the real lab captures (tests/data/lab/): import each capture, export the
// attribution of every exec, compare with the kernel ground truth, print a per-scenario table, and fail on any
// miss among the rows the truth marks certain.

#include "casereader.h"
#include "importjob.h"
#include "processquery.h"

#include <QFile>
#include <QHash>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>

#include <zlib.h>

using namespace ShimScope;

namespace
{
struct TruthRow
{
    int64_t serial = 0;
    int64_t timeNs = 0;
    int64_t pid = 0;
    QString exe;
    QString location;
    QString containerId; ///< "-" when the truth has none
    QString scenario;
    bool certain = false;
};

QByteArray gunzip(const QString& path)
{
    gzFile file = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!file)
        qFatal("cannot open %s", qPrintable(path));
    QByteArray out;
    char buffer[65536];
    int n;
    while ((n = gzread(file, buffer, sizeof buffer)) > 0)
        out.append(buffer, n);
    gzclose(file);
    return out;
}

QList<TruthRow> readTruth(const QString& path)
{
    QList<TruthRow> rows;
    const QList<QByteArray> lines = gunzip(path).split('\n');
    const QList<QByteArray> header = lines.value(0).split('\t');
    auto column = [&header](const char* name) { return header.indexOf(QByteArray(name)); };
    const int serial = column("serial"), pid = column("pid"), exe = column("exe"), location = column("location"),
              container = column("container_id"), scenario = column("scenario"), certainty = column("certainty");
    if (serial < 0 || location < 0 || container < 0 || certainty < 0)
        qFatal("unexpected truth header in %s", qPrintable(path));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines.at(i).split('\t');
        if (f.size() < header.size())
            continue;
        TruthRow row;
        row.serial = f.at(serial).toLongLong();
        // "1796319332.100": seconds with milliseconds.
        const QList<QByteArray> time = f.at(header.indexOf(QByteArray("time"))).split('.');
        row.timeNs = time.value(0).toLongLong() * 1000000000 + time.value(1).leftJustified(9, '0').toLongLong();
        row.pid = f.at(pid).toLongLong();
        row.exe = QString::fromUtf8(f.at(exe));
        row.location = QString::fromUtf8(f.at(location));
        row.containerId = QString::fromUtf8(f.at(container));
        row.scenario = QString::fromUtf8(f.at(scenario));
        row.certain = f.at(certainty) == "certain";
        rows.append(row);
    }
    return rows;
}

struct Tally
{
    int certain = 0;
    int certainRight = 0;
    int all = 0;
    int allRight = 0;
};
} // namespace

class TestAccuracy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void attributionMatchesKernelTruth_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("input"); ///< what to import; empty: the capture's audit.log.gz
        QTest::newRow("main (docker, runc, ctr, restarts)") << QStringLiteral("main") << QString();
        QTest::newRow("podman (conmon + runc)") << QStringLiteral("podman") << QString();
        QTest::newRow("debian (apt inside a container)") << QStringLiteral("debian") << QString();
        // The demo bundle is the main capture plus a `ps -eo` listing taken during it: same truth, more sources.
        QTest::newRow("demo bundle (main + ps listing)")
            << QStringLiteral("main") << QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle");
    }

    void attributionMatchesKernelTruth()
    {
        QFETCH(QString, capture);
        QFETCH(QString, input);
        const QString dir = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/") + capture;
        QTemporaryDir work;
        const QString casePath = work.filePath(QStringLiteral("lab.shimscope"));
        const ImportReport report =
            ImportJob(casePath, {input.isEmpty() ? dir + QStringLiteral("/audit.log.gz") : input},
                      {QStringLiteral("lab"), {}})
                .run();
        QCOMPARE(report.result, ImportReport::Result::Success);

        // Exported attribution keyed by audit serial (unique within one capture).
        QHash<int64_t, NodeRow> bySerial;
        {
            CaseReader reader(casePath);
            ProcessQuery(reader.database()).forEachNode([&bySerial](const NodeRow& n) {
                if (!n.placeholder)
                    bySerial.insert(n.record.section(QLatin1Char(':'), 1).toLongLong(), n);
                return true;
            });
        }

        const QList<TruthRow> truth = readTruth(dir + QStringLiteral("/truth.tsv.gz"));
        QVERIFY(truth.size() > 100);
        QMap<QString, Tally> tallies;
        QStringList misses;
        for (const TruthRow& t : truth) {
            Tally& tally = tallies[t.scenario];
            const auto it = bySerial.constFind(t.serial);
            const bool found = it != bySerial.constEnd();
            const bool right = found && it->location == t.location
                && (t.location != QLatin1String("container") || t.containerId == QLatin1String("-")
                    || it->containerId == t.containerId);
            ++tally.all;
            tally.allRight += right ? 1 : 0;
            if (t.certain) {
                ++tally.certain;
                tally.certainRight += right ? 1 : 0;
            }
            if (!right) {
                misses.append(QStringLiteral("%1 serial %2 pid %3 %4: truth %5 %6, ShimScope %7 %8 (%9: %10)")
                                  .arg(t.certain ? QStringLiteral("CERTAIN") : QStringLiteral("inferred"))
                                  .arg(t.serial)
                                  .arg(t.pid)
                                  .arg(t.exe, t.location, t.containerId.left(12),
                                       found ? it->location : QStringLiteral("(not imported)"),
                                       found ? it->containerId.left(12) : QString(),
                                       found ? it->role : QString(),
                                       found ? it->evidence.value(0) : QString()));
            }
        }

        QString table = QStringLiteral("\n%1 %2 %3 %4 %5\n")
                            .arg(QStringLiteral("scenario"), -28)
                            .arg(QStringLiteral("certain"), 9)
                            .arg(QStringLiteral("right"), 7)
                            .arg(QStringLiteral("all"), 7)
                            .arg(QStringLiteral("right"), 7);
        Tally total;
        for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
            table += QStringLiteral("%1 %2 %3 %4 %5\n")
                         .arg(it.key(), -28)
                         .arg(it->certain, 9)
                         .arg(it->certainRight, 7)
                         .arg(it->all, 7)
                         .arg(it->allRight, 7);
            total.certain += it->certain;
            total.certainRight += it->certainRight;
            total.all += it->all;
            total.allRight += it->allRight;
        }
        table += QStringLiteral("%1 %2 %3 %4 %5   (%6% of certain, %7% of all)\n")
                     .arg(QStringLiteral("TOTAL"), -28)
                     .arg(total.certain, 9)
                     .arg(total.certainRight, 7)
                     .arg(total.all, 7)
                     .arg(total.allRight, 7)
                     .arg(total.certain ? 100.0 * total.certainRight / total.certain : 100.0, 0, 'f', 1)
                     .arg(total.all ? 100.0 * total.allRight / total.all : 100.0, 0, 'f', 1);
        qInfo().noquote() << capture << table;
        if (!misses.isEmpty())
            qInfo().noquote() << QStringLiteral("misses:\n  ") + misses.join(QStringLiteral("\n  "));
        QVERIFY2(total.certainRight == total.certain,
                 qPrintable(QStringLiteral("%1 of %2 certain exec events attributed wrongly")
                                .arg(total.certain - total.certainRight)
                                .arg(total.certain)));
    }

    void mixedSourcesGiveOneLineage()
    {
        // auditd and a bpftrace exec tracer of the same host and the same minutes: every exec once, attribution as
        // good as with auditd alone.
        const QString dir = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main");
        QTemporaryDir work;
        const QString casePath = work.filePath(QStringLiteral("mixed.shimscope"));
        const ImportReport report = ImportJob(casePath,
                                              {dir + QStringLiteral("/audit.log.gz"), dir + QStringLiteral("/bpftrace.tsv.gz")},
                                              {QStringLiteral("lab"), {}})
                                        .run();
        QCOMPARE(report.result, ImportReport::Result::Success);
        QCOMPARE(report.files.at(1).format, QStringLiteral("execsnoop"));
        QVERIFY(report.lineage.mergedDuplicates > 800);

        QMultiHash<int64_t, NodeRow> byPid;
        {
            CaseReader reader(casePath);
            ProcessQuery(reader.database()).forEachNode([&byPid](const NodeRow& n) {
                if (!n.placeholder)
                    byPid.insert(n.pid, n);
                return true;
            });
        }
        int duplicated = 0;
        int wrong = 0;
        QStringList misses;
        for (const TruthRow& t : readTruth(dir + QStringLiteral("/truth.tsv.gz"))) {
            for (auto it = byPid.constFind(t.pid); it != byPid.constEnd() && it.key() == t.pid; ++it) {
                if (std::llabs(it->timeNs - t.timeNs) <= 50 * 1000 * 1000) {
                    // An exec auditd recorded must not come back as a second node from the tracer.
                    duplicated += it->sourceFile == QLatin1String("bpftrace.tsv.gz") ? 1 : 0;
                    const bool right = it->location == t.location
                        && (t.location != QLatin1String("container") || t.containerId == QLatin1String("-")
                            || it->containerId == t.containerId);
                    if (t.certain && !right) {
                        ++wrong;
                        misses.append(QStringLiteral("serial %1 pid %2: %3 vs %4").arg(t.serial).arg(t.pid).arg(
                            it->location, t.location));
                    }
                }
            }
        }
        QCOMPARE(duplicated, 0);
        QVERIFY2(wrong == 0, qPrintable(misses.join(QLatin1Char('\n'))));
    }

    void logStatedContainersAgreeOrAreFlagged_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::newRow("tetragon") << QStringLiteral("tetragon");
        QTest::newRow("falco") << QStringLiteral("falco");
    }

    void logStatedContainersAgreeOrAreFlagged()
    {
        // Every sample event that names its container must come out in that container, and its evidence must say
        // whether the lineage agreed or disagreed.
        QFETCH(QString, folder);
        QTemporaryDir work;
        const QString casePath = work.filePath(QStringLiteral("stated.shimscope"));
        const ImportReport report =
            ImportJob(casePath, {QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/") + folder}).run();
        QVERIFY(report.result == ImportReport::Result::Success || report.result == ImportReport::Result::Partial);
        CaseReader reader(casePath);
        int stated = 0;
        int agreed = 0;
        int flagged = 0;
        QStringList problems;
        const std::vector<int64_t> ids = reader.eventIdsInTimeOrder();
        for (const EventRow& e : reader.events(ids)) {
            if (e.statedContainerId.isEmpty() || e.kind == EventKind::Exit)
                continue; // an exit is not a process of its own
            ++stated;
            const bool sameContainer =
                e.containerId.startsWith(e.statedContainerId) || e.statedContainerId.startsWith(e.containerId);
            if (e.location != QLatin1String("container") || e.containerId.isEmpty() || !sameContainer) {
                problems.append(QStringLiteral("%1:%2 states %3, attributed %4 %5")
                                    .arg(e.sourcePath)
                                    .arg(e.line)
                                    .arg(e.statedContainerId, e.location, e.containerId));
            }
        }
        ProcessQuery(reader.database()).forEachNode([&](const NodeRow& n) {
            const QString why = n.evidence.join(QLatin1Char('\n'));
            agreed += why.contains(QStringLiteral("which agrees")) ? 1 : 0;
            flagged += why.contains(QStringLiteral("DISAGREEMENT")) ? 1 : 0;
            return true;
        });
        qInfo("%s: %d events state a container; evidence: %d agree with the lineage, %d disagreements flagged",
              qPrintable(folder), stated, agreed, flagged);
        QVERIFY(stated > 0);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestAccuracy)
#include "tst_accuracy.moc"
