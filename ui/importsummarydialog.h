// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importjob.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace ShimScope
{

/**
 * What an import did, file by file: format, status, events, skipped records, lost events, the first errors with
 * their line numbers, and the SHA-256 recorded as provenance. Non-blocking: show it with open() or show().
 */
class ImportSummaryDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column
    {
        FileColumn,
        InputColumn,
        FormatColumn,
        StatusColumn,
        EventsColumn,
        SkippedColumn,
        LostColumn,
        ErrorsColumn,
        Sha256Column,
        ColumnCount
    };

    ImportSummaryDialog(const ImportReport& report, const QString& casePath, QWidget* parent = nullptr);

    /// One line of text for the outcome ("Imported 6 events from 2 files …").
    QString summaryText() const;
    /// The table as tab-separated text with a header line (what "Copy" puts on the clipboard).
    QString tableText() const;
    QTableWidget* table() const { return m_table; }

private:
    void fillTable(const ImportReport& report);

    QLabel* m_summary = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace ShimScope
