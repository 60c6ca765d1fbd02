// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "casefile.h"
#include "eventtablemodel.h"
#include "importsummarydialog.h"
#include "settings.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <vector>

namespace ShimScope
{

namespace
{
QString caseSuffix()
{
    return QString::fromLatin1(CaseFile::kSuffix);
}

QString nameFilter()
{
    return MainWindow::tr("ShimScope cases (*.%1)").arg(caseSuffix());
}

/// A case file by name, or by content: an SQLite header with ShimScope's application_id (big-endian at byte 68).
bool looksLikeCaseFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return false;
    if (info.suffix().compare(caseSuffix(), Qt::CaseInsensitive) == 0)
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray header = file.read(72);
    if (header.size() < 72 || !header.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return false;
    const auto byte = [&header](int i) { return static_cast<uint32_t>(static_cast<unsigned char>(header.at(i))); };
    const uint32_t applicationId = byte(68) << 24 | byte(69) << 16 | byte(70) << 8 | byte(71);
    return applicationId == static_cast<uint32_t>(CaseFile::kApplicationId);
}

QString nativeName(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

bool samePath(const QString& a, const QString& b)
{
    if (a.isEmpty() || b.isEmpty())
        return false;
    return QDir::cleanPath(QFileInfo(a).absoluteFilePath()) == QDir::cleanPath(QFileInfo(b).absoluteFilePath());
}
} // namespace

/// One import in flight. The worker owns nothing of the window: it gets copies, the cancel flag by shared pointer,
/// and posts progress to the window, which outlives it (the destructor cancels and waits).
struct MainWindow::ImportState
{
    quint64 id = 0;
    QString casePath;
    bool openWhenDone = false; ///< no case was open when it started: show the case it made
    std::shared_ptr<std::atomic_bool> cancel;
    QFutureWatcher<ImportReport>* watcher = nullptr;
};

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);

    m_model = new EventTableModel(this);
    connect(m_model, &EventTableModel::loadingFinished, this, &MainWindow::onCaseLoaded);
    connect(m_model, &EventTableModel::loadingFailed, this, &MainWindow::onCaseLoadFailed);

    setUpView();
    createActions();
    createMenus();
    createStatusBar();
    restoreSettings();
    updateTitle();
    updateActions();
    updateCaseLabel();
}

MainWindow::~MainWindow()
{
    if (m_import) {
        // The worker posts progress to this window: it must end before the window does.
        m_import->cancel->store(true);
        m_import->watcher->disconnect(this);
        m_import->watcher->waitForFinished();
    }
}

bool MainWindow::isImporting() const
{
    return m_import != nullptr;
}

void MainWindow::setUpView()
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("eventView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setCornerButtonEnabled(false);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    // Fixed row heights: the view never asks a million rows for their size hints.
    const QFontMetrics metrics(m_view->font());
    QHeaderView* rows = m_view->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(metrics.height());
    rows->setDefaultSectionSize(metrics.height() + 6);
    rows->hide();

    QHeaderView* columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setHighlightSections(false);
    columns->setStretchLastSection(true);
    columns->setSectionsMovable(true);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Widths from the font, sized so Time through Command line fit a window of about 1100 pixels; the working
    // directory and source follow, and everything keeps its full text in a tooltip.
    const int padding = metrics.averageCharWidth() * 2;
    auto widthFor = [&](int column, const QString& sample) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        columns->resizeSection(
            column, std::max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + padding);
    };
    const auto chars = [](int count) { return QString(count, u'x'); };
    widthFor(EventTableModel::TimeColumn, QStringLiteral("2026-12-03T16:49:29.123Z"));
    widthFor(EventTableModel::HostColumn, chars(12));
    widthFor(EventTableModel::WhereColumn, tr("container 85209fd3eb3b"));
    widthFor(EventTableModel::PidColumn, QStringLiteral("4194304"));
    widthFor(EventTableModel::PpidColumn, QStringLiteral("4194304"));
    widthFor(EventTableModel::UidColumn, QStringLiteral("65534"));
    widthFor(EventTableModel::AuidColumn, QStringLiteral("65534"));
    widthFor(EventTableModel::ResultColumn, tr("failed (-13)"));
    widthFor(EventTableModel::ExecutableColumn, chars(22));
    widthFor(EventTableModel::CommandLineColumn, chars(48));
    widthFor(EventTableModel::CwdColumn, chars(22));
    widthFor(EventTableModel::SourceColumn, chars(22));

    // Columns can be hidden and shown from the header's context menu; the header state (order, widths, hidden
    // columns) is saved with the window.
    columns->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(columns, &QHeaderView::customContextMenuRequested, this, [this, columns](const QPoint& position) {
        QMenu menu(this);
        for (int column = 0; column < m_model->columnCount(); ++column) {
            QAction* action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
            action->setCheckable(true);
            action->setChecked(!columns->isSectionHidden(column));
            connect(action, &QAction::toggled, columns, [columns, column](bool visible) {
                // Keep at least one column: a table without any cannot be brought back from its header.
                if (visible || columns->count() - columns->hiddenSectionCount() > 1)
                    columns->setSectionHidden(column, !visible);
            });
        }
        menu.exec(columns->viewport()->mapToGlobal(position));
    });

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    // A reset clears the selection without selectionChanged.
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    setCentralWidget(m_view);
}

