// SPDX-License-Identifier: GPL-3.0-or-later
// Exec activity per container and host over time, on the real demo bundle and on a synthetic million-node case.

#include "casefile.h"
#include "democase.h"
#include "timeline.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>

using namespace ShimScope;

namespace
{
int64_t sum(const std::vector<int64_t>& counts)
{
    return std::accumulate(counts.begin(), counts.end(), int64_t(0));
}

const TimelineSeries* seriesOf(const Timeline& t, int64_t ref)
{
    for (const TimelineSeries& s : t.series) {
        if (s.containerRef == ref)
            return &s;
    }
    return nullptr;
}
} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_case = m_dir.filePath(QStringLiteral("demo.shimscope"));
        QCOMPARE(DemoCase::import(m_case).result, ImportReport::Result::Success);
    }

    void wholeCase()
    {
        Database db = CaseFile::openReadOnly(m_case);
        const QPair<int64_t, int64_t> range = caseTimeRange(db);
        QCOMPARE(range.first, db.queryInt("SELECT min(ts) FROM exec_events WHERE kind = 1"));
        QCOMPARE(range.second, db.queryInt("SELECT max(ts) FROM exec_events WHERE kind = 1"));

        const Timeline t = computeTimeline(db, std::nullopt, std::nullopt, 60);
        QCOMPARE(t.fromNs, range.first);
        QVERIFY(t.toNs > range.second);
        QVERIFY(t.binNs > 0);
        QCOMPARE(t.toNs - t.fromNs, t.binNs * 60);
        QVERIFY(!t.series.isEmpty());
        QCOMPARE(t.series.first().containerRef, int64_t(0)); // host first
        QCOMPARE(t.series.first().colourIndex, -1);

        // Per container: exactly its exec nodes (successful and failed; no listing rows, no placeholders).
        Statement perContainer(db, "SELECT n.container_ref, count(*), c.colour_index FROM process_nodes n "
                                   "JOIN exec_events e ON e.id = n.event_id "
                                   "JOIN containers c ON c.id = n.container_ref "
                                   "WHERE e.kind = 1 GROUP BY n.container_ref");
        int containers = 0;
        while (perContainer.step()) {
            const TimelineSeries* s = seriesOf(t, perContainer.columnInt(0));
            QVERIFY(s);
            QCOMPARE(int(s->counts.size()), 60);
            QCOMPARE(sum(s->counts), perContainer.columnInt(1));
            QCOMPARE(s->colourIndex, int(perContainer.columnInt(2)));
            ++containers;
        }
        QVERIFY(containers >= 10);
        QCOMPARE(sum(seriesOf(t, 0)->counts),
                 db.queryInt("SELECT count(*) FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
                             "WHERE e.kind = 1 AND n.container_ref IS NULL AND n.location <> 'unknown'"));
        int64_t total = 0;
        for (const TimelineSeries& s : t.series)
            total += sum(s.counts);
        QCOMPARE(total, db.queryInt("SELECT count(*) FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
                                    "WHERE e.kind = 1"));
        // Failed execs count; listing rows do not.
        QVERIFY(db.queryInt("SELECT count(*) FROM process_nodes WHERE failed = 1") > 0);
        QVERIFY(db.queryInt("SELECT count(*) FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
                            "WHERE e.kind = 4") > 0);
        QVERIFY(total < db.queryInt("SELECT count(*) FROM process_nodes"));

        const int64_t b64 = DemoCase::containerRef(db, DemoCase::kB64);
        QCOMPARE(seriesOf(t, b64)->label, QStringLiteral("lab-b64"));
    }

    void subRange()
    {
        Database db = CaseFile::openReadOnly(m_case);
        const int64_t alp = DemoCase::containerRef(db, DemoCase::kAlp);
        Statement span(db, "SELECT min(start_ts), max(start_ts) FROM process_nodes WHERE container_ref = ?");
        span.bind(1, alp);
        QVERIFY(span.step());
        const int64_t from = span.columnInt(0) + 1000000000;
        const int64_t to = from + 5 * int64_t(1000000000);
        const Timeline t = computeTimeline(db, from, to, 5);
        QCOMPARE(t.fromNs, from);
        QCOMPARE(t.binNs, int64_t(1000000000) + 1); // 5 s + 1 ns inclusive, in 5 bins
        Statement count(db, "SELECT count(*) FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
                            "WHERE e.kind = 1 AND n.container_ref = ? AND n.start_ts BETWEEN ? AND ?");
        count.bind(1, alp).bind(2, from).bind(3, to);
        QVERIFY(count.step());
        QVERIFY(count.columnInt(0) > 0);
        QCOMPARE(sum(seriesOf(t, alp)->counts), count.columnInt(0));

        // Reversed or empty ranges give nothing.
        QVERIFY(computeTimeline(db, to, from, 5).series.isEmpty());
    }

    void emptyCase()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.shimscope"));
        Database db = CaseFile::openReadWrite(path);
        QCOMPARE(caseTimeRange(db), (QPair<int64_t, int64_t>(0, 0)));
        const Timeline t = computeTimeline(db, std::nullopt, std::nullopt, 10);
        QCOMPARE(t.binNs, int64_t(0));
        QVERIFY(t.series.isEmpty());
    }

    void millionNodes()
    {
        // A synthetic case of 1M exec nodes over 20 containers and the host, written with SQL (no lineage):
        // the timeline's cost is its grouped scan, measured here.
        const QString path = m_dir.filePath(QStringLiteral("million.shimscope"));
        constexpr int64_t kNodes = 1000000;
        {
            Database db = CaseFile::openReadWrite(path);
            db.exec("PRAGMA synchronous=OFF");
            Transaction transaction(db);
            db.exec("INSERT INTO import_runs (id, started_at, imported_by, tool_version, inputs, status) "
                    "VALUES (1, 0, 'test', 'test', 'synthetic', 'complete')");
            db.exec("INSERT INTO sources (id, run_id, input, path, size, format, imported_by, imported_at, status) "
                    "VALUES (1, 1, 'synthetic', 'synthetic.log', 0, 'auditd', 'test', 0, 'imported')");
            db.exec("INSERT INTO hosts (id, name) VALUES (1, 'big')");
            Statement container(db, "INSERT INTO containers (id, host_id, container_id, short_id, colour_index) "
                                    "VALUES (?, 1, ?, ?, ?)");
            for (int i = 1; i <= 20; ++i) {
                const QString id = QStringLiteral("c%1").arg(i);
                container.bind(1, i).bind(2, id).bind(3, id).bind(4, i % 16);
                container.run();
            }
            Statement events(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?) "
                                 "INSERT INTO exec_events (id, source_id, line, host_id, ts, kind, success, pid, argc, "
                                 "argv_origin, argv_truncated) "
                                 "SELECT i, 1, i, 1, 1800000000000000000 + i * 1000000, 1, i % 50 <> 0, i, 0, 0, 0 "
                                 "FROM k");
            events.bind(1, kNodes);
            events.run();
            db.exec("INSERT INTO process_nodes (id, host_id, pid, start_ts, event_id, container_ref, location, failed) "
                    "SELECT id, 1, pid, ts, id, CASE WHEN id % 3 = 0 THEN NULL ELSE id % 20 + 1 END, "
                    "CASE WHEN id % 3 = 0 THEN 'host' ELSE 'container' END, 1 - success FROM exec_events");
            transaction.commit();
        }
        Database db = CaseFile::openReadOnly(path);
        QElapsedTimer timer;
        timer.start();
        const Timeline t = computeTimeline(db, std::nullopt, std::nullopt, 200);
        const qint64 ms = timer.elapsed();
        qInfo("timeline of %lld exec nodes, 21 series, 200 bins: %lld ms", static_cast<long long>(kNodes),
              static_cast<long long>(ms));
        QCOMPARE(t.series.size(), 21);
        int64_t total = 0;
        for (const TimelineSeries& s : t.series)
            total += sum(s.counts);
        QCOMPARE(total, kNodes);
        QCOMPARE(sum(seriesOf(t, 0)->counts), kNodes / 3);
    }

private:
    QTemporaryDir m_dir;
    QString m_case;
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
