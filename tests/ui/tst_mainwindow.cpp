// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow under the offscreen platform: imports through the same slots as File → Import, the table it shows,
// cancel leaving the case untouched, read-only cases, errors naming the file, drops, copy.

#include "casereader.h"
#include "eventtablemodel.h"
#include "importsummarydialog.h"
#include "mainwindow.h"
#include "settings.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

namespace
{
const QString kLaurelSample = QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/auditd/laurel/shell-proc-trace.txt");
const QString kLibauditSample = QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/auditd/go-libaudit/testdata_normal.log");
constexpr int kImportTimeoutMs = 120000;

QString cell(const QAbstractItemModel* model, int row, int column)
{
    return model->data(model->index(row, column)).toString();
}

QByteArray sha256Hex(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

struct CaseCounts
{
    int64_t events = -1;
    qsizetype sources = -1;
    int64_t runs = -1;
    bool operator==(const CaseCounts&) const = default;
};

CaseCounts countsOf(const QString& casePath)
{
    CaseReader reader(casePath);
    return {
        reader.eventCount(), reader.sources().size(), reader.database().queryInt("SELECT count(*) FROM import_runs")};
}

/// A well-formed auditd log of `events` execs, large enough that importing it takes a while.
bool writeLargeAuditLog(const QString& path, int events)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray chunk;
    for (int i = 0; i < events; ++i) {
        const QByteArray stamp = "audit(" + QByteArray::number(1700000000 + i / 1000) + '.'
            + QByteArray::number(i % 1000).rightJustified(3, '0') + ':' + QByteArray::number(i + 1) + "):";
        const QByteArray pid = QByteArray::number(20000 + i);
        chunk += "type=SYSCALL msg=" + stamp
            + " arch=c000003e syscall=59 success=yes exit=0 a0=55d85f7e6ea8 a1=55d85f7e6bc0 a2=55d85f7e6bd8 "
              "a3=6b85af46a9ffd8dd items=2 ppid=19999 pid="
            + pid
            + " auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 "
              "tty=pts0 ses=3 comm=\"tool\" exe=\"/usr/bin/tool\" subj=unconfined key=(null)\n";
        chunk
            += "type=EXECVE msg=" + stamp + " argc=3 a0=\"tool\" a1=\"--index\" a2=\"" + QByteArray::number(i) + "\"\n";
        chunk += "type=CWD msg=" + stamp + " cwd=\"/srv/generated\"\n";
        chunk += "type=EOE msg=" + stamp + " \n";
        if (chunk.size() > (1 << 20)) {
            if (file.write(chunk) != chunk.size())
                return false;
            chunk.clear();
        }
    }
    return file.write(chunk) == chunk.size();
}

template <typename T> T* visibleChild(QWidget* parent, const QString& name = {})
{
    const QList<T*> children = parent->findChildren<T*>(name);
    for (T* child : children) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

void closeDialogs(QWidget* window)
{
    const QList<QDialog*> dialogs = window->findChildren<QDialog*>();
    for (QDialog* dialog : dialogs)
        dialog->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startsWithoutCase();
    void importIntoNewCaseShowsRows();
    void importIntoOpenCaseReloads();
    void copiesSelectedRows();
    void cancelledImportLeavesCaseUnchanged();
    void reopensCaseReadOnly();
    void refusesFilesThatAreNotCases_data();
    void refusesFilesThatAreNotCases();
    void droppedCaseFileOpens();
    void droppedLogsWithoutCaseAskWhereToCreateOne();
    void settingsRememberRecentCases();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    QString m_casePath;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(kLaurelSample), qPrintable(kLaurelSample));
    QVERIFY2(QFile::exists(kLibauditSample), qPrintable(kLibauditSample));
    // Never touch the user's real settings.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("ShimScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    m_casePath = m_dir.filePath(QStringLiteral("laurel.shimscope"));

    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::startsWithoutCase()
{
    MainWindow* w = m_window.get();
    QCOMPARE(w->windowTitle(), QStringLiteral("ShimScope"));
    QCOMPARE(w->casePath(), QString());
    QCOMPARE(w->eventView()->model(), w->eventModel());
    QCOMPARE(w->eventModel()->rowCount(), 0);
    QCOMPARE(w->findChild<QLabel*>(QStringLiteral("caseLabel"))->text(), QStringLiteral("No case open"));
    QVERIFY(!w->findChild<QProgressBar*>(QStringLiteral("importProgress"))->isVisible());

    // The File menu's actions with their standard shortcuts.
    QCOMPARE(w->findChild<QAction*>(QStringLiteral("newCaseAction"))->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(w->findChild<QAction*>(QStringLiteral("openCaseAction"))->shortcut(), QKeySequence(QKeySequence::Open));
    QCOMPARE(
        w->findChild<QAction*>(QStringLiteral("importFilesAction"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    QCOMPARE(w->findChild<QAction*>(QStringLiteral("quitAction"))->shortcut(), QKeySequence(QKeySequence::Quit));
    QVERIFY(w->findChild<QAction*>(QStringLiteral("importFilesAction"))->isEnabled());
    QVERIFY(!w->findChild<QAction*>(QStringLiteral("closeCaseAction"))->isEnabled());
    QVERIFY(w->findChild<QAction*>(QStringLiteral("openReadOnlyAction")));
    QVERIFY(w->findChild<QAction*>(QStringLiteral("importFolderAction")));
    QVERIFY(w->findChild<QAction*>(QStringLiteral("aboutAction")));
}

void TestMainWindow::importIntoNewCaseShowsRows()
{
    MainWindow* w = m_window.get();
    QVERIFY(!QFile::exists(m_casePath));
    QSignalSpy started(w, &MainWindow::importStarted);
    QSignalSpy finished(w, &MainWindow::importFinished);
    QSignalSpy opened(w, &MainWindow::caseOpened);

    // No case is open: this is File → Import after the user chose where to create the case.
    QVERIFY(w->importInto(m_casePath, {kLaurelSample}));
    QVERIFY(w->isImporting());
    QCOMPARE(started.count(), 1);
    QVERIFY(w->findChild<QProgressBar*>(QStringLiteral("importProgress"))->isVisible());
    QVERIFY(w->findChild<QPushButton*>(QStringLiteral("cancelImportButton"))->isVisible());
    QVERIFY(!w->findChild<QAction*>(QStringLiteral("importFilesAction"))->isEnabled());
    QVERIFY(!w->importInto(m_casePath, {kLibauditSample})); // one import at a time

    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!w->isImporting());
    QVERIFY(!w->findChild<QProgressBar*>(QStringLiteral("importProgress"))->isVisible());
    QCOMPARE(w->lastImportReport().result, ImportReport::Result::Success);
    QVERIFY(w->lastImportReport().createdCase);

    // The summary: one file, its format, status, counts and hash.
    auto* summary = visibleChild<ImportSummaryDialog>(w);
    QVERIFY(summary);
    QVERIFY2(summary->summaryText().contains(QStringLiteral("4 events")), qPrintable(summary->summaryText()));
    QTableWidget* table = summary->table();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, ImportSummaryDialog::FileColumn)->text(), QStringLiteral("shell-proc-trace.txt"));
    QCOMPARE(table->item(0, ImportSummaryDialog::FormatColumn)->text(), QStringLiteral("auditd"));
    QCOMPARE(
        table->item(0, ImportSummaryDialog::StatusColumn)->data(Qt::UserRole).toString(), QStringLiteral("imported"));
    QCOMPARE(table->item(0, ImportSummaryDialog::EventsColumn)->data(Qt::DisplayRole).toLongLong(), 4);
    QCOMPARE(table->item(0, ImportSummaryDialog::LostColumn)->data(Qt::DisplayRole).toLongLong(), 0);
    QCOMPARE(table->item(0, ImportSummaryDialog::Sha256Column)->text().toLatin1(), sha256Hex(kLaurelSample));
    QVERIFY(summary->tableText().startsWith(QStringLiteral("File\tInput\tFormat\tStatus\tEvents")));

    // The new case opens by itself and the table shows the sample's four execs in time order.
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kImportTimeoutMs);
    QCOMPARE(opened.first().first().toString(), m_casePath);
    QCOMPARE(w->casePath(), m_casePath);
    const QAbstractItemModel* model = w->eventView()->model();
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(cell(model, 0, EventTableModel::PidColumn), QStringLiteral("71505"));
    QCOMPARE(cell(model, 0, EventTableModel::ExecutableColumn), QStringLiteral("/usr/bin/dash"));
    QCOMPARE(cell(model, 0, EventTableModel::CommandLineColumn),
        QStringLiteral("/bin/sh ./src/testdata/double-fork/test-script.sh"));
    QCOMPARE(cell(model, 0, EventTableModel::TimeColumn), QStringLiteral("2023-04-27T15:24:05.526Z"));
    QCOMPARE(cell(model, 3, EventTableModel::CommandLineColumn), QStringLiteral("/bin/sed -e s/foo/bar/"));
    QVERIFY2(w->windowTitle().contains(QStringLiteral("laurel.shimscope")), qPrintable(w->windowTitle()));
    QVERIFY(!w->windowTitle().contains(QStringLiteral("read-only")));
    const QString status = w->findChild<QLabel*>(QStringLiteral("caseLabel"))->text();
    QVERIFY2(status.contains(QStringLiteral("laurel.shimscope")) && status.contains(QStringLiteral("4 events")),
        qPrintable(status));
    closeDialogs(w);
}

void TestMainWindow::importIntoOpenCaseReloads()
{
    MainWindow* w = m_window.get();
    QCOMPARE(w->casePath(), m_casePath);
    QSignalSpy finished(w, &MainWindow::importFinished);
    QSignalSpy loaded(w->eventModel(), &EventTableModel::loadingFinished);

    // Exactly what File → Import Files… does once the user picked files.
    w->importFiles({kLibauditSample});
    QVERIFY(w->isImporting());
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(w->lastImportReport().result, ImportReport::Result::Success);
    QVERIFY(!w->lastImportReport().createdCase);
    const QAbstractItemModel* model = w->eventView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 6, kImportTimeoutMs);
    QVERIFY(loaded.count() >= 1);
    // The 2017 go-libaudit execs sort before the 2023 laurel ones.
    QCOMPARE(cell(model, 0, EventTableModel::PidColumn), QStringLiteral("13393"));
    QCOMPARE(cell(model, 0, EventTableModel::CommandLineColumn), QStringLiteral("grep --color=auto mapping"));
    QCOMPARE(cell(model, 2, EventTableModel::PidColumn), QStringLiteral("71505"));
    QCOMPARE(w->casePath(), m_casePath);
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("caseLabel"))->text().contains(QStringLiteral("6 events")));
    closeDialogs(w);
}

