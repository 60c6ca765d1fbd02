// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "bookmarkdialog.h"
#include "bookmarksmodel.h"
#include "casefile.h"
#include "casereader.h"
#include "containerdelegate.h"
#include "containerpalette.h"
#include "containersmodel.h"
#include "csvmappingdialog.h"
#include "csvparser.h"
#include "detailspane.h"
#include "eventtablemodel.h"
#include "importsummarydialog.h"
#include "lineagechainmodel.h"
#include "settings.h"
#include "timeline.h"
#include "timelinechart.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
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
    m_treeModel = new ProcessTreeModel(this);
    m_containersModel = new ContainersModel(this);
    m_chainModel = new LineageChainModel(this);
    m_bookmarksModel = new BookmarksModel(this);
    m_history = new PivotHistory(this);
    connect(m_history, &PivotHistory::currentChanged, this, &MainWindow::showTarget);

    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
    setUpView();
    setUpTree();
    createActions();
    setUpDocks();
    createMenus();
    createStatusBar();
    m_defaultState = saveState(kStateVersion);
    applyTheme();
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
    // Double-clicking an exec pivots to the process it started.
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const qint64 eventId = index.data(EventTableModel::EventIdRole).toLongLong();
        try {
            CaseReader reader(m_casePath, CaseFile::Check::None);
            Statement s(reader.database(), "SELECT id FROM process_nodes WHERE event_id = ? UNION ALL "
                                           "SELECT node_id FROM merged_events WHERE event_id = ? LIMIT 1");
            s.bind(1, static_cast<int64_t>(eventId)).bind(2, static_cast<int64_t>(eventId));
            if (s.step())
                pivotTo(s.columnInt(0));
        } catch (const std::exception& e) {
            statusBar()->showMessage(QString::fromUtf8(e.what()), 10000);
        }
    });
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

    m_importCsvAction = new QAction(tr("Import &CSV/TSV Export…"), this);
    m_importCsvAction->setObjectName(QStringLiteral("importCsvAction"));
    m_importCsvAction->setStatusTip(tr("Import an EDR or SIEM export, choosing which columns hold what"));
    connect(m_importCsvAction, &QAction::triggered, this, &MainWindow::chooseCsvToImport);

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

    auto icon = [this](QStyle::StandardPixmap pixmap) { return style()->standardIcon(pixmap); };
    QAction* back = m_history->backAction();
    back->setIcon(icon(QStyle::SP_ArrowBack));
    QAction* forward = m_history->forwardAction();
    forward->setIcon(icon(QStyle::SP_ArrowForward));

    m_pivotAction = new QAction(tr("&Pivot Up to PID 1"), this);
    m_pivotAction->setObjectName(QStringLiteral("pivotAction"));
    m_pivotAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L)); // and Enter or a double-click in the tree
    m_pivotAction->setIcon(icon(QStyle::SP_ArrowUp));
    m_pivotAction->setToolTip(tr("Show the selected process's chain of parents up to PID 1, with the container "
                                 "boundary and entrypoint marked (Ctrl+L)"));
    connect(m_pivotAction, &QAction::triggered, this, [this] {
        if (const int64_t node = selectedNode())
            pivotTo(node);
    });

    m_containerAction = new QAction(tr("Go to &Container"), this);
    m_containerAction->setObjectName(QStringLiteral("containerAction"));
    m_containerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_containerAction->setIcon(icon(QStyle::SP_DirIcon));
    m_containerAction->setToolTip(tr("Show the container the selected process ran in: its entrypoint, exec sessions "
                                     "and every process it ran (Ctrl+Shift+L)"));
    connect(m_containerAction, &QAction::triggered, this, &MainWindow::goToSelectedContainer);

    m_bookmarkAction = new QAction(tr("&Bookmark…"), this);
    m_bookmarkAction->setObjectName(QStringLiteral("bookmarkAction"));
    m_bookmarkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_bookmarkAction->setIcon(icon(QStyle::SP_DialogApplyButton));
    m_bookmarkAction->setToolTip(tr("Bookmark the selected process with a note, tags and a colour (Ctrl+B)"));
    connect(m_bookmarkAction, &QAction::triggered, this, &MainWindow::editBookmarkOfSelection);

    m_removeBookmarkAction = new QAction(tr("&Remove Bookmark"), this);
    m_removeBookmarkAction->setObjectName(QStringLiteral("removeBookmarkAction"));
    connect(m_removeBookmarkAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_bookmarksView ? m_bookmarksView->currentIndex() : QModelIndex();
        if (current.isValid())
            m_bookmarksModel->removeBookmark(current.data(BookmarksModel::BookmarkIdRole).toLongLong());
    });

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });

    m_clearFiltersAction = new QAction(tr("C&lear Filters"), this);
    m_clearFiltersAction->setObjectName(QStringLiteral("clearFiltersAction"));
    m_clearFiltersAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(m_clearFiltersAction, &QAction::triggered, this, &MainWindow::clearFilters);

    m_resetLayoutAction = new QAction(tr("&Reset Layout"), this);
    m_resetLayoutAction->setObjectName(QStringLiteral("resetLayoutAction"));
    connect(m_resetLayoutAction, &QAction::triggered, this, &MainWindow::resetLayout);

    m_analystAction = new QAction(tr("&Analyst Name…"), this);
    m_analystAction->setObjectName(QStringLiteral("analystAction"));
    m_analystAction->setToolTip(tr("The name stored with your bookmarks"));
    connect(m_analystAction, &QAction::triggered, this, &MainWindow::chooseAnalystName);

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
    file->addAction(m_importCsvAction);
    file->addSeparator();
    file->addAction(m_closeCaseAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(m_copyAction);
    edit->addSeparator();
    edit->addAction(m_findAction);
    edit->addAction(m_clearFiltersAction);
    edit->addSeparator();
    edit->addAction(m_bookmarkAction);
    edit->addAction(m_removeBookmarkAction);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->setObjectName(QStringLiteral("goMenu"));
    go->addAction(m_history->backAction());
    go->addAction(m_history->forwardAction());
    go->addSeparator();
    go->addAction(m_pivotAction);
    go->addAction(m_containerAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    for (QDockWidget* dock : std::as_const(m_docks))
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const Settings::Theme current = Settings().theme();
    for (const auto& [choice, label] : {std::pair{Settings::Theme::System, tr("&System")},
                                        std::pair{Settings::Theme::Light, tr("&Light")},
                                        std::pair{Settings::Theme::Dark, tr("&Dark")}}) {
        QAction* action = theme->addAction(label);
        action->setCheckable(true);
        action->setChecked(choice == current);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice] {
            Settings().setTheme(choice);
            applyTheme();
        });
    }
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_resetLayoutAction);

    QMenu* settingsMenu = menuBar()->addMenu(tr("&Settings"));
    settingsMenu->setObjectName(QStringLiteral("settingsMenu"));
    settingsMenu->addAction(m_analystAction);

    QToolBar* toolbar = addToolBar(tr("Investigation"));
    toolbar->setObjectName(QStringLiteral("investigationToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_history->backAction());
    toolbar->addAction(m_history->forwardAction());
    toolbar->addSeparator();
    toolbar->addAction(m_pivotAction);
    toolbar->addAction(m_containerAction);
    toolbar->addAction(m_bookmarkAction);

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
    // No saved layout: the docks get their default sizes once the window is shown (see showEvent).
    m_needsDefaultDockSizes = !restoreState(settings.mainWindowState(), kStateVersion);
    const QByteArray header = settings.eventTableHeaderState();
    if (!header.isEmpty())
        m_view->horizontalHeader()->restoreState(header);
    const QByteArray treeHeader = settings.processTreeHeaderState();
    if (!treeHeader.isEmpty())
        m_treeView->header()->restoreState(treeHeader);
}

void MainWindow::saveSettings()
{
    Settings settings;
    settings.setMainWindowGeometry(saveGeometry());
    settings.setMainWindowState(saveState(kStateVersion));
    settings.setEventTableHeaderState(m_view->horizontalHeader()->saveState());
    settings.setProcessTreeHeaderState(m_treeView->header()->saveState());
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
    m_importCsvAction->setEnabled(canImport);
    m_closeCaseAction->setEnabled(hasCase);
    const bool treeSelection = m_treeView && m_treeView->selectionModel()->hasSelection();
    m_copyAction->setEnabled((m_view->selectionModel() && m_view->selectionModel()->hasSelection()) || treeSelection);
    if (!m_pivotAction)
        return; // still building the window
    m_pivotAction->setEnabled(hasCase && treeSelection);
    m_containerAction->setEnabled(hasCase && treeSelection);
    m_bookmarkAction->setEnabled(hasCase && treeSelection && !m_readOnly);
    m_removeBookmarkAction->setEnabled(hasCase && !m_readOnly && m_bookmarksModel->rowCount() > 0);
    m_findAction->setEnabled(hasCase);
    m_clearFiltersAction->setEnabled(hasCase && !m_filter.isEmpty());
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
    if (m_caseLoaded) {
        m_caseLabel->setText(m_caseLabel->text() + tr(" · %Ln container(s)", nullptr, m_containersModel->rowCount())
                             + tr(" · %Ln bookmark(s)", nullptr, m_bookmarksModel->rowCount()));
    }
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
    // The other views read the case once the event model's worker has checked it (onCaseLoaded); the tree and
    // the container list load in workers of their own.
    m_filter = {};
    m_searchEdit->clear();
    m_userEdit->clear();
    m_history->clear();
    m_treeModel->setReadOnly(m_readOnly); // a search index built for a read-only case stays in memory
    m_treeModel->setCase(m_casePath);
    m_containersModel->setCase(m_casePath);
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
    m_treeModel->clear();
    m_containersModel->clear();
    m_chainModel->setCase({});
    m_bookmarksModel->setCase({}, true);
    m_details->setCase({});
    m_history->clear();
    m_timeline->clear();
    ++m_timelineGeneration;
    m_filter = {};
    rebuildHostCombo();
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

bool MainWindow::importInto(const QString& casePath, const QStringList& inputs, const QList<CsvMapping>& csvMappings)
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
    ImportOptions options;
    options.csvMappings = csvMappings;
    options.csvMappingStorePath = CsvMappingStore::defaultPath(); // the mappings the user chose to remember
    m_import->watcher->setFuture(QtConcurrent::run([window, id, cancel, absolute, inputs, options] {
        ImportJob job(absolute, inputs, options);
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
        // Exports whose columns nothing recognised: offer to map them now rather than leave them unread.
        const QStringList unmapped = csvFilesNeedingMapping(report);
        if (!unmapped.isEmpty()) {
            auto* ask = new QMessageBox(QMessageBox::Question, tr("ShimScope"),
                                        tr("%n CSV/TSV file(s) were skipped because ShimScope does not know which "
                                           "columns hold the time, pid and command line.",
                                           nullptr, static_cast<int>(unmapped.size())),
                                        QMessageBox::NoButton, this);
            ask->setObjectName(QStringLiteral("csvMappingQuestion"));
            ask->setInformativeText(tr("Map the columns of %1 now?").arg(nativeName(unmapped.first())));
            ask->addButton(tr("Map Columns…"), QMessageBox::AcceptRole);
            ask->addButton(QMessageBox::Close);
            ask->setAttribute(Qt::WA_DeleteOnClose);
            const QString first = unmapped.first();
            connect(ask, &QMessageBox::accepted, this, [this, first] { importCsvWithMapping(first); });
            ask->open();
        }
    }

    if (committed) {
        Settings().addRecentCase(state->casePath);
        rebuildRecentMenu();
        if (samePath(state->casePath, m_casePath)) {
            m_model->reload();
            m_treeModel->reload();
            m_containersModel->reload();
            // Lineage is rebuilt by every import: node ids change, bookmarks re-resolve by their stable keys.
            m_chainModel->setCase(m_casePath);
            m_details->setCase(m_casePath);
            m_bookmarksModel->reload();
            m_history->clear();
            refreshTimeline();
            rebuildHostCombo();
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
    if (firstLoad && !m_casePath.isEmpty()) {
        m_chainModel->setCase(m_casePath);
        m_details->setCase(m_casePath);
        m_bookmarksModel->setCase(m_casePath, m_readOnly);
        refreshTimeline();
        rebuildHostCombo();
    }
    updateCaseLabel();
    updateActions();
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
    if (m_treeView->hasFocus() && m_treeView->selectionModel()->hasSelection()) {
        // Processes as "pid<TAB>command line<TAB>ran in", one per selected row, in tree order.
        QString text;
        QModelIndexList rows = m_treeView->selectionModel()->selectedRows();
        std::sort(rows.begin(), rows.end());
        for (const QModelIndex& row : std::as_const(rows)) {
            text += row.siblingAtColumn(ProcessTreeModel::PidColumn).data().toString() + u'\t'
                + EventTableModel::commandLine(row.data(ProcessTreeModel::ArgvRole).value<QList<QByteArray>>()) + u'\t'
                + row.siblingAtColumn(ProcessTreeModel::ContainerColumn).data().toString() + u'\n';
        }
        QApplication::clipboard()->setText(text);
        return;
    }
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

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (std::exchange(m_needsDefaultDockSizes, false)) {
        // After this event the layout has the window's real size; resizeDocks() before that is overridden.
        QMetaObject::invokeMethod(this, &MainWindow::applyDefaultDockSizes, Qt::QueuedConnection);
    }
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
        tr("Logs and bundles (*.log *.txt *.audit *.json *.jsonl *.ndjson *.xml *.csv *.tsv *.gz *.xz *.bz2 *.zst "
           "*.zip *.tar *.tgz *.txz)")
            + QStringLiteral(";;") + tr("All files (*)"));
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

void MainWindow::setUpTree()
{
    m_treeView = new QTreeView(this);
    m_treeView->setObjectName(QStringLiteral("processTree"));
    m_treeView->setModel(m_treeModel);
    m_treeView->setUniformRowHeights(true); // never asks a million rows for their size hints
    m_treeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_treeView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_treeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_treeView->setAllColumnsShowFocus(true);
    m_treeView->setExpandsOnDoubleClick(false); // double-click pivots; the arrow keys and the branch expand
    m_treeView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_treeView->setItemDelegate(new ContainerDelegate(
        {ProcessTreeModel::ColourIndexRole, ProcessTreeModel::BoundaryRole, ProcessTreeModel::PlaceholderRole,
         ProcessTreeModel::InferredLinkRole, -1, ProcessTreeModel::ContainerColumn},
        m_treeView));
    QHeaderView* header = m_treeView->header();
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    const QFontMetrics metrics(m_treeView->font());
    const int pad = metrics.averageCharWidth() * 2;
    header->resizeSection(ProcessTreeModel::ProcessColumn, metrics.averageCharWidth() * 50);
    header->resizeSection(ProcessTreeModel::PidColumn, metrics.horizontalAdvance(QStringLiteral("4194304")) + pad);
    header->resizeSection(ProcessTreeModel::UserColumn, metrics.averageCharWidth() * 10 + pad);
    header->resizeSection(ProcessTreeModel::StartColumn,
                          metrics.horizontalAdvance(QStringLiteral("2026-12-03T16:49:29.123Z")) + pad);
    header->resizeSection(ProcessTreeModel::ContainerColumn, metrics.averageCharWidth() * 24 + pad);
    connect(m_treeView, &QTreeView::activated, this,
            [this](const QModelIndex& index) { pivotTo(m_treeModel->nodeId(index)); });
    connect(m_treeView, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeContextMenu);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onTreeSelectionChanged);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_treeModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_treeModel, &ProcessTreeModel::filterApplied, this, [this](qint64 matches) {
        m_matchLabel->setText(m_filter.isEmpty() ? QString()
                                                 : tr("%Ln matching process(es), shown with their ancestors", nullptr,
                                                      static_cast<int>(std::min<qint64>(matches, INT_MAX))));
        if (!m_filter.isEmpty())
            expandFilteredTree();
        if (m_pendingSelection) {
            const int64_t node = std::exchange(m_pendingSelection, 0);
            selectNode(node);
        }
        Q_EMIT treeFilterApplied(matches);
    });
    connect(m_treeModel, &ProcessTreeModel::loadingFinished, this, [this] {
        if (m_pendingSelection) {
            const int64_t node = std::exchange(m_pendingSelection, 0);
            selectNode(node);
        }
    });

    // The filter bar: free text (debounced), scope, user, bookmarked, time range (from the timeline).
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search executables, command lines and working directories (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setMinimumWidth(metrics.averageCharWidth() * 20);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchEdit, &QLineEdit::textEdited, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchEdit, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer->stop();
        setSearchText(m_searchEdit->text());
    });
    connect(m_searchTimer, &QTimer::timeout, this, [this] { setSearchText(m_searchEdit->text()); });

    m_scopeCombo = new QComboBox(this);
    m_scopeCombo->setObjectName(QStringLiteral("scopeCombo"));
    m_scopeCombo->setToolTip(tr("Show every process, only host processes, or one container's"));
    m_scopeCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scopeCombo->setMinimumContentsLength(18);
    connect(m_scopeCombo, &QComboBox::activated, this, [this](int index) {
        const QVariant data = m_scopeCombo->itemData(index);
        if (data.toLongLong() > 0)
            setScopeContainer(data.toLongLong());
        else if (data.toLongLong() == -1)
            setScopeHostOnly();
        else
            setScopeAll();
    });

    m_hostCombo = new QComboBox(this);
    m_hostCombo->setObjectName(QStringLiteral("hostCombo"));
    m_hostCombo->setToolTip(tr("Only processes of one host"));
    m_hostCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_hostCombo->setMinimumContentsLength(12);
    m_hostCombo->hide();
    connect(m_hostCombo, &QComboBox::activated, this,
            [this](int index) { setHostFilter(m_hostCombo->itemData(index).toString()); });

    m_userEdit = new QLineEdit(this);
    m_userEdit->setObjectName(QStringLiteral("userEdit"));
    m_userEdit->setPlaceholderText(tr("User"));
    m_userEdit->setToolTip(tr("Only processes of this user name or uid"));
    m_userEdit->setClearButtonEnabled(true);
    m_userEdit->setMaximumWidth(metrics.averageCharWidth() * 16);
    connect(m_userEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_filter.user != m_userEdit->text().trimmed()) {
            m_filter.user = m_userEdit->text().trimmed();
            applyFilter();
        }
    });

    m_bookmarkedOnly = new QCheckBox(tr("Bookmarked"), this);
    m_bookmarkedOnly->setObjectName(QStringLiteral("bookmarkedOnly"));
    m_bookmarkedOnly->setToolTip(tr("Only bookmarked processes (with their ancestors)"));
    connect(m_bookmarkedOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_filter.bookmarkedOnly = on;
        applyFilter();
    });

    m_timeLabel = new QLabel(this);
    m_timeLabel->setObjectName(QStringLiteral("timeRangeLabel"));
    m_clearTimeButton = new QToolButton(this);
    m_clearTimeButton->setText(tr("All Time"));
    m_clearTimeButton->setToolTip(tr("Stop filtering by the time range chosen in the timeline"));
    m_clearTimeButton->setAutoRaise(true);
    connect(m_clearTimeButton, &QToolButton::clicked, this, &MainWindow::clearTimeRange);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 4, 4, 0);
    bar->addWidget(m_searchEdit, 3);
    bar->addWidget(m_scopeCombo, 1);
    bar->addWidget(m_hostCombo);
    bar->addWidget(m_userEdit);
    bar->addWidget(m_bookmarkedOnly);
    bar->addWidget(m_timeLabel);
    bar->addWidget(m_clearTimeButton);

    // The legend: what the row styles mean. One wrapping label, so it never widens the window; container colours
    // are in the containers list and the timeline.
    auto* legend = new QHBoxLayout;
    legend->setContentsMargins(6, 0, 4, 0);
    auto* legendLabel = new QLabel(this);
    legendLabel->setObjectName(QStringLiteral("legendLabel"));
    legendLabel->setWordWrap(true);
    legendLabel->setTextFormat(Qt::RichText);
    const QString chip = QStringLiteral("<span style=\"color:%1\">&#9632;</span>");
    legendLabel->setToolTip(tr("Rows are tinted in their container's colour, the same in every view; host processes "
                               "have no tint. Shims, runc and conmon are the container boundary: they run on the "
                               "host, their children in the container."));
    legendLabel->setText(tr("%1 host &nbsp; %2%3%4 container &nbsp; <b>bold</b> + bar: runtime boundary &nbsp; "
                            "<i>italic</i>: never seen exec'ing &nbsp; dotted: inferred link")
                             .arg(chip.arg(ContainerPalette::colour(-1).name()),
                                  chip.arg(ContainerPalette::colour(0).name()),
                                  chip.arg(ContainerPalette::colour(1).name()),
                                  chip.arg(ContainerPalette::colour(2).name())));
    legendLabel->setMinimumWidth(metrics.averageCharWidth() * 30);
    legend->addWidget(legendLabel, 1);
    m_matchLabel = new QLabel(this);
    m_matchLabel->setObjectName(QStringLiteral("matchLabel"));
    legend->addWidget(m_matchLabel);

    auto* panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("processPanel"));
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addLayout(legend);
    layout->addWidget(m_treeView, 1);
    setCentralWidget(panel);
    rebuildScopeCombo();
    updateFilterLabel();
}

