// SPDX-License-Identifier: GPL-3.0-or-later
// ProcessTreeModel over real cases (the demo bundle and a lab capture): the model contract under
// QAbstractItemModelTester while fetching, the redtail chain up to its shim and containerd, docker exec sessions,
// container / host-only / text filters with their ancestors, pivots by indexForNode(), the search index built on
// first search (stored, or in memory for a read-only case), bookmarks.

#include "casefile.h"
#include "importjob.h"
#include "processquery.h"
#include "processtreemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace ShimScope;

namespace
{
const QString kDemoBundle = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/../../resources/demo/bundle");
const QString kLabLog = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main/audit.log.gz");
const QByteArray kRedtailContainer = "40a56542";

using Model = ProcessTreeModel;

bool load(Model& model, const QString& path)
{
    QSignalSpy finished(&model, &Model::loadingFinished);
    model.setCase(path);
    return finished.wait(60000);
}

bool applyFilter(Model& model, const Model::Filter& filter)
{
    QSignalSpy applied(&model, &Model::filterApplied);
    model.setFilter(filter);
    return applied.wait(60000);
}

/// Fetches every row of the tree (small cases only).
void fetchAll(Model& model, const QModelIndex& parent = {})
{
    while (model.canFetchMore(parent))
        model.fetchMore(parent);
    for (int row = 0; row < model.rowCount(parent); ++row)
        fetchAll(model, model.index(row, 0, parent));
}

void forEachRow(const Model& model, const std::function<void(const QModelIndex&)>& visit, const QModelIndex& parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        visit(index);
        forEachRow(model, visit, index);
    }
}

QList<QModelIndex> findRows(const Model& model, const std::function<bool(const QModelIndex&)>& match)
{
    QList<QModelIndex> rows;
    forEachRow(model, [&](const QModelIndex& index) {
        if (match(index))
            rows.append(index);
    });
    return rows;
}

QByteArray exe(const QModelIndex& index)
{
    return index.data(Model::ExecutableRole).toByteArray();
}

QList<QByteArray> argv(const QModelIndex& index)
{
    return index.data(Model::ArgvRole).value<QList<QByteArray>>();
}

/// The row and its ancestors, row first.
QList<QModelIndex> chainOf(QModelIndex index)
{
    QList<QModelIndex> chain;
    for (; index.isValid(); index = index.parent())
        chain.append(index);
    return chain;
}

QByteArray baseName(const QByteArray& path)
{
    return path.mid(path.lastIndexOf('/') + 1);
}

bool searchIndexIsCurrent(const QString& path)
{
    Database db = CaseFile::openReadOnly(path);
    return CaseFile::searchIndexIsCurrent(db);
}

QByteArray argAfter(const QList<QByteArray>& args, const QByteArray& flag)
{
    const qsizetype i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : QByteArray();
}
} // namespace

class TestProcessTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void contractUnderModelTester_data();
    void contractUnderModelTester();
    void rootsAndColumns();
    void redtailFoundByTextWithItsAncestors();
    void dockerExecChainEndsAtItsShim();
    void containerFilterShowsOnlyThatContainerAndAncestors();
    void hostOnlyFilterMatchesNoContainerProcess();
    void shortTextAndFieldFilters();
    void searchIndexBuiltOnFirstSearch();
    void readOnlyCaseSearchIndexInMemory();
    void supersededFilterIsDropped();
    void indexForNodeFollowsTheChain();
    void indexForNodeWhenFiltered();
    void bookmarks();
    void unreadableFileIsReported();

private:
    QString copyOf(const QString& path, const QString& name);

    QTemporaryDir m_dir;
    QString m_demoCase;
    QString m_labCase;
};

void TestProcessTreeModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_demoCase = m_dir.filePath(QStringLiteral("demo.shimscope"));
    QCOMPARE(ImportJob(m_demoCase, {kDemoBundle}).run().result, ImportReport::Result::Success);
    m_labCase = m_dir.filePath(QStringLiteral("lab.shimscope"));
    QCOMPARE(ImportJob(m_labCase, {kLabLog}).run().result, ImportReport::Result::Success);
}

QString TestProcessTreeModel::copyOf(const QString& path, const QString& name)
{
    const QString copy = m_dir.filePath(name);
    QFile::remove(copy);
    return QFile::copy(path, copy) ? copy : QString();
}

