// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvmappingdialog.h"

#include "casereader.h"
#include "csvparser.h"
#include "linereader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

namespace ShimScope
{

namespace
{
constexpr int kMaxPreviewLines = 2000; // a record spanning lines is previewed only this far

/// Untrusted cell text for a table: control characters shown as escapes, long cells cut.
QString cellText(const QByteArray& bytes)
{
    QString text = QString::fromUtf8(bytes.left(512));
    QString safe;
    safe.reserve(text.size());
    for (const QChar c : std::as_const(text))
    {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            safe += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            safe += c;
    }
    return bytes.size() > 512 ? safe + QStringLiteral("…") : safe;
}

QTableWidgetItem* readOnlyItem(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QString argvText(const QList<QByteArray>& argv)
{
    QStringList parts;
    for (const QByteArray& arg : argv)
    {
        const QString text = cellText(arg);
        parts.append(text.contains(QLatin1Char(' ')) || text.isEmpty() ? QLatin1Char('"') + text + QLatin1Char('"')
                                                                       : text);
    }
    return parts.join(QLatin1Char(' '));
}
} // namespace

CsvMappingDialog::CsvMappingDialog(const QString& path, const CsvMapping& initial, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("csvMappingDialog"));
    setWindowTitle(tr("Map CSV Columns"));
    loadFile(path);

    auto* layout = new QVBoxLayout(this);
    auto* fileLabel = new QLabel(tr("File: %1").arg(QFileInfo(path).fileName()), this);
    fileLabel->setObjectName(QStringLiteral("fileLabel"));
    fileLabel->setToolTip(path);
    fileLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(fileLabel);

    m_fileTable = new QTableWidget(this);
    m_fileTable->setObjectName(QStringLiteral("fileTable"));
    m_fileTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fileTable->setColumnCount(static_cast<int>(m_header.size()));
    m_fileTable->setHorizontalHeaderLabels(m_header);
    layout->addWidget(new QLabel(tr("The file’s first rows:"), this));
    layout->addWidget(m_fileTable, 1);

    auto* mappingBox = new QGroupBox(tr("Columns"), this);
    auto* form = new QFormLayout(mappingBox);
    for (int i = 0; i < kCsvFieldCount; ++i)
    {
        const auto field = static_cast<CsvField>(i);
        auto* combo = new QComboBox(mappingBox);
        combo->setObjectName(QStringLiteral("field_") + CsvMapping::fieldKey(field));
        combo->addItem(tr("(not mapped)"), QStringLiteral("-"));
        for (qsizetype c = 0; c < m_header.size(); ++c)
            combo->addItem(tr("#%1 %2").arg(c + 1).arg(m_header[c]), m_header[c]);
        m_fieldCombos[static_cast<size_t>(i)] = combo;
        const bool required = field == CsvField::Time || field == CsvField::Pid;
        form->addRow(required ? tr("%1 (required):").arg(CsvMapping::fieldLabel(field))
                              : tr("%1:").arg(CsvMapping::fieldLabel(field)),
                     combo);
    }
    m_timeZone = new QComboBox(mappingBox);
    m_timeZone->setObjectName(QStringLiteral("timeZone"));
    m_timeZone->setEditable(true);
    m_timeZone->addItem(QStringLiteral("UTC"));
    const QByteArray systemZone = QTimeZone::systemTimeZoneId();
    if (!systemZone.isEmpty() && systemZone != "UTC")
        m_timeZone->addItem(QString::fromUtf8(systemZone));
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
    {
        if (id != "UTC" && id != systemZone)
            m_timeZone->addItem(QString::fromUtf8(id));
    }
    m_timeZone->setToolTip(tr("Zone of times that state none. Times with Z or an offset keep their own."));
    form->addRow(tr("Time zone:"), m_timeZone);
    m_timeFormat = new QComboBox(mappingBox);
    m_timeFormat->setObjectName(QStringLiteral("timeFormat"));
    m_timeFormat->addItem(tr("Automatic"), QString());
    m_timeFormat->addItem(tr("ISO 8601 / RFC 3339"), QStringLiteral("iso"));
    m_timeFormat->addItem(tr("Epoch seconds"), QStringLiteral("epoch-s"));
    m_timeFormat->addItem(tr("Epoch milliseconds"), QStringLiteral("epoch-ms"));
    m_timeFormat->addItem(tr("Epoch microseconds"), QStringLiteral("epoch-us"));
    m_timeFormat->addItem(tr("Epoch nanoseconds"), QStringLiteral("epoch-ns"));
    m_timeFormat->addItem(tr("MM/DD/YYYY hh:mm:ss"), QStringLiteral("mdy"));
    m_timeFormat->addItem(tr("DD/MM/YYYY hh:mm:ss"), QStringLiteral("dmy"));
    form->addRow(tr("Time format:"), m_timeFormat);
    m_kind = new QComboBox(mappingBox);
    m_kind->setObjectName(QStringLiteral("defaultKind"));
    m_kind->addItem(tr("Process starts (exec)"), static_cast<int>(EventKind::Exec));
    m_kind->addItem(tr("Process listing (snapshot)"), static_cast<int>(EventKind::Snapshot));
    form->addRow(tr("Rows without a kind are:"), m_kind);

