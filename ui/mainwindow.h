// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importjob.h"
#include "pivothistory.h"
#include "processtreemodel.h"

#include <QMainWindow>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;
class QToolButton;
class QTreeView;
template <typename T> class QFutureWatcher;

namespace ShimScope
{

class BookmarksModel;
class ContainersModel;
class DetailsPane;
class EventTableModel;
class ImportSummaryDialog;
class LineageChainModel;
class TimelineChart;

/**
 * The main window: one case at a time. The process tree (lineage coloured by container) is the centre, with a
 * search and filter bar above it; docks hold the containers, the details of the selected process, the bottom-up
 * lineage of the last pivot, bookmarks, the timeline chart and the raw exec events. Imports run in the background.
 *
 * Every user action ends in a public slot (openCase, importInto, pivotTo, goToContainer, bookmarkNode, ...) so
 * tests and the command line drive the same code as the menus. Dialogs shown by those slots are non-blocking.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// Passed to saveState()/restoreState(); bump when docks or toolbars change incompatibly.
    static constexpr int kStateVersion = 2;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    QString casePath() const { return m_casePath; }
    bool isReadOnly() const { return m_readOnly; }
    bool isImporting() const;
    EventTableModel* eventModel() const { return m_model; }
    QTableView* eventView() const { return m_view; }
    ProcessTreeModel* treeModel() const { return m_treeModel; }
    QTreeView* treeView() const { return m_treeView; }
    ContainersModel* containersModel() const { return m_containersModel; }
    QTableView* containersView() const { return m_containersView; }
    LineageChainModel* chainModel() const { return m_chainModel; }
    BookmarksModel* bookmarksModel() const { return m_bookmarksModel; }
    DetailsPane* detailsPane() const { return m_details; }
    TimelineChart* timelineChart() const { return m_timeline; }
    PivotHistory* pivotHistory() const { return m_history; }
    /// The node selected in the process tree, or 0.
    int64_t selectedNode() const;
    /// The report of the last import that finished (default-constructed before any).
    const ImportReport& lastImportReport() const { return m_lastReport; }
    /// The selected rows as tab-separated text, one line per row (what Ctrl+C copies).
    QString selectedRowsAsText() const;

    /// Asks where to create (or which case to import into) when files arrive with no case open; returns an empty
    /// path when the user declines. The default shows a file dialog; tests and scripts set their own.
    using CaseChooser = std::function<QString(const QStringList& inputs)>;
    void setCaseChooser(CaseChooser chooser);

public Q_SLOTS:
    /// Shows the case at path. Loading runs in the background; failures are shown in a message box naming the file.
    /// A case that is not writable opens read-only.
    void openCase(const QString& path, bool readOnly = false);
    void closeCase();
    /// Creates an empty case at path (replacing any file there) and opens it. Returns false and tells the user why
    /// when it cannot.
    bool createCase(const QString& path);
    /// Imports files and folders into the open case, or, with no case open, into a new case the user chooses.
    void importFiles(const QStringList& inputs);
    /// Imports files and folders into the case at casePath (created if it does not exist) in the background.
    /// Returns false when it cannot start (an import is running, the case is open read-only, no inputs).
    bool importInto(const QString& casePath, const QStringList& inputs, const QList<CsvMapping>& csvMappings = {});
    /// Asks for a CSV/TSV export's column mapping (remembered if the user wants), then imports it with it.
    void importCsvWithMapping(const QString& path);
    void cancelImport();
    /// Opens dropped or command-line paths: a case file is opened, other paths are imported (into that case if one
    /// was given, else into the open case, else into a new case the user chooses).
    void openPaths(const QStringList& paths, bool readOnly = false);
    void copySelection();

    /// Bottom-up pivot: the node's chain up to PID 1 in the lineage dock (boundary and entrypoint marked), the node
    /// selected in the tree and shown in the details. Recorded in the back/forward history.
    void pivotTo(qint64 nodeId);
    /// Shows one container: the tree filtered to it, its row in the container list, its entrypoint in the details.
    void goToContainer(qint64 containerRef);
    /// The container of the selected process (or its entrypoint when it is one).
    void goToSelectedContainer();
    /// Selects a node in the tree (clearing filters that hide it) and shows its details, without a history entry.
    bool selectNode(qint64 nodeId);
    /// Tree filters. Each keeps the others.
    void setSearchText(const QString& text);
    void setScopeAll();
    void setScopeHostOnly();
    void setScopeContainer(qint64 containerRef);
    /// Only processes of this host (empty: every host).
    void setHostFilter(const QString& host);
    void setTimeRange(qint64 fromNs, qint64 toNs);
    void clearTimeRange();
    void clearFilters();
    /// Bookmarks a node without asking (the dialog's result); false in read-only cases.
    bool bookmarkNode(qint64 nodeId, const QString& note, const QStringList& tags = {}, const QString& colour = {});
    /// Opens the bookmark dialog for the selected process (Ctrl+B).
    void editBookmarkOfSelection();
    void resetLayout();
Q_SIGNALS:
    /// The case at path is shown (its event ids are loaded).
    void caseOpened(const QString& path);
    void caseClosed();
    /// The process tree applied a filter: matches processes match it.
    void treeFilterApplied(qint64 matches);
    /// A pivot is shown (its chain is in the lineage dock).
    void pivoted(qint64 nodeId);
    void importStarted(const QString& casePath);
    /// An import ended; committed is false when it was cancelled or failed (the case is then unchanged).
    void importFinished(bool committed);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct ImportState;

    void createActions();
    void createMenus();
    void createStatusBar();
    void setUpView();
    void setUpTree();
    void setUpDocks();
    QDockWidget* addDock(QWidget* widget, const QString& title, const QString& objectName, Qt::DockWidgetArea area);
    void applyFilter();
    void expandFilteredTree();
    void showTarget(const PivotTarget& target);
    void onTreeSelectionChanged();
    void refreshTimeline();
    void updateFilterLabel();
    void rebuildScopeCombo();
    void rebuildHostCombo();
    void applyTheme();
    void applyDefaultDockSizes();
    void chooseAnalystName();
    void showTreeContextMenu(const QPoint& position);
    void chooseCsvToImport();
    /// Delimited files an import skipped because no column mapping fits them (offered for mapping).
    QStringList csvFilesNeedingMapping(const ImportReport& report) const;
    void restoreSettings();
    void saveSettings();
    void updateTitle();
    void updateActions();
    void updateCaseLabel();
    void rebuildRecentMenu();
    /// A non-blocking warning: text names the file, explanation says why, details holds the technical message.
    void showError(const QString& text, const QString& explanation, const QString& details = {});

    void chooseNewCase();
    void chooseCaseToOpen(bool readOnly);
    void chooseFilesToImport();
    void chooseFolderToImport();
    QString chooseCaseForImport(const QStringList& inputs);
    void showAbout();

    void onCaseLoaded(int rows);
    void onCaseLoadFailed(QString path, QString error, QString details);
    void onImportProgress(quint64 importId, qint64 done, qint64 total, const QString& status);
    void onImportDone();

    EventTableModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    ProcessTreeModel* m_treeModel = nullptr;
    QTreeView* m_treeView = nullptr;
    ContainersModel* m_containersModel = nullptr;
    QTableView* m_containersView = nullptr;
    LineageChainModel* m_chainModel = nullptr;
    QTableView* m_chainView = nullptr;
    QLabel* m_chainLabel = nullptr;
    BookmarksModel* m_bookmarksModel = nullptr;
    QTableView* m_bookmarksView = nullptr;
    DetailsPane* m_details = nullptr;
    TimelineChart* m_timeline = nullptr;
    PivotHistory* m_history = nullptr;
    bool m_navigating = false; ///< showing a history entry: do not record it again
    int64_t m_pendingSelection = 0; ///< a node to select once the tree's filter has been applied
    quint64 m_timelineGeneration = 0;

    ProcessTreeModel::Filter m_filter;
    QLineEdit* m_searchEdit = nullptr;
    QComboBox* m_scopeCombo = nullptr;
    QComboBox* m_hostCombo = nullptr; ///< shown when the case holds more than one host
    QLineEdit* m_userEdit = nullptr;
    QCheckBox* m_bookmarkedOnly = nullptr;
    QLabel* m_timeLabel = nullptr;
    QToolButton* m_clearTimeButton = nullptr;
    QLabel* m_matchLabel = nullptr;
    QTimer* m_searchTimer = nullptr;
    QByteArray m_defaultState; ///< the dock layout before any saved state, for Reset Layout
    bool m_needsDefaultDockSizes = false;
    QList<QDockWidget*> m_docks;

    QString m_casePath;
    bool m_readOnly = false;
    bool m_caseLoaded = false; ///< false between openCase() and the model's first loadingFinished

    std::unique_ptr<ImportState> m_import;
    quint64 m_importCounter = 0;
    ImportReport m_lastReport;
    QPointer<ImportSummaryDialog> m_summaryDialog;
    CaseChooser m_caseChooser;

    QAction* m_newCaseAction = nullptr;
    QAction* m_openCaseAction = nullptr;
    QAction* m_openReadOnlyAction = nullptr;
    QAction* m_importFilesAction = nullptr;
    QAction* m_importFolderAction = nullptr;
    QAction* m_importCsvAction = nullptr;
    QAction* m_closeCaseAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_copyAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_pivotAction = nullptr;
    QAction* m_containerAction = nullptr;
    QAction* m_bookmarkAction = nullptr;
    QAction* m_removeBookmarkAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_clearFiltersAction = nullptr;
    QAction* m_resetLayoutAction = nullptr;
    QAction* m_analystAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;

    QLabel* m_caseLabel = nullptr;
    QLabel* m_importLabel = nullptr;
    QProgressBar* m_importProgress = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace ShimScope
