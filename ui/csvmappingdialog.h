// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "csvmapping.h"

#include <QByteArrayList>
#include <QDialog>

#include <array>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace ShimScope
{

/**
 * Lets the analyst say which column of a CSV/TSV export is which event field. Shows the file name, the header and
 * the first kPreviewRows records as they are in the file, one combo per field, the time zone, time format and row
 * kind, and a live preview of those records as the importer would read them (pid, time, exe, argv; a row the
 * importer would skip shows its error in red). OK stays disabled until time, pid and exe or command line are mapped.
 *
 * The preview runs the real CsvParser over the file's first lines with mapping(), so what is shown is what an import
 * with that mapping does. The caller decides what to do with the result (ImportOptions::csvMappings, and
 * CsvMappingStore::remember() when remember()).
 */
class CsvMappingDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kPreviewRows = 20;

    enum PreviewColumn
    {
        LineColumn,
        PidColumn,
        TimeColumn,
        ExeColumn,
        ArgvColumn,
        ProblemColumn,
        PreviewColumnCount
    };

    /// initial: the remembered or automatic mapping to start from; when it maps nothing, the automatic mapping of
    /// the file's header is used.
    CsvMappingDialog(const QString& path, const CsvMapping& initial, QWidget* parent = nullptr);

    /// Every field is set: a column, or "-" for a field left unmapped (so the automatic mapping does not refill it).
    CsvMapping mapping() const;
    bool remember() const;

    QStringList header() const { return m_header; }
    /// Empty when the file was read; else why not (shown in the dialog too).
    QString loadError() const { return m_loadError; }
    QComboBox* fieldCombo(CsvField field) const { return m_fieldCombos[static_cast<size_t>(field)]; }
    QComboBox* timeZoneCombo() const { return m_timeZone; }
    QComboBox* timeFormatCombo() const { return m_timeFormat; }
    QComboBox* kindCombo() const { return m_kind; }
    QCheckBox* rememberCheckBox() const { return m_remember; }
    QPushButton* okButton() const { return m_ok; }
    QTableWidget* fileTable() const { return m_fileTable; }
    QTableWidget* previewTable() const { return m_preview; }

private:
    void loadFile(const QString& path);
    void applyMapping(const CsvMapping& mapping);
    void updatePreview();

    QStringList m_header;
    QByteArrayList m_lines; ///< the file's first lines, up to the end of the last previewed record
    QString m_loadError;
    std::array<QComboBox*, kCsvFieldCount> m_fieldCombos{};
    QComboBox* m_timeZone = nullptr;
    QComboBox* m_timeFormat = nullptr;
    QComboBox* m_kind = nullptr;
    QCheckBox* m_remember = nullptr;
    QPushButton* m_ok = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_fileTable = nullptr;
    QTableWidget* m_preview = nullptr;
};

} // namespace ShimScope