QDockWidget* MainWindow::addDock(QWidget* widget, const QString& title, const QString& objectName,
                                 Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::setUpDocks()
{
    // Containers: selecting one shows only its processes; All / Host only above the list.
    auto* containersPanel = new QWidget(this);
    m_containersView = new QTableView(containersPanel);
    m_containersView->setObjectName(QStringLiteral("containersView"));
    m_containersView->setModel(m_containersModel);
    m_containersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_containersView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_containersView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_containersView->setSortingEnabled(true);
    m_containersView->verticalHeader()->hide();
    m_containersView->horizontalHeader()->setStretchLastSection(true);
    m_containersView->setItemDelegate(new ContainerDelegate(
        {ContainersModel::ColourIndexRole, -1, -1, -1, -1, ContainersModel::ColourColumn}, m_containersView));
    connect(m_containersView, &QTableView::activated, this,
            [this](const QModelIndex& index) { goToContainer(index.data(ContainersModel::ContainerRefRole).toLongLong()); });
    connect(m_containersView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid() && !m_navigating)
                    goToContainer(current.data(ContainersModel::ContainerRefRole).toLongLong());
            });
    auto* allButton = new QToolButton(containersPanel);
    allButton->setText(tr("All"));
    allButton->setObjectName(QStringLiteral("scopeAllButton"));
    allButton->setToolTip(tr("Show every process, host and containers"));
    connect(allButton, &QToolButton::clicked, this, &MainWindow::setScopeAll);
    auto* hostButton = new QToolButton(containersPanel);
    hostButton->setText(tr("Host Only"));
    hostButton->setObjectName(QStringLiteral("scopeHostButton"));
    hostButton->setToolTip(tr("Show only processes that ran on the host"));
    connect(hostButton, &QToolButton::clicked, this, &MainWindow::setScopeHostOnly);
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(allButton);
    buttons->addWidget(hostButton);
    buttons->addStretch();
    auto* containersLayout = new QVBoxLayout(containersPanel);
    containersLayout->setContentsMargins(0, 0, 0, 0);
    containersLayout->addLayout(buttons);
    containersLayout->addWidget(m_containersView);
    addDock(containersPanel, tr("Containers"), QStringLiteral("containersDock"), Qt::LeftDockWidgetArea);

    m_details = new DetailsPane(this);
    connect(m_details, &DetailsPane::nodeActivated, this, &MainWindow::pivotTo);
    connect(m_details, &DetailsPane::containerActivated, this, &MainWindow::goToContainer);
    QDockWidget* details = addDock(m_details, tr("Details"), QStringLiteral("detailsDock"), Qt::RightDockWidgetArea);

    // The pivot: the chain of the last pivoted process.
    auto* chainPanel = new QWidget(this);
    m_chainLabel = new QLabel(tr("Select a process and press Enter or Ctrl+L to see its chain up to PID 1."),
                              chainPanel);
    m_chainLabel->setObjectName(QStringLiteral("chainLabel"));
    m_chainLabel->setWordWrap(true);
    m_chainView = new QTableView(chainPanel);
    m_chainView->setObjectName(QStringLiteral("chainView"));
    m_chainView->setModel(m_chainModel);
    m_chainView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_chainView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chainView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_chainView->verticalHeader()->hide();
    m_chainView->setShowGrid(false);
    m_chainView->horizontalHeader()->setStretchLastSection(true);
    m_chainView->setWordWrap(false);
    m_chainView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_chainView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_chainView->setItemDelegate(new ContainerDelegate(
        {LineageChainModel::ColourIndexRole, LineageChainModel::BoundaryRole, -1, LineageChainModel::InferredLinkRole,
         LineageChainModel::EntrypointRole, -1},
        m_chainView));
    connect(m_chainView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_details->showNode(current.data(LineageChainModel::NodeIdRole).toLongLong());
            });
    connect(m_chainView, &QTableView::activated, this, [this](const QModelIndex& index) {
        pivotTo(index.data(LineageChainModel::NodeIdRole).toLongLong());
    });
    auto* chainLayout = new QVBoxLayout(chainPanel);
    chainLayout->setContentsMargins(2, 2, 2, 2);
    chainLayout->addWidget(m_chainLabel);
    chainLayout->addWidget(m_chainView, 1);
    QDockWidget* lineage = addDock(chainPanel, tr("Lineage (Pivot)"), QStringLiteral("lineageDock"),
                                   Qt::RightDockWidgetArea);
    splitDockWidget(details, lineage, Qt::Vertical);

    m_bookmarksView = new QTableView(this);
    m_bookmarksView->setObjectName(QStringLiteral("bookmarksView"));
    m_bookmarksView->setModel(m_bookmarksModel);
    m_bookmarksView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_bookmarksView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_bookmarksView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_bookmarksView->verticalHeader()->hide();
    m_bookmarksView->horizontalHeader()->setStretchLastSection(true);
    {
        const int character = fontMetrics().averageCharWidth();
        QHeaderView* header = m_bookmarksView->horizontalHeader();
        header->resizeSection(BookmarksModel::ColourColumn, character * 4);
        header->resizeSection(BookmarksModel::ProcessColumn, character * 28);
        header->resizeSection(BookmarksModel::ContainerColumn, character * 16);
        header->resizeSection(BookmarksModel::NoteColumn, character * 48);
        header->resizeSection(BookmarksModel::TagsColumn, character * 20);
    }
    m_bookmarksView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_bookmarksView->addAction(m_removeBookmarkAction);
    m_bookmarksView->setItemDelegate(new ContainerDelegate(
        {BookmarksModel::ColourIndexRole, -1, -1, -1, -1, BookmarksModel::ContainerColumn}, m_bookmarksView));
    connect(m_bookmarksView, &QTableView::activated, this, [this](const QModelIndex& index) {
        const qint64 node = index.data(BookmarksModel::NodeIdRole).toLongLong();
        if (node > 0)
            pivotTo(node);
        else
            statusBar()->showMessage(tr("This bookmark's process is not in the case (it came from another case)."),
                                     10000);
    });
    connect(m_bookmarksModel, &BookmarksModel::bookmarksChanged, this, [this] {
        m_treeModel->setBookmarkedNodes(m_bookmarksModel->bookmarkedNodeIds());
        updateCaseLabel();
        updateActions();
    });
    QDockWidget* bookmarks = addDock(m_bookmarksView, tr("Bookmarks"), QStringLiteral("bookmarksDock"),
                                     Qt::BottomDockWidgetArea);

    m_timeline = new TimelineChart(this);
    connect(m_timeline, &TimelineChart::rangeSelected, this, &MainWindow::setTimeRange);
    connect(m_timeline, &TimelineChart::rangeCleared, this, &MainWindow::clearTimeRange);
    QDockWidget* timeline = addDock(m_timeline, tr("Timeline"), QStringLiteral("timelineDock"),
                                    Qt::BottomDockWidgetArea);

    QDockWidget* events = addDock(m_view, tr("Exec Events"), QStringLiteral("eventsDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(timeline, events);
    tabifyDockWidget(timeline, bookmarks);
    timeline->raise();
    connect(m_containersModel, &ContainersModel::loadingFinished, this, [this] {
        rebuildScopeCombo();
        m_containersView->resizeColumnsToContents();
        updateCaseLabel();
    });
}

int64_t MainWindow::selectedNode() const
{
    const QModelIndex current = m_treeView->selectionModel()->currentIndex();
    if (current.isValid() && m_treeView->selectionModel()->isRowSelected(current.row(), current.parent()))
        return m_treeModel->nodeId(current);
    const QModelIndexList rows = m_treeView->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_treeModel->nodeId(rows.first());
}

void MainWindow::onTreeSelectionChanged()
{
    const QModelIndex current = m_treeView->selectionModel()->currentIndex();
    m_details->showNode(current.isValid() ? m_treeModel->nodeId(current) : 0);
    updateActions();
}

bool MainWindow::selectNode(qint64 nodeId)
{
    if (nodeId <= 0 || m_casePath.isEmpty())
        return false;
    QModelIndex index = m_treeModel->indexForNode(nodeId);
    if (!index.isValid() && !m_filter.isEmpty()) {
        // Hidden by a filter: show everything again, then select it once the tree has the new rows.
        m_pendingSelection = nodeId;
        clearFilters();
        statusBar()->showMessage(tr("Filters cleared to show the process."), 5000);
        return true;
    }
    if (!index.isValid())
        return false;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_treeView->expand(parent);
    m_treeView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_treeView->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_details->showNode(nodeId);
    return true;
}

void MainWindow::pivotTo(qint64 nodeId)
{
    if (nodeId <= 0 || m_casePath.isEmpty())
        return;
    if (!m_chainModel->setNode(nodeId))
        return;
    const QList<NodeRow>& chain = m_chainModel->chain();
    const NodeRow& target = chain.last();
    const QString label = tr("pid %1 %2").arg(target.pid).arg(processDisplayName(target));
    if (!m_navigating) {
        // visit() announces the new current entry; showTarget() must not pivot a second time.
        const bool wasNavigating = std::exchange(m_navigating, true);
        m_history->visit({PivotTarget::Process, nodeId, label});
        m_navigating = wasNavigating;
    }

    const int boundary = m_chainModel->boundaryRow();
    if (target.location == QLatin1String("container")) {
        m_chainLabel->setText(tr("%1 ran in container %2 (%3). Its boundary is %4.")
                                  .arg(label.toHtmlEscaped(),
                                       (target.containerName.isEmpty() ? target.containerId.left(12)
                                                                       : target.containerName)
                                           .toHtmlEscaped(),
                                       target.confidence.toHtmlEscaped(),
                                       boundary >= 0 ? tr("pid %1 (%2)").arg(chain.at(boundary).pid).arg(
                                                           chain.at(boundary).role.toHtmlEscaped())
                                                     : tr("not in the logs")));
    } else {
        m_chainLabel->setText(tr("%1 ran %2; no container runtime among its ancestors.")
                                  .arg(label.toHtmlEscaped(), target.location == QLatin1String("host")
                                                                  ? tr("on the host")
                                                                  : tr("somewhere unknown")));
    }
    m_chainView->resizeColumnsToContents();
    const QModelIndex last = m_chainModel->index(m_chainModel->rowCount() - 1, 0);
    m_chainView->selectionModel()->setCurrentIndex(last, QItemSelectionModel::ClearAndSelect
                                                             | QItemSelectionModel::Rows);
    if (QDockWidget* dock = findChild<QDockWidget*>(QStringLiteral("lineageDock"))) {
        dock->show();
        dock->raise();
    }
    selectNode(nodeId);
    Q_EMIT pivoted(nodeId);
}

void MainWindow::goToContainer(qint64 containerRef)
{
    if (containerRef <= 0 || m_casePath.isEmpty())
        return;
    QString label;
    int64_t entrypoint = 0;
    for (int row = 0; row < m_containersModel->rowCount(); ++row) {
        const QModelIndex index = m_containersModel->index(row, ContainersModel::ShortIdColumn);
        if (index.data(ContainersModel::ContainerRefRole).toLongLong() != containerRef)
            continue;
        label = index.data(ContainersModel::NameRole).toString();
        if (label.isEmpty())
            label = index.data(ContainersModel::ShortIdRole).toString();
        entrypoint = index.data(ContainersModel::EntrypointNodeRole).toLongLong();
        const bool wasNavigating = std::exchange(m_navigating, true);
        m_containersView->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_containersView->scrollTo(index);
        m_navigating = wasNavigating;
    }
    if (!m_navigating) {
        const bool wasNavigating = std::exchange(m_navigating, true);
        m_history->visit({PivotTarget::Container, containerRef, tr("container %1").arg(label)});
        m_navigating = wasNavigating;
    }
    setScopeContainer(containerRef);
    if (entrypoint > 0) {
        // Show the entrypoint once the tree holds only this container's lineage.
        m_pendingSelection = entrypoint;
        m_details->showNode(entrypoint);
    }
    statusBar()->showMessage(tr("Container %1: its entrypoint, exec sessions and every process it ran.").arg(label),
                             10000);
}

void MainWindow::goToSelectedContainer()
{
    const QModelIndex current = m_treeView->selectionModel()->currentIndex();
    const qint64 ref = current.data(ProcessTreeModel::ContainerRefRole).toLongLong();
    if (ref > 0)
        goToContainer(ref);
    else
        statusBar()->showMessage(tr("The selected process did not run in a container."), 5000);
}

void MainWindow::showTarget(const PivotTarget& target)
{
    if (m_navigating || target.id == 0)
        return; // a visit being recorded, or the history was cleared
    const bool wasNavigating = std::exchange(m_navigating, true);
    if (target.kind == PivotTarget::Process)
        pivotTo(target.id);
    else
        goToContainer(target.id);
    m_navigating = wasNavigating;
}

void MainWindow::expandFilteredTree()
{
    // A filtered tree shows matches with their ancestors: open the branches so the matches are on screen. Bounded,
    // so a broad filter (a whole container of a large case) opens only its first rows.
    constexpr int kMaxRows = 4000;
    int visited = 0;
    QModelIndex firstMatch;
    std::vector<QModelIndex> pending{QModelIndex()};
    while (!pending.empty() && visited < kMaxRows) {
        const QModelIndex parent = pending.back();
        pending.pop_back();
        if (m_treeModel->canFetchMore(parent))
            m_treeModel->fetchMore(parent);
        const int rows = m_treeModel->rowCount(parent);
        for (int row = rows - 1; row >= 0 && visited < kMaxRows; --row, ++visited) {
            const QModelIndex index = m_treeModel->index(row, 0, parent);
            if (index.data(ProcessTreeModel::MatchRole).toBool()
                && (!firstMatch.isValid() || index.data(ProcessTreeModel::TimeNsRole).toLongLong()
                                                 < firstMatch.data(ProcessTreeModel::TimeNsRole).toLongLong()))
                firstMatch = index;
            if (m_treeModel->hasChildren(index)) {
                m_treeView->expand(index);
                pending.push_back(index);
            }
        }
    }
    if (firstMatch.isValid() && !m_pendingSelection) {
        m_treeView->selectionModel()->setCurrentIndex(firstMatch, QItemSelectionModel::ClearAndSelect
                                                                      | QItemSelectionModel::Rows);
        m_treeView->scrollTo(firstMatch);
    }
}

void MainWindow::applyFilter()
{
    if (m_casePath.isEmpty())
        return;
    m_treeModel->setFilter(m_filter);
    updateFilterLabel();
    updateActions();
}

void MainWindow::setSearchText(const QString& text)
{
    if (m_searchEdit->text() != text)
        m_searchEdit->setText(text);
    if (m_filter.text == text.trimmed())
        return;
    m_filter.text = text.trimmed();
    applyFilter();
}

void MainWindow::setScopeAll()
{
    m_filter.hostOnly = false;
    m_filter.containerRef = 0;
    m_containersView->clearSelection();
    applyFilter();
}

void MainWindow::setScopeHostOnly()
{
    m_filter.hostOnly = true;
    m_filter.containerRef = 0;
    m_containersView->clearSelection();
    applyFilter();
}

void MainWindow::setScopeContainer(qint64 containerRef)
{
    m_filter.hostOnly = false;
    m_filter.containerRef = containerRef;
    applyFilter();
}

void MainWindow::setHostFilter(const QString& host)
{
    if (m_filter.host == host)
        return;
    m_filter.host = host;
    const int index = m_hostCombo->findData(host);
    m_hostCombo->setCurrentIndex(std::max(index, 0));
    applyFilter();
}

void MainWindow::rebuildHostCombo()
{
    m_hostCombo->clear();
    m_hostCombo->addItem(tr("All hosts"), QString());
    QStringList hosts;
    if (!m_casePath.isEmpty()) {
        try {
            CaseReader reader(m_casePath, CaseFile::Check::None);
            Statement s(reader.database(), "SELECT name FROM hosts ORDER BY name");
            while (s.step())
                hosts.append(s.columnText(0));
        } catch (const std::exception&) {
            hosts.clear();
        }
    }
    for (const QString& host : std::as_const(hosts))
        m_hostCombo->addItem(EventTableModel::displayText(host.toUtf8()), host);
    m_hostCombo->setVisible(hosts.size() > 1);
    m_hostCombo->setCurrentIndex(std::max(m_hostCombo->findData(m_filter.host), 0));
}

void MainWindow::setTimeRange(qint64 fromNs, qint64 toNs)
{
    m_filter.fromNs = fromNs;
    m_filter.toNs = toNs;
    applyFilter();
}

void MainWindow::clearTimeRange()
{
    if (!m_filter.fromNs && !m_filter.toNs)
        return;
    m_filter.fromNs.reset();
    m_filter.toNs.reset();
    if (m_timeline->selectedRange())
        m_timeline->resetZoom(); // emits rangeCleared, which comes back here with nothing left to clear
    applyFilter();
}

void MainWindow::clearFilters()
{
    m_filter = {};
    m_searchEdit->clear();
    m_userEdit->clear();
    m_hostCombo->setCurrentIndex(0);
    const QSignalBlocker blocker(m_bookmarkedOnly);
    m_bookmarkedOnly->setChecked(false);
    m_containersView->clearSelection();
    if (m_timeline->selectedRange())
        m_timeline->resetZoom();
    m_filter = {};
    applyFilter();
}

void MainWindow::updateFilterLabel()
{
    if (m_filter.fromNs && m_filter.toNs) {
        m_timeLabel->setText(tr("%1 … %2").arg(formatTimestamp(*m_filter.fromNs), formatTimestamp(*m_filter.toNs)));
        m_clearTimeButton->show();
    } else {
        m_timeLabel->clear();
        m_clearTimeButton->hide();
    }
    int index = 0;
    if (m_filter.hostOnly)
        index = m_scopeCombo->findData(QVariant::fromValue<qint64>(-1));
    else if (m_filter.containerRef > 0)
        index = m_scopeCombo->findData(QVariant::fromValue<qint64>(m_filter.containerRef));
    m_scopeCombo->setCurrentIndex(std::max(index, 0));
}

void MainWindow::rebuildScopeCombo()
{
    m_scopeCombo->clear();
    m_scopeCombo->addItem(tr("All processes"), QVariant::fromValue<qint64>(0));
    m_scopeCombo->addItem(ContainerPalette::chip(-1), tr("Host only"), QVariant::fromValue<qint64>(-1));
    for (int row = 0; row < m_containersModel->rowCount(); ++row) {
        const QModelIndex index = m_containersModel->index(row, 0);
        QString name = index.data(ContainersModel::NameRole).toString();
        const QString shortId = index.data(ContainersModel::ShortIdRole).toString();
        name = name.isEmpty() ? shortId : QStringLiteral("%1 (%2)").arg(name, shortId);
        m_scopeCombo->addItem(ContainerPalette::chip(index.data(ContainersModel::ColourIndexRole).toInt()),
                              tr("Container %1").arg(name),
                              QVariant::fromValue<qint64>(index.data(ContainersModel::ContainerRefRole).toLongLong()));
    }
    updateFilterLabel();
}

void MainWindow::refreshTimeline()
{
    const quint64 generation = ++m_timelineGeneration;
    if (m_casePath.isEmpty()) {
        m_timeline->clear();
        return;
    }
    // One grouped query over every node: on a worker, the chart gets the result by a queued call.
    const QString path = m_casePath;
    QPointer<MainWindow> window(this);
    auto* watcher = new QFutureWatcher<Timeline>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_timelineGeneration)
            m_timeline->setTimeline(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([path] {
        try {
            CaseReader reader(path, CaseFile::Check::None);
            return computeTimeline(reader.database(), std::nullopt, std::nullopt, 200);
        } catch (const std::exception&) {
            return Timeline{};
        }
    }));
}

