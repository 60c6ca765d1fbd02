// SPDX-License-Identifier: GPL-3.0-or-later
// Back/forward over pivot targets: browser semantics, the cap, and the actions' state.

#include "pivothistory.h"

#include <QAction>
#include <QKeySequence>
#include <QSignalSpy>
#include <QTest>

using namespace ShimScope;

namespace
{
PivotTarget process(int64_t id)
{
    return {PivotTarget::Process, id, QStringLiteral("pid %1").arg(id)};
}
} // namespace

class TestPivotHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyHistory()
    {
        PivotHistory history;
        QVERIFY(!history.current().isValid());
        QVERIFY(!history.canGoBack());
        QVERIFY(!history.canGoForward());
        QVERIFY(!history.back());
        QVERIFY(!history.forward());
        QVERIFY(!history.backAction()->isEnabled());
        QVERIFY(!history.forwardAction()->isEnabled());
        QCOMPARE(history.backAction()->shortcuts(), QKeySequence::keyBindings(QKeySequence::Back));
        QCOMPARE(history.forwardAction()->shortcuts(), QKeySequence::keyBindings(QKeySequence::Forward));
        QVERIFY(!history.backAction()->text().isEmpty());
        history.visit({}); // invalid: ignored
        QCOMPARE(history.count(), 0);
    }

    void backForwardAndTruncate()
    {
        PivotHistory history;
        QSignalSpy changed(&history, &PivotHistory::currentChanged);
        history.visit(process(1));
        history.visit(process(2));
        history.visit({PivotTarget::Container, 7, QStringLiteral("lab-alp")});
        QCOMPARE(changed.count(), 3);
        QCOMPARE(history.current().kind, PivotTarget::Container);
        QCOMPARE(history.current().id, int64_t(7));
        QVERIFY(history.canGoBack());
        QVERIFY(!history.canGoForward());
        QVERIFY(history.backAction()->isEnabled());
        QVERIFY(!history.forwardAction()->isEnabled());
        QVERIFY(history.backAction()->toolTip().contains(QStringLiteral("pid 2")));

        // The same kind and id again is not a new step (a container and a process may share an id).
        history.visit({PivotTarget::Container, 7, QStringLiteral("lab-alp (renamed)")});
        QCOMPARE(history.count(), 3);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(history.current().label, QStringLiteral("lab-alp (renamed)"));
        history.visit(process(7));
        QCOMPARE(history.count(), 4);
        QVERIFY(history.back());

        QVERIFY(history.back());
        QCOMPARE(history.current(), process(2));
        QCOMPARE(changed.last().at(0).value<PivotTarget>(), process(2));
        QVERIFY(history.canGoForward());
        QVERIFY(history.forwardAction()->isEnabled());
        QVERIFY(history.forwardAction()->toolTip().contains(QStringLiteral("lab-alp")));

        // Actions drive the history.
        history.backAction()->trigger();
        QCOMPARE(history.current(), process(1));
        QVERIFY(!history.canGoBack());
        QVERIFY(!history.backAction()->isEnabled());
        history.forwardAction()->trigger();
        QCOMPARE(history.current(), process(2));

        // Visiting from the middle drops the forward history.
        history.visit(process(9));
        QCOMPARE(history.count(), 3);
        QVERIFY(!history.canGoForward());
        QVERIFY(!history.forwardAction()->isEnabled());
        QVERIFY(history.back());
        QCOMPARE(history.current(), process(2));
        QVERIFY(history.forward());
        QCOMPARE(history.current(), process(9));
        QVERIFY(!history.forward());

        history.clear();
        QCOMPARE(history.count(), 0);
        QVERIFY(!history.current().isValid());
        QVERIFY(!history.backAction()->isEnabled());
        QVERIFY(!history.forwardAction()->isEnabled());
    }

    void capped()
    {
        PivotHistory history;
        for (int i = 1; i <= PivotHistory::kDefaultMaximum + 20; ++i)
            history.visit(process(i));
        QCOMPARE(history.count(), PivotHistory::kDefaultMaximum);
        QCOMPARE(history.current(), process(PivotHistory::kDefaultMaximum + 20));
        int steps = 0;
        while (history.back())
            ++steps;
        QCOMPARE(steps, PivotHistory::kDefaultMaximum - 1);
        QCOMPARE(history.current(), process(21)); // the oldest fell off

        history.setMaximumSize(3);
        QCOMPARE(history.count(), 3);
        QCOMPARE(history.current(), process(21)); // the current target stays; forward ones beyond the cap go
        QVERIFY(history.canGoForward());
    }

    void labelsAreEscapedInTooltips()
    {
        PivotHistory history;
        history.visit({PivotTarget::Process, 1, QStringLiteral("<b>evil</b>")});
        history.visit(process(2));
        QVERIFY(history.backAction()->toolTip().contains(QStringLiteral("&lt;b&gt;evil")));
        QVERIFY(!history.backAction()->toolTip().contains(QStringLiteral("<b>")));
    }
};

QTEST_MAIN(TestPivotHistory)
#include "tst_pivothistory.moc"