    auto* middle = new QHBoxLayout;
    middle->addWidget(mappingBox);
    m_preview = new QTableWidget(0, PreviewColumnCount, this);
    m_preview->setObjectName(QStringLiteral("previewTable"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setHorizontalHeaderLabels({tr("Line"), tr("PID"), tr("Time (UTC)"), tr("Executable"),
                                          tr("Arguments"), tr("Problem")});
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->verticalHeader()->hide();
    auto* previewBox = new QVBoxLayout;
    previewBox->addWidget(new QLabel(tr("As it would be imported:"), this));
    previewBox->addWidget(m_preview, 1);
    middle->addLayout(previewBox, 1);
    layout->addLayout(middle, 2);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_remember = new QCheckBox(tr("&Remember this mapping for files with these columns"), this);
    m_remember->setObjectName(QStringLiteral("rememberCheckBox"));
    layout->addWidget(m_remember);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // The file table: header + the raw records.
    {
        QList<QByteArrayList> records;
        CsvRecordReader reader([&records](QByteArrayList&& fields, int64_t) { records.append(std::move(fields)); },
                               [](int64_t, const QString&) {});
        int64_t n = 0;
        for (const QByteArray& line : std::as_const(m_lines))
            reader.feedLine(line, ++n);
        reader.finish();
        if (!records.isEmpty())
            records.removeFirst(); // the header
        m_fileTable->setRowCount(static_cast<int>(records.size()));
        for (qsizetype r = 0; r < records.size(); ++r)
        {
            for (qsizetype c = 0; c < records[r].size() && c < m_header.size(); ++c)
                m_fileTable->setItem(static_cast<int>(r), static_cast<int>(c), readOnlyItem(cellText(records[r][c])));
        }
    }

    bool any = false;
    for (int i = 0; i < kCsvFieldCount; ++i)
        any = any || initial.isMapped(static_cast<CsvField>(i));
    CsvMapping start = any ? initial : CsvMapping::automatic(m_header);
    if (!any)
    {
        start.timeZone = initial.timeZone;
        start.timeFormat = initial.timeFormat;
        start.defaultKind = initial.defaultKind;
    }
    applyMapping(start);

    for (QComboBox* combo : m_fieldCombos)
        connect(combo, &QComboBox::currentIndexChanged, this, &CsvMappingDialog::updatePreview);
    connect(m_timeZone, &QComboBox::currentTextChanged, this, &CsvMappingDialog::updatePreview);
    connect(m_timeFormat, &QComboBox::currentIndexChanged, this, &CsvMappingDialog::updatePreview);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &CsvMappingDialog::updatePreview);
    updatePreview();
}

void CsvMappingDialog::loadFile(const QString& path)
{
    LineReader reader(path);
    if (!reader.open())
    {
        m_loadError = reader.error();
        return;
    }
    int records = -1; // the header is record 0
    CsvRecordReader csv(
        [this, &records](QByteArrayList&& fields, int64_t) {
            if (records < 0)
            {
                for (const QByteArray& name : std::as_const(fields))
                    m_header.append(QString::fromUtf8(name).trimmed());
            }
            ++records;
        },
        [](int64_t, const QString&) {});
    QByteArrayView line;
    while (records < kPreviewRows && m_lines.size() < kMaxPreviewLines && reader.next(&line))
    {
        m_lines.append(line.toByteArray());
        csv.feedLine(line, reader.lineNumber());
    }
    if (reader.failed())
        m_loadError = reader.error();
    else if (m_header.size() < 2)
        m_loadError = tr("This file has no header line of delimited column names.");
}

void CsvMappingDialog::applyMapping(const CsvMapping& mapping)
{
    for (int i = 0; i < kCsvFieldCount; ++i)
    {
        QComboBox* combo = m_fieldCombos[static_cast<size_t>(i)];
        const auto field = static_cast<CsvField>(i);
        int index = 0;
        if (mapping.isMapped(field))
        {
            const QString& spec = mapping.column(field);
            const int column = CsvMapping::columnIndex(spec, m_header);
            if (column >= 0)
            {
                index = column + 1;
            }
            else
            {
                // "DATE+TIME" and other specs that are not one column: offered as they are.
                combo->addItem(spec, spec);
                index = combo->count() - 1;
            }
        }
        combo->setCurrentIndex(index);
    }
    m_timeZone->setCurrentText(mapping.timeZone.isEmpty() ? QStringLiteral("UTC") : mapping.timeZone);
    m_timeFormat->setCurrentIndex(std::max(0, m_timeFormat->findData(mapping.timeFormat)));
    m_kind->setCurrentIndex(mapping.defaultKind == EventKind::Snapshot ? 1 : 0);
}

CsvMapping CsvMappingDialog::mapping() const
{
    CsvMapping result;
    for (int i = 0; i < kCsvFieldCount; ++i)
        result.columns[static_cast<size_t>(i)] = m_fieldCombos[static_cast<size_t>(i)]->currentData().toString();
    const QString zone = m_timeZone->currentText().trimmed();
    result.timeZone = zone == QLatin1String("UTC") ? QString() : zone;
    result.timeFormat = m_timeFormat->currentData().toString();
    result.defaultKind = static_cast<EventKind>(m_kind->currentData().toInt());
    return result;
}

bool CsvMappingDialog::remember() const
{
    return m_remember->isChecked();
}

void CsvMappingDialog::updatePreview()
{
    const CsvMapping current = mapping();
    const QStringList missing = current.missingRequired();
    const bool zoneOk = csvTimeZone(current.timeZone).isValid();
    m_ok->setEnabled(m_loadError.isEmpty() && missing.isEmpty() && zoneOk);

    m_preview->setRowCount(0);
    if (!m_loadError.isEmpty())
    {
        m_status->setText(m_loadError);
        return;
    }
    if (!missing.isEmpty())
    {
        QStringList labels;
        if (!current.isMapped(CsvField::Time))
            labels.append(CsvMapping::fieldLabel(CsvField::Time));
        if (!current.isMapped(CsvField::Pid))
            labels.append(CsvMapping::fieldLabel(CsvField::Pid));
        if (!current.isMapped(CsvField::Exe) && !current.isMapped(CsvField::CommandLine))
            labels.append(tr("%1 or %2").arg(CsvMapping::fieldLabel(CsvField::Exe),
                                             CsvMapping::fieldLabel(CsvField::CommandLine)));
        m_status->setText(tr("Map %1 to import this file.").arg(labels.join(tr(", "))));
        return;
    }
    if (!zoneOk)
    {
        m_status->setText(tr("Unknown time zone “%1”.").arg(current.timeZone));
        return;
    }

    // The real parser, with exactly this mapping ("-" keeps unmapped fields unmapped).
    QList<ExecEvent> events;
    CsvParser parser([&events](ExecEvent&& event) { events.append(std::move(event)); }, {},
                     CsvParserOptions{{current}, {}});
    int64_t n = 0;
    for (const QByteArray& line : std::as_const(m_lines))
        parser.feedLine(line, ++n);
    // No finish(): the preview may stop inside a record that continues in the file.

    // One preview row per record line, in file order: events, and the errors of skipped rows.
    struct Row
    {
        int64_t line = 0;
        const ExecEvent* event = nullptr;
        QString problem;
    };
    QList<Row> rows;
    for (const ExecEvent& e : std::as_const(events))
        rows.append({e.line, &e, {}});
    for (const RecordError& e : parser.stats().errors)
    {
        if (e.line > 1) // header-level messages go to the status line
            rows.append({e.line, nullptr, e.message});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.line < b.line; });
    m_preview->setRowCount(static_cast<int>(rows.size()));
    const QColor errorColour = QColor(Qt::red);
    for (qsizetype r = 0; r < rows.size(); ++r)
    {
        const int row = static_cast<int>(r);
        m_preview->setItem(row, LineColumn, readOnlyItem(QString::number(rows[r].line)));
        if (const ExecEvent* e = rows[r].event)
        {
            m_preview->setItem(row, PidColumn, readOnlyItem(QString::number(e->pid)));
            m_preview->setItem(row, TimeColumn, readOnlyItem(formatTimestamp(e->timeNs)));
            m_preview->setItem(row, ExeColumn, readOnlyItem(cellText(e->exe)));
            m_preview->setItem(row, ArgvColumn, readOnlyItem(argvText(e->argv)));
            m_preview->setItem(row, ProblemColumn, readOnlyItem(QString()));
        }
        else
        {
            for (int c = PidColumn; c < ProblemColumn; ++c)
                m_preview->setItem(row, c, readOnlyItem(QString()));
            auto* problem = readOnlyItem(rows[r].problem);
            problem->setForeground(errorColour);
            problem->setToolTip(rows[r].problem.toHtmlEscaped());
            m_preview->setItem(row, ProblemColumn, problem);
        }
    }
    const SourceStats& stats = parser.stats();
    QString status = tr("Preview of the first %1 rows: %2 would be imported, %3 skipped.")
                         .arg(stats.recordsRead)
                         .arg(stats.events)
                         .arg(stats.recordsSkipped);
    if (!stats.errors.isEmpty() && stats.errors.first().line <= 1)
        status += QLatin1Char(' ') + stats.errors.first().message;
    m_status->setText(status);
}

} // namespace ShimScope