void TestProcessTreeModel::contractUnderModelTester_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("text");
    QTest::newRow("demo") << QStringLiteral("demo") << QString();
    QTest::newRow("demo, text filter") << QStringLiteral("demo") << QStringLiteral("busybox");
    QTest::newRow("lab") << QStringLiteral("lab") << QString();
    QTest::newRow("lab, text filter") << QStringLiteral("lab") << QStringLiteral("runc");
}

void TestProcessTreeModel::contractUnderModelTester()
{
    QFETCH(QString, which);
    QFETCH(QString, text);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(load(model, which == QLatin1String("demo") ? m_demoCase : m_labCase));
    if (!text.isEmpty()) {
        Model::Filter filter;
        filter.text = text;
        QVERIFY(applyFilter(model, filter));
    }
    QVERIFY(model.rowCount() > 0);
    // Fetching in chunks under the tester: every insertion is checked.
    fetchAll(model);
    int rows = 0;
    int matches = 0;
    forEachRow(model, [&](const QModelIndex& index) {
        ++rows;
        matches += index.data(Model::MatchRole).toBool() ? 1 : 0;
        for (int column = 0; column < Model::ColumnCount; ++column) {
            const QModelIndex cell = index.siblingAtColumn(column);
            QCOMPARE(cell.data(Model::NodeIdRole), index.data(Model::NodeIdRole));
            QVERIFY(cell.data(Qt::DisplayRole).canConvert<QString>());
        }
    });
    if (text.isEmpty()) {
        QCOMPARE(matches, rows);
        QCOMPARE(qint64(rows), CaseFile::openReadOnly(model.casePath()).queryInt("SELECT count(*) FROM process_nodes"));
    } else {
        QCOMPARE(qint64(matches), model.matchCount());
        QVERIFY(matches > 0 && matches < rows);
    }
}

void TestProcessTreeModel::rootsAndColumns()
{
    Model model;
    QVERIFY(load(model, m_demoCase));
    // Roots: nodes without a parent, by host then start time.
    Database db = CaseFile::openReadOnly(m_demoCase);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(qint64(model.rowCount()), db.queryInt("SELECT count(*) FROM process_nodes WHERE parent_id IS NULL"));
    qint64 previous = std::numeric_limits<qint64>::min();
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 ts = model.index(row, 0).data(Model::TimeNsRole).toLongLong();
        QVERIFY(ts >= previous);
        previous = ts;
    }
    fetchAll(model);
    // Pid 1 of the capture (/process_api), and a placeholder named as such.
    const QList<QModelIndex> init = findRows(model, [](const QModelIndex& i) { return argv(i).value(0) == "/process_api"; });
    QCOMPARE(init.size(), 1);
    QCOMPARE(init.first().siblingAtColumn(Model::PidColumn).data().toString(), QStringLiteral("1"));
    QVERIFY(init.first().siblingAtColumn(Model::ProcessColumn).data().toString().startsWith(u"/process_api --firecracker"));
    QVERIFY(init.first().siblingAtColumn(Model::StartColumn).data().toString().startsWith(u"2026-12-03T16:48:36"));
    QVERIFY(model.hasChildren(init.first()));
    // Kernel threads of the listing have neither executable nor arguments: shown by name, as ps shows them.
    const QList<QModelIndex> kthreadd = findRows(model, [](const QModelIndex& i) {
        return i.data(Model::PidRole).toLongLong() == 2 && !i.data(Model::PlaceholderRole).toBool();
    });
    QCOMPARE(kthreadd.size(), 1);
    QCOMPARE(kthreadd.first().data().toString(), QStringLiteral("[kthreadd]"));
    const QList<QModelIndex> placeholders
        = findRows(model, [](const QModelIndex& i) { return i.data(Model::PlaceholderRole).toBool() && exe(i).isEmpty(); });
    QVERIFY(!placeholders.isEmpty());
    const QModelIndex placeholder = placeholders.first();
    QCOMPARE(placeholder.data().toString(),
             QStringLiteral("pid %1 (not seen exec'ing)").arg(placeholder.data(Model::PidRole).toLongLong()));
    QVERIFY(placeholder.siblingAtColumn(Model::FlagsColumn).data().toString().contains(u"placeholder"));
    // Children of a node: its parent_id rows, in start order.
    const QModelIndex shim = findRows(model, [](const QModelIndex& i) {
                                 return i.data(Model::RuntimeRole).toString() == u"shim" && i.data(Model::BoundaryRole).toBool();
                             }).value(0);
    QVERIFY(shim.isValid());
    Statement children(db, "SELECT id FROM process_nodes WHERE parent_id = ? ORDER BY start_ts, id");
    children.bind(1, static_cast<int64_t>(shim.data(Model::NodeIdRole).toLongLong()));
    int row = 0;
    while (children.step())
        QCOMPARE(model.index(row++, 0, shim).data(Model::NodeIdRole).toLongLong(), children.columnInt(0));
    QCOMPARE(model.rowCount(shim), row);
    // Tooltips are HTML-escaped, never interpreted.
    QVERIFY(shim.data(Qt::ToolTipRole).toString().startsWith(u"<qt>"));
}