bool MainWindow::bookmarkNode(qint64 nodeId, const QString& note, const QStringList& tags, const QString& colour)
{
    if (m_casePath.isEmpty() || m_readOnly || nodeId <= 0)
        return false;
    return m_bookmarksModel->setBookmark(nodeId, note, tags, colour, Settings().analystName());
}

void MainWindow::editBookmarkOfSelection()
{
    const int64_t node = selectedNode();
    if (!node)
        return;
    if (m_readOnly) {
        statusBar()->showMessage(tr("The case is open read-only: bookmarks cannot be changed."), 10000);
        return;
    }
    const QModelIndex current = m_treeView->selectionModel()->currentIndex();
    const QString process = current.siblingAtColumn(ProcessTreeModel::ProcessColumn).data().toString();
    auto* dialog = new BookmarkDialog(tr("pid %1: %2").arg(current.data(ProcessTreeModel::PidRole).toLongLong()).arg(process),
                                      Settings().analystName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // An existing bookmark is edited: the bookmarks model already holds it.
    if (const int row = m_bookmarksModel->rowOfNode(node); row >= 0) {
        const QModelIndex existing = m_bookmarksModel->index(row, 0);
        dialog->setNote(existing.data(BookmarksModel::NoteRole).toString());
        dialog->setTags(existing.data(BookmarksModel::TagsRole).toStringList());
        dialog->setColour(existing.data(BookmarksModel::ColourRole).toString());
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog, node] {
        if (!bookmarkNode(node, dialog->note(), dialog->tags(), dialog->colour()))
            showError(tr("Could not save the bookmark."), tr("The case file could not be written."));
    });
    dialog->open();
}

