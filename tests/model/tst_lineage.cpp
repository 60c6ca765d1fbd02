// SPDX-License-Identifier: GPL-3.0-or-later
// Lineage and container attribution: on the real demo capture (checked against its kernel ground truth) and on
// event sequences shaped like the real chains of ../shared/RUNTIMES.md section 6.

#include "casefile.h"
#include "casereader.h"
#include "casewriter.h"
#include "democase.h"
#include "importjob.h"
#include "lineage.h"
#include "processquery.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>


using namespace ShimScope;

namespace
{
constexpr int64_t kSecond = 1000000000;
const QByteArray kWeb = "85209fd3eb3b54261d0082a0c815375e41e7ce666386f43cd72c8472d12105ab";
const QByteArray kB64 = "84d0a0c4fe653b185262917868d5cbdc2b8fb3c90c9e30f123e7514f274f2869";

/// Builds exec event sequences the way a host log records them.
class Script
{
public:
    explicit Script(QByteArray host = "node1")
        : m_host(std::move(host))
    {
    }

    Script& exec(int64_t pid, int64_t ppid, const QByteArray& exe, QList<QByteArray> argv, int64_t atMs,
                 QByteArray dev = "fe:00", QByteArray syscall = "execve")
    {
        ExecEvent e;
        e.host = m_host;
        e.pid = pid;
        e.ppid = ppid;
        e.exe = exe;
        e.argv = std::move(argv);
        e.argvOrigin = ArgvOrigin::Execve;
        e.timeNs = atMs * 1000000;
        e.serial = ++m_serial;
        e.record = QByteArray::number(atMs) + ':' + QByteArray::number(m_serial);
        e.line = m_serial;
        e.syscall = std::move(syscall);
        e.dev = std::move(dev);
        m_events.push_back(std::move(e));
        return *this;
    }

    Script& failed(int64_t pid, int64_t ppid, const QByteArray& exe, int64_t atMs)
    {
        exec(pid, ppid, exe, {}, atMs);
        m_events.back().success = false;
        m_events.back().exitCode = -2;
        return *this;
    }

    /// Strong links on the last event (Sysmon ProcessGuid, Tetragon exec_id, ECS entity_id).
    Script& links(QByteArray guid, QByteArray parentGuid = {})
    {
        m_events.back().guid = std::move(guid);
        m_events.back().parentGuid = std::move(parentGuid);
        return *this;
    }

    /// A container the log states for the last event (Tetragon docker field, Falco container.id, …).
    Script& stated(QByteArray id, QByteArray source)
    {
        m_events.back().statedContainerId = std::move(id);
        m_events.back().statedContainerSource = std::move(source);
        return *this;
    }

    /// A process listing row: alive, started at startMs.
    Script& snapshot(int64_t pid, int64_t ppid, QList<QByteArray> argv, int64_t startMs)
    {
        exec(pid, ppid, {}, std::move(argv), startMs);
        m_events.back().kind = EventKind::Snapshot;
        m_events.back().startTimeNs = startMs * 1000000;
        return *this;
    }

    Script& exit(int64_t pid, int64_t atMs)
    {
        exec(pid, kUnknownId, {}, {}, atMs);
        m_events.back().kind = EventKind::Exit;
        return *this;
    }

