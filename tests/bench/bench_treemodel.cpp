// SPDX-License-Identifier: GPL-3.0-or-later
// Process tree benchmark: opens a large case (built with genauditlog + shimscope-cli unless --case is given) in
// ProcessTreeModel and prints the time to the first rows, to expand 100 nodes, to pivot to a deep node, to filter
// by text (first search: scan + index build; then the index) and by container, and peak RSS; with references in
// the same run: a full scan of process_nodes and the EventTableModel open of the same case.
// Not part of CI: it prints figures, it asserts nothing about time.

#include "casefile.h"
#include "eventtablemodel.h"
#include "processtreemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>

using namespace ShimScope;

namespace
{
double ms(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

long peakRssKb()
{
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

bool waitFor(QObject* sender, const char* signal, int timeoutMs = 600000)
{
    QSignalSpy spy(sender, signal);
    return spy.wait(timeoutMs);
}

bool filter(ProcessTreeModel& model, const ProcessTreeModel::Filter& f, double& elapsed)
{
    QElapsedTimer t;
    t.start();
    QSignalSpy applied(&model, &ProcessTreeModel::filterApplied);
    model.setFilter(f);
    const bool ok = applied.wait(600000);
    elapsed = ms(t);
    return ok;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    long long events = 1000000;
    QString casePath;
    QString workdir = QStringLiteral("/tmp/shimscope-bench");
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--events" && i + 1 < argc)
            events = std::atoll(argv[++i]);
        else if (arg == "--case" && i + 1 < argc)
            casePath = QString::fromLocal8Bit(argv[++i]);
        else if (arg == "--workdir" && i + 1 < argc)
            workdir = QString::fromLocal8Bit(argv[++i]);
        else {
            std::puts("usage: bench_treemodel [--case CASE | --events N [--workdir DIR]]\n"
                      "Without --case, generates N exec events (default 1000000) with genauditlog and imports them\n"
                      "with shimscope-cli into DIR/tree.shimscope (kept for later runs).");
            return arg == "--help" ? 0 : 2;
        }
    }
    if (casePath.isEmpty()) {
        casePath = workdir + QStringLiteral("/tree.shimscope");
        if (!QFileInfo::exists(casePath)) {
            const std::string dir = workdir.toStdString();
            const std::string log = dir + "/tree-audit.log";
            const std::string build = "mkdir -p '" + dir + "' && '" SHIMSCOPE_GENAUDITLOG_PATH "' --events "
                + std::to_string(events) + " --out '" + log + "' && '" SHIMSCOPE_CLI_PATH "' import '"
                + casePath.toStdString() + "' '" + log + "' >/dev/null && rm -f '" + log + "'";
            std::printf("building %s (%lld exec events)…\n", qPrintable(casePath), events);
            if (std::system(build.c_str()) != 0) {
                std::fprintf(stderr, "building the case failed\n");
                return 1;
            }
        }
    }

    Database db = CaseFile::openReadOnly(casePath, CaseFile::Check::None);
    const int64_t nodes = db.queryInt("SELECT count(*) FROM process_nodes");
    std::printf("case %s: %lld nodes, %lld containers, %.0f MB\n", qPrintable(casePath), static_cast<long long>(nodes),
                static_cast<long long>(db.queryInt("SELECT count(*) FROM containers")),
                static_cast<double>(QFileInfo(casePath).size()) / 1e6);

    // References: a full scan of the node table, and the integrity check every first open pays.
    QElapsedTimer t;
    t.start();
    const int64_t scanned = db.queryInt("SELECT count(*) FROM process_nodes WHERE location IS NOT NULL AND pid >= 0");
    std::printf("reference: full scan of process_nodes (%lld rows)      %9.1f ms\n", static_cast<long long>(scanned),
                ms(t));
    t.restart();
    CaseFile::checkIntegrity(db);
    std::printf("reference: PRAGMA quick_check                          %9.1f ms\n", ms(t));
    {
        EventTableModel events;
        t.restart();
        events.setCase(casePath);
        waitFor(&events, SIGNAL(loadingFinished(int)));
        for (int row = 0; row < 50; ++row)
            events.data(events.index(row, EventTableModel::CommandLineColumn));
        std::printf("reference: EventTableModel open + 50 rows (%d rows)  %9.1f ms\n", events.rowCount(), ms(t));
    }

    ProcessTreeModel model;
    t.restart();
    model.setCase(casePath);
    if (!waitFor(&model, SIGNAL(loadingFinished()))) {
        std::fprintf(stderr, "the case did not open\n");
        return 1;
    }
    const double open = ms(t);
    int shown = 0;
    for (int row = 0; row < std::min(50, model.rowCount()); ++row, ++shown) {
        for (int column = 0; column < ProcessTreeModel::ColumnCount; ++column)
            model.data(model.index(row, column));
    }
    std::printf("tree: open to first rows                               %9.1f ms\n", open);
    std::printf("tree: open + rowCount/data of the first %d rows        %9.1f ms\n", shown, ms(t));

    // Expand 100 nodes: breadth first from the roots, one fetchMore (one chunk) per node that has children.
    t.restart();
    int expanded = 0;
    int64_t rowsLoaded = 0;
    QList<QModelIndex> queue;
    for (int row = 0; row < model.rowCount(); ++row)
        queue.append(model.index(row, 0));
    while (!queue.isEmpty() && expanded < 100) {
        const QModelIndex index = queue.takeFirst();
        if (!model.canFetchMore(index))
            continue;
        model.fetchMore(index);
        ++expanded;
        for (int row = 0; row < model.rowCount(index); ++row) {
            model.data(model.index(row, 0, index));
            queue.append(model.index(row, 0, index));
            ++rowsLoaded;
        }
    }
    std::printf("tree: expand %d nodes (%lld child rows read and shown) %9.1f ms\n", expanded,
                static_cast<long long>(rowsLoaded), ms(t));

    // Pivot: the deepest node of a sample (chains walked by parent_id), in a fresh model so nothing is loaded yet.
    int64_t deepest = 0;
    int depth = 0;
    {
        Statement sample(db, "SELECT id FROM process_nodes WHERE id % 997 = 0");
        Statement up(db, "SELECT parent_id FROM process_nodes WHERE id = ?");
        while (sample.step()) {
            int d = 0;
            for (int64_t id = sample.columnInt(0); id && d < 4096; ++d) {
                up.reset();
                up.bind(1, id);
                id = up.step() ? up.columnInt(0) : 0;
            }
            if (d > depth) {
                depth = d;
                deepest = sample.columnInt(0);
            }
        }
    }
    {
        ProcessTreeModel pivot;
        pivot.setCase(casePath);
        waitFor(&pivot, SIGNAL(loadingFinished()));
        t.restart();
        const QModelIndex index = pivot.indexForNode(deepest);
        pivot.data(index);
        std::printf("tree: indexForNode, node %lld at depth %d (%s)       %9.1f ms\n", static_cast<long long>(deepest),
                    depth, index.isValid() ? "found" : "NOT FOUND", ms(t));
    }

    ProcessTreeModel::Filter text;
    text.text = QStringLiteral("pg_dump");
    double elapsed = 0;
    filter(model, text, elapsed);
    std::printf("tree: text \"pg_dump\", first search (%lld matches)     %9.1f ms  (index current: %s)\n",
                static_cast<long long>(model.matchCount()), elapsed,
                CaseFile::searchIndexIsCurrent(db) ? "yes" : "no, scanned");
    // The first search asked for the index: wait for it (stored in the case when writable).
    t.restart();
    while (!CaseFile::searchIndexIsCurrent(db) && ms(t) < 900000)
        QTest::qWait(200);
    std::printf("tree: search index built (in the background)           %9.1f ms, case now %.0f MB\n", ms(t),
                static_cast<double>(QFileInfo(casePath).size()) / 1e6);
    for (const char* word : {"pg_dump", "nginx", "redtail"}) {
        text.text = QString::fromLatin1(word);
        filter(model, ProcessTreeModel::Filter(), elapsed);
        filter(model, text, elapsed);
        std::printf("tree: text \"%s\" with the index (%lld matches)       %9.1f ms\n", word,
                    static_cast<long long>(model.matchCount()), elapsed);
    }
    ProcessTreeModel::Filter container;
    container.containerRef = db.queryInt("SELECT container_ref FROM process_nodes WHERE container_ref IS NOT NULL "
                                         "GROUP BY container_ref ORDER BY count(*) DESC LIMIT 1");
    filter(model, container, elapsed);
    std::printf("tree: container filter, largest container (%lld matches) %9.1f ms\n",
                static_cast<long long>(model.matchCount()), elapsed);
    ProcessTreeModel::Filter hostOnly;
    hostOnly.hostOnly = true;
    filter(model, hostOnly, elapsed);
    std::printf("tree: host-only filter (%lld matches)                 %9.1f ms\n",
                static_cast<long long>(model.matchCount()), elapsed);
    std::printf("peak RSS %ld MB\n", peakRssKb() / 1024);
    return 0;
}
