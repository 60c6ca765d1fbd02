// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importjob.h"

#include <QMainWindow>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;
template <typename T> class QFutureWatcher;

namespace ShimScope
{

class EventTableModel;
class ImportSummaryDialog;

/**
 * The main window: one case at a time, its exec events in a table, imports in the background.
 *
 * Every user action ends in a public slot taking paths (openCase, importFiles, importInto, ...) so tests and the
 * command line drive the same code as the menus. Dialogs shown by those slots are non-blocking (open()).
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// Passed to saveState()/restoreState(); bump when docks or toolbars change incompatibly.
    static constexpr int kStateVersion = 1;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    QString casePath() const { return m_casePath; }
    bool isReadOnly() const { return m_readOnly; }
    bool isImporting() const;
    EventTableModel* eventModel() const { return m_model; }
    QTableView* eventView() const { return m_view; }
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
    bool importInto(const QString& casePath, const QStringList& inputs);
    void cancelImport();
    /// Opens dropped or command-line paths: a case file is opened, other paths are imported (into that case if one
    /// was given, else into the open case, else into a new case the user chooses).
    void openPaths(const QStringList& paths, bool readOnly = false);
    void copySelection();

Q_SIGNALS:
    /// The case at path is shown (its event ids are loaded).
    void caseOpened(const QString& path);
    void caseClosed();
    void importStarted(const QString& casePath);
    /// An import ended; committed is false when it was cancelled or failed (the case is then unchanged).
    void importFinished(bool committed);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct ImportState;

    void createActions();
    void createMenus();
    void createStatusBar();
    void setUpView();
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
    QAction* m_closeCaseAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_copyAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;

    QLabel* m_caseLabel = nullptr;
    QLabel* m_importLabel = nullptr;
    QProgressBar* m_importProgress = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace ShimScope