void TestProcessTreeModel::redtailFoundByTextWithItsAncestors()
{
    Model model;
    QVERIFY(load(model, m_demoCase));
    Model::Filter filter;
    filter.text = QStringLiteral("redtail");
    QVERIFY(applyFilter(model, filter));
    fetchAll(model);
    // Two containers ran it; the one of the demo's story is 40a56542….
    const QList<QModelIndex> redtail = findRows(model, [](const QModelIndex& i) {
        return exe(i) == "/.redtail"
            && i.data(Model::ContainerIdRole).toString().startsWith(QLatin1String(kRedtailContainer));
    });
    QCOMPARE(redtail.size(), 1);
    QCOMPARE(findRows(model, [](const QModelIndex& i) { return exe(i) == "/.redtail"; }).size(), 2);
    const QModelIndex node = redtail.first();
    QVERIFY(node.data(Model::MatchRole).toBool());
    QCOMPARE(argv(node).value(0), QByteArray("systemd"));
    QVERIFY(node.data().toString().startsWith(u".redtail (as systemd)"));
    QVERIFY(node.data(Model::ContainerIdRole).toString().startsWith(QLatin1String(kRedtailContainer)));
    QCOMPARE(node.data(Model::LocationRole).toString(), QStringLiteral("container"));
    QVERIFY(node.data(Model::ColourIndexRole).toInt() >= 0);
    QVERIFY(node.siblingAtColumn(Model::ContainerColumn).data().toString().startsWith(QLatin1String(kRedtailContainer)));

    // Its ancestors are shown for context: the shim of its container, then containerd.
    const QList<QModelIndex> chain = chainOf(node);
    qsizetype shim = -1;
    for (qsizetype i = 1; i < chain.size(); ++i) {
        if (chain[i].data(Model::BoundaryRole).toBool() && baseName(exe(chain[i])) == "containerd-shim-runc-v2") {
            shim = i;
            break;
        }
    }
    QVERIFY2(shim > 0, "no shim above /.redtail");
    QVERIFY(argAfter(argv(chain[shim]), "-id").startsWith(kRedtailContainer));
    QVERIFY(!chain[shim].data(Model::MatchRole).toBool()); // shown only as an ancestor
    bool containerd = false;
    for (qsizetype i = shim + 1; i < chain.size(); ++i)
        containerd = containerd || chain[i].data().toString().startsWith(u"containerd")
            || chain[i].data(Model::RoleRole).toString() == u"engine";
    QVERIFY2(containerd, "no containerd above the shim");
    // Every shown row is a match or an ancestor of one.
    forEachRow(model, [](const QModelIndex& i) {
        if (i.data(Model::MatchRole).toBool())
            return;
        bool hasMatchBelow = false;
        std::function<void(const QModelIndex&)> below = [&](const QModelIndex& p) {
            for (int r = 0; r < p.model()->rowCount(p) && !hasMatchBelow; ++r) {
                const QModelIndex c = p.model()->index(r, 0, p);
                hasMatchBelow = c.data(Model::MatchRole).toBool();
                below(c);
            }
        };
        below(i);
        QVERIFY(hasMatchBelow);
    });
}