    QString build(const QTemporaryDir& dir) const
    {
        const QString path = dir.filePath(QStringLiteral("case.shimscope"));
        CaseWriter writer(path);
        writer.beginRun({QStringLiteral("synthetic")}, QStringLiteral("test"));
        const int64_t source = writer.beginSource({QStringLiteral("synthetic"), QStringLiteral("audit.log"), 0,
                                                   QStringLiteral("auditd"), QStringLiteral("test")});
        writer.addEvents(source, m_events);
        SourceOutcome outcome;
        outcome.status = QStringLiteral("imported");
        writer.finishSource(source, outcome);
        writer.commit();
        return path;
    }

private:
    QByteArray m_host;
    int64_t m_serial = 0;
    std::vector<ExecEvent> m_events;
};

/// The node of the exec at pid (the newest one when pid exec'd more than once, or the one at atMs).
NodeRow nodeOf(const QString& casePath, int64_t pid, std::optional<int64_t> atMs = {})
{
    CaseReader reader(casePath);
    ProcessQuery query(reader.database());
    const QList<NodeRow> rows =
        query.findByPid(pid, {}, atMs ? std::optional<int64_t>(*atMs * 1000000) : std::optional<int64_t>(INT64_MAX));
    if (rows.isEmpty())
        qFatal("no node for pid %lld", static_cast<long long>(pid));
    return rows.first();
}

QList<ContainerRow> containersOf(const QString& casePath)
{
    CaseReader reader(casePath);
    return ProcessQuery(reader.database()).containers();
}

QList<QByteArray> args(const char* text)
{
    return QByteArray(text).split(' ');
}

QString importCase(const QTemporaryDir& dir, const QString& name, const QStringList& inputs,
                   LineageStats* stats = nullptr)
{
    const QString path = dir.filePath(name);
    ImportOptions options;
    options.host = QStringLiteral("lab");
    const ImportReport report = ImportJob(path, inputs, options).run();
    if (report.result != ImportReport::Result::Success)
        qFatal("import of %s failed", qPrintable(inputs.join(QLatin1Char(' '))));
    if (stats)
        *stats = report.lineage;
    return path;
}

int64_t countOf(const QString& casePath, const char* sql)
{
    CaseReader reader(casePath);
    Statement s(reader.database(), sql);
    return s.step() ? s.columnInt(0) : -1;
}

/// What a case with process listings must show against the same host's exec log imported alone.
struct ListingFigures
{
    int64_t rows = 0;       ///< listing rows with a start time
    int64_t seen = 0;       ///< rows of a process seen exec'ing in its start window
    int64_t neverSeen = 0;  ///< distinct processes (pid, start) of the other rows
    int64_t replaced = 0;   ///< of those, the ones whose pid the log alone only knew as a placeholder
    QStringList problems;
};

/// Every listing row of a process the log saw exec'ing must be merged (table merged_events) into a node of that
/// exec (or a later image of the same pid), never be a node of its own; the other rows make or fill one node per
/// process. So: nodes = the log alone's nodes + the processes never seen exec'ing, less the placeholders they fill.
/// The window is the listed second plus one (ps `lstart` is computed from a boot time cut to the second).
ListingFigures checkListingAgainstLogAlone(const QString& withListing, const QString& logAlone)
{
    ListingFigures figures;
    QSet<int64_t> placeholderPids;
    {
        CaseReader reader(logAlone);
        Statement placeholders(reader.database(), "SELECT pid FROM process_nodes WHERE placeholder = 1");
        while (placeholders.step())
            placeholderPids.insert(placeholders.columnInt(0));
    }
    CaseReader reader(withListing);
    Database& db = reader.database();
    Statement rows(db, "SELECT s.id, s.pid, s.start_ts, m.node_id, n.pid, e.kind, e.ts, own.id, "
                       "EXISTS (SELECT 1 FROM exec_events x WHERE x.kind = ? AND x.success = 1 AND "
                       "x.host_id = s.host_id AND x.pid = s.pid AND x.ts >= s.start_ts - ? AND x.ts < s.start_ts + ?) "
                       "FROM exec_events s LEFT JOIN merged_events m ON m.event_id = s.id "
                       "LEFT JOIN process_nodes n ON n.id = m.node_id LEFT JOIN exec_events e ON e.id = n.event_id "
                       "LEFT JOIN process_nodes own ON own.event_id = s.id "
                       "WHERE s.kind = ? AND s.start_ts > 0 ORDER BY s.id");
    rows.bind(1, static_cast<int64_t>(EventKind::Exec))
        .bind(2, int64_t(50) * 1000 * 1000)
        .bind(3, 2 * kSecond)
        .bind(4, static_cast<int64_t>(EventKind::Snapshot));
    QSet<QPair<int64_t, int64_t>> neverSeen;
    QSet<int64_t> neverSeenPids;
    while (rows.step()) {
        ++figures.rows;
        const int64_t pid = rows.columnInt(1);
        const int64_t start = rows.columnInt(2);
        const QString where = QStringLiteral("listing row %1 (pid %2)").arg(rows.columnInt(0)).arg(pid);
        if (rows.columnInt(8)) {
            ++figures.seen;
            if (rows.isNull(3) || !rows.isNull(7))
                figures.problems.append(where + QStringLiteral(": a process seen exec'ing, not merged into its exec"));
            else if (rows.columnInt(4) != pid || rows.columnInt(5) != static_cast<int64_t>(EventKind::Exec)
                     || rows.columnInt(6) < start - int64_t(50) * 1000 * 1000)
                figures.problems.append(where + QStringLiteral(": merged into a node of another process"));
        } else {
            // Its own node, or merged into the node another listing of the same process made.
            if (!rows.isNull(3) && rows.columnInt(5) == static_cast<int64_t>(EventKind::Exec))
                figures.problems.append(where + QStringLiteral(": no exec in its window, yet merged into an exec"));
            neverSeen.insert({pid, start});
            neverSeenPids.insert(pid);
        }
    }
    figures.neverSeen = neverSeen.size();
    for (const int64_t pid : std::as_const(neverSeenPids))
        figures.replaced += placeholderPids.contains(pid) ? 1 : 0;
    return figures;
}

/// Containers by id with the figures a duplicate node would change.
QHash<QString, ContainerRow> containersById(const QString& casePath)
{
    QHash<QString, ContainerRow> byId;
    for (const ContainerRow& c : containersOf(casePath))
        byId.insert(c.containerId, c);
    return byId;
}

void compareContainers(const QString& withListing, const QString& logAlone)
{
    const QHash<QString, ContainerRow> alone = containersById(logAlone);
    const QHash<QString, ContainerRow> both = containersById(withListing);
    QCOMPARE(both.size(), alone.size());
    for (auto it = alone.cbegin(); it != alone.cend(); ++it) {
        const ContainerRow c = both.value(it.key());
        QVERIFY2(c.containerId == it.key(), qPrintable(it.key()));
        const QString what = QStringLiteral("%1 (%2)").arg(it->name, it.key().left(12));
        const QString vsAlone = QStringLiteral(": %1 %2, %3 from the log alone");
        QVERIFY2(c.processes == it->processes,
                 qPrintable(what + vsAlone.arg(c.processes).arg(QStringLiteral("processes")).arg(it->processes)));
        QVERIFY2(c.restarts == it->restarts,
                 qPrintable(what + vsAlone.arg(c.restarts).arg(QStringLiteral("restarts")).arg(it->restarts)));
        QCOMPARE(c.name, it->name);
        QCOMPARE(c.shimPid, it->shimPid);
        QCOMPARE(c.entrypointPid, it->entrypointPid);
    }
}

/// The node a listing row (pid, start) was merged into, as (start_ts, argv[0]); (-1, "") when it was not merged.
QPair<int64_t, QByteArray> mergedInto(const QString& casePath, int64_t pid, int64_t startMs)
{
    CaseReader reader(casePath);
    Statement s(reader.database(), "SELECT n.start_ts, e.argv FROM exec_events r "
                                   "JOIN merged_events m ON m.event_id = r.id JOIN process_nodes n ON n.id = m.node_id "
                                   "JOIN exec_events e ON e.id = n.event_id "
                                   "WHERE r.kind = ? AND r.pid = ? AND r.start_ts = ?");
    s.bind(1, static_cast<int64_t>(EventKind::Snapshot)).bind(2, pid).bind(3, startMs * 1000000);
    if (!s.step())
        return {-1, {}};
    const QByteArray argv = s.columnBytes(1);
    return {s.columnInt(0) / 1000000, argv.left(argv.indexOf('\0'))};
}

/// Every row of a table, each value quoted with its type (SQL quote()), in id order: equal dumps, equal tables.
QStringList tableDump(const QString& casePath, const QString& table)
{
    CaseReader reader(casePath);
    Database& db = reader.database();
    QStringList columns;
    {
        Statement info(db, "SELECT name FROM pragma_table_info(?)");
        info.bind(1, table);
        while (info.step())
            columns.append(QStringLiteral("quote(%1)").arg(info.columnText(0)));
    }
    QStringList rows;
    Statement all(db, QStringLiteral("SELECT %1 FROM %2 ORDER BY 1").arg(columns.join(QStringLiteral(" || '|' || ")), table)
                          .toStdString());
    while (all.step())
        rows.append(all.columnText(0));
    return rows;
}

/// Writes a generated audit log (tests/bench/genauditlog) of that many exec events in a pid space of pidMax.
bool generateLog(const QString& log, int events, int pidMax, int seed)
{
    QProcess gen;
    gen.start(QStringLiteral(SHIMSCOPE_GENAUDITLOG_PATH),
              {QStringLiteral("--events"), QString::number(events), QStringLiteral("--pid-max"), QString::number(pidMax),
               QStringLiteral("--seed"), QString::number(seed), QStringLiteral("--out"), log});
    return gen.waitForFinished(120000) && gen.exitStatus() == QProcess::NormalExit && gen.exitCode() == 0;
}

/// How often the lineage collects, for the scope of a test; the interval before is restored after.
class CollectionInterval
{
public:
    explicit CollectionInterval(int32_t nodes)
        : m_before(LineageBuilder::collectionInterval())
    {
        set(nodes);
    }
    ~CollectionInterval() { LineageBuilder::setCollectionInterval(m_before); }
    CollectionInterval(const CollectionInterval&) = delete;
    CollectionInterval& operator=(const CollectionInterval&) = delete;