void TestMainWindow::copiesSelectedRows()
{
    MainWindow* w = m_window.get();
    QTableView* view = w->eventView();
    QCOMPARE(view->model()->rowCount(), 6);
    QAction* copy = w->findChild<QAction*>(QStringLiteral("copyAction"));
    view->clearSelection();
    QVERIFY(!copy->isEnabled());
    view->selectionModel()->select(QItemSelection(view->model()->index(0, 0), view->model()->index(1, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(copy->isEnabled());

    QApplication::clipboard()->clear();
    w->activateWindow();
    view->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(w));
    QTest::keySequence(view, QKeySequence::Copy);
    const QString text = QApplication::clipboard()->text();
    QCOMPARE(text, w->selectedRowsAsText());
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QStringList first = lines.at(0).split(u'\t');
    QCOMPARE(first.size(), int(EventTableModel::ColumnCount));
    QCOMPARE(first.at(EventTableModel::TimeColumn), QStringLiteral("2017-04-12T22:48:11.036Z"));
    QCOMPARE(first.at(EventTableModel::PidColumn), QStringLiteral("13393"));
    QCOMPARE(first.at(EventTableModel::CommandLineColumn), QStringLiteral("grep --color=auto mapping"));
    QCOMPARE(lines.at(1).split(u'\t').at(EventTableModel::PidColumn), QStringLiteral("13392"));
}

void TestMainWindow::cancelledImportLeavesCaseUnchanged()
{
    MainWindow* w = m_window.get();
    const QString large = m_dir.filePath(QStringLiteral("large-audit.log"));
    QVERIFY(writeLargeAuditLog(large, 120000)); // about 65 MB: long enough to cancel part-way
    const CaseCounts before = countsOf(m_casePath);
    QCOMPARE(before.events, 6);

    QSignalSpy finished(w, &MainWindow::importFinished);
    w->importFiles({large});
    QVERIFY(w->isImporting());
    // Cancel part-way, once the worker has reported bytes read.
    auto* progress = w->findChild<QProgressBar*>(QStringLiteral("importProgress"));
    QTRY_VERIFY_WITH_TIMEOUT(progress->maximum() > 0 && progress->value() > 0, kImportTimeoutMs);
    QVERIFY2(finished.isEmpty(), "the import ended before it could be cancelled; make the generated log larger");
    qInfo("cancelling at %d/1000 of %lld bytes", progress->value(), static_cast<long long>(QFileInfo(large).size()));
    w->findChild<QPushButton*>(QStringLiteral("cancelImportButton"))->click();
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(w->lastImportReport().result, ImportReport::Result::Cancelled);
    QVERIFY(!visibleChild<ImportSummaryDialog>(w)); // a cancelled import only says so in the status bar

    QCOMPARE(countsOf(m_casePath), before);
    QCOMPARE(w->eventView()->model()->rowCount(), 6);
    QCOMPARE(w->casePath(), m_casePath);
    QVERIFY(w->findChild<QAction*>(QStringLiteral("importFilesAction"))->isEnabled());
    QFile::remove(large);
}

void TestMainWindow::reopensCaseReadOnly()
{
    MainWindow* w = m_window.get();
    QSignalSpy opened(w, &MainWindow::caseOpened);
    w->openCase(m_casePath, true);
    QVERIFY(opened.wait(kImportTimeoutMs));
    QVERIFY(w->isReadOnly());
    QVERIFY2(w->windowTitle().startsWith(QStringLiteral("laurel.shimscope")), qPrintable(w->windowTitle()));
    QVERIFY2(w->windowTitle().endsWith(QStringLiteral(" [read-only]")), qPrintable(w->windowTitle()));
    QCOMPARE(w->eventView()->model()->rowCount(), 6);
    QVERIFY(!w->findChild<QAction*>(QStringLiteral("importFilesAction"))->isEnabled());

    // Imports into a read-only case are refused with a message, and nothing is written.
    const CaseCounts before = countsOf(m_casePath);
    QVERIFY(!w->importInto(m_casePath, {kLibauditSample}));
    QVERIFY(!w->isImporting());
    auto* box = visibleChild<QMessageBox>(w, QStringLiteral("errorMessageBox"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("laurel.shimscope")), qPrintable(box->text()));
    box->close();
    QCOMPARE(countsOf(m_casePath), before);

    // Opened normally again, it can be imported into.
    opened.clear();
    w->openCase(m_casePath);
    QVERIFY(opened.wait(kImportTimeoutMs));
    QVERIFY(!w->isReadOnly());
    QVERIFY(!w->windowTitle().contains(QStringLiteral("read-only")));
    QVERIFY(w->findChild<QAction*>(QStringLiteral("importFilesAction"))->isEnabled());
    closeDialogs(w);
}

void TestMainWindow::refusesFilesThatAreNotCases_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("why");
    const QString notACase = QStringLiteral("The file is not a ShimScope case file.");
    QTest::newRow("text file") << QStringLiteral("notes.shimscope") << QByteArrayLiteral("not a case\n") << notACase;
    QTest::newRow("other sqlite") << QStringLiteral("other.shimscope") << QByteArray() << notACase;
    QTest::newRow("missing") << QStringLiteral("missing.shimscope") << QByteArray()
                             << QStringLiteral("There is no such file.");
}

void TestMainWindow::refusesFilesThatAreNotCases()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, contents);
    QFETCH(QString, why);
    const QString path = m_dir.filePath(name);
    if (name.startsWith(QStringLiteral("other"))) {
        // A real SQLite database of another application.
        Database db(path, Database::Mode::ReadWriteCreate);
        db.exec("CREATE TABLE t (x); PRAGMA user_version=3;");
    } else if (!contents.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    }

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &MainWindow::caseOpened);
    window.openCase(path);
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = visibleChild<QMessageBox>(&window, QStringLiteral("errorMessageBox"))), 30000);
    QVERIFY2(box->text().contains(name), qPrintable(box->text()));
    QCOMPARE(box->informativeText(), why);
    QCOMPARE(opened.count(), 0);
    QCOMPARE(window.casePath(), QString());
    QCOMPARE(window.windowTitle(), QStringLiteral("ShimScope"));
    QCOMPARE(window.eventModel()->rowCount(), 0);
    box->close();
}