void TestProcessTreeModel::dockerExecChainEndsAtItsShim()
{
    Model model;
    QVERIFY(load(model, m_demoCase));
    fetchAll(model);
    const QList<QModelIndex> sessions = findRows(
        model, [](const QModelIndex& i) { return i.data(Model::RoleRole).toString() == u"exec-session root"; });
    QVERIFY(!sessions.isEmpty());
    int docker = 0;
    for (const QModelIndex& session : sessions) {
        const QString container = session.data(Model::ContainerIdRole).toString();
        QVERIFY(!container.isEmpty());
        // docker exec (64-hex ids); sessions of plain runc (named containers) have no shim above them.
        if (container.size() != 64)
            continue;
        ++docker;
        // Up the chain: the boundary comes next (the `runc exec` that started the session, or the shim that
        // adopted it), host processes from there, and the chain reaches the shim that names the container.
        const QList<QModelIndex> chain = chainOf(session);
        QVERIFY(chain.size() > 2);
        QVERIFY(chain[1].data(Model::BoundaryRole).toBool());
        qsizetype i = 1;
        while (i < chain.size() && chain[i].data(Model::RuntimeRole).toString() != u"shim") {
            QVERIFY(chain[i].data(Model::BoundaryRole).toBool());
            QCOMPARE(chain[i].data(Model::LocationRole).toString(), QStringLiteral("host"));
            if (chain[i].data(Model::RuntimeRole).toString() == u"runtime")
                QVERIFY(argv(chain[i]).contains(container.toUtf8())); // runc … exec … <id> [command]
            ++i;
        }
        QVERIFY(i < chain.size());
        QCOMPARE(chain[i].data(Model::LocationRole).toString(), QStringLiteral("host"));
        // The shim names it by -id (runc v2), or by its work directory (the legacy containerd-shim).
        const QList<QByteArray> shimArgs = argv(chain[i]);
        const QByteArray id = container.toUtf8();
        QVERIFY2(std::any_of(shimArgs.begin(), shimArgs.end(),
                             [&](const QByteArray& arg) { return arg == id || arg.endsWith(QByteArray('/' + id)); }),
                 qPrintable(container));
    }
    QVERIFY(docker > 0);
}

void TestProcessTreeModel::containerFilterShowsOnlyThatContainerAndAncestors()
{
    Model model;
    QVERIFY(load(model, m_demoCase));
    Database db = CaseFile::openReadOnly(m_demoCase);
    Statement ref(db, "SELECT id FROM containers WHERE container_id LIKE ? || '%'");
    ref.bindText(1, kRedtailContainer);
    QVERIFY(ref.step());
    Model::Filter filter;
    filter.containerRef = ref.columnInt(0);
    QVERIFY(applyFilter(model, filter));
    Statement count(db, "SELECT count(*) FROM process_nodes WHERE container_ref = ?");
    count.bind(1, filter.containerRef);
    QVERIFY(count.step());
    QCOMPARE(model.matchCount(), count.columnInt(0));
    fetchAll(model);
    int matches = 0;
    forEachRow(model, [&](const QModelIndex& i) {
        if (i.data(Model::MatchRole).toBool()) {
            ++matches;
            QCOMPARE(i.data(Model::ContainerRefRole).toLongLong(), filter.containerRef);
            QVERIFY(i.data(Model::ContainerIdRole).toString().startsWith(QLatin1String(kRedtailContainer)));
        } else {
            // Context only: never a process of another container.
            QVERIFY(i.data(Model::ContainerRefRole).toLongLong() == 0);
        }
    });
    QCOMPARE(qint64(matches), model.matchCount());
}

void TestProcessTreeModel::hostOnlyFilterMatchesNoContainerProcess()
{
    Model model;
    QVERIFY(load(model, m_demoCase));
    Model::Filter filter;
    filter.hostOnly = true;
    QVERIFY(applyFilter(model, filter));
    QCOMPARE(model.matchCount(),
             CaseFile::openReadOnly(m_demoCase).queryInt("SELECT count(*) FROM process_nodes WHERE location = 'host'"));
    fetchAll(model);
    int matches = 0;
    forEachRow(model, [&](const QModelIndex& i) {
        if (!i.data(Model::MatchRole).toBool())
            return;
        ++matches;
        QCOMPARE(i.data(Model::LocationRole).toString(), QStringLiteral("host"));
        QVERIFY(i.data(Model::ContainerIdRole).toString().isEmpty());
    });
    QCOMPARE(qint64(matches), model.matchCount());
}