    void set(int32_t nodes) { LineageBuilder::setCollectionInterval(nodes); }

private:
    int32_t m_before;
};

/// Two cases hold the same events, lineage, containers and merged records, row for row.
void compareLineageTables(const QString& casePath, const QString& otherPath)
{
    for (const char* table : {"exec_events", "process_nodes", "containers", "merged_events", "hosts"}) {
        const QStringList a = tableDump(casePath, QString::fromLatin1(table));
        const QStringList b = tableDump(otherPath, QString::fromLatin1(table));
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i)
            QVERIFY2(a[i] == b[i], qPrintable(QStringLiteral("%1 row %2:\n  %3\n  %4").arg(QString::fromLatin1(table)).arg(i).arg(a[i], b[i])));
    }
}

#define CHECK_NODE(row, expectedLocation, expectedContainer, expectedRole)                                            \
    do {                                                                                                              \
        const NodeRow& r_ = (row);                                                                                    \
        QVERIFY2(r_.location == QLatin1String(expectedLocation) && r_.containerId == QString::fromUtf8(expectedContainer) \
                     && r_.role == QLatin1String(expectedRole),                                                        \
                 qPrintable(QStringLiteral("pid %1: %2 %3 %4 (%5)\n  ")                                               \
                                .arg(r_.pid)                                                                          \
                                .arg(r_.location, r_.containerId, r_.role, r_.confidence)                             \
                            + r_.evidence.join(QStringLiteral("\n  "))));                                             \
    } while (false)
} // namespace

