// SPDX-License-Identifier: GPL-3.0-or-later
// The container list model on the real demo bundle: rows, roles, sorting,
// escaping, loading errors.

#include "casefile.h"
#include "containersmodel.h"
#include "democase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

class TestContainersModel : public QObject
{
    Q_OBJECT

private:
    static bool load(ContainersModel& model, const QString& path)
    {
        QSignalSpy finished(&model, &ContainersModel::loadingFinished);
        model.setCase(path);
        return finished.wait(60000);
    }

    static int rowOf(const ContainersModel& model, const QString& containerId)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(ContainersModel::ContainerIdRole).toString() == containerId)
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_case = m_dir.filePath(QStringLiteral("demo.shimscope"));
        QCOMPARE(DemoCase::import(m_case).result, ImportReport::Result::Success);
    }

    void demoContainers()
    {
        ContainersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(load(model, m_case));
        Database db = CaseFile::openReadOnly(m_case);
        QCOMPARE(model.rowCount(), int(db.queryInt("SELECT count(*) FROM containers")));
        QCOMPARE(model.columnCount(), int(ContainersModel::ColumnCount));

        const int alp = rowOf(model, DemoCase::kAlp);
        QVERIFY(alp >= 0);
        const QModelIndex a = model.index(alp, ContainersModel::ShortIdColumn);
        QCOMPARE(a.data().toString(), QStringLiteral("40a565422113"));
        QCOMPARE(a.data(ContainersModel::ShortIdRole).toString(), QStringLiteral("40a565422113"));
        QCOMPARE(model.index(alp, ContainersModel::RuntimeColumn).data().toString(), QStringLiteral("runc"));
        QCOMPARE(model.index(alp, ContainersModel::NameColumn).data().toString(), QStringLiteral("lab-alp"));
        QCOMPARE(model.index(alp, ContainersModel::ImageColumn).data().toString(), QStringLiteral("lab/alpinelike"));
        QCOMPARE(a.data(ContainersModel::HostRole).toString(), DemoCase::kHost);
        const int64_t ref = a.data(ContainersModel::ContainerRefRole).toLongLong();
        QCOMPARE(ref, DemoCase::containerRef(db, DemoCase::kAlp));
        Statement count(db, "SELECT count(*) FROM process_nodes WHERE container_ref = ?");
        count.bind(1, ref);
        QVERIFY(count.step());
        QCOMPARE(a.data(ContainersModel::ProcessesRole).toLongLong(), count.columnInt(0));
        QCOMPARE(model.index(alp, ContainersModel::ProcessesColumn).data().toLongLong(), count.columnInt(0));
        Statement colour(db, "SELECT colour_index, entrypoint_node_id FROM containers WHERE id = ?");
        colour.bind(1, ref);
        QVERIFY(colour.step());
        QCOMPARE(a.data(ContainersModel::ColourIndexRole).toInt(), int(colour.columnInt(0)));
        QCOMPARE(a.data(ContainersModel::EntrypointNodeRole).toLongLong(), colour.columnInt(1));
        QVERIFY(a.data(ContainersModel::ShimPidRole).isValid());
        QVERIFY(a.data(ContainersModel::FirstNsRole).toLongLong() <= a.data(ContainersModel::LastNsRole).toLongLong());
        QCOMPARE(model.index(alp, ContainersModel::ColourColumn).data(), QVariant());
        QCOMPARE(model.rowOfContainer(ref), alp);

        // lab-b64: named and imaged by the `docker run` before it; the tooltip
        // shows the entrypoint.
        const int b64 = rowOf(model, DemoCase::kB64);
        QVERIFY(b64 >= 0);
        QCOMPARE(model.index(b64, ContainersModel::NameColumn).data().toString(), QStringLiteral("lab-b64"));
        QCOMPARE(model.index(b64, ContainersModel::ImageColumn).data().toString(), QStringLiteral("lab/alpinelike"));
        const QString tooltip = model.index(b64, ContainersModel::NameColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tooltip.contains(QStringLiteral("sh -c &#x27;echo aWQ7IHVuYW1lIC1hOyBzbGVlcCAx | "
                                                 "base64 -d | sh&#x27;"))
                     || tooltip.contains(QStringLiteral("sh -c 'echo aWQ7IHVuYW1lIC1hOyBzbGVlcCAx | base64 -d | sh'")),
                 qPrintable(tooltip));
        QVERIFY(tooltip.contains(QStringLiteral("lab/alpinelike")));
        QVERIFY(tooltip.contains(QStringLiteral("exec sessions")));

        const int web = rowOf(model, DemoCase::kWeb);
        QCOMPARE(model.index(web, 0).data(ContainersModel::ExecSessionsRole).toLongLong(), qint64(7));
    }

    void sorting()
    {
        ContainersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(load(model, m_case));
        const int alp = rowOf(model, DemoCase::kAlp);
        const QPersistentModelIndex kept(model.index(alp, ContainersModel::NameColumn));

        model.sort(ContainersModel::ProcessesColumn, Qt::DescendingOrder);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1, 0).data(ContainersModel::ProcessesRole).toLongLong()
                    >= model.index(row, 0).data(ContainersModel::ProcessesRole).toLongLong());
        QVERIFY(kept.isValid());
        QCOMPARE(kept.data(ContainersModel::ContainerIdRole).toString(), DemoCase::kAlp);
        QCOMPARE(kept.column(), int(ContainersModel::NameColumn));

        model.sort(ContainersModel::ShortIdColumn, Qt::AscendingOrder);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(
                model.index(row - 1, ContainersModel::ShortIdColumn)
                    .data()
                    .toString()
                    .compare(model.index(row, ContainersModel::ShortIdColumn).data().toString(), Qt::CaseInsensitive)
                <= 0);
        model.sort(ContainersModel::FirstColumn, Qt::AscendingOrder);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1, 0).data(ContainersModel::FirstNsRole).toLongLong()
                    <= model.index(row, 0).data(ContainersModel::FirstNsRole).toLongLong());

        // A reload keeps the sort order.
        model.sort(ContainersModel::ProcessesColumn, Qt::DescendingOrder);
        QSignalSpy finished(&model, &ContainersModel::loadingFinished);
        model.reload();
        QVERIFY(model.rowCount() > 0); // rows stay while reloading
        QVERIFY(finished.wait(60000));
        QVERIFY(model.index(0, 0).data(ContainersModel::ProcessesRole).toLongLong()
                >= model.index(model.rowCount() - 1, 0).data(ContainersModel::ProcessesRole).toLongLong());
    }

    void hostileStringsAreEscaped()
    {
        const QString copy = m_dir.filePath(QStringLiteral("hostile.shimscope"));
        QVERIFY(QFile::copy(m_case, copy));
        {
            Database db = CaseFile::openReadWrite(copy);
            Statement s(db, "UPDATE containers SET name = ?, image = ? WHERE container_id = ?");
            s.bind(1, QStringLiteral("<b>web</b>\u202Etxt.exe"))
                .bind(2, QStringLiteral("evil\nimage"))
                .bind(3, DemoCase::kAlp);
            s.run();
        }
        ContainersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(load(model, copy));
        const int alp = rowOf(model, DemoCase::kAlp);
        QCOMPARE(model.index(alp, ContainersModel::NameColumn).data().toString(),
                 QStringLiteral("<b>web</b>\\u{202e}txt.exe"));
        QCOMPARE(model.index(alp, ContainersModel::ImageColumn).data().toString(), QStringLiteral("evil\\nimage"));
        QCOMPARE(model.index(alp, 0).data(ContainersModel::NameRole).toString(),
                 QStringLiteral("<b>web</b>\u202Etxt.exe")); // the typed role is as logged
        const QString tooltip = model.index(alp, ContainersModel::NameColumn).data(Qt::ToolTipRole).toString();
        QVERIFY(tooltip.contains(QStringLiteral("&lt;b&gt;web&lt;/b&gt;")));
        QVERIFY(!tooltip.contains(QStringLiteral("<b>")));
    }

    void errorsAndClear()
    {
        ContainersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failed(&model, &ContainersModel::loadingFailed);
        model.setCase(m_dir.filePath(QStringLiteral("missing.shimscope")));
        QVERIFY(failed.wait(60000));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!failed.first().at(1).toString().isEmpty());

        QVERIFY(load(model, m_case));
        QVERIFY(model.rowCount() > 0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
    }

private:
    QTemporaryDir m_dir;
    QString m_case;
};

QTEST_MAIN(TestContainersModel)
#include "tst_containersmodel.moc"