void MainWindow::showTreeContextMenu(const QPoint& position)
{
    const QModelIndex index = m_treeView->indexAt(position);
    if (!index.isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_pivotAction);
    menu.addAction(m_containerAction);
    menu.addSeparator();
    menu.addAction(m_bookmarkAction);
    menu.addAction(m_copyAction);
    menu.addSeparator();
    QAction* expand = menu.addAction(tr("Expand All Below"));
    connect(expand, &QAction::triggered, this, [this, index] { m_treeView->expandRecursively(index, 8); });
    menu.exec(m_treeView->viewport()->mapToGlobal(position));
}

QStringList MainWindow::csvFilesNeedingMapping(const ImportReport& report) const
{
    QStringList files;
    for (const FileReport& file : report.files) {
        if (file.status != QLatin1String("skipped"))
            continue;
        // Only files on disk: an entry inside an archive cannot be re-read on its own.
        const QFileInfo input(file.input);
        const QString path = input.isDir() ? QDir(file.input).filePath(file.path) : file.input;
        if (!QFileInfo(path).isFile() || files.contains(path))
            continue;
        QString error;
        const std::optional<CsvFileInfo> info = inspectCsvFile(path, {}, CsvMappingStore::defaultPath(), &error);
        if (info && info->claimedBy == QLatin1String("csv") && info->choice.origin == CsvMappingOrigin::None)
            files.append(path);
    }
    return files;
}

