// SPDX-License-Identifier: GPL-3.0-or-later
// The investigation views under the offscreen platform, on the real demo capture: select a process inside a
// `docker exec` session, pivot, and find the chain crossing lab-web's runc exec and shim; bookmark it and find the
// bookmark after reopening the case; filter by text and by container; jump to a container; history; timeline.

#include "bookmarksmodel.h"
#include "containersmodel.h"
#include "detailspane.h"
#include "importjob.h"
#include "lineagechainmodel.h"
#include "mainwindow.h"
#include "processquery.h"
#include "processtreemodel.h"
#include "timelinechart.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace ShimScope;

namespace
{
const QString kWeb = QStringLiteral("2fe5bf26fd899a7280b1b37d28083c70db3ed4a4adde1975e6ae989c2587c29c");
const QString kAlp = QStringLiteral("40a5654221131f1e079c712b6f0c9457d1fd36afc6429041754d30496c52ab17");
constexpr int kWaitMs = 30000;

/// Every row the tree shows (fetching lazily loaded children), depth first.
QList<QModelIndex> allRows(QAbstractItemModel* model, const QModelIndex& parent = {}, int limit = 20000)
{
    QList<QModelIndex> rows;
    while (model->canFetchMore(parent))
        model->fetchMore(parent);
    for (int row = 0; row < model->rowCount(parent) && rows.size() < limit; ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        rows.append(index);
        if (model->hasChildren(index))
            rows.append(allRows(model, index, limit - static_cast<int>(rows.size())));
    }
    return rows;
}
} // namespace

class TestInvestigation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelsPassTheTester();
    void pivotFromDockerExecSessionReachesTheShim();
    void bookmarkSurvivesReopening();
    void textFilterShowsMatchesWithAncestors();
    void containerFilterAndJump();
    void historyGoesBackAndForward();
    void timelineRangeFiltersTheTree();
    void resetLayoutBringsDocksBack();
    void readOnlyCaseRefusesBookmarks();
    void hostFilterInACaseOfTwoHosts();

private:
    void openDemo(bool readOnly = false);
    int64_t nodeOf(int64_t pid, const QByteArray& exe);
    int64_t containerRef(const QString& id);

    QTemporaryDir m_dir;
    QString m_case;
    std::unique_ptr<MainWindow> m_window;
};

void TestInvestigation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("ShimScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_investigation"));
    m_case = m_dir.filePath(QStringLiteral("demo.shimscope"));
    ImportOptions options;
    options.host = QStringLiteral("lab");
    const ImportReport report
        = ImportJob(m_case, {QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle")}, options).run();
    QCOMPARE(report.result, ImportReport::Result::Success);
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    openDemo();
}

void TestInvestigation::openDemo(bool readOnly)
{
    MainWindow* w = m_window.get();
    QSignalSpy opened(w, &MainWindow::caseOpened);
    QSignalSpy tree(w->treeModel(), &ProcessTreeModel::loadingFinished);
    QSignalSpy containers(w->containersModel(), &ContainersModel::loadingFinished);
    QSignalSpy bookmarks(w->bookmarksModel(), &BookmarksModel::loadingFinished);
    w->closeCase();
    w->openCase(m_case, readOnly);
    QVERIFY(opened.wait(kWaitMs));
    QVERIFY(!bookmarks.isEmpty() || bookmarks.wait(kWaitMs));
    QVERIFY(!tree.isEmpty() || tree.wait(kWaitMs));
    QVERIFY(!containers.isEmpty() || containers.wait(kWaitMs));
    QCOMPARE(w->isReadOnly(), readOnly);
}

int64_t TestInvestigation::nodeOf(int64_t pid, const QByteArray& exe)
{
    CaseReader reader(m_case);
    ProcessQuery query(reader.database());
    for (const NodeRow& row : query.findByPid(pid, QStringLiteral("lab"))) {
        if (row.exe == exe)
            return row.id;
    }
    return 0;
}

int64_t TestInvestigation::containerRef(const QString& id)
{
    ContainersModel* model = m_window->containersModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ContainersModel::ContainerIdRole).toString() == id)
            return index.data(ContainersModel::ContainerRefRole).toLongLong();
    }
    return 0;
}

