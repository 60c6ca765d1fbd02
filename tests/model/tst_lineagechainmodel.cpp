// SPDX-License-Identifier: GPL-3.0-or-later
// The bottom-up pivot's chain on the real demo capture: /.redtail (running as `systemd`) up to PID 1, with the
// container boundary at lab-alp's shim and the docker exec session root that re-exec'd into it.

#include "democase.h"
#include "importjob.h"
#include "lineagechainmodel.h"
#include "processquery.h"
#include "casereader.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

using DemoCase::kAlp;

class TestLineageChainModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void redtailChainCrossesTheBoundary();
    void hostProcessHasNoBoundary();
    void unknownNodeClears();

private:
    int64_t nodeOf(int64_t pid, const QByteArray& exe);

    QTemporaryDir m_dir;
    QString m_case;
};

void TestLineageChainModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_case = m_dir.filePath(QStringLiteral("demo.shimscope"));
    QCOMPARE(DemoCase::import(m_case).result, ImportReport::Result::Success);
}

int64_t TestLineageChainModel::nodeOf(int64_t pid, const QByteArray& exe)
{
    CaseReader reader(m_case);
    ProcessQuery query(reader.database());
    for (const NodeRow& row : query.findByPid(pid, QStringLiteral("lab"))) {
        if (row.exe == exe)
            return row.id;
    }
    return 0;
}

void TestLineageChainModel::redtailChainCrossesTheBoundary()
{
    LineageChainModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCase(m_case);
    const int64_t redtail = nodeOf(6759, "/.redtail");
    QVERIFY(redtail > 0);
    QVERIFY(model.setNode(redtail));

    const int last = model.rowCount() - 1;
    QVERIFY(last >= 4);
    QCOMPARE(model.index(last, 0).data(LineageChainModel::NodeIdRole).toLongLong(), redtail);
    QVERIFY(model.index(last, 0).data(LineageChainModel::TargetRole).toBool());
    QCOMPARE(model.index(last, 0).data(LineageChainModel::ContainerIdRole).toString(), kAlp);
    QVERIFY(model.index(last, LineageChainModel::ProcessColumn).data().toString().contains(u"redtail"));

    // The docker exec session root (`sh -c 'exec -a systemd /.redtail'`, same pid) sits right above it.
    const int session = model.entrypointRow();
    QCOMPARE(session, last - 1);
    const NodeRow& root = model.chain().at(session);
    QCOMPARE(root.pid, 6759);
    QCOMPARE(root.role, QStringLiteral("exec-session root"));
    QCOMPARE(root.argv.value(2), QByteArray("exec -a systemd /.redtail"));
    QCOMPARE(model.index(last, LineageChainModel::LinkColumn).data().toString(), tr("re-exec of the same pid"));

    // Above it the boundary: lab-alp's shim, whose -id names the container; then containerd and PID 1.
    const int boundary = model.boundaryRow();
    QCOMPARE(boundary, session - 1);
    const NodeRow& shim = model.chain().at(boundary);
    QCOMPARE(shim.role, QStringLiteral("shim"));
    QVERIFY(shim.argv.contains("-id"));
    QCOMPARE(shim.argv.value(shim.argv.indexOf("-id") + 1), kAlp.toLatin1());
    QVERIFY(model.index(boundary, 0).data(LineageChainModel::BoundaryRole).toBool());
    QCOMPARE(model.index(0, LineageChainModel::PidColumn).data().toLongLong(), 1);
    QCOMPARE(model.index(0, LineageChainModel::WhereColumn).data().toString(), tr("host"));
    // PID 1 and containerd are known from the listing only: named by their argv[0], not as never seen.
    QVERIFY2(model.index(0, LineageChainModel::ProcessColumn).data().toString().startsWith(u"process_api --firecracker"),
             qPrintable(model.index(0, LineageChainModel::ProcessColumn).data().toString()));
    QVERIFY(model.index(1, LineageChainModel::ProcessColumn).data().toString().trimmed().startsWith(u"containerd"));
    // Rows above the boundary are host processes and carry no container colour.
    for (int row = 0; row < boundary; ++row)
        QCOMPARE(model.index(row, 0).data(LineageChainModel::ColourIndexRole).toInt(), -1);
    QVERIFY(model.index(last, 0).data(LineageChainModel::ColourIndexRole).toInt() >= 0);
}

void TestLineageChainModel::hostProcessHasNoBoundary()
{
    LineageChainModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCase(m_case);
    // containerd itself (pid 29272, named by the ps listing) is a host process under PID 1.
    CaseReader reader(m_case);
    ProcessQuery query(reader.database());
    const QList<NodeRow> nodes = query.findByPid(29272, QStringLiteral("lab"));
    QVERIFY(!nodes.isEmpty());
    QVERIFY(model.setNode(nodes.first().id));
    QCOMPARE(model.boundaryRow(), -1);
    QCOMPARE(model.entrypointRow(), -1);
    QCOMPARE(model.index(0, LineageChainModel::PidColumn).data().toLongLong(), 1);
}

void TestLineageChainModel::unknownNodeClears()
{
    LineageChainModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCase(m_case);
    QVERIFY(!model.setNode(987654321));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.setNode(0));
    model.setCase({});
    QVERIFY(!model.setNode(1));
}

QTEST_GUILESS_MAIN(TestLineageChainModel)
#include "tst_lineagechainmodel.moc"