void TestProcessTreeModel::shortTextAndFieldFilters()
{
    Model model;
    QVERIFY(load(model, m_labCase));
    Database db = CaseFile::openReadOnly(m_labCase);
    // Under three characters: a bound LIKE (the characters of a pattern are literal).
    Model::Filter filter;
    filter.text = QStringLiteral("%");
    QVERIFY(applyFilter(model, filter));
    QVERIFY(model.matchCount() > 0);
    QCOMPARE(model.matchCount(),
             db.queryInt("SELECT count(*) FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
                         "LEFT JOIN strings se ON se.id = e.exe_id LEFT JOIN strings sc ON sc.id = e.cwd_id "
                         "WHERE instr(se.value, CAST('%' AS BLOB)) OR instr(e.argv, CAST('%' AS BLOB)) "
                         "OR instr(sc.value, CAST('%' AS BLOB))"));
    filter.text = QStringLiteral("'\"");
    QVERIFY(applyFilter(model, filter));
    QCOMPARE(model.matchCount(), qint64(0));
    filter.text = QStringLiteral("rc");
    QVERIFY(applyFilter(model, filter));
    QVERIFY(model.matchCount() > 0);
    // A time range and a user.
    const qint64 first = db.queryInt("SELECT min(start_ts) FROM process_nodes");
    Model::Filter range;
    range.fromNs = first;
    range.toNs = first;
    QVERIFY(applyFilter(model, range));
    QCOMPARE(model.matchCount(), db.queryInt("SELECT count(*) FROM process_nodes WHERE start_ts = "
                                             "(SELECT min(start_ts) FROM process_nodes)"));
    Model::Filter user;
    user.user = QStringLiteral("0");
    QVERIFY(applyFilter(model, user));
    QCOMPARE(model.matchCount(), db.queryInt("SELECT count(*) FROM process_nodes n JOIN exec_events e ON e.id = "
                                             "n.event_id WHERE e.uid = 0 OR e.auid = 0"));
    // Host by name: every match there; and a host that does not exist matches nothing.
    Model::Filter host;
    host.host = db.queryInt("SELECT count(*) FROM hosts") ? QStringLiteral("nosuchhost") : QString();
    QVERIFY(applyFilter(model, host));
    QCOMPARE(model.matchCount(), qint64(0));
    QCOMPARE(model.rowCount(), 0);
    // Removing the filter shows every root again.
    QVERIFY(applyFilter(model, Model::Filter()));
    QCOMPARE(model.matchCount(), db.queryInt("SELECT count(*) FROM process_nodes"));
    QVERIFY(model.rowCount() > 0);
}

void TestProcessTreeModel::searchIndexBuiltOnFirstSearch()
{
    const QString path = copyOf(m_demoCase, QStringLiteral("search.shimscope"));
    QVERIFY(!path.isEmpty());
    QVERIFY(!searchIndexIsCurrent(path));
    Model model;
    QVERIFY(load(model, path));
    Model::Filter filter;
    filter.text = QStringLiteral("ReDtAiL");
    QVERIFY(applyFilter(model, filter)); // answered by a scan; the index is built behind it
    const qint64 scanned = model.matchCount();
    QVERIFY(scanned >= 2);
    QTRY_VERIFY_WITH_TIMEOUT(searchIndexIsCurrent(path), 30000);
    QVERIFY(applyFilter(model, Model::Filter()));
    QVERIFY(applyFilter(model, filter)); // the index now
    QCOMPARE(model.matchCount(), scanned);
    filter.text = QStringLiteral("-id 40a56542");
    QVERIFY(applyFilter(model, filter));
    QCOMPARE(model.matchCount(),
             CaseFile::openReadOnly(path).queryInt(
                 "SELECT count(*) FROM process_nodes n JOIN exec_events e ON e.id = n.event_id WHERE "
                 "instr(e.argv, CAST('-id' || x'00' || '40a56542' AS BLOB)) > 0"));
}

void TestProcessTreeModel::readOnlyCaseSearchIndexInMemory()
{
    const QString path = copyOf(m_labCase, QStringLiteral("readonly.shimscope"));
    QVERIFY(!path.isEmpty());
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup);
    const QByteArray before = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    Model model;
    model.setReadOnly(true);
    QVERIFY(load(model, path));
    Model::Filter filter;
    filter.text = QStringLiteral("runc");
    QVERIFY(applyFilter(model, filter));
    const qint64 scanned = model.matchCount();
    QVERIFY(scanned > 0);
    // Until the in-memory index is ready, searches keep scanning; the answers are the same either way.
    for (int i = 0; i < 20; ++i) {
        QTest::qWait(100);
        QVERIFY(applyFilter(model, filter));
        QCOMPARE(model.matchCount(), scanned);
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before); // never written
}