void TestInvestigation::modelsPassTheTester()
{
    MainWindow* w = m_window.get();
    QAbstractItemModelTester tree(w->treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester containers(w->containersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester chain(w->chainModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester bookmarks(w->bookmarksModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(allRows(w->treeModel()).size() > 100);
    QVERIFY(w->containersModel()->rowCount() >= 10);
}

void TestInvestigation::pivotFromDockerExecSessionReachesTheShim()
{
    MainWindow* w = m_window.get();
    // `docker exec lab-web sh -c 'id; tty; sleep 1; ls /'`: its `sleep 1` (busybox /bin/sh applet, pid 6283).
    const int64_t sleep = nodeOf(6283, "/bin/sh");
    QVERIFY(sleep > 0);
    QVERIFY(w->selectNode(sleep));
    QCOMPARE(w->selectedNode(), sleep);
    QCOMPARE(w->detailsPane()->nodeId(), sleep);
    QVERIFY(w->detailsPane()->text().contains(kWeb.left(12)));

    QSignalSpy pivoted(w, &MainWindow::pivoted);
    QAction* pivot = w->findChild<QAction*>(QStringLiteral("pivotAction"));
    QVERIFY(pivot && pivot->isEnabled());
    w->treeView()->setFocus();
    QTest::keyClick(w->treeView(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(pivoted.count(), 1);
    QCOMPARE(pivoted.first().first().toLongLong(), sleep);

    const LineageChainModel* chain = w->chainModel();
    QCOMPARE(chain->chain().last().id, sleep);
    // Up from the process: the exec session root, then runc exec naming lab-web, then lab-web's shim whose -id is
    // the container id, then the shim launcher, containerd and PID 1.
    const int session = chain->entrypointRow();
    QVERIFY(session >= 0);
    QCOMPARE(chain->chain().at(session).role, QStringLiteral("exec-session root"));
    QCOMPARE(chain->chain().at(session).argv.value(2), QByteArray("id; tty; sleep 1; ls /"));
    int shimRow = -1;
    for (int row = session - 1; row >= 0; --row) {
        const NodeRow& node = chain->chain().at(row);
        if (node.role == QLatin1String("shim")) {
            shimRow = row;
            break;
        }
        QVERIFY2(LineageChainModel::isBoundary(node), qPrintable(node.role)); // only runtime processes in between
        QVERIFY(node.argv.contains(kWeb.toLatin1()));                         // runc exec … <id>
    }
    QVERIFY(shimRow >= 0);
    const NodeRow& shim = chain->chain().at(shimRow);
    QCOMPARE(shim.argv.value(shim.argv.indexOf("-id") + 1), kWeb.toLatin1());
    QCOMPARE(chain->chain().first().pid, 1);
    QVERIFY(w->findChild<QDockWidget*>(QStringLiteral("lineageDock"))->isVisible());
    // The tree has the pivoted process selected, inside lab-web's colour.
    const QModelIndex current = w->treeView()->currentIndex();
    QCOMPARE(w->treeModel()->nodeId(current), sleep);
    QCOMPARE(current.data(ProcessTreeModel::ContainerIdRole).toString(), kWeb);
    QVERIFY(current.data(ProcessTreeModel::ColourIndexRole).toInt() >= 0);
}

void TestInvestigation::bookmarkSurvivesReopening()
{
    MainWindow* w = m_window.get();
    const int64_t redtail = nodeOf(6759, "/.redtail");
    QVERIFY(redtail > 0);
    QVERIFY(w->bookmarkNode(redtail, QStringLiteral("systemd is /.redtail <in lab-alp>"),
                            {QStringLiteral("miner"), QStringLiteral("persistence")}, QStringLiteral("#d62728")));
    QCOMPARE(w->bookmarksModel()->rowCount(), 1);
    QVERIFY(w->bookmarksModel()->bookmarkedNodeIds().contains(redtail));

    openDemo();
    BookmarksModel* bookmarks = w->bookmarksModel();
    QCOMPARE(bookmarks->rowCount(), 1);
    const QModelIndex row = bookmarks->index(0, BookmarksModel::NoteColumn);
    QCOMPARE(row.data(BookmarksModel::NoteRole).toString(), QStringLiteral("systemd is /.redtail <in lab-alp>"));
    QCOMPARE(row.data(BookmarksModel::TagsRole).toStringList(),
             (QStringList{QStringLiteral("miner"), QStringLiteral("persistence")}));
    QCOMPARE(row.data(BookmarksModel::NodeIdRole).toLongLong(), redtail);
    QCOMPARE(row.data(BookmarksModel::ContainerIdRole).toString(), kAlp);
    // The tree marks it, and activating the bookmark pivots to it.
    QSignalSpy records(w->detailsPane(), &DetailsPane::recordsRead);
    QVERIFY(w->selectNode(redtail));
    QVERIFY(w->treeView()->currentIndex().data(ProcessTreeModel::BookmarkedRole).toBool());
    // The raw auditd records of its exec, re-read from the bundle it came from (its hash checked).
    QVERIFY(!records.isEmpty() || records.wait(kWaitMs));
    QVERIFY2(w->detailsPane()->text().contains(QStringLiteral("type=EXECVE")), qPrintable(w->detailsPane()->text()));
    QVERIFY(w->detailsPane()->text().contains(QStringLiteral("a0=\"systemd\"")));
    QSignalSpy pivoted(w, &MainWindow::pivoted);
    Q_EMIT w->findChild<QTableView*>(QStringLiteral("bookmarksView"))->activated(row);
    QCOMPARE(pivoted.count(), 1);
    QCOMPARE(w->chainModel()->chain().last().id, redtail);
}

void TestInvestigation::textFilterShowsMatchesWithAncestors()
{
    MainWindow* w = m_window.get();
    QSignalSpy applied(w, &MainWindow::treeFilterApplied);
    w->setSearchText(QStringLiteral("redtail"));
    QVERIFY(applied.wait(kWaitMs));
    QVERIFY(applied.last().first().toLongLong() >= 1);
    const QList<QModelIndex> rows = allRows(w->treeModel());
    QVERIFY(!rows.isEmpty());
    int matches = 0;
    for (const QModelIndex& index : rows) {
        if (index.data(ProcessTreeModel::MatchRole).toBool()) {
            ++matches;
            const QByteArray text = index.data(ProcessTreeModel::ExecutableRole).toByteArray()
                + index.data(ProcessTreeModel::ArgvRole).value<QList<QByteArray>>().join(' ');
            QVERIFY2(text.contains("redtail"), text.constData());
        } else {
            QVERIFY(w->treeModel()->hasChildren(index)); // context rows are ancestors of matches
        }
    }
    QVERIFY(matches >= 1);
    QVERIFY(rows.size() > matches); // ancestors shown: the shim, containerd, PID 1
    w->clearFilters();
    QVERIFY(applied.wait(kWaitMs));
}

void TestInvestigation::containerFilterAndJump()
{
    MainWindow* w = m_window.get();
    const int64_t alp = containerRef(kAlp);
    QVERIFY(alp > 0);
    QSignalSpy applied(w, &MainWindow::treeFilterApplied);
    w->goToContainer(alp);
    QVERIFY(applied.wait(kWaitMs));
    int matches = 0;
    for (const QModelIndex& index : allRows(w->treeModel())) {
        if (index.data(ProcessTreeModel::MatchRole).toBool()) {
            ++matches;
            QCOMPARE(index.data(ProcessTreeModel::ContainerRefRole).toLongLong(), alp);
        }
    }
    const QModelIndex container = w->containersView()->currentIndex();
    QCOMPARE(container.data(ContainersModel::ContainerRefRole).toLongLong(), alp);
    QCOMPARE(static_cast<int64_t>(matches), container.data(ContainersModel::ProcessesRole).toLongLong());
    // The details show its entrypoint.
    QTRY_COMPARE(w->detailsPane()->nodeId(), container.data(ContainersModel::EntrypointNodeRole).toLongLong());
    QVERIFY(w->detailsPane()->text().contains(QStringLiteral("while true; do sleep 4; done")));

    w->setScopeHostOnly();
    QVERIFY(applied.wait(kWaitMs));
    for (const QModelIndex& index : allRows(w->treeModel(), {}, 3000)) {
        if (index.data(ProcessTreeModel::MatchRole).toBool())
            QVERIFY(index.data(ProcessTreeModel::LocationRole).toString() != QLatin1String("container"));
    }
    w->setScopeAll();
    QVERIFY(applied.wait(kWaitMs));
}

void TestInvestigation::historyGoesBackAndForward()
{
    MainWindow* w = m_window.get();
    w->pivotHistory()->clear();
    const int64_t a = nodeOf(6283, "/bin/sh");
    const int64_t b = nodeOf(6759, "/.redtail");
    w->pivotTo(a);
    w->pivotTo(b);
    QAction* back = w->pivotHistory()->backAction();
    QVERIFY(back->isEnabled());
    back->trigger();
    QCOMPARE(w->chainModel()->chain().last().id, a);
    QVERIFY(w->pivotHistory()->forwardAction()->isEnabled());
    w->pivotHistory()->forwardAction()->trigger();
    QCOMPARE(w->chainModel()->chain().last().id, b);
    QVERIFY(!w->pivotHistory()->forwardAction()->isEnabled());
}

void TestInvestigation::timelineRangeFiltersTheTree()
{
    MainWindow* w = m_window.get();
    TimelineChart* chart = w->timelineChart();
    QTRY_VERIFY_WITH_TIMEOUT(chart->seriesCount() >= 2, kWaitMs); // the host and at least one container
    const int64_t redtailStart = [this] {
        CaseReader reader(m_case);
        ProcessQuery query(reader.database());
        return query.node(nodeOf(6759, "/.redtail"))->timeNs;
    }();
    QSignalSpy applied(w, &MainWindow::treeFilterApplied);
    chart->selectRange(redtailStart - 500000000LL, redtailStart + 500000000LL);
    QVERIFY(applied.wait(kWaitMs));
    for (const QModelIndex& index : allRows(w->treeModel())) {
        if (!index.data(ProcessTreeModel::MatchRole).toBool())
            continue;
        const qint64 t = index.data(ProcessTreeModel::TimeNsRole).toLongLong();
        QVERIFY(t >= redtailStart - 500000000LL && t <= redtailStart + 500000000LL);
    }
    chart->resetZoom();
    QVERIFY(applied.wait(kWaitMs));
    QVERIFY(!chart->selectedRange());
}

void TestInvestigation::resetLayoutBringsDocksBack()
{
    MainWindow* w = m_window.get();
    auto* containers = w->findChild<QDockWidget*>(QStringLiteral("containersDock"));
    QVERIFY(containers);
    containers->hide();
    QVERIFY(!containers->isVisible());
    w->findChild<QAction*>(QStringLiteral("resetLayoutAction"))->trigger();
    QVERIFY(containers->isVisible());
    QVERIFY(w->findChild<QDockWidget*>(QStringLiteral("detailsDock"))->isVisible());
}

void TestInvestigation::readOnlyCaseRefusesBookmarks()
{
    openDemo(true);
    MainWindow* w = m_window.get();
    QVERIFY(w->windowTitle().endsWith(QStringLiteral("[read-only]")));
    QCOMPARE(w->bookmarksModel()->rowCount(), 1); // still shows the one made earlier
    QVERIFY(!w->bookmarkNode(nodeOf(6283, "/bin/sh"), QStringLiteral("nope")));
    QCOMPARE(w->bookmarksModel()->rowCount(), 1);
    QVERIFY(w->selectNode(nodeOf(6283, "/bin/sh")));
    QVERIFY(!w->findChild<QAction*>(QStringLiteral("bookmarkAction"))->isEnabled());
}

void TestInvestigation::hostFilterInACaseOfTwoHosts()
{
    // The demo bundle as host "lab" and the first capture as host "web01", in one case.
    const QString two = m_dir.filePath(QStringLiteral("two-hosts.shimscope"));
    ImportOptions lab;
    lab.host = QStringLiteral("lab");
    QCOMPARE(ImportJob(two, {QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle")}, lab).run().result,
             ImportReport::Result::Success);
    ImportOptions web;
    web.host = QStringLiteral("web01");
    QCOMPARE(ImportJob(two, {QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/demo-2026-12-03/audit.log.gz")}, web).run().result,
             ImportReport::Result::Success);

    MainWindow* w = m_window.get();
    QSignalSpy opened(w, &MainWindow::caseOpened);
    w->closeCase();
    auto* hosts = w->findChild<QComboBox*>(QStringLiteral("hostCombo"));
    QVERIFY(hosts && hosts->isHidden());
    w->openCase(two);
    QVERIFY(opened.wait(kWaitMs));
    QCOMPARE(hosts->count(), 3); // all, lab, web01
    QVERIFY(!hosts->isHidden());
    QSignalSpy applied(w, &MainWindow::treeFilterApplied);
    w->setHostFilter(QStringLiteral("web01"));
    QVERIFY(applied.wait(kWaitMs));
    int matches = 0;
    for (const QModelIndex& index : allRows(w->treeModel())) {
        if (index.data(ProcessTreeModel::MatchRole).toBool()) {
            ++matches;
            QCOMPARE(index.data(ProcessTreeModel::HostRole).toString(), QStringLiteral("web01"));
        }
    }
    QVERIFY(matches > 50);
    QCOMPARE(hosts->currentData().toString(), QStringLiteral("web01"));
}

QTEST_MAIN(TestInvestigation)
#include "tst_investigation.moc"