void TestMainWindow::droppedCaseFileOpens()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &MainWindow::caseOpened);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_casePath)});
    const QPoint centre = window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);

    QVERIFY(opened.wait(kImportTimeoutMs));
    QCOMPARE(window.casePath(), m_casePath);
    QCOMPARE(window.eventView()->model()->rowCount(), 6);
    QVERIFY(!window.isImporting()); // a case file is opened, never imported

    // Log files dropped on a window with an open case are imported into it.
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QMimeData logs;
    logs.setUrls({QUrl::fromLocalFile(kLibauditSample)});
    QDragEnterEvent enterLogs(centre, Qt::CopyAction, &logs, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enterLogs);
    QVERIFY(enterLogs.isAccepted());
    QDropEvent dropLogs(QPointF(centre), Qt::CopyAction, &logs, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &dropLogs);
    QVERIFY(window.isImporting());
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(window.eventView()->model()->rowCount(), 8, kImportTimeoutMs);
    closeDialogs(&window);
}

void TestMainWindow::droppedLogsWithoutCaseAskWhereToCreateOne()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString newCase = m_dir.filePath(QStringLiteral("dropped.shimscope"));
    QStringList askedFor;
    window.setCaseChooser([&askedFor, newCase](const QStringList& inputs) {
        askedFor = inputs;
        return newCase;
    });
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QSignalSpy opened(&window, &MainWindow::caseOpened);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kLibauditSample), QUrl::fromLocalFile(kLaurelSample)});
    const QPoint centre = window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);

    QCOMPARE(askedFor, (QStringList{kLibauditSample, kLaurelSample}));
    QVERIFY(window.isImporting());
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(opened.count() == 1 || opened.wait(kImportTimeoutMs));
    QCOMPARE(window.casePath(), newCase);
    QCOMPARE(window.eventView()->model()->rowCount(), 6);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("dropped.shimscope")));
    closeDialogs(&window);
}