class TestLineage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamedLineageEqualsBuildFromScratch_data()
    {
        QTest::addColumn<QStringList>("inputs");
        QTest::addColumn<bool>("streamed");
        const QString lab = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/");
        const QString main = lab + QStringLiteral("main/audit.log.gz");
        const QString podman = lab + QStringLiteral("podman/audit.log.gz");
        const QString debian = lab + QStringLiteral("debian/audit.log.gz");
        QTest::newRow("lab main capture") << QStringList{main} << true;
        QTest::newRow("podman capture") << QStringList{podman} << true;
        // The captures follow each other on one machine: debian, then main, then podman.
        QTest::newRow("three logs, oldest first") << QStringList{debian, main, podman} << true;
        QTest::newRow("three logs, newest first (rotated logs by name)") << QStringList{podman, main, debian} << false;
        QTest::newRow("bundle with a process listing") << QStringList{DemoCase::kBundle} << false;
    }

    void streamedLineageEqualsBuildFromScratch()
    {
        // A new case's lineage is built while its events are stored, when they come in time order; otherwise, and
        // for listing rows, at the commit. Either way the nodes must be those of a build from scratch, which is what
        // an import into an existing case does (it rebuilds from the events read back from the case).
        QFETCH(QStringList, inputs);
        QFETCH(bool, streamed);
        QTemporaryDir dir;
        LineageStats stats;
        const QString fresh = importCase(dir, QStringLiteral("new.shimscope"), inputs, &stats);
        QCOMPARE(stats.streamed, streamed);
        QVERIFY(stats.nodes > 200);
        const QString existing = dir.filePath(QStringLiteral("existing.shimscope"));
        CaseFile::openReadWrite(existing); // an empty case: the import below rebuilds from what it reads back
        LineageStats fromScratch;
        QCOMPARE(importCase(dir, QStringLiteral("existing.shimscope"), inputs, &fromScratch), existing);
        QVERIFY(!fromScratch.streamed);
        compareLineageTables(fresh, existing);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(stats.containers, fromScratch.containers);
        QVERIFY(stats.containers > 0);
    }

    void boundedBuildEqualsKeepingEveryNode_data()
    {
        QTest::addColumn<QStringList>("inputs");
        const QString lab = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/");
        QTest::newRow("lab main capture") << QStringList{lab + QStringLiteral("main/audit.log.gz")};
        QTest::newRow("podman capture") << QStringList{lab + QStringLiteral("podman/audit.log.gz")};
        // Out of time order: built at the commit from the events read back from the case, bounded too.
        QTest::newRow("three logs, newest first")
            << QStringList{lab + QStringLiteral("podman/audit.log.gz"), lab + QStringLiteral("main/audit.log.gz"),
                           lab + QStringLiteral("debian/audit.log.gz")};
        // Two sources of one host: the execs both recorded are merged records, spilled among the nodes.
        QTest::newRow("auditd and an exec trace of one host")
            << QStringList{lab + QStringLiteral("main/audit.log.gz"), lab + QStringLiteral("main/bpftrace.tsv.gz")};
        QTest::newRow("generated log, small pid space") << QStringList{QStringLiteral("generated")};
    }

    void boundedBuildEqualsKeepingEveryNode()
    {
        // A build drops the nodes no later event can reach as it goes and writes them from a temporary file. The
        // case must be the one a build that keeps every node in memory writes, table for table.
        QFETCH(QStringList, inputs);
        QTemporaryDir dir;
        const bool generated = inputs == QStringList{QStringLiteral("generated")};
        if (generated) {
            // PID reuse, shim/runc subtrees, same-pid exec chains: a small pid space wraps many times.
            const QString log = dir.filePath(QStringLiteral("generated.log"));
            QVERIFY(generateLog(log, 20000, 3000, 11));
            inputs = {log};
        }
        CollectionInterval interval(0);
        LineageStats all;
        const QString kept = importCase(dir, QStringLiteral("kept.shimscope"), inputs, &all);
        QCOMPARE(all.collections, 0);
        QCOMPARE(all.residentNodes, all.nodes); // every node held to the end
        interval.set(64);
        LineageStats bounded;
        const QString dropped = importCase(dir, QStringLiteral("bounded.shimscope"), inputs, &bounded);
        QVERIFY(bounded.collections > 0);
        QVERIFY2(bounded.residentNodes < bounded.nodes,
                 qPrintable(QStringLiteral("%1 of %2 nodes in memory").arg(bounded.residentNodes).arg(bounded.nodes)));
        QCOMPARE(bounded.nodes, all.nodes);
        QVERIFY(all.nodes > 200);
        compareLineageTables(kept, dropped);
        if (QTest::currentTestFailed())
            return;
        if (generated)
            QVERIFY(countOf(dropped, "SELECT count(*) FROM process_nodes WHERE location = 'container'") > 100);
        if (inputs.size() == 2)
            QVERIFY(bounded.mergedDuplicates > 800 && countOf(dropped, "SELECT count(*) FROM merged_events") > 800);
        // Nothing is left beside the cases: the temporary file had no name.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).filter(QStringLiteral("spill")), QStringList());
    }

    void boundedBuildMemoryDoesNotGrowWithTheLog()
    {
        // Two generated logs of one host, one four times the other, in the same pid space: the nodes held at once
        // depend on the processes that can still be reached (a pid's current image, pending launches, their
        // ancestors), not on how long the log is.
        QTemporaryDir dir;
        CollectionInterval interval(64);
        LineageStats figures[2];
        const int events[2] = {10000, 40000};
        for (int i = 0; i < 2; ++i) {
            const QString log = dir.filePath(QStringLiteral("generated-%1.log").arg(events[i]));
            QVERIFY(generateLog(log, events[i], 3000, 5));
            importCase(dir, QStringLiteral("generated-%1.shimscope").arg(events[i]), {log}, &figures[i]);
            qInfo("%d events: %lld nodes, at most %lld in memory, %lld collections", events[i],
                  static_cast<long long>(figures[i].nodes), static_cast<long long>(figures[i].residentNodes),
                  static_cast<long long>(figures[i].collections));
        }
        QVERIFY(figures[1].nodes > 3 * figures[0].nodes);
        QVERIFY2(figures[1].residentNodes * 4 < figures[1].nodes, "most nodes are dropped from memory");
        QVERIFY2(figures[1].residentNodes < figures[0].residentNodes * 5 / 4, "four times the log, about the same memory");
    }

    void coldNodesKeepWhatTheBuildLearnsLater()
    {
        // Collecting after every node with two nodes kept in memory, `runc run` goes cold between its children. What
        // the build learns of it later (its first program has been seen) must survive its trips to disk and back: its
        // second child is a container process, not a second entrypoint.
        CollectionInterval interval(1);
        Script s;
        s.exec(300, 200, "/usr/sbin/runc", {"runc", "run", "demo1"}, 1000)
            .exec(302, 300, "/usr/sbin/runc", {"runc", "init"}, 1010);
        for (int i = 0; i < 8; ++i)
            s.exec(500 + i, 1, "/usr/bin/true", args("true"), 1011 + i);
        s.exec(304, 300, "/bin/sh", args("sh"), 1020);
        for (int i = 0; i < 8; ++i)
            s.exec(600 + i, 1, "/usr/bin/true", args("true"), 1021 + i);
        s.exec(306, 300, "/bin/sh", args("sh -c date"), 1100);
        QTemporaryDir dir;
        const QString path = s.build(dir);
        CHECK_NODE(nodeOf(path, 304), "container", "demo1", "entrypoint");
        CHECK_NODE(nodeOf(path, 306), "container", "demo1", "container process");
        CHECK_NODE(nodeOf(path, 300), "host", "", "runtime");
        QCOMPARE(containersOf(path).size(), 1);
    }

    void demoCaptureMatchesKernelTruth()
    {
        // tests/data/demo-2026-12-03/ground-truth.txt: where each key process ran, from /proc and docker inspect.
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("demo.shimscope"));
        const ImportReport report =
            ImportJob(casePath, {QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/demo-2026-12-03/audit.log.gz")}).run();
        QCOMPARE(report.result, ImportReport::Result::Success);
        QCOMPARE(report.lineage.containers, int64_t(2));

        // Container processes.
        CHECK_NODE(nodeOf(casePath, 6605), "container", kWeb, "entrypoint");
        QCOMPARE(nodeOf(casePath, 6605).confidence, QStringLiteral("certain"));
        for (const int64_t pid : {6632, 6660, 6769, 6802, 6877})
            CHECK_NODE(nodeOf(casePath, pid), "container", kWeb, "container process");
        CHECK_NODE(nodeOf(casePath, 6651), "container", kWeb, "exec-session root");
        CHECK_NODE(nodeOf(casePath, 6680), "container", kWeb, "exec-session root");
        CHECK_NODE(nodeOf(casePath, 6706), "container", kWeb, "container process"); // the /.redtail re-exec
        CHECK_NODE(nodeOf(casePath, 6760), "container", kWeb, "container process"); // /tmp/.redtail as "systemd"
        CHECK_NODE(nodeOf(casePath, 6766), "container", kWeb, "container process");
        CHECK_NODE(nodeOf(casePath, 6807), "container", kB64, "entrypoint");
        CHECK_NODE(nodeOf(casePath, 6837), "container", kB64, "container process");
        CHECK_NODE(nodeOf(casePath, 6838), "container", kB64, "container process");
        // The re-exec of the same pid keeps its predecessor.
        const NodeRow redtail = nodeOf(casePath, 6760);
        QVERIFY(redtail.predecessorId != 0);
        QCOMPARE(redtail.argv.value(0), QByteArray("systemd"));

        // Runtime plumbing runs on the host.
        CHECK_NODE(nodeOf(casePath, 6584), "host", "", "shim");
        CHECK_NODE(nodeOf(casePath, 6576), "host", "", "shim launcher");
        CHECK_NODE(nodeOf(casePath, 6595), "host", "", "runtime");
        CHECK_NODE(nodeOf(casePath, 6603), "host", "", "runtime init");
        CHECK_NODE(nodeOf(casePath, 6611), "host", "", "runtime hook"); // libnetwork-setkey, child of runc create
        CHECK_NODE(nodeOf(casePath, 6641), "host", "", "runtime");
        CHECK_NODE(nodeOf(casePath, 6848), "host", "", "shim launcher");
        // The host session, including the suspicious-looking pipeline and the docker CLI.
        for (const int64_t pid : {6529, 6557, 6558, 6559, 6634})
            QCOMPARE(nodeOf(casePath, pid).location, QStringLiteral("host"));

        // The host ran dash and mawk (Debian's /bin/sh and awk): a Debian-family host.
        {
            CaseReader reader(casePath);
            Statement os(reader.database(), "SELECT os_id, os_evidence FROM hosts");
            QVERIFY(os.step());
            QCOMPARE(os.columnText(0), QStringLiteral("debian"));
            QVERIFY2(os.columnText(1).contains(QStringLiteral("mawk")), qPrintable(os.columnText(1)));
        }

        const QList<ContainerRow> containers = containersOf(casePath);
        QCOMPARE(containers.size(), 2);
        QCOMPARE(containers.at(0).containerId, QString::fromUtf8(kWeb));
        QCOMPARE(containers.at(0).shimPid, int64_t(6584));
        QCOMPARE(containers.at(0).entrypointPid, int64_t(6605));
        QCOMPARE(containers.at(0).engine, QStringLiteral("docker"));
        QCOMPARE(containers.at(0).runtime, QStringLiteral("runc"));
        QCOMPARE(containers.at(0).execSessions, int64_t(4));
        // Named by the `docker run -d --name web demo/busybox …` the host ran just before the shim appeared.
        QCOMPARE(containers.at(0).name, QStringLiteral("web"));
        QCOMPARE(containers.at(0).image, QStringLiteral("demo/busybox"));
        QCOMPARE(containers.at(1).image, QStringLiteral("demo/busybox"));
        QCOMPARE(containers.at(1).containerId, QString::fromUtf8(kB64));
        QCOMPARE(containers.at(1).shimPid, int64_t(6786));
        QCOMPARE(containers.at(1).entrypointPid, int64_t(6807));
    }

    void listedContainersKeepTheirDockerRunNames()
    {
        // The demo bundle's ps listing shows lab-web's and lab-alp's processes with whole-second start times, i.e.
        // before the `docker run --name` that made them; the shim milliseconds after the run still names them.
        // Truth: the bundle's own `docker ps -a --no-trunc`, taken during the capture.
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("bundle.shimscope"));
        ImportOptions options;
        options.host = QStringLiteral("lab");
        const QString bundle = QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle");
        QCOMPARE(ImportJob(casePath, {bundle}, options).run().result, ImportReport::Result::Success);
        QFile listing(bundle + QStringLiteral("/live/docker-ps-a.txt"));
        QVERIFY(listing.open(QIODevice::ReadOnly));
        QHash<QString, QString> names; // id -> NAMES column
        listing.readLine();
        while (!listing.atEnd()) {
            const QList<QByteArray> fields = listing.readLine().simplified().split(' ');
            names.insert(QString::fromLatin1(fields.first()), QString::fromLatin1(fields.last()));
        }
        QCOMPARE(names.size(), 2);
        int checked = 0;
        for (const ContainerRow& c : containersOf(casePath)) {
            if (names.contains(c.containerId)) {
                QCOMPARE(c.name, names.value(c.containerId));
                QCOMPARE(c.image, c.name == QLatin1String("lab-web") ? QStringLiteral("lab/busybox")
                                                                     : QStringLiteral("lab/alpinelike"));
                ++checked;
            }
        }
        QCOMPARE(checked, 2);
    }

    void demoBundleListingRowsJoinTheirExecs()
    {
        // The demo bundle: the main lab capture's auditd log plus a `ps -eo pid,ppid,user,lstart,args` taken during
        // it. Each row of a process auditd saw exec'ing is that exec's node seen again, not a second process.
        QTemporaryDir dir;
        const QString bundle = QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle");
        LineageStats stats;
        const QString both = importCase(dir, QStringLiteral("bundle.shimscope"), {bundle}, &stats);
        const QString auditLog = bundle + QStringLiteral("/var/log/audit/audit.log.gz");
        const QString alone = importCase(dir, QStringLiteral("audit.shimscope"), {auditLog});
        const ListingFigures f = checkListingAgainstLogAlone(both, alone);
        QVERIFY2(f.problems.isEmpty(), qPrintable(f.problems.join(QLatin1Char('\n'))));
        QCOMPARE(f.rows, int64_t(86));
        QCOMPARE(f.seen, int64_t(7)); // both shims, both entrypoints, their two sleeps, and ps itself
        QCOMPARE(f.neverSeen, int64_t(79));
        QCOMPARE(f.replaced, int64_t(4)); // pid 1, containerd, dockerd, the scenario shell: placeholders alone
        const int64_t aloneNodes = countOf(alone, "SELECT count(*) FROM process_nodes");
        QCOMPARE(aloneNodes, int64_t(915));
        QCOMPARE(countOf(both, "SELECT count(*) FROM process_nodes"), aloneNodes + f.neverSeen - f.replaced);
        QCOMPARE(countOf(both, "SELECT count(*) FROM merged_events"), f.seen);
        QCOMPARE(stats.mergedListingRows, f.seen);
        // Truth: the bundle's `docker ps -a` and the lab's timeline: lab-web and lab-alp each ran once, one shim.
        compareContainers(both, alone);
        int checked = 0;
        for (const ContainerRow& c : containersOf(both)) {
            if (c.name == QLatin1String("lab-web") || c.name == QLatin1String("lab-alp")) {
                QCOMPARE(c.restarts, int64_t(0));
                QCOMPARE(c.processes, c.name == QLatin1String("lab-web") ? int64_t(41) : int64_t(23));
                ++checked;
            }
        }
        QCOMPARE(checked, 2);
        // The shim's listing row names its exec's node: pid 6668 exec'd at 17:35:46.640, listed "started 17:35:46".
        QCOMPARE(mergedInto(both, 6668, int64_t(1796319346) * 1000).first, int64_t(1796319346640));
    }

    void labSnapshotsJoinTheirExecs_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::newRow("main") << QStringLiteral("main");
        QTest::newRow("podman") << QStringLiteral("podman");
        QTest::newRow("debian") << QStringLiteral("debian");
    }

    void labSnapshotsJoinTheirExecs()
    {
        // Each lab capture's snapshots.tar.gz: the `ps -eo … lstart …` (and `ps auxww`) listings the scenario shell
        // took during the run, several per capture, so most processes are listed more than once.
        QFETCH(QString, capture);
        const QString data = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/") + capture;
        QTemporaryDir dir;
        // The archive as it is: the bundle reader streams its listings.
        const QString snapshots = data + QStringLiteral("/snapshots.tar.gz");
        const QString log = data + QStringLiteral("/audit.log.gz");
        const QString both = importCase(dir, QStringLiteral("both.shimscope"), {log, snapshots});
        const QString alone = importCase(dir, QStringLiteral("alone.shimscope"), {log});
        const ListingFigures f = checkListingAgainstLogAlone(both, alone);
        qInfo("%s: %lld listing rows, %lld of processes seen exec'ing, %lld processes never seen exec'ing",
              qPrintable(capture), static_cast<long long>(f.rows), static_cast<long long>(f.seen),
              static_cast<long long>(f.neverSeen));
        QVERIFY2(f.problems.isEmpty(), qPrintable(f.problems.join(QLatin1Char('\n'))));
        QVERIFY(f.rows > 100);
        QVERIFY(f.seen > 0);
        QCOMPARE(countOf(both, "SELECT count(*) FROM process_nodes"),
                 countOf(alone, "SELECT count(*) FROM process_nodes") + f.neverSeen - f.replaced);
        compareContainers(both, alone);
    }

    void listingRowsAndPidReuse()
    {
        Script s;
        s.exec(50, 1, "/usr/sbin/sshd", args("sshd -D"), 1000)
            .exec(60, 1, "/usr/sbin/cron", args("cron -f"), 1000)
            // Pid 700 twice within one second: a short-lived process, then a job of cron's.
            .exec(700, 50, "/bin/true", args("true"), 10100)
            .exit(700, 10150)
            .exec(700, 60, "/usr/bin/python3", args("python3 /opt/job.py"), 10700)
            .snapshot(700, 60, args("python3 /opt/job.py"), 10000) // listed: started at 10 s, the job
            // Pid 710 likewise, but the listing shows the first process (taken before the pid came back).
            .exec(710, 50, "/bin/sleep", args("sleep 1"), 11100)
            .exec(710, 60, "/bin/date", args("date"), 11800)
            .snapshot(710, 50, args("sleep 1"), 11000)
            // Pid 800 exec'd at 2 s; listed as started at 20 s: another process that reused the pid, never seen
            // exec'ing. It is not nginx, and its child is not nginx's.
            .exec(800, 1, "/usr/sbin/nginx", args("nginx -g daemon"), 2000)
            .snapshot(800, 1, args("/usr/local/bin/agent --serve"), 20000)
            .exec(900, 800, "/bin/sh", args("sh -c date"), 20500);
        QTemporaryDir dir;
        const QString path = s.build(dir);
        QCOMPARE(mergedInto(path, 700, 10000), qMakePair(int64_t(10700), QByteArray("python3")));
        QCOMPARE(mergedInto(path, 710, 11000), qMakePair(int64_t(11100), QByteArray("sleep")));
        QCOMPARE(mergedInto(path, 800, 20000).first, int64_t(-1));
        // Eight execs and the one process never seen exec'ing (plus the placeholder of pid 1).
        QCOMPARE(countOf(path, "SELECT count(*) FROM process_nodes WHERE placeholder = 0"), int64_t(9));
        const NodeRow sh = nodeOf(path, 900);
        CaseReader reader(path);
        const std::optional<NodeRow> parent = ProcessQuery(reader.database()).node(sh.parentId);
        QVERIFY(parent);
        QCOMPARE(parent->pid, int64_t(800));
        QCOMPARE(parent->argv.value(0), QByteArray("/usr/local/bin/agent"));
        QCOMPARE(parent->parentLink, QStringLiteral("snapshot"));
    }

    void listingRowOfReexecdPidIsItsNewestImage()
    {
        Script s;
        s.exec(40, 1, "/usr/sbin/cron", args("cron -f"), 1000)
            // `sh -c 'exec sleep 30'`: one process, two images; the listing shows the current one, sleep.
            .exec(900, 40, "/bin/sh", args("sh -c exec sleep 30"), 5200)
            .exec(900, 40, "/bin/sleep", args("sleep 30"), 8000)
            .snapshot(900, 40, args("sleep 30"), 5000)
            // The re-exec within the listed second.
            .exec(910, 1, "/bin/sh", args("sh -c exec /usr/bin/top -b"), 12300)
            .exec(910, 1, "/usr/bin/top", args("/usr/bin/top -b"), 12400)
            .snapshot(910, 1, args("/usr/bin/top -b"), 12000)
            // A listing taken before the re-exec shows the first image.
            .exec(920, 40, "/bin/sh", args("sh -c exec sleep 5"), 15100)
            .exec(920, 40, "/bin/sleep", args("sleep 5"), 18000)
            .snapshot(920, 40, args("sh -c exec sleep 5"), 15000)
            // Re-parented to init after its parent (pid 40's job shell) went: the row still joins its exec.
            .exec(930, 40, "/bin/sleep", args("sleep 60"), 21300)
            .snapshot(930, 1, args("sleep 60"), 21000);
        QTemporaryDir dir;
        const QString path = s.build(dir);
        QCOMPARE(mergedInto(path, 900, 5000), qMakePair(int64_t(8000), QByteArray("sleep")));
        QCOMPARE(mergedInto(path, 910, 12000), qMakePair(int64_t(12400), QByteArray("/usr/bin/top")));
        QCOMPARE(mergedInto(path, 920, 15000), qMakePair(int64_t(15100), QByteArray("sh")));
        QCOMPARE(mergedInto(path, 930, 21000), qMakePair(int64_t(21300), QByteArray("sleep")));
        QCOMPARE(countOf(path, "SELECT count(*) FROM process_nodes WHERE placeholder = 0"), int64_t(8));
        // The later image still follows the earlier one.
        QVERIFY(nodeOf(path, 900).predecessorId != 0);
    }

    void dockerExecSessionUnderRuncExec()
    {
        const QByteArray id(64, 'a');
        Script s;
        s.exec(500, 1, "/usr/bin/containerd-shim-runc-v2",
               {"containerd-shim-runc-v2", "-namespace", "moby", "-id", id, "-address", "/run/containerd/containerd.sock"},
               1000)
            .exec(510, 500, "/usr/sbin/runc",
                  {"runc", "--root", "/var/run/docker/runtime-runc/moby", "create", "--bundle",
                   "/run/containerd/io.containerd.runtime.v2.task/moby/" + id, id},
                  1100)
            .exec(512, 510, "/usr/sbin/runc", {"runc", "init"}, 1110)
            .exec(512, 510, "/", {"runc", "init"}, 1111, "00:01", "execveat")
            .exec(520, 500, "/usr/sbin/runc", {"runc", "start", id}, 1200)
            .exec(514, 500, "/bin/sh", args("sh -c sleep"), 1210, "00:34")
            .exec(600, 500, "/usr/sbin/runc",
                  {"runc", "--root", "/var/run/docker/runtime-runc/moby", "exec", "--process", "/tmp/runc-process1",
                   "--detach", id},
                  5000)
            .exec(602, 600, "/usr/sbin/runc", {"runc", "init"}, 5010)
            .exec(604, 600, "/bin/sh", args("sh -i"), 5020, "00:34")
            .exec(605, 604, "/usr/bin/apt-get", args("apt-get install docker.io"), 6000, "00:34");
        QTemporaryDir dir;
        const QString path = s.build(dir);
        CHECK_NODE(nodeOf(path, 514), "container", id, "entrypoint");
        CHECK_NODE(nodeOf(path, 604), "container", id, "exec-session root");
        CHECK_NODE(nodeOf(path, 605), "container", id, "container process");
        CHECK_NODE(nodeOf(path, 602), "host", "", "runtime init");
        CHECK_NODE(nodeOf(path, 520), "host", "", "runtime");
        const NodeRow session = nodeOf(path, 605);
        QCOMPARE(session.confidence, QStringLiteral("certain"));
        QVERIFY2(session.evidence.join(QLatin1Char('\n')).contains(QString::fromUtf8(id)),
                 qPrintable(session.evidence.join(QLatin1Char('\n'))));
    }

    void kubernetesPodShimNamesSandboxNotContainer()
    {
        const QByteArray sandbox(64, 'b');
        const QByteArray app(64, 'c');
        Script s;
        s.exec(700, 1, "/usr/bin/containerd-shim-runc-v2",
               {"containerd-shim-runc-v2", "-namespace", "k8s.io", "-id", sandbox, "-address",
                "/run/containerd/containerd.sock"},
               1000)
            .exec(710, 700, "/usr/bin/runc",
                  {"runc", "--root", "/run/containerd/runc/k8s.io", "create", "--bundle",
                   "/run/containerd/io.containerd.runtime.v2.task/k8s.io/" + sandbox, sandbox},
                  1100)
            .exec(713, 700, "/pause", {"/pause"}, 1200, "00:40")
            .exec(720, 700, "/usr/bin/runc",
                  {"runc", "--root", "/run/containerd/runc/k8s.io", "create", "--bundle",
                   "/run/containerd/io.containerd.runtime.v2.task/k8s.io/" + app, app},
                  3000)
            .exec(723, 700, "/usr/local/bin/python3", args("python3 app.py"), 3100, "00:41")
            .exec(730, 723, "/bin/sh", args("sh -c id"), 9000, "00:41");
        QTemporaryDir dir;
        const QString path = s.build(dir);
        CHECK_NODE(nodeOf(path, 713), "container", sandbox, "entrypoint");
        CHECK_NODE(nodeOf(path, 723), "container", app, "entrypoint");
        CHECK_NODE(nodeOf(path, 730), "container", app, "container process");
        const QList<ContainerRow> containers = containersOf(path);
        QCOMPARE(containers.size(), 2);
        QCOMPARE(containers.at(1).sandboxId, QString::fromUtf8(sandbox));
        QCOMPARE(containers.at(1).engine, QStringLiteral("kubernetes"));
        // The pause container is recognised as the pod's sandbox.
        QCOMPARE(containers.at(0).sandboxId, QString::fromUtf8(sandbox));
        QCOMPARE(containers.at(0).name, QStringLiteral("POD"));
    }

    void detachedCreateStartIsLikely()
    {
        const QByteArray id("mybox");
        Script s;
        s.exec(900, 800, "/usr/sbin/runc", {"runc", "create", "--bundle", "/srv/bundle", id}, 1000)
            .exec(902, 900, "/usr/sbin/runc", {"runc", "init"}, 1010)
            .exec(910, 800, "/usr/sbin/runc", {"runc", "start", id}, 3000)
            .exec(904, 1, "/bin/sh", args("sh -c top"), 3010)
            .exec(950, 1, "/usr/sbin/cron", args("cron -f"), 4000); // an unrelated daemon under PID 1
        QTemporaryDir dir;
        const QString path = s.build(dir);
        const NodeRow entry = nodeOf(path, 904);
        CHECK_NODE(entry, "container", id, "entrypoint");
        QCOMPARE(entry.confidence, QStringLiteral("likely"));
        QVERIFY(entry.evidence.first().contains(QStringLiteral("902")));
        QCOMPARE(nodeOf(path, 950).location, QStringLiteral("host"));
    }

    void runcRunForegroundParentIsRuntime()
    {
        Script s;
        s.exec(300, 200, "/usr/sbin/runc", {"runc", "run", "demo1"}, 1000)
            .exec(302, 300, "/usr/sbin/runc", {"runc", "init"}, 1010)
            .exec(304, 300, "/bin/sh", args("sh"), 1020)
            .exec(305, 304, "/bin/busybox", args("wget http://x/y"), 2000);
        QTemporaryDir dir;
        const QString path = s.build(dir);
        CHECK_NODE(nodeOf(path, 304), "container", "demo1", "entrypoint");
        CHECK_NODE(nodeOf(path, 305), "container", "demo1", "container process");
        CHECK_NODE(nodeOf(path, 300), "host", "", "runtime");
    }

    void crunRunForegroundWithoutInitExec()
    {
        // crun clones the container process itself: no `init` exec between crun and the entrypoint.
        Script s;
        s.exec(320, 200, "/usr/bin/crun", {"crun", "run", "--bundle", "/srv/b", "demo2"}, 1000)
            .exec(320, 200, "/", {"crun", "run", "--bundle", "/srv/b", "demo2"}, 1002, "00:01", "execveat")
            .exec(324, 320, "/bin/sh", args("sh -c id"), 1020);
        QTemporaryDir dir;
        const QString path = s.build(dir);
        CHECK_NODE(nodeOf(path, 324), "container", "demo2", "entrypoint");
        CHECK_NODE(nodeOf(path, 320), "host", "", "runtime");
        QCOMPARE(containersOf(path).first().runtime, QStringLiteral("crun"));
    }

    void podmanConmonForkedCopyIsLinked()
    {
        const QByteArray id(64, 'd');
        Script s;
        s.exec(1000, 999, "/usr/bin/conmon",
               {"/usr/bin/conmon", "--api-version", "1", "-c", id, "-u", id, "-r", "/usr/bin/crun", "-b",
                "/var/lib/containers/storage/overlay-containers/" + id + "/userdata", "-n", "web"},
               1000)
            // conmon double-forks without exec: 1001 runs crun and becomes the container's parent.
            .exec(1002, 1001, "/usr/bin/crun",
                  {"/usr/bin/crun", "create", "--bundle",
                   "/var/lib/containers/storage/overlay-containers/" + id + "/userdata", id},
                  1050)
            .exec(1010, 999, "/usr/bin/crun", {"/usr/bin/crun", "start", id}, 1100)
            .exec(1004, 1001, "/usr/sbin/nginx", args("nginx -g daemon"), 1110, "00:50");
        QTemporaryDir dir;
        const QString path = s.build(dir);
        const NodeRow entry = nodeOf(path, 1004);
        CHECK_NODE(entry, "container", id, "entrypoint");
        const QList<NodeRow> chain = [&] {
            CaseReader reader(path);
            return ProcessQuery(reader.database()).chain(entry.id);
        }();
        QVERIFY(chain.size() >= 3);
        QVERIFY(chain.at(1).placeholder);
        QCOMPARE(chain.at(1).pid, int64_t(1001));
        QCOMPARE(chain.at(1).parentLink, QStringLiteral("inferred"));
        QCOMPARE(chain.at(2).pid, int64_t(1000));
        QCOMPARE(containersOf(path).first().name, QStringLiteral("web"));
    }

    void legacyShimIdFromWorkdir()
    {
        const QByteArray id(64, 'e');
        Script s;
        s.exec(400, 300, "/usr/bin/containerd-shim",
               {"containerd-shim", "-namespace", "moby", "-workdir",
                "/var/lib/containerd/io.containerd.runtime.v1.linux/moby/" + id, "-address",
                "/run/containerd/containerd.sock", "-containerd-binary", "/usr/bin/containerd", "-runtime-root",
                "/var/run/docker/runtime-runc"},
               1000)
            .exec(410, 400, "/usr/sbin/runc",
                  {"runc", "--root", "/var/run/docker/runtime-runc/moby", "create", "--bundle",
                   "/var/run/docker/containerd/daemon/io.containerd.runtime.v1.linux/moby/" + id, id},
                  1100)
            .exec(414, 400, "/docker-entrypoint.sh", args("/docker-entrypoint.sh nginx"), 1200);
        QTemporaryDir dir;
        CHECK_NODE(nodeOf(s.build(dir), 414), "container", id, "entrypoint");
    }

    void pidReuseGivesDifferentParentsAndContainers()
    {
        const QByteArray id(64, 'f');
        Script s;
        s.exec(500, 1, "/usr/bin/containerd-shim-runc-v2",
               {"containerd-shim-runc-v2", "-namespace", "moby", "-id", id, "-address", "/run/containerd/containerd.sock"},
               1000)
            .exec(510, 500, "/usr/sbin/runc", {"runc", "create", "--bundle", "/b/" + id, id}, 1100)
            .exec(4242, 500, "/bin/sh", args("sh -c x"), 1200, "00:34")
            .exec(4243, 4242, "/bin/cat", args("cat /etc/shadow"), 1300, "00:34")
            // Minutes later the same pid belongs to an unrelated host process.
            .exec(3000, 1, "/usr/sbin/sshd", args("sshd -D"), 200 * 1000)
            .exec(4242, 3000, "/bin/bash", args("-bash"), 300 * 1000)
            .exec(4243, 4242, "/bin/cat", args("cat /etc/hosts"), 301 * 1000);
        QTemporaryDir dir;
        const QString path = s.build(dir);
        const NodeRow early = nodeOf(path, 4243, 2000);
        const NodeRow late = nodeOf(path, 4243, 400 * 1000);
        CHECK_NODE(early, "container", id, "container process");
        CHECK_NODE(late, "host", "", "host process");
        QVERIFY(early.parentId != late.parentId);
        QCOMPARE(late.confidence, QStringLiteral("certain"));
    }

    void dockerRestartKeepsIdWithNewShim()
    {
        const QByteArray id(64, '1');
        Script s;
        for (int round = 0; round < 2; ++round) {
            const int64_t base = 100 * (round + 1);
            const int64_t at = 1000 + round * 60000;
            s.exec(base, 1, "/usr/bin/containerd-shim-runc-v2",
                   {"containerd-shim-runc-v2", "-namespace", "moby", "-id", id, "-address",
                    "/run/containerd/containerd.sock"},
                   at)
                .exec(base + 10, base, "/usr/sbin/runc", {"runc", "create", "--bundle", "/b/" + id, id}, at + 10)
                .exec(base + 14, base, "/app/server", args("/app/server"), at + 20, "00:34");
        }
        QTemporaryDir dir;
        const QString path = s.build(dir);
        CHECK_NODE(nodeOf(path, 114), "container", id, "entrypoint");
        CHECK_NODE(nodeOf(path, 214), "container", id, "entrypoint"); // the restarted container's new first process
        const QList<ContainerRow> containers = containersOf(path);
        QCOMPARE(containers.size(), 1);
        QCOMPARE(containers.first().restarts, int64_t(1));
    }

    void strongLinksWinOverPidMatching()
    {
        // Two processes with pid 50 at once is impossible on one host, but a GUID-linked log can show a parent whose
        // pid was reused between events: the GUID decides.
        Script s;
        s.exec(50, 1, "/usr/sbin/sshd", args("sshd -D"), 1000).links("{A}")
            .exec(60, 50, "/bin/bash", args("-bash"), 2000).links("{B}", "{A}")
            .exec(50, 1, "/usr/sbin/cron", args("cron"), 3000).links("{C}")
            .exec(70, 50, "/bin/ls", args("ls"), 4000).links("{D}", "{A}");
        QTemporaryDir dir;
        const QString path = s.build(dir);
        const NodeRow ls = nodeOf(path, 70);
        QCOMPARE(ls.parentLink, QStringLiteral("logged"));
        CaseReader reader(path);
        QCOMPARE(ProcessQuery(reader.database()).node(ls.parentId)->argv.value(0), QByteArray("sshd"));
    }

    void statedContainerIsUsedAndCrossChecked()
    {
        const QByteArray id(64, '9');
        Script s;
        s.exec(500, 1, "/usr/bin/containerd-shim-runc-v2",
               {"containerd-shim-runc-v2", "-namespace", "moby", "-id", id, "-address", "/run/containerd/containerd.sock"},
               1000)
            .exec(510, 500, "/usr/sbin/runc", {"runc", "create", "--bundle", "/b/" + id, id}, 1100)
            .exec(514, 500, "/bin/sh", args("sh"), 1200).stated(id.left(31), "tetragon process.docker")
            // A process whose chain breaks, but the log names its container: used, and no disagreement.
            .exec(700, 699, "/usr/bin/curl", args("curl x"), 1300).stated(id, "falco container.full_id")
            // A process the lineage puts on the host while the log says container: the log wins, flagged.
            .exec(800, 1, "/usr/bin/nsenter", args("nsenter -t 514 -a sh"), 1400)
            .stated(id, "ecs container.id");
        QTemporaryDir dir;
        const QString path = s.build(dir);
        const NodeRow entry = nodeOf(path, 514);
        CHECK_NODE(entry, "container", id, "entrypoint");
        QVERIFY(entry.evidence.first().contains(QStringLiteral("which agrees")));
        const NodeRow curl = nodeOf(path, 700);
        CHECK_NODE(curl, "container", id, "container process");
        QVERIFY(!curl.evidence.first().contains(QStringLiteral("DISAGREEMENT")));
        const NodeRow flagged = nodeOf(path, 800);
        QCOMPARE(flagged.containerId, QString::fromUtf8(id));
        QVERIFY2(flagged.evidence.first().contains(QStringLiteral("DISAGREEMENT: the lineage alone said host")),
                 qPrintable(flagged.evidence.join(QLatin1Char('\n'))));
        QCOMPARE(containersOf(path).size(), 1); // the prefix matched the known container
    }

    void snapshotFillsPlaceholderAndExitEndsAnImage()
    {
        Script s;
        // Parent 10 never exec'd: a placeholder. A ps listing names pid 10 started in that second (a process listed
        // as started after its child's exec would be another process that reused the pid: see
        // listingRowsAndPidReuse).
        s.exec(20, 10, "/bin/ls", args("ls"), 1000)
            .snapshot(10, 1, args("/usr/sbin/sshd -D"), 1000)
            .exec(30, 1, "/bin/sleep", args("sleep 9"), 3000)
            .exit(30, 4000)
            .exec(40, 30, "/bin/id", args("id"), 5000); // pid 30 exited: its parent is a new placeholder
        QTemporaryDir dir;
        const QString path = s.build(dir);
        CaseReader reader(path);
        ProcessQuery query(reader.database());
        const std::optional<NodeRow> parent = query.node(nodeOf(path, 20).parentId);
        QVERIFY(parent);
        QCOMPARE(parent->pid, int64_t(10));
        QCOMPARE(parent->argv.value(0), QByteArray("/usr/sbin/sshd"));
        const std::optional<NodeRow> afterExit = query.node(nodeOf(path, 40).parentId);
        QVERIFY(afterExit && afterExit->placeholder);
        QVERIFY(afterExit->argv.isEmpty());
    }

    void failedExecNeverBecomesAParentAndPlaceholdersGroupChildren()
    {
        Script s;
        s.exec(10, 1, "/bin/bash", args("bash"), 1000)
            .failed(11, 10, "/bin/bash", 1100)
            .exec(12, 11, "/bin/ls", args("ls"), 1200)  // ppid 11 never exec'd successfully: a placeholder
            .exec(13, 11, "/bin/id", args("id"), 1300); // the same placeholder
        QTemporaryDir dir;
        const QString path = s.build(dir);
        const NodeRow ls = nodeOf(path, 12);
        const NodeRow id = nodeOf(path, 13);
        QCOMPARE(ls.parentId, id.parentId);
        CaseReader reader(path);
        const std::optional<NodeRow> placeholder = ProcessQuery(reader.database()).node(ls.parentId);
        QVERIFY(placeholder && placeholder->placeholder);
        QCOMPARE(placeholder->pid, int64_t(11));
    }
};

QTEST_GUILESS_MAIN(TestLineage)
#include "tst_lineage.moc"