void MainWindow::chooseCsvToImport()
{
    Settings settings;
    const QString file = QFileDialog::getOpenFileName(this, tr("Import CSV/TSV Export"), settings.lastDirectory(),
        tr("Delimited text (*.csv *.tsv *.txt *.gz)") + QStringLiteral(";;") + tr("All files (*)"));
    if (file.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(file).absolutePath());
    importCsvWithMapping(file);
}

void MainWindow::importCsvWithMapping(const QString& path)
{
    QString error;
    const std::optional<CsvFileInfo> info = inspectCsvFile(path, {}, CsvMappingStore::defaultPath(), &error);
    const CsvMapping initial = info ? info->choice.mapping : CsvMapping();
    auto* dialog = new CsvMappingDialog(path, initial, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, path] {
        const CsvMapping mapping = dialog->mapping();
        if (dialog->remember()) {
            QString why;
            if (!CsvMappingStore(CsvMappingStore::defaultPath()).remember(dialog->header(), mapping, &why))
                showError(tr("Could not remember the column mapping."), why);
        }
        if (!m_casePath.isEmpty() && !m_readOnly)
            importInto(m_casePath, {path}, {mapping});
        else if (const QString casePath = m_caseChooser ? m_caseChooser({path}) : chooseCaseForImport({path});
                 !casePath.isEmpty())
            importInto(casePath, {path}, {mapping});
    });
    dialog->open();
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState, kStateVersion);
    for (QDockWidget* dock : std::as_const(m_docks))
        dock->show();
    if (QDockWidget* timeline = findChild<QDockWidget*>(QStringLiteral("timelineDock")))
        timeline->raise();
    applyDefaultDockSizes();
}