void TestMainWindow::settingsRememberRecentCases()
{
    const QStringList recent = Settings().recentCases();
    QVERIFY(!recent.isEmpty());
    // Most recent first, each once.
    QCOMPARE(recent.first(), m_dir.filePath(QStringLiteral("dropped.shimscope")));
    QCOMPARE(recent.count(m_casePath), 1);

    // Closing the window saves its geometry, state and table header.
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.close());
    }
    const Settings saved;
    QVERIFY(!saved.mainWindowGeometry().isEmpty());
    QVERIFY(!saved.mainWindowState().isEmpty());
    QVERIFY(!saved.eventTableHeaderState().isEmpty());

    Settings settings(m_dir.filePath(QStringLiteral("typed.ini")));
    for (int i = 0; i < Settings::kMaxRecentCases + 3; ++i)
        settings.addRecentCase(m_dir.filePath(QStringLiteral("case%1.shimscope").arg(i)));
    settings.addRecentCase(m_dir.filePath(QStringLiteral("case5.shimscope")));
    const QStringList list = settings.recentCases();
    QCOMPARE(list.size(), Settings::kMaxRecentCases);
    QCOMPARE(list.first(), m_dir.filePath(QStringLiteral("case5.shimscope")));
    QCOMPARE(list.count(m_dir.filePath(QStringLiteral("case5.shimscope"))), 1);
    settings.removeRecentCase(m_dir.filePath(QStringLiteral("case5.shimscope")));
    QVERIFY(!settings.recentCases().contains(m_dir.filePath(QStringLiteral("case5.shimscope"))));
    settings.sync();
    QSettings raw(m_dir.filePath(QStringLiteral("typed.ini")), QSettings::IniFormat);
    QCOMPARE(raw.value(QStringLiteral("settingsVersion")).toInt(), Settings::kVersion);
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