void TestProcessTreeModel::supersededFilterIsDropped()
{
    Model model;
    QVERIFY(load(model, m_labCase));
    QSignalSpy applied(&model, &Model::filterApplied);
    Model::Filter first;
    first.hostOnly = true;
    Model::Filter second;
    second.text = QStringLiteral("runc");
    model.setFilter(first);
    model.setFilter(second);
    QVERIFY(model.isFiltering());
    QVERIFY(applied.wait(60000));
    QTest::qWait(200);
    QCOMPARE(applied.count(), 1); // the first never shows
    QCOMPARE(model.filter(), second);
    forEachRow(model, [](const QModelIndex& i) {
        if (i.data(Model::MatchRole).toBool())
            QVERIFY(i.data().toString().contains(u"runc", Qt::CaseInsensitive)
                    || i.data(Qt::ToolTipRole).toString().contains(u"runc", Qt::CaseInsensitive));
    });
}

void TestProcessTreeModel::indexForNodeFollowsTheChain()
{
    for (const QString& path : {m_demoCase, m_labCase}) {
        Database db = CaseFile::openReadOnly(path);
        ProcessQuery query(db);
        // The deepest node of the case.
        int64_t deepest = 0;
        qsizetype depth = 0;
        Statement all(db, "SELECT id FROM process_nodes");
        while (all.step()) {
            const QList<NodeRow> chain = query.chain(all.columnInt(0));
            if (chain.size() > depth) {
                depth = chain.size();
                deepest = all.columnInt(0);
            }
        }
        QVERIFY(depth > 4);
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(load(model, path));
        const QModelIndex index = model.indexForNode(deepest);
        QVERIFY(index.isValid());
        QCOMPARE(model.nodeId(index), deepest);
        const QList<NodeRow> expected = query.chain(deepest);
        const QList<QModelIndex> chain = chainOf(index);
        QCOMPARE(chain.size(), expected.size());
        for (qsizetype i = 0; i < chain.size(); ++i) {
            QCOMPARE(model.nodeId(chain[i]), expected[i].id);
            QCOMPARE(chain[i].data(Model::PidRole).toLongLong(), expected[i].pid);
        }
        // Rows added on the way read their payloads when shown.
        QVERIFY(!index.data().toString().isEmpty());
        QCOMPARE(model.indexForNode(deepest), index);
        QVERIFY(!model.indexForNode(999999999).isValid());
    }
}

void TestProcessTreeModel::indexForNodeWhenFiltered()
{
    Model model;
    QVERIFY(load(model, m_demoCase));
    Database db = CaseFile::openReadOnly(m_demoCase);
    ProcessQuery query(db);
    const QList<NodeRow> redtail = query.findByPid(6759);
    QVERIFY(!redtail.isEmpty());
    Model::Filter filter;
    filter.hostOnly = true;
    QVERIFY(applyFilter(model, filter));
    // A container process is filtered out; a host ancestor of it (its shim) is there.
    QVERIFY(!model.indexForNode(redtail.first().id).isValid());
    const int64_t shim = redtail.first().parentId;
    const QModelIndex shimIndex = model.indexForNode(shim);
    QVERIFY(shimIndex.isValid());
    QVERIFY(shimIndex.data(Model::MatchRole).toBool());
    QCOMPARE(chainOf(shimIndex).size(), query.chain(shim).size());
}

void TestProcessTreeModel::bookmarks()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(load(model, m_demoCase));
    const QModelIndex first = model.index(0, 0);
    QVERIFY(first.isValid());
    QVERIFY(!first.data(Model::BookmarkedRole).toBool());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setBookmarkedNodes({model.nodeId(first)});
    QCOMPARE(changed.count(), 1);
    QVERIFY(first.data(Model::BookmarkedRole).toBool());
    QVERIFY(first.siblingAtColumn(Model::FlagsColumn).data().toString().contains(u"bookmarked"));
    Model::Filter filter;
    filter.bookmarkedOnly = true;
    QVERIFY(applyFilter(model, filter));
    QCOMPARE(model.matchCount(), qint64(1));
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.index(0, 0).data(Model::MatchRole).toBool());
}

void TestProcessTreeModel::unreadableFileIsReported()
{
    const QString garbage = m_dir.filePath(QStringLiteral("garbage.shimscope"));
    QFile f(garbage);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    Model model;
    QSignalSpy failed(&model, &Model::loadingFailed);
    model.setCase(garbage);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).toString(), garbage);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

QTEST_GUILESS_MAIN(TestProcessTreeModel)
#include "tst_processtreemodel.moc"