void MainWindow::applyDefaultDockSizes()
{
    // From the font, not pixels: the container list shows colour, id and name; the details a command line.
    const int character = fontMetrics().averageCharWidth();
    const int line = fontMetrics().height();
    auto dock = [this](const char* name) { return findChild<QDockWidget*>(QLatin1String(name)); };
    resizeDocks({dock("containersDock"), dock("detailsDock")}, {character * 40, character * 58}, Qt::Horizontal);
    resizeDocks({dock("timelineDock"), dock("detailsDock")}, {line * 15, line * 30}, Qt::Vertical);
}

void MainWindow::chooseAnalystName()
{
    Settings settings;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Analyst Name"),
                                               tr("Your name, stored with each bookmark you make:"), QLineEdit::Normal,
                                               settings.analystName(), &ok);
    if (ok)
        settings.setAnalystName(name);
}

void MainWindow::applyTheme()
{
    static const QString systemStyle = QApplication::style()->name();
    static const QPalette systemPalette = QApplication::palette();
    switch (Settings().theme()) {
    case Settings::Theme::System:
        QApplication::setStyle(QStyleFactory::create(systemStyle));
        QApplication::setPalette(systemPalette);
        break;
    case Settings::Theme::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Settings::Theme::Dark: {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette dark;
        const QColor window(45, 45, 48), base(30, 30, 32), text(225, 225, 225), disabled(130, 130, 130);
        dark.setColor(QPalette::Window, window);
        dark.setColor(QPalette::WindowText, text);
        dark.setColor(QPalette::Base, base);
        dark.setColor(QPalette::AlternateBase, window);
        dark.setColor(QPalette::ToolTipBase, base);
        dark.setColor(QPalette::ToolTipText, text);
        dark.setColor(QPalette::PlaceholderText, disabled);
        dark.setColor(QPalette::Text, text);
        dark.setColor(QPalette::Button, window);
        dark.setColor(QPalette::ButtonText, text);
        dark.setColor(QPalette::BrightText, Qt::red);
        dark.setColor(QPalette::Link, QColor(110, 170, 255));
        dark.setColor(QPalette::LinkVisited, QColor(170, 140, 255));
        dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
        dark.setColor(QPalette::HighlightedText, Qt::black);
        dark.setColor(QPalette::Disabled, QPalette::Text, disabled);
        dark.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
        QApplication::setPalette(dark);
        break;
    }
    }
}

} // namespace ShimScope