void MainWindow::createActions()
{
    m_newCaseAction = new QAction(tr("&New Case…"), this);
    m_newCaseAction->setObjectName(QStringLiteral("newCaseAction"));
    m_newCaseAction->setShortcut(QKeySequence::New);
    m_newCaseAction->setStatusTip(tr("Create an empty case file"));
    connect(m_newCaseAction, &QAction::triggered, this, &MainWindow::chooseNewCase);

    m_openCaseAction = new QAction(tr("&Open Case…"), this);
    m_openCaseAction->setObjectName(QStringLiteral("openCaseAction"));
    m_openCaseAction->setShortcut(QKeySequence::Open);
    m_openCaseAction->setStatusTip(tr("Open a case file"));
    connect(m_openCaseAction, &QAction::triggered, this, [this] { chooseCaseToOpen(false); });

    m_openReadOnlyAction = new QAction(tr("Open &Read-Only…"), this);
    m_openReadOnlyAction->setObjectName(QStringLiteral("openReadOnlyAction"));
    m_openReadOnlyAction->setStatusTip(tr("Open a case file without allowing any change to it"));
    connect(m_openReadOnlyAction, &QAction::triggered, this, [this] { chooseCaseToOpen(true); });

    m_importFilesAction = new QAction(tr("&Import Files…"), this);
    m_importFilesAction->setObjectName(QStringLiteral("importFilesAction"));
    m_importFilesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importFilesAction->setStatusTip(tr("Import log files into the case"));
    connect(m_importFilesAction, &QAction::triggered, this, &MainWindow::chooseFilesToImport);

    m_importFolderAction = new QAction(tr("Import &Folder…"), this);
    m_importFolderAction->setObjectName(QStringLiteral("importFolderAction"));
    m_importFolderAction->setStatusTip(tr("Import every log file in a folder into the case"));
    connect(m_importFolderAction, &QAction::triggered, this, &MainWindow::chooseFolderToImport);

    m_closeCaseAction = new QAction(tr("&Close Case"), this);
    m_closeCaseAction->setObjectName(QStringLiteral("closeCaseAction"));
    m_closeCaseAction->setShortcut(QKeySequence::Close);
    connect(m_closeCaseAction, &QAction::triggered, this, &MainWindow::closeCase);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_copyAction = new QAction(tr("&Copy"), this);
    m_copyAction->setObjectName(QStringLiteral("copyAction"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setStatusTip(tr("Copy the selected events as tab-separated text"));
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copySelection);

    m_aboutAction = new QAction(tr("&About ShimScope"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_newCaseAction);
    file->addAction(m_openCaseAction);
    file->addAction(m_openReadOnlyAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addSeparator();
    file->addAction(m_importFilesAction);
    file->addAction(m_importFolderAction);
    file->addSeparator();
    file->addAction(m_closeCaseAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(m_copyAction);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_aboutAction);

    rebuildRecentMenu();
}

void MainWindow::createStatusBar()
{
    m_importLabel = new QLabel(this);
    m_importLabel->setObjectName(QStringLiteral("importLabel"));
    m_importProgress = new QProgressBar(this);
    m_importProgress->setObjectName(QStringLiteral("importProgress"));
    m_importProgress->setRange(0, 1000);
    m_importProgress->setTextVisible(true);
    m_importProgress->setMaximumWidth(fontMetrics().averageCharWidth() * 30);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelImportButton"));
    m_cancelButton->setToolTip(tr("Stop the import; the case stays as it was"));
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelImport);
    m_caseLabel = new QLabel(this);
    m_caseLabel->setObjectName(QStringLiteral("caseLabel"));

    statusBar()->addPermanentWidget(m_importLabel);
    statusBar()->addPermanentWidget(m_importProgress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_caseLabel);
    m_importLabel->hide();
    m_importProgress->hide();
    m_cancelButton->hide();
}

void MainWindow::restoreSettings()
{
    Settings settings;
    const QByteArray geometry = settings.mainWindowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        const QRect available = screen()->availableGeometry();
        resize(available.width() * 4 / 5, available.height() * 4 / 5);
    }
    restoreState(settings.mainWindowState(), kStateVersion);
    const QByteArray header = settings.eventTableHeaderState();
    if (!header.isEmpty())
        m_view->horizontalHeader()->restoreState(header);
}

void MainWindow::saveSettings()
{
    Settings settings;
    settings.setMainWindowGeometry(saveGeometry());
    settings.setMainWindowState(saveState(kStateVersion));
    settings.setEventTableHeaderState(m_view->horizontalHeader()->saveState());
}

void MainWindow::updateTitle()
{
    if (m_casePath.isEmpty()) {
        setWindowTitle(tr("ShimScope"));
        return;
    }
    QString title = tr("%1 — ShimScope").arg(QFileInfo(m_casePath).fileName());
    if (m_readOnly)
        title += tr(" [read-only]");
    setWindowTitle(title);
}

void MainWindow::updateActions()
{
    const bool hasCase = !m_casePath.isEmpty();
    const bool canImport = !m_import && !(hasCase && m_readOnly);
    m_importFilesAction->setEnabled(canImport);
    m_importFolderAction->setEnabled(canImport);
    m_closeCaseAction->setEnabled(hasCase);
    m_copyAction->setEnabled(m_view->selectionModel() && m_view->selectionModel()->hasSelection());
}

void MainWindow::updateCaseLabel()
{
    if (m_casePath.isEmpty()) {
        m_caseLabel->setText(tr("No case open"));
        m_caseLabel->setToolTip({});
        return;
    }
    const QString name = QFileInfo(m_casePath).fileName();
    if (!m_caseLoaded)
        m_caseLabel->setText(tr("%1: loading…").arg(name));
    else if (m_model->rowCount() == 1)
        m_caseLabel->setText(tr("%1: 1 event").arg(name));
    else
        m_caseLabel->setText(tr("%1: %L2 events").arg(name).arg(m_model->rowCount()));
    m_caseLabel->setToolTip(nativeName(m_casePath));
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = Settings().recentCases();
    int number = 1;
    for (const QString& path : recent) {
        // Accelerators 1–9; an '&' in a file name must not become one.
        QString label = QFileInfo(path).fileName().replace(u'&', QStringLiteral("&&"));
        if (number <= 9)
            label = QStringLiteral("&%1 ").arg(number) + label;
        ++number;
        QAction* action = m_recentMenu->addAction(label);
        action->setToolTip(nativeName(path));
        action->setStatusTip(nativeName(path));
        connect(action, &QAction::triggered, this, [this, path] { openCase(path); });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        QAction* clear = m_recentMenu->addAction(tr("&Clear Menu"));
        connect(clear, &QAction::triggered, this, [this] {
            Settings().setRecentCases({});
            rebuildRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showError(const QString& text, const QString& explanation, const QString& details)
{
    // Non-blocking so scripted callers (tests, the command line) never wait on a nested event loop.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("ShimScope"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessageBox"));
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(explanation);
    box->setDetailedText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::openCase(const QString& path, bool readOnly)
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        showError(tr("Could not open the case file “%1”.").arg(nativeName(path)), tr("There is no such file."));
        Settings().removeRecentCase(path);
        rebuildRecentMenu();
        return;
    }
    m_casePath = QDir::cleanPath(info.absoluteFilePath());
    // Imports write the file and its WAL beside it: both must be writable.
    const bool writable = info.isWritable() && QFileInfo(info.absolutePath()).isWritable();
    m_readOnly = readOnly || !writable;
    if (!readOnly && !writable)
        statusBar()->showMessage(tr("The case file is not writable; it is open read-only."), 10000);
    m_caseLoaded = false;
    m_model->setCase(m_casePath);
    updateTitle();
    updateActions();
    updateCaseLabel();
}

void MainWindow::closeCase()
{
    if (m_casePath.isEmpty())
        return;
    m_casePath.clear();
    m_readOnly = false;
    m_caseLoaded = false;
    m_model->clear();
    updateTitle();
    updateActions();
    updateCaseLabel();
    Q_EMIT caseClosed();
}

bool MainWindow::createCase(const QString& path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (m_import && samePath(m_import->casePath, absolute)) {
        showError(tr("Could not create the case file “%1”.").arg(nativeName(absolute)),
            tr("An import into this file is running."));
        return false;
    }
    if (samePath(m_casePath, absolute))
        closeCase();
    // The file dialog asked before replacing; the WAL and shared-memory files belong to the old case.
    const QStringList files{absolute, absolute + QStringLiteral("-wal"), absolute + QStringLiteral("-shm")};
    for (const QString& file : files) {
        if (QFileInfo::exists(file) && !QFile::remove(file)) {
            showError(tr("Could not create the case file “%1”.").arg(nativeName(absolute)),
                tr("Could not replace the existing file %1.").arg(nativeName(file)));
            return false;
        }
    }
    try {
        Database db = CaseFile::openReadWrite(absolute);
    } catch (const std::exception& e) {
        showError(tr("Could not create the case file “%1”.").arg(nativeName(absolute)),
            tr("The file could not be written."), QString::fromUtf8(e.what()));
        return false;
    }
    openCase(absolute, false);
    return true;
}

void MainWindow::importFiles(const QStringList& inputs)
{
    if (inputs.isEmpty())
        return;
    if (!m_casePath.isEmpty()) {
        if (m_readOnly) {
            showError(tr("Cannot import into “%1”.").arg(QFileInfo(m_casePath).fileName()),
                tr("The case is open read-only. Open it with File → Open Case… to import into it."));
            return;
        }
        importInto(m_casePath, inputs);
        return;
    }
    const QString casePath = m_caseChooser ? m_caseChooser(inputs) : chooseCaseForImport(inputs);
    if (!casePath.isEmpty())
        importInto(casePath, inputs);
}

bool MainWindow::importInto(const QString& casePath, const QStringList& inputs)
{
    if (inputs.isEmpty() || casePath.isEmpty())
        return false;
    if (m_import) {
        statusBar()->showMessage(tr("An import is already running; wait for it to finish or cancel it."), 10000);
        return false;
    }
    const QString absolute = QDir::cleanPath(QFileInfo(casePath).absoluteFilePath());
    if (m_readOnly && samePath(m_casePath, absolute)) {
        showError(tr("Cannot import into “%1”.").arg(QFileInfo(absolute).fileName()),
            tr("The case is open read-only. Open it with File → Open Case… to import into it."));
        return false;
    }

    m_import = std::make_unique<ImportState>();
    m_import->id = ++m_importCounter;
    m_import->casePath = absolute;
    m_import->openWhenDone = m_casePath.isEmpty();
    m_import->cancel = std::make_shared<std::atomic_bool>(false);
    m_import->watcher = new QFutureWatcher<ImportReport>(this);
    connect(m_import->watcher, &QFutureWatcherBase::finished, this, &MainWindow::onImportDone);

    m_importLabel->setText(tr("Importing into %1…").arg(QFileInfo(absolute).fileName()));
    m_importProgress->setRange(0, 0); // busy until the first progress report
    m_importProgress->setToolTip({});
    m_cancelButton->setEnabled(true);
    m_importLabel->show();
    m_importProgress->show();
    m_cancelButton->show();
    updateActions();

    // ImportJob::run() blocks for the whole import: run it on the thread pool. Progress comes from that thread and
    // is posted to this window; the window outlives the worker (see the destructor).
    MainWindow* window = this;
    const quint64 id = m_import->id;
    const std::shared_ptr<std::atomic_bool> cancel = m_import->cancel;
    m_import->watcher->setFuture(QtConcurrent::run([window, id, cancel, absolute, inputs] {
        ImportJob job(absolute, inputs);
        try {
            return job.run(cancel.get(), [window, id](int64_t done, int64_t total, const QString& status) {
                QMetaObject::invokeMethod(
                    window, [window, id, done, total, status] { window->onImportProgress(id, done, total, status); },
                    Qt::QueuedConnection);
            });
        } catch (const std::exception& e) {
            ImportReport failed;
            failed.result = ImportReport::Result::Failed;
            failed.error = QString::fromUtf8(e.what());
            return failed;
        }
    }));
    Q_EMIT importStarted(absolute);
    return true;
}

void MainWindow::cancelImport()
{
    if (!m_import)
        return;
    m_import->cancel->store(true);
    m_cancelButton->setEnabled(false);
    m_importLabel->setText(tr("Cancelling…"));
}

void MainWindow::onImportProgress(quint64 importId, qint64 done, qint64 total, const QString& status)
{
    if (!m_import || m_import->id != importId || m_import->cancel->load())
        return;
    if (total > 0) {
        m_importProgress->setRange(0, 1000);
        m_importProgress->setValue(static_cast<int>(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
        const QLocale locale;
        m_importProgress->setToolTip(
            tr("%1 of %2").arg(locale.formattedDataSize(done), locale.formattedDataSize(total)));
    }
    m_importLabel->setText(status);
}

void MainWindow::onImportDone()
{
    if (!m_import)
        return;
    const std::unique_ptr<ImportState> state = std::move(m_import);
    m_lastReport = state->watcher->result();
    state->watcher->deleteLater();

    m_importLabel->hide();
    m_importProgress->hide();
    m_cancelButton->hide();
    updateActions();

    const ImportReport& report = m_lastReport;
    const bool committed
        = report.result == ImportReport::Result::Success || report.result == ImportReport::Result::Partial;
    if (report.result == ImportReport::Result::Cancelled) {
        statusBar()->showMessage(tr("Import cancelled; the case is unchanged."), 10000);
    } else {
        if (m_summaryDialog)
            m_summaryDialog->close();
        auto* dialog = new ImportSummaryDialog(report, state->casePath, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_summaryDialog = dialog;
        dialog->show(); // not modal: the table can be read beside it
    }

    if (committed) {
        Settings().addRecentCase(state->casePath);
        rebuildRecentMenu();
        if (samePath(state->casePath, m_casePath)) {
            m_model->reload();
        } else if (state->openWhenDone && m_casePath.isEmpty()) {
            openCase(state->casePath);
        }
    }
    Q_EMIT importFinished(committed);
}

void MainWindow::onCaseLoaded(int rows)
{
    Q_UNUSED(rows);
    const bool firstLoad = !m_caseLoaded;
    m_caseLoaded = true;
    updateCaseLabel();
    if (firstLoad && !m_casePath.isEmpty()) {
        Settings().addRecentCase(m_casePath);
        rebuildRecentMenu();
        Q_EMIT caseOpened(m_casePath);
    }
}

void MainWindow::onCaseLoadFailed(QString path, QString error, QString details) // copies: closeCase() clears them
{
    if (!samePath(path, m_casePath))
        return;
    closeCase();
    showError(tr("Could not open the case file “%1”.").arg(nativeName(path)), error, details);
}

void MainWindow::openPaths(const QStringList& paths, bool readOnly)
{
    QStringList cases;
    QStringList inputs;
    for (const QString& path : paths) {
        if (looksLikeCaseFile(path))
            cases.append(path);
        else
            inputs.append(path);
    }
    if (cases.size() > 1)
        statusBar()->showMessage(tr("One case at a time: opening %1.").arg(QFileInfo(cases.first()).fileName()), 10000);
    if (!cases.isEmpty()) {
        openCase(cases.first(), readOnly);
        if (!inputs.isEmpty() && !m_casePath.isEmpty())
            importInto(m_casePath, inputs);
        return;
    }
    importFiles(inputs);
}

QString MainWindow::selectedRowsAsText() const
{
    const QItemSelectionModel* selection = m_view->selectionModel();
    if (!selection)
        return {};
    // Ranges, not selectedRows(): selecting a million rows must not build a million indexes.
    std::vector<int> rows;
    for (const QItemSelectionRange& range : selection->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());

    const QHeaderView* header = m_view->horizontalHeader();
    QList<int> columns; // in the order the user sees them
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    QString text;
    for (const int row : rows) {
        QStringList cells;
        cells.reserve(columns.size());
        for (const int column : std::as_const(columns))
            cells.append(m_model->index(row, column).data(Qt::DisplayRole).toString());
        text += cells.join(u'\t') + u'\n';
    }
    return text;
}

void MainWindow::setCaseChooser(CaseChooser chooser)
{
    m_caseChooser = std::move(chooser);
}

void MainWindow::copySelection()
{
    const QString text = selectedRowsAsText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_import) {
        const auto answer = QMessageBox::question(this, tr("Quit ShimScope"),
            tr("An import is running. Cancel it and quit? The case stays as "
               "it was before the import."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_import->cancel->store(true);
        m_import->watcher->waitForFinished(); // the import checks the flag every few thousand lines
    }
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && std::all_of(urls.cbegin(), urls.cend(), [](const QUrl& url) { return url.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl& url : urls) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openPaths(paths);
}

void MainWindow::chooseNewCase()
{
    Settings settings;
    QString path = QFileDialog::getSaveFileName(this, tr("New Case"), settings.lastDirectory(), nameFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + caseSuffix();
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    createCase(path);
}

void MainWindow::chooseCaseToOpen(bool readOnly)
{
    Settings settings;
    const QString path = QFileDialog::getOpenFileName(this, readOnly ? tr("Open Case Read-Only") : tr("Open Case"),
        settings.lastDirectory(), nameFilter() + QStringLiteral(";;") + tr("All files (*)"));
    if (path.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    openCase(path, readOnly);
}

void MainWindow::chooseFilesToImport()
{
    Settings settings;
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Files"), settings.lastDirectory(),
        tr("Logs (*.log *.txt *.gz *.audit)") + QStringLiteral(";;") + tr("All files (*)"));
    if (files.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(files.first()).absolutePath());
    importFiles(files);
}

void MainWindow::chooseFolderToImport()
{
    Settings settings;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import Folder"), settings.lastDirectory());
    if (folder.isEmpty())
        return;
    settings.setLastDirectory(folder);
    importFiles({folder});
}

QString MainWindow::chooseCaseForImport(const QStringList& inputs)
{
    Settings settings;
    const QFileInfo first(inputs.first());
    const QString suggestion
        = QDir(settings.lastDirectory().isEmpty() ? first.absolutePath() : settings.lastDirectory())
              .filePath(first.completeBaseName() + u'.' + caseSuffix());
    // An existing case is imported into, not replaced: no overwrite question.
    QString path = QFileDialog::getSaveFileName(this, tr("Choose or Create the Case to Import Into"), suggestion,
        nameFilter(), nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + caseSuffix();
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    return path;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About ShimScope"),
        tr("<h3>ShimScope %1</h3>"
           "<p>Tells host processes from container processes in host execution logs, and shows the "
           "evidence for each attribution.</p>"
           "<p>License: GPL-3.0-or-later.</p>"
           "<p>Built with Qt %2, running on Qt %3.</p>")
            .arg(QStringLiteral(SHIMSCOPE_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
}

} // namespace ShimScope
